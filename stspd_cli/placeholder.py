"""« à compléter »: what stspd writes where a strategy does not say what the model asks (the
skeleton of ``stspd new``, the territory ``stspd convertir`` did not find), and what
``stspd validate`` finds left in a text (rule T001). The words live in ``data/mots.yaml``."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from stspd_cli.nouns import french_words


@cache
def placeholder() -> str:
    """The words stspd writes in place of what a strategy does not say."""
    words = french_words()["a_completer"]
    assert isinstance(words, str)
    return words


# A label that ends with the words is short: « Indicateur à compléter », not a sentence.
_LABEL_WORDS = 8


@cache
def _pattern() -> re.Pattern[str]:
    """The words in any case, with or without their accents, any run of spaces between them,
    as whole words (« À compléter », « A COMPLETER », not « à compléterait »), where stspd
    writes them: a whole line, between brackets, opening a line before « : », or ending a
    short label. Not inside a sentence of the strategy (« le diagnostic est à compléter par
    les données du bailleur », « il reste à compléter. »): that is what the strategy says."""
    parts: list[str] = []
    for char in placeholder():
        if char.isspace():
            parts.append(r"\s+")
            continue
        base = unicodedata.normalize("NFD", char)[0]
        parts.append(f"[{re.escape(base)}{re.escape(char)}]" if base != char else re.escape(char))
    words = rf"(?<!\w){''.join(parts)}(?!\w)"
    return re.compile(
        rf"^\W*{words}\W*$|\(\s*{words}\s*\)|^\s*{words}\s*:|(?P<end>{words})\s*$",
        re.IGNORECASE | re.MULTILINE,
    )


def left_in(text: str) -> bool:
    """``text`` still holds the words stspd writes in place of what is missing (each line of
    a text of several paragraphs looked at as a text of its own)."""
    for found in _pattern().finditer(text):
        if found["end"] is None:
            return True
        line = text[text.rfind("\n", 0, found.start()) + 1 : found.end()]
        if len(line.split()) <= _LABEL_WORDS:
            return True
    return False
