"""Plain text (``.txt``): lines and blank lines. A paragraph is a run of lines; a line that
starts with a bullet (« - », « • », « * », « – ») or a number (« 1. », « 2) ») is a list item,
its depth given by its indentation. A short line standing alone, without final punctuation, is
a heading whose level the text does not say (0)."""

from __future__ import annotations

import re

from stspd_cli.convert.blocks import HEADING, ITEM, PARA, Block, Document

_BULLET = re.compile(r"^(\s*)([-•*–—▪◦●○·]|\d{1,3}[.)])\s+(\S.*)$")
HEADING_MAX = 150
QUESTION_MAX = 60  # « Le saviez-vous ? » is a heading, a longer question a sentence
_CLOSED = (".", ",", ";", ":", "!", "…", "»", '"')


def read_text(text: str, name: str) -> Document:
    doc = Document(name=name, kind="txt")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    run: list[str] = []
    alone = True  # the run began after a blank line

    def close(*, followed_by_blank: bool) -> None:
        if run:
            doc.blocks.append(_paragraph(" ".join(run), alone=alone and followed_by_blank))
            run.clear()

    for raw in lines:
        line = raw.rstrip()
        if not line.strip():
            close(followed_by_blank=True)
            alone = True
            continue
        match = _BULLET.match(line)
        if match:
            close(followed_by_blank=False)
            indent, marker, body = match.groups()
            number = int(marker[:-1]) if marker[0].isdigit() else None
            depth = 1 + len(indent.expandtabs(4)) // 4
            doc.blocks.append(Block(ITEM, body.strip(), level=depth, number=number))
            alone = False
            continue
        if not run and doc.blocks and doc.blocks[-1].kind == ITEM and raw[:1].isspace():
            doc.blocks[-1].text += " " + line.strip()  # an item's text continued, indented
            continue
        if not run:
            alone = alone or not doc.blocks
        run.append(line.strip())
    close(followed_by_blank=True)
    return doc


def _paragraph(text: str, *, alone: bool) -> Block:
    if alone and _looks_like_heading(text):
        return Block(HEADING, text, level=0)
    return Block(PARA, text)


def _looks_like_heading(text: str) -> bool:
    if len(text) > HEADING_MAX or text.endswith(_CLOSED):
        return False
    return not text.endswith("?") or len(text) <= QUESTION_MAX
