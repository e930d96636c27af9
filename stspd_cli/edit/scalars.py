"""How one value is written in the canonical layout: plain when every YAML reader agrees it is
text, double quotes otherwise, literal blocks (``|``) for text on several lines.

Lines are never folded: a paragraph stays on one line, so that changing a word changes one line
of ``git diff``.
"""

from __future__ import annotations

import math
import re
from functools import cache
from typing import Any

from stspd_cli.yamlparse import resolve_plain

INDENT = 2
WIDTH = 100  # columns, indentation included, before a long text is folded (``>-``)

_NUMBER_LIKE = re.compile(r"[0-9+][0-9 .,+()/-]*")
# Where a folded block may break a line: a single space between two other characters.
_BREAK = re.compile(r"(?<! ) (?! )")
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
# First characters that are YAML indicators: a plain scalar cannot start with them.
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_NAMED_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\t": "\\t",
    "\n": "\\n",
    "\r": "\\r",
    "\x00": "\\0",
    "\x07": "\\a",
    "\x08": "\\b",
    "\x0b": "\\v",
    "\x0c": "\\f",
    "\x1b": "\\e",
    "\x85": "\\N",
    "\u2028": "\\L",
    "\u2029": "\\P",
}


def printable(char: str) -> bool:
    """Characters written as themselves (YAML's c-printable, less those libyaml reads as line
    breaks or byte-order marks); tabs and line breaks are handled by the callers."""
    code = ord(char)
    return (
        0x20 <= code <= 0x7E
        or 0xA0 <= code <= 0xD7FF
        or (0xE000 <= code <= 0xFFFD and code != 0xFEFF)
        or 0x10000 <= code <= 0x10FFFF
    ) and code not in (0x2028, 0x2029)


@cache
def _resolvers() -> tuple[Any, Any, Any]:
    from ruamel.yaml.nodes import ScalarNode  # noqa: PLC0415
    from ruamel.yaml.resolver import VersionedResolver  # noqa: PLC0415

    return ScalarNode, VersionedResolver(version=(1, 1)), VersionedResolver(version=(1, 2))


def _read_as_text_everywhere(text: str) -> bool:
    """True when stspd (YAML 1.2 core), YAML 1.1 tools and ruamel all read ``text`` unquoted as
    text: ``oui``/``yes``, ``0612``, ``1:20`` or ``2017-06-27`` are quoted in text fields."""
    if resolve_plain(text) != text or not isinstance(resolve_plain(text), str):
        return False
    node, yaml11, yaml12 = _resolvers()
    return all(
        str(resolver.resolve(node, text, (True, False))) == "tag:yaml.org,2002:str"
        for resolver in (yaml11, yaml12)
    )


def plain_allowed(text: str) -> bool:
    """Whether ``text`` can be written without quotes and read back identical."""
    if not text or text != text.strip() or text[0] in _INDICATORS:
        return False
    if ": " in text or " #" in text or text.endswith(":") or text.startswith("..."):
        return False
    if not all(printable(c) for c in text):
        return False
    if _NUMBER_LIKE.fullmatch(text):
        return False  # "01 99 00 00 01", "2.0": quoted, so that nobody takes them for numbers
    return _read_as_text_everywhere(text)


def double_quoted(text: str) -> str:
    out = ['"']
    for char in text:
        if char in _NAMED_ESCAPES:
            out.append(_NAMED_ESCAPES[char])
        elif printable(char):
            out.append(char)
        elif ord(char) <= 0xFF:
            out.append(f"\\x{ord(char):02X}")
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(f"\\U{ord(char):08X}")
    out.append('"')
    return "".join(out)


def iso_date(text: str) -> str | None:
    """A date at its own precision in ISO form: ``2017-6-7`` -> ``2017-06-07``, ``2026-9`` ->
    ``2026-09``, ``2021`` -> ``2021``; None when ``text`` is not a real date."""
    from stspd_cli.dates import PartialDate  # noqa: PLC0415

    match = _ISO_DATE.match(text)
    if match is None:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    try:
        PartialDate.parse(year)  # a plausible year
        return PartialDate(year, month, day).isoformat()
    except ValueError:
        return None


def inline(value: Any, *, is_date: bool = False) -> str:
    """A value on one line: null, booleans, numbers, or text plain or double-quoted."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        return repr(value)
    assert isinstance(value, str)
    if is_date and (iso := iso_date(value)) is not None:
        # A month is written in quotes, as the documentation writes it: it is text, not a day.
        return f'"{iso}"' if len(iso) == len("2026-09") else iso
    return value if plain_allowed(value) else double_quoted(value)


def block_lines(text: str) -> tuple[str, list[str]] | None:
    """A literal block for text on several lines: the header (``|``, ``|-``, ``|+``, with an
    indentation indicator when the text starts with a space) and its lines, not indented.

    None when a literal block could not hold the text exactly (tabs, trailing spaces, characters
    YAML escapes): the caller writes it in double quotes.
    """
    if "\n" not in text or not text.strip():
        return None
    if any(c != "\n" and not printable(c) for c in text):
        return None
    body = text[:-1] if text.endswith("\n") else text
    lines = body.split("\n")
    if any(line != line.rstrip(" ") for line in lines):
        return None
    chomp = "-" if not text.endswith("\n") else ("+" if text.endswith("\n\n") else "")
    first = next(line for line in lines if line)
    indicator = str(INDENT) if first.startswith(" ") else ""
    return f"|{indicator}{chomp}", lines


def folded_lines(text: str, indent: int) -> list[str] | None:
    """A long one-line text cut into lines of at most :data:`WIDTH` columns at ``indent``, for
    a folded block (``>-``), which joins them back with single spaces. None when it cannot be
    folded exactly (line breaks, spaces at the ends, characters YAML escapes)."""
    if "\n" in text or text != text.strip() or not all(printable(c) for c in text):
        return None
    words = _BREAK.split(text)
    lines = [words[0]]
    for word in words[1:]:
        if indent + len(lines[-1]) + 1 + len(word) <= WIDTH:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines
