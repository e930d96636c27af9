"""French typography for messages and documents: dates, numbers, amounts."""

from __future__ import annotations

from datetime import date

_MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
NBSP = "\u00a0"
NNBSP = "\u202f"  # narrow no-break space: thousands separator, before ; : ! ?


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
