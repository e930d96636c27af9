"""`stspd export`: what the partners receive, in xlsx and in csv."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from cli_run import run

from stspd_cli.confidentiality import restricted_texts
from stspd_cli.spreadsheet.identity import file_fingerprint
from stspd_cli.spreadsheet.layout import SUIVI_COLUMNS
from stspd_cli.strategy_io import load_model

from .support import DEMO, LOOS, STATUS_LABELS, copy_strategy, export, read_csv_rows, row_of

RESTRICTED_ACTION = "cellule-situations-individuelles"
RESTRICTED_INDICATOR = "Nombre de situations signalées au groupe restreint"


def _workbook(path: Path) -> Any:
    from openpyxl import load_workbook  # noqa: PLC0415

    return load_workbook(path)


def _column(sheet: Any, letter: str) -> list[Any]:
    return [cell.value for cell in sheet[letter][1:]]


def test_xlsx_layout(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    strategy = copy_strategy(DEMO, work)
    code, _out, err = run(capsys, "export", str(strategy))
    assert code == 0
    assert (
        err == "stspd : build/demo-fictive-suivi.xlsx écrit (8 actions, 6 indicateurs, "
        "version publique)\n"
    )
    book = _workbook(work / "build" / "demo-fictive-suivi.xlsx")
    assert book.sheetnames == ["Suivi", "Indicateurs", "_stspd"]
    assert [s.sheet_state for s in book.worksheets] == ["visible", "visible", "hidden"]
    assert book.security.lockStructure
    suivi = book["Suivi"]
    assert [c.value for c in suivi[1]] == [c.header for c in SUIVI_COLUMNS]
    assert suivi["G1"].value == "Statut"
    assert suivi.freeze_panes == "A2"
    assert suivi.column_dimensions["A"].width == 30
    assert suivi.column_dimensions["I"].width == 60
    # Row heights are written: LibreOffice keeps one line per row otherwise.
    assert suivi.row_dimensions[2].height > suivi.row_dimensions[4].height >= 15
    assert suivi["A2"].value == "presence-educative-soiree"
    assert suivi["G2"].value == "en cours"
    assert suivi["H2"].value == 60
    assert suivi["F2"].value.date() == date(2027, 6, 30)
    assert suivi["F2"].number_format == "DD/MM/YYYY"
    assert suivi["K2"].value == "Nombre de jeunes rencontrés : 131 jeunes (30/06/2026)"
    # Protection: the sheet is locked except for the status, progress and comment cells.
    assert suivi.protection.sheet
    assert not suivi.protection.password
    editable = {"G", "H", "I"}
    for row in suivi.iter_rows(min_row=2):
        for cell in row:
            assert cell.protection.locked is (cell.column_letter not in editable), cell.coordinate
    # Drop-down list of the statuses' labels, from a named range of the hidden sheet.
    rules = {str(dv.sqref): dv for dv in suivi.data_validations.dataValidation}
    assert rules["G2:G9"].type == "list"
    assert rules["G2:G9"].formula1 == "stspd_statuts"
    sheet, cells = next(iter(book.defined_names["stspd_statuts"].destinations))
    labels = [row[0].value for row in book[sheet][cells.replace("$", "")]]
    assert ", ".join(labels) == STATUS_LABELS
    assert (rules["H2:H9"].type, rules["H2:H9"].formula1, rules["H2:H9"].formula2) == (
        "whole",
        "0",
        "100",
    )
    indicateurs = book["Indicateurs"]
    assert indicateurs.freeze_panes == "A2"
    assert indicateurs["I1"].value == "Nouvelle mesure : date"
    assert not indicateurs["I2"].protection.locked
    assert indicateurs["A2"].protection.locked
    # Where the table comes from: hidden sheet and document properties.
    meta = {row[0]: row[1] for row in book["_stspd"].iter_rows(min_row=2, values_only=True)}
    fingerprint = file_fingerprint(strategy.read_bytes())
    assert meta["source"] == "demo-fictive.yaml"
    assert meta["territoire"] == "Val-Fictif"
    assert meta["version"] == "juin 2026"
    assert meta["empreinte"] == fingerprint
    assert meta["date_export"] == date.today().isoformat()
    assert meta["diffusion"] == "publique"
    props = {p.name: p.value for p in book.custom_doc_props.props}
    assert props["stspd_source"] == "demo-fictive.yaml"
    assert props["stspd_empreinte"] == fingerprint
    assert book.properties.title == "Tableau de suivi — Val-Fictif"


def test_public_table_leaves_restricted_items_out(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    public = _workbook(export(capsys, DEMO))
    assert RESTRICTED_ACTION not in _column(public["Suivi"], "A")
    assert RESTRICTED_INDICATOR not in _column(public["Indicateurs"], "C")
    assert public["Suivi"].max_column == 11
    internal = _workbook(export(capsys, DEMO, "--interne"))
    assert RESTRICTED_ACTION in _column(internal["Suivi"], "A")
    assert RESTRICTED_INDICATOR in _column(internal["Indicateurs"], "C")
    assert internal["Suivi"]["L1"].value == "Diffusion"
    row = _column(internal["Suivi"], "A").index(RESTRICTED_ACTION) + 2
    assert internal["Suivi"][f"L{row}"].value == "restreinte"
    assert (work / "build" / "demo-fictive-suivi-interne.xlsx").exists()


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_no_restricted_text_in_a_public_table(
    work: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    table = export(capsys, DEMO, "-f", fmt)
    if fmt == "csv":
        shown = table.read_bytes().decode("utf-8-sig")
    else:
        book = _workbook(table)
        shown = "\n".join(
            str(value)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        )
    leaks = [text for text in restricted_texts(load_model(DEMO)) if text in shown]
    assert leaks == []


def test_csv_opens_in_french_excel(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = export(capsys, DEMO, "--format", "csv")
    assert table == Path("build/demo-fictive-suivi.csv")
    data = table.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfIdentifiant;Plan;N\xc2\xb0;Action;")
    assert b"\r\n" in data
    rows = read_csv_rows(table)
    assert rows[0][6:9] == ["Statut", "Avancement (%)", "Commentaire"]
    first = row_of(rows, "presence-educative-soiree")
    assert first[5:8] == ["30/06/2027", "en cours", "60"]
    measures = row_of(rows, "accueil-collegiens-exclus", "Taux de nouvelle exclusion dans l'année")
    assert measures[4:8] == ["35", "20", "18", "30/06/2025"]
    assert next(r for r in rows if r and r[0] == "Identifiant de l'action")[:3] == [
        "Identifiant de l'action",
        "Action",
        "Indicateur",
    ]
    meta = [r for r in rows if r and r[0] == "#stspd"]
    assert ["#stspd", "source", "demo-fictive.yaml"] in meta
    assert row_of(meta, "#stspd", "presence-educative-soiree")[:5] == [
        "#stspd",
        "base",
        "presence-educative-soiree",
        "en_cours",
        "60",
    ]
    assert RESTRICTED_ACTION not in data.decode("utf-8-sig")


def test_text_that_looks_like_a_formula_stays_text(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    strategy = copy_strategy(DEMO, work)
    text = strategy.read_text(encoding="utf-8").replace(
        "commentaire: Action réalisée ;", 'commentaire: "=HYPERLINK(1) ; Action réalisée ;'
    )
    strategy.write_text(text.replace("rentrée 2025.\n", 'rentrée 2025."\n', 1), encoding="utf-8")
    book = _workbook(export(capsys, strategy))
    cell = book["Suivi"]["I3"]
    assert (cell.data_type, cell.value[:11]) == ("s", "=HYPERLINK(")
    rows = read_csv_rows(export(capsys, strategy, "-f", "csv"))
    assert row_of(rows, "accueil-collegiens-exclus")[8].startswith("'=HYPERLINK(")
    # Both come back unchanged: no change to import.
    for table in ("build/demo-fictive-suivi.xlsx", "build/demo-fictive-suivi.csv"):
        code, out, _err = run(capsys, "import", str(strategy), table)
        assert (code, out.split(" :")[0]) == (0, "Aucune modification")


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_real_strategy_exports(work: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    table = export(capsys, LOOS, "-f", fmt, "-o", f"loos.{fmt}")
    assert table == Path(f"loos.{fmt}")
    if fmt == "csv":
        rows = read_csv_rows(table)
        actions = rows[1 : rows.index(next(r for r in rows if not any(r)))]
    else:
        actions = [[c.value for c in row] for row in _workbook(table)["Suivi"].iter_rows(min_row=2)]
    assert len(actions) == 19
    assert actions[0][0] == "comite-prevention-jeunes"
    assert all(not row[6] for row in actions)  # no status in this strategy yet


def test_output_choices(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    strategy = copy_strategy(DEMO, work)
    original = strategy.read_bytes()
    code, _out, err = run(capsys, "export", str(strategy), "-o", "autre.yaml")
    assert code == 2
    assert "un fichier .yaml est une stratégie" in err
    code, _out, err = run(capsys, "export", str(strategy), "-o", str(strategy))
    assert code == 2
    assert strategy.read_bytes() == original
    code, _out, err = run(capsys, "export", str(strategy), "-f", "csv", "-o", "t.xlsx")
    assert code == 2
    assert "sortie « t.xlsx » refusée : l'extension .xlsx annonce le format xlsx, pas csv" in err
    code, _out, err = run(capsys, "export", str(strategy), "-o", "t.ods")
    assert code == 2
    assert err.splitlines() == [
        "stspd : stspd export ne sait pas écrire de fichier .ods (« t.ods »)",
        "  conseil : formats possibles : xlsx (.xlsx), csv (.csv) ; ou précisez --format",
    ]
    code, _out, err = run(capsys, "export", str(strategy), "-f", "ods")
    assert (code, err.splitlines()[0]) == (
        2,
        "stspd : format « ods » inconnu ; formats possibles : xlsx, csv",
    )
    with pytest.MonkeyPatch.context() as terminal:
        terminal.setattr(sys.stdout, "isatty", lambda: True)
        code, _out, err = run(capsys, "export", str(strategy), "-o", "-")
    assert code == 2
    assert "le format xlsx ne s'affiche pas dans un terminal" in err
    code, out, _err = run(capsys, "export", str(strategy), "-o", "-", "-f", "csv")
    assert code == 0
    assert out.startswith("\ufeffIdentifiant;")
    code, _out, _err = run(capsys, "export", str(strategy), "-o", "sortie/suivi.csv")
    assert code == 0
    assert Path("sortie/suivi.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    code, _out, err = run(capsys, "export", "absente.yaml")
    assert code == 2
    assert "absente.yaml" in err
    assert "Traceback" not in err
