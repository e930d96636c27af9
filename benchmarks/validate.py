"""Benchmark of `stspd validate` against its peers, measured in the same run.

Builds a corpus of about 1,000 strategies from the real ones in strategies/ (each made unique),
then times, as whole commands with their start-up:

- one file: stspd validate (cache warm, and --no-cache) against yamllint -d relaxed;
- the corpus, cold (--no-cache): stspd against yamllint, check-jsonschema (with stspd's own
  exported schema) and a libyaml parse of every file (PyYAML's C loader);
- the corpus, warm (cache filled, nothing changed);
- peak memory of the cold corpus run (resident memory of the whole process tree);
- stspd render of one strategy to HTML, and stspd --help;
- the floor: Python's start-up, and an empty typer command taking one path.

The short commands run in turn (interleaved), so that a slow moment of a shared machine weighs
on each alike; stspd's modules are byte-compiled first, as pip does when it installs a wheel.

Prints medians and ratios, and whether each target of docs/performance.md is met.
Run: .venv/bin/python benchmarks/validate.py [--files 1000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
STRATEGIES = sorted((ROOT / "strategies").glob("*.yaml"))


def build_corpus(folder: Path, count: int) -> list[Path]:
    """Copies of the real strategies, each made unique (name, a comment, one sentence)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        source = STRATEGIES[i % len(STRATEGIES)]
        text = source.read_text(encoding="utf-8")
        text = text.replace("\n  nom: ", f"\n  nom: Copie {i} de ", 1)
        text += f"# copie n° {i} pour le banc d'essai\n"
        path = folder / f"{source.stem}-{i:04d}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _tree_rss_kib(pid: int) -> int:
    total = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += next(int(x.split()[1]) for x in status.splitlines() if x.startswith("VmRSS"))
            for task in Path(f"/proc/{current}/task").iterdir():
                children = (task / "children").read_text().split()
                pending.extend(int(c) for c in children)
        except (OSError, StopIteration, ValueError):
            continue
    return total


def run(cmd: list[str], *, env: dict[str, str] | None = None) -> float:
    """Wall time in seconds of one whole command, start-up included."""
    start = time.perf_counter()
    subprocess.run(
        cmd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env or os.environ.copy(),
        check=False,
    )
    return time.perf_counter() - start


def peak_memory_kib(cmd: list[str], *, env: dict[str, str] | None = None) -> int:
    """Peak resident memory (KiB) of the whole process tree (the parallel workers included),
    sampled every 10 ms. A run of its own: the sampling would disturb a timed run."""
    process = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env or os.environ.copy()
    )
    peak = 0
    while process.poll() is None:
        peak = max(peak, _tree_rss_kib(process.pid))
        time.sleep(0.01)
    return peak


def median(cmd: list[str], repeat: int, env: dict[str, str] | None = None) -> float:
    return statistics.median(run(cmd, env=env) for _ in range(repeat))


def interleaved_medians(
    cmds: dict[str, list[str]], repeat: int, env: dict[str, str]
) -> dict[str, float]:
    """Medians of short commands run in turn (a, b, c, a, b, c...): on a shared machine, a slow
    moment then weighs on each of them alike, and their ratios stay meaningful."""
    times: dict[str, list[float]] = {name: [] for name in cmds}
    for _ in range(repeat):
        for name, cmd in cmds.items():
            times[name].append(run(cmd, env=env))
    return {name: statistics.median(values) for name, values in times.items()}


def byte_compile() -> None:
    """Compile stspd's modules as pip does when it installs a wheel. Without it, an editable
    install under PYTHONDONTWRITEBYTECODE recompiles every module at each start (about 20 ms),
    while the peers, installed from wheels, start from bytecode."""
    package = ROOT / "stspd_cli"
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    stspd = str(BIN / "stspd")
    work = Path(tempfile.mkdtemp(prefix="stspd-bench-"))
    cache_home = work / "cache"
    # The cache and the key that signs it: the run's own, not the user's.
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home), "XDG_DATA_HOME": str(work / "data")}
    try:
        corpus = build_corpus(work / "corpus", args.files)
        one = STRATEGIES[0]
        schema = work / "schema.json"
        schema.write_bytes(
            subprocess.run([stspd, "schema"], capture_output=True, check=True).stdout
        )
        size = sum(p.stat().st_size for p in corpus) / len(corpus) / 1024
        print(
            f"corpus : {len(corpus)} fichiers, {size:.1f} Kio en moyenne ; {os.cpu_count()} cœurs"
        )

        byte_compile()
        rows: dict[str, float] = {}
        run([stspd, "validate", str(one)], env=env)  # fill the cache for the warm single run
        # The floor set by the required CLI library: an empty typer command taking one path.
        empty_typer = (
            "import sys, typer\n"
            "from pathlib import Path\n"
            "def command(path: Path) -> None:\n"
            "    pass\n"
            "typer.run(command)\n"
        )
        short = {
            "stspd, 1 fichier (cache)": [stspd, "validate", str(one)],
            "stspd, 1 fichier (--no-cache)": [stspd, "validate", "--no-cache", str(one)],
            "yamllint, 1 fichier": [str(BIN / "yamllint"), "-d", "relaxed", str(one)],
            "stspd render, 1 stratégie en HTML": [
                stspd,
                "render",
                str(one),
                "-o",
                str(work / "x.html"),
            ],
            "stspd --help": [stspd, "--help"],
            "typer seul, commande vide (plancher)": [sys.executable, "-c", empty_typer, str(one)],
            "python seul, démarrage": [sys.executable, "-c", "pass"],
        }
        run(short["stspd render, 1 stratégie en HTML"], env=env)  # compile the templates once
        rows.update(interleaved_medians(short, args.repeat * 3, env))

        folder = str(work / "corpus")
        repeat = max(1, args.repeat // 2)
        cold = median([stspd, "validate", "--no-cache", folder], repeat, env)
        cold_peak = peak_memory_kib([stspd, "validate", "--no-cache", folder], env=env)
        rows["stspd, corpus à froid"] = cold
        shutil.rmtree(cache_home, ignore_errors=True)
        run([stspd, "validate", folder], env=env)  # fill the cache
        rows["stspd, corpus à chaud"] = median([stspd, "validate", folder], repeat, env)
        rows["yamllint, corpus"] = median([str(BIN / "yamllint"), "-d", "relaxed", folder], repeat)
        rows["check-jsonschema, corpus"] = median(
            [str(BIN / "check-jsonschema"), "--schemafile", str(schema), *map(str, corpus)],
            repeat,
        )
        parse_only = (
            "import sys, yaml\n"
            "for p in sys.argv[1:]:\n"
            "    yaml.compose(open(p, encoding='utf-8').read(), Loader=yaml.CSafeLoader)\n"
        )
        rows["libyaml, analyse seule du corpus"] = median(
            [sys.executable, "-c", parse_only, *map(str, corpus)], repeat
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)

    for name, seconds in rows.items():
        print(f"{name:<40} {seconds:8.3f} s")
    print(f"{'stspd, corpus à froid : mémoire maximale':<40} {cold_peak / 1024:8.1f} Mio")
    one_file = rows["stspd, 1 fichier (cache)"] / rows["yamllint, 1 fichier"]
    checks = [
        ("1 fichier ≤ 0,7 × yamllint", one_file, 0.7),
        (
            "1 fichier --no-cache / yamllint (information)",
            rows["stspd, 1 fichier (--no-cache)"] / rows["yamllint, 1 fichier"],
            None,
        ),
        ("corpus à froid ≤ 0,10 × yamllint", cold / rows["yamllint, corpus"], 0.10),
        ("corpus à froid ≤ 0,5 × check-jsonschema", cold / rows["check-jsonschema, corpus"], 0.5),
        (
            "corpus à froid ≤ 3 × analyse libyaml",
            cold / rows["libyaml, analyse seule du corpus"],
            3.0,
        ),
        ("corpus à chaud ≤ 0,25 × à froid", rows["stspd, corpus à chaud"] / cold, 0.25),
        ("mémoire < 150 Mio", cold_peak / 1024 / 150, 1.0),
        (
            "typer seul / yamllint, 1 fichier (information)",
            rows["typer seul, commande vide (plancher)"] / rows["yamllint, 1 fichier"],
            None,
        ),
        ("render HTML < 0,5 s", rows["stspd render, 1 stratégie en HTML"] / 0.5, 1.0),
        ("--help < 0,2 s", rows["stspd --help"] / 0.2, 1.0),
    ]
    print()
    for name, ratio, limit in checks:
        verdict = "" if limit is None else ("atteint" if ratio <= limit else "NON ATTEINT")
        print(f"{name:<48} rapport {ratio:6.3f}  {verdict}")


if __name__ == "__main__":
    main()
