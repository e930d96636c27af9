"""The validation cache and the parallel run: same findings, fewer computations."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from stspd_cli import cache, validate
from stspd_cli.load import Loaded

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "tests" / "examples"
TODAY = date(2026, 1, 15)


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv(cache.ENV_DISABLE, raising=False)
    cache.cache_dir.cache_clear()
    yield tmp_path / "cache"
    cache.cache_dir.cache_clear()


def _signature(result: validate.FileResult) -> list[tuple[int, int, str, str]]:
    return [(f.line, f.column, f.code, f.message) for f in result.findings]


def test_second_run_is_served_from_the_cache(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = EXAMPLES / "invalides" / "cle-inconnue.yaml"
    first = validate.validate_file(path, TODAY, use_cache=True)
    assert first.findings

    def must_not_run(*_args: object) -> validate.FileResult:
        raise AssertionError("recomputed although cached")

    monkeypatch.setattr(validate, "check_loaded", must_not_run)
    second = validate.validate_file(path, TODAY, use_cache=True)
    assert _signature(second) == _signature(first)
    assert second.semantics_checked == first.semantics_checked


def test_other_bytes_or_date_miss_the_cache(cache_home: Path, tmp_path: Path) -> None:
    target = tmp_path / "s.yaml"
    shutil.copy(EXAMPLES / "invalides" / "echeance-depassee.yaml", target)
    before = validate.validate_file(target, TODAY, use_cache=True)
    later = validate.validate_file(target, date(2020, 1, 1), use_cache=True)
    assert _signature(before) != _signature(later)  # the deadline is not passed in 2020
    target.write_text(target.read_text(encoding="utf-8") + "\n# modifié\n", encoding="utf-8")
    assert validate.validate_file(target, TODAY, use_cache=True).findings


def test_corrupt_entries_are_recomputed(cache_home: Path) -> None:
    path = EXAMPLES / "invalides" / "cle-inconnue.yaml"
    expected = _signature(validate.validate_file(path, TODAY, use_cache=True))
    entries = list(cache_home.rglob("*.json"))
    assert len(entries) == 1
    entries[0].write_text("{not json", encoding="utf-8")
    assert _signature(validate.validate_file(path, TODAY, use_cache=True)) == expected
    entries[0].write_text('{"findings": [{"file": 1}]}', encoding="utf-8")
    assert _signature(validate.validate_file(path, TODAY, use_cache=True)) == expected


def test_no_cache_writes_nothing(cache_home: Path) -> None:
    validate.validate_file(EXAMPLES / "valides" / "minimal.yaml", TODAY, use_cache=False)
    assert not list(cache_home.rglob("*.json"))


def test_parallel_run_gives_the_same_ordered_findings() -> None:
    folders = [EXAMPLES / "valides", EXAMPLES / "invalides"]
    sequential = validate.validate_paths(folders, TODAY, jobs=1)
    parallel = validate.validate_paths(folders, TODAY, jobs=2)
    assert len(sequential.files) >= validate.PARALLEL_FROM
    assert [r.file for r in parallel.files] == [r.file for r in sequential.files]
    assert [f.as_dict() for f in parallel.findings] == [f.as_dict() for f in sequential.findings]


def test_half_cached_run_keeps_input_order_and_checks_only_the_rest(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stored results are read first; only the other files are checked, and the report keeps
    the input order, the same as a run without the cache."""
    folders = [EXAMPLES / "valides", EXAMPLES / "invalides"]
    files = sorted((EXAMPLES / "invalides").glob("*.yaml"))[::2]
    validate.validate_paths(files, TODAY, use_cache=True, jobs=1)  # half of them stored
    checked: list[str] = []
    real_check = validate.check_loaded

    def counting(loaded: Loaded, today: date) -> validate.FileResult:
        checked.append(loaded.file)
        return real_check(loaded, today)

    monkeypatch.setattr(validate, "check_loaded", counting)
    mixed = validate.validate_paths(folders, TODAY, use_cache=True, jobs=1)
    monkeypatch.setattr(validate, "check_loaded", real_check)
    plain = validate.validate_paths(folders, TODAY, jobs=1)
    assert [r.file for r in mixed.files] == [r.file for r in plain.files]
    assert [f.as_dict() for f in mixed.findings] == [f.as_dict() for f in plain.findings]
    stored = {validate.display_name(p) for p in files}
    assert stored <= {r.file for r in plain.files}
    assert checked, "no file was checked"
    assert not stored & set(checked), "a stored result was recomputed"


def test_an_edited_module_or_data_file_changes_the_tool_fingerprint() -> None:
    """A result computed by other code is never reused: editing any module or data file of the
    package (an editable install) gives another key."""
    fingerprint = cache.tool_fingerprint.__wrapped__
    before = fingerprint()
    assert fingerprint() == before
    data_file = ROOT / "stspd_cli" / "data" / "regles.yaml"
    stat = data_file.stat()
    try:
        os.utime(data_file, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
        assert fingerprint() != before
    finally:
        os.utime(data_file, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert fingerprint() == before
