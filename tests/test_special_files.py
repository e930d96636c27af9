"""Files that are not regular files are refused before a byte is read, by every command.

A named pipe would block the command forever, /dev/zero fill the memory, /dev/urandom feed it
binary noise: each is refused with a French message naming the kind of file (exit code 2).
"""

from __future__ import annotations

import contextlib
import os
import resource
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_run import run

from stspd_cli.source import NotReadable, read_regular

ROOT = Path(__file__).parent.parent
DEMO = ROOT / "examples" / "demo-fictive.yaml"
FIFO = "c'est un tube nommé (FIFO), pas un fichier ordinaire"
DEVICE = "c'est un périphérique (fichier spécial), pas un fichier ordinaire"


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[Path]:
    """A named pipe nobody writes to. Should a command open it and wait, a writer comes every
    2 s and closes it at once: the test then fails on its output instead of hanging."""
    path = tmp_path / "tube.yaml"
    os.mkfifo(path)
    done = threading.Event()

    def unblock() -> None:
        while not done.wait(2):
            with contextlib.suppress(OSError):  # ENXIO: nobody is waiting on it
                os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))

    helper = threading.Thread(target=unblock, daemon=True)
    helper.start()
    yield path
    done.set()
    helper.join()


@pytest.fixture
def memory_guard() -> Iterator[None]:
    """At most 2 Gio more address space while the test runs: a command that reads /dev/zero
    to its end meets MemoryError (exit 3, the test fails) instead of filling the machine."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    status = Path("/proc/self/status").read_text(encoding="ascii")
    used = int(status.split("VmSize:")[1].split()[0]) * 1024
    resource.setrlimit(resource.RLIMIT_AS, (used + (2 << 30), hard))
    yield
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


@pytest.fixture
def strategy(tmp_path: Path) -> Path:
    target = tmp_path / "val-fictif.yaml"
    shutil.copyfile(DEMO, target)
    return target


def _commands(special: Path, strategy: Path, out: Path) -> dict[str, list[str]]:
    s, f = str(special), str(strategy)
    return {
        "validate": ["validate", s],
        "render": ["render", s, "-o", str(out / "feuille.html")],
        "report": ["report", s],
        "diff": ["diff", s, f],
        "diff-nouveau": ["diff", f, s],
        "fmt": ["fmt", s],
        "fmt-check": ["fmt", "--check", s],
        "export": ["export", s, "-o", str(out / "tableau.xlsx")],
        "import-strategie": ["import", s, str(out / "tableau.xlsx")],
        "import-tableau": ["import", f, s],
        "texte": ["texte", s],
    }


COMMANDS = sorted(_commands(Path(), Path(), Path()))


def _check_refused(
    capsys: pytest.CaptureFixture[str], args: list[str], special: Path, why: str
) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2
    assert "Traceback" not in out + err
    if args[0] == "validate":
        assert out.splitlines()[0] == f"{special}: erreur S013 {why}"
        assert err == ""
    else:
        assert out == ""
        assert err.startswith("stspd : ")
        assert f"{special}" in err.splitlines()[0]
        assert why in err.splitlines()[0]


@pytest.mark.parametrize("command", COMMANDS)
def test_named_pipe_is_refused_without_waiting(
    command: str,
    fifo: Path,
    strategy: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = _commands(fifo, strategy, tmp_path)[command]
    _check_refused(capsys, args, fifo, FIFO)


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
@pytest.mark.usefixtures("memory_guard")
def test_device_is_refused_before_reading(
    command: str,
    device: str,
    strategy: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = _commands(Path(device), strategy, tmp_path)[command]
    _check_refused(capsys, args, Path(device), DEVICE)


def test_strategy_left_untouched(
    fifo: Path, strategy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = strategy.read_bytes()
    for args in _commands(fifo, strategy, tmp_path).values():
        run(capsys, *args)
    assert strategy.read_bytes() == before


def test_a_file_that_says_it_is_empty_is_read_up_to_the_limit_only() -> None:
    """/proc files report a size of 0; at most the limit plus one byte is read."""
    status = Path("/proc/self/status")
    if not status.exists():
        pytest.skip("pas de /proc sur ce système")
    assert status.stat().st_size == 0
    assert read_regular(status, 1 << 20).startswith(b"Name:")
    with pytest.raises(NotReadable) as refused:
        read_regular(status, 10)
    assert refused.value.size == 11


@pytest.mark.parametrize("fmt", ["text", "json", "github", "gitlab"])
def test_a_name_that_is_not_utf8_is_shown_escaped(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file name whose bytes are not UTF-8 (« café » written in Latin-1) is read, and shown
    with its odd byte escaped in every output, never an internal error."""
    folder = tmp_path / "strategies"
    folder.mkdir()
    name = os.fsdecode(b"caf\xe9.yaml")
    (folder / name).write_text("schema: stspd/1\nterritoire:\n  nom: X\n", encoding="utf-8")
    shutil.copy(DEMO, folder / "demo.yaml")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "validate", "strategies", "-f", fmt, "--no-cache")
    assert (code, err.count("erreur interne")) == (1, 0), err
    assert "strategies/caf\\\\xe9.yaml" in out if fmt in {"json", "gitlab"} else "caf\\xe9" in out
    code, out, err = run(capsys, "validate", "strategies", "-f", fmt)  # through the cache too
    assert (code, err.count("erreur interne")) == (1, 0), err
