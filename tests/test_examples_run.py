"""Examples that run: every command line shown in README.md, docs/*.md and the « Exemple » of
each ``--help`` runs as written, in a temporary strategies repository made for it (issue 16).

The repository holds what the examples name (strategies/, examples/, schema/, a Word document
``strategie-2021.docx`` made from the fictional demonstration) and one commit;
tags and files the examples use are made by the examples themselves, in the order they are
shown (« git tag v2026 » before « stspd diff v2026:... »). A line runs when it calls stspd (or
git, for the set-up lines); it must not end in a usage error or an unreadable file (2), an
internal error (3), or a command that does not exist (127). Install lines (pip, pipx, uv, make)
are checked by scripts/check-install.sh in a fresh folder.

The lines find a warm ``stspd`` first on the PATH (tests/warm_stspd.py: the same command line,
folder, environment, umask and streams, run by ``stspd_cli.entry.main`` to the end of a process
that imported stspd beforehand: a PDF then costs 0.6 s of CPU instead of 1.2); a test runs the
lines where the two could differ through both, the real console script and the warm one, and
compares them.
"""

from __future__ import annotations

import inspect
import itertools
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import typer
from warm_stspd import journal, warm_stspd

from stspd_cli.cli import app

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FAILED = {2: "erreur d'usage ou fichier illisible", 3: "erreur interne", 127: "introuvable"}
_STSPD = re.compile(r"(?:^|[|&;]\s*)(?:\.venv/bin/)?stspd(?:\s|$)")
_PLACEHOLDER = re.compile(r"\b[A-ZÉ]{4,}\b(?<!CLSPD)(?<!CISPD)(?<!CMSPD)|<[^>]+>|\.\.\.|…")


def _runnable(line: str) -> bool:
    if _PLACEHOLDER.search(line.split("#", 1)[0]):
        return False
    return bool(_STSPD.search(line)) or (line.startswith("git ") and "clone" not in line)


def shown_commands(text: str) -> list[str]:
    """The lines of ``sh`` blocks that call stspd or git (continuations joined), then the
    inline ``stspd ...`` spans that take arguments."""
    found: list[str] = []
    language: str | None = None
    pending = ""
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("```"):
            language = line[3:].strip() if language is None else None
            continue
        if language not in ("sh", "bash"):
            continue
        pending += line[:-1] + " " if line.endswith("\\") else line
        if line.endswith("\\"):
            continue
        if _runnable(pending):
            found.append(pending)
        pending = ""
    for raw in re.findall(r"`(stspd [^`]+)`", text):
        span = " ".join(raw.split())  # an inline span may run over two lines
        words = span.split()
        # « html|md|pdf » in a span is a synopsis, « stspd : » a message: neither is run.
        message_or_synopsis = "|" in span or span.startswith("stspd :")
        if len(words) > 2 and not message_or_synopsis and _runnable(span):
            found.append(span)
    return found


def help_examples() -> list[str]:
    """The « Exemple » of each command's help, in the order of ``stspd --help``."""
    found = []
    for command in app.registered_commands:
        doc = inspect.getdoc(command.callback) if command.callback else ""
        found += re.findall(r"Exemple : `([^`]+)`", (doc or "").replace("\n", " "))
    return found


def _terminal() -> dict[str, str]:
    """The environment of the command lines, a coordinator's terminal: stspd on the PATH, no
    colour (and the test session's own caches: tests/conftest.py)."""
    return {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "NO_COLOR": "1",
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }


@pytest.fixture(scope="session")
def warm_env() -> Iterator[dict[str, str]]:
    """That environment with the warm ``stspd`` first on its PATH, for the test process."""
    with warm_stspd(BIN / "stspd", _terminal()) as env:
        yield env


@pytest.fixture(scope="session")
def depot_template(tmp_path_factory: pytest.TempPathFactory, warm_env: dict[str, str]) -> Path:
    """The repository, made once per test process (a docx rendered, a commit): each test
    works in its own copy of it. Its ``.venv/bin/stspd`` is the ``stspd`` of the PATH."""
    folder = tmp_path_factory.mktemp("modele") / "depot"
    for part in ("strategies", "examples", "schema"):
        shutil.copytree(ROOT / part, folder / part)
    (folder / ".venv" / "bin").mkdir(parents=True)
    stspd = shutil.which("stspd", path=warm_env["PATH"])
    assert stspd is not None
    (folder / ".venv" / "bin" / "stspd").symlink_to(stspd)
    # The document the examples of stspd convertir convert: a strategy as a town's Word file.
    subprocess.run(
        ["stspd", "render", "examples/demo-fictive.yaml", "-o", "strategie-2021.docx"],
        cwd=folder,
        env=warm_env,
        check=True,
        capture_output=True,
    )
    git = ["git", "-C", str(folder), "-c", "user.name=Test", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "Stratégies"], check=True)
    return folder


@pytest.fixture
def depot(depot_template: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "depot"
    shutil.copytree(depot_template, folder, symlinks=True)
    return folder


def _shell(command: str, folder: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-c", command],
        cwd=folder,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _run_all(commands: list[str], folder: Path, env: dict[str, str]) -> list[str]:
    problems = []
    # A line shown twice in a row (two sentences naming the same command) runs once: run
    # again, it would only repeat itself in the same repository.
    for command, _again in itertools.groupby(commands):
        done = _shell(command, folder, env)
        if done.returncode in FAILED or "Traceback" in done.stderr:
            why = FAILED.get(done.returncode, "trace")
            problems.append(f"{command}\n  -> {done.returncode} ({why}) : {done.stderr.strip()}")
    return problems


def test_the_documents_show_commands() -> None:
    readme = shown_commands((ROOT / "README.md").read_text(encoding="utf-8"))
    assert any("stspd diff v2026:" in c for c in readme)
    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    assert len(help_examples()) == len(commands)


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_every_command_of_the_document_runs(
    document: Path, depot: Path, warm_env: dict[str, str]
) -> None:
    commands = shown_commands(document.read_text(encoding="utf-8"))
    problems = _run_all(commands, depot, warm_env)
    assert not problems, "\n".join(problems)


def test_every_help_example_runs(depot: Path, warm_env: dict[str, str]) -> None:
    problems = _run_all(help_examples(), depot, warm_env)
    assert not problems, "\n".join(problems)


# Where the warm stspd could part from the real one: closed streams, pipes, standard input,
# the folder, the umask, an environment of its own (then the real one runs), signals (caught,
# or ignored as in a background job). For the signals, stspd reads a pipe that never ends; the
# signal comes once a process is blocked reading it (its wchan: pipe_read, or pipe_wait on
# older kernels), after 5 s at most.
_READING = (
    "mkfifo {0} && exec 3<>{0}; stspd validate - <&3 & "
    "for _ in {{1..100}}; do for p in /proc/[0-9]*; do [ $p/fd/0 -ef {0} ]"
    " && [[ $(<$p/wchan) == *pipe* ]] && break 2; done 2>/dev/null; sleep 0.05; done; kill -INT $!"
)
SAME_AS_REAL = [
    "stspd --version",
    "stspd --version > /dev/full",
    ".venv/bin/stspd --help",
    "stspd validate strategies/clspd-lille.yaml --format json",
    "stspd nope",
    "set -o pipefail; stspd fmt - < strategies/clspd-lille.yaml | head -3",
    "stspd validate - <&-",
    "cd strategies && stspd validate clspd-lille.yaml >&-",
    "stspd validate strategies/ 2>&-",
    "STSPD_NO_CACHE=1 stspd validate",
    "umask 077 && stspd render strategies/clspd-lille.yaml -o x.html && stat -c %a x.html",
    "set -m; " + _READING.format("f") + "; wait $!",
    _READING.format("g") + "; sleep 0.2; kill -TERM $!; wait $!",
]


def test_the_warm_stspd_runs_command_lines_as_the_real_one(
    depot_template: Path, tmp_path: Path, warm_env: dict[str, str]
) -> None:
    def run_all(env: dict[str, str]) -> list[tuple[str, int, str, str]]:
        folder = tmp_path / ("chaud" if env is warm_env else "reel") / "depot"
        shutil.copytree(depot_template, folder, symlinks=True)
        runs = [(command, _shell(command, folder, env)) for command in SAME_AS_REAL]
        return [(command, r.returncode, r.stdout, r.stderr) for command, r in runs]

    cold = _terminal()
    assert shutil.which("stspd", path=cold["PATH"]) == str(BIN / "stspd")
    before = len(journal(warm_env))
    with ThreadPoolExecutor(2) as both:  # the signal cases wait: side by side
        real, warm = both.map(run_all, [cold, warm_env])
    assert warm == real
    # The warm side was warm: the server ran every command but the one whose environment
    # differs (« STSPD_NO_CACHE=1 stspd validate »), which it sent back to the real script, as
    # it did the real side's « .venv/bin/stspd » (the repository's copy of the shim).
    done = journal(warm_env)[before:]
    assert len([argv for what, argv in done if what == "servi"]) == len(SAME_AS_REAL) - 1
    assert sorted(argv for what, argv in done if what == "repli") == [["--help"], ["validate"]]
    assert [code for _command, code, _out, _err in real[-2:]] == [130, 143]
