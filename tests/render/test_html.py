"""The HTML document: one self-contained, accessible file with a real structure."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from stspd_cli.render import render_document
from stspd_cli.render.markdown import is_safe_url

from .support import DEMO, LILLE, LOOS, MINIMAL, document, html_text, rendered, write_strategy

ALL = [
    pytest.param(LOOS, id="loos"),
    pytest.param(LILLE, id="lille"),
    pytest.param(DEMO, id="demo"),
]


class Structure(HTMLParser):
    """What the structural checks need from a page."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.tags: list[str] = []
        self.th_without_scope = 0
        self.ids: list[str] = []
        self.resources: list[str] = []  # what a browser would fetch
        self.links: list[str] = []
        self.html_lang: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.tags.append(tag)
        if tag == "html":
            self.html_lang = values.get("lang")
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "th" and "scope" not in values:
            self.th_without_scope += 1
        if values.get("id"):
            self.ids.append(str(values["id"]))
        if (
            tag in {"img", "script", "iframe", "audio", "video", "source", "embed"}
            and "src" in values
        ):
            self.resources.append(str(values["src"]))
        if tag == "link" and values.get("href"):
            self.resources.append(str(values["href"]))
        if tag == "a" and values.get("href"):
            self.links.append(str(values["href"]))


def structure(html: str) -> Structure:
    parser = Structure()
    parser.feed(html)
    parser.close()
    return parser


@pytest.mark.parametrize("path", ALL)
@pytest.mark.parametrize("interne", [False, True], ids=["publique", "interne"])
def test_structure(path: Path, interne: bool) -> None:
    html = rendered(path, "html", interne=interne).decode()
    page = structure(html)
    assert html.startswith('<!DOCTYPE html>\n<html lang="fr">')
    assert page.html_lang == "fr"
    assert page.headings.count(1) == 1
    assert page.headings[0] == 1
    for before, after in zip(page.headings, page.headings[1:], strict=False):
        assert after <= before + 1, f"titre h{after} après h{before}"
    assert page.th_without_scope == 0
    assert "script" not in page.tags
    assert "main" in page.tags
    assert len(page.ids) == len(set(page.ids)), "identifiants en double"


@pytest.mark.parametrize("path", ALL)
def test_self_contained(path: Path) -> None:
    html = rendered(path, "html").decode()
    page = structure(html)
    # Nothing to fetch: the style sheet is inline, pictures are data: URIs.
    assert all(src.startswith("data:") for src in page.resources)
    assert "<style>" in html
    assert "@import" not in html
    assert not re.search(r"url\(\s*['\"]?(?!data:)", html)
    # Every internal link points to an element of the page.
    targets = set(page.ids)
    for href in page.links:
        if href.startswith("#"):
            assert href[1:] in targets, href
        else:
            assert is_safe_url(href), href


def test_print_stylesheet() -> None:
    html = rendered(DEMO, "html").decode()
    assert "size: A4;" in html
    assert 'content: "page " counter(page) " / " counter(pages);' in html
    assert "target-counter(attr(href url), page)" in html  # page numbers in the table of contents
    assert ".plan + .plan { break-before: page; }" in html
    assert "break-inside: avoid" in html
    # The running header names the territory (as a CSS string).
    assert "@top-left" in html
    assert "Val-Fictif" in html.split("@top-left", 1)[1].split("}", 1)[0]


def test_cover_then_table_of_contents_then_sections_in_order() -> None:
    html = rendered(DEMO, "html").decode()
    text = html_text(html)
    cover = text[: text.index("Sommaire")]
    for item in (
        "Conseil local de sécurité et de prévention de la délinquance (CLSPD) Val-Fictif",
        "Stratégie territoriale de sécurité et de prévention de la délinquance",
        "Période du 1er juillet 2024 au 30 juin 2027, prorogée jusqu'au 31 décembre 2027",
        "Adoption le 20 juin 2024, en séance plénière du CLSPD",
        "Version juin 2026",
        "Signataires la Ville de Val-Fictif, le Maire, le 1er juillet 2024",
    ):
        assert item in cover, item
    h2 = [html_text(m) for m in re.findall(r"<h2[^>]*>(.*?)</h2>", html, re.DOTALL)]
    assert h2 == [
        "Signataires",
        "Sommaire",
        "Présentation",
        "Le cadre institutionnel",
        "Une démarche, des principes",
        "Chapitre 1 – La méthode d'élaboration",
        "Quatre priorités",
        "Les plans d'action",
        "Actions transversales",
        "La gouvernance",
        "Chapitre 2 – Dispositions finales",
        "Annexes",
    ]
    h3 = [html_text(m) for m in re.findall(r"<h3[^>]*>(.*?)</h3>", html, re.DOTALL)]
    assert h3[-6:] == [
        "Qui fait quoi",
        "Les acteurs",
        "Récapitulatif des financements",
        "Textes de référence",
        "Propositions",
        "Glossaire des sigles",
    ]


def test_fiche_shows_every_field_it_has() -> None:
    html = rendered(DEMO, "html").decode()
    start = html.index('id="action-presence-educative-soiree"')
    fiche = html_text(html[start : html.index("</article>", start)])
    for expected in (
        "Statut en cours",
        "Avancement 60 %",
        "Pilote Ville de Val-Fictif",
        "Copilote Association Les Passerelles fictives",
        "Partenaires Commissariat de police de Val-Fictif, Police municipale de Val-Fictif, "
        "Habitat Fictif",
        "Public cible jeunes de 12 à 17 ans",
        "Quartiers Les Tilleuls-Fictifs, La Source-Imaginaire",
        "Calendrier du 6 septembre 2024 au 30 juin 2027 ; échéance : 30 juin 2027 ; chaque "
        "vendredi et samedi soir, de 19 h à 23 h",
        "Axe national SNPD 2020-2024, axe 1 : Les jeunes : agir plus tôt",
        "Groupe de travail Groupe de travail jeunesse",
        "Constat",
        "Moyens",
        "Financement Source Année Montant Acquis Commentaire FIPD 2025 12 000 € oui",
        "Total 37 000,50 €",
        "Indicateur Indicateur Valeur initiale Cible Mesures Source Nombre de jeunes rencontrés",
        "150 jeunes à la hausse",
        "131 jeunes au 30 juin 2026 (hausse liée à l'ouverture du second secteur)",
        "Point d'étape",
    ):
        assert expected in fiche, expected


def test_absent_fields_leave_no_label(tmp_path: Path) -> None:
    path = write_strategy(
        tmp_path,
        MINIMAL
        + """\
plans:
  - id: plan-a
    titre: Plan A
    actions:
      - id: action-a
        numero: 1
        titre: Action seule
""",
    )
    html = render_document(document(path)).decode()
    fiche = html[html.index('<article class="fiche"') : html.index("</article>")]
    assert "<dl" not in fiche
    assert "<h5" not in fiche
    assert "<table" not in fiche
    for label in ("Pilote", "Statut", "Calendrier", "Financement", "Indicateur", "Partenaire"):
        assert label not in fiche


def test_french_typography_and_amounts() -> None:
    html = rendered(DEMO, "html").decode()
    # Thousands with a narrow no-break space, a no-break space before €, before the colon.
    assert "37\u202f000,50\u00a0€" in html
    assert "Action n°1.1&nbsp;:" in html or "Action n°1.1\u00a0:" in html
    assert "1<sup>er</sup>\u00a0juillet 2024" in html  # superscript, day kept with its month


def test_plan_totals_and_funding_summary() -> None:
    text = html_text(rendered(DEMO, "html").decode())
    assert "Financement des actions 48 000,50 €" in text
    summary = text[text.index("Récapitulatif des financements Montants") :]
    assert "FIPD 6 000 € 49 000 € 12 500 € 5 000 € 72 500 €" in summary
    assert "Total 6 000 € 57 000 € 17 000,50 € 5 000 € 85 000,50 €" in summary


def test_who_does_what() -> None:
    text = html_text(rendered(DEMO, "html").decode())
    table = text[text.index("Qui fait quoi Acteur") : text.index("Les acteurs Acteur")]
    assert "Acteur Pilote Copilote Partenaire" in table
    assert (
        "Association Les Passerelles fictives Action n°1.3 : Chantier éducatif de printemps "
        "Action n°1.1 : Présence éducative de soirée Action n°1.2 : Accueil" in table
    )
    # Loos names no pilote nor partner: no empty table.
    assert "Qui fait quoi" not in rendered(LOOS, "html").decode()


def test_glossary_lists_only_acronyms_the_document_uses() -> None:
    html = rendered(LOOS, "html").decode()
    glossary = html_text(html[html.index('id="glossaire"') :])
    assert "CISPD Conseil intercommunal de sécurité et de prévention de la délinquance" in glossary
    assert "TIG Travail d'intérêt général" in glossary
    assert "SNPD" in glossary
    assert "FIPD" not in glossary and "QPV" not in glossary and "CLSPD" not in glossary
    lille = html_text(rendered(LILLE, "html").decode())
    assert "LMH Lille Métropole Habitat" in lille
    assert "STSPD Stratégie territoriale de sécurité" in lille
    # The demo's actors declare their own acronyms.
    demo = html_text(rendered(DEMO, "html").decode())
    assert "ALPF Association Les Passerelles fictives" in demo


def test_section_titles_come_from_the_document_or_default(tmp_path: Path) -> None:
    lille = html_text(rendered(LILLE, "html").decode())
    assert "STSPD et CLSPD : vous connaissez ?" in lille
    assert "6 enjeux prioritaires" in lille
    assert "Priorités supplémentaires identifiées au niveau local :" in lille
    path = write_strategy(
        tmp_path,
        MINIMAL
        + """\
cadre:
  introduction: Un cadre.
principes:
  liste:
    - texte: Un principe.
objectifs:
  - id: national
    titre: Un objectif national
    origine: nationale
  - id: local
    titre: Un objectif local
    origine: locale
""",
    )
    text = html_text(render_document(document(path)).decode())
    for title in (
        "Le cadre institutionnel",
        "Démarche et principes",
        "Les objectifs",
        "Priorités nationales",
        "Priorités locales",
    ):
        assert title in text
    assert "Priorité nationale" in text and "Priorité locale" in text


@pytest.mark.parametrize("fmt", ["html", "md", "pdf"])
def test_the_smallest_strategy_renders_in_every_format(tmp_path: Path, fmt: str) -> None:
    out = render_document(document(write_strategy(tmp_path, MINIMAL)), fmt)
    if fmt == "html":
        page = structure(out.decode())
        assert page.headings[:2] == [1, 2]
        assert "Bourg-Test" in html_text(out.decode())
        # Nothing to list but the glossary of the council's acronym.
        assert html_text(out.decode()).count("Annexes") == 2  # table of contents and section
    elif fmt == "md":
        assert out.decode().startswith(
            "# Stratégie territoriale de sécurité et de prévention de la délinquance\n"
        )
    else:
        assert out.startswith(b"%PDF")


def test_section_introductions_are_kept_without_items(tmp_path: Path) -> None:
    path = write_strategy(
        tmp_path,
        MINIMAL
        + """\
sections:
  objectifs:
    introduction: Les objectifs seront arrêtés en plénière.
  plans:
    titre: Programme de travail
    introduction: Les fiches-actions sont en cours de rédaction.
""",
    )
    for fmt in ("html", "md"):
        out = render_document(document(path), fmt).decode()
        text = html_text(out) if fmt == "html" else out
        assert "Les objectifs seront arrêtés en plénière." in text
        assert "Programme de travail" in text
        assert "Les fiches-actions sont en cours de rédaction." in text
