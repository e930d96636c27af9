"""Where each action sits in a document: one answer for the pydantic model and the plain one
(:mod:`stspd_cli.model.plain`). Imports nothing of pydantic."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from stspd_cli.findings import Path_

if TYPE_CHECKING:
    from stspd_cli.model.actions import Action
    from stspd_cli.model.strategy import Plan


class ActionRef(NamedTuple):
    """An action and where it sits: ``path`` is its place in the YAML (``("plans", 0,
    "actions", 2)`` or ``("actions", 0)`` for an action outside any plan)."""

    path: Path_
    plan: Plan | None
    action: Action
    position: int  # in its list

    @property
    def dotted(self) -> str:
        """``plans[0].actions[2]``, ``actions[0]``: the place as JSON outputs name it."""
        return ".".join(f"{k}[{i}]" for k, i in zip(self.path[::2], self.path[1::2], strict=True))


def iter_actions(doc: Any) -> list[ActionRef]:
    """Every action, in plans then outside any plan, in document order, with its place."""
    refs = [
        ActionRef(("plans", p, "actions", a), plan, action, a)
        for p, plan in enumerate(doc.plans)
        for a, action in enumerate(plan.actions)
    ]
    refs += [ActionRef(("actions", a), None, action, a) for a, action in enumerate(doc.actions)]
    return refs
