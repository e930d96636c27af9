"""The note de modification and the new model: moves that renumber, actions outside any plan,
avenants that move the end, and a version without any of the new facts."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from stspd_cli.diff import diff_documents, diff_versions
from stspd_cli.diff.formats import FORMATS, DiffOutput
from stspd_cli.diff.present import present
from stspd_cli.load import load_file
from stspd_cli.model import Document

ROOT = Path(__file__).parents[2]
DEMO = ROOT / "examples" / "demo-fictive.yaml"
# The demo as it was before the model could hold proposals, chapters, levels of governance...
DEMO_BEFORE_THE_NEW_FIELDS = ROOT / "tests" / "outputs" / "entrees" / "demo-fictive.yaml"


@pytest.fixture
def data() -> dict[str, Any]:
    loaded = load_file(DEMO).data
    assert loaded is not None
    return copy.deepcopy(loaded)


def _note(old: dict[str, Any], new: dict[str, Any], fmt: str = "text") -> str:
    before, after = Document.model_validate(old), Document.model_validate(new)
    changes = diff_documents(before, after)
    out = FORMATS[fmt](DiffOutput(changes, present(changes, before, after, "a", "b")))
    assert isinstance(out, str)  # a text format (pdf, docx and odt write bytes)
    return out


def test_a_move_tells_the_renumberings_it_causes(data: dict[str, Any]) -> None:
    new = copy.deepcopy(data)
    moved = new["plans"][0]["actions"].pop(0)  # n°1.1 leaves the first plan...
    for action in new["plans"][0]["actions"]:
        action["numero"] -= 1  # ...and the actions after it take its number
    moved["numero"] = 2
    new["plans"][1]["actions"].append(moved)
    changes = diff_documents(Document.model_validate(data), Document.model_validate(new))
    causes = {(c.kind, c.id): c.cause for c in changes if c.kind in {"moved", "renumbered"}}
    assert causes == {
        ("moved", "presence-educative-soiree"): None,
        ("renumbered", "presence-educative-soiree"): None,
        ("renumbered", "accueil-collegiens-exclus"): "presence-educative-soiree",
        ("renumbered", "chantier-educatif-printemps"): "presence-educative-soiree",
    }
    text = _note(data, new)
    assert (
        "  Action n°2.2 « Présence éducative de soirée »\n"
        "    → déplacée du plan « Plan de prévention de la délinquance des jeunes » vers le plan "
        "« Programme d'aide aux victimes et aux personnes vulnérables »\n"
        "      qui renumérote :\n"
        "        # « Accueil des collégiens exclus temporairement » : n°1.2 → n°1.1\n"
        "        # « Chantier éducatif de printemps » : n°1.3 → n°1.2\n"
        "    # renumérotée : n°1.1 → n°2.2\n"
    ) in text
    # The first plan no longer lists them as changes of its own.
    assert "Plan « Plan de prévention de la délinquance des jeunes »" not in text
    payload = json.loads(_note(data, new, "json"))
    assert {c["cause"] for c in payload["changes"] if c["kind"] == "renumbered"} == {
        None,
        "presence-educative-soiree",
    }


def test_an_action_leaves_its_plan_for_the_transversal_ones(data: dict[str, Any]) -> None:
    new = copy.deepcopy(data)
    action = new["plans"][2]["actions"].pop(1)
    del action["numero"]
    new["actions"].append(action)
    text = _note(data, new)
    assert (
        "Actions transversales (2 modifications)\n"
        "  Action « Participation citoyenne aux Tilleuls-Fictifs »\n"
        "    → déplacée du plan « Schéma de tranquillité publique » vers les actions transversales"
    ) in text
    # Back: the reverse move, and its number comes back (a renumbering of its own).
    back = _note(new, data)
    assert (
        "→ déplacée des actions transversales vers le plan « Schéma de tranquillité publique »"
        in (back)
    )
    assert "# renumérotée : sans numéro → n°3.2" in back


def test_an_avenant_that_moves_the_end_says_it_in_words(data: dict[str, Any]) -> None:
    old = copy.deepcopy(data)
    old["gouvernance"]["avenants"].pop(0)
    text = _note(old, data)
    assert (
        "+ Avenant ajouté : « Prorogation de la stratégie jusqu'au 31 décembre 2027 et abandon de "
        "l'extension de la vidéoprotection aux abords de la gare (plan 3, action 1). » ; période "
        "prorogée du 30 juin 2027 au 31 décembre 2027"
    ) in text
    later = copy.deepcopy(data)
    later["gouvernance"]["avenants"][0]["nouvelle_fin"] = "2028-06"
    assert (
        "~ Nouvelle fin : 31 décembre 2027 → juin 2028 ; période prorogée du 31 décembre 2027 à "
        "juin 2028"
    ) in _note(data, later)


def test_a_version_without_the_new_fields() -> None:
    changes, presentation = diff_versions(str(DEMO_BEFORE_THE_NEW_FIELDS), str(DEMO))
    text = FORMATS["text"](DiffOutput(changes, presentation))
    for said in (
        "~ Libellés des niveaux — Objectif : — → « Priorité »",
        "+ Instance ajoutée",
        "Cellule de veille du quartier de la gare",
        "+ Proposition ajoutée",
        "Proposition « Des habitants référents dans chaque quartier, en lien avec … »",
        "+ Chapitre ajouté",
        "Chapitre 1 – La méthode d'élaboration",
        "Actions transversales (2 modifications)",
        "« Marches exploratoires dans les quartiers »\n    + Action ajoutée",
        "~ Groupe de travail : — → Cellule de veille du quartier de la gare",
        "~ Groupe de travail : — → Groupe de travail jeunesse",
        "Communauté d'agglomération du Val-Fictif\n    + Signataire ajouté",
        "+ Texte de référence ajouté",
        "+ Séance ajoutée",
        "+ Signataire ajouté",
    ):
        assert said in text, said
    kinds = {(c.kind, c.entity) for c in changes}
    assert {
        ("added", "instance"),
        ("added", "proposition"),
        ("added", "chapitre"),
        ("added", "action"),
    } <= kinds
