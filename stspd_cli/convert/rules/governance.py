"""The governance as the feuilles de route show it (``gouvernance_lue`` in data/convertir.yaml):
a sub-heading for each level (« Niveau décisionnel »), an instance under each title with its
« Rythme : » and « Membres : » lines and its text; « Membres du conseil » and its list; the
table of sittings; the working groups, each with its pilot, members and text; « Présidence : ».
Whatever else the part holds stays in its chapter, as written."""

from __future__ import annotations

from functools import cache
from typing import Any

from stspd_cli.convert.blocks import Block
from stspd_cli.convert.rules.amendments import amendment_line
from stspd_cli.convert.rules.annexes import AnnexRules
from stspd_cli.convert.rules.draft import trim
from stspd_cli.convert.rules.titles import make_id
from stspd_cli.convert.rules.values import one_date, split_names
from stspd_cli.convert.words import fold, folded, model_words, vocabulary


def _words(key: str) -> tuple[str, ...]:
    return folded("gouvernance_lue", key)


@cache
def line_labels() -> frozenset[str]:
    """The labels of the governance's lines (« Présidence », « Rythme »...) and of the
    cross-references (« Suivi par »), folded: a label written above its value is joined to it,
    as a fiche's are."""
    keys = ("presidence", "rythme", "membres_ligne", "pilote")
    links = ("plans", "groupe", "propositions", "financement")  # rules/links.py
    return frozenset(
        [*(word for key in keys for word in _words(key)),
         *(word for key in links for word in folded("renvois", key))]
    )  # fmt: skip


def _sitting_kinds() -> dict[str, str]:
    """« seance pleniere », « pleniere », « formation restreinte »... -> the model's kind."""
    found = dict(model_words("type_seance"))
    for label, key in model_words("type_seance").items():
        found.setdefault(label.split()[-1], key)  # « plénière », « restreinte »
        found.setdefault(key.replace("_", " "), key)
    return found


class GovernanceRules(AnnexRules):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.gov_chapter: dict[str, Any] | None = None  # the part's chapter: what is not read
        self.gov_chapter_level = 0
        self.gov_level: str | None = None  # the level the last sub-heading named
        self.gov_list: str | None = None  # « instances », « membres », « seances », « groupes »
        self.gov_entry: dict[str, Any] | None = None  # the instance or group being filled
        self.gov_pending: str | None = None  # a sub-heading, for the chapter if text follows

    def governance_opened(self, level: int) -> None:
        self.gov_chapter, self.gov_chapter_level = self.holder, level
        self.gov_level = self.gov_list = self.gov_pending = None
        self.gov_entry = None

    def governance_closed(self) -> None:
        self.gov_chapter = None
        self.gov_level = self.gov_list = self.gov_pending = None
        self.gov_entry = None

    def put_text(self, text: str, *, item: bool) -> None:
        """Text the rules do not read, under a sub-heading they took: the heading goes to the
        chapter first, above it."""
        if self.gov_pending is not None and self.holder is self.gov_chapter:
            pending, self.gov_pending = self.gov_pending, None
            super().put_text(pending, item=False)
        super().put_text(text, item=item)

    def _taken(self) -> None:
        """Something under the last sub-heading was read: the heading was structure."""
        self.gov_pending = None

    def _back_to_chapter(self) -> None:
        self.gov_entry = None
        if self.gov_chapter is not None:
            self.holder, self.text_key = self.gov_chapter, "texte"
            self.holder_level = self.gov_chapter_level

    def governance_heading(self, text: str, level: int, after: list[Block]) -> bool:
        """« Avenants » above its amendments (anywhere), or a sub-heading of the governance
        part: a level, a list, or an entry's title."""
        folded_text = fold(text)
        if folded_text in {"avenant", "avenants"} and after and amendment_line(after[0].text):
            self.structure.add(text)  # the amendments' heading: each is an entry below
            return True
        if self.part != "gouvernance" or self.gov_chapter is None:
            return False
        found = model_words("niveau_instance").get(folded_text)
        heading = f"{'#' * max(3, min(6, level))} {text}"
        if found is not None:
            self._back_to_chapter()
            self.gov_level, self.gov_list, self.gov_pending = found, "instances", heading
            self.structure.add(text)
            return True
        for key in ("membres", "seances", "groupes"):
            if folded_text in _words(key):
                self._back_to_chapter()
                self.gov_list, self.gov_pending = key, heading
                self.structure.add(text)
                return True
        if self.gov_list not in {"instances", "groupes"} or level <= self.gov_chapter_level:
            return False
        gouvernance = self.section("gouvernance")
        if self.gov_list == "instances":
            entry: dict[str, Any] = {"id": make_id(text, self.ids), "nom": trim(text)}
            if self.gov_level:
                entry["niveau"] = self.gov_level
            gouvernance.setdefault("instances", []).append(entry)
        else:
            entry = {"id": make_id(text, self.ids), "titre": trim(text)}
            gouvernance.setdefault("groupes_travail", []).append(entry)
        self.gov_entry = entry
        self.holder, self.text_key, self.holder_level = entry, "description", level
        self._taken()
        return True

    def governance_line(self, text: str) -> bool:
        """« Présidence : Ville de Val-Fictif », or an entry's « Rythme : », « Membres : »,
        « Pilote : »."""
        if self.part != "gouvernance" or self.gov_chapter is None:
            return False
        label, colon, value = text.partition(":")
        value = value.strip()
        if not colon or not value or "\n" in value:
            return False
        label_folded = fold(label)
        gouvernance = self.section("gouvernance")
        if label_folded in _words("presidence") and "president" not in gouvernance:
            if len(split_names(value)) != 1:
                return False
            gouvernance["president"] = self.actors.ref(value)
            self.structure.update((text, label.strip()))  # the whole line is in the YAML now
            return True
        entry = self.gov_entry
        if entry is None:
            return False
        if label_folded in _words("rythme") and "nom" in entry and "rythme" not in entry:
            entry["rythme"] = value
        elif label_folded in _words("membres_ligne") and "membres" not in entry:
            entry["membres"] = [self.actors.ref(name) for name in split_names(value)]
        elif label_folded in _words("pilote") and "titre" in entry and "pilote" not in entry:
            if len(split_names(value)) != 1:
                return False
            entry["pilote"] = self.actors.ref(value)
        else:
            return False
        self.structure.update((text, label.strip()))  # « Rythme » alone: a table's cell
        return True

    def governance_item(self, text: str) -> bool:
        """An item of « Membres du conseil »: a member; an entry's « Rythme : … » as a list
        item (Markdown)."""
        if self.governance_line(text):
            return True
        if self.part != "gouvernance" or self.gov_list != "membres":
            return False
        members = self.section("gouvernance").setdefault("membres", [])
        ref = self.actors.ref(trim(text))
        if ref not in members:
            members.append(ref)
        self._taken()
        return True

    def governance_rows(self, rows: list[list[str]]) -> bool:
        """« Présidence | Ville de Val-Fictif », « Rythme | … » as a two-column table (Word,
        LibreOffice): each row as its line would be; any other row leaves the table as is."""
        pairs = [[cell for cell in row if cell.strip()] for row in rows]
        if not pairs or self.part != "gouvernance" or any(len(pair) != 2 for pair in pairs):
            return False
        lines = [f"{label.strip()} : {value.strip()}" for label, value in pairs]
        if not all(self._line_fits(line) for line in lines):
            return False
        for line in lines:
            self.governance_line(line)
        return True

    def _line_fits(self, line: str) -> bool:
        label = fold(line.partition(":")[0])
        if label in _words("presidence"):
            return True
        return self.gov_entry is not None and any(
            label in _words(key) for key in ("rythme", "membres_ligne", "pilote")
        )

    def sittings_table(self, rows: list[list[str]]) -> bool:
        """« Date | Instance | Objet »: the sittings, each date at its precision; a row whose
        date cannot be read leaves the whole table as written."""
        if self.part != "gouvernance" or not rows:
            return False
        columns: dict[str, int] = {}
        names = vocabulary()["gouvernance_lue"]["colonnes_seances"]
        header = [fold(cell) for cell in rows[0]]
        for key, words in names.items():
            for index, heading in enumerate(header):
                if heading in {fold(str(w)) for w in words}:
                    columns.setdefault(key, index)
        if "date" not in columns or len(columns) < 2:
            return False
        kinds = _sitting_kinds()
        sittings: list[dict[str, Any]] = []
        for row in rows[1:]:
            cell = {key: row[i].strip() for key, i in columns.items() if i < len(row)}
            when = one_date(cell.get("date", ""))
            shown = cell.get("type", "")
            kind = kinds.get(fold(shown))
            if when is None or (shown and kind is None):
                return False  # a kind the model does not know: the table stays as written
            sitting: dict[str, Any] = {"date": when}
            if kind:
                sitting["type"] = kind
                self.structure.add(shown)  # « Formation restreinte »: the model's kind
            if cell.get("objet"):
                sitting["objet"] = cell["objet"]
            sittings.append(sitting)
        known = self.section("gouvernance").setdefault("seances", [])
        for sitting in sittings:  # the adoption's sitting, read from a sentence, is one of them
            same = next((s for s in known if s["date"] == sitting["date"]
                         and s.get("type") == sitting.get("type")), None)  # fmt: skip
            if same is not None:
                same.update(sitting)
            else:
                known.append(sitting)
        self.structure.update(c for c in rows[0] if c.strip())
        self._taken()
        return True
