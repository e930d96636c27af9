"""`stspd validate` from the outside: exit codes, text and JSON output, stdout and stderr apart.

Commands run through typer's CliRunner; what only the error boundary does (usage errors, internal
errors, exit codes of the real process) runs through ``main()`` in-process or in a subprocess.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from cli_run import run
from example_files import INVALID_DIR, VALID_DIR, expected_findings
from typer.testing import CliRunner

from stspd_cli import __version__
from stspd_cli.cli import app, main
from stspd_cli.errors import UsageError

REFERENCE = "2026-01-15"
ANSI = "\x1b["
TEXT_LINE = re.compile(
    r"^(?P<file>[^:]+):(?P<line>[1-9]\d*):(?P<column>[1-9]\d*): "
    r"(?P<severity>erreur|avertissement) (?P<code>[A-Z]\d{3}) \S.*$"
)
NO_STRUCTURE = (
    " Règles de cohérence non vérifiées pour 1 fichier : rien n'a pu être lu comme une stratégie "
    "(syntaxe, schéma) ; corrigez d'abord ces erreurs."
)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working directory, so that file names in the output are short and known."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    return tmp_path


def _copy(name: str, folder: Path, into: Path) -> Path:
    into.mkdir(parents=True, exist_ok=True)
    target = into / name
    shutil.copyfile(folder / name, target)
    side = folder / f"{name}.attendu"
    if side.exists():
        shutil.copyfile(side, into / side.name)
    return target


def _main(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run the real entry point in-process; return (exit code, stdout, stderr)."""
    with pytest.raises(SystemExit) as done:
        main(args)
    out, err = capsys.readouterr()
    code = done.value.code
    assert isinstance(code, int)
    return code, out, err


def _process(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "stspd_cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=os.environ if env is None else env,
        check=False,
        timeout=60,
    )


# --- exit codes and text output ------------------------------------------------------------


def test_valid_file_exits_0(runner: CliRunner, work: Path) -> None:
    _copy("minimal.yaml", VALID_DIR, work)
    result = runner.invoke(app, ["validate", "minimal.yaml", "--date", REFERENCE])
    assert result.exit_code == 0
    assert result.stdout == "1 fichier vérifié : aucun problème.\n"
    assert result.stderr == ""


def test_invalid_file_exits_1_with_one_line_per_finding(runner: CliRunner, work: Path) -> None:
    _copy("cle-inconnue.yaml", INVALID_DIR, work)
    result = runner.invoke(app, ["validate", "cle-inconnue.yaml", "--date", REFERENCE])
    assert result.exit_code == 1
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "cle-inconnue.yaml:19:9: erreur M004 clé inconnue « partenaire » ; "
        "vouliez-vous dire « partenaires » ?"
    )
    assert lines[1].startswith(
        "cle-inconnue.yaml:21:9: erreur M004 clé inconnue « budget_total » ; "
    )
    assert lines[2] == "1 fichier vérifié : 2 erreurs, 0 avertissement."
    assert len(lines) == 3


def test_text_lines_match_the_declared_findings(runner: CliRunner, work: Path) -> None:
    _copy("references-inconnues.yaml", INVALID_DIR, work)
    result = runner.invoke(app, ["validate", "references-inconnues.yaml", "--date", REFERENCE])
    assert result.exit_code == 1
    *lines, summary = result.stdout.splitlines()
    found = set()
    for line in lines:
        match = TEXT_LINE.match(line)
        assert match, f"ligne mal formée : {line!r}"
        assert match["file"] == "references-inconnues.yaml"
        assert match["severity"] == "erreur"
        found.add((int(match["line"]), int(match["column"]), match["code"]))
    assert found == expected_findings(work / "references-inconnues.yaml")
    assert summary == "1 fichier vérifié : 9 erreurs, 0 avertissement."


LABELLED = """\
schema: stspd/1
territoire:
  nom: Bourg-les-Vignes
  instance: CLSPD
strategie:
  titre: Stratégie
  periode:
    debut: 2021
    fin: 2024
  numerotation: par_plan
  libelles:
    plan: Axe
    action: Fiche-action
plans:
  - id: axe-jeunesse
    numero: 2
    titre: Jeunesse
    actions:
      - id: chantiers
        numero: 1
        titre: Chantiers éducatifs
        calendrier:
          echeance: "2025-01"
  - id: axe-vide
    titre: Victimes
"""


def test_messages_name_actions_and_levels_as_the_document_does(
    runner: CliRunner, work: Path
) -> None:
    (work / "axes.yaml").write_text(LABELLED, encoding="utf-8")
    result = runner.invoke(app, ["validate", "axes.yaml", "--date", "2025-02-15"])
    assert result.stdout.splitlines()[:5] == [
        "axes.yaml:16:13: avertissement I003 numérotation des axes : numéro manquant : 1",
        "axes.yaml:19:9: avertissement A001 fiche-action n°2.1 « Chantiers éducatifs » sans pilote",
        "axes.yaml:23:21: avertissement D002 fiche-action n°2.1 « Chantiers éducatifs » : "
        "l'échéance (janvier 2025) est hors de la période de la stratégie (2021 – 2024)",
        "axes.yaml:23:21: avertissement D003 échéance de janvier 2025 dépassée de 15 jours et "
        "fiche-action non réalisée (statut : non renseigné)",
        "axes.yaml:24:5: avertissement A002 axe « Victimes » sans fiche-action",
    ]


def test_warnings_pass_unless_strict(runner: CliRunner, work: Path) -> None:
    _copy("referentiel-provisoire.yaml", INVALID_DIR, work)
    args = ["validate", "referentiel-provisoire.yaml", "--date", REFERENCE]
    lenient = runner.invoke(app, args)
    assert lenient.exit_code == 0
    assert lenient.stdout.splitlines()[-1] == "1 fichier vérifié : 0 erreur, 1 avertissement."
    strict = runner.invoke(app, [*args, "--strict"])
    assert strict.exit_code == 1
    assert strict.stdout == lenient.stdout
    assert strict.stderr == ""


def test_reference_date_moves_deadlines(runner: CliRunner, work: Path) -> None:
    _copy("echeance-depassee.yaml", INVALID_DIR, work)
    before = runner.invoke(app, ["validate", "echeance-depassee.yaml", "--date", "2025-01-01"])
    assert before.stdout == "1 fichier vérifié : aucun problème.\n"
    after = runner.invoke(app, ["validate", "echeance-depassee.yaml", "--date", REFERENCE])
    assert "D003 échéance du 31 décembre 2025 dépassée de 15 jours" in after.stdout
    assert "--strict" not in after.stdout
    assert after.exit_code == 0


@pytest.mark.parametrize(
    ("name", "code"),
    [("windows-1252.yaml", "S004"), ("octets-nuls.yaml", "S011"), ("utf-16.yaml", "S004")],
)
def test_unreadable_file_exits_2(runner: CliRunner, work: Path, name: str, code: str) -> None:
    _copy(name, INVALID_DIR, work)
    result = runner.invoke(app, ["validate", name])
    assert result.exit_code == 2
    assert result.stderr == ""
    assert f": erreur {code} " in result.stdout.splitlines()[0]


def test_missing_file_exits_2_and_names_it(runner: CliRunner, work: Path) -> None:
    result = runner.invoke(app, ["validate", "absente.yaml"])
    assert result.exit_code == 2
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        "absente.yaml: erreur S013 fichier introuvable",
        "1 fichier vérifié : 1 erreur, 0 avertissement." + NO_STRUCTURE,
    ]


def test_one_unreadable_file_among_others_still_exits_2(runner: CliRunner, work: Path) -> None:
    _copy("minimal.yaml", VALID_DIR, work)
    _copy("cle-inconnue.yaml", INVALID_DIR, work)
    result = runner.invoke(app, ["validate", "minimal.yaml", "absente.yaml", "cle-inconnue.yaml"])
    assert result.exit_code == 2
    assert result.stdout.splitlines()[-1].startswith("3 fichiers vérifiés : 3 erreurs, ")


# --- usage errors go through main(), the single error boundary ------------------------------


def test_unknown_format_is_a_usage_error(
    runner: CliRunner, work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _copy("minimal.yaml", VALID_DIR, work)
    result = runner.invoke(app, ["validate", "minimal.yaml", "--format", "xml"])
    assert isinstance(result.exception, UsageError)
    assert result.exception.exit_code == 2
    code, out, err = _main(["validate", "minimal.yaml", "--format", "xml"], capsys)
    assert code == 2
    assert out == ""
    assert err == (
        "stspd : format « xml » inconnu ; formats possibles : text, json, github, gitlab\n"
        "  conseil : stspd validate --help décrit ses options, avec un exemple.\n"
    )


def test_bad_date_is_a_usage_error(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _copy("minimal.yaml", VALID_DIR, work)
    code, out, err = _main(["validate", "minimal.yaml", "--date", "15/01/2026"], capsys)
    assert code == 2
    assert out == ""
    assert err.startswith("stspd : date « 15/01/2026 » invalide pour --date : écrivez AAAA-MM-JJ")
    code, out, _err = _main(["validate", "minimal.yaml", "--date", "2026-02-30"], capsys)
    assert (code, out) == (2, "")


def test_empty_folder_is_a_usage_error(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "vide").mkdir()
    code, out, err = _main(["validate", "vide"], capsys)
    assert code == 2
    assert out == ""
    assert err == (
        "stspd : aucune stratégie dans le dossier « vide »\n"
        "  conseil : une stratégie est un fichier .yaml ou .yml qui commence par "
        "« schema: stspd/1 ».\n"
    )


def test_unknown_option_is_a_usage_error(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _main(["validate", "--inconnue"], capsys)
    assert code == 2
    assert out == ""
    assert err.startswith("stspd : ")
    assert "conseil : stspd validate --help" in err


def test_internal_error_exits_3_without_traceback(
    work: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise ZeroDivisionError

    monkeypatch.setattr("stspd_cli.validate.validate_file", broken)
    code, out, err = _main(["validate", "x.yaml"], capsys)
    assert code == 3
    assert out == ""
    assert "erreur interne inattendue (ZeroDivisionError)" in err
    assert "--debug" in err
    assert "Traceback" not in err
    with pytest.raises(ZeroDivisionError):
        main(["--debug", "validate", "x.yaml"])


# --- JSON ----------------------------------------------------------------------------------


def test_json_output(runner: CliRunner, work: Path) -> None:
    _copy("actions-incoherentes.yaml", INVALID_DIR, work)
    _copy("minimal.yaml", VALID_DIR, work)
    args = ["validate", "actions-incoherentes.yaml", "minimal.yaml", "-f", "json"]
    result = runner.invoke(app, [*args, "--date", REFERENCE])
    assert result.exit_code == 0  # warnings only
    assert result.stderr == ""
    payload = json.loads(result.stdout)
    assert set(payload) == {"format", "findings", "skipped", "summary"}
    assert payload["format"] == "stspd-validate/1"
    findings = payload["findings"]
    for finding in findings:
        assert set(finding) == {"file", "line", "column", "severity", "code", "message"}
        assert finding["file"] == "actions-incoherentes.yaml"
        assert finding["severity"] == "warning"
        assert finding["message"]
    triples = {(f["line"], f["column"], f["code"]) for f in findings}
    assert triples == expected_findings(work / "actions-incoherentes.yaml")
    assert findings[0] == {
        "file": "actions-incoherentes.yaml",
        "line": 18,
        "column": 9,
        "severity": "warning",
        "code": "A001",
        "message": "action n°1 « Cellule de veille » sans pilote",
    }
    assert payload["summary"] == {
        "files": 2,
        "errors": 0,
        "warnings": 5,
        "skipped": 0,
        "exit_code": 0,
        "message": "2 fichiers vérifiés : 0 erreur, 5 avertissements.",
    }
    strict = json.loads(runner.invoke(app, [*args, "--strict"]).stdout)
    assert strict["summary"]["exit_code"] == 1


def test_json_whole_file_findings_are_at_0_0(runner: CliRunner, work: Path) -> None:
    _copy("vide.yaml", INVALID_DIR, work)
    result = runner.invoke(app, ["validate", "vide.yaml", "--format", "json"])
    assert result.exit_code == 1
    [finding] = json.loads(result.stdout)["findings"]
    assert (finding["line"], finding["column"], finding["code"]) == (0, 0, "S008")


# --- folders and the default path ----------------------------------------------------------


def test_folder_argument_is_searched_recursively(runner: CliRunner, work: Path) -> None:
    _copy("minimal.yaml", VALID_DIR, work / "dossier")
    _copy("clspd-complet.yaml", VALID_DIR, work / "dossier" / "sous-dossier")
    _copy("cle-inconnue.yaml", INVALID_DIR, work / "dossier" / ".cache")  # hidden: skipped
    (work / "dossier" / "notes.txt").write_text("pas une stratégie\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", "dossier", "--date", REFERENCE])
    assert result.exit_code == 0
    assert result.stdout == "2 fichiers vérifiés : aucun problème.\n"


def test_default_path_is_strategies(runner: CliRunner, work: Path) -> None:
    _copy("minimal.yaml", VALID_DIR, work / "strategies")
    _copy("referentiel-provisoire.yaml", INVALID_DIR, work / "strategies")
    result = runner.invoke(app, ["validate", "--date", REFERENCE])
    assert result.exit_code == 0
    assert result.stderr == ""
    first, summary = result.stdout.splitlines()
    assert first.startswith("strategies/referentiel-provisoire.yaml:12:16: avertissement R005 ")
    assert summary == "2 fichiers vérifiés : 0 erreur, 1 avertissement."


def test_default_path_missing(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _main(["validate"], capsys)
    assert (code, out) == (2, "")
    assert err.splitlines()[0] == (
        "stspd : aucune stratégie ici ; lancez stspd à la racine du dépôt ou donnez le chemin"
    )


# --- the real process ----------------------------------------------------------------------


def test_version() -> None:
    result = _process("--version")
    assert result.returncode == 0
    assert result.stdout.startswith(f"stspd {__version__} (commit ")
    assert result.stderr == ""


def test_installed_script() -> None:
    script = Path(sys.executable).parent / ("stspd.exe" if sys.platform == "win32" else "stspd")
    if not script.exists():
        pytest.skip("script stspd non installé dans cet environnement")
    result = subprocess.run(
        [str(script), "validate", str(INVALID_DIR / "vide.yaml")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].endswith(
        "vide.yaml: erreur S008 "
        + ("le fichier ne contient aucune donnée (vide ou seulement des commentaires)")
    )
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["validate", "--date", REFERENCE, str(VALID_DIR)], 0),
        (["validate", str(INVALID_DIR / "cle-inconnue.yaml")], 1),
        (["validate", "--strict", str(INVALID_DIR / "referentiel-provisoire.yaml")], 1),
        (["validate", str(INVALID_DIR / "octets-nuls.yaml")], 2),
        (["validate", "/chemin/qui/n-existe/pas.yaml"], 2),
        (["validate", "--format", "xml", str(VALID_DIR)], 2),
        (["validate", "--date", "demain", str(VALID_DIR)], 2),
        (["commande-inconnue"], 2),
    ],
)
def test_process_exit_codes_without_traceback(args: list[str], code: int) -> None:
    result = _process(*args)
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    assert "Traceback" not in result.stdout
    if result.stderr:
        assert result.stderr.startswith("stspd : ")
        assert result.stdout == ""


def test_piped_output_has_no_ansi_escapes() -> None:
    without_no_color = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    result = _process(
        "validate", str(INVALID_DIR / "cle-inconnue.yaml"), "--format", "xml", env=without_no_color
    )
    assert result.returncode == 2
    assert ANSI not in result.stderr
    result = _process("validate", str(INVALID_DIR / "cle-inconnue.yaml"), env=without_no_color)
    assert result.returncode == 1
    assert ANSI not in result.stdout
    assert ANSI not in result.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminal POSIX")
@pytest.mark.parametrize(("no_color", "colored"), [(None, True), ("1", False)])
def test_terminal_colors_follow_no_color(no_color: str | None, colored: bool) -> None:
    import pty  # noqa: PLC0415  (POSIX only)

    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    if no_color is not None:
        env["NO_COLOR"] = no_color
    leader, follower = pty.openpty()
    command = [
        sys.executable,
        "-m",
        "stspd_cli",
        "validate",
        str(INVALID_DIR / "cle-inconnue.yaml"),
    ]
    with subprocess.Popen(command, stdout=follower, stderr=subprocess.DEVNULL, env=env) as process:
        os.close(follower)
        output = _drain(leader)
        assert process.wait(timeout=60) == 1
    os.close(leader)
    assert "M004" in output
    assert (ANSI in output) is colored


def _drain(fd: int) -> str:
    """Everything written to a pseudo-terminal until the other side closes it."""
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO on Linux once the child has exited and the terminal is drained
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks).decode("utf-8")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["valider"], "commande inconnue : « valider » ; vouliez-vous dire « validate » ?"),
        (
            ["validate", "--forma", "json"],
            "option inconnue : --forma ; vouliez-vous dire --format ?",
        ),
        (["diff", "a.yaml"], "argument manquant : NOUVELLE"),
        (["validate", "--date"], "l'option --date attend une valeur"),
    ],
)
def test_usage_errors_are_in_french(args: list[str], expected: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "stspd_cli", *args], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert f"stspd : {expected}\n" in done.stderr
    assert "Traceback" not in done.stderr


def test_text_written_as_it_comes_is_the_sorted_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Plain text on standard output is written file by file (flat memory over any number of
    files): the same characters and exit code as the whole report sorted, for files named in
    any order, one named twice, more than the workers' threshold, and a skipped YAML file."""
    from stspd_cli.formats.findings import FORMATS, OutputOptions  # noqa: PLC0415
    from stspd_cli.validate import validate_paths  # noqa: PLC0415

    folder = tmp_path / "dossier"
    folder.mkdir()
    sources = sorted(INVALID_DIR.glob("*.yaml"))[:12]
    for source in sources:
        shutil.copy(source, folder / source.name)
    (folder / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    named = [folder / sources[5].name, folder, folder / sources[0].name, folder / sources[5].name]
    args = [str(p) for p in named]
    for cached in (["--no-cache"], []):
        code, out, _err = run(capsys, "validate", *cached, *args)
        report = validate_paths(named, date.today(), use_cache=False)
        assert out == FORMATS["text"](report, OutputOptions())
        assert code == report.exit_code()
