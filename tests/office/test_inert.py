"""What a strategy says stays words in an office document: no field, hyperlink or macro comes
from the data. A town's reference document is data too: refused when it could act."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from cli_run import run
from render.support import DEMO

from stspd_cli.errors import TemplateError
from stspd_cli.office.reference import check_model, default_model
from stspd_cli.render import load_strategy, render_document

from .support import all_xml, docx_text, odt_text, part

HOSTILE = {
    "formule": "=cmd|' /C calc'!A0",
    "champ": '{ INCLUDETEXT "c:/x" }',
    "script": "[cliquez](javascript:alert(1))",
    "fichier": "[voir](file:///etc/passwd)",
}


def _hostile_strategy(tmp_path: Path) -> Path:
    text = DEMO.read_text(encoding="utf-8")
    lines = " ".join(HOSTILE.values()).replace('"', '\\"')
    text = text.replace("  presentation: |-\n", f"  presentation: |-\n    {lines}\n\n", 1)
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", ["docx", "odt"])
def test_hostile_texts_come_out_as_plain_text(tmp_path: Path, kind: str) -> None:
    data = render_document(load_strategy(_hostile_strategy(tmp_path)), kind)
    text = (docx_text if kind == "docx" else odt_text)(data)
    flat = " ".join(text.replace("\u2019", "'").split())
    for shown in HOSTILE.values():  # the link the Markdown reader refused is its text too
        assert shown in flat
    xml = all_xml(data)
    assert not re.search(r'(Target|xlink:href)="\s*(javascript|file):', xml)
    if kind == "docx":
        body = part(data, "word/document.xml")
        # The only field of the body is the table of contents.
        assert re.findall(r"<w:instrText[^>]*>([^<]*)<", body) == [' TOC \\o "1-3" \\h \\z \\u ']
        assert "<w:fldSimple" not in body
        rels = part(data, "word/_rels/document.xml.rels")
        assert "javascript" not in rels and "file:" not in rels
    else:
        body = part(data, "content.xml")
        assert "<text:execute-macro" not in body and "<office:script" not in body


def _docx_with(tmp_path: Path, name: str, extra: dict[str, bytes]) -> Path:
    source = zipfile.ZipFile(default_model("docx"))
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, extra.pop(info.filename, source.read(info)))
        for part_name, content in extra.items():
            target.writestr(part_name, content)
    return path


def test_default_models_pass_the_checks() -> None:
    check_model(default_model("docx"), "docx")
    check_model(default_model("odt"), "odt")


@pytest.mark.parametrize(
    ("case", "why"),
    [
        ({"word/vbaProject.bin": b"\0"}, "code ou un objet"),
        ({"word/embeddings/oleObject1.bin": b"\0"}, "code ou un objet"),
        (
            {"word/_rels/settings.xml.rels": b'<Relationships><Relationship Id="r1" '
             b'Target="http://x/t.dotm" TargetMode="External"/></Relationships>'},
            "ressource extérieure",
        ),
        (
            {"word/header9.xml": b'<w:hdr><w:fldSimple w:instr=" INCLUDETEXT &quot;c:/x&quot; "/>'
             b"</w:hdr>"},
            "champ qui lit",
        ),
        ({"word/big.xml": b"<a>" + b" " * 3_000_000 + b"</a>"}, "bombe zip"),
    ],
)  # fmt: skip
def test_hostile_reference_documents_are_refused(
    tmp_path: Path, case: dict[str, bytes], why: str
) -> None:
    path = _docx_with(tmp_path, "modele.docx", dict(case))
    with pytest.raises(TemplateError, match=why):
        check_model(path, "docx")


def test_macro_enabled_type_is_refused(tmp_path: Path) -> None:
    types = (
        zipfile.ZipFile(default_model("docx"))
        .read("[Content_Types].xml")
        .replace(b"document.main+xml", b"document.macroEnabled.main+xml")
    )
    path = _docx_with(tmp_path, "modele.docx", {"[Content_Types].xml": types})
    with pytest.raises(TemplateError, match="macros"):
        check_model(path, "docx")


def test_odt_with_a_script_is_refused(tmp_path: Path) -> None:
    source = zipfile.ZipFile(default_model("odt"))
    path = tmp_path / "modele.odt"
    with zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "styles.xml":
                data = data.replace(b"</office:styles>", b"<office:scripts/></office:styles>")
                data = data.replace(b"<office:scripts/>", b"<office:script/>")
            target.writestr(info, data)
    with pytest.raises(TemplateError, match="script"):
        check_model(path, "odt")


def test_the_towns_reference_document_gives_the_styles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    styles = zipfile.ZipFile(default_model("docx")).read("word/styles.xml")
    town = styles.replace(b'w:val="1F3864"', b'w:val="AA0066"')
    folder = tmp_path / "charte"
    folder.mkdir()
    _docx_with(folder, "modele.docx", {"word/styles.xml": town})
    out = tmp_path / "ville.docx"
    code, _stdout, err = run(
        capsys, "render", str(DEMO), "-o", str(out), "--templates", str(folder)
    )
    assert code == 0, err
    assert 'w:val="AA0066"' in part(out.read_bytes(), "word/styles.xml")


def test_a_refused_reference_document_stops_the_render(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "charte"
    folder.mkdir()
    _docx_with(folder, "modele.docx", {"word/vbaProject.bin": b"\0"})
    code, stdout, err = run(
        capsys, "render", str(DEMO), "-o", str(tmp_path / "v.docx"), "--templates", str(folder)
    )
    assert code == 2
    assert stdout == ""
    assert "modèle de document" in err and "refusé" in err and "Traceback" not in err
    assert not (tmp_path / "v.docx").exists()
