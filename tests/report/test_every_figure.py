"""Every figure right (issue 15): funding by source and by year apart, each with its own total,
obtained and requested money apart; one precision for percentages; plurals; lists of actions
that name them; no heading shown twice; chart labels wrapped, never cut."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from stspd_cli.report import build_report
from stspd_cli.report.formats import FORMATS

HERE = Path(__file__).parent
FIXTURE = HERE / "fixtures" / "financements.yaml"
TODAY = date(2026, 3, 1)
NB, NN = "\u00a0", "\u202f"  # no-break space (before €), narrow one (thousands, before %)


def _report(*paths: Path) -> dict[str, Any]:
    return build_report(list(paths or [FIXTURE]), TODAY, interne=False)


def _output(name: str, *paths: Path) -> str:
    result = FORMATS[name](_report(*paths), False)
    return result.decode("utf-8-sig") if isinstance(result, bytes) else result


def _flat(text: str) -> str:
    """No-break spaces read as spaces: the expected texts below are written with plain ones
    (the typography of amounts and percentages is tested apart, in test_one_precision...)."""
    return text.replace(NB, " ").replace(NN, " ")


def test_funding_figures_per_state() -> None:
    funding = _report()["territoires"][0]["financement"]
    assert {k: funding[k] for k in ("acquis", "demande", "non_precise", "total")} == {
        "acquis": 15000,
        "demande": 5000,
        "non_precise": 2000,
        "total": 22000,
    }
    assert funding["par_source"] == {
        "FIPD": {"acquis": 15000, "demande": 5000, "non_precise": 0, "total": 20000},
        "Ville": {"acquis": 0, "demande": 0, "non_precise": 2000, "total": 2000},
    }
    assert funding["par_annee"] == {
        "2026": {"acquis": 15000, "demande": 0, "non_precise": 2000, "total": 17000},
        "2027": {"acquis": 0, "demande": 5000, "non_precise": 0, "total": 5000},
    }


def test_sources_and_years_are_two_tables_each_with_its_total() -> None:
    text = _flat(_output("md"))
    expected = (
        "**Financement par source**\n\n"
        "| Source | Acquis | Demandé, non acquis | Acquis non précisé | Total |\n"
        "| --- | ---: | ---: | ---: | ---: |\n"
        "| FIPD | 15 000 € | 5 000 € | 0 € | 20 000 € |\n"
        "| Ville | 0 € | 0 € | 2 000 € | 2 000 € |\n"
        "| **Total** | **15 000 €** | **5 000 €** | **2 000 €** | **22 000 €** |\n\n"
        "**Financement par année**\n\n"
        "| Année | Acquis | Demandé, non acquis | Acquis non précisé | Total |\n"
        "| --- | ---: | ---: | ---: | ---: |\n"
        "| 2026 | 15 000 € | 0 € | 2 000 € | 17 000 € |\n"
        "| 2027 | 0 € | 5 000 € | 0 € | 5 000 € |\n"
        "| **Total** | **15 000 €** | **5 000 €** | **2 000 €** | **22 000 €** |\n"
    )
    assert expected in text
    assert (
        "*« Acquis non précisé » : la ligne de financement ne dit pas si le montant est notifié "
        "(acquis: true) ou seulement demandé (acquis: false) ; il n'est compté ni comme acquis, "
        "ni comme demandé.*"
    ) in text


def test_text_funding_tables_add_up() -> None:
    text = _flat(_output("text"))
    rows = [line for line in text.splitlines() if line.startswith("│ ")]
    cells = [[c.strip() for c in row.strip("│ ").split("│")] for row in rows]
    start = cells.index(["FIPD", "15 000 €", "5 000 €", "0 €", "20 000 €"])
    assert cells[start + 1 : start + 3] == [
        ["Ville", "0 €", "0 €", "2 000 €", "2 000 €"],
        ["Total", "15 000 €", "5 000 €", "2 000 €", "22 000 €"],
    ]
    years = cells.index(["2026", "15 000 €", "0 €", "2 000 €", "17 000 €"])
    assert cells[years + 1 : years + 3] == [
        ["2027", "0 €", "5 000 €", "0 €", "5 000 €"],
        ["Total", "15 000 €", "5 000 €", "2 000 €", "22 000 €"],
    ]


def test_consolidated_funding_keeps_the_states_apart(tmp_path: Path) -> None:
    other = tmp_path / "autre.yaml"
    other.write_text(FIXTURE.read_text("utf-8").replace("Val-d'Essai", "Autre-Fictif"), "utf-8")
    consolidated = _report(FIXTURE, other)["consolide"]["financement"]
    assert consolidated["par_source"]["FIPD"] == {
        "acquis": 30000,
        "demande": 10000,
        "non_precise": 0,
        "total": 40000,
    }
    text = " ".join(_flat(_output("md", FIXTURE, other)).split())
    assert (
        "Financement : 30 000 € acquis ; 10 000 € demandés, pas encore acquis ; 4 000 € dont la "
        "stratégie ne dit pas s'ils sont acquis."
    ) in text


def test_csv_gives_each_state_its_column() -> None:
    lines = _output("csv").splitlines()
    assert lines[0].endswith(
        ";Financement acquis (€);Financement demandé, non acquis (€);"
        "Financement, acquis non précisé (€)"
    )
    assert lines[1].endswith(";15000;5000;2000")


def test_one_precision_for_percentages() -> None:
    """53.333… is « 53,3 % » in every format, and the JSON keeps the same one decimal."""
    territory = _report()["territoires"][0]
    assert territory["actions"]["par_plan"][0]["avancement_moyen"] == 53.3
    assert f"53,3{NN}% (sur 3)" in _output("html")
    assert f"53,3{NB}% (sur 3)" in _output("md")
    assert f"53,3{NB}% (sur 3)" in _output("text")
    assert "53,33" not in _output("html") + _output("md") + _output("text")


def test_plurals_and_named_actions() -> None:
    text = _flat(_output("text"))
    assert "│ n°1 Cellule de veille éducative │ 28 février 2026 │ 1 jour │ en cours │" in text
    assert "Sans indicateur (1 action) : n°2 Chantier éducatif." in text
    html = _flat(_output("html"))
    assert "<p>Sans indicateur (1 action) : n°2 Chantier éducatif.</p>" in html
    assert "(s)" not in html + text + _output("md")


def test_real_strategies_without_calendar_say_all() -> None:
    root = HERE.parents[1] / "strategies"
    assert "Sans calendrier : les 19 actions ; leur retard éventuel est inconnu." in _output(
        "text", root
    )


def _words(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split()).lower()


def test_no_heading_is_said_twice() -> None:
    """A table's caption never repeats the heading just above it."""
    html = _output("html", FIXTURE, HERE / "fixtures" / "bourg-fictif.yaml")
    pieces = re.findall(r"<(h[1-6])[^>]*>(.*?)</\1>|<caption>(.*?)</caption>", html, re.DOTALL)
    heading = ""
    for _tag, title, caption in pieces:
        if caption:
            said = re.sub(r"\d+ ", "", _words(caption))
            assert said not in heading, (heading, caption)
        else:
            heading = re.sub(r"\d+ ", "", _words(title))


def test_chart_labels_wrap_instead_of_being_cut() -> None:
    html = _output("html")
    svgs = re.findall(r"<svg[^>]*>.*?</svg>", html, flags=re.DOTALL)
    texts = [t for svg in svgs for t in re.findall(r"<text[^>]*>(.*?)</text>", svg, re.DOTALL)]
    assert not any("…" in t for t in texts)
    plan = next(t for t in texts if "Plan de prévention" in t)
    lines = re.findall(r"<tspan[^>]*>(.*?)</tspan>", plan)
    assert lines == [
        "Plan de prévention de la délinquance des",
        "jeunes et de soutien aux familles du quartier",
    ]
