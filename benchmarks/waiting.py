"""The paths where people wait (issue 19), each against its peer, measured in the same run.

Every row runs whole commands (start-up included), interleaved with its peers and repeated, and
prints min / median / max and the ratio of medians, with the machine's load:

- one edited file, ``validate --no-cache``, against yamllint on the same file, with
  check-jsonschema (against stspd's own JSON Schema) and the floor of a Python process that only
  parses the file with ruamel.yaml's C loader;
- one unchanged file, cached, against yamllint;
- ``render --format pdf`` of a folder of 8 strategies against 8 separate renders, and one PDF
  against WeasyPrint's own command line on the same HTML (each printed: ``STSPD_NO_CACHE=1``),
  then the folder again with the cache of PDFs already printed;
- ``report`` over a corpus of 1,000 strategies against ``validate --no-cache`` of that folder
  (with yamllint, check-jsonschema and the C-parser floor over the same corpus);
- the peak memory of the whole process tree (workers included) for 1,000 and 10,000
  strategies, summed RSS and summed PSS, min / median / max of a few runs and the ratio of
  the medians (``validate --no-cache`` as text and as JSON; ``report``, once);
- ``fmt --check`` over 100 files, cold (empty cache) and with nothing changed.

Run: .venv/bin/python benchmarks/waiting.py [--rounds 15] [--corpus 1000] [--big 10000]
     [--only fichier,pdf,bilan,memoire,fmt]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from timing import (
    BIN,
    C_FLOOR,
    ROOT,
    Peaks,
    build_corpus,
    byte_compile,
    interleaved,
    load,
    peak_memories_mib,
    ratio,
    run,
    show,
    spread,
)

STSPD = str(BIN / "stspd")
ONE = ROOT / "strategies" / "cispd-loos-haubourdin-emmerin.yaml"
C_FLOOR_NAME = "plancher : analyse seule, chargeur C de ruamel"
JSONSCHEMA_NAME = "check-jsonschema (schéma de stspd)"
SECTIONS = ("fichier", "pdf", "bilan", "memoire", "fmt")


def _jsonschema(schema: Path, files: list[str]) -> list[str]:
    return [str(BIN / "check-jsonschema"), "--schemafile", str(schema), *files]


def _section(title: str) -> None:
    print(f"\n{title}\n  ({load()})")


def one_file(rounds: int, env: dict[str, str], schema: Path) -> None:
    _section("Un fichier (pre-commit, enregistrement dans l'éditeur)")
    run([STSPD, "validate", str(ONE)], env=env)  # fill the cache for the cached row
    cmds = {
        "stspd validate --no-cache": [STSPD, "validate", "--no-cache", str(ONE)],
        "stspd validate (résultat en cache)": [STSPD, "validate", str(ONE)],
        "yamllint -d relaxed": [str(BIN / "yamllint"), "-d", "relaxed", str(ONE)],
        JSONSCHEMA_NAME: _jsonschema(schema, [str(ONE)]),
        C_FLOOR_NAME: [sys.executable, "-c", C_FLOOR, str(ONE)],
        "python seul, démarrage": [sys.executable, "-c", "pass"],
    }
    times = interleaved(cmds, rounds, env=env)
    for name, values in times.items():
        show(name, values)
    lint = times["yamllint -d relaxed"]
    ratio("--no-cache / yamllint", times["stspd validate --no-cache"], lint, 1.0)
    ratio("en cache / yamllint", times["stspd validate (résultat en cache)"], lint, 0.5)
    ratio(
        "--no-cache / check-jsonschema",
        times["stspd validate --no-cache"],
        times[JSONSCHEMA_NAME],
    )
    ratio("plancher C / yamllint", times[C_FLOOR_NAME], lint)


def pdf(rounds: int, cached_env: dict[str, str], work: Path) -> None:
    _section("PDF : un dossier de 8 stratégies, et une seule")
    # Every PDF printed: none given from the cache of PDFs printed before (a third row does).
    env = {**cached_env, "STSPD_NO_CACHE": "1"}
    again: list[float] = []
    folder = work / "pdf-dossier"
    build_corpus(folder, 8)
    files = sorted(folder.glob("*.yaml"))
    out = work / "pdf-sortie"
    html = work / "une.html"
    subprocess.run([STSPD, "render", str(ONE), "-o", str(html)], env=env, check=True)
    separate: list[float] = []
    together: list[float] = []
    ours_one: list[float] = []
    one_again: list[float] = []
    weasy: list[float] = []
    for _ in range(rounds):
        shutil.rmtree(out, ignore_errors=True)
        together.append(run([STSPD, "render", str(folder), "-f", "pdf", "-o", f"{out}/"], env=env))
        separate.append(
            sum(
                run([STSPD, "render", str(p), "-o", str(work / f"seul-{i}.pdf")], env=env)
                for i, p in enumerate(files)
            )
        )
        ours_one.append(run([STSPD, "render", str(ONE), "-o", str(work / "une.pdf")], env=env))
        one_again.append(
            run([STSPD, "render", str(ONE), "-o", str(work / "une.pdf")], env=cached_env)
        )
        again.append(
            run([STSPD, "render", str(folder), "-f", "pdf", "-o", f"{out}/"], env=cached_env)
        )
        weasy.append(
            run(
                [
                    str(BIN / "weasyprint"),
                    "--pdf-variant",
                    "pdf/ua-1",
                    str(html),
                    str(work / "weasyprint.pdf"),
                ],
                env=env,
            )
        )
    show("stspd render DOSSIER -f pdf (8 stratégies)", together)
    show("8 × stspd render FICHIER -o x.pdf, l'un après l'autre", separate)
    ratio("dossier / 8 rendus séparés", together, separate, 0.45)
    show("le même dossier à nouveau, PDF repris du cache (après le 1er tour)", again)
    show("stspd render FICHIER -o x.pdf (une stratégie)", ours_one)
    show("la même stratégie à nouveau, PDF repris du cache", one_again)
    show("weasyprint --pdf-variant pdf/ua-1 (même HTML)", weasy)
    ratio("stspd / WeasyPrint seul", ours_one, weasy, 1.1)


def report(rounds: int, env: dict[str, str], corpus: Path, schema: Path) -> None:
    count = len(list(corpus.glob("*.yaml")))
    _section(f"Bilan et vérification d'un corpus de {count} stratégies")
    files = sorted(str(p) for p in corpus.glob("*.yaml"))
    cmds = {
        "stspd report DOSSIER (vers un tube)": [STSPD, "report", str(corpus)],
        "stspd report -o bilan.md": [
            STSPD,
            "report",
            str(corpus),
            "-o",
            str(corpus.parent / "bilan.md"),
        ],
        "stspd validate --no-cache DOSSIER": [STSPD, "validate", "--no-cache", str(corpus)],
        "stspd validate DOSSIER (rien n'a changé)": [STSPD, "validate", str(corpus)],
        "yamllint -d relaxed DOSSIER": [str(BIN / "yamllint"), "-d", "relaxed", str(corpus)],
        JSONSCHEMA_NAME: _jsonschema(schema, files),
        C_FLOOR_NAME: [sys.executable, "-c", C_FLOOR, *files],
    }
    run([STSPD, "validate", str(corpus)], env=env)  # fill the cache for the warm row
    times = interleaved(cmds, rounds, env=env)
    for name, values in times.items():
        show(name, values)
    cold = times["stspd validate --no-cache DOSSIER"]
    piped, to_file = times["stspd report DOSSIER (vers un tube)"], times["stspd report -o bilan.md"]
    ratio("report / validate --no-cache", piped, cold, 1.5)
    ratio("report -o fichier / validate --no-cache", to_file, cold)
    ratio("validate --no-cache / yamllint", cold, times["yamllint -d relaxed DOSSIER"])
    ratio("validate --no-cache / check-jsonschema", cold, times[JSONSCHEMA_NAME])
    ratio("validate --no-cache / plancher C", cold, times[C_FLOOR_NAME])
    ratio("à chaud / à froid", times["stspd validate DOSSIER (rien n'a changé)"], cold)


# Flat: the largest corpus within 10 % of the smallest, for the summed RSS and for the
# anonymous part of the summed PSS. The file-backed part of the PSS (the libraries) is divided
# with every other process of the machine that maps the same files: 2 to 5 MiB here, moving
# with what else runs, it is printed with the rest but not judged.
FLAT = 1.10
MEMORY_TARGET_MIB = 120


def memory(rounds: int, env: dict[str, str], corpora: list[Path]) -> None:
    """Peak memory of the process tree for each corpus; each command runs ``rounds`` times
    over the corpora in turn (report once, information only: what its consolidated view
    keeps of each territory grows with the corpus)."""
    _section("Mémoire maximale de l'arbre de processus (travailleurs compris)")
    print(
        "  RSS : pages résidentes de chaque processus, additionnées (les pages partagées comptées"
        " dans chacun) ;\n  PSS : pages partagées réparties ; anonyme : la part de la PSS que"
        " les processus ont construite\n  (sans les bibliothèques, partagées avec les autres"
        " processus de la machine)"
    )
    commands = {
        "validate --no-cache": (["validate", "--no-cache"], rounds),
        "validate --no-cache -f json": (["validate", "--no-cache", "-f", "json"], rounds),
        "report": (["report"], 1),
    }
    for name, (args, times) in commands.items():
        peaks: dict[Path, list[Peaks]] = {corpus: [] for corpus in corpora}
        for _ in range(times):
            for corpus in corpora:
                peaks[corpus].append(peak_memories_mib([STSPD, *args, str(corpus)], env=env))
        for corpus, values in peaks.items():
            count = len(list(corpus.glob("*.yaml")))
            rss = statistics.median(v.rss for v in values)
            verdict = "atteint" if rss <= MEMORY_TARGET_MIB else "NON ATTEINT"
            print(
                f"  {name + f', {count} fichiers':<40} RSS {_spread([v.rss for v in values])}"
                f"  PSS {_spread([v.pss for v in values])}"
                f"  (anonyme {_spread([v.anon for v in values])})"
                f"  ≤ {MEMORY_TARGET_MIB} Mio : {verdict}"
            )
        small, big = (peaks[c] for c in (corpora[0], corpora[-1]))
        growth = [
            statistics.median(getattr(v, field) for v in big)
            / statistics.median(getattr(v, field) for v in small)
            for field in ("rss", "pss", "anon")
        ]
        flat = "atteint" if max(growth[0], growth[2]) <= FLAT else "NON ATTEINT"
        print(
            f"  => {name} : du plus petit au plus grand corpus, RSS × {growth[0]:.2f},"
            f" PSS × {growth[1]:.2f} (anonyme × {growth[2]:.2f})"
            + (
                f" ; plat (RSS et PSS anonyme ≤ × {FLAT:.2f}) : {flat}"
                if name.startswith("validate")
                else ""
            )
        )


def _spread(values: list[float]) -> str:
    """« 64,1 / 64,3 / 64,9 Mio » : minimum, median, maximum."""
    low, mid, high = spread(values)
    if len(values) == 1:
        return f"{mid:6.1f} Mio"
    return f"{low:5.1f} / {mid:5.1f} / {high:5.1f} Mio"


def fmt(rounds: int, env: dict[str, str], work: Path) -> None:
    _section("fmt --check sur 100 fichiers")
    folder = work / "fmt-100"
    build_corpus(folder, 100)
    subprocess.run([STSPD, "fmt", str(folder)], env=env, capture_output=True, check=False)
    cache = Path(env["XDG_CACHE_HOME"]) / "stspd" / "fmt"
    cmds = {
        "stspd fmt --check (cache vide)": [STSPD, "fmt", "--check", str(folder)],
        "stspd fmt --check (rien n'a changé)": [STSPD, "fmt", "--check", str(folder)],
        "yamllint -d relaxed (mêmes fichiers)": [
            str(BIN / "yamllint"),
            "-d",
            "relaxed",
            str(folder),
        ],
    }
    empty = [sys.executable, "-c", f"import shutil; shutil.rmtree({str(cache)!r}, True)"]
    times = interleaved(cmds, rounds, env=env, before={"stspd fmt --check (cache vide)": empty})
    for name, values in times.items():
        show(name, values)
    cold = times["stspd fmt --check (cache vide)"]
    ratio("rien n'a changé / cache vide", times["stspd fmt --check (rien n'a changé)"], cold)
    ratio("cache vide / yamllint", cold, times["yamllint -d relaxed (mêmes fichiers)"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--corpus", type=int, default=1000)
    parser.add_argument("--big", type=int, default=10000)
    parser.add_argument("--only", default=",".join(SECTIONS))
    args = parser.parse_args()
    only = set(args.only.split(","))
    work = Path(tempfile.mkdtemp(prefix="stspd-attente-"))
    # The cache and the key that signs it: the run's own, not the user's.
    env = {**os.environ, "XDG_CACHE_HOME": str(work / "cache"), "XDG_DATA_HOME": str(work / "data")}
    env.pop("STSPD_NO_CACHE", None)
    try:
        byte_compile()
        schema = work / "schema.json"
        exported = subprocess.run([STSPD, "schema"], capture_output=True, check=True)
        schema.write_bytes(exported.stdout)
        print(f"stspd : {sys.executable} ; {load()}")
        if "fichier" in only:
            one_file(args.rounds, env, schema)
        if "pdf" in only:
            pdf(max(1, args.rounds // 5), env, work)
        corpus = work / "corpus"
        if only & {"bilan", "memoire"}:
            build_corpus(corpus, args.corpus)
        if "bilan" in only:
            report(max(1, args.rounds // 5), env, corpus, schema)
        if "memoire" in only:
            big = work / "grand-corpus"
            build_corpus(big, args.big)
            memory(max(1, args.rounds // 5), env, [corpus, big])
        if "fmt" in only:
            fmt(max(1, args.rounds // 3), env, work)
        print(f"\nfin : {load()}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
