"""``report`` reads each strategy into the plain records of the compiled model, without
pydantic (stspd_cli.model.plain), as ``validate`` does: the bilan is the same as from
pydantic's models, on every example file, public and internal; a file the compiled model
does not accept is read by pydantic, as before."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from example_files import EXAMPLES_DIR

from stspd_cli.confidentiality import view
from stspd_cli.load import load_file
from stspd_cli.model import Document
from stspd_cli.model.plain import Record, read_plain
from stspd_cli.report.compute import territory_report
from stspd_cli.report.formats import territory_json, territory_text
from stspd_cli.strategy_io import load_model

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 22)
EXAMPLES = sorted(
    [
        *(EXAMPLES_DIR / "valides").glob("*.yaml"),
        *(ROOT / "strategies").glob("*.yaml"),
        *(ROOT / "examples").rglob("*.yaml"),
        *(ROOT / "tests" / "report" / "fixtures").glob("*.yaml"),
    ]
)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: str(p.relative_to(ROOT)))
@pytest.mark.parametrize("interne", [False, True])
def test_same_bilan_from_records_and_from_pydantic(path: Path, interne: bool) -> None:
    loaded = load_file(path, path.name)
    assert loaded.data is not None
    if read_plain(loaded.data) is None:
        pytest.skip("le modèle compilé ne lit pas ce fichier : pydantic le lit, comme avant")
    records = load_model(path, TODAY, records=True)
    models = load_model(path, TODAY)
    assert isinstance(records, Record)
    assert isinstance(models, Document)
    by_records = territory_report(view(records, interne=interne), TODAY, path.name)
    by_models = territory_report(view(models, interne=interne), TODAY, path.name)
    assert by_records == by_models
    assert territory_text(by_records, TODAY) == territory_text(by_models, TODAY)
    assert territory_json(by_records, TODAY) == territory_json(by_models, TODAY)


def test_the_examples_hold_restricted_items() -> None:
    """The comparison above covers the public view: some example loses items in it."""
    masked = 0
    for path in EXAMPLES:
        doc = load_model(path, TODAY, records=True)
        if view(doc, interne=False) != doc:
            masked += 1
    assert masked >= 2


def test_a_record_copy_changes_only_what_it_is_given() -> None:
    doc = load_model(ROOT / "strategies" / "clspd-lille.yaml", TODAY, records=True)
    assert isinstance(doc, Record)
    copy = doc.model_copy(update={"acteurs": []})
    assert copy.acteurs == []
    assert doc.acteurs != []
    assert [name for name, _ in copy] == [name for name, _ in doc]
    assert all(getattr(copy, n) is getattr(doc, n) for n, _ in doc if n != "acteurs")


def test_a_file_the_compiled_model_does_not_accept_is_read_by_pydantic(tmp_path: Path) -> None:
    """A key the compiled model does not know: the plain path says no, pydantic reads the
    file, and its error is the one the user reads, the same as without the records."""
    from stspd_cli.errors import InvalidStrategyError  # noqa: PLC0415

    source = (ROOT / "strategies" / "clspd-lille.yaml").read_text(encoding="utf-8")
    target = tmp_path / "inconnu.yaml"
    target.write_text(source + "cle_inconnue: 1\n", encoding="utf-8")
    with pytest.raises(InvalidStrategyError) as by_records:
        load_model(target, TODAY, records=True)
    with pytest.raises(InvalidStrategyError) as by_models:
        load_model(target, TODAY)
    assert "cle_inconnue" in str(by_records.value)
    assert str(by_records.value) == str(by_models.value)


def test_report_over_a_folder_imports_no_pydantic(tmp_path: Path) -> None:
    """In the main process and in the workers (``-X importtime`` writes each import of every
    process on the error output): a folder of valid strategies is read without pydantic."""
    for n in range(10):
        shutil.copy(ROOT / "strategies" / "clspd-lille.yaml", tmp_path / f"s{n:02}.yaml")
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "stspd_cli", "report", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Vue consolidée : 10 territoires" in done.stdout
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
    assert "stspd_cli.report.compute" in imported
    assert not {m for m in imported if m.split(".")[0] == "pydantic"}
