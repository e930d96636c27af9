"""What the layout says before any word is read: a label written above its value, the
document's title, whether actions follow a heading."""

from __future__ import annotations

from typing import Any

from stspd_cli.convert.blocks import HEADING, ITEM, PARA, TABLE, Block
from stspd_cli.convert.rules import parts
from stspd_cli.convert.rules.fields import field_of, labelled
from stspd_cli.convert.rules.governance import line_labels
from stspd_cli.convert.rules.titles import marker, starts_with_verb
from stspd_cli.convert.words import fold

HEADING_MAX = 160


def heading_like(block: Block) -> bool:
    if block.kind == HEADING:
        return True
    return block.kind == PARA and block.strong and len(block.text) <= HEADING_MAX


def level_words(key: str) -> list[Any]:
    from stspd_cli.convert.words import vocabulary  # noqa: PLC0415

    value = vocabulary()["niveaux"][key]
    return list(value)


def actions_follow(after: list[Block]) -> bool:
    """An action marker comes before the next heading."""
    for block in after[:40]:
        if block.kind != TABLE and marker(block.text, "action") is not None:
            return True
        if block.kind == HEADING:
            return False
    return False


def actions_before_level(after: list[Block], word: str) -> bool:
    """Below a heading of ``word`` (« Orientation », « Enjeu »), an action comes before another
    level heading -- by its marker, or as a list item that is a noun phrase (« Médiation de
    soirée », not « Développer la médiation »): the word names plans; a level heading first:
    it names objectives."""
    for block in after:
        if block.kind == TABLE:
            continue
        if marker(block.text, "action") is not None:
            return True
        if block.kind == ITEM and labelled(block.text) is None:
            return not starts_with_verb(block.text)
        heading = block.kind == HEADING or (block.kind == PARA and block.strong)
        if heading and marker(block.text, "objectif", "plan") is not None:
            return False
    return False


def _is_bare_label(block: Block) -> bool:
    if block.kind != PARA or len(block.text) > 40 or ":" in block.text.rstrip().rstrip(":"):
        return False
    if block.strong and block.text.rstrip().endswith(":"):
        return True
    label = block.text.strip().rstrip(" :")
    return (
        field_of(label) is not None
        or parts.cover_field(f"{label} : x") is not None
        or (parts.plan_line(f"{label} : x"))
        or fold(label) in line_labels()
    )


def join_labels(blocks: list[Block], labels: set[str] | None = None) -> list[Block]:
    """« Pilote » and « Ville de Lille » written as two paragraphs (a definition list saved by
    LibreOffice, a label above its value) -> one « Pilote : Ville de Lille » line; each label
    joined is added to ``labels`` (the joined line keeps its words, as text or as a key)."""
    joined: list[Block] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if (
            following is not None
            and following.kind == PARA
            and not following.strong
            and _is_bare_label(block)
            and not _is_bare_label(following)
            and labelled(following.text) is None
        ):
            label = block.text.strip().rstrip(" :")
            joined.append(Block(PARA, f"{label} : {following.text.strip()}"))
            if labels is not None:
                labels.add(block.text.strip())
            index += 2
            continue
        joined.append(block)
        index += 1
    return joined


TITLE_WITHIN = 40  # blocks from the start where the document's title is looked for


def title_block(blocks: list[Block]) -> Block | None:
    """The document's title: its first top-level heading near the start (a cover may print the
    council's name above it in smaller type), else its first heading or bold line, else a short
    line of the cover with a title's word (« Stratégie… »); never a part's heading."""
    start = blocks[:TITLE_WITHIN]
    first_part = next(
        (i for i, b in enumerate(start) if b.kind == HEADING and parts.part_of(b.text)), None
    )
    start = start[:first_part]
    headings = [b for b in start if b.kind == HEADING and b.text.strip()]
    levelled = [b for b in headings if b.level > 0]
    if levelled:
        top = min(b.level for b in levelled)
        return next(b for b in levelled if b.level == top)
    if headings:
        return headings[0]
    strong = next((b for b in start if b.strong and b.text.strip()), None)
    if strong is not None:
        return strong
    from stspd_cli.convert.words import contains, folded  # noqa: PLC0415

    return next(
        (
            b
            for b in start
            if b.kind == PARA
            and len(b.text) <= HEADING_MAX
            and not b.text.rstrip().endswith((".", ":"))
            and contains(b.text, folded("titres"))
        ),
        None,
    )
