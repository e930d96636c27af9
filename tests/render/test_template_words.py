"""What the templates write themselves (issue 15): French typography as for the strategy's
text, « 1er » in superscript, a day kept with its month, a phone number on one line, a plan
without action that says so with the document's own word, signatories in grid cells."""

from __future__ import annotations

from pathlib import Path

from stspd_cli.render import load_strategy, render_document
from stspd_cli.render.environment import build_environment
from stspd_cli.render.typeset import finish_html

from .support import DEMO

EXAMPLE = Path(__file__).parent / "examples" / "plan-vide.yaml"
NB = "\u00a0"


def _page(fmt: str, *, interne: bool = True, path: Path = EXAMPLE) -> str:
    return render_document(load_strategy(path), fmt, interne=interne).decode()


def test_template_text_gets_french_typography(tmp_path: Path) -> None:
    html = _page("html")
    assert "<h5>Point d\u2019étape</h5>" in html
    assert "Point d'étape" not in html
    # A commune's template gets it too; its tags, attributes and styles are left as written.
    (tmp_path / "commune.html").write_text(
        "<p title=\"l'an\">L'état : {{ x }}</p><style>a::after { content: 'l'a'; }</style>",
        encoding="utf-8",
    )
    page = build_environment([tmp_path]).get_template("commune.html").render(x=3)
    assert page == (
        f"<p title=\"l'an\">L\u2019état{NB}: 3</p><style>a::after {{ content: 'l'a'; }}</style>"
    )


def test_first_of_the_month_in_superscript_and_kept_with_its_month() -> None:
    html = _page("html")
    assert f"<dd>du 1<sup>er</sup>{NB}juillet 2025 au 30{NB}juin 2027</dd>" in html
    assert f"à partir du 1<sup>er</sup>{NB}septembre 2025" in html
    # Markdown shows the date as the text writes it.
    assert "du 1er juillet 2025 au 30 juin 2027" in _page("md")


def test_finishing_touches_only_the_text() -> None:
    page = (
        '<title>Au 1er mai</title><p title="1er mai">Le 1er mai</p>'
        "<svg><text>1er mai</text></svg><style>/* 1er */</style>"
    )
    assert finish_html(page) == (
        '<title>Au 1er mai</title><p title="1er mai">Le 1<sup>er</sup>\u00a0mai</p>'
        "<svg><text>1er mai</text></svg><style>/* 1er */</style>"
    )


def test_phone_numbers_do_not_break() -> None:
    expected = f"tél.{NB}03{NB}20{NB}00{NB}00{NB}00"
    assert f"<li>coordonnatrice du CLSPD – {expected}</li>" in _page("html").replace("&nbsp;", NB)
    assert f"coordonnatrice du CLSPD – {expected}" in _page("md")


def test_a_plan_without_action_says_so_with_the_document_word() -> None:
    assert '<p class="aucune-fiche">Aucun chantier à ce jour.</p>' in _page("html")
    assert "*Aucun chantier à ce jour.*" in _page("md")


def test_signatories_are_grid_cells() -> None:
    html = _page("html", path=DEMO)
    assert ".signataires ul { list-style: none; padding: 0; display: grid;" in html
    assert "columns: 2" not in html.split(".signataires ul")[1].split("}")[0]
