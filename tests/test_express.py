"""The express way in (stspd_cli.express) against typer's command line: same exit code, same
standard output, same error output, for every plain validation it serves; anything else goes
to typer."""

from __future__ import annotations

import io
import shutil
import sys
from pathlib import Path

import pytest
from example_files import INVALID_DIR

from stspd_cli import cli, entry, express

ROOT = Path(__file__).resolve().parent.parent
VALID = ROOT / "strategies" / "cispd-loos-haubourdin-emmerin.yaml"
INVALID = INVALID_DIR / "champ-manquant.yaml"


def _run(
    capsys: pytest.CaptureFixture[str], main: object, args: list[str], stdin: bytes | None
) -> tuple[int, str, str]:
    capsys.readouterr()
    with pytest.MonkeyPatch.context() as patch:
        if stdin is not None:
            patch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
        with pytest.raises(SystemExit) as done:
            main(list(args))  # type: ignore[operator]
    out, err = capsys.readouterr()
    code = done.value.code
    return (code if isinstance(code, int) else 0), out, err


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "strategies").mkdir()
    shutil.copy(VALID, tmp_path / "strategies" / VALID.name)
    shutil.copy(INVALID, tmp_path / "casse.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


SERVED = [
    ["validate", "strategies/cispd-loos-haubourdin-emmerin.yaml"],
    ["validate", "--no-cache", "strategies/cispd-loos-haubourdin-emmerin.yaml"],
    ["validate", "strategies/cispd-loos-haubourdin-emmerin.yaml", "--strict"],
    ["validate", "casse.yaml"],
    ["validate", "--no-cache", "casse.yaml", "strategies"],
    ["validate"],
    ["validate", "strategies"],
    ["validate", "absent.yaml"],
    ["validate", "--format", "json", "casse.yaml"],
    ["validate", "-f", "github", "--no-cache", "strategies"],
    ["validate", "-f", "gitlab", "casse.yaml"],
    ["validate", "--format", "inconnu", "casse.yaml"],
    ["validate", "--date", "2026-13-45", "casse.yaml"],
    ["validate", "--date", "2030-06-30", "strategies"],
    ["validate", "-o", "sortie.json", "casse.yaml"],
    ["validate", "-o", "-", "casse.yaml"],
    ["validate", "--output", "build/", "strategies"],
    ["validate", "-"],
]


@pytest.mark.parametrize("args", SERVED, ids=" ".join)
def test_served_as_typer_would(
    args: list[str], repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert express.parse(args) is not None
    stdin = INVALID.read_bytes() if "-" in args else None
    by_typer = _run(capsys, cli.main, args, stdin)
    for written in repo.glob("sortie.json"):
        written.unlink()
    shutil.rmtree(repo / "build", ignore_errors=True)
    by_express = _run(capsys, entry.main, args, stdin)
    assert by_express == by_typer


def test_no_strategies_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert _run(capsys, entry.main, ["validate"], None) == _run(
        capsys, cli.main, ["validate"], None
    )


LEFT_TO_TYPER = [
    [],
    ["--help"],
    ["render", "strategies"],
    ["--debug", "validate", "casse.yaml"],
    ["validate", "--help"],
    ["validate", "-h"],
    ["validate", "--format=json", "casse.yaml"],
    ["validate", "-fjson", "casse.yaml"],
    ["validate", "--strict", "--strict", "casse.yaml"],
    ["validate", "--format", "json", "--format", "text", "casse.yaml"],
    ["validate", "--format"],
    ["validate", "--output", "--strict", "casse.yaml"],
    ["validate", "--", "casse.yaml"],
    ["validate", "--inconnue", "casse.yaml"],
    ["validate", ""],
]


@pytest.mark.parametrize("args", LEFT_TO_TYPER, ids=" ".join)
def test_left_to_typer(args: list[str], repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert express.parse(args) is None
    assert _run(capsys, entry.main, args, None) == _run(capsys, cli.main, args, None)


def test_completion_left_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(express.COMPLETE_VAR, "complete_bash")
    assert express.parse(["validate", "casse.yaml"]) is None


def test_unreadable_path_left_to_typer(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """typer refuses a path that exists and cannot be read (its own message): so does express,
    by leaving it to typer."""
    monkeypatch.setattr("stspd_cli.express.os.access", lambda path, mode: False)
    assert express.parse(["validate", "casse.yaml"]) is None
    assert express.parse(["validate", "absent.yaml"]) is not None


@pytest.mark.parametrize("error", [KeyboardInterrupt, EOFError, RuntimeError])
def test_interruptions_and_bugs_as_typer(
    error: type[BaseException],
    repo: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import stspd_cli.validate  # noqa: PLC0415

    def fail(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(stspd_cli.validate, "validate_file", fail)
    args = ["validate", "casse.yaml"]
    by_express = _run(capsys, entry.main, args, None)
    assert by_express == _run(capsys, cli.main, args, None)
    assert by_express[0] == (3 if error is RuntimeError else 130)


_IMPORTED = (
    "import atexit, sys\n"
    "heavy = ('pydantic', 'typer', 'ruamel', '_ruamel_yaml', 'dataclasses', 'rich')\n"
    "atexit.register(lambda: print(' '.join(sorted({m.split('.')[0] for m in sys.modules}"
    " & set(heavy))), file=sys.stderr))\n"
    "from stspd_cli.entry import main\n"
    "main(sys.argv[1:])\n"
)


def _heavy_imports(tmp_path: Path, *args: str) -> set[str]:
    import os  # noqa: PLC0415
    import subprocess  # noqa: PLC0415

    done = subprocess.run(
        [sys.executable, "-c", _IMPORTED, *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
        cwd=tmp_path,
    )
    return set(done.stderr.strip().splitlines()[-1].split()) if done.stderr.strip() else set()


def test_what_the_one_file_paths_do_not_import(tmp_path: Path) -> None:
    """The design of the fast paths, as imports (timings are in benchmarks/waiting.py): a file
    that fits the model is checked without pydantic nor typer; a result found in the cache
    needs no YAML parser, no dataclasses module and no rich either."""
    target = tmp_path / VALID.name
    shutil.copy(VALID, target)
    assert _heavy_imports(tmp_path, "validate", "--no-cache", target.name) <= {
        "ruamel",
        "_ruamel_yaml",
        "dataclasses",
    }
    _heavy_imports(tmp_path, "validate", target.name)  # stores the result
    assert _heavy_imports(tmp_path, "validate", target.name) == set()
    assert "pydantic" in _heavy_imports(tmp_path, "validate", "--no-cache", str(INVALID))
