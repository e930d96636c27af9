"""The rules run over the blocks in order: each block is placed in the strategy being built,
in the part the last heading opened. A block no rule places goes to a chapter: nothing is left
out. Every placement that is a guess (by position, not by a word the document wrote) leaves a
« à vérifier » comment at the entry it made."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from stspd_cli.convert.blocks import HEADING, ITEM, PARA, TABLE, Block, Document
from stspd_cli.convert.rules import parts
from stspd_cli.convert.rules.actors import Actors
from stspd_cli.convert.rules.fields import Filled, apply_field, field_of, labelled, table_fields
from stspd_cli.convert.rules.tables import funding_rows, indicator_rows
from stspd_cli.convert.rules.titles import (
    Marker,
    leading_number,
    make_id,
    marker,
    plan_kind,
    split_purpose,
    starts_with_verb,
    unnumbered_plan,
)
from stspd_cli.convert.words import fold

HEADING_MAX = 160
_END = " ,;."
# Sub-headings of a fiche that route the paragraphs after them (« Constat », « Lieu »).
_PLACES = "lieux"


def _trim(text: str) -> str:
    return text.strip().rstrip(_END).strip()


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


class Walker:
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

    # -- the walk -------------------------------------------------------------------------
    def run(self) -> Draft:
        blocks = join_labels(self.doc.blocks)
        self.title_at = _title_index(blocks)
        for index, block in enumerate(blocks):
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            self.next_is_heading = following is not None and self.heading_like(following)
            self.block(block, blocks[index + 1 :])
            self.previous = block
        return self.draft

    def block(self, block: Block, after: list[Block]) -> None:
        if block.kind == TABLE:
            self.table(block)
            return
        text = block.text.strip()
        if not text:
            return
        self.facts(text)
        if self.title is None and block is self.title_at:
            self.title = text
            self.section("strategie")["titre"] = text
            return
        found = marker(text, "action")
        if found is not None and not (block.kind == ITEM and self.part == "principes"):
            self.start_action(found, text, block)
            return
        eyebrow = marker(text, "objectif", "plan")
        if eyebrow is not None and not eyebrow.rest and self.next_is_heading:
            self.pending = eyebrow  # « Priorité n°1 » written above its title
            self.structure.add(text)
            return
        if self.heading_like(block):
            self.heading(block, text, after)
            return
        if block.kind == ITEM:
            self.item(block, text)
        else:
            self.paragraph(block, text)

    def heading_like(self, block: Block) -> bool:
        if block.kind == HEADING:
            return True
        return block.kind == PARA and block.strong and len(block.text) <= HEADING_MAX

    def facts(self, text: str) -> None:
        """Sentences that say a fact wherever they stand: adoption, members, signatories."""
        adoption = parts.adoption_in(text)
        strategie = self.section("strategie")
        if adoption is not None and "adoption" not in strategie:
            entry: dict[str, Any] = {"date": adoption.date.value}
            if adoption.instance:
                entry["instance"] = adoption.instance
            strategie["adoption"] = entry
            sitting: dict[str, Any] = {"date": adoption.date.value, "type": "pleniere"}
            if adoption.instance and "pl" in fold(adoption.instance)[:20]:
                self.section("gouvernance").setdefault("seances", []).append(sitting)
                self.draft.check(sitting, None, f"séance lue dans « {_excerpt(text)} »")
        members = parts.listed_after(text, "membres")
        if members:
            gouvernance = self.section("gouvernance")
            refs = gouvernance.setdefault("membres", [])
            refs.extend(r for r in map(self.actors.ref, _names(members)) if r not in refs)
            self.draft.check(gouvernance, "membres", "membres lus dans la liste du document")
        signatories = parts.listed_after(text, "signataires")
        if signatories:
            gouvernance = self.section("gouvernance")
            entries = gouvernance.setdefault("signataires", [])
            for name in _names(signatories):
                entries.append({"acteur": self.actors.ref(name), "libelle": name})
            self.draft.check(gouvernance, "signataires", "un signataire par nom de la liste")

    # -- headings -------------------------------------------------------------------------
    def heading(self, block: Block, text: str, after: list[Block]) -> None:
        self.sub_mode = False
        if parts.is_intertitle(text):
            self.structure.add(text)
            self.sub_mode = fold(text).startswith("sous objectif")
            return
        deeper = self.holder is not None and 0 < self.holder_level < block.level
        if deeper and parts.part_of(text) is None:
            self.put_text(f"{'#' * min(6, block.level)} {text}", item=False)
            return
        name = field_of(text.rstrip(" :"))
        if name is not None and (self.action is not None or fold(text) == _PLACES):
            self.structure.add(text)
            self.text_key = name
            if fold(text.rstrip(" :")) in {"lieu", "lieux"}:
                self.text_key = _PLACES
            return
        if fold(text.rstrip(" :")) in {"lieu", "lieux"} and self.action is not None:
            self.structure.add(text)
            self.text_key = _PLACES
            return
        part = parts.part_of(text)
        if part is not None and (self.part_level == 0 or block.level <= self.part_level or
                                 block.level == 0):  # fmt: skip
            self.open_part(part, text, block.level)
            if part in {"presentation", "signataires"}:
                self.structure.add(text)
            return
        origin = parts.priority_origin(text)
        if origin is not None:
            self.priorities(origin, text)
            return
        if parts.is_note_title(text):
            self.close_items()
            note: dict[str, Any] = {"titre": text}
            self._list("notes").append(note)
            self.holder, self.text_key, self.holder_level = note, "texte", block.level
            return
        level_marker = marker(text, "objectif", "plan")
        if level_marker is None and self.pending is not None:
            level_marker = Marker(self.pending.word, self.pending.numbers, text)
        self.pending = None
        if level_marker is not None:
            self.level_heading(level_marker, text, after)
            return
        kind = unnumbered_plan(text)
        if kind is not None and self.part in {"plans", None, "objectifs"}:
            self.start_plan(text, kind, None, guessed=False)
            return
        if self.part == "objectifs" and (block.level == 0 or block.level > self.part_level):
            numbered = leading_number(text)
            if numbered is not None:  # « 1. Prévenir la délinquance… »
                found = Marker("", (numbered[0],), numbered[1])
                self.start_objective(numbered[1], found, guessed=False)
            else:
                self.start_objective(text, None, guessed=True)
            return
        if self.part == "plans" and _actions_follow(after):
            self.start_plan(text, None, None, guessed=True)
            return
        if self.part == "actions" and self.part_level and block.level > self.part_level:
            self.start_action(None, text, block)
            return
        self.chapter(text, level=block.level)

    def open_part(self, part: str, text: str, level: int) -> None:
        self.close_items()
        self.part, self.part_level = part, level
        self.objective = self.plan = self.action = self.holder = None
        self.text_key = None
        self.origin = None
        if part in {"presentation", "signataires"}:
            return
        if part == "cadre":
            self.section("cadre")["titre"] = text
        elif part == "principes":
            self.section("principes")["titre"] = text
        elif part in {"objectifs", "plans", "actions"}:
            self.section("sections", part)["titre"] = text
        else:  # gouvernance, annexes: the document's own words, kept as a chapter
            self.chapter(text, after=part, level=level)

    def priorities(self, origin: str, text: str) -> None:
        key = "titre_nationaux" if origin == "nationale" else "titre_locaux"
        self.section("sections", "objectifs")[key] = text
        self.origin = origin
        self.objective = None
        if self.part != "objectifs":
            self.part = "objectifs"

    def level_heading(self, found: Marker, text: str, after: list[Block]) -> None:
        word = fold(found.word)
        kind = plan_kind(found.word)
        objective_word = any(word.rstrip("s") == fold(str(w)) for w in _vocab_level("objectif"))
        if kind is not None and objective_word:
            as_plan = _actions_before_level(after, word)
        else:
            as_plan = kind is not None
        if as_plan:
            self.start_plan(found.rest or text, kind, found, guessed=False)
        else:
            self.start_objective(found.rest or text, found, guessed=False)

    def start_objective(self, title: str, found: Marker | None, *, guessed: bool) -> None:
        self.close_items()
        objective: dict[str, Any] = {"id": make_id(title, self.ids), "titre": _trim(title)}
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
        plan: dict[str, Any] = {"id": make_id(title, self.ids), "titre": _trim(title)}
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
        action: dict[str, Any] = {"id": make_id(title, self.ids), "titre": _trim(title) or title}
        if found is not None:
            self.words["action"][found.word] += 1
            if found.number is not None:
                action["numero"] = found.number
                self.plan_numbers.append(found.numbers)
        if purpose:
            action["finalite"] = _trim(purpose)
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
        if place is None and self.part is None and "presentation" in self.section("strategie"):
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

    # -- tables ---------------------------------------------------------------------------
    def table(self, block: Block) -> None:
        """A fiche as a two-column table (its first row may name the action), a funding or an
        indicators table of a fiche; any other table is kept as text where it stands."""
        rows = [row for row in block.rows if any(cell.strip() for cell in row)]
        if not rows:
            return
        first = next((c for c in rows[0] if c.strip()), "")
        opening = marker(first, "action")
        if opening is not None:
            self.start_action(opening, first, block)
            rest = [c for c in rows[0] if c.strip()][1:]
            assert self.action is not None
            if rest and not opening.rest:
                self.action["titre"] = _trim(rest[0])
            rows = rows[1:]
        if self.action is not None:
            if self.fiche_table(rows):
                return
        elif (fields := table_fields(rows)) and self.plan is not None:
            self.start_action(None, fields[0][2], block)
            assert self.action is not None
            self.draft.check(self.action, None, "fiche en tableau sans titre d'action")
            self.fiche_table(rows)
            return
        self.put_text("\n".join(" | ".join(c.strip() for c in row) for row in rows), item=False)

    def fiche_table(self, rows: list[list[str]]) -> bool:
        assert self.action is not None
        funding = funding_rows(rows)
        if funding is not None:
            self.action.setdefault("financement", []).extend(funding)
            self.draft.fields["financement"] += len(funding)
            return True
        indicators = indicator_rows(rows)
        if indicators is not None:
            self.action.setdefault("indicateurs", []).extend(indicators)
            self.draft.fields["indicateurs"] += len(indicators)
            return True
        fields = table_fields(rows) if rows else None
        if fields is None:
            return not rows
        filled = Filled()
        for name, label, value in fields:
            apply_field(self.action, name, label, value, actors=self.actors, filled=filled)
        self.note_filled(self.action, filled)
        taken = {label for _, label, _ in fields}
        for row in rows:
            cells = [c for c in row if c.strip()]
            if cells and cells[0].rstrip(" :") not in taken:
                self.put_text(" : ".join(cells), item=False)
        return True

    # -- paragraphs and items -----------------------------------------------------------
    def paragraph(self, block: Block, text: str) -> None:
        origin = parts.priority_origin(text)
        if origin is not None and text.rstrip().endswith(":"):
            self.priorities(origin, text)
            return
        if parts.is_intertitle(text):
            self.structure.add(text)
            self.sub_mode = fold(text).startswith("sous objectif")
            if not self.sub_mode and self.objective is not None and self.action is None:
                self.objective["origine"] = "locale" if "local" in fold(text) else "nationale"
            return
        if self.fiche_line(text):
            return
        if self.small_facts(text):
            self.structure.add(text)
            return
        if self.sub_mode and self.objective is not None and self.previous is not None:
            subs = self.objective.get("sous_objectifs", [])
            if subs and self.previous.kind == ITEM and "texte" not in subs[-1]:
                subs[-1]["texte"] = text  # a sub-objective's own paragraph, below its title
                return
        self.sub_mode = False
        cadre = self.draft.data.get("cadre", {})
        if (
            self.part == "cadre"
            and self.holder is None
            and "references" in cadre
            and ("competence" in fold(text))
        ):
            competences = self.section("cadre", "competences")
            competences["texte"] = _joined(competences.get("texte"), text)
            return
        self.put_text(text, item=False)

    def small_facts(self, text: str) -> bool:
        """« Plan n°1 » below a plan, « Priorité nationale » below an objective."""
        folded_text = fold(text)
        if self.objective is not None and self.previous is not None and self.action is None:
            if folded_text in {"priorite nationale", "objectif national", "enjeu national"}:
                self.objective["origine"] = "nationale"
                return True
            if folded_text in {"priorite locale", "objectif local", "enjeu local"}:
                self.objective["origine"] = "locale"
                return True
        if self.plan is not None and self.action is None:
            found = marker(text, "plan")
            if found is not None and not found.rest and found.number is not None:
                self.plan["numero"] = found.number
                kind = plan_kind(found.word)
                if kind:
                    self.plan["type"] = kind
                return True
        return False

    def fiche_line(self, text: str) -> bool:
        if self.part in {None, "presentation"} and self.action is None and self.cover(text):
            return True
        if self.plan is not None and self.action is None and parts.plan_line(text):
            self.plan_fact(text)
            return True
        found = labelled(text)
        if found is None:
            return False
        name, label, value = found
        if self.action is not None and name == "objectifs" and self.objective_refs(value):
            self.action["objectifs"] = self.objective_refs(value)
            self.draft.fields["objectifs"] += 1
            return True
        if self.action is not None:
            filled = Filled()
            apply_field(self.action, name, label, value, actors=self.actors, filled=filled)
            self.note_filled(self.action, filled)
            if not value:
                self.text_key = name
            return True
        if self.plan is not None and name == "pilote":
            self.plan["pilote"] = self.actors.ref(value)
            self.draft.fields["pilote"] += 1
            return True
        return False

    def cover(self, text: str) -> bool:
        """A line of the cover: département, période, adoption, version, national frame."""
        from stspd_cli.convert.rules.values import find_dates, read_span  # noqa: PLC0415

        found = parts.cover_field(text)
        if found is None:
            return False
        key, value = found
        strategie = self.section("strategie")
        if key in {"departement", "epci"}:
            self.section("territoire_lu")[key] = value
        elif key == "version":
            strategie["version"] = value
        elif key == "referentiel":
            frame = parts.framework(value)
            if frame is None:
                return False
            strategie["referentiel"] = frame
        elif key == "periode":
            first, _, rest = value.partition(",")
            span = read_span(first)
            if span.debut is None or span.fin is None:
                return False
            strategie["periode"] = {"debut": span.debut, "fin": span.fin}
            if rest.strip():
                dates = find_dates(rest)
                if "prorog" not in fold(rest) or not dates:
                    return False
                amendment: dict[str, Any] = {"objet": rest.strip()[:1].upper() + rest.strip()[1:]}
                amendment["nouvelle_fin"] = dates[0].value
                if len(dates) > 1:
                    amendment["date"] = dates[-1].value
                amendment = {"id": make_id(f"avenant {rest}", self.ids), **amendment}
                self.section("gouvernance").setdefault("avenants", []).append(amendment)
        elif key == "adoption":
            dates = find_dates(value)
            if not dates:
                return False
            entry: dict[str, Any] = {"date": dates[0].value}
            after = value[dates[0].end :].strip(" ,")
            if after:
                entry["instance"] = after.removeprefix("en ").strip()
            strategie["adoption"] = entry
        return True

    def plan_fact(self, text: str) -> None:
        assert self.plan is not None
        label, _, value = text.partition(":")
        name = field_of(label)
        value = value.strip()
        if name == "pilote" and value:
            self.plan["pilote"] = self.actors.ref(value)
            self.draft.fields["pilote"] += 1
        elif name == "objectifs" and self.objective_refs(value):
            self.plan["objectifs"] = self.objective_refs(value)
        else:
            self.put_text(text, item=True)

    def objective_refs(self, value: str) -> list[str]:
        """« 1. Agir plus tôt… », « Agir plus tôt… » -> the objectives' identifiers."""
        objectives = self.draft.data.get("objectifs", [])
        refs: list[str] = []
        for part in value.split(", ") if value.count(". ") > 1 else [value]:
            number_title = part.strip().split(". ", 1)
            wanted = fold(number_title[-1])
            for objective in objectives:
                if fold(objective["titre"]) == wanted or (
                    len(number_title) == 2
                    and number_title[0].isdigit()
                    and objective.get("numero") == int(number_title[0])
                ):
                    refs.append(objective["id"])
                    break
        return refs

    def signatory(self, text: str) -> None:
        name, who, when = parts.signatory(text)
        entry: dict[str, Any] = {"acteur": self.actors.ref(name), "libelle": name}
        if who:
            entry["representant"] = who
        if when is not None:
            entry["date"] = when.value
        self.section("gouvernance").setdefault("signataires", []).append(entry)

    def note_filled(self, owner: dict[str, Any], filled: Filled) -> None:
        self.draft.fields.update(filled.fields)
        for path, text in filled.checks:
            self.draft.check(owner, str(path[0]), text)

    def item(self, block: Block, text: str) -> None:
        if self.part == "signataires":
            self.signatory(text)
            return
        if self.fiche_line(text):
            return
        if self.part == "cadre" and self.holder is None:
            self.reference(text)
            return
        if self.part == "principes" and self.holder is None:
            liste = self.section("principes").setdefault("liste", [])
            liste.append({"id": make_id(text, self.ids, "principe-"), "texte": _trim(text)})
            return
        if self.part == "objectifs" and self.holder is None:
            if block.number is not None and self.numbered_objective(block):
                self.start_objective(text, Marker("", (block.number,), text), guessed=False)
                self.objective_item = block.level
                return
            if self.objective is not None and self.sub_mode:
                self.sub_objective(text)
                return
        in_list = self.action is not None and self.action_item == block.level
        if self.plan is not None and self.holder is None and (self.action is None or in_list):
            number = block.number
            found = Marker("", (number,), text) if number is not None else None
            self.start_action(found, text, block)
            assert self.action is not None
            self.action_item = block.level
            self.draft.check(self.action, None, "élément de liste lu comme une action")
            return
        if self.action is not None and self.text_key == "indicateurs":
            self.action.setdefault("indicateurs", []).append({"libelle": _trim(text)})
            self.draft.fields["indicateurs"] += 1
            return
        if self.action is not None and self.text_key in {"partenaires", "copilotes", "quartiers"}:
            filled = Filled()
            apply_field(
                self.action, self.text_key, self.text_key, text, actors=self.actors, filled=filled
            )
            self.note_filled(self.action, filled)
            return
        if self.action is not None and self.text_key == _PLACES:
            self.action.setdefault("lieux", []).append({"nom": _trim(text)})
            return
        self.put_text(text, item=True)

    def numbered_objective(self, block: Block) -> bool:
        """A numbered item is an objective, unless it stands deeper than the numbered item
        that made the current objective, or below an objective that is a heading."""
        if self.objective is None:
            return True
        if self.objective_item is None:
            return False
        return block.level <= self.objective_item

    def sub_objective(self, text: str) -> None:
        assert self.objective is not None
        title, _, rest = text.partition(" : ")
        entry: dict[str, Any] = {"id": make_id(title, self.ids), "titre": _trim(title)}
        if rest.strip():
            entry["texte"] = rest.strip()
        self.objective.setdefault("sous_objectifs", []).append(entry)

    def reference(self, text: str) -> None:
        from stspd_cli.convert.rules.values import find_dates  # noqa: PLC0415
        from stspd_cli.convert.words import first_match, folded_table  # noqa: PLC0415
        from stspd_cli.frameworks import frameworks  # noqa: PLC0415

        title = _trim(text)
        entry: dict[str, Any] = {"id": make_id(title, self.ids), "titre": title}
        kind = first_match(_bare(title), folded_table("references"))
        if kind:
            entry["type"] = kind
        if kind in {"loi", "decret", "circulaire"}:
            days = [d for d in find_dates(title) if d.value.precision == "jour"]
            if days:
                entry["date"] = days[0].value
        if kind == "strategie_nationale":
            years = "-".join(str(d.value.year) for d in find_dates(title))
            for frame_id in frameworks():
                if frame_id.endswith(years) and years:
                    entry["referentiel"] = frame_id
                    self.section("strategie").setdefault("referentiel", frame_id)
        self.section("cadre").setdefault("references", []).append(entry)

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

    _was_item = False

    def text_place(self) -> tuple[dict[str, Any], str]:
        if self.holder is not None:
            return self.holder, self.text_key or "texte"
        if self.action is not None:
            key = self.text_key if self.text_key in _ACTION_TEXT else "description"
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


_ACTION_TEXT = {"constat", "description", "moyens", "commentaire"}
_PART_BEFORE = {"cadre": "cadre", "principes": "principes", "objectifs": "objectifs",
                "plans": "plans", "actions": "plans"}  # fmt: skip


def _joined(old: Any, text: str) -> str:
    return text if not old else f"{old}\n\n{text}"


def _excerpt(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _names(text: str) -> list[str]:
    from stspd_cli.convert.rules.values import split_names  # noqa: PLC0415

    return split_names(text)


def _bare(title: str) -> str:
    from stspd_cli.convert.rules.actors import bare_name  # noqa: PLC0415

    return bare_name(title)


def _vocab_level(key: str) -> list[Any]:
    from stspd_cli.convert.words import vocabulary  # noqa: PLC0415

    value = vocabulary()["niveaux"][key]
    return list(value)


def _actions_follow(after: list[Block]) -> bool:
    """An action marker comes before the next heading."""
    for block in after[:40]:
        if block.kind != TABLE and marker(block.text, "action") is not None:
            return True
        if block.kind == HEADING:
            return False
    return False


def _actions_before_level(after: list[Block], word: str) -> bool:
    """Below a heading of ``word`` (« Orientation », « Enjeu »), an action comes before another
    level heading -- by its marker, or as a list item that is a noun phrase (« Médiation de
    soirée », not « Développer la médiation »): the word names plans; a level heading first:
    it names objectives."""
    for block in after:
        if block.kind == TABLE:
            continue
        if marker(block.text, "action") is not None:
            return True
        if block.kind == ITEM and labelled(block.text) is None:
            return not starts_with_verb(block.text)
        heading = block.kind == HEADING or (block.kind == PARA and block.strong)
        if heading and marker(block.text, "objectif", "plan") is not None:
            return False
    return False


def _is_bare_label(block: Block) -> bool:
    if block.kind != PARA or len(block.text) > 40 or ":" in block.text.rstrip().rstrip(":"):
        return False
    if block.strong and block.text.rstrip().endswith(":"):
        return True
    label = block.text.strip().rstrip(" :")
    return (
        field_of(label) is not None
        or parts.cover_field(f"{label} : x") is not None
        or (parts.plan_line(f"{label} : x"))
    )


def join_labels(blocks: list[Block]) -> list[Block]:
    """« Pilote » and « Ville de Lille » written as two paragraphs (a definition list saved by
    LibreOffice, a label above its value) -> one « Pilote : Ville de Lille » line."""
    joined: list[Block] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if (
            following is not None
            and following.kind == PARA
            and not following.strong
            and _is_bare_label(block)
            and not _is_bare_label(following)
            and labelled(following.text) is None
        ):
            label = block.text.strip().rstrip(" :")
            joined.append(Block(PARA, f"{label} : {following.text.strip()}"))
            index += 2
            continue
        joined.append(block)
        index += 1
    return joined


TITLE_WITHIN = 40  # blocks from the start where the document's title is looked for


def _title_index(blocks: list[Block]) -> Block | None:
    """The document's title: its first top-level heading near the start (a cover may print the
    council's name above it in smaller type), else its first heading or bold line, else a short
    line of the cover with a title's word (« Stratégie… »); never a part's heading."""
    start = blocks[:TITLE_WITHIN]
    first_part = next(
        (i for i, b in enumerate(start) if b.kind == HEADING and parts.part_of(b.text)), None
    )
    start = start[:first_part]
    headings = [b for b in start if b.kind == HEADING and b.text.strip()]
    levelled = [b for b in headings if b.level > 0]
    if levelled:
        top = min(b.level for b in levelled)
        return next(b for b in levelled if b.level == top)
    if headings:
        return headings[0]
    strong = next((b for b in start if b.strong and b.text.strip()), None)
    if strong is not None:
        return strong
    from stspd_cli.convert.words import contains, folded  # noqa: PLC0415

    return next(
        (
            b
            for b in start
            if b.kind == PARA
            and len(b.text) <= HEADING_MAX
            and not b.text.rstrip().endswith((".", ":"))
            and contains(b.text, folded("titres"))
        ),
        None,
    )
