"""A public item that names a restricted one (issue 13, item 12): every public output says
« acteur non public » (« objectif non public », « groupe de travail non public ») where it
printed the identifier; validate warns (R007, see tests/examples/invalides/reference-restreinte)."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_run import run

from stspd_cli.confidentiality import view
from stspd_cli.strategy_io import load_model

EXAMPLE = Path(__file__).parent / "examples" / "invalides" / "reference-restreinte.yaml"
RESTRICTED = (
    "cellule-signalement",
    "Cellule de signalement",
    "brigade",
    "Brigade de protection",
    "suivi-individuel",
    "Suivre les situations",
    "gt-situations",
    "Groupe des situations",
)


def test_the_public_view_names_no_restricted_item() -> None:
    doc = view(load_model(EXAMPLE), interne=False)
    action = doc.plans[0].actions[0]
    assert action.pilote == "acteur non public"
    assert action.partenaires == ["mairie", "acteur non public"]
    assert action.groupe_travail == "groupe de travail non public"
    assert doc.plans[0].objectifs == ["prevenir-delinquance-jeunes", "objectif non public"]
    assert [a.id for a in doc.acteurs] == ["mairie"]


def test_two_restricted_partners_read_once() -> None:
    doc = load_model(EXAMPLE)
    action = doc.plans[0].actions[0]
    widened = action.model_copy(
        update={"partenaires": ["brigade", "mairie", "cellule-signalement"]}
    )
    plan = doc.plans[0].model_copy(update={"actions": [widened, *doc.plans[0].actions[1:]]})
    shown = view(doc.model_copy(update={"plans": [plan]}), interne=False)
    assert shown.plans[0].actions[0].partenaires == ["acteur non public", "mairie"]


@pytest.mark.parametrize(
    "command",
    [
        ["render", "{f}", "-f", "md"],
        ["render", "{f}", "-o", "feuille.html"],
        ["texte", "{f}"],
        ["report", "{f}", "--date", "2026-01-15"],
        ["report", "{f}", "--date", "2026-01-15", "-f", "json"],
        ["report", "{f}", "--date", "2026-01-15", "-f", "csv", "-o", "bilan.csv"],
        ["diff", "{old}", "{f}"],
        ["diff", "{old}", "{f}", "-f", "md"],
        ["export", "{f}", "-o", "-", "-f", "csv"],
    ],
)
def test_public_outputs_say_non_public(
    command: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    old = tmp_path / "avant.yaml"
    old.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace(
            "        pilote: cellule-signalement\n        partenaires", "        partenaires", 1
        ),
        encoding="utf-8",
    )
    args = [a.format(f=EXAMPLE, old=old) for a in command]
    code, out, err = run(capsys, *args)
    assert code == 0, err
    written = [p.read_text(encoding="utf-8-sig") for p in tmp_path.glob("*.[hc]*")]
    text = "\n".join([out, *written])
    assert "acteur non public" in text
    for secret in RESTRICTED:
        assert secret not in text


def test_internal_outputs_keep_the_names(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "texte", str(EXAMPLE), "--interne")
    assert code == 0
    assert "pilote : cellule-signalement" in out
    assert "non public" not in out
