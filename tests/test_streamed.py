"""``validate`` over a folder in flat memory: the files found as they are read, the work sent to
the workers a few chunks at a time, every format written as the results come (issue 19).

Each test compares the streamed way with the way that lists everything first: the selection
of :func:`stspd_cli.discovery.select` sorted by name, the whole report of
:func:`stspd_cli.validate.validate_paths`, the JSON of ``json.dumps`` for the whole document.
"""

from __future__ import annotations

import gc
import hashlib
import io
import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from cli_run import run
from example_files import EXAMPLES_DIR, INVALID_DIR, TODAY, VALID_DIR

from stspd_cli import walk, workers
from stspd_cli.discovery import STDIN, Stream, select
from stspd_cli.errors import UsageError
from stspd_cli.formats.findings import (
    FORMATS,
    JSON_FORMAT,
    WRITERS,
    OutputOptions,
    by_file,
    summary,
)
from stspd_cli.inputs import display_name
from stspd_cli.sniff import file_is_strategy
from stspd_cli.terminal import json_text
from stspd_cli.validate import FileResult, Tally, ValidationReport, validate_paths

ROOT = Path(__file__).resolve().parents[1]
GOOD = sorted((ROOT / "strategies").glob("*.yaml"))
BAD = sorted(INVALID_DIR.glob("*.yaml"))
# Files that are strategies by their first key, with findings or without.
SOURCES = [p for p in BAD + GOOD if file_is_strategy(p)]
# Strategies whose names sort differently as text and as paths (« a-c.yaml » before « a/ »
# as text, after it as a path), odd characters, a folder named like a YAML file.
STRATEGIES = (
    "a.yaml",
    "a/b.yaml",
    "a/a.yaml",
    "a-c.yaml",
    "a b.yaml",
    "a.yml",
    "A.yaml",
    "a0.yaml",
    "a-b/s.yaml",
    "\u00e9.yaml",
    "e\u0301.yaml",
    "tab\tname.yaml",
    "ligne\nnouvelle.yaml",
    "ctrl\x1b[2J.yaml",
    "x.yaml/dedans.yaml",
    "z/profond/encore/w.yaml",
    "esp ace/q.yaml",
)
# YAML files that are not strategies, in places where the two orders differ too.
OTHERS = ("mkdocs.yml", "a/ci.yaml", "a-b/autre.yaml", "a/zz/liste.yml", "zz.yaml", "x.yaml/ci.yml")


def _tree(folder: Path) -> Path:
    for i, name in enumerate(STRATEGIES):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SOURCES[i % len(SOURCES)], path)
    for name in OTHERS:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("site_name: pas une stratégie\n", encoding="utf-8")
    (folder / ".cachee.yaml").write_text("schema: stspd/1\n", encoding="utf-8")
    (folder / ".cache").mkdir()
    (folder / ".cache" / "x.yaml").write_text("schema: stspd/1\n", encoding="utf-8")
    (folder / "lisez-moi.md").write_text("x\n", encoding="utf-8")
    (folder / "B.YAML").write_text("schema: stspd/1\n", encoding="utf-8")  # not .yaml
    (folder / "lien.yaml").symlink_to("a.yaml")  # a link to a file is read
    (folder / "lien-dossier").symlink_to("a")  # a link to a folder is not followed
    (folder / "casse.yaml").symlink_to("nulle-part.yaml")
    os.mkfifo(folder / "tube.yaml")  # not a regular file: never opened
    return folder


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder ``d`` of strategies and other files, the working directory its parent."""
    monkeypatch.chdir(tmp_path)
    return _tree(tmp_path / "d")


def _listed(paths: list[Path] | None) -> tuple[list[tuple[str, str]], list[str]]:
    """What validate read before: the selection listed, then sorted by name."""
    selection = select(paths, stdin=True)
    files = sorted(selection.files, key=display_name)
    return [(str(p), display_name(p)) for p in files], [display_name(p) for p in selection.skipped]


def _streamed(paths: list[Path] | None) -> tuple[list[tuple[str, str]], list[str]]:
    stream = Stream(paths, stdin=True)
    files = [(str(path), shown) for path, shown in stream.files()]
    return files, stream.skipped


NAMED = [
    ["d"],
    ["d", "d"],
    ["d/a", "d"],
    ["d", "d/a"],
    ["d/a.yaml", "d", "d/a-c.yaml", "d/a.yaml"],
    ["d", "-"],
    ["-", "d/a"],
    ["d/../d"],
    ["./d//a/"],
    ["d/lien.yaml", "d"],
    ["manquant.yaml", "d"],
]


@pytest.mark.parametrize("named", NAMED, ids="|".join)
@pytest.mark.parametrize("batch", [walk.BATCH, 2])
def test_the_stream_is_the_sorted_selection(
    tree: Path, named: list[str], batch: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Same files, same names, same order as the listed selection sorted by name, and the
    same skipped files in the same order; a folder read in passes of ``batch`` names gives
    the same."""
    monkeypatch.setattr(walk, "BATCH", batch)
    paths = [Path(n) for n in named]
    assert _streamed(paths) == _listed(paths)
    absolute = [p if p == STDIN else p.absolute() for p in paths]
    assert _streamed(absolute) == _listed(absolute)


@pytest.mark.parametrize(
    ("here", "named"),
    [
        ("d/a", [".."]),
        ("d/a", ["..", "../a-b"]),
        ("d/z/profond", ["../..", "-", "../../a"]),
        ("d/x.yaml", [".."]),
        ("d/.cache", [".."]),
        ("d/esp ace", ["..", "."]),
        ("d", ["."]),
    ],
)
def test_the_stream_from_a_folder_inside(
    tree: Path, here: str, named: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """From a folder below the one named, the files there are named from the working folder
    (« b.yaml ») and the others from the folder named (« ../a.yaml »): still the order of the
    names."""
    monkeypatch.chdir(tree.parent / here)
    paths = [Path(n) for n in named]
    assert _streamed(paths) == _listed(paths)


def test_the_stream_of_the_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _tree(tmp_path / "strategies")
    (tmp_path / "stspd.toml").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "strategies" / "a")
    assert _streamed(None) == _listed(None)


@pytest.mark.parametrize(
    "named",
    [["vide"], ["d", "vide"], ["vide", "d"], ["-", "-"], ["d", "-", "vide", "-"]],
    ids="|".join,
)
def test_the_stream_fails_as_the_selection(tree: Path, named: list[str]) -> None:
    """The same usage error, with its hint (what was skipped), before any file is given."""
    (tree.parent / "vide" / "sous").mkdir(parents=True)
    (tree.parent / "vide" / "ci.yml").write_text("a: 1\n", encoding="utf-8")
    paths = [Path(n) for n in named]
    with pytest.raises(UsageError) as listed:
        select(paths, stdin=True)
    with pytest.raises(UsageError) as streamed:
        next(Stream(paths, stdin=True).files())
    assert (streamed.value.message, streamed.value.hint) == (
        listed.value.message,
        listed.value.hint,
    )


def test_no_repository_fails_as_the_selection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UsageError) as listed:
        select(None)
    with pytest.raises(UsageError) as streamed:
        next(Stream(None).files())
    assert streamed.value.message == listed.value.message


def test_a_sample_is_some_of_the_files(tree: Path) -> None:
    """What chooses the workers: distinct files of the selection with their names, never
    standard input, found without listing the folders."""
    paths = [Path("d/a.yaml"), Path("-"), Path("d")]
    files = dict(Stream(paths, stdin=True).files())
    for count in (1, 8, 100):
        sample = Stream(paths, stdin=True).sample(count)
        assert len(sample) == min(count, len(files) - 1)
        assert len({str(path) for path, _ in sample}) == len(sample)
        assert all(files[path] == shown for path, shown in sample)


def _results(paths: list[Path]) -> ValidationReport:
    return validate_paths(paths, TODAY)


def _examples() -> list[Path]:
    return [
        *sorted(EXAMPLES_DIR.rglob("*.yaml")),
        *sorted((ROOT / "strategies").glob("*.yaml")),
        *sorted((ROOT / "examples").rglob("*.yaml")),
    ]


def test_findings_file_after_file_are_the_sorted_findings() -> None:
    """What every format relies on: the findings of the results sorted by file name, file
    after file, are the findings of the report sorted as a whole (every example; one file
    named twice, its results merged)."""
    files = _examples()
    report = _results([*files, files[3]])
    tally = Tally(report.skipped)
    results = sorted(report.files, key=lambda r: r.file)
    assert [f for group in by_file(results, tally) for f in group] == report.findings
    assert (tally.checked, tally.errors, tally.warnings, tally.unchecked) == (
        report.checked,
        report.errors,
        report.warnings,
        report.unchecked,
    )
    assert tally.exit_code() == report.exit_code()


def _payload(report: ValidationReport, strict: bool) -> dict[str, object]:
    """The JSON document of ``validate`` (docs/sorties.md), built whole."""
    return {
        "format": JSON_FORMAT,
        "findings": [f.as_dict() for f in report.findings],
        "skipped": report.skipped,
        "summary": {
            "files": len(report.files),
            "errors": report.errors,
            "warnings": report.warnings,
            "skipped": len(report.skipped),
            "exit_code": report.exit_code(strict=strict),
            "message": summary(report),
        },
    }


@pytest.mark.parametrize("strict", [False, True])
@pytest.mark.parametrize(
    "paths",
    [
        pytest.param(_examples(), id="exemples"),
        pytest.param(sorted(VALID_DIR.glob("*.yaml"))[:2], id="sans-constat"),
        pytest.param([INVALID_DIR / "controle-terminal.yaml"], id="controle"),
    ],
)
def test_json_written_as_it_comes_is_json_dumps_of_the_whole(
    paths: list[Path], strict: bool
) -> None:
    """The JSON written finding by finding has the characters of ``json.dumps`` for the whole
    document (indented, escapes of the characters a terminal obeys), and its values."""
    report = _results(paths)
    written = FORMATS["json"](report, OutputOptions(strict=strict))
    assert written == json_text(_payload(report, strict))


def test_gitlab_written_as_it_comes_is_json_dumps_of_the_whole() -> None:
    """The Code Quality report written finding by finding: the characters of ``json.dumps``
    for the whole array, each fingerprint counted over the whole report."""
    report = _results(_examples())
    written = FORMATS["gitlab"](report, OutputOptions())
    issues = json.loads(written)
    assert written == json_text(issues)
    assert [i["check_name"] for i in issues] == [f.code for f in report.findings]
    seen: dict[str, int] = {}
    for issue, finding in zip(issues, report.findings, strict=True):
        base = issue["fingerprint"]
        key = f"{finding.code}:{finding.file}:" + _dotted(finding.path)
        seen[key] = seen.get(key, 0) + 1
        assert base == hashlib.sha256(f"{key}:{seen[key]}".encode()).hexdigest()


def _dotted(path: tuple[str | int, ...]) -> str:
    return "".join(
        f"[{p}]" if isinstance(p, int) else (f".{p}" if i else p) for i, p in enumerate(path)
    )


@pytest.mark.parametrize("color", [False, True])
@pytest.mark.parametrize("name", sorted(WRITERS))
def test_pieces_are_the_whole(name: str, color: bool) -> None:
    """Written file after file, each format gives the characters it gives for all the findings
    at once (one piece: here, one result holding them all), colours included."""
    report = _results(_examples())
    options = OutputOptions(color=color, strict=True)
    results = sorted(report.files, key=lambda r: r.file)
    pieces = list(WRITERS[name](results, Tally(report.skipped), options))
    assert len(pieces) > 2
    counts = Tally(report.skipped)
    for result in results:
        counts.add(result)
    whole = FileResult("", report.findings, semantics_checked=True)
    at_once = list(WRITERS[name]([whole], _fixed(counts), options))
    assert "".join(pieces) == "".join(at_once)


def _fixed(counts: Tally) -> Tally:
    """``counts``, that adding a result leaves as they are."""

    class Fixed(Tally):
        __slots__ = ()

        def add(self, result: FileResult) -> None:
            pass

    fixed = Fixed(counts.skipped)
    for name in ("checked", "errors", "warnings", "unchecked", "unreadable"):
        setattr(fixed, name, getattr(counts, name))
    return fixed


@pytest.mark.parametrize("form", ["json", "github", "gitlab", "text", "json-fichier"])
def test_every_format_written_as_it_comes_is_the_whole_report(
    tmp_path: Path, form: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """``stspd validate`` in each format, to standard output or to a file: the same
    characters and exit code as the whole report, for files named in any order, one named
    twice, more than the workers' threshold, standard input between them, a skipped file."""
    folder = tmp_path / "dossier"
    folder.mkdir()
    for source in BAD[:12]:
        shutil.copy(source, folder / source.name)
    (folder / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    stdin = BAD[20].read_bytes()
    named = [folder / BAD[5].name, folder, Path("-"), folder / BAD[0].name, folder / BAD[5].name]
    fmt = form.removesuffix("-fichier")
    out = tmp_path / "validation.json"
    target = ["-o", str(out)] if form.endswith("-fichier") else []
    code, stdout, _err = run(
        capsys, "validate", "--no-cache", "-f", fmt, *target, *map(str, named), stdin=stdin
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
        report = validate_paths(named, date.today())
    expected = FORMATS[fmt](report, OutputOptions())
    assert (out.read_text(encoding="utf-8") if target else stdout) == expected
    assert code == report.exit_code()


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_closed_standard_input_is_said_before_anything_is_written(
    tmp_path: Path, fmt: str
) -> None:
    """Standard input is read before the other files: when it cannot be, nothing is written,
    in every format, however the files sort around « <entrée standard> »."""
    folder = tmp_path / "0-avant"
    folder.mkdir()
    for source in BAD[:12]:
        shutil.copy(source, folder / source.name)
    stspd = shlex.quote(str(Path(sys.executable).parent / "stspd"))
    line = f"{stspd} validate --no-cache -f {fmt} {shlex.quote(str(folder))} - <&-"
    done = subprocess.run(
        ["bash", "-c", line], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "stspd : impossible de lire l'entrée standard : fermée\n"


def test_ctrl_c_stops_the_workers_without_a_trace(tmp_path: Path) -> None:
    """Ctrl+C while the workers wait for files: exit code 130, nothing on the error output
    (the workers leave the interruption to the main process)."""
    folder = tmp_path / "grand"
    folder.mkdir()
    source = INVALID_DIR / "cle-inconnue.yaml"
    for i in range(3000):
        shutil.copy(source, folder / f"s{i:04d}.yaml")
    stspd = str(Path(sys.executable).parent / "stspd")
    with subprocess.Popen(
        [stspd, "validate", "--no-cache", str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    ) as process:
        assert process.stdout is not None
        process.stdout.readline()  # the workers run
        # The pipe fills up, this process waits to write, the workers wait for files.
        time.sleep(1)
        os.killpg(process.pid, signal.SIGINT)
        _out, err = process.communicate(timeout=120)
    assert (process.returncode, err) == (130, b"")


def _pid(item: int) -> tuple[int, int]:
    return item, os.getpid()


def test_lazily_keeps_the_order_and_reads_ahead_a_little() -> None:
    """Results in the order of the items; the first known item done here, before the workers
    are forked; the results already done here (``done``) given at their turn; the items read
    as the workers need them, a bounded number ahead of what is read."""
    read = []

    def items() -> Iterator[int]:
        for i in range(3000):
            read.append(i)
            yield i

    gone = []
    parent = os.getpid()
    done = {i: (i, -1) for i in (999, 1999, 2999)}
    results = workers.lazily(_pid, items(), known=list(range(8)), done=done, jobs=2)
    for i, (item, pid) in enumerate(results):
        assert item == i
        if i in done:
            assert pid == -1
        else:
            assert (pid == parent) == (i == 0)
        gone.append(len(read) - i)
    ahead = 2 * 8 * workers.LAZY_CHUNK + 2 + 2 * workers.AHEAD_PER_WORKER * workers.LAZY_CHUNK
    assert max(gone) <= ahead < 3000


def test_lazily_works_here_below_the_threshold() -> None:
    parent = os.getpid()
    results = list(workers.lazily(_pid, range(5), known=list(range(5)), done={3: (3, -1)}))
    assert results == [(i, -1 if i == 3 else parent) for i in range(5)]


def test_the_workers_leave_the_collector_as_they_found_it() -> None:
    """The objects held when the workers fork are left out of the collections while they run
    (gc.freeze), then given back; a freeze made before them (by a program that holds stspd, as
    these tests do) is kept."""
    gc.unfreeze()
    assert [i for i, _pid in workers.in_order(_pid, range(16), jobs=2)] == list(range(16))
    assert gc.get_freeze_count() == 0
    gc.freeze()
    frozen = gc.get_freeze_count()
    assert frozen > 0
    assert {pid for _i, pid in workers.in_order(_pid, range(16), jobs=2)} != {os.getpid()}
    assert gc.get_freeze_count() >= frozen


def test_the_walk_in_passes_is_the_sorted_walk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder of more names than ``BATCH`` is read in passes: the same names, sorted."""
    folder = _tree(tmp_path / "d")
    for i in range(30):
        (folder / "a" / f"n{i:02d}.yaml").write_text("a: 1\n", encoding="utf-8")
    whole = list(walk.yaml_names(str(folder)))
    monkeypatch.setattr(walk, "BATCH", 3)
    assert list(walk.yaml_names(str(folder))) == whole == sorted(whole)
    listed = sorted(
        str(Path(root, name).relative_to(folder))
        for root, dirs, names in os.walk(folder)
        if not any(part.startswith(".") for part in Path(root).relative_to(folder).parts)
        for name in names
        if name.endswith((".yaml", ".yml"))
        and not name.startswith(".")
        and Path(root, name).is_file()
    )
    assert whole == listed


def test_without_fork_everything_stays_in_this_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Where processes cannot be forked (Windows), the pools are never made: one process."""
    from stspd_cli import workers  # noqa: PLC0415

    monkeypatch.delattr(os, "fork")
    monkeypatch.setattr(workers, "_pool", None)  # any use would fail
    assert workers.cores() == 1
    assert workers.in_order(abs, list(range(-20, 0)), jobs=2) == list(range(20, 0, -1))
    assert list(workers.lazily(abs, iter(range(-20, 0)), known=list(range(-20, -10)), jobs=2)) == [
        *range(20, 0, -1)
    ]
