"""Where the test suite's CPU goes (issue 19, `make test` ≤ 90 s): pytest as ``make test``
runs it (every core, worksteal), each test's CPU seconds recorded (benchmarks/cpu_per_test.py),
then the whole run, the files and the tests that cost most.

The suite is bound by computing, not by waiting: on 2 cores its wall time is about its CPU time
over 2 (benchmarks/suite.py prints how busy the cores were). A shorter run needs less
computing: this script says where it is. « processus » is the CPU of the processes a test
started and waited for (stspd, git, pandoc, LibreOffice); « test » that of the test process.
A process that outlives its test (the warm stspd server of tests/test_examples_run.py) is
counted where it ends, marked « (fin d'un serveur) » (the test and its file) when its CPU
exceeds what the machine's cores could give in the test's own time. The étalon
(benchmarks/suite.py) is printed too, to compare runs of different hours.

Run: .venv/bin/python benchmarks/suite_where.py [--top 25]
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import tempfile
from pathlib import Path

from suite import timed, yardstick
from timing import BIN, load


def _rows(folder: Path) -> list[dict[str, float | str]]:
    rows: list[dict[str, float | str]] = []
    for log in sorted(folder.glob("*.jsonl")):
        rows += [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    print(f"où va le calcul de la suite ({load()} ; étalon {yardstick():.2f} s)")
    with tempfile.TemporaryDirectory() as folder:
        # The test processes inherit these (suite.timed passes the environment on).
        os.environ["STSPD_CPU_LOG"] = folder
        os.environ["PYTHONPATH"] = os.pathsep.join(
            filter(None, [str(Path(__file__).parent), os.environ.get("PYTHONPATH")])
        )
        command = [
            str(BIN / "pytest"),
            "-n",
            "auto",
            "--dist",
            "worksteal",
            "-q",
            "-p",
            "cpu_per_test",
        ]
        log = Path(folder) / "pytest.log"
        wall, total, share, code = timed(command, log)
        if code != 0:
            print(log.read_text(encoding="utf-8", errors="replace")[-3000:])
            raise SystemExit(f"pytest : code {code}, la suite doit passer pour être mesurée")
        rows = _rows(Path(folder))
    own = sum(float(r["self"]) for r in rows)
    children = sum(float(r["children"]) for r in rows)
    print(
        f"  pytest : {wall:.1f} s écoulées, {total:.1f} s de calcul sur {cores} cœurs,"
        f" {len(rows)} tests" + ("" if share is None else f" ; cœurs occupés {share:.0%}")
    )
    print(
        f"    dans les tests : {own:.1f} s (processus de test)"
        f" + {children:.1f} s (processus lancés)"
    )
    print(
        "    hors des tests (démarrage, collecte, processus non attendus) :"
        f" {total - own - children:.1f} s"
    )

    def late(row: dict[str, float | str]) -> str:
        ended = float(row["children"]) > float(row["wall"]) * cores
        return " (fin d'un serveur)" if ended else ""

    files: dict[str, list[float]] = collections.defaultdict(lambda: [0.0, 0.0, 0.0])
    marks: dict[str, str] = collections.defaultdict(str)
    for row in rows:
        name = str(row["test"]).split("::", 1)[0]
        entry = files[name]
        entry[0] += float(row["self"])
        entry[1] += float(row["children"])
        entry[2] += 1
        marks[name] = marks[name] or late(row)
    print(
        f"  les {args.top} fichiers qui coûtent le plus"
        " (calcul : test + processus lancés, nombre de tests)"
    )
    ranked = sorted(files.items(), key=lambda item: -(item[1][0] + item[1][1]))
    for name, (mine, theirs, count) in ranked[: args.top]:
        line = f"{mine + theirs:6.1f} s  ({mine:5.1f} + {theirs:5.1f})  {int(count):4d}  {name}"
        print(f"    {line}{marks[name]}")
    print(f"  les {args.top} tests qui coûtent le plus")
    by_test = sorted(rows, key=lambda r: -(float(r["self"]) + float(r["children"])))
    for row in by_test[: args.top]:
        mine, theirs = float(row["self"]), float(row["children"])
        print(
            f"    {mine + theirs:6.1f} s  ({mine:5.1f} + {theirs:5.1f})  {row['test']}{late(row)}"
        )
    print(f"  ({load()})")


if __name__ == "__main__":
    main()
