"""French help everywhere (typer's own words included), an example per command, the version,
shell completion, and a one-line hint after usage errors."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from cli_run import run

from stspd_cli import __version__
from stspd_cli.cli import app

COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
ENGLISH = re.compile(
    r"Show this message|Usage:|Install completion|Show completion|\[default|\[required\]"
    r"|<(bool|str|int|float|path|list\[\w+\])>|\bCOMMAND\b|\[ARGS\]|\{\w+\}"
)


def _help(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code, out, err = run(capsys, *args, "--help")
    assert (code, err) == (0, "")
    return out


def test_there_are_the_editing_commands() -> None:
    assert {"fmt", "new", "init", "validate"} <= set(COMMANDS)


def test_main_help_is_french(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    out = _help(capsys)
    assert ENGLISH.search(out) is None, ENGLISH.search(out)
    assert "Utilisation : stspd [OPTIONS] COMMANDE [ARGUMENTS]..." in out
    assert "Affiche cette aide et quitte." in out
    assert "Installe la complétion de stspd" in out


@pytest.mark.parametrize("command", COMMANDS)
def test_command_help_is_french_with_an_example(
    command: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    out = _help(capsys, command)
    found = ENGLISH.search(out)
    assert found is None, f"anglais dans l'aide de {command} : {found[0] if found else ''}"
    assert f"Utilisation : stspd {command}" in out
    assert "Exemple : stspd " in out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--version")
    assert (code, err) == (0, "")
    # Run from this git checkout: the commit is known, and said.
    assert re.fullmatch(
        rf"stspd {re.escape(__version__)} \(commit [0-9a-f]{{12}}(, modifié depuis)?\)\n", out
    )


@pytest.mark.parametrize(
    ("args", "message", "hint"),
    [
        (["fmt", "--chek"], "option inconnue : --chek", "stspd fmt --help décrit ses options"),
        (["new"], "argument manquant : FICHIER", "stspd new --help décrit ses options"),
        (["validate", "-f", "xml"], "format « xml » inconnu", "stspd validate --help"),
        (["lint"], "commande inconnue : « lint »", "stspd --help liste les commandes"),
    ],
)
def test_usage_errors_end_with_a_hint(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str, hint: str
) -> None:
    code, out, err = run(capsys, *args)
    assert (code, out) == (2, "")
    first, second = err.splitlines()
    assert first.startswith(f"stspd : {message}")
    assert second.startswith(f"  conseil : {hint}")


def test_completion_is_installed_with_a_french_message(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1",
    }
    done = subprocess.run(
        [sys.executable, "-m", "stspd_cli", "--install-completion", "bash"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("complétion bash installée dans ")
    assert "Elle sera active dans un nouveau terminal." in done.stdout
    assert "_STSPD_COMPLETE" in (tmp_path / ".bashrc").read_text(encoding="utf-8") + "".join(
        p.read_text(encoding="utf-8") for p in tmp_path.rglob("*") if p.is_file()
    )


def _properties(schema: dict[str, object]) -> list[tuple[str, str, dict[str, object]]]:
    definitions = schema.get("$defs", {})
    assert isinstance(definitions, dict)
    found = []
    for name, holder in [("Document", schema), *definitions.items()]:
        assert isinstance(holder, dict)
        for key, prop in holder.get("properties", {}).items():
            found.append((name, key, prop))
    return found


def test_every_field_explains_itself_on_hover() -> None:
    """What an editor shows when the pointer rests on a key: a French title and description
    for every field, and an example for every free value (not for a yes/no or a closed list)."""
    from stspd_cli.schema import json_schema  # noqa: PLC0415

    missing = []
    for name, key, prop in _properties(json_schema()):
        text = str(prop)
        free = not any(m in text for m in ("$ref", "enum", "const", "boolean"))
        needed = ["title", "description", *(["examples"] if free else [])]
        missing += [f"{name}.{key} : {word}" for word in needed if word not in prop]
    assert not missing, "\n".join(missing)
