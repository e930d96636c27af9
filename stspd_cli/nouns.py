"""French nouns and adjectives as a document needs them: plural, gender, article, agreement.

One plural rule for every output (``fr.plural`` uses it): irregular forms, invariable prefixes
and the words after which a compound noun keeps its complement as it is live in
``data/mots.yaml``. ``Enjeu`` -> ``Enjeux``, ``Fiche-action`` -> ``Fiches-actions``,
``plan d'action`` -> ``plans d'action``, ``sous-objectif`` -> ``sous-objectifs``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from stspd_cli.resources import load_data

_VOWELS = frozenset("aeiouyàâäéèêëîïôöûùüœæh")


@cache
def french_words() -> dict[str, Any]:
    """The words of data/mots.yaml, read once for every module that needs them."""
    data = load_data("mots.yaml")
    assert isinstance(data, dict)
    return data


def _keep_case(model: str, word: str) -> str:
    """``word`` written with the case of ``model``: ``Enjeu`` -> ``Enjeux``, ``QPV`` -> ``QPV``."""
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _plural_word(word: str) -> str:
    lower = word.lower()
    if not lower or (word.isupper() and len(word) > 1):
        return word  # acronyms do not change: « des QPV »
    irregular = french_words()["pluriels"].get(lower)
    if irregular:
        return _keep_case(word, str(irregular))
    if lower[-1] in "sxz":
        return word
    if lower.endswith(("au", "eu")):
        return word + "x"
    if lower.endswith("al"):
        return word[:-1] + "ux"
    return word + "s"


def pluralize(text: str) -> str:
    """The plural of a noun or of a noun phrase, by the rules of ``data/mots.yaml``."""
    known = french_words()["noms"].get(text.lower())
    if isinstance(known, dict) and known.get("pluriel"):
        return _keep_case(text, str(known["pluriel"]))
    stops = set(french_words()["complements"])
    invariable = set(french_words()["invariables"])
    words = text.split(" ")
    out = []
    for i, word in enumerate(words):
        lower = word.lower()
        if i and (lower in stops or any(lower.startswith(s) for s in stops if s.endswith("'"))):
            out += words[i:]
            break
        parts = word.split("-")
        out.append("-".join(p if p.lower() in invariable else _plural_word(p) for p in parts))
    return " ".join(out)


def agree(adjective: str, *, feminine: bool, plural: bool) -> str:
    """A regular adjective or past participle agreed: ``transversal`` -> ``transversales``,
    ``retenu`` -> ``retenues``, ``servi`` -> ``servis``."""
    word = adjective
    if feminine:
        for end, fem in (
            ("el", "elle"),
            ("en", "enne"),
            ("er", "ère"),
            ("if", "ive"),
            ("eux", "euse"),
        ):
            if word.endswith(end):
                word = word[: -len(end)] + fem
                break
        else:
            if not word.endswith("e"):
                word += "e"
        return word + "s" if plural else word
    return _plural_word(word) if plural else word


def lower_first(text: str) -> str:
    """``Fiche-action`` -> ``fiche-action`` for the middle of a sentence; ``CLSPD`` stays."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


@dataclass(frozen=True, slots=True)
class Noun:
    """A noun as a document writes it (``Enjeu``), with what French needs to use it."""

    singular: str
    plural: str
    feminine: bool
    elides: bool
    known: bool = True  # False: gender guessed (masculine), the word is not in the data file

    @classmethod
    def of(cls, text: str, *, plural: str | None = None, feminine: bool | None = None) -> Noun:
        entry = _lookup(text)
        given = feminine is not None
        if feminine is None:
            feminine = bool(entry and entry.get("genre") == "f")
        elides = text[:1].lower() in _VOWELS and not (entry and entry.get("elision") == "non")
        return cls(
            singular=text,
            plural=plural or pluralize(text),
            feminine=feminine,
            elides=elides,
            known=entry is not None or given,
        )

    def word(self, *, plural: bool = False) -> str:
        """The noun for the middle of a sentence: ``enjeu``, ``fiches-actions``."""
        return lower_first(self.plural if plural else self.singular)

    def title(self, *, plural: bool = False) -> str:
        """The noun at the start of a heading or a sentence: ``Enjeu``, ``Fiches-actions``."""
        text = self.plural if plural else self.singular
        return text[:1].upper() + text[1:]

    def the(self, *, plural: bool = False) -> str:
        """``l'enjeu``, ``la fiche-action``, ``le plan``, ``les enjeux``."""
        if plural:
            return f"les {self.word(plural=True)}"
        if self.elides:
            return f"l'{self.word()}"
        return f"{'la' if self.feminine else 'le'} {self.word()}"

    def of_the(self, *, plural: bool = False) -> str:
        """``de l'enjeu``, ``de la fiche-action``, ``du plan``, ``des enjeux``."""
        if plural:
            return f"des {self.word(plural=True)}"
        if self.elides or self.feminine:
            return f"de {self.the()}"
        return f"du {self.word()}"

    def none(self) -> str:
        """``aucun enjeu``, ``aucune fiche-action``."""
        return f"{'aucune' if self.feminine else 'aucun'} {self.word()}"

    def count(self, number: int) -> str:
        """``1 enjeu``, ``3 enjeux``, ``0 enjeu`` (French singular for 0 and 1)."""
        return f"{number} {self.word(plural=number > 1)}"

    def agree(self, adjective: str, *, plural: bool = False) -> str:
        return agree(adjective, feminine=self.feminine, plural=plural)


def _lookup(text: str) -> dict[str, Any] | None:
    """The data file's entry for a noun, or for the head of a noun phrase (``Axe stratégique``)."""
    names = french_words()["noms"]
    lower = text.lower()
    for key in (lower, lower.split(" ")[0], lower.split("-")[0]):
        entry = names.get(key)
        if isinstance(entry, dict):
            return entry
    return None
