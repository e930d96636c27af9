"""Titles of objectives, plans and actions: the level word and number that open them
(« Action n°12 : », « Fiche action 2.1 – », « Axe 2 : », « Enjeu n°3 – », « 1. »), the
« pour … » purpose split from an action's title, and identifiers made from titles."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from stspd_cli.convert.words import fold, folded, vocabulary
from stspd_cli.edit.skeleton import slugify

_SEPARATOR = r"\s*(?:[:–—.)]|-(?=\s))\s*"
_NUMBER = r"(?:n\s*[°º]\s*|no\.?\s*|numéro\s*)?(\d+(?:[.\-]\d+)*|[IVX]+\b)"
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9,
          "X": 10}  # fmt: skip
_LEADING_NUMBER = re.compile(r"^(\d{1,3})\s*[.)–—:-]\s+(\S.*)$")


@dataclass(frozen=True, slots=True)
class Marker:
    """What opens a title: the document's word (as written), the numbers, the rest."""

    word: str
    numbers: tuple[int, ...]
    rest: str

    @property
    def number(self) -> int | None:
        return self.numbers[-1] if self.numbers else None


def _word_pattern(phrase: str) -> str:
    """A folded phrase as a pattern on the written text: accents, hyphens, plurals."""
    letters = {"e": "[eéèêë]", "a": "[aàâ]", "i": "[iîï]", "o": "[oôö]", "u": "[uùûü]",
               "c": "[cç]"}  # fmt: skip
    parts = []
    for word in phrase.split():
        parts.append("".join(letters.get(ch, re.escape(ch)) for ch in word) + "s?")
    return r"[\s\-]+".join(parts)


@cache
def _marker_regex(*keys: str) -> re.Pattern[str]:
    node = vocabulary()["niveaux"]
    phrases: set[str] = set()
    for key in keys:
        value = node[key]
        items = value if isinstance(value, list) else [p for ps in value.values() for p in ps]
        phrases.update(fold(str(p)) for p in items)
    words = "|".join(_word_pattern(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(
        rf"^(?P<word>{words})\s*(?:{_NUMBER}(?:{_SEPARATOR}|\s+|$)|{_SEPARATOR})(?P<rest>\S.*)?$",
        re.IGNORECASE,
    )


def _numbers(text: str | None) -> tuple[int, ...]:
    if not text:
        return ()
    if text.upper() in _ROMAN:
        return (_ROMAN[text.upper()],)
    return tuple(int(part) for part in re.split(r"[.\-]", text) if part)


def marker(text: str, *keys: str) -> Marker | None:
    """The level word of ``keys`` (``action``, ``plan``, ``objectif``) opening ``text``."""
    match = _marker_regex(*keys).match(text.strip())
    if match is None:
        return None
    numbers = _numbers(match.group(2))
    rest = (match.group("rest") or "").strip()
    if not numbers and not rest:
        return None
    return Marker(match.group("word"), numbers, rest)


def plan_kind(word: str) -> str | None:
    """The model's ``type`` of a plan for the document's word (« Programme » -> programme)."""
    word_folded = fold(word)
    for kind, phrases in vocabulary()["niveaux"]["plan"].items():
        if any(word_folded.rstrip("s") == fold(str(p)) or word_folded == fold(str(p))
               for p in phrases):  # fmt: skip
            return str(kind)
    return None


def unnumbered_plan(text: str) -> str | None:
    """« Plan intercommunal de… », « Schéma de tranquillité publique »: the plan's kind."""
    first = fold(text).split(" ", 1)[0] if fold(text) else ""
    for phrase in folded("plans_sans_numero"):
        if first == phrase:
            return plan_kind(phrase)
    return None


def leading_number(text: str) -> tuple[int, str] | None:
    """« 1. Prévenir… » -> (1, « Prévenir… »)."""
    match = _LEADING_NUMBER.match(text.strip())
    return (int(match[1]), match[2].strip()) if match else None


def split_purpose(title: str) -> tuple[str, str | None]:
    """« Comité de Prévention Jeunes pour repérer… » -> (« Comité de Prévention Jeunes »,
    « repérer… »): the last « pour » followed by a verb in the infinitive opens the purpose;
    « pour les 15/25 ans », « pour la mutualisation » stay in the title."""
    determiners = set(folded("determinants"))
    endings = tuple(folded("infinitifs"))
    for match in reversed(list(re.finditer(r"\s+pour\s+(\S+)", title))):
        word = fold(match[1])
        if word and word not in determiners and word.endswith(endings) and match.start() > 0:
            head, purpose = title[: match.start()].strip(), title[match.end(1) - len(match[1]) :]
            if head:
                return head.rstrip(" ,"), purpose.strip()
    return title.strip(), None


def starts_with_verb(text: str) -> bool:
    """« Développer la prévention situationnelle » (an objective) starts with a verb in the
    infinitive; « Médiation sociale de soirée », « Chantier éducatif » (actions) with a noun."""
    words = fold(text).split()
    if not words:
        return False
    first = words[0]
    return first.endswith(tuple(folded("infinitifs"))) and first not in set(
        folded("pas_infinitifs")
    )


def make_id(text: str, taken: set[str], prefix: str = "") -> str:
    """An identifier from a title, as the strategies of strategies/ are written: the first
    significant words (``mots_vides`` left out), unique in the document (``-2``, ``-3``)."""
    limit = int(vocabulary()["mots_identifiant"])
    stop = set(folded("mots_vides"))
    words = [w for w in slugify(text, limit=200).split("-") if w and w not in stop]
    base = "-".join(words[:limit]) or slugify(text)
    base = f"{prefix}{base}" if prefix and not base.startswith(prefix) else base
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    taken.add(ident)
    return ident
