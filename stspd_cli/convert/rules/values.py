"""Values written the French way: dates at their precision (« 2021-2024 », « septembre 2026 »,
« 1er juillet 2024 », « 30/06/2025 »), amounts (« 12 000 € », « 4 500,50 euros »), percentages
and lists of names (« A, B et C »)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from stspd_cli.convert.words import fold
from stspd_cli.dates import MAX_YEAR, MIN_YEAR, PartialDate
from stspd_cli.fr import MONTHS

_MONTH_OF = {fold(m): i + 1 for i, m in enumerate(MONTHS)} | {"aout": 8, "fevrier": 2}
_MONTH_WORDS = "|".join(sorted(_MONTH_OF, key=len, reverse=True))
_DAY_MONTH_YEAR = re.compile(
    rf"\b(\d{{1,2}})(?:er)?\s+({_MONTH_WORDS})\s+(\d{{4}})\b", re.IGNORECASE
)
_MONTH_YEAR = re.compile(rf"\b({_MONTH_WORDS})\s+(\d{{4}})\b", re.IGNORECASE)
_NUMERIC = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})(?:-(\d{2}))?\b")
_YEAR = re.compile(r"\b(\d{4})\b")
_YEARS_SPAN = re.compile(r"\b(\d{4})\s*[-–—/]\s*(\d{4})\b")
_AMOUNT = re.compile(
    r"(\d{1,3}(?:[\s\u00a0\u202f.]\d{3})+|\d+)(?:,(\d{1,2}))?\s*(k|m)?\s*(?:€|euros?\b|eur\b)",
    re.IGNORECASE,
)
_PERCENT = re.compile(r"^(\d{1,3})\s*%$")


def _plain(text: str) -> str:
    """Accents off for month names, but the same length, so that spans stay in place."""
    return "".join(unicodedata.normalize("NFKD", c)[0] for c in text)


@dataclass(frozen=True, slots=True)
class Found:
    value: PartialDate
    start: int
    end: int


def _safe(year: int, month: int | None = None, day: int | None = None) -> PartialDate | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return PartialDate(year, month, day)
    except ValueError:
        return None


def find_dates(text: str) -> list[Found]:
    """Every date of ``text`` at the precision it is written, in order, none twice."""
    plain = _plain(text)
    found: list[Found] = []
    taken: list[tuple[int, int]] = []

    def add(value: PartialDate | None, start: int, end: int) -> None:
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))  # an impossible day (« 31 février ») is no date at all
        if value is not None:
            found.append(Found(value, start, end))

    for m in _DAY_MONTH_YEAR.finditer(plain):
        add(_safe(int(m[3]), _MONTH_OF[m[2].lower()], int(m[1])), m.start(), m.end())
    for m in _NUMERIC.finditer(plain):
        year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
        add(_safe(year, int(m[2]), int(m[1])), m.start(), m.end())
    for m in _ISO.finditer(plain):
        add(_safe(int(m[1]), int(m[2]), int(m[3]) if m[3] else None), m.start(), m.end())
    for m in _MONTH_YEAR.finditer(plain):
        add(_safe(int(m[2]), _MONTH_OF[m[1].lower()]), m.start(), m.end())
    for m in _YEAR.finditer(plain):
        add(_safe(int(m[1])), m.start(), m.end())
    return sorted(found, key=lambda f: f.start)


def one_date(text: str) -> PartialDate | None:
    """The date ``text`` is, when it holds exactly one."""
    dates = find_dates(text)
    return dates[0].value if len(dates) == 1 else None


@dataclass(slots=True)
class Span:
    debut: PartialDate | None = None
    fin: PartialDate | None = None
    rest: str = ""  # what is left once the dates are read (a rhythm, a precision)


def read_span(text: str) -> Span:
    """« du 6 septembre 2024 au 30 juin 2027 », « 2021-2024 », « à partir de 2025 »,
    « jusqu'en septembre 2026 »: the start and end as written."""
    folded_text = fold(text)
    years = _YEARS_SPAN.search(text)
    dates = find_dates(text)
    span = Span()
    if (
        years
        and len(dates) == 2
        and dates[0].value.precision == dates[1].value.precision == "annee"
    ) or len(dates) == 2:
        span.debut, span.fin = dates[0].value, dates[1].value
    elif len(dates) == 1:
        before = fold(text[: dates[0].start])
        if re.search(r"(jusqu|avant|fin|au plus tard)\s*\w*\s*$", before) or folded_text.startswith(
            ("jusqu", "fin")
        ):
            span.fin = dates[0].value
        else:
            span.debut = dates[0].value
    else:
        span.rest = text.strip()
        return span
    rest = text
    for found in reversed(dates):
        rest = rest[: found.start] + rest[found.end :]
    rest_folded = fold(rest)
    connectors = {"du", "au", "de", "d", "a partir du", "a partir de", "jusqu au", "jusqu en", "en",
                  "des", "depuis", "le", "a", "partir", "jusqu", "et"}  # fmt: skip
    if rest_folded and not set(rest_folded.split()) <= {w for c in connectors for w in c.split()}:
        span.rest = text.strip()
    return span


def amount(text: str) -> float | None:
    """The one amount in euros written in ``text``."""
    matches = list(_AMOUNT.finditer(text))
    if len(matches) != 1:
        return None
    return _amount_value(matches[0])


def amounts(text: str) -> list[tuple[float, int, int]]:
    return [(_amount_value(m), m.start(), m.end()) for m in _AMOUNT.finditer(text)]


def _amount_value(match: re.Match[str]) -> float:
    whole = re.sub(r"[\s\u00a0\u202f.]", "", match[1])
    value = float(f"{whole}.{match[2]}") if match[2] else float(whole)
    scale = {"k": 1_000, "m": 1_000_000}.get((match[3] or "").lower(), 1)
    return value * scale


def number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def percent(text: str) -> int | None:
    match = _PERCENT.match(text.strip())
    return int(match[1]) if match and int(match[1]) <= 100 else None


def split_names(text: str) -> list[str]:
    """« A, B et C » -> three names; « Police nationale et police municipale » stays one name
    unless a comma shows it is a list. Parentheses are kept whole."""
    parts: list[str] = []
    depth = 0
    current = ""
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char in ",;\n" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    parts = [p.strip(" .…") for p in parts if p.strip(" .…")]
    # « …, Vilogia et Partenord-Habitat »: in a list, « et » joins two names when a name (a
    # capital, after an article or not) follows it; « de prévention et d'aide » is one name.
    if len(parts) > 1:
        split: list[str] = []
        for part in parts:
            head, _, tail = part.rpartition(" et ")
            if head and re.match(r"^(?:(?:les|le|la|l['’])\s*)?[A-ZÀ-Ý]", tail):
                split += [head, tail]
            else:
                split.append(part)
        parts = split
    return [p.strip() for p in parts if p.strip()]


_PLACE = re.compile(r"^(?P<nom>.+?),\s*(?P<adresse>\d.*)$")
_REMARK = re.compile(r"^(?P<rest>.+?)\s*\((?P<commentaire>[^()]+)\)$")


def place(text: str) -> dict[str, str]:
    """A place as our documents write it, « nom, adresse (commentaire) »: the address only
    where it opens with a street number (« Mairie, place de la République » stays a name)."""
    found: dict[str, str] = {}
    remark = _REMARK.match(text)
    if remark:
        text, found["commentaire"] = remark["rest"], remark["commentaire"].strip()
    split = _PLACE.match(text)
    if split:
        return {"nom": split["nom"].strip(), "adresse": split["adresse"].strip(), **found}
    return {"nom": text.strip(), **found}
