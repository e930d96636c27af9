"""Benchmark (not a test): what the signed caches cost and save at start-up.

Times whole commands, start-up included, in turn (interleaved) so that a slow moment of the
shared machine weighs on each alike:

- ``stspd validate`` of one strategy, its result in the cache (the pre-commit case), and of a
  corpus of copies of it (``--files``, 200 by default), every result in the cache;
- ``stspd render`` of one strategy to HTML, its templates compiled in the cache;
- the same two without any cache (``STSPD_NO_CACHE=1``): validation and template compilation
  done again at each run;
- with ``--compare DIR``: the same commands run by another source tree of stspd (for example
  the main branch, ``git archive main | tar -x -C DIR``), imported through ``PYTHONPATH``.

Each variant has its own cache and key folders, warmed before the timing.
Run: ``.venv/bin/python benchmarks/caches.py [--repeat 21] [--files 200] [--compare DIR]``.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STSPD = str(Path(sys.executable).with_name("stspd"))
STRATEGY = ROOT / "strategies" / "cispd-loos-haubourdin-emmerin.yaml"


def _commands(tmp: Path, files: int) -> dict[str, list[str]]:
    corpus = tmp / "corpus"
    corpus.mkdir()
    text = STRATEGY.read_text(encoding="utf-8")
    for i in range(files):  # each copy unique: one cache entry each
        (corpus / f"copie-{i:04d}.yaml").write_text(f"{text}# copie {i}\n", encoding="utf-8")
    return {
        "validate, 1 fichier": [STSPD, "validate", str(STRATEGY)],
        f"validate, {files} fichiers": [STSPD, "validate", str(corpus)],
        "render html": [STSPD, "render", str(STRATEGY), "-o", str(tmp / "x.html")],
    }


def _variants(tmp: Path, compare: Path | None) -> dict[str, dict[str, str]]:
    trees = {"cet arbre": ROOT} | ({"comparé": compare} if compare else {})
    variants = {}
    for name, tree in trees.items():
        for cached in (True, False):
            home = tmp / f"{name}-{cached}"
            env = {
                **os.environ,
                "PYTHONPATH": str(tree),
                "XDG_CACHE_HOME": str(home / "cache"),
                "XDG_DATA_HOME": str(home / "data"),
            }
            env.pop("STSPD_NO_CACHE", None)
            if not cached:
                env["STSPD_NO_CACHE"] = "1"
            variants[f"{name}, {'avec' if cached else 'sans'} cache"] = env
    return variants


def _run(command: list[str], env: dict[str, str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--compare", type=Path, help="another source tree of stspd")
    args = parser.parse_args()
    for tree in (ROOT, args.compare):
        if tree is not None:  # as pip does when it installs a wheel
            compileall.compile_dir(tree / "stspd_cli", quiet=1)
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        commands = _commands(tmp, args.files)
        variants = _variants(tmp, args.compare)
        times: dict[tuple[str, str], list[float]] = {}
        for command in commands.values():
            for env in variants.values():
                _run(command, env, tmp)  # fills the caches, creates the key
        for _ in range(args.repeat):
            for label, command in commands.items():
                for variant, env in variants.items():
                    times.setdefault((label, variant), []).append(_run(command, env, tmp))
    print(f"{args.repeat} passages alternés ; médiane (min-max) en secondes")
    for label in commands:
        reference = statistics.median(times[label, "cet arbre, avec cache"])
        for variant in variants:
            run = times[label, variant]
            middle = statistics.median(run)
            print(
                f"{label:<22} {variant:<22} {middle:.3f} ({min(run):.3f}-{max(run):.3f})"
                f"  × {middle / reference:.2f}"
            )


if __name__ == "__main__":
    main()
