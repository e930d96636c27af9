"""Semantic rules, one function per concern, listed in one registry.

Each check receives a :class:`CheckContext` and reports findings by rule code; the codes, severities
and French messages live in ``data/regles.yaml``. A check declares the codes it may report, so the
documentation test can tell that every rule is both implemented and documented.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from stspd_cli.checks.pruned import Pruned
from stspd_cli.findings import Finding, Path_
from stspd_cli.labels import ActionNames
from stspd_cli.load import Loaded
from stspd_cli.rules import make_finding

if TYPE_CHECKING:
    # The rules read the pydantic model or its plain records alike (stspd_cli.model.plain):
    # nothing here imports pydantic.
    from stspd_cli.model import Document


@dataclass(slots=True)
class CheckContext:
    loaded: Loaded
    doc: Document
    today: date
    findings: list[Finding] = field(default_factory=list)
    # What was pruned to build ``doc`` from a file with structure errors (checks.prune).
    pruned: Pruned = field(default_factory=Pruned)

    def report(self, code: str, path: Path_, *, key: bool = False, **params: object) -> None:
        """A finding at ``path`` of the model, placed in the file; none inside a part that was
        pruned or replaced (its structure finding says what is wrong there)."""
        where = self.pruned.original(path)
        if self.pruned.covers(where):
            return
        line, column = self.loaded.at(where, key=key)
        self.findings.append(make_finding(code, self.loaded.file, line, column, where, **params))

    def line_of(self, path: Path_) -> int:
        return self.loaded.at(self.pruned.original(path))[0]

    def lost(self, container: Path_, field: str | None = None) -> bool:
        """An item of the list at ``container`` was pruned (or, with ``field``, that field of
        one of its items): a rule that counts the list's items or their numbers skips it."""
        return self.pruned.lost(self.pruned.original(container), field)

    def pruned_ids(self, kind: str) -> set[str]:
        """Ids of items of that kind dropped from the model: references to them are not
        reported (the item's own finding is)."""
        return self.pruned.ids.get(kind, set())

    @property
    def names(self) -> ActionNames:
        """How messages name actions and levels (the document's ``libelles``)."""
        return ActionNames(self.doc)


CheckFn = Callable[[CheckContext], None]


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    codes: tuple[str, ...]
    run: CheckFn


REGISTRY: list[Check] = []


def check(*codes: str) -> Callable[[CheckFn], CheckFn]:
    """Register a semantic check that may report ``codes``."""

    def register(fn: CheckFn) -> CheckFn:
        REGISTRY.append(Check(fn.__name__, codes, fn))
        return fn

    return register


def all_checks() -> list[Check]:
    # Importing the modules fills the registry, in a fixed order.
    from stspd_cli.checks import (  # noqa: PLC0415, F401
        actions,
        completion,
        dates,
        identity,
        indicators,
        privacy,
        references,
        wording,
    )

    return REGISTRY


def run_checks(
    loaded: Loaded, doc: Document, today: date, pruned: Pruned | None = None
) -> list[Finding]:
    ctx = CheckContext(loaded=loaded, doc=doc, today=today, pruned=pruned or Pruned())
    for item in all_checks():
        item.run(ctx)
    return ctx.findings
