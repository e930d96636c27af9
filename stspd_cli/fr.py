"""French typography for messages and documents: dates, numbers, amounts."""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported only to be named: the cached validation path stays as light
    from stspd_cli.dates import PartialDate

MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
NBSP = "\u00a0"
NNBSP = "\u202f"  # narrow no-break space: thousands separator, before ; : ! ?


# Typography of running text. The space a writer typed before ; ! ? » % : or after « becomes
# the no-break one, so that a line never begins with the sign; an apostrophe between two letters
# becomes the typographic one. Nothing is added where the writer put no space ("10:30", URLs).
@cache
def _typography_rules() -> tuple[
    re.Pattern[str], re.Pattern[str], tuple[tuple[re.Pattern[str], str], ...]
]:
    """Compiled on first use: validation, which imports this module, never needs them (2 ms)."""
    rules = (
        (re.compile(r"(?<=\w)'(?=\w)"), "\u2019"),
        # Each run of spaces is tried once, from its first space (the look-behind): a long run
        # before no sign costs its length, not its length squared.
        (re.compile(r"(?<![ \t\u00a0\u202f])[ \t\u00a0\u202f]+(?=[;!?»](?!\w))"), NNBSP),
        (re.compile(r"(?<=«)[ \t\u00a0\u202f]+"), NNBSP),
        (re.compile(r"(?<=\d)[ \t\u00a0\u202f]+(?=%(?!\w))"), NNBSP),
        (re.compile(r"(?<=\d)[ \t\u00a0\u202f]+(?=€(?!\w))"), NBSP),
        (re.compile(r"(?<![ \t\u00a0\u202f])[ \t\u00a0\u202f]+(?=:(?!\w))"), NBSP),
    )
    # A value that is one address (URL, e-mail, data URI) is not prose: left as it is.
    address = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|[^\s@]+@)\S*$", re.IGNORECASE)
    # A sign each rule needs: a text with none of them is left as it is by all the rules.
    triggers = re.compile(r"[';!?»«%€:]")
    return address, triggers, rules


def typography(text: str) -> str:
    """French typography of a sentence: no-break spaces before double signs and inside
    guillemets, typographic apostrophe. ``L'action : 15 %`` -> ``L’action\u00a0: 15\u202f%``."""
    address, triggers, rules = _typography_rules()
    if not triggers.search(text) or address.match(text):
        return text  # most texts of a document hold none of the signs the rules look for
    for pattern, replacement in rules:
        text = pattern.sub(replacement, text)
    return text


def date_fr(value: date | PartialDate) -> str:
    """A date at its own precision: ``27 juin 2017`` (``1er`` for the first day),
    ``septembre 2026``, ``2021``; never padded with a day the source does not give."""
    if not isinstance(value, date):  # a PartialDate
        if value.month is None:
            return str(value.year)
        if value.day is None:
            return f"{MONTHS[value.month - 1]} {value.year}"
        value = value.first_day
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {MONTHS[value.month - 1]} {value.year}"


# The words around a date depend on its precision: « le 30 septembre 2026 » but « en septembre
# 2026 » and « en 2026 »; « du 1er juillet » but « de septembre », « d'avril », « de 2021 ».
def _is_day(value: date | PartialDate) -> bool:
    return isinstance(value, date) or value.day is not None


def _de(value: date | PartialDate) -> str:
    text = date_fr(value)
    return f"d'{text}" if text[0] in "aeiouéè" else f"de {text}"


def date_on(value: date | PartialDate) -> str:
    """``le 30 septembre 2026``, ``en septembre 2026``, ``en 2021``: when something happened."""
    return f"{'le' if _is_day(value) else 'en'} {date_fr(value)}"


def date_as_of(value: date | PartialDate) -> str:
    """``au 30 juin 2026``, ``en juin 2026``: the date a value was measured at."""
    return f"{'au' if _is_day(value) else 'en'} {date_fr(value)}"


def date_from(value: date | PartialDate) -> str:
    """``du 18 juin 2026``, ``de juin 2026``, ``d'avril 2026``, ``de 2021``."""
    return f"du {date_fr(value)}" if _is_day(value) else _de(value)


def date_until(value: date | PartialDate) -> str:
    """``jusqu'au 30 septembre 2026``, ``jusqu'en septembre 2026``, ``jusqu'en 2024``."""
    return f"jusqu'{'au' if _is_day(value) else 'en'} {date_fr(value)}"


def date_since(value: date | PartialDate) -> str:
    """``à partir du 2 septembre 2024``, ``à partir de septembre 2024``, ``à partir de 2021``."""
    return f"à partir {date_from(value)}"


def date_span(start: date | PartialDate, end: date | PartialDate) -> str:
    """``du 1er juillet 2024 au 30 juin 2027``, ``de 2021 à 2024``, ``de septembre 2024 à juin
    2027``: each end with its own preposition."""
    return f"{date_from(start)} {'au' if _is_day(end) else 'à'} {date_fr(end)}"


def quoted(text: str) -> str:
    """« text », unless the text already holds guillemets: a title written « Bien vieillir » à
    Loos is shown as it is, never wrapped in « « » »."""
    return text if "«" in text or "»" in text else f"« {text} »"


def excerpt(text: str, limit: int) -> str:
    """A text on one line, cut at a word with « … » when longer than ``limit``."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat.rfind(" ", 0, limit)
    return f"{flat[: cut if cut > 0 else limit]} …"


def number_fr(value: float, decimals: int = 2) -> str:
    """``12345.5`` -> ``12 345,5``; integers lose their ``,0``."""
    if float(value).is_integer():
        text = f"{int(value):,}"
    else:
        text = f"{value:,.{decimals}f}".rstrip("0").rstrip(".")
    return text.replace(",", NNBSP).replace(".", ",")


def euros_fr(value: float) -> str:
    """``1234.5`` -> ``1 234,50 €``; whole amounts keep no decimals (``12 000 €``)."""
    if float(value).is_integer():
        return f"{number_fr(value)}{NBSP}€"
    text = f"{value:,.2f}".replace(",", NNBSP).replace(".", ",")
    return f"{text}{NBSP}€"


# One precision for every percentage a document or a message shows: one decimal, none when the
# share is whole (« 33,3 % », « 50 % », « 12,5 % »). JSON keeps one decimal as well.
PERCENT_DECIMALS = 1


def percent_fr(value: float) -> str:
    """``53.333`` -> ``53,3 %``, ``50.0`` -> ``50 %``: the one rule for percentages."""
    return f"{number_fr(round(value, PERCENT_DECIMALS), PERCENT_DECIMALS)}{NBSP}%"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``1 erreur``, ``2 erreurs``, ``0 erreur`` (French singular for 0 and 1), ``3 enjeux``:
    the plural by the one rule of :func:`stspd_cli.nouns.pluralize`."""
    return f"{count} {words_for(count, singular, plural_form)}"


def words_for(count: int, singular: str, plural_form: str | None = None) -> str:
    """The words that go with ``count``, without it: ``numéro manquant`` for 0 or 1,
    ``numéros manquants`` for more (a number said apart, « numéros manquants : 3, 5 »)."""
    if count <= 1:
        return singular
    if plural_form:
        return plural_form
    from stspd_cli.nouns import pluralize  # noqa: PLC0415  (its word list is read on first use)

    return pluralize(singular)
