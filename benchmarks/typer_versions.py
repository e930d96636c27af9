"""Start-up of stspd under two installations (for instance typer 0.28 and typer 0.29), measured
in the same run, interleaved, against yamllint on the same file.

typer 0.29 builds a pydantic validator for every parameter it processes, and so imports pydantic
on every run; the cached path of ``stspd validate`` does not import pydantic otherwise. This
measures what that costs: pyproject.toml accepts every typer from 0.28, and
requirements/constraints.txt keeps the faster one for the environments of this repository
(docs/performance.md).

Run: .venv/bin/python benchmarks/typer_versions.py --other /tmp/v29/bin/python [--repeat 15]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILE = ROOT / "strategies" / "clspd-lille.yaml"


def _typer_version(python: str) -> str:
    done = subprocess.run(
        [python, "-c", "import typer; print(typer.__version__)"],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def _time(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, capture_output=True, check=False, cwd=ROOT)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--other", required=True, help="l'interpréteur de l'autre installation")
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    pythons = {f"typer {_typer_version(p)}": p for p in (sys.executable, args.other)}
    commands = {
        "validate, 1 fichier en cache": ["validate", str(FILE)],
        "validate --help": ["validate", "--help"],
        "referentiels": ["referentiels"],
    }
    runs: dict[tuple[str, str], list[float]] = {}
    for python in pythons.values():
        # Byte-compiled as pip does at installation (PYTHONDONTWRITEBYTECODE may be set here).
        compile_all = (
            "import compileall, os, stspd_cli, typer\n"
            "for module in (stspd_cli, typer):\n"
            "    compileall.compile_dir(os.path.dirname(module.__file__), quiet=1)\n"
        )
        subprocess.run([python, "-c", compile_all], capture_output=True, check=True)
    for python in pythons.values():  # warm the cache of each
        for argv in commands.values():
            subprocess.run([python, "-m", "stspd_cli", *argv], capture_output=True, check=False)
    yamllint = [str(Path(sys.executable).parent / "yamllint"), "-d", "relaxed", str(FILE)]
    for _ in range(args.repeat):
        for label, argv in commands.items():
            for name, python in pythons.items():
                timing = _time([python, "-m", "stspd_cli", *argv])
                runs.setdefault((label, name), []).append(timing)
        runs.setdefault(("yamllint, 1 fichier", "-"), []).append(_time(yamllint))
    lint = statistics.median(runs[("yamllint, 1 fichier", "-")])
    print(f"{'mesure':34} {'installation':14} {'médiane':>9} {'/ yamllint':>10}")
    for (label, name), values in runs.items():
        median = statistics.median(values)
        print(f"{label:34} {name:14} {median:8.3f}s {median / lint:10.2f}")


if __name__ == "__main__":
    main()
