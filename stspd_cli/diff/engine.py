"""The diff engine: compare two models entity by entity.

- Listed items are matched by their identity or their natural key (:mod:`stspd_cli.diff.keys`):
  actions, plans, actors by id; funding lines by source and year, indicators by label, measures
  by date, contacts by name, signatories by actor... A changed amount is one modification.
- Actions are matched across plans (and outside them): a change of plan is ``moved``, of number
  ``renumbered``; a renumbering that only follows from an action leaving or joining the same
  numbering (moved, removed, added) names that action as its ``cause``.
- Lists of plain values (partners, axes, communes...) are sets: re-ordering them is not a change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from pydantic import BaseModel

from stspd_cli.dates import PartialDate
from stspd_cli.diff.keys import NESTED, entity_of, is_keyed, key_of, key_text, label_of, paired
from stspd_cli.labels import ActionNames
from stspd_cli.model import Action, Document
from stspd_cli.model.strategy import Plan


@dataclass(frozen=True, slots=True)
class Change:
    """One change. ``path`` locates it in the new document (in the old one for a removal)."""

    kind: str  # added | removed | modified | moved | renumbered
    entity: str
    id: str | None
    field: str | None
    old: Any
    new: Any
    path: str
    plan: str | None = None  # id of the plan it belongs to, for grouping
    label: str = ""  # how a councillor names the entity: « Action n°3 « ... » »
    cause: str | None = None  # a renumbering's cause: the id of the action that moved

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "entity": self.entity,
            "id": self.id,
            "field": self.field,
            "old": self.old,
            "new": self.new,
            "path": self.path,
            "plan": self.plan,
            "label": self.label,
            "cause": self.cause,
        }


def jsonable(value: Any) -> Any:
    """Values as JSON can hold them: dates as ISO text, models as mappings, floats tidy."""
    if isinstance(value, BaseModel):
        return _tidy(value.model_dump(mode="json", by_alias=True, exclude_defaults=True))
    if isinstance(value, date | PartialDate):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def _tidy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _tidy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_tidy(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def action_label(names: ActionNames, action: Action, plan: Plan | None) -> str:
    """``Action n°1.2 « Titre »``, ``Action « Titre »`` when unnumbered: the note's subject."""
    named = names.named(action, plan)
    return named[:1].upper() + named[1:]


class _Differ:
    def __init__(self) -> None:
        self.changes: list[Change] = []

    def emit(self, **fields: Any) -> None:
        fields["old"] = jsonable(fields.get("old"))
        fields["new"] = jsonable(fields.get("new"))
        self.changes.append(Change(**fields))

    def model(
        self,
        old: BaseModel | None,
        new: BaseModel | None,
        *,
        entity: str,
        ident: str | None,
        path: str,
        plan: str | None,
        label: str,
        prefix: str = "",
        skip: frozenset[str] = frozenset(),
    ) -> None:
        """Compare two versions of one entity (either side may be None for nested sections)."""
        sample_model = new if new is not None else old
        if sample_model is None or old == new:
            return
        cls = type(sample_model)
        for name in cls.model_fields:
            if name in skip:
                continue
            before = getattr(old, name) if old is not None else None
            after = getattr(new, name) if new is not None else None
            if before == after:
                continue
            field = f"{prefix}{cls.model_fields[name].alias or name}"
            where = f"{path}.{name}" if path else name
            common = {"entity": entity, "id": ident, "plan": plan, "label": label}
            sample = after if after is not None else before
            if isinstance(sample, BaseModel):
                if is_keyed(sample):
                    continue  # single keyed items do not occur outside lists
                self.model(
                    before,
                    after,
                    entity=entity,
                    ident=ident,
                    path=where,
                    plan=plan,
                    label=label,
                    prefix=f"{field}.",
                )
            elif isinstance(sample, list):
                self.listed(before or [], after or [], field=field, where=where, common=common)
            else:
                self.emit(kind="modified", field=field, old=before, new=after, path=where, **common)

    def listed(
        self, before: list[Any], after: list[Any], *, field: str, where: str, common: dict[str, Any]
    ) -> None:
        if not before and not after:  # an absent section next to an empty list
            return
        sample = (after or before)[0]
        if isinstance(sample, BaseModel):
            self.keyed(before, after, where=where, plan=common["plan"], owner=common)
        elif sorted(map(str, before)) != sorted(map(str, after)):
            self.emit(
                kind="modified",
                field=field,
                old=sorted(before, key=str),
                new=sorted(after, key=str),
                path=where,
                **common,
            )

    def keyed(
        self,
        before: Sequence[BaseModel],
        after: Sequence[BaseModel],
        *,
        where: str,
        plan: str | None,
        owner: dict[str, Any] | None = None,
    ) -> None:
        old_by, new_by = paired(before, after)
        for key, (i, item) in old_by.items():
            if key not in new_by:
                self._presence("removed", item, f"{where}[{i}]", plan, owner)
        for key, (i, item) in new_by.items():
            if key not in old_by:
                self._presence("added", item, f"{where}[{i}]", plan, owner)
                continue
            previous = old_by[key][1]
            if previous != item:
                entity, ident, label = _named(item, owner)
                self.model(
                    previous,
                    item,
                    entity=entity,
                    ident=ident,
                    path=f"{where}[{i}]",
                    plan=plan,
                    label=label,
                )

    def _presence(
        self, kind: str, item: BaseModel, path: str, plan: str | None, owner: dict[str, Any] | None
    ) -> None:
        entity, ident, label = _named(item, owner)
        value = item
        if isinstance(item, Plan):
            value = item.model_copy(update={"actions": []})
        self.emit(
            kind=kind,
            entity=entity,
            id=ident,
            field=None,
            old=value if kind == "removed" else None,
            new=value if kind == "added" else None,
            path=path,
            plan=plan,
            label=label,
        )


def _named(item: BaseModel, owner: dict[str, Any] | None) -> tuple[str, str | None, str]:
    """(entity, id, label) of a listed item; an item told under its owner (an action's funding
    line) is named « owner — item », its id « owner/key »."""
    entity = entity_of(item)
    ident = key_text(key_of(item)) or None
    label = label_of(item)
    if owner and owner.get("id") is not None and entity in NESTED:
        label = f"{owner['label']} — {label}"
        ident = f"{owner['id']}/{ident or ''}"
    return entity, ident, label


def _actions(doc: Document) -> dict[str, tuple[str, Plan | None, Action]]:
    return {ref.action.id: (ref.dotted, ref.plan, ref.action) for ref in doc.iter_actions()}


def diff_documents(old: Document, new: Document) -> list[Change]:
    """Every change from ``old`` to ``new``, in the new document's order."""
    differ = _Differ()
    for section in ("territoire", "strategie", "cadre", "principes", "sections", "gouvernance"):
        differ.model(
            getattr(old, section),
            getattr(new, section),
            entity=section,
            ident=None,
            path=section,
            plan=None,
            label=section,
        )
    differ.keyed(old.objectifs, new.objectifs, where="objectifs", plan=None)
    differ.keyed(
        [p.model_copy(update={"actions": []}) for p in old.plans],
        [p.model_copy(update={"actions": []}) for p in new.plans],
        where="plans",
        plan=None,
    )
    _diff_actions(differ, old, new)
    differ.keyed(old.acteurs, new.acteurs, where="acteurs", plan=None)
    differ.keyed(old.propositions, new.propositions, where="propositions", plan=None)
    differ.keyed(old.chapitres, new.chapitres, where="chapitres", plan=None)
    differ.model(
        old,
        new,
        entity="document",
        ident=None,
        path="",
        plan=None,
        label="document",
        skip=frozenset(Document.model_fields) - {"notes"},
    )
    return _with_causes(differ.changes, old, new)


def _plan_id(plan: Plan | None) -> str | None:
    return plan.id if plan is not None else None


def _diff_actions(differ: _Differ, old: Document, new: Document) -> None:
    before = _actions(old)
    after = _actions(new)
    old_names, new_names = ActionNames(old), ActionNames(new)
    for ident, (path, plan, action) in before.items():
        if ident not in after:
            differ.emit(
                kind="removed",
                entity="action",
                id=ident,
                field=None,
                old=action,
                new=None,
                path=path,
                plan=_plan_id(plan),
                label=action_label(old_names, action, plan),
            )
    for ident, (path, plan, action) in after.items():
        label = action_label(new_names, action, plan)
        common = {"entity": "action", "id": ident, "plan": _plan_id(plan), "label": label}
        if ident not in before:
            differ.emit(kind="added", field=None, old=None, new=action, path=path, **common)
            continue
        _old_path, old_plan, previous = before[ident]
        if _plan_id(old_plan) != _plan_id(plan):
            differ.emit(
                kind="moved",
                field="plan",
                old=_plan_id(old_plan),
                new=_plan_id(plan),
                path=path,
                **common,
            )
        if previous.numero != action.numero:
            differ.emit(
                kind="renumbered",
                field="numero",
                old=previous.numero,
                new=action.numero,
                path=f"{path}.numero",
                **common,
            )
        if previous != action:
            differ.model(
                previous,
                action,
                entity="action",
                ident=ident,
                path=path,
                plan=_plan_id(plan),
                label=label,
                skip=frozenset({"numero"}),
            )


def _scope(doc: Document, plan: Plan | None) -> str | None:
    """The numbering an action's number belongs to: its plan's, or the whole document's."""
    if doc.strategie.numerotation == "par_plan":
        return f"plan:{_plan_id(plan)}"
    return "document" if doc.strategie.numerotation == "globale" else None


Mover = tuple[str, str | None, int]  # (action id, numbering scope, number)


def _movers(first: Document, second: Document) -> list[Mover]:
    """The numbered actions of ``first`` that are not in the same numbering in ``second``."""
    others = {r.action.id: r for r in second.iter_actions()}
    found = []
    for ref in first.iter_actions():
        scope = _scope(first, ref.plan)
        other = others.get(ref.action.id)
        if ref.action.numero is not None and (other is None or _scope(second, other.plan) != scope):
            found.append((ref.action.id, scope, ref.action.numero))
    return found


def _with_causes(changes: list[Change], old: Document, new: Document) -> list[Change]:
    """Renumberings that only follow from an action moving (or being removed, or added) in the
    same numbering: each names that action as its cause, so that the note tells them together.
    A number that went down by one because one action before it left is such a renumbering."""
    before = {r.action.id: r for r in old.iter_actions()}
    after = {r.action.id: r for r in new.iter_actions()}
    leavers, joiners = _movers(old, new), _movers(new, old)
    moved = {c.id for c in changes if c.kind == "moved"}
    result = []
    for change in changes:
        cause = None
        old_number, new_number = change.old, change.new
        if (
            change.kind == "renumbered"
            and isinstance(old_number, int)
            and isinstance(new_number, int)
        ):
            assert change.id is not None
            scope = _scope(new, after[change.id].plan)
            if scope is not None and scope == _scope(old, before[change.id].plan):
                left = [m[0] for m in leavers if m[1] == scope and m[2] < old_number]
                joined = [m[0] for m in joiners if m[1] == scope and m[2] < new_number]
                if (left or joined) and new_number - old_number == len(joined) - len(left):
                    causes = left + joined
                    cause = next((c for c in causes if c in moved), causes[0])
        result.append(replace(change, cause=cause) if cause else change)
    return result
