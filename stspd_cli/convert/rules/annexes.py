"""The annexes' tables the model holds (``annexes_lues`` in data/convertir.yaml): the actors,
with the type, presentation, web address and contacts the document gives them (instead of a
type guessed from a name), and the propositions, with their origin, date, whether they were
kept and the actions that took them up. A table with a row it cannot read stays as written."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from stspd_cli.convert.rules.actors import split_sigle
from stspd_cli.convert.rules.draft import State, all_actions
from stspd_cli.convert.rules.titles import make_id, marker
from stspd_cli.convert.rules.values import one_date
from stspd_cli.convert.words import fold, folded, model_words, vocabulary

_URL = re.compile(r"https?://\S+")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"^t[ée]l\.?\s*(.+)$", re.IGNORECASE)


def _columns(header: list[str], names: dict[str, list[str]]) -> dict[str, int]:
    found: dict[str, int] = {}
    folded_header = [fold(cell) for cell in header]
    for key, words in names.items():
        wanted = {fold(str(word)) for word in words}
        index = next((i for i, cell in enumerate(folded_header) if cell in wanted), None)
        if index is not None and index not in found.values():
            found[key] = index
    return found


def contact(text: str) -> dict[str, Any] | None:
    """« accueil du service prévention – prevention@val-fictif.example – tél. 01 99 00 00 01 »
    (the feuille de route's way): name and function, e-mail, telephone; None when a piece is
    none of them."""
    entry: dict[str, Any] = {}
    for index, piece in enumerate(p.strip() for p in text.split(" – ")):
        phone = _PHONE.match(piece)
        if _EMAIL.fullmatch(piece):
            entry["courriel"] = piece
        elif phone:
            entry["telephone"] = phone[1].strip()
        elif index == 0 and piece:
            name, comma, function = piece.partition(", ")
            if comma:
                entry["nom"], entry["fonction"] = name, function
            else:
                entry["fonction"] = piece
        else:
            return None
    return entry or None


_PROPOSALS = re.compile(
    r"^(?P<kept>\d+) propositions? retenues? sur (?P<all>\d+)"
    r"(?:, dont (?P<taken>\d+) reprises? dans une (?:fiche-)?action)?\.?$"
)


class AnnexRules(State):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.typed: set[str] = set()  # actors whose type the document wrote: no guess to check
        self.glossary = False  # under the heading of the glossary of acronyms
        self.glossary_heading: str | None = None  # for the chapter, if text follows it
        self.glossary_sigle: str | None = None  # an acronym alone, before its expansion

    def glossary_title(self, text: str, level: int) -> bool:
        """« Glossaire des sigles » in the annexes: its entries are checked one by one."""
        self.glossary = self.part == "annexes" and fold(text) in folded("annexes_lues", "glossaire")
        self.glossary_heading = None  # another heading: the glossary, if any, is over
        if self.glossary_sigle is not None:
            held, self.glossary_sigle = self.glossary_sigle, None
            self.put_text(held, item=False)
        if not self.glossary:
            return False
        self.glossary_heading = f"{'#' * max(3, min(6, level))} {text}"
        self.structure.add(text)
        return True

    def glossary_entry(self, text: str) -> bool:
        """An entry of the glossary that stspd writes again from the data: not copied. An
        acronym alone on its paragraph (LibreOffice's definition list) waits for the next one,
        its expansion."""
        from stspd_cli.convert.rules import derived  # noqa: PLC0415

        if not self.glossary:
            return False
        held, self.glossary_sigle = self.glossary_sigle, None
        entry = f"{held} {text}" if held else text
        if derived.glossary_matches(entry, self.actors.entries):
            # The paragraphs as the source wrote them: a label joined to its value is two.
            self.structure.update((entry, text, *text.split(" : ", 1), *([held] if held else [])))
            return True
        if held:
            self.put_text(held, item=False)
        elif derived.is_acronym(text, self.actors.entries):
            self.glossary_sigle = text
            return True
        return False

    def glossary_rows(self, rows: list[list[str]]) -> bool:
        """The glossary as a two-column table (Word, LibreOffice): each row an entry."""
        from stspd_cli.convert.rules import derived  # noqa: PLC0415

        entries = [" ".join(cell.strip() for cell in row if cell.strip()) for row in rows]
        if not self.glossary or not entries:
            return False
        if not all(derived.glossary_matches(e, self.actors.entries) for e in entries):
            return False
        self.structure.update(cell for row in rows for cell in row if cell.strip())
        return True

    def put_text(self, text: str, *, item: bool) -> None:
        """Text under the glossary's heading that is not stspd's: the heading goes first."""
        if self.glossary_heading is not None:
            heading, self.glossary_heading = self.glossary_heading, None
            super().put_text(heading, item=False)
        super().put_text(text, item=item)

    def actors_table(self, rows: list[list[str]]) -> bool:
        """« Acteur | Type | Présentation | Contacts »: each actor's facts."""
        names = vocabulary()["annexes_lues"]["acteurs"]
        columns = _columns(rows[0], names) if rows else {}
        if "nom" not in columns or "type" not in columns:
            return False
        kinds = model_words("type_acteur")
        read: list[tuple[str, dict[str, Any]]] = []
        for row in rows[1:]:
            cell = {key: row[i].strip() for key, i in columns.items() if i < len(row)}
            facts: dict[str, Any] = {}
            shown = cell.get("type", "")
            if shown:
                if fold(shown) not in kinds:
                    return False  # a kind the model does not know: the table stays as written
                facts["type"] = kinds[fold(shown)]
            about = cell.get("description", "")
            address = _URL.search(about)
            if address:
                facts["url"] = address[0]
                about = (about[: address.start()] + about[address.end() :]).strip()
            if about:
                facts["description"] = about
            people = [line for line in cell.get("contacts", "").split("\n") if line.strip()]
            found = [contact(line) for line in people]
            if any(entry is None for entry in found):
                return False
            if found:
                facts["contacts"] = found
                self.structure.update(people)  # « … – tél. 01 99 00 00 01 »: all in the YAML
            if not cell.get("nom"):
                return False
            read.append((cell["nom"], facts))
        listed: list[str] = []
        for shown, facts in read:
            name, sigle = split_sigle(shown)
            ident = self.actors.ref(name, sigle=sigle)
            actor = next(a for a in self.actors.entries if a["id"] == ident)
            actor.update(facts)
            if sigle:
                actor.setdefault("sigle", sigle)
            if "type" in facts:
                self.typed.add(ident)
            listed.append(ident)
        # The table's order is the document's: the actors in it first, in it, then the others.
        rank = {ident: index for index, ident in enumerate(listed)}
        self.actors.entries.sort(key=lambda a: rank.get(a["id"], len(rank)))
        self.structure.update(c for c in rows[0] if c.strip())
        at = columns["type"]
        self.structure.update(row[at] for row in rows[1:] if at < len(row))  # « Commune »
        self.above_taken()
        return True

    def propositions_table(self, rows: list[list[str]]) -> bool:
        """« Proposition | Origine | Date | Retenue | Reprise dans »: the propositions, each
        linked to the actions (by title) that took it up."""
        names = vocabulary()["annexes_lues"]["propositions"]
        columns = _columns(rows[0], names) if rows else {}
        if "texte" not in columns or "retenue" not in columns:
            return False
        yes, no = set(folded("annexes_lues", "oui")), set(folded("annexes_lues", "non"))
        read: list[dict[str, Any]] = []
        for row in rows[1:]:
            cell = {key: row[i].strip() for key, i in columns.items() if i < len(row)}
            if not cell.get("texte"):
                return False
            entry: dict[str, Any] = {"id": "", "texte": cell["texte"]}
            if cell.get("origine"):
                entry["origine"] = cell["origine"]
            if cell.get("date"):
                when = one_date(cell["date"])
                if when is None:
                    return False
                entry["date"] = when
            kept = fold(cell.get("retenue", ""))
            if kept in yes or kept in no:
                entry["retenue"] = kept in yes
            taken = self._actions_named(cell.get("actions", ""))
            if taken is None:
                return False
            if taken:
                entry["actions"] = taken
            read.append(entry)
        for entry in read:
            entry["id"] = make_id(f"proposition {entry['texte']}", self.ids)
        self._list("propositions").extend(read)
        self.structure.update(c for c in rows[0] if c.strip())
        counts = (sum(e.get("retenue") is True for e in read), len(read),
                  sum(bool(e.get("actions")) for e in read))  # fmt: skip
        self.above_taken(lambda text: _counted(text, counts))
        return True

    def derived_table(self, rows: list[list[str]]) -> bool:
        """« Qui fait quoi » or the funding summary, in the annexes, when every row is what the
        fiches make (:mod:`.derived`): stspd's own table, printed again from the data."""
        from stspd_cli.convert.rules import derived  # noqa: PLC0415

        if self.part != "annexes":
            return False
        if self.glossary_rows(rows):
            return True
        data = self.draft.data
        if not (derived.roles_match(rows, data, self.actors.find)
                or derived.summary_matches(rows, data)):  # fmt: skip
            return False
        self.structure.update(cell for row in rows for cell in row if cell.strip())
        self.above_taken(derived.stspd_sentence)
        return True

    def above_taken(self, derived: Callable[[str], bool] | None = None) -> None:
        """A table of the annexes read into the model: the heading above it in the chapter
        (« ### Les acteurs »), and a sentence stspd writes again from the data (``derived``),
        are structure, not the chapter's text."""
        chapters = self.draft.data.get("chapitres", [])
        holder = self.holder
        if holder is None or not any(c is holder for c in chapters):
            return
        paragraphs = [p for p in str(holder.get("texte", "")).split("\n\n") if p]
        if derived is not None and paragraphs and derived(paragraphs[-1]):
            self.structure.add(paragraphs.pop())
        if paragraphs and paragraphs[-1].startswith("#") and "\n" not in paragraphs[-1]:
            self.structure.add(paragraphs.pop().lstrip("#").strip())
        if paragraphs:
            holder["texte"] = "\n\n".join(paragraphs)
        else:
            holder.pop("texte", None)

    def _actions_named(self, text: str) -> list[str] | None:
        """The identifiers of the actions a cell names by their titles (« Action n°3.2 :
        Participation… », or the bare title), in order; None when a title is no action's."""
        if not text.strip():
            return []
        titles = {fold(a["titre"]): a["id"] for a in all_actions(self.draft.data)}
        found = marker(text, "action")
        wanted = fold(found.rest if found is not None and found.rest else text)
        ident = titles.get(wanted)
        return [ident] if ident else None


def _counted(text: str, counts: tuple[int, int, int]) -> bool:
    """« 3 propositions retenues sur 4, dont 2 reprises dans une action. » with the table's
    own counts: what stspd writes again above it."""
    match = _PROPOSALS.match(text.strip())
    if match is None:
        return False
    kept, total, taken = counts
    said_taken = int(match["taken"]) if match["taken"] else taken
    return (int(match["kept"]), int(match["all"]), said_taken) == (kept, total, taken)
