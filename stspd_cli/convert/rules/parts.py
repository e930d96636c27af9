"""The parts of a strategy told by their words: the headings that open a part (« Le cadre
institutionnel », « Les objectifs généraux », « 6 enjeux prioritaires »), the intertitles of
national and local priorities, boxes (« Le saviez-vous ? »), the sentences that give the
adoption, the council's members and signatories, and the council and territory named."""

from __future__ import annotations

import re
from dataclasses import dataclass

from stspd_cli.convert.rules.values import Found, find_dates
from stspd_cli.convert.words import contains, fold, folded, starts_with, vocabulary

_NUMBERED = re.compile(r"^(?:\d+|[ivx]+)\s+")
_COUNCIL = re.compile(r"\b(CLSPD-?R|CISPD-?R|CLSPD|CISPD|CMSPD)\b")
_AFTER_COUNCIL = re.compile(
    r"\b(?:CLSPD|CISPD|CMSPD)(?:-?R)?[ \t]+(?:de[ \t]+la[ \t]+|des[ \t]+|du[ \t]+|de[ \t]+|d['’])?"
    r"(?P<name>[A-ZÉÈ][\w\-’']+(?:(?:,[ \t]*|[ \t]+et[ \t]+|[ \t]+|-)[A-ZÉÈ][\w\-’']+)*)"
)
_BEFORE_COUNCIL = re.compile(
    r"^(?P<name>[A-ZÉÈ][^\n–—]{0,80}?)[ \t]+[–—][ \t]+"
    r"Conseil (?:local|intercommunal|métropolitain)",
    re.MULTILINE,
)
# What follows an acronym where a glossary spells it out (« CLSPD Conseil local de sécurité… »
# on one line of a PDF): not a territory's name.
_EXPANSION = re.compile(r"Conseil[ \t]+(?:local|intercommunal|métropolitain)\b")
_TOWN = re.compile(
    r"\b[Vv]ille[ \t]+(?:de[ \t]+|d['’])(?P<name>[A-ZÉÈ][\w\-’']+(?:-[A-ZÉÈ][\w\-’']+)*)"
)


def part_of(text: str) -> str | None:
    """The part a heading opens: cadre, principes, objectifs, plans, actions, gouvernance..."""
    folded_text = fold(text)
    without_number = _NUMBERED.sub("", folded_text)
    for name, phrases in vocabulary()["parties"].items():
        for phrase in sorted((fold(str(p)) for p in phrases), key=len, reverse=True):
            if starts_with(without_number, phrase) and len(without_number) <= len(phrase) + 40:
                return str(name)
    counted = re.match(r"^(\d+|\w+)\s+(\w+)", folded_text)
    if counted and (counted[1].isdigit() or counted[1] in folded("nombres")):
        word = counted[2].rstrip("sx")
        if any(word == fold(str(w)).rstrip("sx") for w in vocabulary()["niveaux"]["objectif"]):
            return "objectifs"
    return None


def priority_origin(text: str) -> str | None:
    """``nationale`` or ``locale`` for an intertitle such as « Priorités issues du plan
    national… : »."""
    folded_text = fold(text)
    if len(text) > 160:
        return None
    for origin in ("locale", "nationale"):
        if any(starts_with(folded_text, p) for p in folded("priorites", origin)):
            return origin
    return None


def is_note_title(text: str) -> bool:
    return fold(text) in folded("notes")


@dataclass(frozen=True, slots=True)
class Adoption:
    date: Found
    instance: str | None


def adoption_in(text: str) -> Adoption | None:
    """« validée en séance plénière du CLSPD le 27 juin 2017 »: the date, and the instance
    written between the words and the date."""
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if contains(sentence, folded("adoption")) is None:
            continue
        verb = re.search(r"\b(validée|adoptée|approuvée)\b", sentence)
        dates = [d for d in find_dates(sentence) if verb is None or d.start > verb.start()]
        if not dates:
            continue
        match = re.search(
            r"((?:en\s+)?séance plénière[^,.;]*?|conseil municipal[^,.;]*?)\s+(?:le|du|en)\s+\d",
            sentence,
        )
        instance = re.sub(r"^en\s+", "", match[1].strip()) if match else None
        return Adoption(dates[0], instance)
    return None


def listed_after(text: str, key: str) -> str | None:
    """The list after « il réunit les acteurs suivants : » or « Ses signataires sont : »."""
    if ":" not in text:
        return None
    head, _, tail = text.partition(":")
    if contains(head, folded(key)) is None:
        return None
    return tail.strip().rstrip(".…") or None


def council(text: str) -> str | None:
    """The council a text names first: CLSPD, CISPD, CMSPD, CLSPDR or CISPDR."""
    match = _COUNCIL.search(text)
    return match[1].replace("-", "") if match else None


def territory(text: str) -> str | None:
    """« du CISPD Loos, Haubourdin et Emmerin » -> « Loos, Haubourdin et Emmerin »;
    « La Ville de Lille » -> « Lille ». A glossary's « CLSPD Conseil local de sécurité… » names
    no territory."""
    match = _BEFORE_COUNCIL.search(text) or next(
        (m for m in _AFTER_COUNCIL.finditer(text) if not _EXPANSION.match(text, m.start("name"))),
        None,
    )
    if match:
        return match["name"].strip()
    match = _TOWN.search(text)
    return match["name"].strip() if match else None


def cover_field(text: str) -> tuple[str, str] | None:
    """« Département : Nord », « Période : 2021-2024 »: (the model's key, the value)."""
    label, colon, value = text.partition(":")
    if not colon or len(label) > 40 or not value.strip():
        return None
    label_folded = fold(label)
    for key, phrases in vocabulary()["couverture"].items():
        if label_folded in {fold(str(p)) for p in phrases}:
            return str(key), value.strip()
    return None


# Where a label may begin inside a line: « … Intercommunalité : … » (a capitalised word before
# a colon, a few words on).
_NEXT_LABEL = re.compile(r"(?<=\S)\s+(?=[A-ZÀ-Ý][^\s:]*(?: [^\s:]+){0,3} :)")


def cover_pieces(line: str) -> list[str]:
    """``line`` cut before each label of the cover it holds after its start."""
    pieces, start = [], 0
    for found in _NEXT_LABEL.finditer(line):
        if found.start() > start and cover_field(line[found.end() :]) is not None:
            pieces.append(line[start : found.start()])
            start = found.end()
    pieces.append(line[start:])
    return [piece.strip() for piece in pieces if piece.strip()]


def signatory(text: str) -> tuple[str, str | None, Found | None]:
    """« la Ville de Val-Fictif, le Maire, le 1er juillet 2024 » -> (name, who signs, when)."""
    pieces = [p.strip() for p in text.split(",") if p.strip()]
    name = pieces[0] if pieces else text
    who: str | None = None
    when: Found | None = None
    for piece in pieces[1:]:
        dates = find_dates(piece)
        if dates and when is None:
            when = dates[0]
        elif who is None:
            who = piece
    return name, who, when


# Words of a signatory's line at the most: « Préfecture du Nord, le Préfet », and with the day
# it signed (« …, le Président de la Communauté d'agglomération, en septembre 2024 »).
_SIGNATORY_WORDS = 16
_DATED_SIGNATORY_WORDS = 24


def ends_sentence(text: str) -> bool:
    """The text ends as a sentence does (« . », « ! », « ? », « : », « ; », « … »)."""
    return text.rstrip()[-1:] in tuple(".!?:;…")


def signatory_line(text: str) -> bool:
    """A paragraph of a list of signatories (a cover laid out as a grid, without bullets): a
    short line that dates a signature, or names one without ending a sentence."""
    words = len(text.split())
    if find_dates(text):
        return words <= _DATED_SIGNATORY_WORDS
    return words <= _SIGNATORY_WORDS and not ends_sentence(text)


def plan_line(text: str) -> bool:
    label, colon, _ = text.partition(":")
    return bool(colon) and fold(label) in folded("lignes_plan")


def is_intertitle(text: str) -> bool:
    return fold(text) in folded("intertitres")


def framework(text: str) -> str | None:
    """The national framework a title names (« Stratégie nationale … 2020-2024 »)."""
    from stspd_cli.frameworks import frameworks  # noqa: PLC0415

    wanted = fold(text)
    for frame in frameworks().values():
        if fold(frame.titre) == wanted or frame.id.endswith(
            "-".join(re.findall(r"\b\d{4}\b", text)) or "?"
        ):
            return frame.id
    return None


def is_table_header(row: list[str]) -> bool:
    """« Rubrique | Contenu »: the header of a two-column fiche, not a field."""
    cells = [fold(c) for c in row if c.strip()]
    return bool(cells) and all(c in folded("entetes") for c in cells)
