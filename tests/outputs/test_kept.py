"""Every output keeps what it said: each row of the outputs captured in ``avant/`` (before the
model of issue 14) is still said by today's outputs. New facts may be added; nothing may go.

A sentence must be found, word for word, in the new output's text; a table row must be found
as a row whose cells hold the old cells in the same order (a new column may come in between).
The few changes made on purpose (a wrong figure corrected) are listed, with their reason, in
``corrections.yaml``: they are applied to the old rows before the comparison.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from stspd_cli.yamlparse import parse_yaml

from .capture import BEFORE, HERE, Row, load, normalise, outputs, prepare_inputs

OUTPUTS = {output.name: output for output in outputs()}


@cache
def corrections() -> list[tuple[tuple[str, ...], re.Pattern[str], str]]:
    data = parse_yaml((HERE / "corrections.yaml").read_text(encoding="utf-8")).data or []
    return [
        (tuple(map(str, c["sorties"])), re.compile(str(c["avant"])), str(c["apres"])) for c in data
    ]


@cache
def corrections_of(name: str) -> list[tuple[re.Pattern[str], str]]:
    """The corrections whose globs name the output ``name``, in the order of the file."""
    return [(b, a) for globs, b, a in corrections() if any(Path(name).match(g) for g in globs)]


def corrected(name: str, row: Row) -> Row:
    """The old row as the new outputs say it on purpose (``corrections.yaml``): each pattern
    applies to the whole row, its cells separated by tabulations."""
    text = "\t".join(row)
    for before, after in corrections_of(name):
        text = before.sub(after, text)
    return tuple(text.split("\t"))


def _holds(old: Row, new: Row) -> bool:
    """The non-empty cells of ``old``, in order, each inside a cell of ``new``."""
    position = 0
    for cell in (c for c in old if c):
        while position < len(new) and cell not in new[position]:
            position += 1
        if position == len(new):
            return False
        position += 1
    return True


def missing(old_rows: list[Row], new_rows: list[Row], flat: str | None) -> list[Row]:
    text = flat if flat is not None else normalise(" ".join(" ".join(r) for r in new_rows))
    tables = [row for row in new_rows if len(row) > 1]
    # Only a new row whose text holds every old cell can hold the row: a cheap first filter.
    joined = ["\t".join(n) for n in tables]
    return [
        row
        for row in old_rows
        if (
            row[0] not in text
            if len(row) == 1
            else not any(
                _holds(row, n)
                for n, whole in zip(tables, joined, strict=True)
                if all(c in whole for c in row if c)
            )
        )
    ]


def test_every_output_has_its_capture() -> None:
    captured = {p.name.removesuffix(".txt") for p in BEFORE.glob("*.txt")}
    assert captured == set(OUTPUTS)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return prepare_inputs(tmp_path_factory.mktemp("entrees"))


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_output_keeps_its_content(name: str, inputs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(inputs)
    old = [corrected(name, row) for row in load((BEFORE / f"{name}.txt").read_text("utf-8"))]
    rows, flat = OUTPUTS[name].produce()
    assert missing(old, rows, flat) == []


def test_a_lost_sentence_or_cell_is_seen() -> None:
    new: list[Row] = [("Action n°1 : Titre pour finalité.",), ("Plan", "3", "1", "33,3 %")]
    assert missing([("Action n°1 : Titre",), ("Plan", "3", "33,3 %")], new, None) == []
    assert missing([("Action n°2 : Titre",)], new, None) == [("Action n°2 : Titre",)]
    assert missing([("Plan", "33,3 %", "3")], new, None) == [("Plan", "33,3 %", "3")]


def test_every_correction_changes_an_old_row() -> None:
    """A correction that no longer applies is removed, so that the list says what changed."""
    unused = []
    for globs, before, after in corrections():
        names = [n for n in OUTPUTS if any(Path(n).match(g) for g in globs)]
        rows = ["\t".join(r) for n in names for r in load((BEFORE / f"{n}.txt").read_text("utf-8"))]
        if not any(before.search(row) for row in rows):
            unused.append(f"{before.pattern} -> {after}")
    assert unused == []
