"""What ``stspd validate`` says of the slips people make (issue 15), word for word: every
finding at once, one finding for one cause, the severity in words, the value to write for a
status or a date typed another way, and YAML slips told at their own line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from example_files import INVALID_DIR
from typer.testing import CliRunner

from stspd_cli.cli import app

REFERENCE = "2026-01-15"


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("STSPD_NO_CACHE", "1")
    return tmp_path


def _validate(name: str, work: Path) -> tuple[int, list[str]]:
    shutil.copy(INVALID_DIR / name, work / name)
    result = CliRunner().invoke(app, ["validate", name, "--date", REFERENCE])
    assert result.stderr == ""
    return result.exit_code, result.stdout.splitlines()


def test_every_finding_in_one_run(work: Path) -> None:
    assert _validate("quatre-problemes.yaml", work) == (
        1,
        [
            "quatre-problemes.yaml:19:9: erreur M004 clé inconnue « pilotes » ; vouliez-vous "
            "dire « pilote » ?",
            "quatre-problemes.yaml:20:17: erreur M003 « statut » : valeur « réalisée » inconnue ; "
            "vouliez-vous dire « realisee » (affiché « réalisée ») ?",
            "quatre-problemes.yaml:22:13: erreur I001 identifiant « cellule-veille » déjà utilisé "
            "ligne 17 (action) ; chaque id est unique dans le document",
            "quatre-problemes.yaml:24:17: erreur R001 « pilote » : acteur « mairi » inconnu ; "
            "vouliez-vous dire « mairie » ?",
            "1 fichier vérifié : 4 erreurs, 0 avertissement.",
        ],
    )


def test_one_finding_for_a_missing_block(work: Path) -> None:
    assert _validate("acteurs-absents.yaml", work) == (
        1,
        [
            "acteurs-absents.yaml:17:17: erreur R010 « pilote » : acteur « mairie » inconnu ; le "
            "document ne déclare aucun acteur (bloc « acteurs » absent ou vide) ; 3 autres "
            "références au même bloc, non signalées une à une",
            "1 fichier vérifié : 1 erreur, 0 avertissement.",
        ],
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "statuts-mal-ecrits.yaml",
            [
                "statuts-mal-ecrits.yaml:21:17: erreur M003 « statut » : valeur « réalisée » "
                "inconnue ; vouliez-vous dire « realisee » (affiché « réalisée ») ?",
                "statuts-mal-ecrits.yaml:26:17: erreur M003 « statut » : valeur « en cours » "
                "inconnue ; vouliez-vous dire « en_cours » (affiché « en cours ») ?",
                "statuts-mal-ecrits.yaml:31:17: erreur M003 « statut » : valeur « Terminée » "
                "inconnue ; vouliez-vous dire « realisee » (affiché « réalisée ») ?",
            ],
        ),
        (
            "dates-a-la-francaise.yaml",
            [
                "dates-a-la-francaise.yaml:19:18: erreur M005 « debut » : date « 09/2026 » "
                'invalide ou impossible ; écrivez "2026-09"',
                "dates-a-la-francaise.yaml:20:16: erreur M005 « fin » : date « 2026-31-12 » "
                "invalide ou impossible ; jour et mois inversés ? écrivez 2026-12-31",
                "dates-a-la-francaise.yaml:21:21: erreur M005 « echeance » : date « 31/12/2026 » "
                "invalide ou impossible ; écrivez 2026-12-31",
            ],
        ),
    ],
    ids=["statuts", "dates"],
)
def test_values_typed_another_way(work: Path, name: str, expected: list[str]) -> None:
    """A status written as it is said, a date written the French way: the form to write."""
    assert _validate(name, work) == (
        1,
        [*expected, "1 fichier vérifié : 3 erreurs, 0 avertissement."],
    )


def test_yaml_slips_at_their_own_line(work: Path) -> None:
    _, colon = _validate("deux-points-oublie.yaml", work)
    assert colon[0] == (
        "deux-points-oublie.yaml:6:3: erreur S001 erreur de syntaxe YAML : deux-points « : » "
        "attendu après la clé « nom » : écrivez « nom: Bourg-les-Vignes »"
    )
    _, quote = _validate("apostrophe-entre-apostrophes.yaml", work)
    assert quote[0] == (
        "apostrophe-entre-apostrophes.yaml:14:38: erreur S001 erreur de syntaxe YAML : "
        "apostrophe de « d'été » lue comme la fin de la valeur ; dans une valeur entre "
        "apostrophes, doublez l'apostrophe ('') ou mettez la valeur entre guillemets"
    )


def test_warnings_say_so(work: Path) -> None:
    _, lines = _validate("echeance-depassee.yaml", work)
    assert lines[0].split(": ", 1)[1].startswith("avertissement D003 échéance ")
