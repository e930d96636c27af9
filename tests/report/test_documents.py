"""The printable report (md, html): figures in French, charts with text alternatives."""

from __future__ import annotations

import itertools
import re
from datetime import date
from pathlib import Path

from stspd_cli.report import build_report
from stspd_cli.report.formats import FORMATS

HERE = Path(__file__).parent
FIXTURE = HERE / "fixtures" / "bourg-fictif.yaml"
ROOT = HERE.parents[1]


def render(name: str, *paths: Path) -> str:
    report = build_report(list(paths or [FIXTURE]), date(2026, 3, 1), interne=False)
    result = FORMATS[name](report, False)
    assert isinstance(result, str)
    return result


def test_markdown_report() -> None:
    text = render("md")
    assert text.startswith("# Bilan d'avancement au 1er mars 2026\n")
    assert "| Plan jeunesse | 3 | 1 | 50\u00a0% | 75\u00a0% (sur 2) |" in text
    assert "| n°2 Action en retard | 31 janvier 2026 | 29 jours | en cours |" in text
    assert (
        "| n°5 Action contre les cambriolages | Cambriolages | 120 | 80 | 110 (31 décembre 2024) "
        "| 25\u00a0% | périmé |"
    ) in text
    assert "| **Total** | **17\u202f500,50\u00a0€** |" in text
    assert render("md") == text


def test_html_report_charts_have_text_alternatives() -> None:
    html = render("html")
    assert html.startswith('<!DOCTYPE html>\n<html lang="fr">')
    svgs = re.findall(r"<svg[^>]*>.*?</svg>", html, flags=re.DOTALL)
    assert len(svgs) == 4  # statuses, plans, funding, calendar
    for svg in svgs:
        assert 'role="img"' in svg
        ident = re.search(r'aria-labelledby="([^"]+)"', svg)
        assert ident is not None
        assert f'<title id="{ident.group(1)}">' in svg
    assert "Répartition des 5 actions par statut : en cours : 2" in html
    assert "Calendrier des actions, date du bilan : 1er mars 2026" in html
    assert "<script" not in html
    assert "http://www.w3.org/2000/svg" in html  # the SVG namespace, nothing fetched
    assert not re.search(r'(?:src|href)="https?://', html)
    levels = [int(h) for h in re.findall(r"<h([1-6])", html)]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))
    assert render("html") == html


def test_real_strategies_report_is_honest() -> None:
    html = render("html", ROOT / "strategies")
    assert "Statut non renseigné pour 19 actions sur 19" in html
    assert "La stratégie ne comporte aucune fiche-action" in html
    assert "Vue consolidée\u00a0: 2 territoires" in html
