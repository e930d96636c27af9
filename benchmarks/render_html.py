"""Benchmark (not a test): rendering one strategy to HTML, start-up included.

Target: under half a second. Run: ``.venv/bin/python benchmarks/render_html.py``.
The first run compiles the templates into the user cache; the figures are for the runs after.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STRATEGY = ROOT / "strategies" / "cispd-loos-haubourdin-emmerin.yaml"
RUNS = 15


def main() -> None:
    stspd = Path(sys.executable).with_name("stspd")
    with tempfile.TemporaryDirectory() as tmp:
        command = [str(stspd), "render", str(STRATEGY), "-o", str(Path(tmp) / "x.html")]
        subprocess.run(command, check=True, capture_output=True)  # warm the template cache
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            times.append(time.perf_counter() - start)
    print(
        f"stspd render {STRATEGY.name} -> html, {RUNS} runs: "
        f"median {statistics.median(times):.3f} s, min {min(times):.3f} s, "
        f"max {max(times):.3f} s (target < 0.5 s)"
    )


if __name__ == "__main__":
    main()
