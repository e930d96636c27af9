"""The strategy being built while the blocks are walked: its data, the « à vérifier » checks
to write as comments, what was counted, and the walk's state that every rule reads."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from stspd_cli.convert.blocks import Block, Document
from stspd_cli.convert.rules.actors import Actors
from stspd_cli.convert.rules.titles import Marker, make_id, split_purpose

_END = " ,;."
ACTION_TEXT = {"constat", "description", "moyens", "commentaire"}
_PART_BEFORE = {"cadre": "cadre", "principes": "principes", "objectifs": "objectifs",
                "plans": "plans", "actions": "plans"}  # fmt: skip
# The parts of the cover: a chapter met there, once the presentation is read, follows it.
_COVER_PARTS = {None, "presentation", "signataires"}


def trim(text: str) -> str:
    """A title or list item without its closing punctuation (« le décrochage scolaire, »)."""
    return text.strip().rstrip(_END).strip()


def joined(old: Any, text: str) -> str:
    return text if not old else f"{old}\n\n{text}"


@dataclass(slots=True)
class Draft:
    """The strategy being built, with the checks to write as comments and what was counted."""

    data: dict[str, Any] = field(default_factory=dict)
    # id() of a mapping -> [(key or None, text)]: « # à vérifier : text » above that entry
    checks: dict[int, list[tuple[str | None, str]]] = field(default_factory=dict)
    fields: Counter[str] = field(default_factory=Counter)
    chapters_made: int = 0
    structure: set[str] = field(default_factory=set)  # texts placed as a key, not a value

    def check(self, owner: dict[str, Any], key: str | None, text: str) -> None:
        self.checks.setdefault(id(owner), []).append((key, text))


def all_actions(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The actions of the strategy being built: each plan's, in order, then those outside any
    plan."""
    found = [a for plan in data.get("plans", []) for a in plan.get("actions", [])]
    return found + list(data.get("actions", []))


class State:
    """Where the walk stands: the part the last heading opened, the objective, plan and action
    being filled, and the containers of the strategy."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.draft = Draft()
        self.actors = Actors()
        self.ids: set[str] = set()
        self.part: str | None = None
        self.part_level = 0
        self.title: str | None = None
        self.objective: dict[str, Any] | None = None
        self.plan: dict[str, Any] | None = None
        self.action: dict[str, Any] | None = None
        self.holder: dict[str, Any] | None = None  # a chapter or a note taking the text
        self.text_key: str | None = None  # the fiche's text field the paragraphs go to
        self.origin: str | None = None
        self.sub_mode = False  # bullets below are sub-objectives
        self.previous: Block | None = None
        self.words: dict[str, Counter[str]] = {"objectif": Counter(), "plan": Counter(),
                                               "action": Counter()}  # fmt: skip
        self.plan_numbers: list[tuple[int, ...]] = []
        self.objective_item: int | None = None  # list depth of the item that made the objective
        self.holder_level = 0  # heading level of the chapter taking the text
        self.pending: Marker | None = None  # « Priorité n°1 » written above its title
        self.next_is_heading = False
        self.action_item: int | None = None  # list depth of the item that made the action
        self.title_at: Block | None = None
        self.structure = self.draft.structure  # texts placed as a key (« Constat », « Plan n°1 »)
        self._was_item = False  # the last text put was a list item
        self.amendment_open: dict[str, Any] | None = None  # the amendment taking the text
        self.before_amendment: tuple[dict[str, Any] | None, str | None, int] = (None, None, 0)

    # -- the strategy's containers ------------------------------------------------------
    def section(self, *keys: str) -> dict[str, Any]:
        node = self.draft.data
        for key in keys:
            node = node.setdefault(key, {})
        return node

    def _list(self, key: str) -> list[dict[str, Any]]:
        value = self.draft.data.setdefault(key, [])
        assert isinstance(value, list)
        return value

    def start_objective(self, title: str, found: Marker | None, *, guessed: bool) -> None:
        self.close_items()
        objective: dict[str, Any] = {"id": make_id(title, self.ids), "titre": trim(title)}
        if found is not None and found.number is not None:
            objective["numero"] = found.number
        if found is not None:
            self.words["objectif"][found.word] += 1
        if self.origin:
            objective["origine"] = self.origin
        self._list("objectifs").append(objective)
        if guessed:
            self.draft.check(objective, None, "titre lu comme un objectif (par sa place)")
        self.objective, self.plan, self.action, self.holder = objective, None, None, None
        self.objective_item = None
        self.text_key = None
        self.sub_mode = True
        if self.part not in {"objectifs", "plans"}:
            self.part = "objectifs"

    def start_plan(
        self, title: str, kind: str | None, found: Marker | None, *, guessed: bool
    ) -> None:
        self.close_items()
        plan: dict[str, Any] = {"id": make_id(title, self.ids), "titre": trim(title)}
        if found is not None and len(found.numbers) == 1:
            plan["numero"] = found.number
        elif found is not None and found.numbers:
            written = ".".join(map(str, found.numbers))
            self.draft.check(
                plan,
                None,
                f"numéro « {written} » du document non repris : un plan a un seul numéro",
            )
        if found is not None:
            self.words["plan"][found.word] += 1
        if kind:
            plan["type"] = kind
        if self.objective is not None:  # a plan written below its objective
            plan["objectifs"] = [self.objective["id"]]
        self._list("plans").append(plan)
        if guessed:
            self.draft.check(plan, None, "titre lu comme un plan d'action (des actions suivent)")
        self.plan, self.action, self.holder, self.text_key = plan, None, None, None
        if self.part not in {"plans"}:
            self.part = "plans"

    def start_action(self, found: Marker | None, text: str, block: Block) -> None:
        self.close_items()
        title = found.rest if found is not None else text
        title, purpose = split_purpose(title)
        action: dict[str, Any] = {"id": make_id(title, self.ids), "titre": trim(title) or title}
        if found is not None:
            self.words["action"][found.word] += 1
            if found.number is not None:
                action["numero"] = found.number
                self.plan_numbers.append(found.numbers)
        if purpose:
            action["finalite"] = trim(purpose)
        if self.plan is not None and self.part != "actions":
            self.plan.setdefault("actions", []).append(action)
        else:
            self._list("actions").append(action)
            if self.part != "actions":
                self.draft.check(action, None, "action rattachée à aucun plan (transversale)")
        self.action, self.holder, self.text_key = action, None, None
        self.action_item = None

    def chapter(self, title: str, after: str | None = None, level: int = 0) -> None:
        self.close_items()
        chapter: dict[str, Any] = {"id": make_id(title, self.ids, "chapitre-"), "titre": title}
        has_governance = after == "gouvernance" and "gouvernance" in self.draft.data
        place = "gouvernance" if has_governance else _PART_BEFORE.get(self.part or "")
        if (
            place is None
            and self.part in _COVER_PARTS
            and "presentation" in self.section("strategie")
        ):
            place = "presentation"
        if place:
            chapter["apres"] = place
        self._list("chapitres").append(chapter)
        self.draft.chapters_made += 1
        self.draft.check(chapter, None, "partie que stspd n'a pas su placer dans le modèle")
        self.holder, self.text_key, self.holder_level = chapter, "texte", level
        self.objective = self.plan = self.action = None

    def close_items(self) -> None:
        self.sub_mode = False

    def put_text(self, text: str, *, item: bool) -> None:
        """Running text, to the container the last heading opened."""
        shown = f"- {text}" if item else text
        owner, key = self.text_place()
        old = owner.get(key)
        joined = (
            shown
            if not old
            else f"{old}\n{shown}"
            if item and self._was_item
            else (f"{old}\n\n{shown}")
        )
        owner[key] = joined
        self._was_item = item

    def text_place(self) -> tuple[dict[str, Any], str]:
        if self.holder is not None:
            return self.holder, self.text_key or "texte"
        if self.action is not None:
            key = self.text_key if self.text_key in ACTION_TEXT else "description"
            return self.action, key
        if self.plan is not None:
            return self.plan, "description"
        if self.objective is not None:
            return self.objective, "texte"
        if self.part == "cadre":
            cadre = self.section("cadre")
            if "references" not in cadre:
                return cadre, "introduction"
            return cadre, "conclusion"
        if self.part == "principes":
            return self.section("principes"), "demarche"
        if self.part in {"objectifs", "plans", "actions"}:
            return self.section("sections", self.part), "introduction"
        return self.section("strategie"), "presentation"
