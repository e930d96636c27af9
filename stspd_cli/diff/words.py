"""Word-level differences between two texts, for long fields."""

from __future__ import annotations

import difflib
import re

_WORDS = re.compile(r"(\S+)(\s*)")

Segment = tuple[str, str]  # ("=", text) unchanged, ("-", text) removed, ("+", text) added


_TOKENS = re.compile(r"\s+|[^\s]+")
# Up to this many tokens on each side, the exact matcher (every word and space an element,
# no heuristic); its cost grows faster than the square of the length (2,000 words: 4 s).
EXACT_UP_TO = 1_000


def word_diff(old: str, new: str) -> list[Segment]:
    """Segments that turn ``old`` into ``new``, word by word (whitespace kept)."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    if max(len(a), len(b)) > EXACT_UP_TO:
        return _long_diff(old, new)
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


def _long_diff(old: str, new: str) -> list[Segment]:
    """A long text (a hostile file may hold 20,000 words in one field, 80 s with the exact
    matcher): words only are compared, so that the common space is not an element of its own,
    with difflib's heuristic for long sequences (a word in more than 1 % of the text starts no
    match): linear in practice. Spaces come from the new text, except before a removed word."""
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    words_a, words_b = [w for w, _ in a], [w for w, _ in b]
    segments: list[Segment] = []
    lead_a, lead_b = old[: len(old) - len(old.lstrip())], new[: len(new) - len(new.lstrip())]
    if lead_a != lead_b:
        segments += [("-", lead_a), ("+", lead_b)]
    else:
        segments.append(("=", lead_b))
    opcodes = difflib.SequenceMatcher(a=words_a, b=words_b).get_opcodes()
    for index, (op, i1, i2, j1, j2) in enumerate(opcodes):
        if op == "equal":
            following = opcodes[index + 1][0] if index + 1 < len(opcodes) else ""
            pairs = b[j1:j2]
            if following == "delete":  # the space before the removed words is the old one
                pairs = [*b[j1 : j2 - 1], a[i2 - 1]]
            segments.append(("=", "".join(w + sp for w, sp in pairs)))
            continue
        removed, added = _joined(a[i1:i2]), _joined(b[j1:j2])
        if op in {"delete", "replace"}:
            segments.append(("-", removed[0] + (removed[1] if op == "delete" else "")))
        if op in {"insert", "replace"}:
            segments.append(("+", added[0]))
            segments.append(("=", added[1]))
    return _merged(segments)


def _joined(pairs: list[tuple[str, str]]) -> tuple[str, str]:
    """The words of a changed run with the spaces between them, and the space after them."""
    text = "".join(w + sp for w, sp in pairs)
    stripped = text.rstrip()
    return stripped, text[len(stripped) :]


def _merged(segments: list[Segment]) -> list[Segment]:
    """Neighbouring segments of one kind as one, empty ones left out."""
    out: list[Segment] = []
    for kind, text in segments:
        if not text:
            continue
        if out and out[-1][0] == kind:
            out[-1] = (kind, out[-1][1] + text)
        else:
            out.append((kind, text))
    return out


def is_long(text: object) -> bool:
    return isinstance(text, str) and (len(text) > 80 or "\n" in text)
