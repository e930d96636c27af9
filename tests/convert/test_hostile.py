"""Hostile or damaged documents: refused before they cost much, or read without anything they
hold being run, fetched or followed; a French message, exit code 2, no traceback."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from cli_run import run

from stspd_cli.archive import MAX_MEMBERS
from stspd_cli.convert.limits import MAX_CONTAINER, MAX_PAGES
from stspd_cli.convert.read_pdf import PARALLEL_FROM
from stspd_cli.convert.words import fold
from stspd_cli.source import MAX_BYTES

from .documents import convert

_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/attachedTemplate" Target="http://127.0.0.1:9/modele.dotm" '
    'TargetMode="External"/></Relationships>'
)


def _refused(capsys: pytest.CaptureFixture[str], source: Path, message: str) -> None:
    target = source.with_suffix(".yaml")
    code, out, err = run(capsys, "convertir", str(source), "-o", str(target))
    assert (code, out) == (2, "")
    assert message in err
    assert "Traceback" not in err
    assert not target.exists()


def _docx(path: Path, *paragraphs: str) -> Path:
    from docx import Document  # noqa: PLC0415

    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))
    return path


def test_a_zip_bomb_is_refused_before_decompressing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bomb = tmp_path / "bombe.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (20 * 1024 * 1024))
    assert bomb.stat().st_size < 100_000
    _refused(capsys, bomb, "archive suspecte (bombe de décompression)")


def test_an_archive_of_too_many_members_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    many = tmp_path / "fichiers.odt"
    with zipfile.ZipFile(many, "w") as archive:
        for n in range(MAX_MEMBERS + 1):
            archive.writestr(f"x/{n}", "")
    _refused(capsys, many, "document LibreOffice refusé : archive de plus de 1\u202f000 fichiers")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "faux.docx",
            b"ceci n'est pas une archive",
            "document Word endommagé (archive zip illisible)",
        ),
        ("autre.docx", b"", "document Word endommagé"),
        ("abime.pdf", b"%PDF-1.7\n1 0 obj <<", "PDF illisible ou endommagé"),
        ("binaire.txt", b"Strat\x00egie", "octet nul : ce fichier est binaire"),
        ("latin1.md", "Stratégie".encode("cp1252"), "le fichier n'est pas en UTF-8"),
    ],
)
def test_damaged_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    _refused(capsys, path, message)


def test_a_zip_that_is_not_the_document_it_claims(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "classeur.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    _refused(
        capsys, path, "archive zip qui n'est pas un document Word (« word/document.xml » absent)"
    )


@pytest.mark.parametrize(("suffix", "limit"), [(".pdf", MAX_CONTAINER), (".txt", MAX_BYTES)])
def test_too_big_is_refused_unread(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, suffix: str, limit: int
) -> None:
    path = tmp_path / f"enorme{suffix}"
    with path.open("wb") as handle:
        handle.truncate(limit + 1)  # sparse: nothing is written, nothing is read
    _refused(capsys, path, "fichier trop gros")


def test_a_pdf_of_too_many_pages(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from pypdf import PdfWriter  # noqa: PLC0415

    writer = PdfWriter()
    for _ in range(MAX_PAGES + 1):
        writer.add_blank_page(width=595, height=842)
    path = tmp_path / "pages.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    _refused(capsys, path, "PDF de 501 pages (limite 500)")


def test_a_pdf_without_text(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from pypdf import PdfWriter  # noqa: PLC0415

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    path = tmp_path / "scan.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    _refused(capsys, path, "ce PDF n'a pas de texte (pages scannées ?)")


@pytest.mark.parametrize("pages", [2, PARALLEL_FROM + 2], ids=["ce-processus", "sur-chaque-coeur"])
def test_a_damaged_page_is_said_whoever_reads_it(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    pages: int,
) -> None:
    """A page pdfminer cannot read (a filter it does not know), whether the pages are read in
    this process or by workers: the same message, with pdfminer's own word."""
    from pypdf import PdfWriter  # noqa: PLC0415

    from stspd_cli import workers  # noqa: PLC0415

    monkeypatch.setattr(workers, "cores", lambda: 2)  # workers even on a one-core machine
    from pypdf.generic import NameObject, StreamObject  # noqa: PLC0415

    writer = PdfWriter()
    for n in range(pages):
        page = writer.add_blank_page(width=595, height=842)
        if n == 1:
            contents = StreamObject()
            contents.set_data(b"BT /F1 12 Tf (x) Tj ET")
            contents[NameObject("/Filter")] = NameObject("/InconnuDecode")
            page[NameObject("/Contents")] = writer._add_object(contents)
    path = tmp_path / "page-abimee.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    _refused(capsys, path, "PDF illisible ou endommagé (détail technique : Unsupported filter")


def test_a_named_pipe_is_refused_without_waiting(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    fifo = tmp_path / "tube.txt"
    os.mkfifo(fifo)
    _refused(capsys, fifo, "tube.txt : c'est un tube nommé (FIFO), pas un fichier ordinaire")


def test_macros_and_external_links_are_never_run_nor_followed(tmp_path: Path) -> None:
    plain = _docx(tmp_path / "simple.docx", "Stratégie de Val-Fictif", "Les plans d'action")
    hostile = tmp_path / "macros.docx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(hostile, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/_rels/settings.xml.rels":
                continue
            target.writestr(item, data)
        target.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro")
        target.writestr("word/_rels/settings.xml.rels", _RELS)
    done = convert(hostile)
    assert done.notes == [
        "1 lien(s) externe(s) du document ni suivi(s) ni ouvert(s)",
        "macros du document ignorées, jamais exécutées (word/vbaProject.bin)",
    ]
    assert done.data["strategie"]["titre"] == "Stratégie de Val-Fictif"


def test_a_web_page_with_scripts_keeps_none_of_them(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><script>fetch('http://127.0.0.1:9/vol')</script>"
        "<style>body{background:url(http://127.0.0.1:9/x.png)}</style></head><body>"
        "<nav><a href='/'>Accueil</a> <a href='/compte'>Mon compte</a></nav>"
        "<div class='cookie-banner'>Ce site utilise des cookies. "
        "<button>Tout accepter</button></div>"
        "<main><h1>Stratégie territoriale de Val-Fictif</h1>"
        "<p onclick=\"alert('x')\">La Ville de Val-Fictif s'engage.</p>"
        "<iframe src='http://127.0.0.1:9/pub'></iframe>"
        "<img src='http://127.0.0.1:9/suivi.gif' alt=''>"
        "<h2>Les plans d'action</h2><h3>Plan de tranquillité</h3>"
        "<p>Action n°1 : Médiation de nuit pour apaiser les quartiers</p>"
        "<script>document.write('Action n°2 : injectée')</script></main>"
        "<footer>Mentions légales – Plan du site</footer></body></html>",
        encoding="utf-8",
    )
    done = convert(page)
    text = fold(done.text)
    for word in ("fetch", "alert", "injectee", "cookies", "mentions legales", "mon compte", "127"):
        assert word not in text
    actions = done.data["plans"][0]["actions"]
    assert [(a["numero"], a["titre"], a["finalite"]) for a in actions] == [
        (1, "Médiation de nuit", "apaiser les quartiers")
    ]
    assert "<script>" in done.left_out and "<nav> Accueil Mon compte" in done.left_out
    assert done.coverage.share == 1.0


def test_markdown_raw_html_is_not_text(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "# Stratégie de Val-Fictif\n\n<script>alert(1)</script>\n\n"
        "## Les plans d'action\n\n### Plan jeunesse\n\n- Action n°1 : Chantier éducatif\n",
        encoding="utf-8",
    )
    done = convert(page)
    assert "alert" not in done.text
    assert done.data["plans"][0]["actions"][0]["titre"] == "Chantier éducatif"


def test_zip_check_reads_no_member_to_refuse(tmp_path: Path) -> None:
    """The bomb is refused from the table of contents: the member is never decompressed."""
    from stspd_cli.convert.limits import check_archive  # noqa: PLC0415
    from stspd_cli.errors import UnreadableInputError  # noqa: PLC0415

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("content.xml", b" " * (8 * 1024 * 1024))
    with pytest.raises(UnreadableInputError, match="se décompresse"):
        check_archive(buffer.getvalue(), "x.odt", "odt")


def test_what_pandoc_cannot_read_is_said_in_french(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A Word document whose body is cut in half passes the archive checks; pandoc's own
    reason follows the French message (not the runtime's backtrace, nor a wrapper's words)."""
    whole = _docx(tmp_path / "entier.docx", "Bonjour")
    cut = tmp_path / "coupe.docx"
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(cut, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]
            target.writestr(item, data)
    _refused(capsys, cut, "coupe.docx : document illisible (couldn't parse docx file")
    assert "HasCallStack" not in capsys.readouterr().err


@pytest.mark.parametrize(
    ("kind", "reader"), [("docx", "docx"), ("odt", "odt"), ("md", "markdown-smart")]
)
def test_one_pandoc_process_reads_a_document(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
    reader: str,
) -> None:
    """pandoc runs once for a document: nothing asks it its version or its formats first."""
    from stspd_cli import pandoc  # noqa: PLC0415

    source = tmp_path / f"strategie.{kind}"
    if kind == "md":
        source.write_text("# Axe 1\n\nBonjour.\n", encoding="utf-8")
    else:
        docx = _docx(tmp_path / "source.docx", "Axe 1", "Bonjour.")
        written = pandoc.run(["--from=docx", f"--to={kind}", "--output=-", "--", str(docx)])
        source.write_bytes(written)
    log = tmp_path / "appels.txt"
    wrapper = tmp_path / "pandoc"
    wrapper.write_text(
        f'#!/bin/sh\necho "$*" >> "{log}"\nexec "{pandoc.pandoc_path()}" "$@"\n',
        encoding="utf-8",
    )
    wrapper.chmod(0o755)
    monkeypatch.setenv("STSPD_PANDOC", str(wrapper))
    pandoc.pandoc_path.cache_clear()
    try:
        code, _out, err = run(capsys, "convertir", str(source), "-o", str(tmp_path / "s.yaml"))
    finally:
        pandoc.pandoc_path.cache_clear()
    assert code in (0, 1), err  # converted (valid or with findings to complete)
    calls = log.read_text(encoding="utf-8").splitlines()
    assert len(calls) == 1, calls
    assert calls[0].startswith(f"--sandbox --from={reader} --to=json")
