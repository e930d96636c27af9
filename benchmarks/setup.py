"""The set-up of ``make demo`` and ``make test`` in a fresh clone: the virtual environment filled
with the pinned dependencies, by uv (what the Makefile does: pip installs uv, uv installs the
rest) against pip alone (what it did before, the peer), measured in the same run.

Each run starts from nothing, as CI does: a new virtual environment in a temporary folder, and
empty download caches of its own (``PIP_CACHE_DIR``, ``UV_CACHE_DIR``: the packages come from
the registry each time; the user's caches are neither read nor written). Both ways install
this repository in editable mode, with the same extras and the same constraints file. Runs are
interleaved (pip, uv, pip, uv...); each row prints min / median / max of the wall time, then
the ratio of the medians. The étalon (a fixed Python computation, CPU seconds) and the
machine's load are printed with each run, to compare runs of different hours.

Run: .venv/bin/python benchmarks/setup.py [--rounds 2]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from suite import yardstick
from timing import ROOT, load, ratio, show

CONSTRAINTS = ROOT / "requirements" / "constraints.txt"
EXTRAS = ".[dev,pdf,convertir]"


def _steps(venv: Path, way: str) -> list[list[str]]:
    python = str(venv / "bin" / "python")
    quiet = ["--quiet", "--disable-pip-version-check"]
    make_venv = [sys.executable, "-m", "venv", str(venv)]
    if way == "pip":
        return [
            make_venv,
            [python, "-m", "pip", "install", *quiet, "-c", str(CONSTRAINTS), "-e", EXTRAS],
        ]
    uv = str(venv / "bin" / "uv")
    return [
        make_venv,
        [python, "-m", "pip", "install", *quiet, "-c", str(CONSTRAINTS), "uv"],
        [
            uv,
            "pip",
            "install",
            "--quiet",
            "--system-certs",
            "--python",
            python,
            "-c",
            str(CONSTRAINTS),
            "-e",
            EXTRAS,
        ],
    ]


def timed_setup(way: str) -> float:
    """Wall seconds of one set-up from nothing, by ``way`` (``pip`` or ``uv``)."""
    with tempfile.TemporaryDirectory(prefix=f"stspd-setup-{way}-") as folder:
        base = Path(folder)
        env = {
            **os.environ,
            "PIP_CACHE_DIR": str(base / "cache-pip"),
            "UV_CACHE_DIR": str(base / "cache-uv"),
        }
        env.pop("VIRTUAL_ENV", None)
        start = time.perf_counter()
        for step in _steps(base / "venv", way):
            done = subprocess.run(
                step, cwd=ROOT, env=env, capture_output=True, text=True, check=False
            )
            if done.returncode != 0:
                raise SystemExit(
                    f"{way} : {' '.join(step)} : code {done.returncode}\n{done.stderr[-2000:]}"
                )
        wall = time.perf_counter() - start
        shutil.rmtree(base / "venv")
    return wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    times: dict[str, list[float]] = {"pip": [], "uv": []}
    print(f"mise en place de l'environnement virtuel ({load()})")
    for _ in range(args.rounds):
        for way, walls in times.items():
            gauge = yardstick()
            wall = timed_setup(way)
            walls.append(wall)
            print(f"  {way:<4} {wall:7.1f} s  (étalon {gauge:.2f} s ; {load()})")
    show("pip seul (pair)", times["pip"])
    show("uv, installé par pip (make)", times["uv"])
    ratio("uv / pip", times["uv"], times["pip"])


if __name__ == "__main__":
    main()
