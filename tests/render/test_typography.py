"""French typography of the printable document: no-break spaces before double signs and inside
guillemets, typographic apostrophe; addresses, code and the Markdown output keep what was typed."""

from __future__ import annotations

from pathlib import Path

import pytest

from stspd_cli.fr import NBSP, NNBSP, typography
from stspd_cli.render import load_strategy, render_document

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
