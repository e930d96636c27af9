"""What an import would do (edits) and why it would not (problems): data, reported once."""

from __future__ import annotations

from dataclasses import dataclass, field

from stspd_cli.dates import PartialDate
from stspd_cli.findings import Path_

# The fields of an action that partners edit in the « Suivi » sheet, in the model's key order.
EDITABLE = ("statut", "avancement", "commentaire")


@dataclass(frozen=True, slots=True)
class Problem:
    """Why an import is refused: where (``Suivi!G4``, or None for the whole table), what, and
    what to do about it."""

    where: str | None
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        return f"{self.where} : {self.message}" if self.where else self.message


@dataclass(frozen=True, slots=True)
class SetField:
    """Set ``statut``, ``avancement`` or ``commentaire`` of an action."""

    action: str
    field: str
    value: str | int
    where: str


@dataclass(frozen=True, slots=True)
class AddMeasure:
    """Add a measure to an indicator (found by its label within the action)."""

    action: str
    indicator: str
    date: PartialDate  # at the precision the partner wrote (a month stays a month)
    value: int | float
    comment: str | None
    where: str


Edit = SetField | AddMeasure


@dataclass(slots=True)
class ImportPlan:
    edits: list[Edit] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def refuse(self, where: str | None, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(where, message, hint))


def edit_path(edit: Edit, places: dict[str, Path_], indicator: int | None) -> Path_:
    """Where an edit lands in the document, to point a validation finding back at its cell;
    ``places`` gives each action's own path (in a plan, or among the transversal actions)."""
    base = places[edit.action]
    if isinstance(edit, SetField):
        return (*base, edit.field)
    return (*base, "indicateurs", indicator or 0, "mesures")
