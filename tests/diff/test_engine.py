"""The diff engine on the fictional demo: each kind of change, and what is not a change."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from stspd_cli.diff import diff_documents
from stspd_cli.load import load_file
from stspd_cli.model import Document

DEMO = Path(__file__).parents[2] / "examples" / "demo-fictive.yaml"


@pytest.fixture(scope="module")
def base_data() -> dict[str, Any]:
    data = load_file(DEMO).data
    assert data is not None
    return data


def model(data: dict[str, Any]) -> Document:
    return Document.model_validate(data)


def kinds(old: dict[str, Any], new: dict[str, Any]) -> set[tuple[str, str, str | None, str | None]]:
    return {(c.kind, c.entity, c.id, c.field) for c in diff_documents(model(old), model(new))}


def test_same_document_has_no_change(base_data: dict[str, Any]) -> None:
    assert diff_documents(model(base_data), model(base_data)) == []


def test_status_change_is_one_modification(base_data: dict[str, Any]) -> None:
    new = copy.deepcopy(base_data)
    action = new["plans"][0]["actions"][0]
    action["statut"] = "suspendue"
    changes = diff_documents(model(base_data), model(new))
    assert [(c.kind, c.field, c.old, c.new) for c in changes] == [
        ("modified", "statut", "en_cours", "suspendue")
    ]
    assert changes[0].path == "plans[0].actions[0].statut"
    assert changes[0].id == action["id"]
    assert changes[0].plan == new["plans"][0]["id"]


def test_retitled_action_is_modified_not_replaced(base_data: dict[str, Any]) -> None:
    new = copy.deepcopy(base_data)
    new["plans"][0]["actions"][1]["titre"] = "Un tout autre titre"
    ident = new["plans"][0]["actions"][1]["id"]
    assert kinds(base_data, new) == {("modified", "action", ident, "titre")}


def test_moved_and_renumbered(base_data: dict[str, Any]) -> None:
    new = copy.deepcopy(base_data)
    action = new["plans"][0]["actions"].pop(2)
    action["numero"] = 9
    new["plans"][1]["actions"].append(action)
    assert kinds(base_data, new) == {
        ("moved", "action", action["id"], "plan"),
        ("renumbered", "action", action["id"], "numero"),
    }


def test_reordering_is_not_a_change(base_data: dict[str, Any]) -> None:
    new = copy.deepcopy(base_data)
    new["plans"][0]["actions"].reverse()
    new["acteurs"].reverse()
    new["objectifs"].reverse()
    new["plans"][0]["actions"][-1]["partenaires"].reverse()
    assert kinds(base_data, new) == set()


def test_added_measure_and_removed_action(base_data: dict[str, Any]) -> None:
    new = copy.deepcopy(base_data)
    indicator = new["plans"][0]["actions"][0]["indicateurs"][0]
    indicator["mesures"].append({"date": "2026-09-30", "valeur": 140})
    removed = new["plans"][1]["actions"].pop(0)
    found = kinds(base_data, new)
    action_id = new["plans"][0]["actions"][0]["id"]
    assert found == {
        ("added", "mesure", f"{action_id}/{indicator['libelle']}/2026-09-30", None),
        ("removed", "action", removed["id"], None),
    }


def test_metadata_changes(base_data: dict[str, Any]) -> None:
    new = copy.deepcopy(base_data)
    new["strategie"]["version"] = "2027"
    new["strategie"]["periode"]["fin"] = "2028-06-30"
    new["strategie"]["referentiel"] = "snpd-2025-2030"
    new["gouvernance"]["signataires"].pop()
    found = kinds(base_data, new)
    removed_signatory = base_data["gouvernance"]["signataires"][-1]["acteur"]
    assert found == {
        ("modified", "strategie", None, "version"),
        ("modified", "strategie", None, "periode.fin"),
        ("modified", "strategie", None, "referentiel"),
        ("removed", "signataire", removed_signatory, None),
    }


def test_funding_lines_are_matched_by_source_and_year(base_data: dict[str, Any]) -> None:
    new = copy.deepcopy(base_data)
    lines = new["plans"][0]["actions"][0]["financement"]
    lines.reverse()
    assert kinds(base_data, new) == set()
    lines.append({"source": "FIPD", "montant": 1000, "annee": 2027})
    ident = new["plans"][0]["actions"][0]["id"]
    assert kinds(base_data, new) == {("added", "financement", f"{ident}/FIPD 2027", None)}
    lines.pop()
    line = next(x for x in lines if (x["source"], x["annee"]) == ("FIPD", 2026))
    line["montant"] = 18000
    changes = diff_documents(model(base_data), model(new))
    assert [(c.kind, c.entity, c.id, c.field, c.old, c.new) for c in changes] == [
        ("modified", "financement", f"{ident}/FIPD 2026", "montant", 12500, 18000)
    ]


def test_contacts_and_signatories_are_matched_by_what_names_them(
    base_data: dict[str, Any],
) -> None:
    new = copy.deepcopy(base_data)
    holder = next(a for a in new["acteurs"] if a.get("contacts"))
    contact = holder["contacts"][0]
    contact["courriel"] = "autre@val-fictif.example"
    actor = holder["id"]
    name = contact.get("nom") or contact["fonction"]
    signatory = new["gouvernance"]["signataires"][0]
    signatory["representant"] = "Une autre personne"
    assert kinds(base_data, new) == {
        ("modified", "contact", f"{actor}/{name}", "courriel"),
        ("modified", "signataire", signatory["acteur"], "representant"),
    }


def test_section_added_with_an_empty_list(base_data: dict[str, Any]) -> None:
    old = copy.deepcopy(base_data)
    del old["cadre"]["competences"]
    new = copy.deepcopy(base_data)
    new["cadre"]["competences"] = {"texte": "Le Maire coordonne."}
    assert kinds(old, new) == {("modified", "cadre", None, "competences.texte")}
