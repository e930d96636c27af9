"""Property: a plan of actions written as a text, with numbers, titles, purposes and fiche
lines drawn at random, comes back exactly from ``stspd convertir``."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from stspd_cli.convert.pipeline import convert_document
from stspd_cli.convert.read_text import read_text

NOUNS = ["Médiation", "Chantier", "Cellule", "Permanence", "Atelier", "Observatoire", "Forum"]
TAILS = ["de nuit", "éducatif", "de veille", "des familles", "du quartier", "des jeunes"]
VERBS = ["apaiser", "repérer", "prévenir", "accompagner", "informer", "réduire"]
OBJECTS = ["les conflits", "les jeunes exposés", "la récidive", "les victimes", "les habitants"]
PILOTS = ["Ville de Sainte-Fiction", "Association Les Ponts fictifs", "Police municipale"]

action = st.tuples(
    st.sampled_from(NOUNS),
    st.sampled_from(TAILS),
    st.one_of(st.none(), st.tuples(st.sampled_from(VERBS), st.sampled_from(OBJECTS))),
    st.sampled_from(PILOTS),
    st.integers(min_value=1, max_value=99).map(lambda n: n * 1000),
    st.integers(min_value=2021, max_value=2027),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(action, min_size=1, max_size=6))
def test_actions_come_back(
    actions: list[tuple[str, str, tuple[str, str] | None, str, int, int]],
) -> None:
    lines = ["Stratégie territoriale de Sainte-Fiction", "", "Les plans d'action", "",
             "Plan de tranquillité publique", ""]  # fmt: skip
    for number, (noun, tail, purpose, pilot, money, year) in enumerate(actions, 1):
        title = f"{noun} {tail}" + (f" pour {purpose[0]} {purpose[1]}" if purpose else "")
        lines += [f"Action n°{number} : {title}", "", f"Pilote : {pilot}", "",
                  f"Financement : FIPD : {money:,} € ({year})".replace(",", " "),
                  "", f"Échéance : 30 juin {year}", ""]  # fmt: skip
    doc = read_text("\n".join(lines), "plan.txt")
    done = convert_document(doc, shown_as="plan.yaml", today=date(2026, 12, 1))
    got = done.data["plans"][0]["actions"]
    names = {a["id"]: a["nom"] for a in done.data["acteurs"]}
    assert len(got) == len(actions)
    for number, ((noun, tail, purpose, pilot, money, year), fiche) in enumerate(
        zip(actions, got, strict=True), 1
    ):
        assert fiche["numero"] == number
        assert fiche["titre"] == f"{noun} {tail}"
        assert fiche.get("finalite") == (f"{purpose[0]} {purpose[1]}" if purpose else None)
        assert names[fiche["pilote"]] == pilot
        assert fiche["financement"] == [{"source": "FIPD", "montant": money, "annee": year}]
        assert fiche["calendrier"]["echeance"].isoformat() == f"{year}-06-30"
    assert done.data["strategie"]["numerotation"] == "globale"
    assert done.coverage.share == 1.0
    assert not done.errors
