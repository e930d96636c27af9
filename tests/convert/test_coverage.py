"""The share of the source's sentences placed in the YAML (stspd_cli/convert/coverage.py): a
cover line whose label became a key (« Adoption : », « Cadre national : ») counts by its value,
and a national framework's identifier is read as its title; a fact the YAML does not hold is
still reported, with its sentence."""

from __future__ import annotations

from datetime import date

from stspd_cli.convert.coverage import measure
from stspd_cli.convert.pipeline import convert_document
from stspd_cli.convert.read_text import read_text

ADOPTION = "Adoption : le 27 juin 2017, en séance plénière du CLSPD"
FRAME = "Cadre national : Stratégie nationale de prévention de la délinquance 2013-2017"
COVER = f"""Stratégie territoriale de sécurité et de prévention de la délinquance

{ADOPTION}

{FRAME}

Objectif 1 : Prévenir la délinquance des jeunes

La ville agit avec ses partenaires.
"""


def test_the_cover_facts_are_placed_where_they_became_keys() -> None:
    doc = read_text(COVER, "couverture.txt")
    done = convert_document(doc, shown_as="couverture.yaml", today=date(2026, 12, 2))
    adoption = done.data["strategie"]["adoption"]
    assert (str(adoption["date"]), adoption["instance"]) == (
        "2017-06-27",
        "séance plénière du CLSPD",
    )
    assert done.data["strategie"]["referentiel"] == "snpd-2013-2017"
    assert done.coverage.missing == []
    assert done.coverage.sentences == 5


def test_a_cover_fact_the_yaml_lost_is_reported() -> None:
    doc = read_text(COVER, "couverture.txt")
    data = convert_document(doc, shown_as="couverture.yaml", today=date(2026, 12, 2)).data
    before = measure(doc, data).missing
    strategie = data["strategie"]
    del strategie["adoption"]
    strategie["referentiel"] = "snpd-2020-2024"  # another framework than the one written
    after = measure(doc, data).missing
    assert [sentence for sentence in after if sentence not in before] == [ADOPTION, FRAME]
