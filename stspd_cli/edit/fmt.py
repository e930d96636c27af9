"""``stspd fmt``: rewrite strategies in one canonical layout, keeping every value and comment.

The layout is rebuilt from the data stspd reads (not from ruamel's tree) and the comments
anchored by :mod:`stspd_cli.edit.comments`. Then the result is read back: unless it gives the
same data (dates aside, written ``AAAA-MM-JJ``) and the same comments, nothing is written.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stspd_cli.edit.comments import Layout, layout_of
from stspd_cli.edit.emit import emit
from stspd_cli.edit.shape import Shape, document_shape, normalise_dates
from stspd_cli.errors import (
    EXIT_INVALID,
    EXIT_OK,
    FormatError,
    InvalidStrategyError,
    StspdError,
    UnreadableInputError,
)
from stspd_cli.findings import Finding
from stspd_cli.fr import plural
from stspd_cli.load import Loaded, load_source
from stspd_cli.roundtrip import check_source
from stspd_cli.source import Source, decode_source

DIFF_LINES = 40  # per file with --check: enough to see what changes, short in a CI log


@dataclass(slots=True)
class Formatted:
    """One strategy before and after formatting (bytes as on disk)."""

    name: str
    before: bytes
    after: bytes

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def diff(self, limit: int = DIFF_LINES) -> str:
        """A short unified diff of the change, for ``--check``."""
        old = self.before.decode("utf-8-sig").splitlines()
        new = self.after.decode("utf-8-sig").splitlines()
        lines = list(
            difflib.unified_diff(
                old, new, f"{self.name}", f"{self.name} (mis en forme)", n=2, lineterm=""
            )
        )
        if len(lines) > limit:
            more = len(lines) - limit
            lines = [*lines[:limit], f"... ({plural(more, 'ligne')} de plus)"]
        from stspd_cli.terminal import visible  # noqa: PLC0415

        return visible("\n".join(lines) + "\n") if lines else ""


def format_text(text: str, name: str = "<texte>") -> str:
    """The canonical layout of a strategy's text (line ends LF, no BOM). A date field that
    holds no date stops it: written in quotes, the slip would look like a text and go unseen."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    loaded = check_source(Source(file=name, text=text, data=text.encode("utf-8")))
    assert loaded.data is not None
    wrong = invalid_dates(loaded)
    if wrong:
        first = wrong[0]
        more = f" (et {plural(len(wrong) - 1, 'autre date')})" if len(wrong) > 1 else ""
        msg = (
            f"{first.location}: erreur {first.code} {first.message}{more} ; fichier laissé tel quel"
        )
        hint = f"corrigez la date, puis relancez stspd fmt ; « stspd validate {name} » liste tout"
        raise InvalidStrategyError(msg, hint=hint)
    layout = layout_of(text, loaded.data, loaded.positions)
    result = "\n".join(emit(loaded.data, layout, document_shape())) + "\n"
    _verify(name, loaded.data, layout, result)
    return result


def invalid_dates(loaded: Loaded) -> list[Finding]:
    """Each date field whose text is no date fmt can write in ISO form (``31/12/2026``,
    ``2026-31-12``; ``2026-9-3`` is only written ``2026-09-03``), as validate reports it (M005,
    with the form to write)."""
    from stspd_cli.checks.structure import DATE_FORMS  # noqa: PLC0415
    from stspd_cli.dates import DateError, PartialDate  # noqa: PLC0415
    from stspd_cli.edit.scalars import iso_date  # noqa: PLC0415
    from stspd_cli.rules import make_finding  # noqa: PLC0415

    found: list[Finding] = []

    def walk(value: Any, shape: Shape, path: tuple[str | int, ...]) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if shape.is_date(key) and isinstance(item, str) and iso_date(item) is None:
                    try:
                        PartialDate.parse(item)
                    except DateError as error:
                        line, column = loaded.at((*path, key))
                        found.append(
                            make_finding(
                                "M005",
                                loaded.file,
                                line,
                                column,
                                (*path, key),
                                champ=key,
                                detail=str(error),
                                conseil=error.hint or DATE_FORMS,
                            )
                        )
                else:
                    walk(item, shape.child(key), (*path, key))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, shape, (*path, i))

    walk(loaded.data, document_shape(), ())
    return found


def _verify(name: str, data: dict[str, Any], layout: Layout, result: str) -> None:
    """Refuse (file untouched) unless the result reads back to the same data and comments."""
    expected = normalise_dates(data, document_shape())
    back = load_source(Source(file=name, text=result, data=result.encode("utf-8")))
    problem = None
    if back.findings or back.data is None:
        problem = "le résultat ne se relit pas"
    elif not same_data(back.data, expected):
        problem = "les données relues diffèrent"
    elif sorted(layout_of(result, back.data, back.positions).comments()) != sorted(
        layout.comments()
    ):
        problem = "un commentaire aurait été perdu"
    if problem:
        msg = f"{name} : mise en forme refusée, {problem} ; fichier laissé tel quel"
        raise FormatError(msg, hint="signalez-le aux mainteneurs de stspd avec ce fichier.")


def same_data(left: Any, right: Any) -> bool:
    """Equal data, types included (``1`` is not ``1.0`` nor ``true``; NaN equals NaN)."""
    if type(left) is not type(right):
        return False
    if isinstance(left, dict):
        return left.keys() == right.keys() and all(same_data(left[k], right[k]) for k in left)
    if isinstance(left, list):
        return len(left) == len(right) and all(map(same_data, left, right))
    if isinstance(left, float):
        return repr(left) == repr(right)
    return bool(left == right)


def format_bytes(data: bytes, name: str) -> bytes:
    """The canonical layout of a file's bytes, keeping its line endings and BOM."""
    from stspd_cli.findings import Finding  # noqa: PLC0415
    from stspd_cli.roundtrip import encode_like  # noqa: PLC0415

    source = decode_source(data, name)
    if isinstance(source, Finding):
        raise UnreadableInputError(f"{source.location}: {source.code} {source.message}")
    return encode_like(format_text(source.text, name), data)


def format_file(path: Path, name: str | None = None) -> Formatted:
    """One file formatted. Bytes that stspd found in form before (the same bytes, name and
    version of stspd: :func:`stspd_cli.cache.in_form`) are not read again."""
    from stspd_cli import cache  # noqa: PLC0415
    from stspd_cli.roundtrip import checked  # noqa: PLC0415
    from stspd_cli.source import read_source  # noqa: PLC0415

    read = read_source(path, name or str(path))
    entry = None
    if not isinstance(read, Finding):
        entry, known = cache.in_form(read.data, read.file)
        if known:
            return Formatted(read.file, read.data, read.data)
    source, _ = checked(read)
    result = Formatted(source.file, source.data, format_bytes(source.data, source.file))
    if entry is not None and not result.changed:
        cache.store_in_form(entry)
    return result


@dataclass(slots=True)
class FmtReport:
    results: list[Formatted] = field(default_factory=list)
    failures: list[StspdError] = field(default_factory=list)
    # The summary line about YAML files that are not strategies (never rewritten).
    skipped: str | None = None

    @property
    def changed(self) -> list[Formatted]:
        return [r for r in self.results if r.changed]

    def summary(self, *, check: bool) -> list[str]:
        """What happened, one French line per changed file and a total (for standard error)."""

        changed = self.changed
        verb = "n'est pas en forme" if check else "mis en forme"
        lines = [f"{r.name} {verb}" for r in changed]
        kept = plural(
            len(self.results) - len(changed), "fichier déjà en forme", "fichiers déjà en forme"
        )
        if check and changed:
            count = plural(len(changed), "fichier à mettre en forme", "fichiers à mettre en forme")
            lines.append(f"{count}, {kept} ; lancez « stspd fmt » pour les réécrire")
        elif changed:
            count = plural(len(changed), "fichier mis en forme", "fichiers mis en forme")
            lines.append(f"{count}, {kept}")
        elif self.results:
            lines.append(kept)
        if self.skipped:
            lines.append(self.skipped)
        return lines

    def exit_code(self, *, check: bool) -> int:
        if self.failures:
            return max(e.exit_code for e in self.failures)
        return EXIT_INVALID if check and self.changed else EXIT_OK


def fmt_paths(paths: Iterable[Path] | None, *, check: bool) -> FmtReport:
    """Format every strategy under ``paths`` (strategies/ when empty); write the changed ones
    unless ``check``. Other YAML files met in folders are skipped, never rewritten.

    A file that cannot be formatted is reported and left untouched; the others go on.
    """
    from stspd_cli.discovery import select  # noqa: PLC0415
    from stspd_cli.roundtrip import replace_file  # noqa: PLC0415

    selection = select(list(paths or []))
    report = FmtReport(skipped=selection.skipped_line())
    for path, result in zip(selection.files, _format_all(selection.files), strict=True):
        try:
            if isinstance(result, StspdError):
                raise result
            if result.changed and not check:
                # Through a symbolic link, the file it points to is rewritten, not the link.
                replace_file(path.resolve(), result.before, result.after)
        except StspdError as error:
            report.failures.append(error)
            continue
        report.results.append(result)
    return report


# Below this many files, starting worker processes costs more than it saves.
PARALLEL_FROM = 8


def _format_all(files: list[Path]) -> list[Formatted | StspdError]:
    """Each file formatted (or the error that stopped it), in order: in worker processes, one
    per available core, from PARALLEL_FROM files on. Files are written by the caller, one
    after the other."""
    from stspd_cli.workers import in_order  # noqa: PLC0415

    return in_order(_format_one, files, at_least=PARALLEL_FROM, preload=_preload)


def _preload() -> None:
    """What every file needs, imported once before the workers fork."""
    from stspd_cli import cache, inputs, roundtrip  # noqa: F401, PLC0415
    from stspd_cli.edit import comments, emit, shape  # noqa: F401, PLC0415


def _format_one(path: Path) -> Formatted | StspdError:
    from stspd_cli.inputs import display_name  # noqa: PLC0415

    try:
        return format_file(path, display_name(path))
    except StspdError as error:
        return error
