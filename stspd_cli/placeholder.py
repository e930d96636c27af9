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


@cache
def _pattern() -> re.Pattern[str]:
    """The words in any case, with or without their accents, any run of spaces between them,
    as whole words: « À compléter », « A COMPLETER », not « à compléterait »."""
    parts: list[str] = []
    for char in placeholder():
        if char.isspace():
            parts.append(r"\s+")
            continue
        base = unicodedata.normalize("NFD", char)[0]
        parts.append(f"[{re.escape(base)}{re.escape(char)}]" if base != char else re.escape(char))
    return re.compile(rf"(?<!\w){''.join(parts)}(?!\w)", re.IGNORECASE)


def left_in(text: str) -> bool:
    """``text`` still holds the words stspd writes in place of what is missing."""
    return _pattern().search(text) is not None
