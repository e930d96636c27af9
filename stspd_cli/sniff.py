"""Is this YAML file a strategy? Its first key says: ``schema: stspd/…``.

The test reads the beginning of the text only, so that a folder walk can tell strategies from the
other YAML files of a repository (``mkdocs.yml``, ``docker-compose.yaml``, CI files) without
parsing them, and so that a strategy with a syntax error further down is still a strategy
(reported broken, never skipped). It knows what may come before the first key: a BOM, comments,
blank lines, ``%YAML``/``%TAG`` directives, the ``---`` document start, the ``{`` of a flow
mapping, a quoted key, a value on the next line. A root key ``schema: stspd/…`` written further
down (``stspd fmt`` puts it back first) makes a strategy too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# Enough for any real header of comments; a file that says nothing in 64 Kio is not a strategy.
HEAD_BYTES = 64 * 1024
SCHEMA_PREFIX = "stspd/"

# ``schema: stspd/…`` as a key of the root mapping, on any line (fmt puts it back first).
_ROOT_SCHEMA = re.compile(r"""^(?:schema|"schema"|'schema')[ \t]*:[ \t]*["']?stspd/""", re.M)
_SCHEMA_KEY = re.compile(r"""^(?:schema|"schema"|'schema')[ \t]*:(?:[ \t]|$)""")
_ANY_KEY = re.compile(r"""^("[^"]*"|'[^']*'|[^\s#:"'][^:#]*?)[ \t]*:(?:[ \t]|$)""")
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le", 4),
    (b"\x00\x00\xfe\xff", "utf-32-be", 4),
    (b"\xff\xfe", "utf-16-le", 2),
    (b"\xfe\xff", "utf-16-be", 2),
)


@dataclass(frozen=True, slots=True)
class Head:
    """What a file starts with."""

    strategy: bool
    # Nothing but comments, directives and blank lines: an empty document (rule S008).
    empty: bool = False
    line: int = 0  # 1-based place of the first content, 0 when there is none
    column: int = 0
    found: str = ""  # in French: « la clé « site_name » », « une liste »...


def _content_lines(text: str) -> list[tuple[int, int, str]]:
    """(line, column, text) of the lines that hold something, comments and blanks left out;
    stops after a few, which is all the test needs."""
    found: list[tuple[int, int, str]] = []
    for number, raw in enumerate(text.split("\n", 2000), start=1):
        line = raw.removeprefix("\ufeff") if number == 1 else raw
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            found.append((number, len(line) - len(line.lstrip()) + 1, stripped))
            if len(found) == 3:
                break
    return found


def _without_comment(value: str) -> str:
    for mark in (" #", "\t#"):
        value = value.split(mark, 1)[0]
    return value.strip()


def _describe(text: str) -> str:
    if text.startswith(("- ", "-\t", "[")) or text == "-":
        return "une liste"
    key = _ANY_KEY.match(text)
    if key:
        return f"la clé « {key[1].strip(chr(34) + chr(39))} »"
    return "un texte"


def sniff(text: str) -> Head:
    """Whether ``text`` is a strategy's, from its first key."""
    lines = _content_lines(text)
    prologue = True  # directives come before the document start only
    for index, (number, column, stripped) in enumerate(lines):
        rest = stripped
        if prologue and rest.startswith("%"):
            continue
        prologue = False
        if rest == "---" or rest.startswith(("--- ", "---\t")):
            rest = _without_comment(rest[3:])
            if not rest:
                continue
        if rest.startswith("{"):
            rest = rest[1:].strip()
            if not rest or rest.startswith("#"):
                continue
        key = _SCHEMA_KEY.match(rest)
        if key is None:
            found = _describe(rest)
            return Head(bool(_ROOT_SCHEMA.search(text)), line=number, column=column, found=found)
        value = _without_comment(rest[key.end() :]).rstrip(",}")
        if not value and index + 1 < len(lines):  # schema:\n  stspd/1
            value = _without_comment(lines[index + 1][2])
        bare = value.strip("\"' ")
        return Head(
            bare.startswith(SCHEMA_PREFIX),
            line=number,
            column=column,
            found=f"« schema: {bare} »" if bare else "« schema » sans valeur",
        )
    return Head(False, empty=True)


def decode_head(data: bytes) -> str:
    """The beginning of a file as text, whatever its encoding may be (a strategy saved in
    UTF-16 or Windows-1252 is still a strategy, reported for its encoding)."""
    for bom, encoding, width in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            return body[: len(body) - len(body) % width].decode(encoding, "replace")
    # A NUL byte: UTF-16 without its BOM, a damaged strategy, or binary data; the text left
    # without them still tells a strategy (reported for its bytes) from an archive.
    return data.replace(b"\x00", b"").decode("utf-8", "replace")


def file_is_strategy(path: Path | str) -> bool:
    """Whether a file found in a folder is a strategy; a file that cannot be opened is kept
    (reading it gives the reason). The path may be text (:func:`stspd_cli.walk.child`)."""
    try:
        with open(path, "rb") as handle:  # noqa: PTH123  (text or Path: see walk.child)
            data = handle.read(HEAD_BYTES)
    except OSError:
        return True
    return sniff(decode_head(data)).strategy
