"""French typography of the printable document: no-break spaces before double signs and inside
guillemets, typographic apostrophe; addresses, code and the Markdown output keep what was typed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stspd_cli.fr import NBSP, NNBSP, _typography_rules, typography
from stspd_cli.render import load_strategy, render_document
from stspd_cli.render.typeset import _DAY_MONTH, _FIRST, finish_html

EXAMPLES = Path(__file__).parent / "examples"


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("L'action : oui", f"L\u2019action{NBSP}: oui"),
        (
            "Pourquoi ? Parce que ! Ensuite ; fin",
            f"Pourquoi{NNBSP}? Parce que{NNBSP}! Ensuite{NNBSP}; fin",
        ),
        ("« Tous acteurs »", f"«{NNBSP}Tous acteurs{NNBSP}»"),
        ("15 % et 1 500 €", f"15{NNBSP}% et 1 500{NBSP}€"),
        ("aujourd'hui", "aujourd\u2019hui"),
        # Nothing added where no space was typed.
        ("Réunion à 10:30, ratio 3:1", "Réunion à 10:30, ratio 3:1"),
        ("Note:suite", "Note:suite"),
        ("fin ?suite", "fin ?suite"),
        # One address is not prose.
        ("https://exemple.fr/l'annexe", "https://exemple.fr/l'annexe"),
        ("o'brien@exemple.fr", "o'brien@exemple.fr"),
        ("mailto:o'brien@exemple.fr", "mailto:o'brien@exemple.fr"),
        # Quotes around a word are not apostrophes.
        ("le mot 'test'", "le mot 'test'"),
    ],
)
def test_typography(typed: str, printed: str) -> None:
    assert typography(typed) == printed


def test_typography_changes_no_word() -> None:
    typed = "L'État : « d'abord » ; 12 % ! Pourquoi ?"
    printed = typography(typed)
    assert printed != typed
    assert printed.replace("\u2019", "'").split() == typed.split()


def test_a_long_run_of_spaces_costs_its_length() -> None:
    """A text of 200,000 spaces (a hostile file may hold one) is typeset in one pass: before the
    look-behind, each space of the run started a new scan (30,000 spaces took 13 s)."""
    run = " " * 200_000
    assert typography(f"a{run}:") == f"a{NBSP}:"
    assert typography(f"a{run}b ?") == f"a{run}b{NNBSP}?"
    assert typography(f"a{run}") == f"a{run}"


def _strategy(tmp_path: Path) -> Path:
    text = (EXAMPLES / "petite-strategie.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "        finalite: prévenir la récidive\n",
        "        finalite: prévenir la récidive\n"
        "        description: \"Voir `l'outil` et <https://exemple.fr/l'annexe> ; "
        "c'est « utile » : oui !\"\n"
        "        contacts:\n"
        "          - nom: Agent d'accueil\n"
        "            courriel: o'brien@exemple.fr\n"
        "            diffusion: restreinte\n",
    )
    text = text.replace("    titre: Plan jeunesse\n", '    titre: "Plan jeunesse : l\'insertion"\n')
    path = tmp_path / "typo.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_html_has_french_typography(tmp_path: Path) -> None:
    html = render_document(load_strategy(_strategy(tmp_path)), "html", interne=True).decode()
    # Plain fields (a title) and Markdown texts alike.
    assert f"Plan jeunesse{NBSP}: l\u2019insertion" in html
    assert "Les jeunes d\u2019abord." in html
    assert f"c\u2019est «{NNBSP}utile{NNBSP}»{NBSP}: oui{NNBSP}!" in html
    # Code, addresses and links keep what was typed.
    assert "<code>l'outil</code>" in html
    assert (
        '<a href="https://exemple.fr/l\'annexe" class="url">https://exemple.fr/l\'annexe</a>'
        in html
    )
    assert f"</a>{NNBSP}; c\u2019est" in html
    assert 'href="mailto:o&#39;brien@exemple.fr"' in html
    assert ">o&#39;brien@exemple.fr</a>" in html
    assert "Agent d\u2019accueil" in html


def test_markdown_output_keeps_what_was_typed(tmp_path: Path) -> None:
    markdown = render_document(load_strategy(_strategy(tmp_path)), "md").decode()
    assert "Les jeunes d'abord." in markdown
    assert "\u2019" not in markdown


_TYPED = st.text(alphabet=st.sampled_from("ab1é ' ;:!?«»%€\t\u00a0\u202f@/.9 juin"), max_size=40)


@given(_TYPED)
def test_the_quick_path_is_every_rule(text: str) -> None:
    """A text without any of the signs the rules look for is returned at once: the same as
    every rule applied, on texts made of those signs and of others."""
    address, _triggers, rules = _typography_rules()
    expected = text
    if not address.match(text):
        for pattern, replacement in rules:
            expected = pattern.sub(replacement, expected)
    assert typography(text) == expected


@given(st.lists(st.sampled_from(["<p>", "</p>", "1er juin", "le 2 mars", "3 avril", "mai", "x"])))
def test_the_finished_page_is_every_rule(parts: list[str]) -> None:
    """Texts without a digit are left at once by finish_html: the same page as both rules
    applied to every text."""
    html = " ".join(parts)
    expected = "".join(
        part
        if part.startswith("<")
        else _FIRST.sub("1<sup>er</sup>", _DAY_MONTH.sub(lambda m: m.group(1) + NBSP, part))
        for part in re.split(r"(<[^>]*>)", html)
    )
    assert finish_html(html) == expected
