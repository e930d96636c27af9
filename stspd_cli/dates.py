"""Dates as precise as the source says them: a year (``2021``), a month (``2026-09``) or a day.

A :class:`PartialDate` stands for an interval of days: ``2021`` for 1 January to 31 December
2021, ``2026-09`` for the whole of September 2026. Every comparison goes through that interval
(``first_day`` and ``last_day``), never through a day made up to fill the gaps. Dates are
ordered by their first day, then by precision (the year before its January, before its
1 January), so that equality and order agree.

Every date field of the model reads its value with :meth:`PartialDate.parse`, which refuses
floats, booleans, timestamps with an hour and years out of range with a French reason.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import total_ordering
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import CoreSchema

MIN_YEAR = 1900
MAX_YEAR = 2200
YEAR, MONTH, DAY = "annee", "mois", "jour"
_RANK = {YEAR: 0, MONTH: 1, DAY: 2}
_TEXT = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
# A timestamp: pydantic read one at midnight as its day, and files may hold one.
_TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


def _timestamp(text: str) -> datetime | None:
    if not _TIMESTAMP.match(text):
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


class DateError(ValueError):
    """A value that is no date, with the French reason, and what to write instead when the
    value looks like a date written another way (``hint``: « écrivez 2026-12-31 »)."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


# Dates as people type them: 31/12/2026, 31.12.2026, 31-12-2026, 2026/12/31, 09/2026.
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_YEAR_FIRST = re.compile(r"^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$")
_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.-](\d{4})$")
_YEAR_MONTH = re.compile(r"^(\d{4})[/.-](\d{1,2})$")


def _written(year: int, month: int, day: int | None = None) -> str | None:
    """The ISO form of a date that exists, as a date field is written in YAML (a month in
    quotes); None when there is no such date."""
    try:
        found = PartialDate(year, month, day)
    except ValueError:
        return None
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    return found.isoformat() if day is not None else f'"{found.isoformat()}"'


def date_hint(text: str) -> str:
    """What to write for a date typed another way: « écrivez 2026-12-31 » for ``31/12/2026``,
    the day and the month swapped for ``2026-31-12``, « écrivez "2026-09" » for ``09/2026``;
    "" when the text does not look like a date."""
    text = text.strip()
    if match := _DAY_FIRST.match(text):
        day, month, year = map(int, match.groups())
        written = _written(year, month, day)
        return f"écrivez {written}" if written else ""
    if match := _YEAR_FIRST.match(text):
        year, month, day = map(int, match.groups())
        written = _written(year, month, day)
        if written:
            return f"écrivez {written}"
        swapped = _written(year, day, month)
        return f"jour et mois inversés ? écrivez {swapped}" if swapped else ""
    if match := _MONTH_YEAR.match(text):
        month, year = map(int, match.groups())
        written = _written(year, month)
        return f"écrivez {written}" if written else ""
    if match := _YEAR_MONTH.match(text):
        year, month = map(int, match.groups())
        written = _written(year, month)
        return f"écrivez {written}" if written else ""
    return ""


@total_ordering
@dataclass(frozen=True, slots=True)
class PartialDate:
    """A year, a month or a day, written and shown at that precision."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            msg = "un jour sans mois"
            raise DateError(msg)
        date(self.year, self.month or 1, self.day or 1)  # ValueError when impossible

    @property
    def precision(self) -> str:
        if self.day is not None:
            return DAY
        return MONTH if self.month is not None else YEAR

    @property
    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> date:
        if self.day is not None:
            return self.first_day
        if self.month is None:
            return date(self.year, 12, 31)
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def isoformat(self) -> str:
        """``2021``, ``2026-09``, ``2026-09-30``: the text a file writes."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    def __str__(self) -> str:
        return self.isoformat()

    def interval(self) -> dict[str, str]:
        """The days the date stands for, for JSON outputs that compare with it."""
        return {"debut": self.first_day.isoformat(), "fin": self.last_day.isoformat()}

    def _key(self) -> tuple[date, int]:
        return self.first_day, _RANK[self.precision]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() < other._key()

    def ended_before(self, day: date) -> bool:
        """True once every day of the date is past: ``2026-09`` has ended before 1 October."""
        return self.last_day < day

    def began_after(self, day: date) -> bool:
        return self.first_day > day

    def within(self, start: date, end: date) -> bool:
        """The whole interval lies between ``start`` and ``end`` (both included)."""
        return start <= self.first_day and self.last_day <= end

    @classmethod
    def of(cls, day: date) -> PartialDate:
        return cls(day.year, day.month, day.day)

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """A date field's value: a year (an integer, or its text), ``AAAA-MM``, ``AAAA-MM-JJ``,
        a :class:`datetime.date`; raise :class:`DateError` with the French reason otherwise."""
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, datetime):
            return cls._midnight(value, str(value))
        if isinstance(value, date):
            return cls.of(value)
        if isinstance(value, bool) or not isinstance(value, int | str):
            shown = str(value).lower() if isinstance(value, bool) else str(value)
            msg = f"« {shown} » n'est pas une date"
            raise DateError(msg)
        if isinstance(value, int):
            return cls._year(value, str(value))
        return cls._text(value)

    @classmethod
    def _year(cls, year: int, shown: str) -> PartialDate:
        if not MIN_YEAR <= year <= MAX_YEAR:
            msg = f"« {shown} » n'est pas une année plausible (de {MIN_YEAR} à {MAX_YEAR})"
            raise DateError(msg)
        return cls(year)

    @classmethod
    def _text(cls, text: str) -> PartialDate:
        match = _TEXT.match(text)
        if match is None:
            moment = _timestamp(text)
            if moment is not None:
                return cls._midnight(moment, text)
            msg = f"date « {text} » invalide ou impossible"
            raise DateError(msg, date_hint(text))
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        found = cls._year(year, text)
        try:
            return cls(found.year, month, day)
        except ValueError:
            msg = f"date « {text} » invalide ou impossible"
            raise DateError(msg, date_hint(text)) from None

    @classmethod
    def _midnight(cls, moment: datetime, shown: str) -> PartialDate:
        if (moment.hour, moment.minute, moment.second, moment.microsecond) != (0, 0, 0, 0):
            msg = f"« {shown} » est un horodatage : écrivez la date seule"
            raise DateError(msg)
        cls._year(moment.year, shown)
        return cls.of(moment.date())

    # pydantic: every date field of the model is a PartialDate.
    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        from pydantic_core import PydanticCustomError, core_schema  # noqa: PLC0415

        def validate(value: object) -> PartialDate:
            try:
                return cls.parse(value)
            except DateError as error:
                raise PydanticCustomError(
                    "partial_date", "{detail}", {"detail": str(error), "conseil": error.hint}
                ) from None

        return core_schema.no_info_plain_validator_function(
            validate,
            serialization=core_schema.plain_serializer_function_ser_schema(
                lambda value: value.isoformat(), when_used="json"
            ),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "anyOf": [
                {"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR},
                {"type": "string", "pattern": r"^\d{4}-(0[1-9]|1[0-2])$"},
                # Editors show the examples of an optional field's first branch that has some.
                {"type": "string", "format": "date", "examples": ["2026-09-30", "2026-09", 2021]},
            ],
        }
