"""A list item's second paragraph in a Word document (stspd_cli.convert.docx_lists): pandoc
numbers it with a bullet that prints nothing; it is read back under the item, not as an item.
Numbering that cannot be read leaves the lists as they were read."""

from __future__ import annotations

import zipfile
from pathlib import Path

from stspd_cli.convert.blocks import ITEM, PARA, Block
from stspd_cli.convert.docx_lists import continued_texts, rejoin

from .documents import DEMO, convert, make_document

_NUMBERING = (
    '<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/>'
    '<w:lvlText w:val="•"/></w:lvl></w:abstractNum>'
    '<w:abstractNum w:abstractNumId="990"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/>'
    '<w:lvlText w:val=" "/></w:lvl></w:abstractNum>'
    '<w:num w:numId="7"><w:abstractNumId w:val="1"/></w:num>'
    '<w:num w:numId="1000"><w:abstractNumId w:val="990"/></w:num></w:numbering>'
)


def _paragraph(text: str, num_id: str | None) -> str:
    number = (
        f'<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr>'
        if num_id
        else ""
    )
    return f"<w:p>{number}<w:r><w:t>{text}</w:t></w:r></w:p>"


def _docx(path: Path, numbering: str, *paragraphs: tuple[str, str | None]) -> bytes:
    body = "".join(_paragraph(text, num) for text, num in paragraphs)
    document = (
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", document)
        archive.writestr("word/numbering.xml", numbering)
    return path.read_bytes()


def test_a_paragraph_with_a_blank_bullet_continues_the_item(tmp_path: Path) -> None:
    data = _docx(
        tmp_path / "a.docx",
        _NUMBERING,
        ("Repérer plus tôt", "7"),
        ("Avec   le collège.", "1000"),
        ("Proposer des activités", "7"),
        ("Hors liste", None),
    )
    assert continued_texts(data) == {"Avec le collège."}
    blocks = [
        Block(ITEM, "Avec le collège.", level=1),  # first: nothing above it to continue
        Block(ITEM, "Repérer plus tôt", level=1),
        Block(ITEM, "Avec le collège.", level=1),
        Block(ITEM, "Proposer des activités", level=1),
        Block(ITEM, "Avec le collège.", level=1),
    ]
    rejoin(blocks, continued_texts(data))
    assert [(b.kind, b.text) for b in blocks] == [
        (ITEM, "Avec le collège."),
        (ITEM, "Repérer plus tôt"),
        (PARA, "Avec le collège."),
        (ITEM, "Proposer des activités"),
        (PARA, "Avec le collège."),
    ]


def test_numbering_that_cannot_be_read_changes_nothing(tmp_path: Path) -> None:
    entities = (
        '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        '<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "&b;</w:numbering>"
    )
    for numbering in (entities, "<w:numbering", ""):
        data = _docx(tmp_path / "b.docx", numbering, ("Texte", "1000"))
        assert continued_texts(data) == set()
    with zipfile.ZipFile(tmp_path / "c.docx", "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert continued_texts((tmp_path / "c.docx").read_bytes()) == set()


def test_the_demo_word_document_keeps_a_sub_objective_s_own_paragraph(tmp_path: Path) -> None:
    """stspd's own Word document: « Avec le collège et les éducateurs… », the paragraph under
    the sub-objective « Repérer plus tôt les jeunes en difficulté », is its text again."""
    data = convert(make_document(DEMO, "docx", tmp_path / "docx")).data
    first = data["objectifs"][0]["sous_objectifs"][0]
    assert (first["titre"], first.get("texte")) == (
        "Repérer plus tôt les jeunes en difficulté",
        "Avec le collège et les éducateurs de prévention spécialisée.",
    )
    assert len(data["objectifs"][0]["sous_objectifs"]) == 2
