"""`stspd render` on the command line: outputs, refusals, exit codes and French messages.

The commands run through ``main()`` of the console script in-process (tests/cli_run.py), in the
folder each test gives; one PDF is printed by the real command, in a process of its own."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_run import Done, run_in
from typer.testing import CliRunner

from stspd_cli.cli import app

from .support import DEMO, LILLE, LOOS, MINIMAL, ROOT, STRATEGIES, rendered, write_strategy

runner = CliRunner()


Stspd = Callable[..., Done]


@pytest.fixture
def stspd(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Stspd:
    """``stspd ARGS`` through its one error boundary (main), run in the folder ``cwd``."""
    monkeypatch.setenv("NO_COLOR", "1")

    def command(*args: str | Path, cwd: Path = ROOT) -> Done:
        return run_in(capsys, monkeypatch, cwd, *map(str, args))

    return command


def test_html_to_standard_output_by_default() -> None:
    result = runner.invoke(app, ["render", str(LILLE)])
    assert result.exit_code == 0, result.output
    assert result.stdout.encode() == rendered(LILLE, "html")
    assert result.stderr == ""


def test_markdown_to_standard_output_with_dash() -> None:
    result = runner.invoke(app, ["render", str(LOOS), "--format", "md", "-o", "-"])
    assert result.exit_code == 0, result.output
    assert result.stdout.encode() == rendered(LOOS, "md")


def test_output_file_and_output_folder(tmp_path: Path) -> None:
    target = tmp_path / "feuille.html"
    result = runner.invoke(app, ["render", str(DEMO), "-o", str(target), "--interne"])
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == rendered(DEMO, "html", interne=True)
    assert f"{target} écrit" in result.stderr
    assert result.stdout == ""
    # An existing folder receives <name>.<format>.
    result = runner.invoke(app, ["render", str(DEMO), "-o", str(tmp_path), "-f", "md"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "demo-fictive.md").read_bytes() == rendered(DEMO, "md")


def test_the_output_suffix_chooses_the_format(stspd: Stspd, tmp_path: Path) -> None:
    result = stspd("render", LILLE, "-o", tmp_path / "lille.md")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "lille.md").read_bytes() == rendered(LILLE, "md")
    result = stspd("render", LILLE, "-o", f"{tmp_path / 'nouveau'}/")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "nouveau" / "clspd-lille.html").read_bytes() == rendered(LILLE, "html")
    # An explicit format is obeyed with an extension that names no format...
    result = stspd("render", LILLE, "-o", tmp_path / "page.out", "-f", "md")
    assert (tmp_path / "page.out").read_bytes() == rendered(LILLE, "md")
    # ...and refused with one that names another format, or one render cannot write.
    result = stspd("render", LILLE, "-o", tmp_path / "page.txt", "-f", "md")
    assert (result.returncode, result.stderr.splitlines()[0]) == (
        2,
        f"stspd : sortie « {tmp_path / 'page.txt'} » refusée : l'extension .txt annonce le "
        "format text, pas md (--format md)",
    )
    result = stspd("render", LILLE, "-o", tmp_path / "page.xlsx")
    assert result.returncode == 2
    assert result.stderr.startswith("stspd : stspd render ne sait pas écrire de fichier .xlsx")
    assert "formats possibles : html (.html), md (.md), pdf (.pdf)" in result.stderr
    assert not (tmp_path / "page.txt").exists()
    assert not (tmp_path / "page.xlsx").exists()


def test_a_folder_of_strategies_renders_each_into_the_output_folder(
    stspd: Stspd, tmp_path: Path
) -> None:
    out = tmp_path / "build"
    result = stspd("render", STRATEGIES, "-o", out, "--format", "html")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "cispd-loos-haubourdin-emmerin.html",
        "clspd-lille.html",
    ]
    assert (out / "clspd-lille.html").read_bytes() == rendered(LILLE, "html")


def test_pdf_file(tmp_path: Path) -> None:
    """The real command, in a process of its own, as a user runs it."""
    target = tmp_path / "lille.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "stspd_cli", "render", LILLE, "-o", target, "--format", "pdf"],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert target.read_bytes() == rendered(LILLE, "pdf")


def test_never_writes_over_a_source_strategy(stspd: Stspd, tmp_path: Path) -> None:
    source = write_strategy(tmp_path, MINIMAL)
    before = source.read_bytes(), source.stat().st_mtime_ns
    result = stspd("render", source, "-o", source)
    assert result.returncode == 2
    assert "un fichier .yaml est une stratégie, pas une sortie" in result.stderr
    assert "Traceback" not in result.stderr
    assert (source.read_bytes(), source.stat().st_mtime_ns) == before
    # Nor over any YAML file, existing or not.
    other = tmp_path / "autre.yml"
    assert stspd("render", source, "-o", other).returncode == 2
    assert not other.exists()


def test_a_folder_never_writes_over_its_strategies(stspd: Stspd, tmp_path: Path) -> None:
    folder = tmp_path / "strategies"
    shutil.copytree(STRATEGIES, folder)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    result = stspd("render", folder, "-o", folder, "-f", "md")
    assert result.returncode == 0, result.stderr
    after = {p.name: p.read_bytes() for p in folder.iterdir() if p.suffix == ".yaml"}
    assert after == before
    assert (folder / "clspd-lille.md").is_file()


def test_without_output_files_go_to_build(stspd: Stspd, tmp_path: Path) -> None:
    """A folder of strategies, or a binary format, goes into build/ of the repository."""
    shutil.copytree(STRATEGIES, tmp_path / "strategies")
    (tmp_path / "strategies" / "sous-dossier").mkdir()
    result = stspd("render", cwd=tmp_path / "strategies" / "sous-dossier")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "stspd : ../../build/cispd-loos-haubourdin-emmerin.html écrit (version publique)",
        "stspd : ../../build/clspd-lille.html écrit (version publique)",
    ]
    result = stspd("render", "strategies/clspd-lille.yaml", "-f", "pdf", "--interne", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "stspd : build/clspd-lille-interne.pdf écrit (version interne)\n"
    assert sorted(p.name for p in (tmp_path / "build").iterdir()) == [
        "cispd-loos-haubourdin-emmerin.html",
        "clspd-lille-interne.pdf",
        "clspd-lille.html",
    ]


def test_usage_errors_exit_2_with_a_french_message(stspd: Stspd, tmp_path: Path) -> None:
    cases: list[tuple[tuple[str | Path, ...], str]] = [
        (("render", STRATEGIES, "-o", "-"), "plusieurs stratégies ne s'écrivent pas sur la"),
        (("render", STRATEGIES, "-o", tmp_path / "x.html"), "n'est pas un dossier"),
        (("render", LILLE, "-f", "rtf"), "format « rtf » inconnu"),
        (("render", tmp_path / "absente.yaml"), "introuvable"),
        (("render", LILLE, "--templates", tmp_path / "absent"), "dossier de modèles"),
    ]
    for args, message in cases:
        result = stspd(*args, cwd=tmp_path)
        assert result.returncode == 2, (args, result.stderr)
        assert result.stderr.startswith("stspd : "), result.stderr
        assert message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr
        assert result.stdout == ""


def test_an_invalid_strategy_exits_1_and_points_to_validate(stspd: Stspd, tmp_path: Path) -> None:
    bad = write_strategy(tmp_path, MINIMAL + "plans:\n  - id: p\n    titre: P\n    pilotte: x\n")
    result = stspd("render", bad.name, cwd=tmp_path)
    assert result.returncode == 1
    assert "strategie.yaml:10:5: M004" in result.stderr
    assert "stspd validate strategie.yaml" in result.stderr
    assert result.stdout == ""


def test_a_folder_with_an_invalid_strategy_renders_the_others(stspd: Stspd, tmp_path: Path) -> None:
    folder = tmp_path / "strategies"
    folder.mkdir()
    write_strategy(folder, MINIMAL, "bonne.yaml")
    write_strategy(folder, MINIMAL.replace("CLSPD", "CLSPX"), "mauvaise.yaml")
    result = stspd("render", folder, "-o", tmp_path / "build")
    assert result.returncode == 1
    assert (tmp_path / "build" / "bonne.html").is_file()
    assert not (tmp_path / "build" / "mauvaise.html").exists()
    assert "mauvaise.yaml" in result.stderr


def test_help_is_french_with_an_example() -> None:
    result = runner.invoke(app, ["render", "--help"])
    assert result.exit_code == 0
    assert "Exemple" in result.stdout
    assert "--interne" in result.stdout
    assert "--templates" in result.stdout


def test_texts_still_to_complete_are_said_after_the_document(stspd: Stspd, tmp_path: Path) -> None:
    """A feuille de route that prints « à compléter » says so (T001): in a public document,
    only the texts it prints."""
    text = MINIMAL.replace("nom: Bourg-Test", "nom: Bourg-Test\n  epci: à compléter")
    text += (
        "notes:\n  - titre: Note publique\n    texte: À compléter.\n"
        "  - titre: Note interne\n    texte: à compléter\n    diffusion: restreinte\n"
    )
    source = write_strategy(tmp_path, text)
    result = stspd("render", source, "-o", tmp_path / "public.html", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[-1] == (
        "  attention : 2 textes encore « à compléter » (stspd validate strategie.yaml les situe)"
    )
    result = stspd("render", source, "--interne", "-o", tmp_path / "interne.html", cwd=tmp_path)
    assert "attention : 3 textes encore « à compléter »" in result.stderr
    result = stspd("render", LILLE, "-o", tmp_path / "lille.html")
    assert "compléter" not in result.stderr
