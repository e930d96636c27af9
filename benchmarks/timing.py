"""Timing helpers shared by the benchmarks: whole commands, run in turn, repeated.

Commands compared with each other run interleaved (a, b, c, a, b, c...), so that a slow moment
of a shared machine weighs on each of them alike; every row prints the minimum, median and
maximum of its runs, and a ratio is always of two medians measured in the same rounds. The
machine's load (``os.getloadavg``) is printed with the figures.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

Command = Sequence[str]
# A Python process that only parses the files with ruamel.yaml's C loader: the floor of any
# Python tool that reads YAML.
C_FLOOR = (
    "import sys\n"
    "from ruamel.yaml import YAML\n"
    "yaml = YAML(typ='safe', pure=False)\n"
    "for p in sys.argv[1:]:\n"
    "    with open(p, encoding='utf-8') as f:\n"
    "        yaml.load(f)\n"
)


def run(cmd: Command, *, env: Mapping[str, str] | None = None, cwd: Path | None = None) -> float:
    """Wall time in seconds of one whole command, start-up included."""
    start = time.perf_counter()
    subprocess.run(
        list(cmd),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=dict(env or os.environ),
        cwd=cwd,
        check=False,
    )
    return time.perf_counter() - start


def interleaved(
    cmds: Mapping[str, Command],
    rounds: int,
    *,
    env: Mapping[str, str] | None = None,
    before: Mapping[str, Command] | None = None,
) -> dict[str, list[float]]:
    """The times of each command over ``rounds`` rounds, one run of each per round, in turn.
    ``before`` gives, per command, one untimed command to run just before it (a cache to
    empty, outputs to remove)."""
    times: dict[str, list[float]] = {name: [] for name in cmds}
    for _ in range(rounds):
        for name, cmd in cmds.items():
            if before and name in before:
                run(before[name], env=env)
            times[name].append(run(cmd, env=env))
    return times


def spread(values: Sequence[float]) -> tuple[float, float, float]:
    return min(values), statistics.median(values), max(values)


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"charge {one:.2f} / {five:.2f} / {fifteen:.2f} (1, 5, 15 min), {os.cpu_count()} cœurs"


def show(name: str, values: Sequence[float], unit: str = "s") -> None:
    low, mid, high = spread(values)
    print(f"  {name:<52} min {low:7.3f}  méd. {mid:7.3f}  max {high:7.3f} {unit}")


def ratio(
    name: str, ours: Sequence[float], peer: Sequence[float], target: float | None = None
) -> float:
    """Print and return median(ours) / median(peer), with the verdict on ``target``."""
    value = statistics.median(ours) / statistics.median(peer)
    verdict = ""
    if target is not None:
        verdict = f"objectif ≤ {target:g} : " + ("atteint" if value <= target else "NON ATTEINT")
    print(f"  => {name:<49} rapport {value:6.3f}  {verdict}")
    return value


# Fields of /proc/PID/smaps_rollup summed over a process tree, in this order.
MEMORY_FIELDS = ("Rss", "Pss", "Pss_Anon")


class Peaks(NamedTuple):
    """Peaks (MiB) of a process tree's memory over one run, each summed over the processes.

    ``rss``: each process's resident pages, those it shares with the others counted in each (a
    page of the main process that a worker created by ``fork`` has not written to is counted in
    both): an upper bound. ``pss``: each shared page divided among the processes that share it,
    what the tree really takes; its file-backed part (the libraries) is divided with every other
    process of the machine that maps the same files, and moves with what else runs. ``anon``:
    the anonymous part of the PSS, shared only within the tree (what the processes built)."""

    rss: float
    pss: float
    anon: float


def tree_memory_kib(pid: int) -> list[int]:
    """The :data:`MEMORY_FIELDS` (KiB) of a process and all its descendants, summed."""
    totals = [0] * len(MEMORY_FIELDS)
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
            values = dict(line.split(":", 1) for line in rollup.splitlines()[1:])
            for i, field in enumerate(MEMORY_FIELDS):
                totals[i] += int(values[field].split()[0])
            for task in Path(f"/proc/{current}/task").iterdir():
                pending.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, KeyError, ValueError):
            continue
    return totals


def peak_memory_mib(cmd: Command, *, env: Mapping[str, str] | None = None) -> float:
    """Peak resident memory (MiB) of the whole process tree (workers included), sampled every
    5 ms: a run of its own, as the sampling would disturb a timed one."""
    return peak_memories_mib(cmd, env=env).rss


def peak_memories_mib(cmd: Command, *, env: Mapping[str, str] | None = None) -> Peaks:
    """The peaks of :class:`Peaks` over one run, sampled every 5 ms."""
    process = subprocess.Popen(
        list(cmd), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=dict(env or os.environ)
    )
    peaks = [0] * len(MEMORY_FIELDS)
    while process.poll() is None:
        peaks = [max(a, b) for a, b in zip(peaks, tree_memory_kib(process.pid), strict=True)]
        time.sleep(0.005)
    return Peaks(*(value / 1024 for value in peaks))


def byte_compile() -> None:
    """Compile stspd's modules as pip does when it installs a wheel. Without it, an editable
    install under PYTHONDONTWRITEBYTECODE recompiles every module at each start (about 20 ms),
    while the peers, installed from wheels, start from bytecode."""
    package = ROOT / "stspd_cli"
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)


def build_corpus(folder: Path, count: int) -> list[Path]:
    """Copies of the real strategies of strategies/, each made unique (name, a comment)."""
    sources = sorted((ROOT / "strategies").glob("*.yaml"))
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        source = sources[i % len(sources)]
        text = source.read_text(encoding="utf-8")
        text = text.replace("\n  nom: ", f"\n  nom: Copie {i} de ", 1)
        text += f"# copie n° {i} pour le banc d'essai\n"
        path = folder / f"{source.stem}-{i:05d}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
