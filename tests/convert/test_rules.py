"""Each recognition rule on the phrasings real strategies use (/work/shared/domain.md, « How
published strategies vary »), one concern at a time."""

from __future__ import annotations

from datetime import date

import pytest

from stspd_cli.convert.furniture import is_furniture
from stspd_cli.convert.pipeline import convert_document
from stspd_cli.convert.read_text import read_text
from stspd_cli.convert.rules import parts
from stspd_cli.convert.rules.actors import Actors, bare_name
from stspd_cli.convert.rules.fields import Filled, apply_field, field_of, labelled, status_of
from stspd_cli.convert.rules.tables import indicator_rows
from stspd_cli.convert.rules.titles import make_id, marker, plan_kind, split_purpose
from stspd_cli.convert.rules.values import (
    amount,
    find_dates,
    one_date,
    place,
    read_span,
    split_names,
)
from stspd_cli.frameworks import axis_name, axis_ref, frameworks


@pytest.mark.parametrize(
    ("text", "keys", "word", "numbers", "rest"),
    [
        (
            "Action n°12 : Cellule de veille sécurité",
            ("action",),
            "Action",
            (12,),
            "Cellule de veille sécurité",
        ),
        (
            "Fiche action 2.1 – Médiation de nuit",
            ("action",),
            "Fiche action",
            (2, 1),
            "Médiation de nuit",
        ),
        (
            "Fiche-action n°3 : Chantier éducatif",
            ("action",),
            "Fiche-action",
            (3,),
            "Chantier éducatif",
        ),
        ("Axe 2 : Prévenir la récidive", ("plan",), "Axe", (2,), "Prévenir la récidive"),
        (
            "Enjeu n°3 – Tranquillité publique",
            ("objectif",),
            "Enjeu",
            (3,),
            "Tranquillité publique",
        ),
        (
            "Orientation 1 : Protéger les victimes",
            ("objectif",),
            "Orientation",
            (1,),
            "Protéger les victimes",
        ),
        (
            "Dispositif 1.2.1 : Cellule de veille",
            ("action",),
            "Dispositif",
            (1, 2, 1),
            "Cellule de veille",
        ),
        ("Priorité n°1 : Agir plus tôt", ("objectif",), "Priorité", (1,), "Agir plus tôt"),
        ("PLAN N°1", ("plan",), "PLAN", (1,), ""),
        ("Axe II – Les victimes", ("plan",), "Axe", (2,), "Les victimes"),
    ],
)
def test_level_words_and_numbers(
    text: str, keys: tuple[str, ...], word: str, numbers: tuple[int, ...], rest: str
) -> None:
    found = marker(text, *keys)
    assert found is not None
    assert (found.word, found.numbers, found.rest) == (word, numbers, rest)


@pytest.mark.parametrize(
    "text",
    [
        "Actions de remobilisation des 16-25 ans pour éviter le basculement dans la délinquance",
        "Mesure de réparation pénale pour prévenir la récurrence des primo-délinquants",
        "Action d'insertion par le sport pour les 15/25 ans",
        "Planning des réunions",
    ],
)
def test_a_title_that_only_starts_with_a_level_word_has_no_marker(text: str) -> None:
    assert marker(text, "action", "plan", "objectif") is None


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "Comité de Prévention Jeunes pour repérer et intervenir auprès des jeunes exposés",
            ("Comité de Prévention Jeunes", "repérer et intervenir auprès des jeunes exposés"),
        ),
        (
            "Action d'insertion par le sport pour les 15/25 ans pour éviter le basculement dans "
            "la délinquance",
            (
                "Action d'insertion par le sport pour les 15/25 ans",
                "éviter le basculement dans la délinquance",
            ),
        ),
        (
            "Etude pour la mutualisation des polices municipales pour optimiser les moyens de "
            "sécurité de nos communes",
            (
                "Etude pour la mutualisation des polices municipales",
                "optimiser les moyens de sécurité de nos communes",
            ),
        ),
        (
            "Permanences d'aide aux victimes et d'accès au droit",
            ("Permanences d'aide aux victimes et d'accès au droit", None),
        ),
        (
            "Chantier TIG pour prévenir la récurrence et développer les places d'accueil",
            ("Chantier TIG", "prévenir la récurrence et développer les places d'accueil"),
        ),
    ],
)
def test_the_purpose_is_the_last_pour_before_a_verb(
    title: str, expected: tuple[str, str | None]
) -> None:
    assert split_purpose(title) == expected


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("30 juin 2025", ["2025-06-30"]),
        ("le 1er juillet 2024", ["2024-07-01"]),
        ("septembre 2026", ["2026-09"]),
        ("prorogée jusqu'en septembre 2026", ["2026-09"]),
        ("signée en novembre 2021", ["2021-11"]),
        ("2021-2024", ["2021", "2024"]),
        ("30/06/2025", ["2025-06-30"]),
        ("validé en décembre 2013", ["2013-12"]),
        ("le 31 février 2025", []),  # no such day: no date, the text stays as written
    ],
)
def test_dates_at_the_precision_written(text: str, iso: list[str]) -> None:
    assert [f.value.isoformat() for f in find_dates(text)] == iso


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2021-2024", "2021", "2024"),
        ("du 6 septembre 2024 au 30 juin 2027", "2024-09-06", "2027-06-30"),
        ("d'octobre 2024 à juin 2025", "2024-10", "2025-06"),
        ("à partir de 2025", "2025", None),
        ("jusqu'en septembre 2026", None, "2026-09"),
    ],
)
def test_spans(text: str, start: str | None, end: str | None) -> None:
    span = read_span(text)
    assert (str(span.debut) if span.debut else None, str(span.fin) if span.fin else None) == (
        start,
        end,
    )
    assert span.rest == ""


def test_a_span_with_other_words_keeps_them() -> None:
    assert read_span("chaque vendredi soir").rest == "chaque vendredi soir"
    assert one_date("de 2021 à 2024") is None  # two dates: not one


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12 000 €", 12000),
        ("4 500,50 €", 4500.5),
        ("12\u202f000\u00a0€", 12000),
        ("8000 euros", 8000),
        ("15 k€", 15000),
        ("1.500 €", 1500),
    ],
)
def test_amounts_in_french(text: str, value: float) -> None:
    assert amount(text) == value


def test_names_split_as_lists_are_written() -> None:
    assert split_names(
        "Ville de Lille, Préfecture, associations de prévention et d’aide aux victimes…"
    ) == ["Ville de Lille", "Préfecture", "associations de prévention et d’aide aux victimes"]
    assert split_names("les bailleurs LMH, Vilogia et Partenord-Habitat") == [
        "les bailleurs LMH",
        "Vilogia",
        "Partenord-Habitat",
    ]
    assert split_names("Police nationale et police municipale") == [
        "Police nationale et police municipale"
    ]
    assert split_names("CCAS (centre communal, action sociale), Mission locale") == [
        "CCAS (centre communal, action sociale)",
        "Mission locale",
    ]


def test_actors_are_made_once_with_ids_as_strategies_write_them() -> None:
    actors = Actors()
    assert actors.ref("la Ville de Lille") == "ville-lille"
    assert actors.ref("Ville de Lille") == "ville-lille"
    assert actors.ref("Habitat Fictif (HF)") == "habitat-fictif"
    assert actors.ref("HF") == "habitat-fictif"
    assert actors.ref("l’Éducation nationale") == "education-nationale"
    assert [(a["nom"], a.get("type"), a.get("sigle")) for a in actors.entries] == [
        ("Ville de Lille", "commune", None),
        ("Habitat Fictif", "bailleur", "HF"),
        ("Éducation nationale", "education", None),
    ]
    assert bare_name("les bailleurs sociaux") == "bailleurs sociaux"


def test_ids_are_unique_and_short() -> None:
    taken: set[str] = set()
    assert make_id("Prévenir la délinquance des jeunes exposés", taken) == (
        "prevenir-delinquance-jeunes-exposes"
    )
    assert make_id("Prévenir la délinquance des jeunes exposés", taken) == (
        "prevenir-delinquance-jeunes-exposes-2"
    )


@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("Pilote", "pilote"),
        ("Porteur de projet", "pilote"),
        ("Partenaires associés", "partenaires"),
        ("Public visé", "public_cible"),
        ("Quartiers concernés", "quartiers"),
        ("Échéance", "echeance"),
        ("Indicateurs d'évaluation", "indicateurs"),
        ("Coût prévisionnel", "budget"),
        ("État d'avancement", "statut"),
        ("Calendrier de mise en œuvre", "calendrier"),
    ],
)
def test_fiche_labels(label: str, field: str) -> None:
    assert field_of(label) == field


def test_fiche_lines_fill_the_model() -> None:
    fiche: dict[str, object] = {}
    actors, filled = Actors(), Filled()
    lines = [
        "Pilote : Ville de Roubaix",
        "Partenaires : Police nationale, Mission locale et CCAS",
        "Calendrier : 2021-2024",
        "Échéance : septembre 2026",
        "Financement : FIPD : 12 000 € (2025) ; Ville de Roubaix : 8 000 €",
        "Budget : 20 000 €",
        "Statut : en cours",
        "Quartiers : Epeule, Alma",
    ]
    for line in lines:
        found = labelled(line)
        assert found is not None, line
        apply_field(fiche, *found, actors=actors, filled=filled)
    assert fiche["pilote"] == "ville-roubaix"
    assert fiche["partenaires"] == ["police-nationale", "mission-locale", "ccas"]
    calendar = fiche["calendrier"]
    assert isinstance(calendar, dict)
    assert {k: str(v) for k, v in calendar.items()} == {
        "debut": "2021",
        "fin": "2024",
        "echeance": "2026-09",
    }
    assert fiche["financement"] == [
        {"source": "FIPD", "montant": 12000, "annee": 2025},
        {"source": "Ville de Roubaix", "montant": 8000},
    ]
    # A budget without its source stays in the text: the model wants a source per line.
    assert fiche["description"] == "Budget : 20 000 €"
    assert (fiche["statut"], fiche["quartiers"]) == ("en_cours", ["Epeule", "Alma"])
    assert status_of("Totalement déployée") == "realisee"


@pytest.mark.parametrize(
    ("heading", "part"),
    [
        ("Le cadre institutionnel", "cadre"),
        ("Une démarche, des principes", "principes"),
        ("Les objectifs généraux", "objectifs"),
        ("6 enjeux prioritaires", "objectifs"),
        ("Quatre priorités", "objectifs"),
        ("Les plans d'action", "plans"),
        ("2. Les fiches-actions", "plans"),
        ("Actions transversales", "actions"),
        ("La gouvernance", "gouvernance"),
        ("Plan intercommunal de prévention", None),
        ("Prévenir la délinquance des jeunes exposés", None),
    ],
)
def test_parts_by_their_headings(heading: str, part: str | None) -> None:
    assert parts.part_of(heading) == part


def test_national_and_local_priorities() -> None:
    national = "Priorités issues du plan national de sécurité et de prévention de la délinquance :"
    assert parts.priority_origin(national) == "nationale"
    assert parts.priority_origin("Priorités supplémentaires identifiées au niveau local :") == (
        "locale"
    )
    assert parts.priority_origin("Prévenir les violences") is None


def test_plan_kinds() -> None:
    assert plan_kind("Programme") == "programme"
    assert plan_kind("Schéma") == "schema"
    assert plan_kind("Axes") == "axe"
    assert plan_kind("Thématique") == "theme"


def test_adoption_sentence() -> None:
    text = (
        "Lille a été une des premières Villes en France à signer un Contrat Local de Sécurité en "
        "1999. Découvrez la STSPD, validée en séance plénière du CLSPD le 27 juin 2017, et qui "
        "fixe les priorités."
    )
    found = parts.adoption_in(text)
    assert found is not None
    assert (found.date.value.isoformat(), found.instance) == (
        "2017-06-27",
        "séance plénière du CLSPD",
    )


def test_council_and_territory() -> None:
    text = "la « feuille de route » du CISPD Loos, Haubourdin et Emmerin. Ce document répond"
    assert (parts.council(text), parts.territory(text)) == ("CISPD", "Loos, Haubourdin et Emmerin")
    assert parts.territory("La Ville de Lille s’engage avec les partenaires") == "Lille"
    assert parts.council("le CLSPD-R de Tourcoing") == "CLSPDR"
    # A glossary row read as one line of a PDF spells the acronym out: no territory there.
    glossary = "Glossaire des sigles\nCLSPD Conseil local de sécurité et de prévention"
    assert parts.territory(glossary) is None
    assert parts.territory(f"{glossary}\nSignataires\nla Ville de Lille") == "Lille"
    assert parts.territory(f"{glossary}\nle CLSPD de Roubaix") == "Roubaix"


@pytest.mark.parametrize(
    "line",
    [
        "Créer un compte",
        "Ajouter à mes favoris",
        "Partager sur :",
        "Google+",
        "Fermer",
        "Partager la page via les réseaux sociaux :",
        "Pour plus d’infos :",
        "à télécharger",
        "Créez votre compte et recevez toute l’actualité qui vous ressemble.",
        "Ce site utilise des cookies pour mesurer l'audience.",
    ],
)
def test_furniture_phrases_come_from_the_vocabulary(line: str) -> None:
    assert is_furniture(line)


def test_content_is_not_furniture() -> None:
    assert not is_furniture("Partager les informations entre partenaires est la règle du CLSPD.")
    assert not is_furniture("Fermer les accès au parking la nuit")


HEADER = ["Indicateur", "Valeur initiale", "Cible", "Mesures"]


@pytest.mark.parametrize(
    ("header", "row", "unit"),
    [
        # No initial value, no target: the unit is written with the measures only.
        (HEADER, ["Suivis", "", "", "12,5 personnes en novembre 2026 (relevé)"], "personnes"),
        (HEADER, ["Marches", "0 marches en octobre 2024", "6 marches", ""], "marches"),
        # A column of its own says it, whatever the values carry.
        ([*HEADER, "Unité"], ["Taux", "35 en 2024", "20", "18 au 30 juin 2025", "%"], "%"),
        (HEADER, ["Réunions tenues", "", "", ""], None),
        (HEADER, ["Taux", "35 en 2024", "20", "18 au 30 juin 2025"], None),  # « en » is no unit
    ],
)
def test_an_indicator_keeps_the_unit_its_table_writes(
    header: list[str], row: list[str], unit: str | None
) -> None:
    [indicator] = indicator_rows([header, row]) or []
    assert indicator.get("unite") == unit


def test_measures_run_together_on_one_line_are_cut_at_each_date() -> None:
    """A PDF's cell read as one line; a comment's own figures stay in the comment."""
    cell = "62 jeunes au 30 juin 2025 104 jeunes au 31 décembre 2025 (dont 12 en 2024 15 filles)"
    [indicator] = indicator_rows([HEADER, ["Jeunes rencontrés", "", "", cell]]) or []
    measures = [(str(m["date"]), m["valeur"], m.get("commentaire")) for m in indicator["mesures"]]
    assert measures == [
        ("2025-06-30", 62, None),
        ("2025-12-31", 104, "dont 12 en 2024 15 filles"),
    ]


FICHE = """Stratégie territoriale de Val-Test

Plan n°1 – Plan jeunesse

Action n°1 : Présence de soirée

Constat : Regroupements en soirée :

- place des Tilleuls ;
- abords du centre.

{between}

Un binôme va à la rencontre des jeunes.
"""


@pytest.mark.parametrize(
    ("between", "constat", "description"),
    [
        # The list below the constat's first sentence is the constat's; the next label opens
        # the description.
        ("Description :", "- abords du centre.", "Un binôme va à la rencontre des jeunes."),
        # A label with its value on the line (« Pilote : … ») closes the constat too.
        ("Pilote : Ville de Val-Test", "- abords du centre.", "Un binôme va"),
    ],
)
def test_the_text_below_a_label_is_its_own(between: str, constat: str, description: str) -> None:
    text = FICHE.format(between=between)
    done = convert_document(
        read_text(text, "fiche.txt"), shown_as="f.yaml", today=date(2026, 12, 2)
    )
    [action] = done.data["plans"][0]["actions"]
    assert action["constat"].startswith("Regroupements en soirée :\n\n- place des Tilleuls ;")
    assert action["constat"].endswith(constat)
    assert action["description"].startswith(description)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "Maison de quartier des Tilleuls, 1 place des Tilleuls, Val-Test",
            {"nom": "Maison de quartier des Tilleuls", "adresse": "1 place des Tilleuls, Val-Test"},
        ),
        (
            "Gymnase Jean-Test, 12 bis rue de la Paix (accès par la cour)",
            {
                "nom": "Gymnase Jean-Test",
                "adresse": "12 bis rue de la Paix",
                "commentaire": "accès par la cour",
            },
        ),
        # No street number: nothing tells a name from an address, the whole is the name.
        ("Mairie, place de la République", {"nom": "Mairie, place de la République"}),
        ("Mairie annexe de la Source", {"nom": "Mairie annexe de la Source"}),
    ],
)
def test_a_place_is_read_as_our_documents_write_it(text: str, found: dict[str, str]) -> None:
    assert place(text) == found


@pytest.mark.parametrize(
    "cover",
    [
        "Département : Département-Test\nIntercommunalité : Communauté de communes du Val-Test",
        "Département : Département-Test Intercommunalité : Communauté de communes du Val-Test",
    ],
)
def test_cover_fields_that_share_a_paragraph_or_a_line_are_read_each(cover: str) -> None:
    """A Word line break inside one paragraph, a PDF's line holding both."""
    text = f"Stratégie territoriale de Val-Test\n\n{cover}\n\nPlan n°1 – Plan jeunesse\n"
    done = convert_document(read_text(text, "c.txt"), shown_as="c.yaml", today=date(2026, 12, 2))
    territoire = done.data["territoire"]
    assert territoire["departement"] == "Département-Test"
    assert territoire["epci"] == "Communauté de communes du Val-Test"


def test_every_national_axis_is_read_back_as_the_documents_name_it() -> None:
    """The inverse of the name the feuille de route prints (render/views.py, axis_view)."""
    for frame in frameworks().values():
        for axis in frame.axes:
            shown = f"{axis_name(frame, axis)}\u00a0: {axis.titre}"
            assert axis_ref(shown) == f"{frame.id}/{axis.id}"


@pytest.mark.parametrize(
    "text", ["SNPD 2020-2024, axe 12 : inconnu", "SNPD 2019-2024, axe 1", "Axe 1 : Les jeunes"]
)
def test_an_unknown_axis_is_no_axis(text: str) -> None:
    assert axis_ref(text) is None


def test_a_level_word_set_in_capitals_is_written_as_a_word() -> None:
    """« PRIORITÉ 1 » (a PDF's small capitals): the document's word is « Priorité »."""
    text = (
        "Stratégie territoriale de Val-Test\n\nPRIORITÉ 1 : Les jeunes\n\n"
        "PRIORITÉ 2 : Les victimes\n\nPlan n°1 – Plan jeunesse\n"
    )
    done = convert_document(read_text(text, "c.txt"), shown_as="c.yaml", today=date(2026, 12, 2))
    assert done.data["strategie"]["libelles"]["objectif"] == "Priorité"
