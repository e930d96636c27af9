"""Rules for a fiche's fields: labelled lines, tables (two columns, funding, indicators), and
the lines below a plan's title that describe it."""

from __future__ import annotations

from typing import Any

from stspd_cli.convert.blocks import TABLE, Block
from stspd_cli.convert.rules import parts
from stspd_cli.convert.rules.draft import ACTION_TEXT, trim
from stspd_cli.convert.rules.fields import (
    Filled,
    add_axes,
    apply_field,
    field_of,
    labelled,
    table_fields,
)
from stspd_cli.convert.rules.frame import FrameRules
from stspd_cli.convert.rules.tables import (
    FundingTotal,
    funding_rows,
    funding_totals,
    indicator_rows,
    reference_rows,
)
from stspd_cli.convert.rules.titles import marker
from stspd_cli.convert.rules.values import split_names
from stspd_cli.convert.words import fold, folded
from stspd_cli.fr import euros_fr


class FicheRules(FrameRules):
    # -- tables ---------------------------------------------------------------------------
    def table(self, block: Block) -> None:
        """A fiche as a two-column table (its first row may name the action), a funding or an
        indicators table of a fiche; any other table is kept as text where it stands."""
        rows = [row for row in block.rows if any(cell.strip() for cell in row)]
        if self.sittings_table(rows):
            return
        if rows and parts.is_table_header(rows[0]):  # « Rubrique | Contenu »
            self.structure.update(c for c in rows[0] if c.strip())
            rows = rows[1:]
        if self.governance_rows(rows):
            return
        if not rows:
            return
        first = next((c for c in rows[0] if c.strip()), "")
        opening = marker(first, "action")
        if opening is not None:
            self.start_action(opening, first, block)
            rest = [c for c in rows[0] if c.strip()][1:]
            assert self.action is not None
            if rest and not opening.rest:
                self.action["titre"] = trim(rest[0])
            rows = rows[1:]
        if self.action is not None:
            if self.fiche_table(rows):
                return
        elif self.own_table(rows):  # an objective's lines, the reference texts
            return
        elif self.plan is not None and all(len([c for c in r if c.strip()]) == 2 for r in rows):
            # The plan's own lines as a table (« Pilote du plan | Ville de Lille »).
            for row in rows:
                label, value = (c for c in row if c.strip())
                self.plan_fact(f"{label} : {value}")
            return
        self.put_text("\n".join(" | ".join(c.strip() for c in row) for row in rows), item=False)

    def own_table(self, rows: list[list[str]]) -> bool:
        if self.objective is not None and self.plan is None and self.objective_table(rows):
            return True
        if self.action is not None:
            return False
        annexes = (
            self.competences_table,
            self.reference_table,
            self.actors_table,
            self.propositions_table,
            self.derived_table,
        )
        return any(read(rows) for read in annexes)

    def caption_above(self, text: str, after: list[Block]) -> bool:
        """« Répartition des compétences » above its table, in the frame: the table's title,
        which stspd writes itself."""
        if self.part != "cadre" or not after or after[0].kind != TABLE:
            return False
        if fold(text) not in folded("repartition", "titres"):
            return False
        self.structure.add(text)
        return True

    def competences_table(self, rows: list[list[str]]) -> bool:
        """« Domaine | Acteurs », in the frame: who holds which competence."""
        header = [fold(cell) for cell in rows[0]] if rows else []
        if self.part != "cadre" or len(header) != 2:
            return False
        if header[0] not in folded("repartition", "domaine"):
            return False
        if header[1] not in folded("repartition", "acteurs"):
            return False
        entries = []
        for row in rows[1:]:
            cells = [cell.strip() for cell in row]
            if len(cells) != 2 or not all(cells):
                return False
            refs = [self.actors.ref(name) for name in split_names(cells[1])]
            entries.append({"domaine": cells[0], "acteurs": refs})
        competences = self.section("cadre", "competences")
        competences.setdefault("repartition", []).extend(entries)
        self.structure.update(c for row in rows for c in row if c.strip())
        return bool(entries)

    def reference_table(self, rows: list[list[str]]) -> bool:
        """The table of the reference texts (our annexes): the date, web address and kind of
        each text the frame already lists; a table that names any other stays as written."""
        read = reference_rows(rows)
        if not read:
            return False
        listed = {fold(r["titre"]): r for r in self.section("cadre").get("references", [])}
        if any(fold(title) not in listed for title, _ in read):
            return False
        for title, fields in read:
            reference = listed[fold(title)]
            kind = fields.pop("type", None)
            if "date" in fields and fields["date"] is None:
                # The table prints no date for it: none read in its title (« du 5 mars 2007 »).
                del fields["date"]
                reference.pop("date", None)
            reference.update(fields)
            if kind and "type" not in reference:
                reference["type"] = kind
        self.above_taken()
        return True

    def objective_table(self, rows: list[list[str]]) -> bool:
        """An objective's own lines as a table (« Axe national | SNPD 2013-2017, programme 1 :
        … »): its national axes; any other line stays as its text."""
        assert self.objective is not None
        pairs = [[c for c in row if c.strip()] for row in rows]
        if not pairs or any(len(pair) != 2 for pair in pairs):
            return False
        if not any(field_of(label.rstrip(" :")) == "axes" for label, _ in pairs):
            return False
        kept = [
            f"{label.strip()} | {value.strip()}"
            for label, value in pairs
            if field_of(label.rstrip(" :")) != "axes" or not add_axes(self.objective, value)
        ]
        if kept:
            self.put_text("\n".join(kept), item=False)
        return True

    def fiche_table(self, rows: list[list[str]]) -> bool:
        assert self.action is not None
        funding = funding_rows(rows)
        if funding is not None:
            self.action.setdefault("financement", []).extend(funding)
            self.draft.fields["financement"] += len(funding)
            self.funding_totals(funding_totals(rows), funding)
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
            if not self.action_objectives(name, value):
                apply_field(self.action, name, label, value, actors=self.actors, filled=filled)
        self.note_filled(self.action, filled)
        taken = {label for _, label, _ in fields}
        for row in rows:
            cells = [c for c in row if c.strip()]
            if cells and cells[0].rstrip(" :") not in taken:
                self.put_text(" : ".join(cells), item=False)
        return True

    def funding_totals(self, totals: list[FundingTotal], lines: list[dict[str, Any]]) -> None:
        """The table's totals, which stspd computes again from its lines: one they make is
        structure (not copied); one they do not make is said above the funding, with both
        figures, and stays among the sentences not placed."""
        assert self.action is not None
        for total in totals:
            made = total.sum_of(lines)
            if made is None or total.written is None:
                continue  # « dont FIPD », or a total row without an amount: left as written
            if abs(made - total.written) < 0.005:
                self.structure.update(total.cells)
                continue
            label = total.cells[0] if total.cells else "Total"
            self.draft.check(
                self.action,
                "financement",
                f"le document écrit « {label} : {euros_fr(total.written)} », ses lignes font "
                f"{euros_fr(made)} : stspd imprimera {euros_fr(made)}",
            )

    def fiche_line(self, text: str) -> bool:
        if self.part in {None, "presentation"} and self.action is None and self.cover_lines(text):
            return True
        if self.plan is not None and self.action is None and parts.plan_line(text):
            self.plan_fact(text)
            return True
        found = labelled(text)
        if found is None:
            return False
        name, label, value = found
        if self.action_objectives(name, value):
            return True
        if name == "axes" and self.action is None and self.plan is None and self.objective:
            return add_axes(self.objective, value)  # « Axe national : » below an objective
        if self.action is not None:
            filled = Filled()
            apply_field(self.action, name, label, value, actors=self.actors, filled=filled)
            self.note_filled(self.action, filled)
            # The paragraphs and lists below a label are its text, up to the next label (a
            # « Constat » whose list follows its first sentence); a label with its value on
            # the line closes the text before it.
            if not value or name in ACTION_TEXT:
                self.text_key = name
            else:
                self.text_key = None
            return True
        if self.plan is not None and name == "pilote":
            self.plan["pilote"] = self.actors.ref(value)
            self.draft.fields["pilote"] += 1
            return True
        return False

    def action_objectives(self, name: str, value: str) -> bool:
        """« Priorité : 1. Agir plus tôt… », on a line or in a fiche's table: the objectives
        the action serves, when the document has them (else the line stays as written)."""
        if self.action is None or name != "objectifs":
            return False
        refs = self.objective_refs(value)
        if refs:
            self.action["objectifs"] = refs
            self.draft.fields["objectifs"] += 1
        return bool(refs)

    def cover_lines(self, text: str) -> bool:
        """A cover's lines, one field a line, even where they share a paragraph (a Word line
        break: « Département : …↵Intercommunalité : … ») or a PDF's line (« Département : …
        Intercommunalité : … »); a paragraph with any other line is read as a whole."""
        lines = [piece for line in text.split("\n") for piece in parts.cover_pieces(line)]
        if len(lines) > 1 and all(parts.cover_field(line) is not None for line in lines):
            for line in lines:
                if not self.cover(line):  # a value it cannot read stays as the text it was
                    self.put_text(line, item=False)
            return True
        return self.cover(text)

    def note_filled(self, owner: dict[str, Any], filled: Filled) -> None:
        self.draft.fields.update(filled.fields)
        for path, text in filled.checks:
            self.draft.check(owner, str(path[0]), text)
