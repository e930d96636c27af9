"""The printed pages of the real strategies and the demo (issue 15): a fiche goes on from the
previous one and passes to the next page only by blocks, a plan's heading stays with its first
fiche, no page holds only a heading, and no page is more than half empty unless it ends a
chapter (the cover, the table of contents, a part, a plan). See docs/rendu.md, « Sauts de
page »."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from stspd_cli.render import load_strategy
from stspd_cli.render.context import build_context
from stspd_cli.render.environment import build_environment
from stspd_cli.render.formats import html_document

from .pagination import page_facts, problems

# Found, not imported here: each test process would pay WeasyPrint's import at collection.
pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("weasyprint") is None, reason="WeasyPrint absent"
)

ROOT = Path(__file__).parents[2]
PRINTED = [
    *sorted([*ROOT.glob("strategies/*.yaml"), *ROOT.glob("examples/*.yaml")]),
    Path(__file__).parent / "examples" / "plan-vide.yaml",  # a plan without action
]


def _html(path: Path, *, interne: bool) -> str:
    return html_document(build_context(load_strategy(path), interne=interne), build_environment())


@pytest.mark.parametrize("interne", [False, True], ids=["publique", "interne"])
@pytest.mark.parametrize("path", PRINTED, ids=[p.name for p in PRINTED])
def test_every_page_is_filled(path: Path, interne: bool) -> None:
    facts = page_facts(_html(path, interne=interne))
    assert problems(facts) == []
    assert len(facts) > 2  # the cover, the table of contents, the document


def test_a_page_with_only_a_heading_is_seen() -> None:
    """The check itself: a heading pushed alone onto a page, and a page left half empty."""
    block = "<div style='break-inside: avoid; height: 250mm'><p>Bloc</p></div>"  # A4: 257 mm
    html = (
        "<html><body><p>Quelques mots.</p>"
        f"{block}"  # does not fit under them: the first page is left nearly empty
        "<h2 style='break-before: page'>Titre seul</h2><p style='break-before: page'>Suite</p>"
        "</body></html>"
    )
    found = problems(page_facts(html))
    assert found == [
        "page 1 à moitié vide (4%) : Quelques mots.",
        "page 3 ne porte qu'un titre : Titre seul",  # page 2, « Bloc », ends before a break
    ], found
