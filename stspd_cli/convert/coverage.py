"""How much of the source's text the YAML holds: the share of its sentences placed.

A sentence is placed when its words, in order, stand in the YAML's values within a short span
-- the values read as a person reads them: an actor's identifier as its name, a national
framework's as its title, a national axis as the document names it, a date in French words,
an amount as the document writes it. The words that the model turns into keys (the level word
and number of « Action n°12 : », the label of « Pilote : » or of the cover's « Adoption : »,
the header of a table's column, the « pour » that opens the purpose) are structure, not
content, and are not looked for. An indicator's figures are read as its table writes them: a
value with its unit, a measure's value before its date (« 62 jeunes au 30 juin 2025 »), a
direction as « à la hausse »."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from stspd_cli.convert.blocks import Document
from stspd_cli.convert.rules.fields import field_of, labelled
from stspd_cli.convert.rules.parts import cover_field, cover_pieces
from stspd_cli.convert.rules.tables import column_label
from stspd_cli.convert.rules.titles import marker
from stspd_cli.convert.words import fold
from stspd_cli.dates import PartialDate
from stspd_cli.fr import date_fr, euros_fr, number_fr
from stspd_cli.frameworks import axis_name, frameworks, resolve_axis
from stspd_cli.vocabulary import short_label, vocabulary

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[A-ZÀ-Ý«\"(])")
_REFERENCE_KEYS = {"pilote", "copilotes", "partenaires", "membres", "acteur", "acteurs",
                   "president"}  # fmt: skip
# Words the model writes as keys or as a date's form: the level word and number sign, the
# « pour » of the purpose, the « du … au … », « d’octobre … » and « échéance » of a calendar.
_STRUCTURE = {"n", "no", "pour", "action", "actions", "fiche", "fiches", "du", "au", "a", "d",
              "partir", "de", "echeance", "jusqu", "en", "le", "er"}  # fmt: skip
_DATE_KEYS = {"date", "debut", "fin", "echeance", "date_initiale", "nouvelle_fin"}
_SLACK = 12  # words of the YAML allowed between two words of a sentence
_WITH_UNIT = {"valeur_initiale", "cible", "valeur"}  # an indicator's figures, in its unit


@dataclass(slots=True)
class Coverage:
    sentences: int = 0
    placed: int = 0
    missing: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        return 1.0 if not self.sentences else self.placed / self.sentences


def sentences(doc: Document) -> list[str]:
    found: list[str] = []
    for block in doc.blocks:
        for text in block.texts():
            for line in text.split("\n"):
                found += [s.strip() for s in _SENTENCE_END.split(line) if fold(s)]
    return found


def _words(
    value: Any, names: dict[str, str], key: str | None, out: list[str], unit: str | None = None
) -> None:
    if isinstance(value, dict):
        here = value.get("unite")
        unit = here if isinstance(here, str) else unit  # an indicator's, for its measures too
        for child_key, child in sorted(value.items(), key=lambda item: item[0] != "valeur"):
            _words(child, names, str(child_key), out, unit)
    elif isinstance(value, list):
        for child in value:
            _words(child, names, key, out, unit)
    elif isinstance(value, PartialDate | date) or (key in _DATE_KEYS and isinstance(value, str)):
        day = PartialDate.parse(value)
        out += fold(f"{date_fr(day)} {day.isoformat()}").split()
    elif isinstance(value, bool):
        out.append("oui" if value else "non")  # « Acquis : oui », « Retenue : non »
    elif value is None:
        return
    elif isinstance(value, int | float):
        shown = euros_fr(value) if isinstance(value, float) else number_fr(value)
        after = f" {unit}" if unit and key in _WITH_UNIT else ""
        out += fold(f"{shown} {value}{after}").split()
    else:
        text = str(value)
        if key == "sens" and text in vocabulary("sens"):
            text = short_label("sens", text)  # « à la hausse », as the table writes it
        elif key in _REFERENCE_KEYS and text in names:
            text = names[text]
        elif key == "referentiel" and text in frameworks():
            text = frameworks()[text].titre  # « snpd-2013-2017 » as the document names it
        elif key == "axes":
            frame, axis = resolve_axis(text)  # « SNPD 2020-2024, axe 1 : Les jeunes… »
            if frame is not None and axis is not None:
                text = f"{axis_name(frame, axis)} : {axis.titre}"
        out += fold(text).split()


def _actor_names(data: dict[str, Any]) -> dict[str, str]:
    return {a["id"]: a["nom"] for a in data.get("acteurs", []) if "id" in a and "nom" in a}


def measure(doc: Document, data: dict[str, Any], keys: set[str] | None = None) -> Coverage:
    """``keys``: texts the rules placed as a key (« Constat », « Priorité nationale »)."""
    as_keys = {fold(text) for text in keys or ()}
    corpus: list[str] = []
    _words(data, _actor_names(data), None, corpus)
    where: dict[str, list[int]] = defaultdict(list)
    for index, word in enumerate(corpus):
        where[word].append(index)
    result = Coverage()
    for sentence in sentences(doc):
        pieces = cover_pieces(sentence)  # « Département : … Intercommunalité : … » on a line
        if len(pieces) < 2 or any(cover_field(piece) is None for piece in pieces):
            pieces = [sentence]
        states = [_state(piece, where, as_keys) for piece in pieces]
        if all(state is None for state in states):
            continue
        result.sentences += 1
        if all(state is not False for state in states):
            result.placed += 1
        else:
            result.missing.append(sentence)
    return result


def _state(sentence: str, where: dict[str, list[int]], as_keys: set[str]) -> bool | None:
    """Whether the YAML holds ``sentence`` (None: nothing in it to look for)."""
    found = labelled(sentence)
    cover = None if found else cover_field(sentence)  # « Adoption : » became a key too
    shown = found[2] if found else cover[1] if cover else sentence
    action = marker(shown, "action")
    level = action or marker(shown, "objectif", "plan")
    if level is not None:  # « Axe 1 : » is the plan's number and place; its title is content
        kept = level.numbers[-1:] if action or len(level.numbers) == 1 else ()
        shown = " ".join([*map(str, kept), level.rest])
    if field_of(shown.rstrip(" :")) is not None or column_label(shown):  # became a key
        return True
    words = [w for w in fold(shown).split() if w not in _STRUCTURE]
    if not words:
        return None
    return fold(sentence) in as_keys or _placed(words, where)


def _placed(words: list[str], where: dict[str, list[int]]) -> bool:
    starts = where.get(words[0], [])
    for start in starts:
        position = start
        for word in words[1:]:
            nxt = _next(where.get(word, []), position)
            if nxt is None or nxt - position > _SLACK:
                break
            position = nxt
        else:
            return True
    return False


def _next(positions: list[int], after: int) -> int | None:
    import bisect  # noqa: PLC0415

    index = bisect.bisect_right(positions, after)
    return positions[index] if index < len(positions) else None
