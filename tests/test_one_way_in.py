"""One way in: which files are strategies, from any folder, standard input (issue 16).

A folder holding strategies and other YAML files (mkdocs.yml, docker-compose.yaml, CI files, a
YAML file with a syntax error): every command that walks a folder skips the others, counts them
in one line, and ``fmt`` leaves them byte for byte as they were.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from cli_run import run

from stspd_cli.discovery import select
from stspd_cli.errors import UsageError
from stspd_cli.repository import find_root
from stspd_cli.sniff import file_is_strategy, sniff

ROOT = Path(__file__).resolve().parents[1]
LILLE = ROOT / "strategies" / "clspd-lille.yaml"
LOOS = ROOT / "strategies" / "cispd-loos-haubourdin-emmerin.yaml"

OTHERS = {
    "mkdocs.yml": "site_name: Documentation du CLSPD\nnav:\n  - index.md\n",
    "docker-compose.yaml": (
        "# Le site de la documentation\nservices:\n  docs:\n    image: squidfunk/mkdocs-material\n"
    ),
    ".gitlab-ci.yml": "pages:\n  script:\n    - mkdocs build\n",
    "casse.yaml": "nom: [Lille\nvoir: : :\n",
    "sous-dossier/liste.yaml": "- un\n- deux\n",
}
SKIPPED = (
    "3 fichiers YAML ignorés, qui ne sont pas des stratégies : strategies/casse.yaml, "
    "strategies/docker-compose.yaml, strategies/mkdocs.yml ..."
)


@pytest.fixture
def depot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository: two strategies (one in a subfolder) and YAML files that are not."""
    folder = tmp_path / "depot"
    (folder / "strategies" / "sous-dossier").mkdir(parents=True)
    shutil.copyfile(LILLE, folder / "strategies" / "clspd-lille.yaml")
    shutil.copyfile(LOOS, folder / "strategies" / "sous-dossier" / LOOS.name)
    for name, text in OTHERS.items():
        (folder / "strategies" / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(folder)
    return folder


def _others(folder: Path) -> dict[str, bytes]:
    return {name: (folder / "strategies" / name).read_bytes() for name in OTHERS}


def test_the_walk_keeps_strategies_and_counts_the_others(depot: Path) -> None:
    selection = select(None)
    assert selection.files == [
        Path("strategies/clspd-lille.yaml"),
        Path("strategies/sous-dossier/cispd-loos-haubourdin-emmerin.yaml"),
    ]
    # Hidden files are never looked at; the others are counted.
    assert [p.name for p in selection.skipped] == [
        "casse.yaml",
        "docker-compose.yaml",
        "mkdocs.yml",
        "liste.yaml",
    ]
    assert selection.skipped_line() == SKIPPED.replace("3 fichiers", "4 fichiers")


def test_validate_skips_the_others(depot: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "validate", "--date", "2026-03-02", "--format", "json")
    assert (code, err) == (0, "")
    payload = json.loads(out)
    assert {f["file"] for f in payload["findings"]} <= {
        "strategies/clspd-lille.yaml",
        "strategies/sous-dossier/cispd-loos-haubourdin-emmerin.yaml",
    }
    assert payload["skipped"] == [
        "strategies/casse.yaml",
        "strategies/docker-compose.yaml",
        "strategies/mkdocs.yml",
        "strategies/sous-dossier/liste.yaml",
    ]
    assert payload["summary"]["files"] == 2
    assert payload["summary"]["skipped"] == 4
    code, out, _err = run(capsys, "validate", "strategies/", "--date", "2026-03-02")
    assert out.splitlines()[-1].endswith(
        "4 fichiers YAML ignorés, qui ne sont pas des stratégies : strategies/casse.yaml, "
        "strategies/docker-compose.yaml, strategies/mkdocs.yml ...."
    )


def test_fmt_never_touches_the_others(depot: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _others(depot)
    code, out, err = run(capsys, "fmt", "--check")
    assert (code, out) == (0, "")
    assert err.splitlines()[-1] == "stspd : " + SKIPPED.replace("3 fichiers", "4 fichiers")
    messy = depot / "strategies" / "clspd-lille.yaml"
    messy.write_text(messy.read_text(encoding="utf-8") + "\n\n\n", encoding="utf-8")
    code, _out, err = run(capsys, "fmt", "strategies")
    assert code == 0, err
    assert "strategies/clspd-lille.yaml mis en forme" in err
    assert _others(depot) == before
    # Named explicitly, a file that is not a strategy is refused and left as it is.
    code, _out, err = run(capsys, "fmt", "strategies/mkdocs.yml")
    assert code == 2
    assert err.splitlines()[0] == (
        "stspd : strategies/mkdocs.yml:1:1: S019 ce fichier n'est pas une stratégie stspd : il "
        "commence par la clé « site_name », pas par « schema: stspd/1 »"
    )
    assert _others(depot) == before


@pytest.mark.parametrize(
    ("args", "written"),
    [
        (["render", "-o", "sortie/"], "sortie/clspd-lille.html"),
        (["report", "-f", "md", "-o", "sortie/bilan.md"], "sortie/bilan.md"),
        (["export", "-o", "sortie/"], "sortie/clspd-lille-suivi.xlsx"),
    ],
    ids=["render", "report", "export"],
)
def test_each_command_skips_the_others(
    depot: Path, capsys: pytest.CaptureFixture[str], args: list[str], written: str
) -> None:
    before = _others(depot)
    code, out, err = run(capsys, *args)
    assert (code, out) == (0, ""), err
    lines = err.splitlines()
    assert f"stspd : {written} écrit (" in err
    assert lines[-1] == "stspd : " + SKIPPED.replace("3 fichiers", "4 fichiers")
    assert sum("ignoré" in line for line in lines) == 1
    assert _others(depot) == before


def test_a_broken_strategy_is_reported_not_skipped(
    depot: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (depot / "strategies" / "brouillon.yaml").write_text(
        "# Brouillon\nschema: stspd/1\nterritoire: [Lille\n", encoding="utf-8"
    )
    code, out, _err = run(capsys, "validate", "--date", "2026-03-02")
    assert code == 1
    assert "strategies/brouillon.yaml:4:1: erreur S001 erreur de syntaxe YAML" in out
    assert "casse.yaml" not in out.split("ignorés")[0]


@pytest.mark.parametrize(
    "text",
    [
        "schema: stspd/1\n",
        "\ufeffschema: stspd/1\n",
        "# yaml-language-server: $schema=x.json\n\n# commentaire\nschema: stspd/1\n",
        "%YAML 1.2\n---\nschema: stspd/1\n",
        "--- # document\nschema: stspd/1\n",
        "--- {schema: stspd/1, territoire: {nom: Lille}}\n",
        "{\n  schema: stspd/1,\n}\n",
        '"schema": "stspd/1"\n',
        "'schema' : 'stspd/1' # commentaire\n",
        "schema:\n  stspd/1\n",
        "schema: stspd/2\n",
        "territoire:\n  nom: Lille\nschema: stspd/1\n",  # fmt puts it back first
        "schema: stspd/1\nterritoire: [syntaxe cassée\n",
        "  schema: stspd/1\n  territoire: {}\n",  # an indented root mapping is a mapping
    ],
)
def test_what_a_strategy_starts_with(text: str) -> None:
    assert sniff(text).strategy


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("site_name: Documentation\n", "la clé « site_name »"),
        ("- schema: stspd/1\n", "une liste"),
        ("[1, 2]\n", "une liste"),
        ("Une phrase.\n", "un texte"),
        ("schema: autre/1\n", "« schema: autre/1 »"),
        ('"version": "3"\n', "la clé « version »"),
        ("? schema\n: stspd/1\n", "un texte"),  # a complex key: too rare to look for
    ],
)
def test_what_other_yaml_files_start_with(text: str, found: str) -> None:
    head = sniff(text)
    assert not head.strategy
    assert head.found == found


def test_comments_only_is_an_empty_document() -> None:
    assert sniff("# rien\n\n").empty
    assert not sniff("# rien\n").strategy


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "cp1252"])
def test_a_strategy_in_another_encoding_is_still_a_strategy(
    tmp_path: Path, encoding: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Skipped it would be lost: it is kept, and validate says what to do (S004)."""
    path = tmp_path / "strategies" / "encodee.yaml"
    path.parent.mkdir()
    path.write_bytes("schema: stspd/1\nterritoire:\n  nom: Hénin\n".encode(encoding))
    assert file_is_strategy(path)
    code, out, _err = run(capsys, "validate", str(tmp_path / "strategies"))
    assert code == 2
    assert " S004 " in out or " S011 " in out


def test_binary_data_is_not_a_strategy(tmp_path: Path) -> None:
    path = tmp_path / "classeur.yaml"
    path.write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)))
    assert not file_is_strategy(path)


# --- From any folder ------------------------------------------------------------------------


def test_commands_run_from_a_subfolder(depot: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (depot / ".git").mkdir()
    (depot / "docs" / "notes").mkdir(parents=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(depot / "docs" / "notes")
        assert find_root() == depot
        code, out, _err = run(capsys, "validate", "--date", "2026-03-02")
        assert code == 0
        assert "../../strategies/clspd-lille.yaml" in out or "fichiers vérifiés" in out
        code, _out, err = run(capsys, "render")
        assert code == 0, err
        assert "stspd : ../../build/clspd-lille.html écrit (version publique)" in err
    assert (depot / "build" / "sous-dossier" / "cispd-loos-haubourdin-emmerin.html").is_file()


def test_a_settings_file_marks_the_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "ville" / "strategies").mkdir(parents=True)
    (tmp_path / "ville" / "stspd.toml").write_text("", encoding="utf-8")
    (tmp_path / "ville" / "docs").mkdir()
    monkeypatch.chdir(tmp_path / "ville" / "docs")
    assert find_root() == tmp_path / "ville"


def test_a_git_repository_without_strategies_has_no_root(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The walk stops at the repository: a strategies/ folder above it is someone else's."""
    (tmp_path / "strategies").mkdir()
    (tmp_path / "autre-projet" / ".git").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "autre-projet")
    assert find_root() is None
    for command in ("validate", "fmt", "render", "report", "export", "texte"):
        code, out, err = run(capsys, command)
        assert (code, out) == (2, ""), command
        assert err.splitlines()[0] == (
            "stspd : aucune stratégie ici ; lancez stspd à la racine du dépôt ou donnez le chemin"
        ), command
    with pytest.raises(UsageError):
        select(None)


def test_settings_above_the_repository_are_not_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A .stspd.toml in a parent folder (/tmp is everyone's) does not choose the templates."""
    (tmp_path / "piege").mkdir()
    (tmp_path / "piege" / "document.html").write_text("PIÈGE", encoding="utf-8")
    (tmp_path / ".stspd.toml").write_text('[render]\ntemplates = "piege"\n', encoding="utf-8")
    repo = tmp_path / "depot"
    (repo / "strategies").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    shutil.copyfile(LILLE, repo / "strategies" / "clspd-lille.yaml")
    monkeypatch.chdir(repo)
    code, out, err = run(capsys, "render", "strategies/clspd-lille.yaml", "-o", "-")
    assert code == 0, err
    assert "PIÈGE" not in out


# --- Standard input -------------------------------------------------------------------------


def test_standard_input_for_every_command_that_reads_one_strategy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    data = LILLE.read_bytes()
    code, out, err = run(capsys, "validate", "-", "--date", "2026-03-02", stdin=data)
    assert (code, err) == (0, "")
    assert out == "1 fichier vérifié : aucun problème.\n"
    code, out, err = run(capsys, "texte", "-", stdin=data)
    assert (code, err) == (0, "")
    assert "Lille" in out
    code, out, err = run(capsys, "render", "-", "-f", "md", stdin=data)
    assert (code, err) == (0, "")
    assert out.startswith("# ")
    code, out, err = run(capsys, "report", "-", "-f", "json", "--date", "2026-03-02", stdin=data)
    assert (code, err) == (0, "")
    assert json.loads(out)["territoires"][0]["territoire"] == "Lille"
    code, out, err = run(capsys, "fmt", "-", stdin=data)
    assert (code, err) == (0, "")
    assert out.encode() == data


def test_standard_input_is_named_in_findings(capsys: pytest.CaptureFixture[str]) -> None:
    broken = b"schema: stspd/1\nterritoire:\n  nom: Lille\n  instence: CLSPD\n"
    code, out, _err = run(capsys, "validate", "-", stdin=broken)
    assert code == 1
    assert "<entrée standard>:4:3: erreur M004 clé inconnue « instence » ; vouliez-vous" in out
    code, out, err = run(capsys, "render", "-", stdin=broken)
    assert (code, out) == (1, "")
    assert err.startswith("stspd : <entrée standard> n'est pas une stratégie valide")
    code, _out, err = run(capsys, "validate", "-", "-", stdin=broken)
    assert code == 2
    assert "l'entrée standard ne se lit qu'une fois" in err
    code, out, _err = run(capsys, "validate", "-", stdin=b"site_name: docs\n")
    assert (code, out.splitlines()[0]) == (
        2,
        "<entrée standard>:1:1: erreur S019 ce fichier n'est pas une stratégie stspd : il commence "
        "par la clé « site_name », pas par « schema: stspd/1 »",
    )
