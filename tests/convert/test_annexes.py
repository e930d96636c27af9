"""The annexes' tables read into the model (stspd_cli.convert.rules.annexes): the actors with
the type, presentation, address and contacts the document gives, the propositions with the
actions that took them up; the heading above a table read, and the count stspd writes again,
leave the chapter; a table with a row the model cannot hold stays as written."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from stspd_cli.convert.pipeline import Conversion, convert_document
from stspd_cli.convert.readers import read_document
from stspd_cli.convert.rules.annexes import contact

FICHES = """# Stratégie territoriale de sécurité et de prévention de la délinquance de Val-Fictif

## Les plans d'action

### Plan 1 : Tranquillité publique

#### Action n°1 : Marches exploratoires

Pilote : Ville de Val-Fictif

Partenaires : Habitat Fictif

## Annexes

"""

ACTORS = """### Les acteurs

| Acteur | Type | Présentation | Contacts |
| --- | --- | --- | --- |
| Ville de Val-Fictif | Commune | https://val.example | accueil – prevention@val.example |
| Habitat Fictif (HF) | Bailleur social | HLM. | Camille Exemple, chargée – tél. 01 99 00 00 01 |
"""

PROPOSALS = """### Propositions

{sentence}

| Proposition | Origine | Date | Retenue | Reprise dans |
| --- | --- | --- | --- | --- |
| Parcourir les quartiers. | conférence | mai 2023 | oui | Action n°1.1 : Marches exploratoires |
| Un couvre-feu pour les mineurs. | conférence | mai 2023 | non | |
"""


def _converted(tmp_path: Path, text: str) -> Conversion:
    source = tmp_path / "strategie.md"
    source.write_text(FICHES + text, encoding="utf-8")
    return convert_document(
        read_document(source, source.name), shown_as="strategie.yaml", today=date(2026, 12, 2)
    )


def test_the_actors_as_the_annex_gives_them(tmp_path: Path) -> None:
    done = _converted(tmp_path, ACTORS)
    town, landlord = done.data["acteurs"]
    assert (town["type"], town["url"]) == ("commune", "https://val.example")
    assert town["contacts"] == [{"fonction": "accueil", "courriel": "prevention@val.example"}]
    assert (landlord["nom"], landlord["sigle"], landlord["type"]) == (
        "Habitat Fictif",
        "HF",
        "bailleur",
    )
    assert landlord["description"] == "HLM."
    assert landlord["contacts"] == [
        {"nom": "Camille Exemple", "fonction": "chargée", "telephone": "01 99 00 00 01"}
    ]
    assert "type deviné" not in done.text  # the document wrote both types
    assert "chapitres" not in done.data  # the heading above the table left with it
    assert done.coverage.missing == []


def test_an_actor_of_an_unknown_kind_leaves_the_table_as_written(tmp_path: Path) -> None:
    table = ACTORS.replace("| Bailleur social |", "| Office public |")
    data = _converted(tmp_path, table).data
    (chapter,) = data["chapitres"]
    assert "Habitat Fictif (HF) | Office public |" in chapter["texte"]
    assert "url" not in data["acteurs"][0]


def test_the_propositions_and_their_count(tmp_path: Path) -> None:
    sentence = "1 proposition retenue sur 2, dont 1 reprise dans une action."
    done = _converted(tmp_path, PROPOSALS.format(sentence=sentence))
    walk, curfew = done.data["propositions"]
    action = done.data["plans"][0]["actions"][0]
    assert (walk["texte"], walk["origine"], str(walk["date"]), walk["retenue"]) == (
        "Parcourir les quartiers.",
        "conférence",
        "2023-05",
        True,
    )
    assert walk["actions"] == [action["id"]]
    assert (curfew["retenue"], "actions" in curfew) == (False, False)
    assert "chapitres" not in done.data  # the count is stspd's own: written again from the data
    assert done.coverage.missing == []


def test_a_count_the_table_does_not_make_stays(tmp_path: Path) -> None:
    sentence = "2 propositions retenues sur 2."
    (chapter,) = _converted(tmp_path, PROPOSALS.format(sentence=sentence)).data["chapitres"]
    assert chapter["texte"] == "### Propositions\n\n2 propositions retenues sur 2."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("accueil – a@b.fr", {"fonction": "accueil", "courriel": "a@b.fr"}),
        ("Camille Exemple, coordinatrice", {"nom": "Camille Exemple", "fonction": "coordinatrice"}),
        ("standard – tél. 03 20 00 00 00", {"fonction": "standard", "telephone": "03 20 00 00 00"}),
        ("accueil – ouvert le lundi", None),  # a piece that is none of them
    ],
)
def test_a_contact_as_the_annex_writes_it(text: str, expected: dict[str, str] | None) -> None:
    assert contact(text) == expected


FUNDED = """# Stratégie territoriale de sécurité et de prévention de la délinquance de Val-Fictif

## Les plans d'action

### Plan 1 : Tranquillité publique

#### Action n°1 : Marches exploratoires

Pilote : Ville de Val-Fictif

Partenaires : Habitat Fictif (HF)

| Source | Année | Montant | Acquis |
| --- | --- | --- | --- |
| FIPD | 2025 | 12 000 € | oui |
| Ville de Val-Fictif | 2026 | 8 000 € | non |

## Annexes

### Qui fait quoi

| Acteur | Pilote | Partenaire |
| --- | --- | --- |
| Ville de Val-Fictif | {pilot} | |
| Habitat Fictif | | Action n°1 : Marches exploratoires |

### Récapitulatif des financements

Montants inscrits dans les fiches-actions, par source et par année.

| Source | 2025 | 2026 | Total |
| --- | --- | --- | --- |
| FIPD | 12 000 € | | 12 000 € |
| Ville de Val-Fictif | | {town} | {town} |
| Total | 12 000 € | {town} | {total} |

### Glossaire des sigles

FIPD : Fonds interministériel de prévention de la délinquance

HF : {landlord}
"""

RIGHT = {
    "pilot": "Action n°1 : Marches exploratoires",
    "town": "8 000 €",
    "total": "20 000 €",
    "landlord": "Habitat Fictif",
}


def _annexes(tmp_path: Path, **changed: str) -> Conversion:
    source = tmp_path / "strategie.md"
    source.write_text(FUNDED.format(**{**RIGHT, **changed}), encoding="utf-8")
    return convert_document(
        read_document(source, source.name), shown_as="strategie.yaml", today=date(2026, 12, 2)
    )


def test_the_annexes_stspd_computes_are_not_copied(tmp_path: Path) -> None:
    """Who does what, the funding summary and the glossary, each what the fiches and the
    acronyms make: stspd prints them again from the data; nothing is left in a chapter."""
    done = _annexes(tmp_path)
    assert "chapitres" not in done.data
    assert done.coverage.missing == []


@pytest.mark.parametrize(
    ("changed", "kept"),
    [
        ({"pilot": "Action n°2 : Médiation"}, "### Qui fait quoi"),  # a role no fiche gives
        ({"total": "21 000 €"}, "### Récapitulatif des financements"),  # a wrong total
        ({"landlord": "Habitat Fictif et associés"}, "### Glossaire des sigles"),
    ],
    ids=["role", "total", "sigle"],
)
def test_an_annex_that_says_more_is_kept_as_written(
    tmp_path: Path, changed: dict[str, str], kept: str
) -> None:
    (chapter,) = _annexes(tmp_path, **changed).data["chapitres"]
    assert chapter["titre"] == "Annexes"
    assert chapter["texte"].startswith(kept)
    assert next(iter(changed.values())) in chapter["texte"]
