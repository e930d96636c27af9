"""Benchmark of hostile inputs: every shape of tests/hostile_shapes.py, and the slow refusals.

For each shape (a file under the 8 MiB limit, shaped to make a check slow), times the whole
command `stspd validate --no-cache` and yamllint (-d relaxed) on the same file, in turn
(interleaved) and repeated: min, median and max wall time, and the peak resident memory of the
process as the kernel counts it (wait4). A run still going after --timeout seconds is killed
and shown as « > N s ».

Then the refusals that must stop at the limit, whatever the size behind it:
- `stspd import` of a 300,000-row xlsx (one sheet, a dimension that claims one cell);
- `stspd diff` of a 143 MiB git blob (REV:PATH) against a strategy.

With --avant FOLDER, an earlier stspd runs too, in turn with the others: FOLDER holds its
``stspd_cli`` package, for example ``git archive main stspd_cli | tar -x -C /tmp/avant``.

Run: .venv/bin/python benchmarks/hostile.py [--repeat 3] [--timeout 60] [--only NAME ...]
     [--avant FOLDER]
Figures of a run are recorded in docs/securite.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from hostile_shapes import SHAPES, Measured, run_measured, write_shape  # noqa: E402

BIN = Path(sys.executable).parent
DEMO = ROOT / "examples" / "demo-fictive.yaml"


def _series(
    commands: dict[str, list[str]], repeat: int, timeout: float, env: dict[str, str], out: Path
) -> dict[str, list[Measured]]:
    """Each command ``repeat`` times, in turn (a, b, a, b...): a slow moment of a shared machine
    weighs on each alike."""
    done: dict[str, list[Measured]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, command in commands.items():
            done[name].append(run_measured(command, stdout=out, env=env, timeout=timeout))
    return done


def _shown(runs: Sequence[Measured], timeout: float) -> str:
    if any(r.code is None for r in runs):
        return (
            f"> {timeout:.0f} s (arrêté)".rjust(26) + f"  {max(r.peak_mib for r in runs):7.0f} Mio"
        )
    times = sorted(r.seconds for r in runs)
    return (
        f"{times[0]:7.2f} {statistics.median(times):7.2f} {times[-1]:7.2f} s"
        f"  {max(r.peak_mib for r in runs):7.0f} Mio"
    )


def _ratio(stspd: Sequence[Measured], peer: Sequence[Measured]) -> str:
    if any(r.code is None for r in (*stspd, *peer)):
        return ""
    mine = statistics.median(r.seconds for r in stspd)
    theirs = statistics.median(r.seconds for r in peer)
    return f"× {mine / theirs:.2f}"


def _starts(before: Path | None) -> dict[str, list[str]]:
    """How to start each stspd measured: this one, and an earlier one with --avant."""
    starts = {"stspd": [str(BIN / "stspd")]}
    if before is not None:
        start = (
            f"import sys; sys.path.insert(0, {str(before)!r}); "
            "from stspd_cli.cli import main; main()"
        )
        starts["avant"] = [sys.executable, "-c", start]
    return starts


def _tools(before: Path | None) -> dict[str, list[str]]:
    """How to check a file with each tool measured; the file's path comes after."""
    tools = {
        name: [*start, "validate", "--no-cache", "-f", "json"]
        for name, start in _starts(before).items()
    }
    tools["yamllint"] = [str(BIN / "yamllint"), "-d", "relaxed", "-f", "parsable"]
    return {name: tools[name] for name in ("stspd", "yamllint", "avant") if name in tools}


def shapes(
    names: Sequence[str],
    *,
    repeat: int,
    timeout: float,
    work: Path,
    env: dict[str, str],
    before: Path | None,
) -> None:
    head = f"{'forme':<22} {'outil':<9} {'min':>7} {'médiane':>7} {'max':>7}"
    print(f"{head}    mémoire   stspd/yamllint")
    tools = _tools(before)
    for name in names:
        path = write_shape(name, work)
        commands = {tool: [*start, str(path)] for tool, start in tools.items()}
        runs = _series(commands, repeat, timeout, env, work / "sortie.txt")
        size = f"({path.stat().st_size / 1024:,.0f} Kio)".replace(",", "\u202f")
        for n, tool in enumerate(tools):
            ratio = _ratio(runs["stspd"], runs["yamllint"]) if tool == "stspd" else ""
            shown = name if n == 0 else size if n == 1 else ""
            print(f"{shown:<22} {tool:<9} {_shown(runs[tool], timeout)}   {ratio}")
        path.unlink()


def _big_xlsx(folder: Path, strategy: Path, env: dict[str, str]) -> Path:
    """The table stspd exports for ``strategy``, its « Suivi » sheet grown to 300,000 rows."""
    table = folder / "suivi.xlsx"
    subprocess.run(
        [str(BIN / "stspd"), "export", str(strategy), "-o", str(table)], env=env, check=True,
        capture_output=True,
    )  # fmt: skip
    rows = "".join(
        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>action-{n}</t></is></c></row>'
        for n in range(8, 300_008)
    ).encode()
    target = folder / "immense.xlsx"
    with (
        zipfile.ZipFile(table) as source,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", rows + b"</sheetData>")
            out.writestr(item.filename, data)
    return target


def _big_blob(folder: Path, env: dict[str, str]) -> Path:
    """A git repository whose last commit holds a 143 MiB « strategy »."""
    repo = folder / "depot"
    repo.mkdir()
    git = {**env, "GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@example.invalid",
           "GIT_COMMITTER_NAME": "b", "GIT_COMMITTER_EMAIL": "b@example.invalid"}  # fmt: skip
    subprocess.run(["git", "init", "-q"], cwd=repo, env=git, check=True)
    line = b"# " + b"ligne de remplissage " * 4 + b"\n"
    with (repo / "enorme.yaml").open("wb") as out:
        out.write(b"schema: stspd/1\n")
        for _ in range((143 << 20) // len(line)):
            out.write(line)
    subprocess.run(["git", "add", "enorme.yaml"], cwd=repo, env=git, check=True)
    subprocess.run(["git", "commit", "-qm", "enorme"], cwd=repo, env=git, check=True)
    (repo / "enorme.yaml").unlink()
    return repo


def refusals(
    *, repeat: int, timeout: float, work: Path, env: dict[str, str], before: Path | None
) -> None:
    strategy = work / "val-fictif.yaml"
    shutil.copyfile(DEMO, strategy)
    table = _big_xlsx(work, strategy, env)
    repo = _big_blob(work, env)
    shutil.copyfile(DEMO, repo / "val-fictif.yaml")
    cases = {
        f"import, xlsx de 300 000 lignes ({table.stat().st_size / 2**20:.1f} Mio)": (
            ["import", str(strategy), str(table)],
            work,
        ),
        "diff, blob git de 143 Mio": (["diff", "HEAD:enorme.yaml", "val-fictif.yaml"], repo),
    }
    out = work / "sortie.txt"
    for name, (arguments, cwd) in cases.items():
        print(name)
        for tool, start in _starts(before).items():
            runs = [
                run_measured([*start, *arguments], stdout=out, env=env, timeout=timeout, cwd=cwd)
                for _ in range(repeat)
            ]
            codes = ", ".join(sorted({str(r.code) for r in runs}))
            print(f"  {tool:<20} {_shown(runs, timeout)}   code de sortie {codes}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--only", nargs="*", choices=sorted(SHAPES), default=None)
    parser.add_argument("--sans-refus", action="store_true", help="formes seulement")
    parser.add_argument("--sans-formes", action="store_true", help="refus seulement")
    parser.add_argument("--avant", type=Path, default=None, help="dossier d'un stspd_cli antérieur")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="stspd-hostile-"))
    env = {**os.environ, "XDG_CACHE_HOME": str(work / "cache"), "NO_COLOR": "1"}
    print(f"{os.cpu_count()} cœurs ; {args.repeat} passages ; arrêt après {args.timeout:.0f} s")
    try:
        if not args.sans_formes:
            names = args.only or list(SHAPES)
            shapes(
                names,
                repeat=args.repeat,
                timeout=args.timeout,
                work=work,
                env=env,
                before=args.avant,
            )
            print()
        if not args.sans_refus:
            refusals(
                repeat=args.repeat, timeout=args.timeout, work=work, env=env, before=args.avant
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
