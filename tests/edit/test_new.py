"""``stspd new``: a commented skeleton that is valid, already formatted, linked to the schema;
questions in a terminal only; never an overwrite."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from cli_run import run

from stspd_cli.edit.fmt import format_text
from stspd_cli.edit.skeleton import (
    Answers,
    parse_communes,
    schema_ref_for,
    skeleton_text,
    slugify,
)
from stspd_cli.errors import UsageError
from stspd_cli.validate import validate_paths

TODAY = date(2026, 3, 2)


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    "answers",
    [
        Answers("Lille", "CLSPD"),
        Answers("Loos, Haubourdin et Emmerin", "cispd", ["Loos", "Haubourdin", "Emmerin"]),
        Answers("Métropole Européenne de Lille", "CMSPD", referentiel="snpd-2013-2017"),
    ],
    ids=lambda a: a.instance,
)
def test_skeleton_is_valid_formatted_and_commented(answers: Answers, tmp_path: Path) -> None:
    text = skeleton_text(answers, shown_as="strategies/x.yaml", schema_ref="s.json", today=TODAY)
    assert format_text(text) == text
    target = tmp_path / "x.yaml"
    target.write_text(text, encoding="utf-8")
    report = validate_paths([target], TODAY)
    # The frame in force on 1 April 2026, SNPD 2025-2030, is provisional: said once (R005).
    provisional = answers.referentiel is None
    assert report.errors == 0, report.findings
    others = [f.code for f in report.findings if f.code != "T001"]
    assert others == (["R005"] if provisional else [])
    # Every text the skeleton leaves « à compléter » is reported at its line (T001), and only
    # those: the comments that say it are not.
    lines = text.splitlines()
    left = {
        n for n, line in enumerate(lines, start=1) if "compléter" in line.split("#", 1)[0].lower()
    }
    presentation = next(n for n, line in enumerate(lines, start=1) if "presentation: |" in line)
    reported = {f.line for f in report.findings if f.code == "T001"}
    assert reported == (left - {presentation + 1}) | {presentation}, report.findings
    if provisional:
        assert "  # snpd-2025-2030 est provisoire : annoncée avec cinq axes" in text
    assert text.startswith("# yaml-language-server: $schema=s.json\n")
    # Every top-level section is introduced by a French comment.
    lines = text.splitlines()
    for number, line in enumerate(lines):
        if line and not line.startswith(("#", " ", "schema:")):
            assert lines[number - 1].startswith("#"), f"section sans commentaire : {line}"


def test_skeleton_answers_are_written_as_values() -> None:
    answers = Answers("Loos, Haubourdin et Emmerin", "CISPD", ["Loos", "Haubourdin", "Emmerin"])
    text = skeleton_text(answers, shown_as="s.yaml", schema_ref="s.json", today=TODAY)
    assert '  nom: "Loos, Haubourdin et Emmerin"\n' not in text  # plain: no quotes needed
    assert "  nom: Loos, Haubourdin et Emmerin\n  instance: CISPD\n  communes:\n" in text
    assert "    - Haubourdin\n" in text
    assert "  president: cispd-loos-haubourdin-et-emmerin\n" in text
    assert "  - id: ville-emmerin\n    nom: Ville d'Emmerin\n" in text
    # Made on 2 March 2026: from 1 April 2026 to the end of 2029 (three full calendar years).
    assert "    debut: 2026-04-01\n    fin: 2029-12-31\n" in text
    assert "  sous_titre: CISPD Loos, Haubourdin et Emmerin, 2026-2029\n" in text
    assert "  referentiel: snpd-2025-2030\n" in text
    assert answers.file_name() == "cispd-loos-haubourdin-et-emmerin.yaml"


def test_a_clspd_covers_its_own_commune() -> None:
    assert Answers("Lille", "clspd").communes == ["Lille"]
    assert Answers("Lille", "CLSPD").instance == "CLSPD"


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Villeneuve-d'Ascq", "villeneuve-d-ascq"),
        ("Saint-Étienne-du-Rouvray", "saint-etienne-du-rouvray"),
        ("Œuilly", "oeuilly"),
        ("  ", "territoire"),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_bad_answers_are_usage_errors() -> None:
    with pytest.raises(UsageError, match="instance « CLS » inconnue"):
        Answers("Lille", "CLS")
    with pytest.raises(UsageError, match="référentiel « snpd-2030 » inconnu"):
        Answers("Lille", "CLSPD", referentiel="snpd-2030")
    with pytest.raises(UsageError, match="vide"):
        Answers(" ", "CLSPD")
    assert parse_communes(["Loos", "Haubourdin, Emmerin", " "]) == ["Loos", "Haubourdin", "Emmerin"]


def test_schema_line_points_at_the_nearest_schema(work: Path) -> None:
    (work / "schema").mkdir()
    (work / "schema" / "stspd-1.schema.json").write_text("{}", encoding="utf-8")
    assert schema_ref_for(work / "strategies" / "x.yaml") == ("../schema/stspd-1.schema.json", True)
    assert schema_ref_for(work / "x.yaml") == ("schema/stspd-1.schema.json", True)
    (work / "autre" / ".git").mkdir(parents=True)
    assert schema_ref_for(work / "autre" / "x.yaml") == ("../schema/stspd-1.schema.json", False)


def test_new_writes_the_skeleton(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, "new", "strategies/clspd-lille.yaml", "--territoire", "Lille", "--instance", "CLSPD"
    )
    assert (code, out) == (0, "")
    assert err.startswith("stspd : strategies/clspd-lille.yaml créé ;")
    assert "conseil : pour la complétion dans l'éditeur" in err  # no schema/ folder here
    text = (work / "strategies" / "clspd-lille.yaml").read_text(encoding="utf-8")
    assert "#   stspd validate strategies/clspd-lille.yaml\n" in text
    assert run(capsys, "validate", "strategies/")[0] == 0


def test_new_never_overwrites(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = work / "lille.yaml"
    target.write_text("contenu précieux\n", encoding="utf-8")
    code, _out, err = run(
        capsys, "new", "lille.yaml", "--territoire", "Lille", "--instance", "CLSPD"
    )
    assert code == 2
    assert "existe déjà" in err
    assert "conseil :" in err
    assert target.read_text(encoding="utf-8") == "contenu précieux\n"
    code, _out, err = run(
        capsys, "new", "lille.txt", "--territoire", "Lille", "--instance", "CLSPD"
    )
    assert code == 2
    assert "une stratégie est un fichier .yaml" in err


def test_new_does_not_ask_when_piped(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "new", "x.yaml", "--instance", "CLSPD")
    assert (code, out) == (2, "")
    assert err == (
        "stspd : option --territoire manquante\n"
        "  conseil : par exemple : --territoire Lille --instance CLSPD\n"
    )
    assert not (work / "x.yaml").exists()
    code, _out, err = run(capsys, "new", "x.yaml", "--territoire", "Lille", "--instance", "X")
    assert code == 2
    assert "instance « X » inconnue" in err


def test_new_asks_in_a_terminal(
    work: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter(["Loos, Haubourdin et Emmerin", "CISPD", "Loos, Haubourdin, Emmerin"])
    asked: list[str] = []

    def prompt(text: str, **_: object) -> str:
        asked.append(text)
        return next(answers)

    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("typer.prompt", prompt)
    code, _out, err = run(capsys, "new", "loos.yaml")
    assert code == 0, err
    assert asked == [
        "Nom du territoire (commune ou intercommunalité)",
        "Instance (CLSPD, CISPD ou CMSPD)",
        "Communes, séparées par des virgules",
    ]
    text = (work / "loos.yaml").read_text(encoding="utf-8")
    assert "  communes:\n    - Loos\n    - Haubourdin\n    - Emmerin\n" in text
