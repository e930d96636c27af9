"""The rules run over the blocks in order: each block is placed in the strategy being built,
in the part the last heading opened. A block no rule places goes to a chapter: nothing is left
out. Every placement that is a guess (by position, not by a word the document wrote) leaves a
« à vérifier » comment at the entry it made."""

from __future__ import annotations

from typing import Any

from stspd_cli.convert.blocks import HEADING, ITEM, PARA, TABLE, Block
from stspd_cli.convert.rules import parts
from stspd_cli.convert.rules.draft import Draft, joined, trim
from stspd_cli.convert.rules.fiches import FicheRules
from stspd_cli.convert.rules.fields import Filled, apply_field, field_of
from stspd_cli.convert.rules.layout import (
    actions_before_level,
    actions_follow,
    heading_like,
    join_labels,
    level_words,
    title_block,
)
from stspd_cli.convert.rules.titles import (
    Marker,
    leading_number,
    make_id,
    marker,
    plan_kind,
    unnumbered_plan,
)
from stspd_cli.convert.rules.values import place
from stspd_cli.convert.words import fold

# Sub-headings of a fiche that route the paragraphs after them (« Lieu »).
_PLACES = "lieux"
_SUBTITLE_MAX = 120  # characters: a longer line below the title is the presentation's


class Walker(FicheRules):
    """The walk: each block to the rule of its kind, in the part the last heading opened."""

    # -- the walk -------------------------------------------------------------------------
    def run(self) -> Draft:
        blocks = join_labels(self.doc.blocks, self.structure)
        self.title_at = title_block(blocks)
        for index, block in enumerate(blocks):
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            self.next_is_heading = following is not None and heading_like(following)
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
        if self.action is None and block.kind != ITEM and self.amendment(text, after):
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
        if self.subtitle(block, text) or self.caption_above(text, after):
            return
        if self.signatory_paragraph(block, text):
            return
        if heading_like(block) or self.list_title(block, text, after) or self.label_alone(text):
            self.heading(block, text, after)
            return
        if block.kind == ITEM:
            self.item(block, text)
        else:
            self.paragraph(block, text)

    # -- headings -------------------------------------------------------------------------
    def subtitle(self, block: Block, text: str) -> bool:
        """The short line right below the document's title, before any part (« Val-Fictif
        2024-2027 »): its subtitle, not the first line of its presentation."""
        below_title = self.previous is not None and self.previous is self.title_at
        if not below_title or self.title is None or self.part is not None:
            return False
        if block.kind == ITEM or "\n" in text or len(text) > _SUBTITLE_MAX:
            return False
        if parts.ends_sentence(text) or parts.cover_field(text) or parts.part_of(text):
            return False
        if marker(text, "action") or marker(text, "objectif", "plan"):
            return False
        strategie = self.section("strategie")
        if "sous_titre" in strategie:
            return False
        strategie["sous_titre"] = trim(text)
        self.draft.check(strategie, "sous_titre", "sous-titre lu d'après sa place, sous le titre")
        return True

    def signatory_paragraph(self, block: Block, text: str) -> bool:
        """A paragraph under « Signataires » that names a signatory (a cover laid out as a grid,
        without bullets): a signatory, even written in bold, not the heading of a part."""
        if self.part != "signataires" or self.holder is not None or block.kind != PARA:
            return False
        if parts.part_of(text) or not parts.signatory_line(text):
            return False
        self.signatory(text)
        return True

    def label_alone(self, text: str) -> bool:
        """A fiche's field named alone in a plain paragraph (« Financement » above its table,
        as LibreOffice writes a table's caption): the sub-heading it is."""
        return self.action is not None and field_of(text.rstrip(" :")) is not None

    def list_title(self, block: Block, text: str, after: list[Block]) -> bool:
        """« Signataires » as a plain paragraph above its list (a Word cover without heading
        styles): the part it names, as its heading would."""
        starts_list = bool(after) and after[0].kind == ITEM
        return block.kind != ITEM and starts_list and parts.part_of(text) == "signataires"

    def heading(self, block: Block, text: str, after: list[Block]) -> None:
        # A short line of a text file is a heading of unknown level (0), unless it is a fiche's
        # « Pilote : Ville de Lille ».
        if block.level == 0 and block.kind == HEADING and self.fiche_line(text):
            return
        self.close_amendment()
        if self.governance_heading(text, block.level, after):
            return
        if self.glossary_title(text, block.level):
            return
        self.sub_mode = False
        if parts.is_intertitle(text):
            self.structure.add(text)
            self.sub_mode = fold(text).startswith("sous objectif")
            return
        deeper = self.holder is not None and 0 < self.holder_level < block.level
        if deeper and parts.part_of(text) is None:
            self.put_text(f"{'#' * min(6, block.level)} {text}", item=False)
            return
        # A fiche's sub-heading (« Constat », « Financement », « Lieu ») routes what follows.
        places = fold(text.rstrip(" :")) in {"lieu", "lieux"}
        name = _PLACES if places else field_of(text.rstrip(" :"))
        if name is not None and self.action is not None:
            self.structure.add(text)
            self.text_key = name
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
        if self.part == "plans" and actions_follow(after):
            self.start_plan(text, None, None, guessed=True)
            return
        if self.part == "actions" and self.part_level and block.level > self.part_level:
            self.start_action(None, text, block)
            return
        self.chapter(text, level=block.level)

    def open_part(self, part: str, text: str, level: int) -> None:
        self.close_items()
        self.governance_closed()
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
            if part == "gouvernance":
                self.governance_opened(level)

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
        objective_word = any(word.rstrip("s") == fold(str(w)) for w in level_words("objectif"))
        if kind is not None and objective_word:
            as_plan = actions_before_level(after, word)
        else:
            as_plan = kind is not None
        if as_plan:
            self.start_plan(found.rest or text, kind, found, guessed=False)
        else:
            self.start_objective(found.rest or text, found, guessed=False)

    # -- paragraphs and items -----------------------------------------------------------
    def paragraph(self, block: Block, text: str) -> None:
        if self.governance_line(text) or self.glossary_entry(text):
            return
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
            competences["texte"] = joined(competences.get("texte"), text)
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

    def item(self, block: Block, text: str) -> None:
        if self.governance_item(text) or self.glossary_entry(text):
            return
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
            # A principle is a sentence: kept as written, its final full stop too.
            liste.append({"id": make_id(text, self.ids, "principe-"), "texte": text.strip()})
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
            self.action.setdefault("indicateurs", []).append({"libelle": trim(text)})
            self.draft.fields["indicateurs"] += 1
            return
        if self.action is not None and self.text_key in {"partenaires", "copilotes", "quartiers",
                                                          "axes"}:  # fmt: skip
            filled = Filled()
            apply_field(
                self.action, self.text_key, self.text_key, text, actors=self.actors, filled=filled
            )
            self.note_filled(self.action, filled)
            return
        if self.action is not None and self.text_key == _PLACES:
            self.action.setdefault("lieux", []).append(place(trim(text)))
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
        entry: dict[str, Any] = {"id": make_id(title, self.ids), "titre": trim(title)}
        if rest.strip():
            entry["texte"] = rest.strip()
        self.objective.setdefault("sous_objectifs", []).append(entry)
