"""Cross-references read once the document is walked (stspd_cli.convert.rules.links), the
frame's division of competences and the principles' punctuation: what stspd writes again from
the data is not copied; what names nothing known stays as written."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from stspd_cli.convert.pipeline import Conversion, convert_document
from stspd_cli.convert.readers import read_document
from stspd_cli.convert.rules.finish import _one_signature_each

TITLE = "# Stratégie territoriale de sécurité et de prévention de la délinquance de "
DOCUMENT = """# Stratégie territoriale de sécurité et de prévention de la délinquance de Val-Fictif

## Le cadre institutionnel

La stratégie répond aux textes suivants :

- Loi n° 2007-297 du 5 mars 2007 relative à la prévention de la délinquance

Répartition des compétences

| Domaine | Acteurs |
| --- | --- |
| sécurité publique | Préfecture, Commissariat de police |

## Une démarche, des principes

- Le principe de proximité, au plus près des habitants.
- Le principe d'évaluation, chaque année.

## Les objectifs

### Priorité 1 : Prévenir la délinquance des jeunes

{serving}

Suivi par : Groupe jeunesse

## Les plans d'action

### Plan 1 : Jeunesse

Priorité servie : 1. Prévenir la délinquance des jeunes

Financement des actions : {funding}

#### Action n°1 : Médiation de soirée

Pilote : Ville de Val-Fictif

Groupe de travail : Groupe jeunesse

Proposition à l'origine : Des médiateurs le soir.

| Source | Année | Montant | Acquis |
| --- | --- | --- | --- |
| FIPD | 2025 | 12 000 € | oui |

## La gouvernance

### Groupes de travail

#### Groupe jeunesse

Pilote : Ville de Val-Fictif

## Annexes

### Propositions

| Proposition | Origine | Retenue | Reprise dans |
| --- | --- | --- | --- |
| Des médiateurs le soir. | conférence citoyenne | oui | |
"""


def _markdown(tmp_path: Path, text: str) -> Conversion:
    source = tmp_path / "strategie.md"
    source.write_text(text, encoding="utf-8")
    return convert_document(
        read_document(source, source.name), shown_as="strategie.yaml", today=date(2026, 12, 2)
    )


def _converted(tmp_path: Path, serving: str = "Mis en œuvre par : Jeunesse",
               funding: str = "12 000 €") -> Conversion:  # fmt: skip
    return _markdown(tmp_path, DOCUMENT.format(serving=serving, funding=funding))


def test_the_cross_references_are_read(tmp_path: Path) -> None:
    done = _converted(tmp_path)
    data = done.data
    objective = data["objectifs"][0]
    plan = data["plans"][0]
    action = plan["actions"][0]
    group = data["gouvernance"]["groupes_travail"][0]
    assert objective["groupe_travail"] == group["id"] == action["groupe_travail"]
    assert "texte" not in objective  # « Mis en œuvre par » is what the plan's link makes
    assert "description" not in plan  # the plan's funding is the sum of its fiches'
    assert data["propositions"][0]["actions"] == [action["id"]]
    assert "description" not in action
    assert done.coverage.missing == []


def test_a_cross_reference_that_names_more_stays_as_written(tmp_path: Path) -> None:
    """A plan no link of the fiches ties to the objective, a sum the fiches do not make: the
    lines stay, the walk does not guess."""
    done = _converted(tmp_path, serving="Mis en œuvre par : Jeunesse, Tranquillité",
                      funding="15 000 €")  # fmt: skip
    assert done.data["objectifs"][0]["texte"] == "Mis en œuvre par : Jeunesse, Tranquillité"
    assert done.data["plans"][0]["description"] == "- Financement des actions : 15 000 €"


def test_the_division_of_competences_and_the_principles(tmp_path: Path) -> None:
    data = _converted(tmp_path).data
    (row,) = data["cadre"]["competences"]["repartition"]
    names = {a["id"]: a["nom"] for a in data["acteurs"]}
    assert (row["domaine"], [names[r] for r in row["acteurs"]]) == (
        "sécurité publique",
        ["Préfecture", "Commissariat de police"],
    )
    assert not [c for c in data.get("chapitres", []) if "compétences" in c["titre"]]
    # Each principle is a sentence: its full stop is kept (an enumeration's commas are not).
    assert [p["texte"] for p in data["principes"]["liste"]] == [
        "Le principe de proximité, au plus près des habitants.",
        "Le principe d'évaluation, chaque année.",
    ]


def test_an_actor_named_with_its_kind_is_the_same_actor(tmp_path: Path) -> None:
    """« le bailleur Habitat Fictif » signs; « Habitat Fictif » (a bailleur) is a partner: one
    actor, every reference to it; « Ville de Val-Fictif » is no « Val-Fictif » of another kind."""
    data = _markdown(
        tmp_path,
        (
            f"{TITLE}Val-Fictif\n\n"
            "Signataires : la Ville de Val-Fictif, le bailleur Habitat Fictif\n\n"
            "## Les plans d'action\n\n### Plan 1 : Jeunesse\n\n#### Action n°1 : Médiation\n\n"
            "Pilote : Val-Fictif Sport\n\nPartenaires : Habitat Fictif\n"
        ),
    ).data
    names = {a["id"]: a["nom"] for a in data["acteurs"]}
    signed = [names[s["acteur"]] for s in data["gouvernance"]["signataires"]]
    assert signed == ["Ville de Val-Fictif", "Habitat Fictif"]
    assert "bailleur Habitat Fictif" not in names.values()
    assert [s["libelle"] for s in data["gouvernance"]["signataires"]][
        1
    ] == "le bailleur Habitat Fictif"


def test_the_cover_communes_and_a_title_with_commas(tmp_path: Path) -> None:
    """« Communes : Loos, Haubourdin, Emmerin » is the territory's list (not presentation
    text); « Mis en œuvre par » names a plan whose title has commas of its own."""
    title = (
        "Programme de prévention des violences faites aux femmes, des violences intra-familiales"
    )
    done = _markdown(
        tmp_path,
        (
            f"{TITLE}Loos, Haubourdin et Emmerin\n\n"
            "Communes : Loos, Haubourdin, Emmerin\n\n## Les objectifs\n\n"
            f"### Objectif 1 : Protéger les victimes\n\nMis en œuvre par : {title}\n\n"
            f"## Les plans d'action\n\n### Plan 1 : {title}\n\n"
            "Priorité servie : 1. Protéger les victimes\n\n#### Action n°1 : Accueil\n"
        ),
    )
    assert done.data["territoire"]["communes"] == ["Loos", "Haubourdin", "Emmerin"]
    assert "presentation" not in done.data["strategie"]
    assert "texte" not in done.data["objectifs"][0]
    assert done.coverage.missing == []


def test_two_more_names_of_one_actor(tmp_path: Path) -> None:
    """« la Ville de Lille et ses communes associées » signs for the Ville de Lille; « le
    transporteur Transpole-Keolis » is the member « Keolis-Transpole », its words the other
    way round; « Police municipale et nationale » stays an actor of its own."""
    data = _markdown(
        tmp_path,
        (
            f"{TITLE}Lille\n\n"
            "A Lille, il réunit les acteurs suivants : Ville de Lille, Keolis-Transpole, "
            "Police municipale et nationale.\n\n"
            "Ses signataires sont : la Ville de Lille et ses communes associées, le transporteur "
            "Transpole-Keolis.\n"
        ),
    ).data
    names = {a["id"]: a["nom"] for a in data["acteurs"]}
    signed = [(names[s["acteur"]], s["libelle"]) for s in data["gouvernance"]["signataires"]]
    assert signed == [
        ("Ville de Lille", "la Ville de Lille et ses communes associées"),
        ("Keolis-Transpole", "le transporteur Transpole-Keolis"),
    ]
    assert sorted(names.values()) == [
        "Keolis-Transpole",
        "Police municipale et nationale",
        "Ville de Lille",
    ]


def test_an_actor_named_twice_among_the_signatories_signs_once(tmp_path: Path) -> None:
    """The cover's list says « LMH », a sentence « les bailleurs LMH »: one actor, one
    signature, the first as written. A chapter met after the presentation stays there."""
    done = _markdown(
        tmp_path,
        (
            f"{TITLE}Lille\n\n"
            "La Ville de Lille s'engage avec ses partenaires.\n\n"
            "Signataires :\n\n- la Ville de Lille\n- LMH\n- Vilogia\n\n"
            "## STSPD et CLSPD : vous connaissez ?\n\n"
            "Ses signataires sont : la Ville de Lille, les bailleurs LMH, Vilogia.\n\n"
            "## Les objectifs\n\n### Objectif 1 : Protéger les victimes\n"
        ),
    )
    data = done.data
    names = {a["id"]: a["nom"] for a in data["acteurs"]}
    signatures = data["gouvernance"]["signataires"]
    assert [(names[s["acteur"]], s.get("libelle")) for s in signatures] == [
        ("Ville de Lille", "la Ville de Lille"),
        ("LMH", "LMH"),
        ("Vilogia", "Vilogia"),
    ]
    [chapter] = data["chapitres"]
    assert (chapter["titre"], chapter.get("apres")) == (
        "STSPD et CLSPD : vous connaissez ?",
        "presentation",
    )


def test_a_second_signature_gives_what_the_first_does_not_say() -> None:
    gouvernance = {
        "signataires": [
            {"acteur": "lmh", "libelle": "LMH"},
            {"acteur": "ville", "libelle": "la Ville"},
            {"acteur": "lmh", "libelle": "les bailleurs LMH", "date": "2024-07-03"},
        ]
    }
    _one_signature_each(gouvernance)
    assert gouvernance["signataires"] == [
        {"acteur": "lmh", "libelle": "LMH", "date": "2024-07-03"},
        {"acteur": "ville", "libelle": "la Ville"},
    ]


def test_a_law_dated_in_its_title_unless_a_table_prints_none(tmp_path: Path) -> None:
    """« Loi n° 2007-297 du 5 mars 2007 » listed alone: its date is its title's. The same law
    in a table of the texts whose date cell is empty: the document prints none, nor does
    the strategy."""
    listed = _converted(tmp_path).data["cadre"]["references"]
    assert [str(r.get("date")) for r in listed] == ["2007-03-05"]
    table = (
        "\n\n## Annexes\n\n### Textes de référence\n\n"
        "| Intitulé | Type | Date |\n| --- | --- | --- |\n"
        "| Loi n° 2007-297 du 5 mars 2007 relative à la prévention de la délinquance | loi | |\n"
    )
    text = DOCUMENT.format(serving="Mis en œuvre par : Jeunesse", funding="12 000 €") + table
    tabled = _markdown(tmp_path, text).data["cadre"]["references"]
    assert [r.get("date") for r in tabled] == [None]
