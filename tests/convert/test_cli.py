"""``stspd convertir`` through the command line: exit codes, the summary on standard output,
errors on standard error, files never overwritten, the output already formatted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_run import run

from stspd_cli.edit.fmt import format_text

from .documents import LILLE, LOOS
from .test_seeds import SEED_OF


def test_text_summary_and_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "loos.yaml"
    code, out, err = run(capsys, "convertir", str(SEED_OF[LOOS]), "-o", str(target))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].endswith(f"converti en {target}")
    assert lines[1] == (
        "Reconnu : 3 objectifs, 0 sous-objectif, 3 plans, 19 actions (dont 19 numérotées), "
        "0 acteur, 3 principes, 4 textes de référence."
    )
    assert "Phrases de la source placées dans le YAML : 54 sur 54 (100\u00a0%)." in lines
    assert lines[-1] == "Le fichier est valide (19 avertissements : stspd validate les liste)."
    text = target.read_text(encoding="utf-8")
    assert format_text(text, str(target)) == text  # stspd fmt --check has nothing to change
    assert "# à vérifier : titre lu comme un objectif (par sa place)" in text
    code, _, _ = run(capsys, "validate", str(target))
    assert code == 0


def test_furniture_is_named_in_the_summary(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "convertir", str(SEED_OF[LILLE]), "-o", str(tmp_path / "l.yaml"))
    assert code == 0
    assert "Laissé de côté (mobilier de page, 9 éléments) : « Créer un compte » ;" in out


def test_json_summary(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "lille.yaml"
    code, out, err = run(
        capsys, "convertir", str(SEED_OF[LILLE]), "-o", str(target), "--format", "json"
    )
    assert (code, err) == (0, "")
    summary = json.loads(out)
    assert summary["format"] == "stspd-convertir/1"
    assert summary["sortie"] == str(target)
    assert summary["reconnu"]["objectifs"] == 6
    assert summary["reconnu"]["sous_objectifs"] == 7
    assert summary["phrases"]["part"] == 1.0
    assert summary["laisse_de_cote"][0] == "Créer un compte"
    assert summary["valide"] is True


def test_never_overwrites(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "loos.yaml"
    target.write_text("déjà là\n", encoding="utf-8")
    code, out, err = run(capsys, "convertir", str(SEED_OF[LOOS]), "-o", str(target))
    assert (code, out) == (2, "")
    assert "existe déjà : stspd convertir n'écrase jamais un fichier" in err
    assert target.read_text(encoding="utf-8") == "déjà là\n"


def test_default_name_in_the_current_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "Stratégie 2021.txt"
    source.write_text("Stratégie de Roubaix\n\nLes plans d'action\n\nAction n°1 : Médiation\n")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "convertir", str(source))
    assert code == 0
    assert (tmp_path / "strategie-2021.yaml").is_file()
    assert "converti en strategie-2021.yaml" in out


def test_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "convertir", str(SEED_OF[LOOS]), "-o", "-")
    assert code == 0
    assert out.startswith("# yaml-language-server:")
    assert "schema: stspd/1" in out
    assert err.startswith("stspd : ")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xml"], "format « xml » inconnu ; formats possibles : text, json"),
        (["-o", "-", "--format", "json"], "--format json écrit le résumé sur la sortie standard"),
        (["-o", "sortie.txt"], "« sortie.txt » : une stratégie est un fichier .yaml"),
    ],
)
def test_usage_errors(capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    code, out, err = run(capsys, "convertir", str(SEED_OF[LOOS]), *args)
    assert (code, out) == (2, "")
    assert message in err
    assert "Traceback" not in err


def test_unknown_format_and_missing_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    sheet = tmp_path / "plan.xlsx"
    sheet.write_bytes(b"PK")
    code, out, err = run(capsys, "convertir", str(sheet), "-o", str(tmp_path / "x.yaml"))
    assert (code, out) == (2, "")
    assert "format non pris en charge (.xlsx)" in err
    assert "formats lus : .docx, .html, .md, .odt, .pdf, .txt" in err
    code, _, err = run(
        capsys, "convertir", str(tmp_path / "absent.docx"), "-o", str(tmp_path / "y.yaml")
    )
    assert code == 2
    assert "absent.docx : fichier introuvable" in err
    assert not (tmp_path / "x.yaml").exists()


def test_a_strategy_that_does_not_validate_is_written_and_said(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Two actions with one number: written as the source says, the error named, code 1."""
    source = tmp_path / "doublon.txt"
    source.write_text(
        "Stratégie de Val-Fictif\n\nLes plans d'action\n\nPlan de tranquillité\n\n"
        "Action n°1 : Médiation de nuit\n\nAction n°1 : Vidéoprotection\n",
        encoding="utf-8",
    )
    target = tmp_path / "doublon.yaml"
    code, out, _ = run(capsys, "convertir", str(source), "-o", str(target))
    assert code == 1
    assert target.is_file()
    assert "Le fichier ne se valide pas encore (1 erreur) :" in out
    assert "I002" in out


def test_json_summary_follows_its_schema(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # jsonschema ships no type information (as in tests/test_schema.py).
    from jsonschema import Draft202012Validator  # type: ignore[import-untyped]  # noqa: PLC0415

    from .documents import ROOT  # noqa: PLC0415

    schema = json.loads((ROOT / "schema" / "stspd-convertir-1.schema.json").read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    for strategy, name in ((LOOS, "loos.yaml"), (LILLE, "lille.yaml")):
        args = [str(SEED_OF[strategy]), "-o", str(tmp_path / name), "--format", "json"]
        _, out, _ = run(capsys, "convertir", *args)
        Draft202012Validator(schema).validate(json.loads(out))
