"""A draft of the feuille de route (``stspd render --brouillon``): a strategy that still has
errors, printed the evening before a plenary to be read and corrected, never to be handed out.

The document is rendered from what can be read (:mod:`stspd_cli.checks.prune`); every page says
« BROUILLON »; each finding is shown next to the fiche, plan or objective it concerns, and all
are listed in an annex with their line. A public draft shows no finding about a restricted part
(its message could quote what the public version leaves out).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from stspd_cli.findings import Finding, Path_, Severity
from stspd_cli.fr import plural
from stspd_cli.render.views import anchor

if TYPE_CHECKING:
    from stspd_cli.model import Document

MARK = "BROUILLON"
# The lists whose items are shown under an anchor of their own (render.views.anchor).
_PLACES = {
    "plans": "plan",
    "actions": "action",
    "objectifs": "objectif",
    "acteurs": "acteur",
    "propositions": "proposition",
    "groupes_travail": "groupe",
    "instances": "instance",
}
_WORDS = {Severity.ERROR: "erreur", Severity.WARNING: "avertissement"}


@dataclass(frozen=True, slots=True)
class DraftNote:
    """One finding as the draft shows it."""

    gravite: str  # « erreur » or « avertissement »
    code: str
    ligne: int
    colonne: int
    message: str
    place: str | None  # the anchor of the fiche, plan or objective it concerns

    @property
    def where(self) -> str:
        """« ligne 24, colonne 17 », or « fichier » for a finding about the whole file."""
        return f"ligne {self.ligne}, colonne {self.colonne}" if self.ligne else "fichier"


@dataclass(frozen=True, slots=True)
class Draft:
    """What a draft shows of the findings of its strategy."""

    file: str
    notes: list[DraftNote] = field(default_factory=list)
    mark: str = MARK
    hidden: int = 0  # findings about a restricted part, left out of a public draft

    @property
    def errors(self) -> int:
        return sum(n.gravite == _WORDS[Severity.ERROR] for n in self.notes)

    @property
    def warnings(self) -> int:
        return sum(n.gravite == _WORDS[Severity.WARNING] for n in self.notes)

    @property
    def summary(self) -> str:
        """« BROUILLON : 2 erreurs et 1 avertissement à corriger avant diffusion ».."""
        counts = f"{plural(self.errors, 'erreur')} et {plural(self.warnings, 'avertissement')}"
        hidden = (
            f", et {plural(self.hidden, 'autre problème', 'autres problèmes')} dans des parties "
            "en diffusion restreinte (voir le brouillon interne, --interne)"
            if self.hidden
            else ""
        )
        return f"{self.mark} : {counts} à corriger avant diffusion ({self.file}){hidden}"

    def at(self, place: str) -> list[DraftNote]:
        return [n for n in self.notes if n.place == place]

    def placed(self, shown: set[str]) -> Draft:
        """The same notes, those whose place is not in the document (an action that could not
        be read) listed in the annex only."""
        notes = [n if n.place in shown else _unplaced(n) for n in self.notes]
        return Draft(self.file, notes, self.mark, self.hidden)


def _unplaced(note: DraftNote) -> DraftNote:
    return DraftNote(note.gravite, note.code, note.ligne, note.colonne, note.message, None)


def draft_of(findings: list[Finding], data: dict[str, Any], file: str, *, interne: bool) -> Draft:
    """The draft's notes: each finding with the anchor of what it concerns, in file order; in
    a public draft, none about a part in restricted diffusion."""
    notes = []
    hidden = 0
    shared = _shared_anchors(data)
    for finding in sorted(findings):
        place, restricted = _place(data, finding.path)
        if restricted and not interne:
            hidden += 1
            continue
        if place in shared:  # two fiches with one id: which one is meant, the annex says
            place = None
        notes.append(
            DraftNote(
                gravite=_WORDS[finding.severity],
                code=finding.code,
                ligne=finding.line,
                colonne=finding.column,
                message=finding.message,
                place=place,
            )
        )
    return Draft(file, notes, hidden=hidden)


def _place(data: Any, path: Path_) -> tuple[str | None, bool]:
    """(anchor of the innermost fiche, plan, objective... on ``path``, whether a part on it is
    restricted), read in the file's data."""
    node, place, restricted, parent = data, None, False, ""
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict):
            restricted = restricted or node.get("diffusion") == "restreinte"
            kind = _PLACES.get(parent) if isinstance(part, int) else None
            if kind and isinstance(node.get("id"), str):
                place = anchor(kind, node["id"])
        parent = part if isinstance(part, str) else parent
    return place, restricted


def _shared_anchors(data: Any) -> set[str]:
    """The anchors two items of the file share (an id given twice, I001)."""
    seen: set[str] = set()
    shared: set[str] = set()

    def walk(node: Any, key: str) -> None:
        if isinstance(node, dict):
            for child_key, child in node.items():
                walk(child, str(child_key))
        elif isinstance(node, list):
            kind = _PLACES.get(key)
            for item in node:
                if kind and isinstance(item, dict) and isinstance(item.get("id"), str):
                    place = anchor(kind, item["id"])
                    (shared if place in seen else seen).add(place)
                walk(item, "")

    walk(data, "")
    return shared


def anchors_of(doc: Document) -> set[str]:
    """The anchors a rendered document holds: where a note can be shown."""
    places = {anchor("plan", p.id) for p in doc.plans}
    places |= {anchor("action", ref.action.id) for ref in doc.iter_actions()}
    places |= {anchor("objectif", o.id) for o in doc.objectifs}
    return places
