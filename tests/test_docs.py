"""Nothing undocumented: rules, commands and exit codes (after sqlite-utils' tests/test_docs.py)."""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer

from stspd_cli import errors
from stspd_cli.checks import all_checks
from stspd_cli.cli import app
from stspd_cli.modeldoc import model_markdown
from stspd_cli.rules import all_rules
from stspd_cli.rulesdoc import rules_markdown

ROOT = Path(__file__).parents[1]
PACKAGE = ROOT / "stspd_cli"
CODE_LITERAL = re.compile(r"""["']([A-Z]\d{3})["']""")
SEMANTIC_FAMILIES = tuple("IRDANLPT")
# English words that would betray an untranslated help text.
ENGLISH = re.compile(r"\b(the|and|with|from|this|show|shows|print|prints)\b", re.IGNORECASE)


def _codes_in_code() -> dict[str, set[str]]:
    """Rule codes written as string literals in the package, with the files that use them."""
    used: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for code in CODE_LITERAL.findall(path.read_text(encoding="utf-8")):
            used.setdefault(code, set()).add(str(path.relative_to(ROOT)))
    return used


def _commands(group: typer.Typer, prefix: str = "") -> Iterator[tuple[str, object]]:
    for command in group.registered_commands:
        callback = command.callback
        assert callback is not None
        name = command.name or callback.__name__.replace("_", "-")
        yield prefix + name, callback
    for sub in group.registered_groups:
        assert sub.typer_instance is not None
        yield from _commands(sub.typer_instance, f"{prefix}{sub.name} ")


COMMANDS = dict(_commands(app))


def test_rules_doc_is_current() -> None:
    committed = (ROOT / "docs" / "regles.md").read_text(encoding="utf-8")
    assert committed == rules_markdown(), "docs/regles.md est périmé : lancez `make docs`"


def test_every_code_used_in_code_is_documented() -> None:
    undocumented = {
        code: files for code, files in _codes_in_code().items() if code not in all_rules()
    }
    assert not undocumented, f"codes absents de stspd_cli/data/regles.yaml : {undocumented}"


def test_every_documented_code_is_used_in_code() -> None:
    unused = set(all_rules()) - set(_codes_in_code())
    assert not unused, f"règles de regles.yaml qu'aucun code ne signale : {sorted(unused)}"


def test_semantic_rules_are_registered_checks() -> None:
    declared = {code for check in all_checks() for code in check.codes}
    assert declared <= set(all_rules())
    semantic = {code for code in all_rules() if code.startswith(SEMANTIC_FAMILIES)}
    assert declared == semantic, "chaque règle sémantique est déclarée par une vérification"


def test_every_rule_has_a_french_text() -> None:
    for code, rule in all_rules().items():
        assert rule.title, code
        assert rule.message, code
        assert rule.explanation.rstrip().endswith("."), code
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", rule.name), code


def test_there_are_commands() -> None:
    assert "validate" in COMMANDS


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_has_a_french_docstring_with_an_example(name: str) -> None:
    doc = inspect.getdoc(COMMANDS[name])
    assert doc, f"la commande « {name} » n'a pas de docstring (son aide)"
    assert "Exemple" in doc, f"l'aide de « {name} » ne donne pas d'exemple"
    summary = doc.split("\n\n", 1)[0]
    assert ENGLISH.search(summary) is None, f"aide de « {name} » en anglais ? {summary!r}"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_is_in_the_readme(name: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"stspd {name}" in readme, f"README.md ne montre pas la commande « stspd {name} »"


def test_readme_documents_every_exit_code() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^## Codes de sortie\n(.*?)(?=^## |\Z)", readme, re.M | re.S)
    assert section, "README.md n'a pas de section « ## Codes de sortie »"
    documented = {int(n) for n in re.findall(r"^\|\s*(\d+)\s*\|", section[1], re.M)}
    codes = {getattr(errors, name) for name in dir(errors) if name.startswith("EXIT_")}
    assert codes == {0, 1, 2, 3, 130}
    assert documented == codes


def test_model_reference_is_current() -> None:
    committed = (ROOT / "docs" / "modele.md").read_text(encoding="utf-8")
    assert committed == model_markdown() + "\n", "docs/modele.md est périmé : lancez `make docs`"
