"""Word-level differences between two texts, for long fields."""

from __future__ import annotations

import difflib
import re

_TOKENS = re.compile(r"\s+|[^\s]+")

Segment = tuple[str, str]  # ("=", text) unchanged, ("-", text) removed, ("+", text) added


def word_diff(old: str, new: str) -> list[Segment]:
    """Segments that turn ``old`` into ``new``, word by word (whitespace kept)."""
    a = _TOKENS.findall(old)
    b = _TOKENS.findall(new)
    segments: list[Segment] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(("=", "".join(a[i1:i2])))
            continue
        if op in {"delete", "replace"}:
            segments.append(("-", "".join(a[i1:i2])))
        if op in {"insert", "replace"}:
            segments.append(("+", "".join(b[j1:j2])))
    return segments


def is_long(text: object) -> bool:
    return isinstance(text, str) and (len(text) > 80 or "\n" in text)
