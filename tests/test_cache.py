"""The validation cache and the parallel run: same findings, fewer computations."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from cli_run import run

from stspd_cli import cache, signing, validate
from stspd_cli.inputs import display_name
from stspd_cli.load import Loaded
from stspd_cli.sniff import file_is_strategy

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "tests" / "examples"
TODAY = date(2026, 1, 15)


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A cache folder and a signing key of this test only."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv(cache.ENV_DISABLE, raising=False)
    cache.cache_dir.cache_clear()
    signing.secret_key.cache_clear()
    yield tmp_path / "cache"
    cache.cache_dir.cache_clear()
    signing.secret_key.cache_clear()


def _signature(result: validate.FileResult) -> list[tuple[int, int, str, str]]:
    return [(f.line, f.column, f.code, f.message) for f in result.findings]


def _count_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    checked: list[str] = []
    real_check = validate.check_loaded

    def counting(loaded: Loaded, today: date) -> validate.FileResult:
        checked.append(loaded.file)
        return real_check(loaded, today)

    monkeypatch.setattr(validate, "check_loaded", counting)
    return checked


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
    # Signed by stspd but not understood (a bug of the version that wrote it): a miss too.
    name = entries[0].stem
    signing.write_entry(entries[0], cache.PURPOSE, name, b'{"findings": [{"file": 1}]}')
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
    # Half of the strategies of the folder (its other YAML files are skipped when walked).
    files = [p for p in sorted((EXAMPLES / "invalides").glob("*.yaml")) if file_is_strategy(p)]
    files = files[::2]
    validate.validate_paths(files, TODAY, use_cache=True, jobs=1)  # half of them stored
    real_check = validate.check_loaded
    checked = _count_checks(monkeypatch)
    mixed = validate.validate_paths(folders, TODAY, use_cache=True, jobs=1)
    monkeypatch.setattr(validate, "check_loaded", real_check)
    plain = validate.validate_paths(folders, TODAY, jobs=1)
    assert [r.file for r in mixed.files] == [r.file for r in plain.files]
    assert [f.as_dict() for f in mixed.findings] == [f.as_dict() for f in plain.findings]
    stored = {display_name(p) for p in files}
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


INVALID = EXAMPLES / "invalides" / "cle-inconnue.yaml"
VALID = EXAMPLES / "valides" / "minimal.yaml"
NOTHING_FOUND = b'{"findings": [], "semantics_checked": true}'


def _entry_path(path: Path, today: date = TODAY) -> tuple[Path, str]:
    """Where the cache entry for ``path`` checked on ``today`` lives, and its name."""
    folder = cache.cache_dir()
    assert folder is not None
    name = cache.key(path.read_bytes(), display_name(path), today.isoformat())
    return folder / name[:2] / f"{name}.json", name


def _validate(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, str, str]:
    return run(capsys, "validate", str(path), "--date", TODAY.isoformat())


def test_a_forged_entry_never_changes_a_verdict(
    cache_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An entry planted in the cache folder that says « no problem » for an invalid file: as
    written by hand, with stspd's header and a made-up signature, or a genuine entry of a
    valid file copied under the invalid file's name. The verdict stays: exit 1."""
    target, _name = _entry_path(INVALID)
    target.parent.mkdir(parents=True)
    target.write_bytes(NOTHING_FOUND)
    code, out, _err = _validate(capsys, INVALID)
    assert code == 1
    assert "M004 clé inconnue « partenaire »" in out
    target.write_bytes(signing.MAGIC + bytes(signing.SIGNATURE_SIZE) + NOTHING_FOUND)
    assert _validate(capsys, INVALID)[0] == 1
    assert _validate(capsys, VALID)[0] == 0
    genuine, _ = _entry_path(VALID)
    target.write_bytes(genuine.read_bytes())
    assert _validate(capsys, INVALID)[0] == 1
    # The entry the run rewrote is genuine and says what the checks say.
    assert _validate(capsys, INVALID)[0] == 1
    assert b'"findings": []' not in target.read_bytes()


def test_any_byte_changed_in_an_entry_is_a_miss(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _signature(validate.validate_file(INVALID, TODAY, use_cache=True))
    target, _name = _entry_path(INVALID)
    genuine = target.read_bytes()
    checked = _count_checks(monkeypatch)
    for position in (0, len(signing.MAGIC), len(genuine) // 2, len(genuine) - 1):
        tampered = bytearray(genuine)
        tampered[position] ^= 0x01
        target.write_bytes(bytes(tampered))
        assert _signature(validate.validate_file(INVALID, TODAY, use_cache=True)) == expected
    assert len(checked) == 4
    for cut in (genuine[:-1], genuine[: len(signing.MAGIC) + 5], b""):
        target.write_bytes(cut)
        assert _signature(validate.validate_file(INVALID, TODAY, use_cache=True)) == expected
    assert len(checked) == 7
    # Each check stored a genuine entry again: the next run is a hit.
    validate.validate_file(INVALID, TODAY, use_cache=True)
    assert len(checked) == 7


def test_an_entry_of_another_version_of_stspd_is_a_miss(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "tool_fingerprint", lambda: "une-autre-version")
    validate.validate_file(INVALID, TODAY, use_cache=True)
    monkeypatch.undo()
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_home))
    monkeypatch.setenv("XDG_DATA_HOME", str(cache_home.parent / "data"))
    checked = _count_checks(monkeypatch)
    validate.validate_file(INVALID, TODAY, use_cache=True)
    assert checked == [display_name(INVALID)]
    assert len(list(cache_home.rglob("*.json"))) == 2


def test_the_key_is_the_user_s_own_outside_the_cache_folder(cache_home: Path) -> None:
    validate.validate_file(INVALID, TODAY, use_cache=True)
    key = signing.key_path()
    assert not key.is_relative_to(cache_home)
    info = key.stat()
    assert info.st_mode & 0o777 == 0o600
    assert key.parent.stat().st_mode & 0o777 == 0o700
    assert info.st_uid == os.geteuid()
    assert info.st_size == signing.KEY_SIZE


def _break_key_by(how: str, key: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if how == "lisible par le groupe":
        key.chmod(0o640)
    elif how == "modifiable par les autres":
        key.chmod(0o602)
    elif how == "autre propriétaire":
        monkeypatch.setattr(os, "geteuid", lambda: os.getuid() + 1)
    elif how == "trop courte":
        key.write_bytes(b"0" * 8)
    elif how == "lien symbolique":
        real = key.with_name("ailleurs")
        key.rename(real)
        key.symlink_to(real)
    elif how == "second nom":
        os.link(key, key.with_name("copie"))
    elif how == "dossier":
        key.unlink()
        key.mkdir()
    elif how == "tube nommé":
        key.unlink()
        os.mkfifo(key)


KEY_DEFECTS = [
    "lisible par le groupe",
    "modifiable par les autres",
    "autre propriétaire",
    "trop courte",
    "lien symbolique",
    "second nom",
    "dossier",
    "tube nommé",
]


@pytest.mark.parametrize("how", KEY_DEFECTS)
def test_a_key_that_cannot_be_trusted_means_no_cache(
    cache_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    how: str,
) -> None:
    """Nothing is trusted, nothing is stored, nothing crashes, the key is left as it is."""
    validate.validate_file(INVALID, TODAY, use_cache=True)  # a genuine entry, and the key
    key = signing.key_path()
    _break_key_by(how, key, monkeypatch)
    signing.secret_key.cache_clear()
    assert signing.secret_key() is None
    checked = _count_checks(monkeypatch)
    for _ in range(2):
        assert validate.validate_file(INVALID, TODAY, use_cache=True).findings
    assert len(checked) == 2
    target, _name = _entry_path(VALID)
    validate.validate_file(VALID, TODAY, use_cache=True)
    assert not target.exists()
    assert os.path.lexists(key)  # never replaced: someone may be looking at it
    assert _validate(capsys, INVALID)[0] == 1


def test_a_missing_key_is_created_and_old_entries_no_longer_verify(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    validate.validate_file(INVALID, TODAY, use_cache=True)
    first = signing.key_path().read_bytes()
    signing.key_path().unlink()
    signing.secret_key.cache_clear()
    checked = _count_checks(monkeypatch)
    validate.validate_file(INVALID, TODAY, use_cache=True)
    assert checked  # signed with the lost key: recomputed
    assert signing.key_path().read_bytes() != first
    validate.validate_file(INVALID, TODAY, use_cache=True)
    assert len(checked) == 1


def test_no_home_folder_means_no_cache(cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (cache_home.parent / "fichier").write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_DATA_HOME", str(cache_home.parent / "fichier"))
    signing.secret_key.cache_clear()
    assert signing.secret_key() is None
    assert validate.validate_file(INVALID, TODAY, use_cache=True).findings
