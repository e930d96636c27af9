"""Documents kept to be given again (stspd_cli/render/document_cache.py): a public page is
printed (or made into docx and odt) once, a restricted one always and never kept; an entry
planted by someone else, stale fonts, libraries or pandoc, or caches turned off mean making it
again; the folder keeps what was used last."""

from __future__ import annotations

import importlib.util
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from stspd_cli import office, pandoc, signing, workers
from stspd_cli.diff import diff_documents
from stspd_cli.diff.formats import FORMATS as DIFF_FORMATS
from stspd_cli.diff.formats import DiffOutput
from stspd_cli.diff.present import present
from stspd_cli.render import document_cache, load_strategy, output, pdf, render_document
from stspd_cli.render.output import render_paths
from stspd_cli.report.compute import territory_report
from stspd_cli.report.formats import FORMATS as REPORT_FORMATS

from .support import LILLE, LOOS

PAGE = "<html lang='fr'><body><p>Feuille de route</p></body></html>"


def _name(page: str) -> str:
    return document_cache.entry_name("pdf", [page.encode()])


@pytest.fixture
def printed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    """The pages WeasyPrint is asked to print (a stand-in printer), and those made into docx
    or odt (by pandoc), with the cache in a folder of the test's own."""
    pages: list[str] = []

    def fake_print(html: str) -> bytes:
        pages.append(html)
        return b"%PDF-1.7 " + str(len(pages)).encode()

    monkeypatch.setattr(pdf, "_print", fake_print)
    monkeypatch.setattr(document_cache, "_existing_folder", lambda: tmp_path / "pdf")
    (tmp_path / "pdf").mkdir()
    real = office._made

    def counted(html: str, kind: str, meta: office.OfficeMeta, model: Path) -> bytes:
        pages.append(f"{kind}:{html}")
        return real(html, kind, meta, model)

    monkeypatch.setattr(office, "_made", counted)
    monkeypatch.delenv("STSPD_NO_CACHE", raising=False)
    return pages


def _entries(tmp_path: Path, kind: str = "pdf") -> list[Path]:
    return sorted((tmp_path / "pdf").glob(f"*.{kind}"))


def test_a_public_page_is_printed_once(printed: list[str], tmp_path: Path) -> None:
    first = pdf.html_to_pdf(PAGE, public=True)
    again = pdf.html_to_pdf(PAGE, public=True)
    assert again == first
    assert printed == [PAGE]
    [entry] = _entries(tmp_path)
    assert signing.read_entry(entry, "pdf", entry.stem) == first
    assert entry.stat().st_mode & 0o077 == 0  # readable by its owner only


def test_another_page_is_printed(printed: list[str]) -> None:
    pdf.html_to_pdf(PAGE, public=True)
    other = PAGE.replace("Feuille", "Bilan")
    pdf.html_to_pdf(other, public=True)
    assert printed == [PAGE, other]


def test_a_restricted_page_is_never_kept(printed: list[str], tmp_path: Path) -> None:
    pdf.html_to_pdf(PAGE)
    pdf.html_to_pdf(PAGE)
    assert printed == [PAGE, PAGE]
    assert _entries(tmp_path) == []


def _diff_pdf(interne: bool) -> bytes:
    doc = load_strategy(LOOS)
    changes = diff_documents(doc, doc)
    shown = present(changes, doc, doc, "ancienne.yaml", "nouvelle.yaml")
    out = DiffOutput(changes, shown, interne=interne)
    data = DIFF_FORMATS["pdf"](out)
    assert isinstance(data, bytes)
    return data


def _report_pdf(interne: bool) -> bytes:
    report = {
        "date": "2026-12-31",
        "diffusion": "interne" if interne else "publique",
        "territoires": [territory_report(load_strategy(LOOS), date(2026, 12, 31), "loos")],
    }
    data = REPORT_FORMATS["pdf"](report, False)
    assert isinstance(data, bytes)
    return data


def _render_pdf(interne: bool) -> bytes:
    return render_document(load_strategy(LOOS), "pdf", interne=interne)


@pytest.mark.parametrize(
    "make", [_render_pdf, _report_pdf, _diff_pdf], ids=["feuille", "bilan", "note"]
)
def test_each_document_is_kept_in_its_public_version_only(
    make: object, printed: list[str], tmp_path: Path
) -> None:
    assert callable(make)
    make(True)
    make(True)
    assert len(printed) == 2  # the restricted version, printed each time
    assert _entries(tmp_path) == []
    public = make(False)
    assert make(False) == public
    assert len(printed) == 3
    assert len(_entries(tmp_path)) == 1


@pytest.mark.parametrize("kind", ["docx", "odt"])
def test_office_documents_are_kept_in_their_public_version_only(
    kind: str, printed: list[str], tmp_path: Path
) -> None:
    doc = load_strategy(LOOS)
    restricted = render_document(doc, kind, interne=True)
    assert render_document(doc, kind, interne=True) == restricted
    assert len(printed) == 2
    assert _entries(tmp_path, kind) == []
    public = render_document(doc, kind)
    assert render_document(doc, kind) == public
    assert len(printed) == 3
    [entry] = _entries(tmp_path, kind)
    assert signing.read_entry(entry, kind, entry.stem) == public
    # A kind's entry is not another kind's: the odt of the same page is made.
    other = "odt" if kind == "docx" else "docx"
    render_document(doc, other)
    assert len(printed) == 4


def test_another_reference_document_or_pandoc_makes_it_again(
    printed: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stspd_cli.office.reference import default_model  # noqa: PLC0415

    meta = office.OfficeMeta("Titre", "Auteur", "CLSPD Test")
    model = tmp_path / "modele.docx"
    model.write_bytes(default_model("docx").read_bytes())
    first = office.office_document(PAGE, "docx", meta, model)
    assert office.office_document(PAGE, "docx", meta, model) == first
    assert len(printed) == 1
    office.office_document(PAGE, "docx", meta._replace(title="Autre titre"), model)
    assert len(printed) == 2
    with model.open("ab") as handle:  # the town's reference document changed
        handle.write(b"\0")
    office.office_document(PAGE, "docx", meta, model)
    assert len(printed) == 3
    model.write_bytes(default_model("docx").read_bytes())
    office.office_document(PAGE, "docx", meta, model)
    assert len(printed) == 3  # the same reference document again: kept
    real = pandoc.pandoc_path()
    other = tmp_path / "pandoc"
    other.symlink_to(real)  # another pandoc, named by STSPD_PANDOC
    monkeypatch.setenv("STSPD_PANDOC", str(other))
    pandoc.pandoc_path.cache_clear()
    try:
        office.office_document(PAGE, "docx", meta, model)
    finally:
        pandoc.pandoc_path.cache_clear()
    assert len(printed) == 4


def test_a_planted_entry_is_not_given(printed: list[str], tmp_path: Path) -> None:
    """A file put in the cache folder under the right name, but not signed by this user's
    key, is a miss: the page is printed, and the forged file replaced."""
    entry = tmp_path / "pdf" / f"{_name(PAGE)}.pdf"
    entry.write_bytes(signing.MAGIC + b"\0" * signing.SIGNATURE_SIZE + b"%PDF-forged")
    assert pdf.html_to_pdf(PAGE, public=True) == b"%PDF-1.7 1"
    assert printed == [PAGE]
    assert b"forged" not in entry.read_bytes()


def test_a_signed_entry_for_another_page_is_not_given(printed: list[str], tmp_path: Path) -> None:
    """A genuine entry copied under another page's name does not verify."""
    pdf.html_to_pdf(PAGE, public=True)
    [entry] = _entries(tmp_path)
    other = PAGE.replace("Feuille", "Bilan")
    entry.rename(tmp_path / "pdf" / f"{_name(other)}.pdf")
    pdf.html_to_pdf(other, public=True)
    assert printed == [PAGE, other]


def test_fonts_changed_print_again(
    printed: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fonts = tmp_path / "fonts"
    (fonts / "truetype").mkdir(parents=True)
    monkeypatch.setattr(document_cache, "_font_roots", lambda: [fonts])
    document_cache.printing_fingerprint.cache_clear()
    try:
        pdf.html_to_pdf(PAGE, public=True)
        pdf.html_to_pdf(PAGE, public=True)
        assert len(printed) == 1
        (fonts / "truetype" / "nouvelle").mkdir()  # a font package installed
        os.utime(fonts / "truetype", ns=(1, 1))
        document_cache.printing_fingerprint.cache_clear()  # a new stspd process
        pdf.html_to_pdf(PAGE, public=True)
        assert len(printed) == 2
    finally:
        document_cache.printing_fingerprint.cache_clear()


def test_another_weasyprint_prints_again(
    printed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from importlib import metadata  # noqa: PLC0415

    pdf.html_to_pdf(PAGE, public=True)
    real = metadata.version

    def version(name: str) -> str:
        return "999.0" if name == "weasyprint" else real(name)

    monkeypatch.setattr(metadata, "version", version)
    document_cache.printing_fingerprint.cache_clear()
    try:
        pdf.html_to_pdf(PAGE, public=True)
    finally:
        document_cache.printing_fingerprint.cache_clear()
    assert len(printed) == 2


def test_no_cache_prints_everything_and_keeps_nothing(
    printed: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STSPD_NO_CACHE", "1")
    pdf.html_to_pdf(PAGE, public=True)
    pdf.html_to_pdf(PAGE, public=True)
    assert len(printed) == 2
    assert _entries(tmp_path) == []


def test_the_folder_keeps_what_was_used_last(
    printed: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(document_cache, "MAX_ENTRIES", 3)
    pages = [PAGE.replace("Feuille", f"Page {n}") for n in range(5)]
    for n, page in enumerate(pages[:3]):
        pdf.html_to_pdf(page, public=True)
        for entry in _entries(tmp_path):  # dates one second apart, oldest first
            if entry.stem == _name(page):
                os.utime(entry, ns=(n * 10**9, n * 10**9))
    pdf.html_to_pdf(pages[0], public=True)  # used again: now the newest
    pdf.html_to_pdf(pages[3], public=True)
    pdf.html_to_pdf(pages[4], public=True)
    kept = {entry.stem for entry in _entries(tmp_path)}
    assert kept == {_name(p) for p in (pages[0], pages[3], pages[4])}
    assert len(printed) == 5


@pytest.mark.skipif(importlib.util.find_spec("weasyprint") is None, reason="WeasyPrint absent")
def test_a_kept_pdf_is_what_weasyprint_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(document_cache, "_existing_folder", lambda: tmp_path)
    monkeypatch.delenv("STSPD_NO_CACHE", raising=False)
    kept = pdf.html_to_pdf(PAGE, public=True)
    assert kept == pdf.html_to_pdf(PAGE, public=True) == pdf.html_to_pdf(PAGE)
    assert kept.startswith(b"%PDF-")


def test_no_home_folder_still_prints(
    printed: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without a home folder (a user without one), the fonts of the system are looked at, and
    the PDF printed and kept as anywhere."""

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    roots = document_cache._font_roots()
    assert Path("/usr/share/fonts") in roots
    assert not any(root.name == ".fonts" for root in roots)
    document_cache.printing_fingerprint.cache_clear()
    try:
        pdf.html_to_pdf(PAGE, public=True)
        pdf.html_to_pdf(PAGE, public=True)
    finally:
        document_cache.printing_fingerprint.cache_clear()
    assert printed == [PAGE]
    assert len(_entries(tmp_path)) == 1


def _loaded_ahead(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each time ``stspd render`` loads WeasyPrint ahead: on another core for one PDF
    (``printer_ahead``), before the workers fork for a folder (the ``preload`` of
    ``in_order``, whose work is then done here, one after the other)."""
    loads: list[str] = []

    @contextmanager
    def ahead() -> Iterator[None]:
        loads.append("un")
        yield

    def in_order(work: Any, items: Any, *, preload: Any = None, **_: Any) -> list[Any]:
        if preload is not None:
            preload()
        return [work(item) for item in items]

    monkeypatch.setattr(pdf, "printer_ahead", ahead)
    monkeypatch.setattr(output, "_preload", lambda name: loads.append("dossier"))
    monkeypatch.setattr(workers, "in_order", in_order)
    return loads


def _strategies(tmp_path: Path, *sources: Path) -> Path:
    folder = tmp_path / "strategies"
    folder.mkdir()
    for source in sources:
        shutil.copyfile(source, folder / source.name)
    return folder


def _marks(tmp_path: Path) -> list[Path]:
    return _entries(tmp_path, document_cache.MARK)


def test_an_unchanged_strategy_kept_before_loads_nothing_ahead(
    printed: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loads = _loaded_ahead(monkeypatch)
    source = _strategies(tmp_path, LOOS) / LOOS.name
    target = tmp_path / "loos.pdf"
    assert render_paths([source], output=str(target)).errors == []
    first = target.read_bytes()
    assert render_paths([source], output=str(target)).errors == []
    assert target.read_bytes() == first
    assert loads == ["un"]  # the second time, the document came from the cache
    assert len(printed) == 1
    assert len(_marks(tmp_path)) == 1
    # A comment added: the page is the same (given from the cache), but the file is another.
    source.write_text(source.read_text(encoding="utf-8") + "# relu\n", encoding="utf-8")
    render_paths([source], output=str(target))
    assert target.read_bytes() == first
    assert loads == ["un", "un"]
    assert len(printed) == 1


def test_a_folder_kept_before_loads_nothing_ahead_until_one_strategy_changes(
    printed: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loads = _loaded_ahead(monkeypatch)
    folder = _strategies(tmp_path, LOOS, LILLE)
    build = tmp_path / "build"
    for _ in range(2):
        assert render_paths([folder], output=str(build), format_name="pdf").errors == []
    assert loads == ["dossier"]
    assert len(printed) == 2
    lille = folder / LILLE.name
    lille.write_text(lille.read_text(encoding="utf-8") + "# relu\n", encoding="utf-8")
    render_paths([folder], output=str(build), format_name="pdf")
    assert loads == ["dossier", "dossier"]


def test_a_wrong_mark_only_costs_the_preparation(
    printed: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A mark whose document is not there (planted, or the templates changed since): nothing
    is loaded ahead, and the document is printed all the same, from its page."""
    loads = _loaded_ahead(monkeypatch)
    source = _strategies(tmp_path, LOOS) / LOOS.name
    target = tmp_path / "loos.pdf"
    render_paths([source], output=str(target))
    for entry in _entries(tmp_path):
        entry.unlink()
    render_paths([source], output=str(target))
    assert loads == ["un"]
    assert len(printed) == 2
    assert target.read_bytes().startswith(b"%PDF-")


def test_restricted_versions_and_caches_off_leave_no_mark(
    printed: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loads = _loaded_ahead(monkeypatch)
    source = _strategies(tmp_path, LOOS) / LOOS.name
    for _ in range(2):
        render_paths([source], output=str(tmp_path / "interne.pdf"), interne=True)
    monkeypatch.setenv("STSPD_NO_CACHE", "1")
    for _ in range(2):
        render_paths([source], output=str(tmp_path / "loos.pdf"))
    assert _marks(tmp_path) == []
    assert loads == ["un"] * 4
    assert len(printed) == 4


def test_the_folder_keeps_the_marks_used_last(
    printed: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(document_cache, "MAX_ENTRIES", 3)
    options = ["", "", "2026-12-01"]
    sources = []
    for n in range(5):
        source = tmp_path / f"s{n}.yaml"
        source.write_text(f"n: {n}\n", encoding="utf-8")
        sources.append(source)
        document_cache.mark_kept("pdf", source, options)
        [mark] = [m for m in _marks(tmp_path) if m.stat().st_mtime_ns > n * 10**9]
        os.utime(mark, ns=(n * 10**9, n * 10**9))  # dates one second apart, oldest first
    pdf.html_to_pdf(PAGE, public=True)  # a document kept: the folder is pruned
    assert len(_marks(tmp_path)) == 3
    assert [document_cache.kept_before("pdf", [s], options) for s in sources] == [
        False,
        False,
        True,
        True,
        True,
    ]
