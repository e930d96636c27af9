"""Dates at their own precision: reading, order, the days they stand for, how they are said."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stspd_cli import fr
from stspd_cli.dates import DateError, PartialDate
from stspd_cli.edit.scalars import inline, iso_date

YEAR, MONTH, DAY = PartialDate(2021), PartialDate(2026, 9), PartialDate(2026, 9, 30)


def partial_dates() -> st.SearchStrategy[PartialDate]:
    days = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))
    return st.one_of(
        days.map(PartialDate.of),
        days.map(lambda d: PartialDate(d.year, d.month)),
        days.map(lambda d: PartialDate(d.year)),
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (2021, YEAR),
        ("2021", YEAR),
        ("2026-09", MONTH),
        ("2026-09-30", DAY),
        (date(2026, 9, 30), DAY),
        ("2026-09-30T00:00:00", DAY),  # read as its day before partial dates: still read so
    ],
)
def test_a_date_field_reads(value: object, expected: PartialDate) -> None:
    assert PartialDate.parse(value) == expected


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (2021.0, "« 2021.0 » n'est pas une date"),
        (True, "« true » n'est pas une date"),
        (1899, "« 1899 » n'est pas une année plausible (de 1900 à 2200)"),
        ("2026-13", "date « 2026-13 » invalide ou impossible"),
        ("2026-02-30", "date « 2026-02-30 » invalide ou impossible"),
        ("2026-9", "date « 2026-9 » invalide ou impossible"),
        ("30/09/2026", "date « 30/09/2026 » invalide ou impossible"),
        ("2026-09-30T10:30", "« 2026-09-30T10:30 » est un horodatage : écrivez la date seule"),
    ],
)
def test_what_is_no_date_is_refused_with_its_reason(value: object, reason: str) -> None:
    with pytest.raises(DateError) as error:
        PartialDate.parse(value)
    assert str(error.value) == reason


def test_a_date_stands_for_its_days() -> None:
    assert (YEAR.first_day, YEAR.last_day) == (date(2021, 1, 1), date(2021, 12, 31))
    assert (MONTH.first_day, MONTH.last_day) == (date(2026, 9, 1), date(2026, 9, 30))
    assert PartialDate(2024, 2).last_day == date(2024, 2, 29)
    assert not MONTH.ended_before(date(2026, 9, 30))
    assert MONTH.ended_before(date(2026, 10, 1))
    assert MONTH.within(date(2026, 1, 1), date(2026, 9, 30))
    assert not YEAR.within(date(2021, 3, 1), date(2021, 12, 31))


def test_order_is_first_day_then_precision() -> None:
    assert sorted([DAY, PartialDate(2026, 9, 1), MONTH, PartialDate(2026), YEAR]) == [
        YEAR,
        PartialDate(2026),
        MONTH,
        PartialDate(2026, 9, 1),
        DAY,
    ]
    assert PartialDate(2026) != PartialDate(2026, 1) != PartialDate(2026, 1, 1)


@given(partial_dates(), partial_dates())
def test_order_and_equality_agree(a: PartialDate, b: PartialDate) -> None:
    assert (a == b) == (not a < b and not b < a)
    if a.first_day < b.first_day:
        assert a < b


@given(partial_dates())
def test_the_iso_text_reads_back_the_same_date(value: PartialDate) -> None:
    assert PartialDate.parse(value.isoformat()) == value
    assert iso_date(value.isoformat()) == value.isoformat()
    assert value.first_day <= value.last_day
    assert value.last_day + timedelta(days=1) > value.first_day


SAID = {
    YEAR: ("2021", "en 2021", "de 2021", "jusqu'en 2021", "à partir de 2021", "en 2021"),
    MONTH: (
        "septembre 2026",
        "en septembre 2026",
        "de septembre 2026",
        "jusqu'en septembre 2026",
        "à partir de septembre 2026",
        "en septembre 2026",
    ),
    PartialDate(2026, 4): (
        "avril 2026",
        "en avril 2026",
        "d'avril 2026",
        "jusqu'en avril 2026",
        "à partir d'avril 2026",
        "en avril 2026",
    ),
    DAY: (
        "30 septembre 2026",
        "le 30 septembre 2026",
        "du 30 septembre 2026",
        "jusqu'au 30 septembre 2026",
        "à partir du 30 septembre 2026",
        "au 30 septembre 2026",
    ),
    PartialDate(2026, 9, 1): (
        "1er septembre 2026",
        "le 1er septembre 2026",
        "du 1er septembre 2026",
        "jusqu'au 1er septembre 2026",
        "à partir du 1er septembre 2026",
        "au 1er septembre 2026",
    ),
}


@pytest.mark.parametrize("value", list(SAID), ids=str)
def test_a_date_is_said_at_its_precision(value: PartialDate) -> None:
    """Shown alone, then when (« le », « en »), from, until, since, and as of (a measure)."""
    forms = (fr.date_fr, fr.date_on, fr.date_from, fr.date_until, fr.date_since, fr.date_as_of)
    assert tuple(form(value) for form in forms) == SAID[value]


def test_a_span_takes_each_end_preposition() -> None:
    assert fr.date_span(YEAR, PartialDate(2024)) == "de 2021 à 2024"
    assert (
        fr.date_span(PartialDate(2024, 7, 1), PartialDate(2027, 6, 30))
        == "du 1er juillet 2024 au 30 juin 2027"
    )
    assert fr.date_span(PartialDate(2024, 8), DAY) == "d'août 2024 au 30 septembre 2026"
    assert fr.date_span(date(2024, 7, 1), date(2027, 6, 30)) == fr.date_span(
        PartialDate(2024, 7, 1), PartialDate(2027, 6, 30)
    )


@pytest.mark.parametrize(
    ("written", "canonical", "line"),
    [
        ("2017-6-7", "2017-06-07", "2017-06-07"),
        ("2026-9", "2026-09", '"2026-09"'),  # a month is text: written in quotes
        ("2021", "2021", "2021"),
        ("2026-13", None, '"2026-13"'),  # not a date: left as it is, for validate to report
    ],
)
def test_fmt_writes_a_date_at_its_precision(written: str, canonical: str | None, line: str) -> None:
    assert iso_date(written) == canonical
    assert inline(written, is_date=True) == line
