"""Actors made from the names a document gives (pilote, partenaires, membres, signataires):
one actor per name, whatever article or case it is written with, its identifier made as the
strategies of strategies/ make theirs, its type guessed from its words (to check)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from stspd_cli.convert.rules.titles import make_id
from stspd_cli.convert.words import first_match, fold, folded_table

_ARTICLE = re.compile(r"^(?:(?:les|le|la|une|un|des|du)\s+|l['’]\s*)", re.IGNORECASE)
_SIGLE = re.compile(r"^(?P<name>.+?)\s*\((?P<sigle>[A-ZÉ0-9][A-ZÉ0-9&\-]{1,11})\)$")


def bare_name(text: str) -> str:
    """« la Préfecture » -> « Préfecture »; links and final dots gone."""
    name = re.sub(r"\s+", " ", text).strip(" .;:…")
    stripped = _ARTICLE.sub("", name, count=1)
    return stripped if stripped else name


def split_sigle(name: str) -> tuple[str, str | None]:
    """« Habitat Fictif (HF) » -> (« Habitat Fictif », « HF »)."""
    match = _SIGLE.match(bare_name(name))
    return (match["name"], match["sigle"]) if match else (bare_name(name), None)


@dataclass(slots=True)
class Actors:
    """The actors met so far, in order, each once."""

    entries: list[dict[str, Any]] = field(default_factory=list)
    by_key: dict[str, str] = field(default_factory=dict)
    taken: set[str] = field(default_factory=set)

    def key(self, name: str) -> str:
        return fold(bare_name(name))

    def find(self, name: str) -> str | None:
        return self.by_key.get(self.key(name))

    def ref(self, name: str, *, sigle: str | None = None, kind: str | None = None) -> str:
        """The identifier of the actor named ``name``, made the first time it is met."""
        name = bare_name(name)
        match = _SIGLE.match(name)
        if match and sigle is None:
            name, sigle = match["name"], match["sigle"]
        found = self.find(name) or (self.by_key.get(fold(sigle)) if sigle else None)
        if found is not None:
            return found
        ident = make_id(name, self.taken)
        entry: dict[str, Any] = {"id": ident, "nom": name}
        if sigle:
            entry["sigle"] = sigle
        guessed = kind or first_match(name, folded_table("acteurs")) or _within(name)
        if guessed:
            entry["type"] = guessed
        self.entries.append(entry)
        self.by_key[self.key(name)] = ident
        if sigle:
            self.by_key.setdefault(fold(sigle), ident)
        return ident


def _within(name: str) -> str | None:
    """A type word anywhere in the name (« Réseau de bus Fictibus » -> transport)."""
    words = f" {fold(name)} "
    for phrase, kind in folded_table("acteurs"):
        if f" {phrase} " in words:
            return kind
    return None
