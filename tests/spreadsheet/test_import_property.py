"""Property: ``import --apply`` writes only what reads back identical (issue 13, item 11).

Whatever a partner types in a comment cell (of an action, or of a new measure), the import
either refuses it at its cell, leaving the strategy untouched, or writes a strategy that
ruamel's round-trip loader and stspd read back with exactly the cell's text (line ends made
Unix, blanks at the ends of lines and around the text removed: layout, not meaning). A NEL
(U+0085) used to become a line break, and some texts made a file ruamel could not read again.
A null character is left out: it makes the whole csv file unreadable (exit 2), and
``test_cells`` checks the cell rule on it.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stspd_cli.roundtrip import yaml_rt
from stspd_cli.spreadsheet.csv_io import write_csv
from stspd_cli.spreadsheet.formulas import guard
from stspd_cli.spreadsheet.importer import import_table
from stspd_cli.spreadsheet.table import build_table
from stspd_cli.strategy_io import load_model

FIXTURE = Path(__file__).parents[1] / "report" / "fixtures" / "bourg-fictif.yaml"
TODAY = date(2026, 3, 1)
UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
_ALPHABET = st.sampled_from(
    [
        *"ab é«»'\"\\:#-|>!&*%@=?,[]{}`~\t\n\r\u00a0\u202f😀\u200b\ufeff",
        *"\x85\u2028\u2029\x1b\x7f\x9b\x0b\x01",
    ]
)
TEXTS = st.one_of(
    st.text(alphabet=_ALPHABET, min_size=1, max_size=30),
    st.lists(st.sampled_from(["mot", "deux", "é", "\t", "\x85", ":", "- ", "'", "#"]))
    .map(" ".join)
    .filter(bool),
    st.text(min_size=1, max_size=20).filter(lambda t: not re.search("[\x00\ud800-\udfff]", t)),
)


def _layout(text: str) -> str | None:
    """What the strategy must hold for a cell: the documented layout rules, nothing more."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip() or None


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> list[list[str]]:
    doc = load_model(FIXTURE)
    from stspd_cli.spreadsheet.identity import file_fingerprint  # noqa: PLC0415

    table = build_table(
        doc,
        source="bourg.yaml",
        fingerprint=file_fingerprint(FIXTURE.read_bytes()),
        interne=False,
        today=TODAY,
    )
    return list(csv.reader(io.StringIO(write_csv(table).decode("utf-8-sig")), delimiter=";"))


def _fill(rows: list[list[str]], column: str, text: str) -> list[list[str]]:
    """The text in the first action's comment, or in a new measure of the first indicator."""
    rows = [list(r) for r in rows]
    if column == "action":
        header = rows[0]
        rows[1][header.index("Commentaire")] = guard(text)
        return rows
    start = next(i for i, r in enumerate(rows) if r and r[0] == "Identifiant de l'action")
    header = rows[start]
    row = rows[start + 1]
    row[header.index("Nouvelle mesure : date")] = "15/01/2026"
    row[header.index("Nouvelle mesure : valeur")] = "45"
    row[header.index("Nouvelle mesure : commentaire")] = guard(text)
    return rows


def _written_comment(path: Path, column: str) -> object:
    tree = yaml_rt().load(path.read_text(encoding="utf-8"))
    action = tree["plans"][0]["actions"][0]
    if column == "action":
        return action.get("commentaire")
    measures = action["indicateurs"][0].get("mesures") or []
    return next((m.get("commentaire") for m in measures if str(m["date"]) == "2026-01-15"), None)


@pytest.mark.parametrize("column", ["action", "measure"])
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=TEXTS)
def test_import_writes_what_reads_back_or_refuses_at_the_cell(
    exported: list[list[str]], tmp_path: Path, column: str, text: str
) -> None:
    folder = tmp_path / "essai"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    strategy = folder / "bourg.yaml"
    shutil.copyfile(FIXTURE, strategy)
    table = folder / "rempli.csv"
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows(_fill(exported, column, text))
    table.write_bytes(("\ufeff" + buffer.getvalue()).encode("utf-8"))
    before = strategy.read_bytes()

    outcome = import_table(strategy, table, apply=True, today=TODAY)

    if UNWRITABLE.search(text) and text.strip():  # a cell of blanks alone is an empty cell
        assert outcome.problems, "an unwritable character must be refused"
    if outcome.problems:
        assert strategy.read_bytes() == before
        for problem in outcome.problems:
            assert problem.where and re.fullmatch(r"(Suivi|Indicateurs)![A-Z]+\d+", problem.where)
        return
    wanted = _layout(text)
    if not outcome.written:
        return  # nothing to write: an empty cell, or the same comment
    assert _written_comment(strategy, column) == wanted  # None: a measure without comment
    model = load_model(strategy).plans[0].actions[0]
    if column == "action":
        assert model.commentaire == wanted
    else:
        assert any(m.commentaire == wanted for m in model.indicateurs[0].mesures)
