"""The vocabulary of ``data/convertir.yaml``, and the one way texts are compared with it."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "\u00a0": " ", "\u202f": " "})
_NOT_WORD = re.compile(r"[^a-z0-9+]+")


def fold(text: str) -> str:
    """``« Créer un compte »`` -> ``creer un compte``: no accents, case, punctuation."""
    bare = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES).replace("œ", "oe"))
    ascii_text = "".join(c for c in bare if not unicodedata.combining(c)).lower()
    return _NOT_WORD.sub(" ", ascii_text).strip()


@cache
def vocabulary() -> dict[str, Any]:
    from stspd_cli.resources import load_data  # noqa: PLC0415

    data = load_data("convertir.yaml")
    assert isinstance(data, dict)
    return data


@cache
def folded(*keys: str) -> tuple[str, ...]:
    """The phrases under ``keys`` in the data file, folded, longest first."""
    node: Any = vocabulary()
    for key in keys:
        node = node[key]
    return tuple(sorted({fold(str(p)) for p in node}, key=len, reverse=True))


@cache
def folded_table(*keys: str) -> tuple[tuple[str, str], ...]:
    """(phrase, name) for a table ``name: [phrases]``, longest phrase first."""
    node: Any = vocabulary()
    for key in keys:
        node = node[key]
    pairs = {(fold(str(p)), str(name)) for name, phrases in node.items() for p in phrases}
    return tuple(sorted(pairs, key=lambda pair: len(pair[0]), reverse=True))


@cache
def model_words(name: str) -> dict[str, str]:
    """A vocabulary of the model as documents write it: each label and each key, folded
    (« intercommunalite epci », « epci ») -> the key."""
    from stspd_cli.vocabulary import vocabulary as model_vocabulary  # noqa: PLC0415

    found: dict[str, str] = {}
    for key, label in model_vocabulary(name).items():
        found[fold(label)] = key
        found.setdefault(fold(key), key)
    return found


def starts_with(text: str, phrase: str) -> bool:
    """Word-wise prefix: ``plan d action`` starts ``plan d action 2``, not ``plans``."""
    return text == phrase or text.startswith(phrase + " ")


def first_match(text: str, table: tuple[tuple[str, str], ...]) -> str | None:
    folded_text = fold(text)
    for phrase, name in table:
        if starts_with(folded_text, phrase):
            return name
    return None


def contains(text: str, phrases: tuple[str, ...]) -> str | None:
    folded_text = f" {fold(text)} "
    for phrase in phrases:
        if f" {phrase} " in folded_text:
            return phrase
    return None
