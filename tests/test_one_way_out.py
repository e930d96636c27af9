"""One way out: the same rule for ``-o`` in every command that writes (issue 16).

The extension chooses the format; an extension that contradicts ``--format``, or that the command
cannot write, is refused (exit 2) with the formats it can write; every file written is said on
the error output; names stspd chooses for internal outputs end in ``-interne``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from cli_run import run

from stspd_cli.formats.registries import REGISTRIES, formats_of
from stspd_cli.target import formats_phrase

ROOT = Path(__file__).resolve().parents[1]
LILLE = ROOT / "strategies" / "clspd-lille.yaml"
DEMO = ROOT / "examples" / "demo-fictive.yaml"
DAY = ("--date", "2026-03-02")


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "strategies").mkdir()
    shutil.copyfile(LILLE, tmp_path / "strategies" / "clspd-lille.yaml")
    newer = LILLE.read_text(encoding="utf-8").replace("  nom: Lille\n", "  nom: Lille-Centre\n")
    (tmp_path / "nouvelle.yaml").write_text(newer, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


# (command line without -o, format its extension gives, a word the document holds)
BY_EXTENSION = [
    (["validate", "strategies/", *DAY], "r.json", '"format": "stspd-validate/1"'),
    (["validate", "strategies/", *DAY], "r.txt", "1 fichier vérifié"),
    (["render", "strategies/clspd-lille.yaml"], "f.md", "# "),
    (["render", "strategies/clspd-lille.yaml"], "f.htm", "<!DOCTYPE html>"),
    (["report", "strategies/", *DAY], "b.html", "<!DOCTYPE html>"),
    (["report", "strategies/", *DAY], "b.json", '"format": "stspd-report/1"'),
    (["report", "strategies/", *DAY], "b.csv", "Identifiant"),
    (["diff", "strategies/clspd-lille.yaml", "nouvelle.yaml"], "n.json", '"stspd-diff/1"'),
    (["diff", "strategies/clspd-lille.yaml", "nouvelle.yaml"], "n.md", "# "),
    (["texte", "strategies/clspd-lille.yaml"], "t.txt", "Lille"),
    (["export", "strategies/clspd-lille.yaml"], "e.csv", "Identifiant"),
    (["regles"], "r.md", "# Règles"),
    (["schema"], "s.json", '"$schema"'),
]


@pytest.mark.parametrize(("args", "name", "holds"), BY_EXTENSION)
def test_the_extension_chooses_the_format(
    work: Path, capsys: pytest.CaptureFixture[str], args: list[str], name: str, holds: str
) -> None:
    code, out, err = run(capsys, *args, "-o", f"sortie/{name}")
    assert code == 0, err
    assert out == ""
    assert err.splitlines()[0].startswith(f"stspd : sortie/{name} écrit")
    text = (work / "sortie" / name).read_bytes().decode("utf-8-sig")
    assert holds in text


# (command line, -o, --format): the extension names another format than --format.
CONTRADICTIONS = [
    (["validate", "strategies/"], "r.txt", "json"),
    (["render", "strategies/clspd-lille.yaml"], "f.html", "md"),
    (["report", "strategies/"], "b.html", "text"),
    (["diff", "strategies/clspd-lille.yaml", "nouvelle.yaml"], "n.json", "md"),
    (["export", "strategies/clspd-lille.yaml"], "e.csv", "xlsx"),
    (["regles"], "r.md", "text"),
]


@pytest.mark.parametrize(("args", "name", "fmt"), CONTRADICTIONS)
def test_an_extension_that_contradicts_the_format_is_refused(
    work: Path, capsys: pytest.CaptureFixture[str], args: list[str], name: str, fmt: str
) -> None:
    code, out, err = run(capsys, *args, "-o", name, "--format", fmt)
    assert (code, out) == (2, "")
    suffix = Path(name).suffix
    assert err.splitlines() == [
        f"stspd : sortie « {name} » refusée : l'extension {suffix} annonce le format "
        f"{formats_of(args[0]) and _announced(suffix)}, pas {fmt} (--format {fmt})",
        f"  conseil : nommez le fichier en {formats_of(args[0])[fmt].suffix}, ou changez --format",
    ]
    assert not (work / name).exists()


def _announced(suffix: str) -> str:
    return {".txt": "text", ".html": "html", ".json": "json", ".csv": "csv", ".md": "md"}[suffix]


@pytest.mark.parametrize("command", sorted(REGISTRIES))
def test_an_extension_the_command_cannot_write_is_refused(
    work: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    args = {
        "validate": ["validate", "strategies/"],
        "render": ["render", "strategies/clspd-lille.yaml"],
        "report": ["report", "strategies/"],
        "diff": ["diff", "strategies/clspd-lille.yaml", "nouvelle.yaml"],
        "export": ["export", "strategies/clspd-lille.yaml"],
        "regles": ["regles"],
    }[command]
    # No command of stspd writes a spreadsheet but export, and export writes no web page.
    name = "sortie.html" if command == "export" else "sortie.xlsx"
    code, out, err = run(capsys, *args, "-o", name)
    assert (code, out) == (2, "")
    suffix = Path(name).suffix
    assert err.splitlines() == [
        f"stspd : stspd {command} ne sait pas écrire de fichier {suffix} (« {name} »)",
        f"  conseil : formats possibles : {formats_phrase(formats_of(command))} ; ou précisez "
        "--format",
    ]
    assert not (work / name).exists()


def test_a_yaml_file_is_never_an_output(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (work / "strategies" / "clspd-lille.yaml").read_bytes()
    for args in (
        ["report", "strategies/"],
        ["diff", "strategies/clspd-lille.yaml", "nouvelle.yaml"],
        ["texte", "strategies/clspd-lille.yaml"],
        ["validate", "strategies/"],
        ["render", "strategies/clspd-lille.yaml"],
        ["export", "strategies/clspd-lille.yaml"],
    ):
        code, _out, err = run(capsys, *args, "-o", "strategies/clspd-lille.yaml")
        assert code == 2, args
        assert "un fichier .yaml est une stratégie, pas une sortie" in err
    assert (work / "strategies" / "clspd-lille.yaml").read_bytes() == before


def test_internal_outputs_are_named_apart(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A name stspd chooses for an internal output never is the public one's."""
    lines = []
    for args in (
        ["render", "strategies/", "-o", "out/"],
        ["render", "strategies/", "-o", "out/", "--interne"],
        ["report", "strategies/", *DAY, "-o", "out/", "--interne"],
        ["diff", "strategies/clspd-lille.yaml", "nouvelle.yaml", "-o", "out/", "--interne"],
        ["texte", "strategies/clspd-lille.yaml", "-o", "out/", "--interne"],
        ["export", "strategies/clspd-lille.yaml", "--interne"],
        ["render", "strategies/clspd-lille.yaml", "-f", "pdf", "--interne"],
    ):
        code, _out, err = run(capsys, *args)
        assert code == 0, err
        lines += err.splitlines()
    assert lines == [
        "stspd : out/clspd-lille.html écrit (version publique)",
        "stspd : out/clspd-lille-interne.html écrit (version interne)",
        "stspd : out/bilan-interne.txt écrit (version interne)",
        "stspd : out/nouvelle-modifications-interne.txt écrit (version interne)",
        "stspd : out/clspd-lille-texte-interne.txt écrit (version interne)",
        "stspd : build/clspd-lille-suivi-interne.xlsx écrit (0 action, 0 indicateur, "
        "version interne)",
        "stspd : build/clspd-lille-interne.pdf écrit (version interne)",
    ]


def test_documents_go_to_standard_output_without_o(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for args in (
        ["report", *DAY],
        ["diff", "strategies/clspd-lille.yaml", "nouvelle.yaml"],
        ["texte"],
        ["render", "strategies/clspd-lille.yaml"],
        ["validate", *DAY],
        ["schema"],
        ["regles"],
    ):
        code, out, err = run(capsys, *args)
        assert (code, err) == (0, ""), args
        assert out
    assert not (work / "build").exists()


def test_diff_says_what_it_wrote(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["diff", "strategies/clspd-lille.yaml", "nouvelle.yaml", "--exit-code"]
    code, out, err = run(capsys, *args, "-o", "note.md")
    assert (code, out) == (1, "")
    assert err == "stspd : note.md écrit (version publique)\n"
    assert (work / "note.md").read_text(encoding="utf-8").startswith("# ")


def test_validate_writes_its_report_where_ci_wants_it(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "validate", "-f", "gitlab", "-o", "gl-code-quality.json", *DAY)
    assert (code, out) == (0, "")
    assert err == "stspd : gl-code-quality.json écrit\n"
    assert isinstance(json.loads((work / "gl-code-quality.json").read_text("utf-8")), list)
