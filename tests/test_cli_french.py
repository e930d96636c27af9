"""Every message of the command line is French, typer's own included (issue 16).

typer's copy of click writes its usage errors as English f-strings; stspd translates them by the
patterns of ``data/cli_fr.yaml``. The first test reads typer's installed source for every such
message, so that a new typer whose messages have no pattern fails here, not in front of a user.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
from cli_run import run

from stspd_cli.cli import app
from stspd_cli.clifr import translate_error

COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
ENGLISH = re.compile(
    r"\b(No such|Got unexpected|Missing|Option|Argument|Invalid|Value|requires|takes|"
    r"does not|is not|Did you mean|Possible options|Error|Usage|Try)\b"
)
MESSAGE = re.compile(
    r"""f?["']((?:No such|Got unexpected|Missing|Option |Argument |Invalid value|Value )"""
    r"""[^"'\n]*)["']"""
)
# Messages of typer that are not a user's mistake (a bug of the program that declares options).
# (typer 0.29 also has docstrings that start like messages.)
NOT_FOR_USERS = ("Argument is marked as exposed", "Argument display name", "Argument name for")
# How typer completes the pieces it builds in several steps.
COMPLETIONS = {
    "Missing argument": "Missing argument 'CHEMIN'.",
    "Missing option": "Missing option '--territoire'.",
    "Missing parameter": "Missing parameter 'x'.",
    "Missing {param_type}": "Missing value 'x'.",
    "Missing {param_type}{param_hint}.": "Missing argument 'CHEMIN'.",
    "Missing {param_type}{param_hint}. {msg}": "Missing option '--x'. Choose from: a, b.",
    "Option {option_name!r} requires {msg}": "Option '-o' requires an argument.",
}


def _sample(template: str) -> str:
    if template in COMPLETIONS:
        return COMPLETIONS[template]
    text = re.sub(r"\{[^}]*!r\}", "'--x'", template)
    return re.sub(r"\{[^}]*\}", "x", text)


def _typer_messages() -> list[str]:
    folder = Path(typer.__file__).parent
    found = {m[1] for f in folder.rglob("*.py") for m in MESSAGE.finditer(f.read_text("utf-8"))}
    return sorted(m for m in found if not m.startswith(NOT_FOR_USERS))


def test_typer_has_messages_to_translate() -> None:
    assert "Got unexpected extra argument(s) ({extra_args})" in _typer_messages()


@pytest.mark.parametrize("template", _typer_messages())
def test_every_message_of_typer_has_a_french_pattern(template: str) -> None:
    sample = _sample(template)
    french = translate_error(sample)
    assert french != sample, f"pas de traduction pour « {sample} » (data/cli_fr.yaml)"
    assert ENGLISH.search(french) is None, french


@pytest.mark.parametrize(
    ("message", "french"),
    [
        ("Got unexpected extra argument(s) (a b)", "en trop sur la ligne de commande : a b"),
        ("Got unexpected extra argument (a)", "en trop sur la ligne de commande : a"),
        (
            "No such option: --chek Did you mean --check?",
            "option inconnue : --chek ; vouliez-vous dire --check ?",
        ),
        ("Missing argument 'ANCIENNE'.", "argument manquant : ANCIENNE"),
        ("Option '-o' requires an argument.", "l'option -o attend une valeur"),
        (
            "Invalid value for '--strict': Value must be an iterable.",
            "valeur invalide pour --strict : plusieurs valeurs attendues",
        ),
    ],
)
def test_known_messages(message: str, french: str) -> None:
    assert translate_error(message) == french


# Commands that take any number of paths: six more values are no mistake there.
MANY_PATHS = {"validate", "render", "report", "export", "fmt"}


# A usage mistake for each command: an unknown option, values where none are expected.
@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_says_its_usage_errors_in_french(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    mistakes = [[command, "--inconnue"], [command, "-o"]]
    if command not in MANY_PATHS:
        mistakes.append([command, *["x"] * 6])
    for args in mistakes:
        code, out, err = run(capsys, *args)
        assert (code, out) == (2, ""), (args, err)
        assert err.startswith("stspd : "), (args, err)
        assert ENGLISH.search(err) is None, (args, err)
        assert f"conseil : stspd {command} --help" in err, (args, err)


@pytest.mark.parametrize(
    ("args", "first_line"),
    [
        (["diff"], "stspd : argument manquant : ANCIENNE"),
        (["diff", "a.yaml"], "stspd : argument manquant : NOUVELLE"),
        (["import", "a.yaml"], "stspd : argument manquant : TABLEAU"),
        (["new"], "stspd : argument manquant : FICHIER"),
        (["init"], "stspd : argument manquant : DOSSIER"),
        (["validate", "--strict=oui"], "stspd : l'option --strict ne prend pas de valeur"),
        (["schema", "en-trop"], "stspd : en trop sur la ligne de commande : en-trop"),
        (["lint"], "stspd : commande inconnue : « lint » ; vouliez-vous dire « init » ?"),
    ],
)
def test_usage_errors_in_french(
    args: list[str], first_line: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, *args)
    assert (code, out) == (2, "")
    assert err.splitlines()[0] == first_line


def test_prompts_have_french_spacing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a terminal, ``stspd new`` asks what is missing: « Nom du territoire : »."""
    import io  # noqa: PLC0415
    import sys  # noqa: PLC0415

    monkeypatch.chdir(tmp_path)
    answers = io.TextIOWrapper(io.BytesIO(b"Roubaix\nCLSPD\n"), encoding="utf-8")
    monkeypatch.setattr(answers, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(sys, "stdin", answers)
    with pytest.raises(SystemExit) as done:
        from stspd_cli.cli import main  # noqa: PLC0415

        main(["new", "clspd-roubaix.yaml"])
    out, err = capsys.readouterr()
    assert done.value.code == 0, err
    assert "Nom du territoire (commune ou intercommunalité)\u00a0: " in out
    assert "Instance (CLSPD, CISPD ou CMSPD) [CLSPD]\u00a0: " in out
    assert (tmp_path / "clspd-roubaix.yaml").is_file()


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("stspd report --format ", None),
        ("stspd render -f d", ["docx"]),
        ("stspd validate --format g", ["github", "gitlab"]),
    ],
)
def test_the_shell_completes_the_formats_of_the_registry(
    words: str, expected: list[str] | None
) -> None:
    """Tab after --format offers the formats of the command's registry, nothing else."""
    import os  # noqa: PLC0415
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    from stspd_cli.formats.registries import registry  # noqa: PLC0415

    env = {
        **os.environ,
        "_STSPD_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) if words.endswith(" ") else len(words.split()) - 1),
    }
    done = subprocess.run(
        [sys.executable, "-m", "stspd_cli"], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    command = words.split()[1]
    assert done.stdout.split() == (expected or list(registry(command)))
