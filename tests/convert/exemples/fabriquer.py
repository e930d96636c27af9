"""Make the example documents of tests/convert/exemples/, laid out as towns write their
strategies (domain.md, « How published strategies vary »). The territory is fictional.

- ``axes-fiches-tableaux.docx`` (python-docx): « Axe 1 : », « Fiche action 1.1 : » headings,
  numbering restarting in each axis, each fiche as a two-column table;
- ``trois-niveaux.docx`` (python-docx): orientation > axe > dispositif, the headings written as
  bold paragraphs (direct formatting, no heading style), fields as labelled lines;
- ``enjeux-puces.odt`` (odfpy): « Enjeu n°1 – » headings holding unnumbered bullet actions;
- ``deux-colonnes.docx`` (python-docx): the title and the introduction across the page, then
  the axes and their fiches in two columns, a sentence cut at the foot of the first one;
- ``axes-fiches-tableaux.pdf``, ``trois-niveaux.pdf``, ``deux-colonnes.pdf``: the Word files
  through LibreOffice.

Run: ``.venv/bin/python tests/convert/exemples/fabriquer.py`` (LibreOffice for the PDFs).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
TITLE = "Stratégie territoriale de sécurité et de prévention de la délinquance 2022-2025"
TOWN = "Ville de Sainte-Fiction"
INTRO = (
    "Document fictif, à des fins de test : Sainte-Fiction est une commune imaginaire. La "
    "présente stratégie est la feuille de route du CLSPD de Sainte-Fiction."
)

FICHES = [
    (
        "Axe 1 : Prévenir la délinquance des jeunes",
        [
            (
                "Fiche action 1.1 : Médiation aux abords des collèges pour apaiser les sorties",
                [
                    ("Pilote", TOWN),
                    ("Partenaires", "Collège Jules-Fiction, Police nationale"),
                    ("Public cible", "collégiens de 11 à 15 ans"),
                    ("Calendrier", "2022-2025"),
                    ("Échéance", "septembre 2024"),
                    (
                        "Financement",
                        "FIPD : 12 000 € (2023) ; Ville de Sainte-Fiction : 4 500,50 €",
                    ),
                    ("Indicateurs", "Nombre de médiations ; Nombre d'incidents signalés"),
                    ("Statut", "en cours"),
                ],
            ),
            (
                "Fiche action 1.2 : Chantiers éducatifs d'été",
                [
                    ("Pilote", "Association Les Ponts fictifs"),
                    ("Partenaires", "Bailleur Fictif Habitat"),
                    ("Quartiers", "Les Lilas, Le Moulin"),
                    ("Calendrier", "du 1er juillet 2023 au 31 août 2023"),
                    ("Budget", "8 000 €"),
                    ("Statut", "réalisée"),
                ],
            ),
        ],
    ),
    (
        "Axe 2 : Protéger les victimes",
        [
            (
                "Fiche action 2.1 : Permanence d'aide aux victimes pour orienter les victimes",
                [
                    ("Porteur de projet", "Association d'aide aux victimes fictive"),
                    ("Partenaires", "Police nationale, Parquet"),
                    ("Échéance", "30 juin 2025"),
                    ("Financement", "FIPD : 6 000 €"),
                    ("État d'avancement", "prévue"),
                ],
            ),
        ],
    ),
]


def axes_fiches_tableaux(path: Path) -> None:
    from docx import Document  # noqa: PLC0415

    document = Document()
    document.add_heading(TITLE, level=0)
    document.add_paragraph(INTRO)
    document.add_heading("Les fiches actions", level=1)
    for axis, fiches in FICHES:
        document.add_heading(axis, level=1)
        for title, rows in fiches:
            document.add_heading(title, level=2)
            table = document.add_table(rows=0, cols=2)
            table.style = "Table Grid"
            for label, value in rows:
                cells = table.add_row().cells
                cells[0].text, cells[1].text = label, value
    document.save(str(path))


def _bold(document: Any, text: str) -> None:
    document.add_paragraph().add_run(text).bold = True


def trois_niveaux(path: Path) -> None:
    """Orientation > Axe > Dispositif, as bold paragraphs: no heading style at all."""
    from docx import Document  # noqa: PLC0415

    document = Document()
    _bold(document, TITLE)
    document.add_paragraph(INTRO)
    _bold(document, "Orientation 1 : Agir plus tôt auprès des jeunes")
    _bold(document, "Axe 1.1 : Repérer les situations de décrochage")
    _bold(document, "Dispositif 1.1.1 : Cellule de veille éducative pour repérer les décrocheurs")
    document.add_paragraph(f"Pilote : {TOWN}")
    document.add_paragraph("Partenaires : Éducation nationale, Mission locale fictive")
    document.add_paragraph("Calendrier : à partir de septembre 2022")
    _bold(document, "Dispositif 1.1.2 : Accueil des exclus temporaires")
    document.add_paragraph("Pilote : Collège Jules-Fiction")
    document.add_paragraph("Budget : 3 000 €")
    _bold(document, "Axe 1.2 : Occuper les vacances")
    _bold(document, "Dispositif 1.2.1 : Séjours sportifs pour éviter l'errance estivale")
    document.add_paragraph("Pilote : Service des sports de Sainte-Fiction")
    document.add_paragraph("Échéance : août 2025")
    _bold(document, "Orientation 2 : Apaiser l'espace public")
    _bold(document, "Axe 2.1 : Prévention situationnelle")
    _bold(document, "Dispositif 2.1.1 : Diagnostic de l'éclairage public")
    document.add_paragraph("Pilote : Police municipale de Sainte-Fiction")
    document.add_paragraph("Financement : FIPD : 15 000 € (2024)")
    document.save(str(path))


def enjeux_puces(path: Path) -> None:
    from odf.opendocument import OpenDocumentText  # noqa: PLC0415
    from odf.style import ListLevelProperties  # noqa: PLC0415
    from odf.text import H, List, ListItem, ListLevelStyleBullet, ListStyle, P  # noqa: PLC0415

    document = OpenDocumentText()
    bullets = ListStyle(name="Puces")
    level = ListLevelStyleBullet(level=1, bulletchar="•")
    level.addElement(ListLevelProperties(spacebefore="0.25in", minlabelwidth="0.25in"))
    bullets.addElement(level)
    document.automaticstyles.addElement(bullets)
    body = document.text
    body.addElement(H(outlinelevel=1, text=TITLE))
    body.addElement(P(text=INTRO))
    enjeux = [
        (
            "Enjeu n°1 – La tranquillité publique",
            "Les habitants signalent des rassemblements.",
            [
                "Médiation sociale de soirée pour apaiser les halls",
                "Marches exploratoires avec les habitantes",
                "Diagnostic de sûreté des parkings",
            ],
        ),
        (
            "Enjeu n°2 – La prévention de la récidive",
            "Un suivi renforcé des sortants.",
            ["Travail d'intérêt général à la ville", "Accompagnement des sortants de détention"],
        ),
    ]
    for title, text, actions in enjeux:
        body.addElement(H(outlinelevel=2, text=title))
        body.addElement(P(text=text))
        items = List(stylename=bullets)
        for action in actions:
            item = ListItem()
            item.addElement(P(text=action))
            items.addElement(item)
        body.addElement(items)
    document.save(str(path))


COLUMNS = [
    (
        "Axe 1 : Prévenir la délinquance des jeunes",
        "Les éducateurs de prévention spécialisée vont au-devant des jeunes de 12 à 25 ans dans "
        "les quartiers prioritaires, le soir et le week-end, en lien avec les centres sociaux.",
        [
            (
                "Fiche action 1.1 : Chantiers éducatifs d'été",
                "Pilote : Ville de Sainte-Fiction",
                "Chaque été, une vingtaine de jeunes du quartier des Lilas rénovent des locaux "
                "communs avec les agents des services techniques, encadrés par les éducateurs.",
            ),
            (
                "Fiche action 1.2 : Médiation aux abords des collèges",
                "Pilote : Collège Jules-Fiction",
                "Deux médiateurs sont présents aux heures de sortie, du lundi au vendredi, et "
                "signalent à la cellule de veille les tensions qu'ils observent devant les "
                "établissements et sur le trajet des bus scolaires. Ils rencontrent chaque "
                "trimestre les parents d'élèves, les principaux et les conducteurs des lignes "
                "scolaires pour faire le point sur les incidents et sur les trajets à risque.",
            ),
        ],
    ),
    (
        "Axe 2 : Protéger les victimes",
        "Les victimes sont accueillies, écoutées et orientées au plus près de chez elles, quel "
        "que soit le service auquel elles s'adressent en premier.",
        [
            (
                "Fiche action 2.1 : Permanence d'aide aux victimes",
                "Pilote : Association d'aide aux victimes fictive",
                "Une permanence se tient chaque mardi à la maison de la justice et du droit, "
                "avec un juriste et une psychologue de l'association.",
            ),
            (
                "Fiche action 2.2 : Intervenant social en commissariat",
                "Pilote : Police nationale",
                "L'intervenant social reçoit les victimes de violences conjugales au commissariat "
                "et les oriente vers l'hébergement d'urgence et l'accompagnement juridique.",
            ),
        ],
    ),
]


def deux_colonnes(path: Path) -> None:
    """The title and introduction across the page, then the axes in two columns (a
    continuous section, as Word writes one)."""
    from docx import Document  # noqa: PLC0415
    from docx.enum.section import WD_SECTION  # noqa: PLC0415
    from docx.oxml import OxmlElement  # noqa: PLC0415
    from docx.oxml.ns import qn  # noqa: PLC0415

    document = Document()
    document.add_heading(TITLE, level=0)
    document.add_paragraph(INTRO)
    section = document.add_section(WD_SECTION.CONTINUOUS)
    columns = OxmlElement("w:cols")
    columns.set(qn("w:num"), "2")
    columns.set(qn("w:space"), "567")  # 1 cm between the columns
    section._sectPr.append(columns)  # python-docx has no API for columns
    for axis, text, fiches in COLUMNS:
        document.add_heading(axis, level=1)
        document.add_paragraph(text)
        for title, pilot, description in fiches:
            document.add_heading(title, level=2)
            document.add_paragraph(pilot)
            document.add_paragraph(description)
    document.save(str(path))


def _pdf(source: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print(f"LibreOffice absent : {source.with_suffix('.pdf').name} non refait")
        return
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(HERE),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )


def main() -> None:
    axes_fiches_tableaux(HERE / "axes-fiches-tableaux.docx")
    trois_niveaux(HERE / "trois-niveaux.docx")
    enjeux_puces(HERE / "enjeux-puces.odt")
    deux_colonnes(HERE / "deux-colonnes.docx")
    for name in ("axes-fiches-tableaux.docx", "trois-niveaux.docx", "deux-colonnes.docx"):
        _pdf(HERE / name)


if __name__ == "__main__":
    main()
