"""The glossary of a rendered document: the acronyms its text uses, and what they stand for.

Known acronyms are data (``data/sigles.yaml``); the actors a strategy declares with a ``sigle``
add theirs. Only those that the rendered text actually contains are listed.
"""

from __future__ import annotations

import re
from html import unescape
from typing import TYPE_CHECKING, NamedTuple

from stspd_cli.resources import load_data

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from stspd_cli.model import Acteur

# An acronym is a run of capitals (and digits after the first letter), standing alone.
_WORD = re.compile(r"(?<![\w-])([A-ZÀ-Ý][A-ZÀ-Ý0-9]+)(?![\w])")
_STYLE = re.compile(r"<(style|script)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


class Sigle(NamedTuple):
    sigle: str
    developpe: str


def known_acronyms(acteurs: Iterable[Acteur] = ()) -> dict[str, str]:
    """The shipped acronyms, then those the strategy's actors declare (their name expands them)."""
    return acronym_table((acteur.sigle, acteur.nom) for acteur in acteurs)


def acronym_table(declared: Iterable[tuple[str | None, str]]) -> dict[str, str]:
    """:func:`known_acronyms` from (sigle, name) pairs: also what ``stspd convertir`` checks a
    document's glossary against (convert/rules/derived.py)."""
    table = {str(k): str(v) for k, v in load_data("sigles.yaml").items()}
    for sigle, name in declared:
        if sigle and sigle != name:
            table.setdefault(sigle, name)
    return table


def html_text(html: str) -> str:
    """The visible text of an HTML document (style sheets left out)."""
    return unescape(_TAG.sub(" ", _STYLE.sub(" ", html)))


def used_acronyms(text: str, known: Mapping[str, str]) -> list[Sigle]:
    """The entries of ``known`` that ``text`` uses, in alphabetical order."""
    found = {m.group(1) for m in _WORD.finditer(text)}
    return [Sigle(s, known[s]) for s in sorted(found & known.keys())]
