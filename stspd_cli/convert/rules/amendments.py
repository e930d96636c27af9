"""An amendment's line (« Avenant du 18 juin 2026 – nouvelle fin de la stratégie : 31 décembre
2027 »): its date, the strategy's new end, and whether the line is only a title (its words
those of ``avenants.mots`` in data/convertir.yaml, and its dates)."""

from __future__ import annotations

from dataclasses import dataclass

from stspd_cli.convert.rules.values import find_dates
from stspd_cli.convert.words import fold, folded, vocabulary
from stspd_cli.dates import PartialDate

_LONGEST = 300  # characters: a longer paragraph that opens with « Avenant » is a sentence


@dataclass(frozen=True, slots=True)
class Amendment:
    date: PartialDate | None
    new_end: PartialDate | None
    title_only: bool  # the line says nothing but its dates: the text that follows is its object


def amendment_line(text: str) -> Amendment | None:
    """The amendment a line opens, or None (no « Avenant » at its start, or no date)."""
    if len(text) > _LONGEST or fold(text).split()[:1] != ["avenant"]:
        return None
    dates = find_dates(text)
    if not dates:
        return None
    end_words = set(folded("avenants", "fin"))
    signed: PartialDate | None = None
    new_end: PartialDate | None = None
    rest: list[str] = []
    previous_end = 0
    for found in dates:
        before = fold(text[previous_end : found.start])
        rest.append(before)
        words = before.split()
        tail = {" ".join(words[i:]) for i in range(len(words))} | set(words)
        if new_end is None and tail & end_words:
            new_end = found.value
        elif signed is None:
            signed = found.value
        previous_end = found.end
    rest.append(fold(text[previous_end:]))
    known = {fold(str(word)) for word in vocabulary()["avenants"]["mots"]}
    title_only = all(
        word in known or word.isdigit() for part in rest for word in part.split()
    )  # « Avenant n°2 du 3 février 2025 »: its number is a title's word too
    return Amendment(signed, new_end, title_only)
