"""The text bilan laid out without rich (stspd_cli.report.textlayout) is the one rich writes:
on the bilans of every example, and on random tables, paragraphs and rules."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.table import Table as RichTable
from rich.text import Text as RichText

from stspd_cli.report import formats, textlayout
from stspd_cli.report.consolidate import report_of
from stspd_cli.terminal import console as rich_console
from stspd_cli.terminal import json_text, rendered

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(
    [
        *(ROOT / "strategies").glob("*.yaml"),
        *(ROOT / "examples").glob("*.yaml"),
        *(ROOT / "tests" / "report" / "fixtures").glob("*.yaml"),
    ]
)


def _by_rich(report: dict[str, object]) -> str:
    console, buffer = rich_console(color=False, width=120)
    formats._write_text(console, report, RichTable, RichText)
    return str(rendered(buffer))


def _by_layout(report: dict[str, object]) -> str:
    console = textlayout.Console(width=120)
    formats._write_text(console, report, textlayout.Table, textlayout.Text)
    return console.text()


@pytest.mark.parametrize("interne", [False, True])
def test_every_example_and_all_of_them_together(interne: bool) -> None:
    for files in [[p] for p in EXAMPLES] + [EXAMPLES]:
        report = report_of(files, date(2026, 11, 22), interne=interne)
        assert _by_layout(report) == _by_rich(report), files


def test_the_text_format_takes_the_layout_without_colours() -> None:
    report = report_of(EXAMPLES, date(2026, 11, 22), interne=False)
    assert formats.as_text(report, False) == _by_rich(report)


def _folder(tmp_path: Path) -> list[Path]:
    """Every example twice, in one folder: enough strategies for the worker processes."""
    tmp_path.mkdir()
    for n, path in enumerate(EXAMPLES * 2):
        (tmp_path / f"{n:02}-{path.name}").write_bytes(path.read_bytes())
    files = sorted(tmp_path.iterdir())
    assert len(files) >= 8
    return files


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_the_command_writes_each_territory_as_it_comes(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``stspd report`` over a folder (workers from eight files on) writes each territory as
    it comes, its text made in the worker that computed it, the consolidated view added up on
    the way: the same characters as the whole report written at once (JSON: as ``json_text``
    writes the whole document)."""
    from cli_run import run  # noqa: PLC0415

    files = _folder(tmp_path / "dossier")
    code, out, err = run(
        capsys, "report", str(tmp_path / "dossier"), "-f", fmt, "--date", "2026-11-22"
    )
    assert code == 0, err
    report = report_of(files, date(2026, 11, 22), interne=False)
    assert out == formats.FORMATS[fmt](report, False)
    if fmt == "json":
        assert out == json_text({"format": formats.JSON_FORMAT, **report})
        assert json.loads(out)["consolide"]["territoires"] == len(files)


@pytest.mark.parametrize("interne", [False, True])
def test_json_is_the_whole_document_as_json_writes_it(interne: bool) -> None:
    for files in [[p] for p in EXAMPLES] + [EXAMPLES]:
        report = report_of(files, date(2026, 11, 22), interne=interne)
        written = formats.as_json(report, False)
        assert written == json_text({"format": formats.JSON_FORMAT, **report}), files


def test_a_part_it_does_not_measure_is_laid_out_by_rich_alone() -> None:
    """One territory named with wide characters, one funding source with a tab: those parts
    are laid out by rich, the others by the layout, and the whole is what rich writes."""
    report = report_of(EXAMPLES, date(2026, 11, 22), interne=False)
    report["territoires"][1]["territoire"] = "漢字"
    with pytest.raises(textlayout.NotPlain):
        _by_layout(report)
    assert formats.as_text(report, False) == _by_rich(report)
    sources = report["consolide"]["financement"]["par_source"]
    assert sources
    first = next(iter(sources))
    sources["Fonds\tspécial"] = sources.pop(first)
    assert formats.as_text(report, False) == _by_rich(report)


def test_a_text_it_does_not_measure_goes_to_rich() -> None:
    with pytest.raises(textlayout.NotPlain):
        textlayout.Table("Titre", title="漢字")
    with pytest.raises(textlayout.NotPlain):
        textlayout.Text("une\nligne")


_WORDS = st.lists(
    st.text(alphabet="abcdéàç-'’«»€ \u00a0\u202f", min_size=1, max_size=30)
    | st.sampled_from(["n°1", "—", "100 %", "a" * 70, " ", "", "x" * 130]),
    min_size=0,
    max_size=12,
).map(" ".join)


# One to seven columns, and rows of that many cells (drawn for those columns only).
_TABLES = st.integers(1, 7).flatmap(
    lambda columns: st.lists(st.lists(_WORDS, min_size=columns, max_size=columns), max_size=4).map(
        lambda rows: (columns, rows)
    )
)


@settings(max_examples=300, deadline=None)
@given(table=_TABLES, title=st.none() | _WORDS, width=st.integers(20, 140))
def test_random_tables(table: tuple[int, list[list[str]]], title: str | None, width: int) -> None:
    columns, rows = table
    headers = [f"Colonne {i}" for i in range(columns)]
    ours = textlayout.Table(*headers, title=title)
    theirs = RichTable(*headers, title=title)
    for row in rows:
        ours.add_row(*row)
        theirs.add_row(*row)
    console, buffer = rich_console(color=False, width=width)
    console.print(theirs)
    plain = textlayout.Console(width=width)
    try:
        plain.print(ours)
    except textlayout.NotPlain:
        return  # columns too narrow to be laid out here: rich writes it
    assert plain.text() == buffer.getvalue()


@settings(max_examples=300, deadline=None)
@given(text=_WORDS, width=st.integers(10, 140))
def test_random_paragraphs_and_rules(text: str, width: int) -> None:
    console, buffer = rich_console(color=False, width=width)
    console.print(text)
    plain = textlayout.Console(width=width)
    plain.print(text)
    assert plain.text() == buffer.getvalue()
    console, buffer = rich_console(color=False, width=width)
    console.rule(RichText(text))
    plain = textlayout.Console(width=width)
    try:
        plain.rule(text)
    except textlayout.NotPlain:
        return
    assert plain.text() == buffer.getvalue()
