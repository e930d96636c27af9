"""A listed item without an id of its own, said in words: what the note de modification and the
``stspd texte`` view both write (« FIPD 2026, 15 000 €, acquis »), never raw JSON.

The item comes as JSON holds it (:func:`stspd_cli.diff.engine.jsonable`): the note's changes and
the text view's models read the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from stspd_cli.fr import euros_fr, number_fr, quoted

Names = Mapping[str, str]  # actor id -> name


def _funding(line: dict[str, Any], names: Names) -> list[str]:
    source = " ".join(str(line[k]) for k in ("source", "annee") if line.get(k) is not None)
    amount = line.get("montant")
    parts = [source, euros_fr(amount) if amount is not None else "montant non précisé"]
    if line.get("acquis") is True:
        parts.append("acquis")
    elif line.get("acquis") is False:
        parts.append("demandé, non acquis")
    return parts


def _contact(contact: dict[str, Any], names: Names) -> list[str]:
    parts = [str(contact[k]) for k in ("nom", "fonction") if contact.get(k)]
    if contact.get("acteur"):
        parts.append(names.get(contact["acteur"], contact["acteur"]))
    if contact.get("courriel"):
        parts.append(str(contact["courriel"]))
    if contact.get("telephone"):
        parts.append(f"tél. {contact['telephone']}")
    return parts


def _place(place: dict[str, Any], names: Names) -> list[str]:
    return [str(place[k]) for k in ("nom", "adresse") if place.get(k)]


def _competence(row: dict[str, Any], names: Names) -> list[str]:
    actors = ", ".join(names.get(a, a) for a in row.get("acteurs", []))
    return [f"{row['domaine']} : {actors}" if actors else str(row["domaine"])]


def _flat(text: object) -> str:
    return " ".join(str(text).split())


def _note(note: dict[str, Any], names: Names) -> list[str]:
    """« Titre » (2024) : texte. The title is a title, never glued to the text by a comma."""
    text = _flat(note["texte"])
    year = f" ({note['annee']})" if note.get("annee") else ""
    if note.get("titre"):
        return [f"{quoted(_flat(note['titre']))}{year} : {text}"]
    return [f"{text}{year}"]


_WORDS: dict[str, Callable[[dict[str, Any], Names], list[str]]] = {
    "financement": _funding,
    "contact": _contact,
    "lieu": _place,
    "competence": _competence,
    "note": _note,
}
WORDED = frozenset(_WORDS)


def item_words(entity: str, item: dict[str, Any], names: Names | None = None) -> str:
    """``FIPD 2026, 15 000 €, acquis (subvention notifiée)``: one item in words, its comment in
    brackets, « diffusion restreinte » said when it is."""
    known = names or {}
    words = _WORDS.get(entity)
    if words is not None:
        parts = words(item, known)
    else:
        parts = [_value(v) for k, v in item.items() if k not in {"diffusion", "commentaire"}]
    text = ", ".join(p for p in parts if p)
    if item.get("commentaire") and entity != "note":
        text += f" ({_flat(item['commentaire'])})"
    if item.get("diffusion") == "restreinte":
        text += ", diffusion restreinte"
    return text


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, int | float):
        return number_fr(value)
    return _flat(value)
