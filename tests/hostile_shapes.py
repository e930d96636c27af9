"""Hostile strategy files: small enough to pass the size limit, shaped to make a check slow.

Each shape is a file a stranger could commit to a strategy repository. They were found slow
(issue 13): quadratic checks, the source split into lines once per finding, a finding built for
each of a million problems. ``tests/test_hostile.py`` checks that each one is read in bounded
time and memory with at most MAX_FINDINGS findings; ``benchmarks/hostile.py`` measures them
against yamllint.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

HEAD = (
    "schema: stspd/1\n"
    "territoire:\n"
    "  nom: Bourg-les-Vignes\n"
    "  instance: CLSPD\n"
    "strategie:\n"
    "  titre: Stratégie territoriale\n"
)
LIMIT = 8 * 1024 * 1024  # source.MAX_BYTES, repeated so that the benchmark imports nothing


@dataclass(frozen=True)
class Shape:
    """How to write one hostile file, and the codes its findings may carry."""

    text: Callable[[], str]
    codes: frozenset[str]
    what: str


def _list_lines() -> str:
    return HEAD + "acteurs:\n" + "- 1\n" * 20_000


def _long_name() -> str:
    return HEAD.replace("Bourg-les-Vignes", "a" * 100_000)


def _many_keys() -> str:
    return HEAD + "".join(f"k{i}: 1\n" for i in range(650_000))


def _million_lines() -> str:
    return HEAD + "acteurs:\n" + "- 1\n" * 1_000_000


def _deep_lists() -> str:
    return HEAD + "x: " + "[" * 62 + "1, " * 90_000 + "1" + "]" * 62 + "\n"


def _long_line() -> str:
    return HEAD.replace("Stratégie territoriale", '"' + "a" * (LIMIT - 200) + '"')


def _errors_on_a_long_line() -> str:
    return HEAD + "acteurs: [" + "1, " * 1_500 + '"' + "a" * (LIMIT - 5_000) + '"]\n'


def _small_mappings() -> str:
    return HEAD + "acteurs:\n" + "- {x: 1}\n" * 30_000


def _duplicate_keys() -> str:
    return HEAD + "k: 1\n" * 500_000


def _anchors() -> str:
    return HEAD + "acteurs:\n" + "".join(f"- &a{i} 1\n" for i in range(90_000))


def _comments() -> str:
    line = "# " + "commentaire " * 6 + "\n"
    return HEAD + line * ((LIMIT - 1_000) // len(line))


def _unknown_references() -> str:
    lines = [HEAD.rstrip("\n"), "plans:", "  - id: p", "    titre: P", "    actions:"]
    for i in range(9_000):
        lines += [f"      - id: a{i}", f"        numero: {i + 1}", f"        titre: A{i}"]
        lines.append(f"        pilote: inconnu-{i}")
    lines.append("acteurs:")
    for i in range(9_000):
        lines += [f"  - id: acteur-{i}", f"    nom: Acteur {i}", "    type: commune"]
    return "\n".join(lines) + "\n"


def _huge_numbers() -> str:
    return HEAD + "acteurs:\n" + ("- " + "1" * 5_000 + "\n") * 1_500


def _escapes() -> str:
    return HEAD + "acteurs:\n" + '- "\\e[2J"\n' * 90_000


SHAPES: dict[str, Shape] = {
    "liste-20000-lignes": Shape(
        _list_lines,
        frozenset({"M002", "S015"}),
        "80 Ko : 20 000 lignes de liste, une erreur chacune",
    ),
    "nom-100-ko": Shape(_long_name, frozenset(), "un nom de territoire de 100 000 caractères"),
    "cles-650000": Shape(_many_keys, frozenset({"S016"}), "650 000 clés dans un bloc"),
    "lignes-1-million": Shape(_million_lines, frozenset({"S016"}), "un million de lignes"),
    "listes-profondes": Shape(
        _deep_lists, frozenset({"M004"}), "90 000 valeurs à 63 niveaux d'imbrication"
    ),
    "ligne-longue": Shape(_long_line, frozenset(), "un titre de 8 Mio sur une ligne"),
    "erreurs-ligne-longue": Shape(
        _errors_on_a_long_line,
        frozenset({"M002", "S015"}),
        "1 500 erreurs sur une ligne de 8 Mio",
    ),
    "petits-blocs": Shape(
        _small_mappings, frozenset({"M001", "M004", "S015"}), "30 000 petits blocs incomplets"
    ),
    "cles-en-double": Shape(
        _duplicate_keys, frozenset({"S002", "S015", "S016"}), "500 000 fois la même clé"
    ),
    "ancres": Shape(_anchors, frozenset({"S006", "S015"}), "90 000 ancres refusées"),
    "commentaires": Shape(_comments, frozenset(), "8 Mio de commentaires"),
    "references-inconnues": Shape(
        _unknown_references,
        frozenset({"R001", "S015"}),
        "9 000 actions au pilote inconnu, 9 000 acteurs",
    ),
    "nombres-geants": Shape(
        _huge_numbers, frozenset({"S017", "S015"}), "1 500 nombres de 5 000 chiffres"
    ),
    "echappements": Shape(_escapes, frozenset({"S018", "S015"}), "90 000 échappements « \\e[2J »"),
}


def write_shape(name: str, folder: Path) -> Path:
    path = folder / f"{name}.yaml"
    text = SHAPES[name].text()
    assert len(text.encode("utf-8")) <= LIMIT, f"{name} dépasse la limite de taille"
    path.write_text(text, encoding="utf-8")
    return path


@dataclass(frozen=True)
class Measured:
    code: int | None  # None: killed after the timeout
    seconds: float
    peak_mib: float  # peak resident memory of the command (at the kill, for a killed one)


# Forks and runs the command, then writes its wall time and peak memory. Measured from a small
# process: Linux counts in a child's peak the memory of the process that started it (a test
# process of hundreds of Mio), not only its own.
_MEASURE = """
import os, sys, time
record, command = sys.argv[1], sys.argv[2:]
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(command[0], command)
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
with open(record, "w") as out:
    out.write(f"{time.perf_counter() - start} {usage.ru_maxrss}")
sys.exit(os.waitstatus_to_exitcode(status) % 256)
"""


def run_measured(
    command: Sequence[str],
    *,
    stdout: Path,
    env: dict[str, str],
    timeout: float,
    cwd: Path | None = None,
) -> Measured:
    """Run a whole command, its output to a file: its wall time and peak resident memory as the
    kernel counted them (wait4), or its memory when killed after ``timeout`` seconds."""
    record = stdout.with_name(stdout.name + ".mesure")
    record.unlink(missing_ok=True)
    start = time.perf_counter()
    with stdout.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-c", _MEASURE, str(record), *command],
            stdout=out,
            stderr=subprocess.DEVNULL,
            env=env,
            cwd=cwd,
            start_new_session=True,
        )
    try:
        code = process.wait(timeout)
    except subprocess.TimeoutExpired:
        peak = _high_water_mib(process.pid)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        return Measured(None, time.perf_counter() - start, peak)
    seconds, kib = record.read_text(encoding="ascii").split()
    return Measured(code, float(seconds), int(kib) / 1024)


def _high_water_mib(parent: int) -> float:
    """The peak memory so far of the children of ``parent`` (the command it runs)."""
    peak = 0
    for children in Path(f"/proc/{parent}/task").glob("*/children"):
        for child in children.read_text(encoding="ascii").split():
            status = Path(f"/proc/{child}/status")
            for line in status.read_text(encoding="ascii").splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]))
    return peak / 1024
