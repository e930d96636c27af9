"""French typography for messages and documents: dates, numbers, amounts."""

from __future__ import annotations

import re
from datetime import date
from functools import cache

_MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
NBSP = "\u00a0"
NNBSP = "\u202f"  # narrow no-break space: thousands separator, before ; : ! ?


# Typography of running text. The space a writer typed before ; ! ? » % : or after « becomes
# the no-break one, so that a line never begins with the sign; an apostrophe between two letters
# becomes the typographic one. Nothing is added where the writer put no space ("10:30", URLs).
@cache
def _typography_rules() -> tuple[re.Pattern[str], tuple[tuple[re.Pattern[str], str], ...]]:
    """Compiled on first use: validation, which imports this module, never needs them (2 ms)."""
    rules = (
        (re.compile(r"(?<=\w)'(?=\w)"), "\u2019"),
        (re.compile(r"[ \t\u00a0\u202f]+(?=[;!?»](?!\w))"), NNBSP),
        (re.compile(r"(?<=«)[ \t\u00a0\u202f]+"), NNBSP),
        (re.compile(r"(?<=\d)[ \t\u00a0\u202f]+(?=%(?!\w))"), NNBSP),
        (re.compile(r"(?<=\d)[ \t\u00a0\u202f]+(?=€(?!\w))"), NBSP),
        (re.compile(r"[ \t\u00a0\u202f]+(?=:(?!\w))"), NBSP),
    )
    # A value that is one address (URL, e-mail, data URI) is not prose: left as it is.
    address = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|[^\s@]+@)\S*$", re.IGNORECASE)
    return address, rules


def typography(text: str) -> str:
    """French typography of a sentence: no-break spaces before double signs and inside
    guillemets, typographic apostrophe. ``L'action : 15 %`` -> ``L’action\u00a0: 15\u202f%``."""
    address, rules = _typography_rules()
    if address.match(text):
        return text
    for pattern, replacement in rules:
        text = pattern.sub(replacement, text)
    return text


def date_fr(value: date) -> str:
    """``2017-06-27`` -> ``27 juin 2017`` (``1er`` for the first day)."""
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {_MONTHS[value.month - 1]} {value.year}"


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


def percent_fr(value: float, decimals: int = 0) -> str:
    return f"{number_fr(round(value, decimals), decimals)}{NBSP}%"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``1 erreur``, ``2 erreurs``, ``0 erreur`` (French singular for 0 and 1)."""
    word = singular if count <= 1 else (plural_form or singular + "s")
    return f"{count} {word}"
