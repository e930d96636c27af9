"""The parts real strategies have (issue 14), in HTML, Markdown and PDF: the document's own
chapters, levels of governance, proposals, actions outside any plan, unnumbered actions, the
document's words for its levels, dates at their precision."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .support import ROOT, document, html_text, pdf_text, rendered

VALID = ROOT / "tests" / "examples" / "valides"
CONVENTION = VALID / "gouvernance-propositions-chapitres.yaml"
BULLETS = VALID / "actions-sans-numero.yaml"


def _headings(html: str, level: int) -> list[str]:
    return [html_text(m) for m in re.findall(rf"<h{level}[^>]*>(.*?)</h{level}>", html, re.S)]


def test_chapters_come_after_the_part_they_follow() -> None:
    html = rendered(CONVENTION, "html").decode()
    assert _headings(html, 2) == [
        "Sommaire",
        "Présentation",
        "Chapitre 1 – Le conseil et son histoire",
        "Le cadre institutionnel",
        "Chapitre 2 – Les textes",
        "Démarche et principes",
        "Chapitre 3 – La méthode",
        "Les objectifs",
        "Chapitre 4 – Le diagnostic",
        "Les axes",
        "Chantiers hors axe",
        "Chapitre 5 – Le suivi des chantiers",
        "La gouvernance",
        "Chapitre 6 – La coordination",
        "Annexes",
    ]
    # The restricted chapter is in the internal version only, at the end, before the annexes.
    internal = rendered(CONVENTION, "html", interne=True).decode()
    assert _headings(internal, 2)[-2] == "Chapitre 7 – Dispositions finales Diffusion restreinte"


def test_governance_by_level_and_groups_that_follow_objectives_and_plans() -> None:
    text = html_text(rendered(CONVENTION, "html").decode())
    assert (
        "Niveau décisionnel Séance plénière Rythme au moins une fois par an Membres Mairie de "
        "Bourg-les-Vignes, Préfecture Niveau opérationnel Cellule de veille Rythme tous les "
        "quinze jours Elle examine les situations signalées par les partenaires. Niveau exécutif "
        "Conseil restreint Rythme chaque trimestre"
    ) in text
    assert "Mis en œuvre par Tranquillité publique Suivi par Cellule de veille" in text
    assert "Suivi par Groupe de travail tranquillité publique" in text


def test_proposals_in_their_annex_and_in_the_fiche_they_fed() -> None:
    text = html_text(rendered(CONVENTION, "html").decode())
    assert "1 proposition retenue sur 2, dont 1 reprise dans un chantier." in text
    assert (
        "Éclairer les bords du canal. conférence citoyenne octobre 2024 oui Chantier n°1 : "
        "Éclairage des bords du canal"
    ) in text
    assert "Installer des caméras dans chaque rue. conférence citoyenne octobre 2024 non" in text
    assert "Proposition à l'origine Éclairer les bords du canal." in text
    markdown = rendered(CONVENTION, "md").decode()
    assert "- Proposition à l'origine\u00a0: [Éclairer les bords du canal.](#proposition-p1)" in (
        markdown
    )


def test_the_documents_words_for_its_levels() -> None:
    markdown = rendered(CONVENTION, "md").decode()
    for line in (
        "## Les axes",
        "  - [Axe n°1 – Tranquillité publique](#plan-axe-tranquillite)",
        "    - [Chantier n°1\u00a0: Éclairage des bords du canal](#action-eclairage-canal)",
        "## Chantiers hors axe",
        "#### Chantier n°2\u00a0: Marche exploratoire des femmes",
        "*Axe n°1*",
    ):
        assert f"\n{line}\n" in markdown, line


def test_unnumbered_actions_and_dates_at_their_precision() -> None:
    html = rendered(BULLETS, "html").decode()
    text = html_text(html)
    assert "n°" not in text
    assert (
        "Conseil local de sécurité, de prévention de la délinquance et de la radicalisation" in text
    )
    assert (
        "Période de 2021 à 2024, prorogée jusqu'en septembre 2026 par l'avenant de décembre 2024"
    ) in text
    assert "Adoption en novembre 2021" in text
    assert "Mairie de Bourg-les-Vignes, en novembre 2021" in text
    assert "Calendrier d'avril 2022 à août 2022" in text
    assert "Statut partiellement réalisée" in text
    assert "0 en 2021" in text and "14 en 2022" in text and "21 en juin 2023" in text
    assert _headings(html, 2)[2:5] == ["Les enjeux", "Les thèmes", "Fiches-actions transversales"]
    assert (
        '<h3 id="action-charte-confidentialite-titre">Charte de confidentialité des échanges'
        in html
    )


@pytest.mark.parametrize("path", [CONVENTION, BULLETS], ids=["convention", "sans-numero"])
def test_every_new_fact_is_in_the_pdf(path: Path) -> None:
    text = pdf_text(rendered(path, "pdf"))
    doc = document(path)
    facts = [c.titre for c in doc.chapitres if c.diffusion == "publique"]
    facts += [r.action.titre for r in doc.iter_actions()]
    facts += [i.nom for i in doc.gouvernance.instances] if doc.gouvernance else []
    facts += [p.texte for p in doc.propositions]
    for fact in facts:
        assert fact in text, fact
