"""The document's words for its levels, and the one way each output names an action."""

from __future__ import annotations

from typing import Any

import pytest

from stspd_cli.fr import plural
from stspd_cli.labels import ActionNames, labels_of
from stspd_cli.model import Document
from stspd_cli.nouns import Noun, agree, pluralize


@pytest.mark.parametrize(
    ("singular", "expected"),
    [
        ("Enjeu", "Enjeux"),
        ("axe", "axes"),
        ("Fiche-action", "Fiches-actions"),
        ("Fiche action", "Fiches actions"),
        ("plan d'action", "plans d'action"),
        ("fiche de suivi", "fiches de suivi"),
        ("sous-objectif", "sous-objectifs"),
        ("Axe stratégique", "Axes stratégiques"),
        ("Objectif général", "Objectifs généraux"),
        ("journal", "journaux"),
        ("festival", "festivals"),
        ("travail", "travaux"),
        ("bijou", "bijoux"),
        ("QPV", "QPV"),
        ("jour", "jours"),
        ("mois", "mois"),
    ],
)
def test_one_plural_rule(singular: str, expected: str) -> None:
    assert pluralize(singular) == expected


def test_plural_counts_use_it() -> None:
    assert plural(0, "jour") == "0 jour"
    assert plural(3, "enjeu") == "3 enjeux"


@pytest.mark.parametrize(
    ("word", "the", "of_the", "none", "many"),
    [
        ("Enjeu", "l'enjeu", "de l'enjeu", "aucun enjeu", "les enjeux"),
        (
            "Fiche-action",
            "la fiche-action",
            "de la fiche-action",
            "aucune fiche-action",
            "les fiches-actions",
        ),
        ("Plan", "le plan", "du plan", "aucun plan", "les plans"),
        ("Axe", "l'axe", "de l'axe", "aucun axe", "les axes"),
        (
            "Orientation",
            "l'orientation",
            "de l'orientation",
            "aucune orientation",
            "les orientations",
        ),
        ("Thème", "le thème", "du thème", "aucun thème", "les thèmes"),
        ("Handicap", "le handicap", "du handicap", "aucun handicap", "les handicaps"),
    ],
)
def test_articles_and_elision(word: str, the: str, of_the: str, none: str, many: str) -> None:
    noun = Noun.of(word)
    assert (noun.the(), noun.of_the(), noun.none(), noun.the(plural=True)) == (
        the,
        of_the,
        none,
        many,
    )
    assert noun.known


def test_agreement() -> None:
    assert agree("transversal", feminine=False, plural=True) == "transversaux"
    assert agree("transversal", feminine=True, plural=True) == "transversales"
    assert agree("servi", feminine=True, plural=False) == "servie"
    assert agree("renuméroté", feminine=True, plural=False) == "renumérotée"
    assert Noun.of("Atelier-relais").known is False  # not in data/mots.yaml: L001 says so


def _doc(strategie: dict[str, Any], **more: Any) -> Document:
    return Document.model_validate(
        {
            "schema": "stspd/1",
            "territoire": {"nom": "Bourg", "instance": "CLSPD"},
            "strategie": {"titre": "Stratégie", **strategie},
            **more,
        }
    )


PLANS = [
    {
        "id": "p",
        "numero": 2,
        "titre": "Plan",
        "actions": [
            {"id": "a", "numero": 3, "titre": "Chantier", "finalite": "occuper les jeunes"},
            {"id": "b", "titre": "Veille"},
        ],
    }
]


def test_one_name_for_an_action_in_every_form() -> None:
    doc = _doc({"numerotation": "par_plan", "libelles": {"action": "Fiche-action"}}, plans=PLANS)
    names = ActionNames(doc)
    [numbered, bullet] = doc.iter_actions()
    forms = (names.label, names.short, names.listed, names.heading, names.named)
    assert [f(numbered.action, numbered.plan) for f in forms] == [
        "Fiche-action n°2.3",
        "n°2.3",
        "n°2.3 Chantier",
        "Fiche-action n°2.3\u00a0: Chantier pour occuper les jeunes",
        "fiche-action n°2.3 « Chantier »",
    ]
    # Unnumbered: its title, never « n° ».
    assert [f(bullet.action, bullet.plan) for f in forms] == [
        "Veille",
        "Veille",
        "Veille",
        "Veille",
        "fiche-action « Veille »",
    ]


def test_labels_default_to_the_usual_words() -> None:
    labels = labels_of(_doc({}))
    assert (labels.objectif.singular, labels.plan.singular, labels.action.singular) == (
        "Objectif",
        "Plan",
        "Action",
    )
    assert labels.fiche.word() == "fiche-action"
    assert labels.transversal() == "Actions transversales"
    given = labels_of(
        _doc({"libelles": {"action": {"singulier": "Dispositif", "genre": "masculin"}}})
    )
    assert given.transversal() == "Dispositifs transversaux"
    assert given.fiche.none() == "aucun dispositif"
