"""The note de modification as the plenary reads it (issue 15): list items matched by their
natural key, added and removed actions with their content, ``stspd texte`` in words, versions
named in words, no nested guillemets."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_run import run

from stspd_cli.diff.items import item_words

HERE = Path(__file__).parent / "fixtures"
OLD, NEW = str(HERE / "avant.yaml"), str(HERE / "apres.yaml")
NB, NN = "\u00a0", "\u202f"


def _flat(text: str) -> str:
    """The expected texts are written with plain spaces where the outputs put no-break ones."""
    return text.replace(NB, " ").replace(NN, " ").replace("\u2019", "'")


def _note(capsys: pytest.CaptureFixture[str], fmt: str = "text") -> str:
    code, out, err = run(capsys, "diff", OLD, NEW, "--format", fmt)
    assert (code, err) == (0, "")
    return _flat(out)


def test_text_note_tells_each_change_once(capsys: pytest.CaptureFixture[str]) -> None:
    assert _note(capsys) == (
        "Modifications de la version 2025 (adoptée le 20 mars 2025) à la version 2026 (adoptée "
        "le 20 mars 2025)\n"
        f"Fichiers comparés : {OLD} → {NEW}\n"
        "10 changements : 1 ajout, 1 retrait, 8 modifications.\n"
        "\n"
        "Document et objectifs (4 modifications)\n"
        "  Stratégie\n"
        "    ~ Version : « 2025 » → « 2026 »\n"
        "  Loi n° 2007-297 du 5 mars 2007 relative à la prévention de la délinquance\n"
        "    ~ Intitulé : « Loi du 5 mars 2007 relative à la prévention de la délinquance » → "
        "« Loi n° 2007-297 du 5 mars 2007 relative à la prévention de la délinquance »\n"
        "  Préfecture fictive\n"
        "    ~ Représentant : « le Préfet » → « la Préfète »\n"
        "  Note « Historique »\n"
        "    ~ texte : « Première stratégie adoptée en 2025. » → « Première stratégie adoptée en "
        "2025 ; révisée en 2026. »\n"
        "\n"
        "Plan « Plan jeunesse » (6 modifications)\n"
        "  Action n°2 « Permanence du samedi »\n"
        "    − Action retirée\n"
        "        Finalité : accueillir les familles le week-end\n"
        "        Pilote : Ville de Val-d'Essai\n"
        "        Échéance : 31 décembre 2025\n"
        "  Action n°1 « Cellule de veille éducative »\n"
        "    ~ Financement FIPD 2026 : 15 000 € → 18 000 €\n"
        "    ~ Indicateur « Jeunes suivis » — cible : 30 → 40\n"
        "    ~ Mesure au 31 janvier 2026 de l'indicateur « Jeunes suivis » — valeur : 10 → 12\n"
        "    ~ Contact « coordonnatrice du CLSPD » — courriel : « clspd@val-essai.example » → "
        "« prevention@val-essai.example »\n"
        "  Action n°2 « Bien vieillir » à Val-d'Essai\n"
        "    + Action ajoutée\n"
        "        Finalité : rompre l'isolement des personnes âgées\n"
        "        Pilote : Ville de Val-d'Essai\n"
        "        Partenaires : Préfecture fictive\n"
        "        Échéance : 30 juin 2027\n"
        "        Budget : 1 500 € acquis ; 6 000 € demandés, pas encore acquis\n"
    )


def test_markdown_and_html_notes_show_the_content_of_an_added_action(
    capsys: pytest.CaptureFixture[str],
) -> None:
    md = _note(capsys, "md")
    assert (
        "- **Version précédente** : Version 2025 (adoptée le 20 mars 2025) — fichier "
        f"{OLD.replace('_', chr(92) + '_')}\n"
    ) in md
    assert (
        "- *ajout* — Action ajoutée\n"
        "  - Finalité : rompre l'isolement des personnes âgées\n"
        "  - Pilote : Ville de Val-d'Essai\n"
        "  - Partenaires : Préfecture fictive\n"
        "  - Échéance : 30 juin 2027\n"
        "  - Budget : 1 500 € acquis ; 6 000 € demandés, pas encore acquis\n"
    ) in md
    assert "### Action n°2 « Bien vieillir » à Val-d'Essai\n" in md
    html = _note(capsys, "html")
    assert (
        '<ul class="contenu"><li>Finalité : accueillir les familles le week-end</li>'
        "<li>Pilote : Ville de Val-d'Essai</li><li>Échéance : 31 décembre 2025</li></ul>"
    ) in html
    assert "« «" not in md + html


def test_text_view_is_in_words(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "texte", NEW)
    assert (code, err) == (0, "")
    lines = _flat(out).splitlines()
    assert "[action veille] financement : FIPD 2026, 18 000 €, acquis" in lines
    assert "[action veille] financement : Ville 2026, 2 000 €" in lines
    assert "[action bien-vieillir] financement : FIPD 2027, 6 000 €, demandé, non acquis" in lines
    assert (
        "[action veille] contacts : coordonnatrice du CLSPD, prevention@val-essai.example" in lines
    )
    assert "[note] « Historique » : Première stratégie adoptée en 2025 ; révisée en 2026." in lines
    assert not any("{" in line for line in lines)


def test_items_in_words() -> None:
    assert (
        item_words("financement", {"source": "FIPD", "montant": 5000, "commentaire": "à déposer"})
        == f"FIPD, 5{NN}000{NB}€ (à déposer)"
    )
    assert item_words("note", {"titre": "« Bien vieillir »", "texte": "Un\ntexte."}) == (
        "« Bien vieillir » : Un texte."
    )
    assert (
        item_words(
            "contact",
            {"nom": "Camille Exemple", "acteur": "ville", "diffusion": "restreinte"},
            {"ville": "Ville de Val-d'Essai"},
        )
        == "Camille Exemple, Ville de Val-d'Essai, diffusion restreinte"
    )
