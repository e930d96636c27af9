"""What each editable cell accepts, and the texts it refuses with."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from stspd_cli.dates import PartialDate
from stspd_cli.spreadsheet.cells import (
    Cell,
    CellError,
    parse_date,
    parse_number,
    parse_progress,
    parse_status,
    parse_text,
)
from stspd_cli.spreadsheet.identity import Identity, clean_text, identity_from_rows
from stspd_cli.spreadsheet.layout import fold, letter
from stspd_cli.vocabulary import vocabulary

from .support import STATUS_LABELS

TODAY = date(2026, 7, 1)


def cell(value: object, number_format: str = "General") -> Cell:
    return Cell("Suivi", 4, 6, value, number_format)


def test_cell_names() -> None:
    assert cell(None).where == "Suivi!G4"
    assert [letter(i) for i in (0, 25, 26, 51, 52, 701, 702)] == [
        "A", "Z", "AA", "AZ", "BA", "ZZ", "AAA",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("en cours", "en_cours"),
        ("En Cours", "en_cours"),
        ("en_cours", "en_cours"),
        ("EN_COURS ", "en_cours"),
        ("réalisée", "realisee"),
        ("Realisee", "realisee"),
        ("ABANDONNÉE", "abandonnee"),
        ("prévue", "prevue"),
        (None, None),
        ("  ", None),
    ],
)
def test_status_labels_and_keys(value: object, key: str | None) -> None:
    assert parse_status(cell(value), vocabulary("statut")) == key


@pytest.mark.parametrize("value", ["fini", "terminé", 3, "en-cours-de"])
def test_unknown_status(value: object) -> None:
    with pytest.raises(CellError) as error:
        parse_status(cell(value), vocabulary("statut"))
    assert error.value.message == (
        f"statut « {value} » inconnu ; valeurs possibles : {STATUS_LABELS}"
    )


@pytest.mark.parametrize(
    ("value", "number_format", "expected"),
    [
        (40, "General", 40),
        (40.0, "0", 40),
        ("40", "General", 40),
        ("40 %", "General", 40),
        ("40%", "@", 40),
        ("40\u202f%", "General", 40),
        ("100.00%", "General", 100),
        (0.4, "0%", 40),  # Excel turns « 40 % » typed in a cell into 0.4 shown as a percentage
        (0.55, "0.00%", 55),
        (0, "General", 0),
        (None, "General", None),
    ],
)
def test_progress_accepted(value: object, number_format: str, expected: int | None) -> None:
    assert parse_progress(cell(value, number_format)) == expected


@pytest.mark.parametrize(
    ("value", "shown"),
    [("beaucoup", "beaucoup"), (140, "140"), (40.5, "40,5"), (-5, "-5"), ("40,5 %", "40,5 %"),
     (True, "True")],
)  # fmt: skip
def test_progress_refused(value: object, shown: str) -> None:
    with pytest.raises(CellError) as error:
        parse_progress(cell(value))
    assert error.value.message == (
        f"avancement « {shown} » refusé : écrivez un nombre entier de 0 à 100, par exemple 40"
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime(2026, 6, 30), PartialDate(2026, 6, 30)),
        (date(2026, 6, 30), PartialDate(2026, 6, 30)),
        ("30/06/2026", PartialDate(2026, 6, 30)),
        ("1/7/2026", PartialDate(2026, 7, 1)),
        ("30.06.2026", PartialDate(2026, 6, 30)),
        ("2026-06-30", PartialDate(2026, 6, 30)),
        (" 2026-06-30 ", PartialDate(2026, 6, 30)),
        # A measure known for a month or a year only keeps that precision.
        ("06/2026", PartialDate(2026, 6)),
        ("2026-06", PartialDate(2026, 6)),
        ("2025", PartialDate(2025)),
        (None, None),
    ],
)
def test_dates_accepted(value: object, expected: PartialDate | None) -> None:
    assert parse_date(cell(value), TODAY) == expected


@pytest.mark.parametrize(
    ("number_format", "expected"),
    [
        ("DD/MM/YYYY", PartialDate(2026, 6, 1)),
        ("General", PartialDate(2026, 6, 1)),
        ("MM/YYYY", PartialDate(2026, 6)),
        ("mmm-yy", PartialDate(2026, 6)),  # what French Excel makes of « 06/2026 » typed in
        ("YYYY", PartialDate(2026)),
        ('"le "DD/MM/YYYY', PartialDate(2026, 6, 1)),
    ],
)
def test_date_cells_keep_the_precision_of_their_format(
    number_format: str, expected: PartialDate
) -> None:
    assert parse_date(cell(datetime(2026, 6, 1), number_format), TODAY) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("30/02/2026", "date « 30/02/2026 » impossible (ce jour n'existe pas)"),
        ("juin 2026", "date « juin 2026 » illisible : écrivez JJ/MM/AAAA, par exemple 30/06/2026"),
        (45000, "date « 45000 » illisible : écrivez JJ/MM/AAAA, par exemple 30/06/2026"),
        ("06/30/2026", "date « 06/30/2026 » impossible (ce jour n'existe pas)"),
        ("2026-07-02", "date 2 juillet 2026 dans le futur : une mesure porte sur une date passée"),
        ("08/2026", "date août 2026 dans le futur : une mesure porte sur une date passée"),
        ("13/2026", "date « 13/2026 » impossible (ce jour n'existe pas)"),
    ],
)
def test_dates_refused(value: object, message: str) -> None:
    with pytest.raises(CellError) as error:
        parse_date(cell(value), TODAY)
    assert error.value.message == message


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (42, 42),
        (12.5, 12.5),
        (12.0, 12),
        ("12,5", 12.5),
        ("12.5", 12.5),
        ("1 234,5", 1234.5),
        ("1\u202f234", 1234),
        ("-3", -3),
        (",5", 0.5),
        (None, None),
    ],
)
def test_numbers_accepted(value: object, expected: float | None) -> None:
    result = parse_number(cell(value))
    assert result == expected
    assert type(result) is type(expected)


@pytest.mark.parametrize("value", ["abc", "12 jeunes", "1,2,3", True, "inf", float("nan")])
def test_numbers_refused(value: object) -> None:
    with pytest.raises(CellError):
        parse_number(cell(value))


def test_texts_are_cleaned() -> None:
    assert parse_text(cell("  un\r\ndeux  \r\n\r\n")) == "un\ndeux"
    assert parse_text(cell("a\tb")) == "a\tb"  # kept: the strategy holds it as it is
    assert parse_text(cell(12)) == "12"
    assert parse_text(cell("   ")) is None
    assert clean_text(" ligne 1 \nligne 2\n") == "ligne 1\nligne 2"


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("Fait\x85ensuite", "un passage à la ligne NEL (U+0085)"),
        ("a\u2028b", "un séparateur de ligne (U+2028)"),
        ("a\u2029b", "un séparateur de paragraphe (U+2029)"),
        ("a\x07c", "un caractère de contrôle (U+0007)"),
        ("a\x1b[2Jb", "un caractère de contrôle (U+001B)"),
        ("a\x7fb", "un caractère de contrôle (U+007F)"),
        ("a\x9bb", "un caractère de contrôle (U+009B)"),
        ("a\ud800b", "une moitié isolée de caractère UTF-16 (U+D800)"),
        ("a\uffffb", "un non-caractère (U+FFFF)"),
    ],
)
def test_texts_a_strategy_cannot_hold_are_refused(text: str, what: str) -> None:
    """Refused, never dropped or changed (a NEL became a line break, a tab a space)."""
    with pytest.raises(CellError, match=re.escape(f"il contient {what}")):
        parse_text(cell(text))


def test_headers_fold() -> None:
    assert fold("Identifiant de l’action") == fold("identifiant de l'action")
    assert fold("  ÉCHÉANCE ") == "echeance"


def test_identity_rows_round_trip() -> None:
    identity = Identity(
        source="s.yaml",
        territoire="Val",
        instance="CLSPD",
        version="2026",
        empreinte="sha256:0",
        date_export=TODAY,
        diffusion="interne",
    )
    rows = identity.rows()
    back = identity_from_rows(rows)
    assert back == identity
    # As French Excel gives them back once it has turned the date into a date.
    rows[6] = ["date_export", "01/07/2026", "", ""]
    assert identity_from_rows(rows).date_export == TODAY
    rows[6] = ["date_export", "7/1/26"]
    assert identity_from_rows(rows).date_export is None
    assert identity_from_rows(rows).since == "depuis l'export"
