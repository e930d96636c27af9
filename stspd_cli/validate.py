"""The validation pipeline: load -> model -> checks, for each file; findings reported once."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from stspd_cli.discovery import STDIN
from stspd_cli.errors import EXIT_INVALID, EXIT_OK, EXIT_USAGE
from stspd_cli.findings import Finding, Severity
from stspd_cli.inputs import display_name

if TYPE_CHECKING:
    from stspd_cli.discovery import Stream
    from stspd_cli.load import Loaded


class FileResult:
    """The findings of one file. (Plain classes here: every run defines them, and the
    dataclasses module costs the cached validation 6 ms.)"""

    __slots__ = ("file", "findings", "semantics_checked")

    def __init__(self, file: str, findings: list[Finding], semantics_checked: bool) -> None:
        self.file = file
        self.findings = findings
        # False when the file could not be read into a model at all (syntax, schema): the
        # semantic rules did not run. With structure errors they run on what can be read
        # (checks.prune).
        self.semantics_checked = semantics_checked

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FileResult) and (
            (self.file, self.findings, self.semantics_checked)
            == (other.file, other.findings, other.semantics_checked)
        )

    __hash__ = None  # type: ignore[assignment]  # mutable, as the dataclass was

    def __repr__(self) -> str:
        return (
            f"FileResult(file={self.file!r}, findings={self.findings!r}, "
            f"semantics_checked={self.semantics_checked!r})"
        )

    @property
    def errors(self) -> int:
        return sum(f.severity is Severity.ERROR for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity is Severity.WARNING for f in self.findings)

    @property
    def unreadable(self) -> bool:
        return any(f.unreadable for f in self.findings)


class ValidationReport:
    __slots__ = ("files", "skipped")

    def __init__(
        self, files: list[FileResult] | None = None, skipped: list[str] | None = None
    ) -> None:
        self.files: list[FileResult] = [] if files is None else files
        # YAML files met in folders that are not strategies: skipped, counted in the summary.
        self.skipped: list[str] = [] if skipped is None else skipped

    @property
    def findings(self) -> list[Finding]:
        return sorted(f for result in self.files for f in result.findings)

    @property
    def checked(self) -> int:
        return len(self.files)

    @property
    def unchecked(self) -> int:
        """Files whose semantic rules did not run (nothing could be read as a strategy)."""
        return sum(not r.semantics_checked for r in self.files)

    @property
    def errors(self) -> int:
        return sum(r.errors for r in self.files)

    @property
    def warnings(self) -> int:
        return sum(r.warnings for r in self.files)

    def exit_code(self, *, strict: bool = False) -> int:
        if any(r.unreadable for r in self.files):
            return EXIT_USAGE
        if self.errors or (strict and self.warnings):
            return EXIT_INVALID
        return EXIT_OK


def check_loaded(loaded: Loaded, today: date) -> FileResult:
    """Model and semantic stages for one loaded file; at most MAX_FINDINGS findings each (the
    reading and model stages keep to it themselves, counting what they leave out).

    A file the compiled model accepts is read into plain records, without pydantic
    (:mod:`stspd_cli.model.plain`); any other goes to pydantic, whose errors are the findings."""
    from stspd_cli.checks import run_checks  # noqa: PLC0415
    from stspd_cli.load import capped  # noqa: PLC0415
    from stspd_cli.model.plain import read_plain  # noqa: PLC0415

    if loaded.data is None:
        return FileResult(loaded.file, loaded.findings, semantics_checked=False)
    model = read_plain(loaded.data)
    structure: list[Finding] = []
    pruned = None
    if model is None:
        from stspd_cli.checks.structure import build_model  # noqa: PLC0415  (pydantic)

        built = build_model(loaded)
        if built.model is None:
            return FileResult(loaded.file, built.findings, semantics_checked=False)
        model, structure, pruned = built.model, built.findings, built.pruned
    semantic = run_checks(loaded, model, today, pruned)
    findings = capped(sorted({*structure, *semantic}), loaded.file)
    return FileResult(loaded.file, findings, semantics_checked=True)


def cached_result(path: Path, today: date) -> FileResult | None:
    """The stored result for these exact bytes, name and reference date, if there is one."""
    from stspd_cli import cache  # noqa: PLC0415
    from stspd_cli.source import read_source  # noqa: PLC0415

    if path == STDIN:  # read once, by validate_file
        return None
    name = display_name(path)
    source = read_source(path, name)
    if isinstance(source, Finding):
        return None
    hit = cache.load(cache.key(source.data, name, today.isoformat()))
    return None if hit is None else FileResult(name, hit[0], semantics_checked=hit[1])


def validate_file(
    path: Path | str, today: date, *, use_cache: bool = False, name: str | None = None
) -> FileResult:
    """Validate one file; with ``use_cache``, reuse the result of identical bytes and options.
    ``name``: its displayed name, when known (a file found in a folder comes as text, with
    its name, :class:`stspd_cli.discovery.Stream`)."""
    from stspd_cli import cache  # noqa: PLC0415
    from stspd_cli.inputs import read_input  # noqa: PLC0415

    name = name or display_name(Path(path))
    source = read_input(path, name)
    if isinstance(source, Finding):
        return FileResult(name, [source], semantics_checked=False)
    entry = cache.key(source.data, name, today.isoformat()) if use_cache else ""
    if entry:
        hit = cache.load(entry)
        if hit is not None:
            return FileResult(name, hit[0], semantics_checked=hit[1])
    # The YAML parser only for a file the cache does not know (11 ms of imports).
    from stspd_cli.load import load_source  # noqa: PLC0415

    result = check_loaded(load_source(source), today)
    if entry:
        cache.store(entry, result.findings, result.semantics_checked)
    return result


# Below this many files to check, starting worker processes costs more than it saves.
PARALLEL_FROM = 8


# What a worker is given for one file: its path, its displayed name if known, the date, whether
# the cache is used.
Work = tuple[Path | str, str | None, date, bool]


def _validate_one(args: Work) -> FileResult:
    path, name, today, use_cache = args
    return validate_file(path, today, use_cache=use_cache, name=name)


def validate_paths(
    paths: Iterable[Path] | None, today: date, *, use_cache: bool = False, jobs: int | None = None
) -> ValidationReport:
    """Validate files and folders, in parallel on the available cores; results in input order.

    With the cache, stored results are looked up first, in this process (a hash and one small
    file each); only the files that changed go to the worker processes."""
    from stspd_cli.discovery import select  # noqa: PLC0415
    from stspd_cli.workers import in_order  # noqa: PLC0415

    selection = select(list(paths or []), stdin=True)
    files = selection.files
    results: list[FileResult | None] = (
        [cached_result(path, today) for path in files] if use_cache else [None] * len(files)
    )
    todo = [i for i, result in enumerate(results) if result is None and files[i] != STDIN]
    work: list[Work] = [(files[i], None, today, use_cache) for i in todo]
    checked = []
    if len(work) >= PARALLEL_FROM:
        # The first file is checked here: what it imports and reads (the parser, the rules
        # and their data files, pydantic for a file that does not fit) is then inherited by
        # the workers, instead of being done again by each (docs/performance.md).
        checked.append(_validate_one(work[0]))
        work = work[1:]
    checked += in_order(_validate_one, work, at_least=PARALLEL_FROM - 1, jobs=jobs)
    for i, result in zip(todo, checked, strict=True):
        results[i] = result
    if STDIN in files:  # standard input is read here, in this process, once
        results[files.index(STDIN)] = validate_file(STDIN, today, use_cache=use_cache)
    report = ValidationReport(skipped=[display_name(p) for p in selection.skipped])
    report.files.extend(r for r in results if r is not None)
    return report


class Tally:
    """The counts of a validation whose results are written as they come
    (:func:`iter_results`): what the summary and the exit code need, nothing per finding."""

    __slots__ = ("checked", "errors", "skipped", "unchecked", "unreadable", "warnings")

    def __init__(self, skipped: list[str]) -> None:
        self.checked = self.errors = self.warnings = self.unchecked = 0
        self.unreadable = False
        self.skipped = skipped

    def add(self, result: FileResult) -> None:
        self.checked += 1
        self.errors += result.errors
        self.warnings += result.warnings
        self.unchecked += not result.semantics_checked
        self.unreadable = self.unreadable or result.unreadable

    def exit_code(self, *, strict: bool = False) -> int:
        if self.unreadable:
            return EXIT_USAGE
        if self.errors or (strict and self.warnings):
            return EXIT_INVALID
        return EXIT_OK


def iter_results(
    selection: Stream, today: date, *, use_cache: bool = False, jobs: int | None = None
) -> Iterator[FileResult]:
    """The result of each file of ``selection``, in its order, one at a time as the caller
    reads them: the files are found as the workers need more, and no result is kept here
    (:func:`stspd_cli.workers.lazily`). The workers look the cache up themselves. Usage errors
    come first, then standard input is read, in this process, before any other file: what
    goes wrong with either is said before anything is written."""
    from stspd_cli.inputs import STDIN_NAME  # noqa: PLC0415
    from stspd_cli.workers import cores, lazily  # noqa: PLC0415

    known = selection.sample(max(PARALLEL_FROM, cores() + 1))
    done: dict[Work, FileResult] = {}
    if selection.reads_stdin:
        stdin: Work = (STDIN, STDIN_NAME, today, use_cache)
        done[stdin] = _validate_one(stdin)
    return lazily(
        _validate_one,
        ((path, name, today, use_cache) for path, name in selection.files()),
        known=[(path, name, today, use_cache) for path, name in known],
        done=done,
        at_least=PARALLEL_FROM,
        jobs=jobs,
    )
