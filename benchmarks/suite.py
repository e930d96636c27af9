"""The test command (issue 19: ``make test`` ≤ 90 s, the same tests): ``make test`` as the README
gives it, against the same test suite in one process, measured in the same run.

``make test`` runs ruff, ruff format, ``stspd fmt --check``, mypy --strict and pytest at once,
pytest on every core (``-n auto --dist worksteal``); the peer is pytest in one process, the
way the suite ran before issue 19. Each round runs both, in turn (interleaved, as the other
benchmarks); each row prints min / median / max of the wall time, the CPU time of the
command's processes (children included), how busy the machine's cores were meanwhile
(whatever runs: a suite that keeps them all busy is short of less work, not of more
parallelism) and the machine's load. mypy's cache is emptied before each ``make test`` (a
fresh clone has none) unless ``--warm-mypy``. The virtual environment must exist (``make
test`` once): its set-up is not timed.

The same machine runs the same work 10 to 35 % slower or faster from one hour to the next (a
shared virtual machine): before each command, a fixed Python computation is timed (« étalon »,
CPU seconds), so that runs of different hours can be compared.

Run: .venv/bin/python benchmarks/suite.py [--rounds 1] [--warm-mypy]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path

from timing import BIN, ROOT, load, ratio, show

TARGET_SECONDS = 90.0


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _machine_busy() -> float | None:
    """Core-seconds the whole machine has spent busy since it started (Linux's /proc/stat):
    what a command's processes use, those it does not wait for included (Chromium's), and
    what else runs beside it. None where there is no /proc/stat."""
    try:
        with Path("/proc/stat").open(encoding="ascii") as stat:
            ticks = [int(n) for n in stat.readline().split()[1:]]
    except OSError:
        return None
    idle = ticks[3] + ticks[4]  # idle, iowait
    return (sum(ticks[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def timed(cmd: Sequence[str], log: Path) -> tuple[float, float, float | None, int]:
    """Wall seconds, CPU seconds (the command and every process it waited for), the share of
    the machine's cores busy meanwhile (None where unknown) and exit code. Bytecode is
    written, as ``make test`` lets it be (see its ``unit`` target). The command's output goes
    to ``log``."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    cpu = _children_cpu()
    busy = _machine_busy()
    start = time.perf_counter()
    with log.open("wb") as out:
        done = subprocess.run(
            list(cmd), cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, check=False
        )
    wall = time.perf_counter() - start
    after = _machine_busy()
    cores = os.cpu_count() or 1
    share = None if busy is None or after is None else (after - busy) / (wall * cores)
    return wall, _children_cpu() - cpu, share, done.returncode


# The yardstick: pure Python that allocates as the tests do (many small objects, a sort), no
# file and no import of this project: its speed does not change with the code measured.
YARDSTICK = (
    "d = {str(i): [i, str(i)] for i in range(500_000)}; sorted(d, key=lambda k: d[k][1][::-1])"
)


def yardstick() -> float:
    """CPU seconds of :data:`YARDSTICK` in a new interpreter (start-up included)."""
    cpu = _children_cpu()
    subprocess.run([str(BIN / "python"), "-c", YARDSTICK], check=True)
    return _children_cpu() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--warm-mypy", action="store_true", help="garder le cache de mypy")
    args = parser.parse_args()
    commands = {
        "make test": ["make", "-s", "test"],
        "pytest, un processus (pair)": [str(BIN / "pytest"), "-q", "-p", "no:xdist"],
    }  # the peer's name is used below
    walls: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    print(f"suite de tests ({load()})")
    for _ in range(args.rounds):
        for name, cmd in commands.items():
            if name == "make test" and not args.warm_mypy:
                shutil.rmtree(ROOT / ".mypy_cache", ignore_errors=True)
            log = ROOT / "build" / f"suite-{len(walls[name])}-{name.split()[0]}.log"
            log.parent.mkdir(exist_ok=True)
            gauge = yardstick()
            wall, cpu, share, code = timed(cmd, log)
            if code != 0:
                tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-15:]
                print("\n".join(tail))
                raise SystemExit(
                    f"{name} : code {code}, la suite doit passer pour être mesurée (sortie : {log})"
                )
            walls[name].append(wall)
            cpus[name].append(cpu)
            busy = "" if share is None else f" ; cœurs occupés {share:.0%}"
            print(
                f"  {name:<52} {wall:7.1f} s  (CPU {cpu:6.1f} s{busy} ; "
                f"étalon {gauge:.2f} s ; {load()})"
            )
    for name in commands:
        show(f"{name}, temps écoulé", walls[name])
        show(f"{name}, temps de calcul", cpus[name])
    peer = "pytest, un processus (pair)"
    ratio("make test / pytest en un processus", walls["make test"], walls[peer])
    median = statistics.median(walls["make test"])
    verdict = "atteint" if median <= TARGET_SECONDS else "NON ATTEINT"
    print(f"  => make test {median:.1f} s ; objectif ≤ {TARGET_SECONDS:g} s : {verdict}")
    print(f"  ({load()})")


if __name__ == "__main__":
    main()
