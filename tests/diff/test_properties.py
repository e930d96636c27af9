"""Property tests: diff(a, a) is empty; random edits are reported exactly, no more, no less."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stspd_cli.diff import diff_documents
from stspd_cli.load import load_file
from stspd_cli.model import Document

DEMO = Path(__file__).parents[2] / "examples" / "demo-fictive.yaml"
_LOADED = load_file(DEMO).data
assert _LOADED is not None
_BASE: dict[str, Any] = _LOADED
STATUSES = ["prevue", "en_cours", "realisee", "suspendue", "abandonnee"]
EDITS = ["statut", "titre", "avancement", "move", "renumber", "partner", "measure", "remove"]

Expected = set[tuple[str, str, str | None, str | None]]


def _actions(data: dict[str, Any]) -> list[tuple[int, int]]:
    return [(p, a) for p, plan in enumerate(data["plans"]) for a in range(len(plan["actions"]))]


def _apply(data: dict[str, Any], edit: str, where: tuple[int, int], draw: Any) -> Expected:
    """Apply one edit to one action in place; return the changes it must produce."""
    p, a = where
    action = data["plans"][p]["actions"][a]
    ident = action["id"]
    if edit == "statut":
        new = draw(st.sampled_from([s for s in STATUSES if s != action.get("statut")]))
        action["statut"] = new
        return {("modified", "action", ident, "statut")}
    if edit == "titre":
        action["titre"] = action["titre"] + " (révisée)"
        return {("modified", "action", ident, "titre")}
    if edit == "avancement":
        values = [v for v in range(0, 101, 5) if v != action.get("avancement")]
        action["avancement"] = draw(st.sampled_from(values))
        return {("modified", "action", ident, "avancement")}
    if edit == "renumber":
        action["numero"] = action["numero"] + 100
        return {("renumbered", "action", ident, "numero")}
    if edit == "partner":
        action["partenaires"] = [*action.get("partenaires", []), "acteur-nouveau-fictif"]
        return {("modified", "action", ident, "partenaires")}
    if edit == "measure":
        if not action.get("indicateurs"):
            action["commentaire"] = "Point d'étape ajouté."
            return {("modified", "action", ident, "commentaire")}
        indicator = action["indicateurs"][0]
        indicator.setdefault("mesures", []).append({"date": "2030-01-01", "valeur": 1})
        return {("added", "mesure", f"{ident}/{indicator['libelle']}/2030-01-01", None)}
    return set()  # move and remove are applied by the caller (they change list shapes)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_edits_are_reported_exactly(data: st.DataObject) -> None:
    doc = copy.deepcopy(_BASE)
    places = _actions(doc)
    chosen = data.draw(st.lists(st.sampled_from(places), unique=True, max_size=5))
    expected: Expected = set()
    moves: list[tuple[int, int]] = []
    removals: list[tuple[int, int]] = []
    for where in chosen:
        edit = data.draw(st.sampled_from(EDITS))
        if edit == "move":
            moves.append(where)
        elif edit == "remove":
            removals.append(where)
        else:
            expected |= _apply(doc, edit, where, data.draw)
    # Detach moved and removed actions last, from the end, so indexes stay valid.
    detached = []
    for p, a in sorted(moves + removals, reverse=True):
        detached.append(((p, a), doc["plans"][p]["actions"].pop(a)))
    for (p, _a), action in detached:
        if (p, _a) in removals:
            expected.add(("removed", "action", action["id"], None))
            continue
        target = (p + 1) % len(doc["plans"])
        doc["plans"][target]["actions"].append(action)
        expected.add(("moved", "action", action["id"], "plan"))
        # A moved action keeps the edits already recorded for it; nothing else changes.
    doc["acteurs"].append({"id": "acteur-nouveau-fictif", "nom": "Acteur nouveau (fictif)"})
    expected.add(("added", "acteur", "acteur-nouveau-fictif", None))
    changes = diff_documents(Document.model_validate(_BASE), Document.model_validate(doc))
    found = {(c.kind, c.entity, c.id, c.field) for c in changes}
    assert found == expected
    assert len(changes) == len(found)  # no change reported twice


@settings(max_examples=30, deadline=None)
@given(st.permutations(range(len(_BASE["acteurs"]))))
def test_diff_of_a_document_with_itself_is_empty(order: list[int]) -> None:
    doc = copy.deepcopy(_BASE)
    doc["acteurs"] = [doc["acteurs"][i] for i in order]
    assert diff_documents(Document.model_validate(_BASE), Document.model_validate(doc)) == []
