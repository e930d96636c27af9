"""Text for a terminal (or a CI log, or a pager): what a strategy, a table or a file name holds
is shown, never obeyed.

A value written ``"\\e[2J"`` in double-quoted YAML, a comment cell of a spreadsheet or a file
name may hold control characters: printed as they are, they clear the screen, move the cursor,
hide text or rewrite a line, and a file could print a fake « aucun problème ». Bidirectional
overrides (U+202E...) reorder what is shown without any escape sequence.

:func:`visible` shows each of these characters as a visible sign instead: the control pictures
of Unicode for C0 controls and DEL (``␛`` for ESC, ``␍`` for a carriage return alone), and
``⟨U+202E⟩`` for C1 controls, bidirectional controls and line separators. Line breaks (LF or
CRLF) and tabulations stay. Every
text stspd writes for a reader goes through it: the text formats (validate, report, diff,
texte, import, fmt --check), every message on the error output, and any document printed to a
terminal. Terminal text made with :func:`console` is safe by construction: rich markup and
emoji codes are off (data is never markup), and every piece of text goes through
:func:`visible` after rich has measured it. JSON outputs write these characters as ``\\uXXXX``
escapes (:func:`json_text`): the same value, nothing a terminal would obey.
"""

from __future__ import annotations

import io
import json
import re
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable

    from rich.console import Console, ConsoleOptions, RenderableType
    from rich.segment import Segment

# Bidirectional formatting (Trojan Source, CVE-2021-42574): embeddings, overrides, isolates,
# and the marks that can flip neutral characters around them; then line and paragraph separators.
_BIDI = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
_SEPARATORS = (0x2028, 0x2029)
_NEWLINE_SIGN = "⏎"
# C0 controls but tabulation, line feed and carriage return (a carriage return ending a line,
# CRLF as csv files write, moves nothing; alone, it rewrites the line: see visible), then DEL.
_SIGNS = {c: chr(0x2400 + c) for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)}
_SIGNS[0x7F] = "\u2421"  # ␡
# C1 controls (0x9B is the one-byte CSI of some terminals), bidi controls, separators.
_ESCAPED = {c: f"\\u{c:04x}" for c in (0x7F, *range(0x80, 0xA0), *_BIDI, *_SEPARATORS)}
_SIGNS.update({c: f"⟨U+{c:04X}⟩" for c in (*range(0x80, 0xA0), *_BIDI, *_SEPARATORS)})


class Shown(str):
    """A text already made safe for a terminal."""

    __slots__ = ()


def visible(text: str, *, one_line: bool = False) -> Shown:
    """``text`` with every character a terminal would obey shown as a sign. ``one_line``: line
    breaks too (``⏎``), for what must stay on its line (a finding, an annotation)."""
    if isinstance(text, Shown) and not one_line:
        return text
    if one_line:
        text = text.replace("\r\n", _NEWLINE_SIGN).replace("\n", _NEWLINE_SIGN)
    if "\r" in text:
        text = re.sub("\r(?!\n)", "\u240d", text)  # ␍
    return Shown(text.translate(_SIGNS))


def has_hidden(text: str) -> bool:
    """Whether :func:`visible` would change ``text``."""
    return visible(text) != text


def json_text(payload: Any) -> str:
    """JSON as stspd writes it (UTF-8 text, indented), with the characters a terminal would obey
    escaped as ``\\uXXXX``: valid JSON, the same values, safe to print."""
    return json_part(payload) + "\n"


def json_part(value: Any, depth: int = 0) -> str:
    """``value`` as :func:`json_text` writes it inside a document, ``depth`` levels down: the
    same characters, so that a document can be written a piece at a time."""
    text = _encoder().encode(value)
    if depth:
        # Line breaks are only between members: in a string, JSON writes one as « \n ».
        text = text.replace("\n", "\n" + "  " * depth)
    # json.dumps escapes C0 already; outside strings JSON has none of these characters.
    return text.translate(_ESCAPED)


def json_items(values: list[Any], depth: int) -> str:
    """The items of a list ``depth`` levels down in a document, as :func:`json_text` writes
    them between its brackets (after the line break and the indent of the first one): a list
    written a few items at a time, joined by « , », a line break and that indent."""
    if not values:
        return ""
    text = json_part(values, depth)
    return text[len("[\n") + 2 * (depth + 1) : -len("\n]") - 2 * depth]


@cache
def _encoder() -> json.JSONEncoder:
    # What json.dumps(value, ensure_ascii=False, indent=2) makes at each call.
    return json.JSONEncoder(ensure_ascii=False, indent=2)


def console(*, color: bool, width: int, soft_wrap: bool = False) -> tuple[Console, io.StringIO]:
    """A rich console writing into a buffer (see :func:`rendered`), safe for any data."""
    from rich.console import Console  # noqa: PLC0415  (only the text formats need rich)
    from rich.segment import Segment  # noqa: PLC0415

    class _SafeConsole(Console):
        def render(
            self, renderable: RenderableType, options: ConsoleOptions | None = None
        ) -> Iterable[Segment]:
            for segment in super().render(renderable, options):
                if segment.control or not has_hidden(segment.text):
                    yield segment
                else:
                    yield Segment(visible(segment.text), segment.style)

    buffer = io.StringIO()
    made = _SafeConsole(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=soft_wrap,
        width=width,
    )
    return made, buffer


def rendered(buffer: io.StringIO) -> Shown:
    """What a console of :func:`console` wrote: its styles, and no character from the data
    that a terminal would obey."""
    return Shown(buffer.getvalue())
