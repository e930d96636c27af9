"""``stspd import``: read a filled-in table back into the strategy, all or nothing.

1. the strategy must be valid, and ruamel must write it back byte for byte (else its layout
   could not be kept);
2. the table is read and every cell checked (:mod:`merge`): any problem refuses the import;
3. the edits are made on the round-trip tree (:mod:`apply`) and the new text is checked: read
   back with ruamel, every written value must be the cell's value; with stspd's own pipeline, it
   must load, validate without error, and differ from the old one by exactly the intended
   changes;
4. only then, with ``--apply``, the file is replaced atomically.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from stspd_cli.diff.engine import Change, diff_documents
from stspd_cli.diff.present import Presentation, present
from stspd_cli.errors import InvalidStrategyError, UsageError
from stspd_cli.findings import Finding, Path_, Severity
from stspd_cli.fr import plural
from stspd_cli.inputs import display_name
from stspd_cli.load import load_bytes
from stspd_cli.model import Document
from stspd_cli.spreadsheet.changes import AddMeasure, Edit, ImportPlan, Problem, edit_path
from stspd_cli.strategy_io import model_from_loaded
from stspd_cli.validate import check_loaded

TABLE_SUFFIXES = (".xlsx", ".csv", ".xlsm", ".ods", ".xls")


@dataclass(slots=True)
class ImportOutcome:
    """What happened: the changes (told as ``stspd diff`` tells them) or the problems."""

    strategy: str
    table: str
    applied: bool
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    presentation: Presentation | None = None
    written: bool = False

    @property
    def exit_code(self) -> int:
        return 1 if self.problems else 0


def import_table(strategy: Path, table: Path, *, apply: bool, today: date) -> ImportOutcome:
    from stspd_cli.roundtrip import dump_rt, read_checked, round_trip, save_rt  # noqa: PLC0415
    from stspd_cli.spreadsheet.identity import file_fingerprint  # noqa: PLC0415
    from stspd_cli.spreadsheet.merge import plan_import  # noqa: PLC0415
    from stspd_cli.spreadsheet.read import read_table  # noqa: PLC0415

    if strategy.suffix.lower() in TABLE_SUFFIXES and table.suffix.lower() in {".yaml", ".yml"}:
        msg = "arguments inversés : donnez d'abord la stratégie (.yaml), puis le tableau"
        raise UsageError(msg, hint=f"stspd import {table} {strategy}")
    name = display_name(strategy)
    outcome = ImportOutcome(strategy=name, table=str(table), applied=apply)
    source, _ = read_checked(strategy)
    old_doc, old_findings = _valid_model(source.data, name, today)
    raw = read_table(table)
    plan = plan_import(
        raw, old_doc, source=strategy.name, fingerprint=file_fingerprint(source.data), today=today
    )
    outcome.notes = plan.notes
    if plan.problems:
        outcome.problems = plan.problems
        return outcome
    if not plan.edits:
        return outcome
    # Only now, with edits to make: the tree that keeps comments, of the bytes read above.
    document = round_trip(source, strategy)
    if dump_rt(document) != document.original:
        outcome.problems.append(
            Problem(
                None,
                f"{name} : sa mise en page (indentation, guillemets) ne peut pas être conservée "
                "à l'identique par la réécriture",
                hint="remettez-la en forme avec « stspd fmt » (indentation de 2 espaces, listes "
                "décalées de 2), enregistrez, puis relancez l'import",
            )
        )
        return outcome
    from stspd_cli.spreadsheet.apply import apply_edits, read_back  # noqa: PLC0415

    apply_edits(document.tree, plan.edits)
    new_bytes = dump_rt(document)
    outcome.problems = read_back(new_bytes, plan.edits)
    if outcome.problems:
        return outcome
    checked = _verify(new_bytes, name, today, (old_doc, old_findings), plan)
    outcome.problems = checked.problems
    outcome.warnings = checked.warnings
    if outcome.problems or checked.doc is None:
        return outcome
    outcome.changes = checked.changes
    outcome.presentation = present(checked.changes, old_doc, checked.doc, name, str(table))
    if apply:
        outcome.written = save_rt(document, new_bytes)
    return outcome


@dataclass(slots=True)
class _Checked:
    doc: Document | None = None
    findings: list[Finding] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _valid_model(data: bytes, name: str, today: date) -> tuple[Document, list[Finding]]:
    loaded = load_bytes(data, name)
    result = check_loaded(loaded, today)
    errors = [f for f in result.findings if f.severity is Severity.ERROR]
    if errors:
        first = sorted(errors)[0]
        more = f" (et {plural(len(errors) - 1, 'autre')})" if len(errors) > 1 else ""
        raise InvalidStrategyError(
            f"{first.location}: {first.code} {first.message}{more} : la stratégie doit être "
            "valide avant l'import",
            hint=f"stspd validate {name} liste les erreurs à corriger d'abord",
        )
    return model_from_loaded(loaded), result.findings


def _places(doc: Document) -> dict[str, Path_]:
    return {ref.action.id: ref.path for ref in doc.iter_actions()}


def _indicator_index(doc: Document, edit: Edit) -> int | None:
    if not isinstance(edit, AddMeasure):
        return None
    for ref in doc.iter_actions():
        if ref.action.id == edit.action:
            for i, indicator in enumerate(ref.action.indicateurs):
                if indicator.libelle == edit.indicator:
                    return i
    return None


def _where(finding: Finding, doc: Document, plan: ImportPlan) -> str:
    """The table cell a finding comes from: the edited value it lies under, else an edited cell
    of the same action (« réalisée » makes the progress inconsistent), else its place in the file.
    """
    places = _places(doc)
    paths = [(edit_path(edit, places, _indicator_index(doc, edit)), edit) for edit in plan.edits]
    for path, edit in paths:
        if finding.path[: len(path)] == path:
            return edit.where
    for _path, edit in paths:
        base = places[edit.action]
        if finding.path[: len(base)] == base:  # the same action
            return edit.where
    return finding.location


def _expected(plan: ImportPlan) -> set[tuple[str, str, str | None, str | None]]:
    expected: set[tuple[str, str, str | None, str | None]] = set()
    for edit in plan.edits:
        if isinstance(edit, AddMeasure):
            ident = f"{edit.action}/{edit.indicator}/{edit.date.isoformat()}"
            expected.add(("added", "mesure", ident, None))
        else:
            expected.add(("modified", "action", edit.action, edit.field))
    return expected


def _verify(
    new_bytes: bytes,
    name: str,
    today: date,
    old: tuple[Document, list[Finding]],
    plan: ImportPlan,
) -> _Checked:
    old_doc, old_findings = old
    loaded = load_bytes(new_bytes, name)
    result = check_loaded(loaded, today)
    checked = _Checked(findings=result.findings)
    known = {(f.code, f.path, f.message) for f in old_findings}
    for finding in sorted(result.findings):
        where = _where(finding, old_doc, plan)
        if finding.severity is Severity.ERROR:
            checked.problems.append(
                Problem(
                    where,
                    f"{finding.code} {finding.message} : le résultat ne serait pas valide",
                    hint="corrigez la cellule ou la stratégie, puis relancez",
                )
            )
        elif (finding.code, finding.path, finding.message) not in known:
            checked.warnings.append(f"{where} : {finding.code} {finding.message}")
    if checked.problems:
        return checked
    checked.doc = model_from_loaded(loaded)
    checked.changes = diff_documents(old_doc, checked.doc)
    actual = {(c.kind, c.entity, c.id, c.field) for c in checked.changes}
    if actual != _expected(plan):
        # A bug of stspd, not of the table: stop before anything is written.
        msg = f"import : modifications inattendues {sorted(map(str, actual ^ _expected(plan)))}"
        raise RuntimeError(msg)
    return checked
