"""Export, edit the cells as a partner would, import: exactly those fields change, nothing else."""

from __future__ import annotations

import difflib
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from cli_run import run

from stspd_cli.diff import diff_documents
from stspd_cli.strategy_io import load_model

from .support import DEMO, LOOS, copy_strategy, edit_xlsx, export

NEW_COMMENT = (
    "Réunion de lancement tenue le 12 octobre 2025 ; 9 habitants référents désignés, deux "
    "nouveaux volontaires attendus pour la fin de l'année."
)


def _partner(workbook: Any) -> None:
    """Two statuses, one progress, one comment, one new measure."""
    suivi = workbook["Suivi"]
    assert suivi["A2"].value == "presence-educative-soiree"
    suivi["G2"] = "réalisée"  # label from the drop-down list
    suivi["G4"] = "En_Cours"  # the raw key, in another case
    assert suivi["A5"].value == "permanence-aide-victimes"
    suivi["H5"] = "55 %"
    assert suivi["A7"].value == "participation-citoyenne-tilleuls"
    suivi["I7"] = NEW_COMMENT
    indicateurs = workbook["Indicateurs"]
    assert indicateurs["C6"].value == "Nombre d'habitants référents"
    indicateurs["I6"] = datetime(2025, 10, 15)  # before the last measure: goes in date order
    indicateurs["J6"] = 7


def _changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    removed, added = [], []
    for line in difflib.ndiff(before.splitlines(), after.splitlines()):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return removed, added


def test_round_trip_changes_exactly_the_edited_fields(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    strategy = copy_strategy(DEMO, work)
    original = strategy.read_bytes()
    table = export(capsys, strategy)
    filled = edit_xlsx(table, work / "rempli.xlsx", _partner)

    code, out, err = run(capsys, "import", str(strategy), str(filled))
    assert code == 0, err
    assert strategy.read_bytes() == original  # a dry run writes nothing
    assert "5 changements : 1 ajout, 4 modifications." in out
    assert "~ Statut : en cours → réalisée" in out
    assert "~ Statut : prévue → en cours" in out
    assert "~ Avancement : 40 → 55" in out
    assert "~ Commentaire de suivi : texte modifié" in out
    assert (
        "+ Mesure de l'indicateur « Nombre d'habitants référents » ajoutée : 7 au 15 octobre 2025"
        in out
    )
    assert out.rstrip().endswith(
        "5 modifications à appliquer ; relancez avec --apply pour les écrire."
    )

    before = load_model(strategy)
    code, out, err = run(capsys, "import", str(strategy), str(filled), "--apply")
    assert code == 0, err
    assert out.rstrip().endswith(f"5 modifications écrites dans {strategy.name}.")
    after = load_model(strategy)
    changes = {(c.kind, c.entity, c.id, c.field, str(c.new)) for c in diff_documents(before, after)}
    assert changes == {
        ("modified", "action", "presence-educative-soiree", "statut", "realisee"),
        ("modified", "action", "chantier-educatif-printemps", "statut", "en_cours"),
        ("modified", "action", "permanence-aide-victimes", "avancement", "55"),
        ("modified", "action", "participation-citoyenne-tilleuls", "commentaire", NEW_COMMENT),
        (
            "added",
            "mesure",
            "participation-citoyenne-tilleuls/Nombre d'habitants référents/2025-10-15",
            None,
            "{'date': '2025-10-15', 'valeur': 7}",
        ),
    }
    # Comments, order and layout elsewhere: the text differs only by the changed lines.
    removed, added = _changed_lines(original.decode(), strategy.read_text(encoding="utf-8"))
    assert removed == [
        "        statut: en_cours",
        "        statut: prevue",
        "        avancement: 40",
    ]
    assert added == [
        "        statut: realisee",
        "        statut: en_cours",
        "        avancement: 55",
        "              - date: 2025-10-15",
        "                valeur: 7",
        "        commentaire: >-",
        "          Réunion de lancement tenue le 12 octobre 2025 ; 9 habitants référents désignés, "
        "deux",
        "          nouveaux volontaires attendus pour la fin de l'année.",
    ]
    text = strategy.read_text(encoding="utf-8")
    assert (
        "              - date: 2025-10-15\n                valeur: 7\n"
        "              - date: 2025-12-31" in text
    )

    # The same table again: nothing left to do, and it says so.
    code, out, err = run(capsys, "import", str(strategy), str(filled), "--apply")
    assert code == 0, err
    assert out == f"Aucune modification : {filled} ne change rien à {strategy.name}.\n"
    assert "déjà enregistrée" in err


def test_untouched_table_changes_nothing(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    strategy = copy_strategy(DEMO, work)
    original = strategy.read_bytes()
    table = export(capsys, strategy)
    code, out, err = run(capsys, "import", str(strategy), str(table), "--apply")
    assert (code, err) == (0, "")
    assert out.startswith("Aucune modification")
    assert strategy.read_bytes() == original


def test_keys_absent_from_an_action_are_added_in_model_order(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Loos' actions have no status, progress nor comment: the keys are created after the last
    key, before the blank line and the comment that introduce what follows."""
    strategy = copy_strategy(LOOS, work)
    original = strategy.read_text(encoding="utf-8")
    table = export(capsys, strategy)

    def partner(workbook: Any) -> None:
        suivi = workbook["Suivi"]
        assert suivi["A9"].value == "chantier-tig"  # last action of its plan
        suivi["G9"] = "en cours"
        suivi["H9"] = 30
        assert suivi["A20"].value == "etude-mutualisation-polices-municipales"  # last of all
        suivi["I20"] = "Étude lancée"

    filled = edit_xlsx(table, work / "rempli.xlsx", partner)
    code, _out, err = run(capsys, "import", str(strategy), str(filled), "--apply")
    assert code == 0, err
    diff = [
        line
        for line in difflib.unified_diff(
            original.splitlines(),
            strategy.read_text(encoding="utf-8").splitlines(),
            lineterm="",
            n=1,
        )
        if not line.startswith(("---", "+++"))
    ]
    assert [line if not line.startswith("@@") else "@@" for line in diff] == [
        "@@",
        "         finalite: prévenir la récurrence et développer les places d'accueil",
        "+        statut: en_cours",
        "+        avancement: 30",
        " ",
        "@@",
        "         finalite: optimiser les moyens de sécurité de nos communes",
        "+        commentaire: Étude lancée",
        " ",
    ]


def test_windows_line_endings_and_bom_are_kept(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    strategy = work / DEMO.name
    original = b"\xef\xbb\xbf" + DEMO.read_bytes().replace(b"\n", b"\r\n")
    strategy.write_bytes(original)
    table = export(capsys, strategy)

    def partner(workbook: Any) -> None:
        workbook["Suivi"]["H5"] = 45
        workbook["Indicateurs"]["I4"] = "15/10/2025"
        workbook["Indicateurs"]["J4"] = 2

    filled = edit_xlsx(table, work / "rempli.xlsx", partner)
    code, _out, err = run(capsys, "import", str(strategy), str(filled), "--apply")
    assert code == 0, err
    written = strategy.read_bytes()
    assert written.startswith(b"\xef\xbb\xbf")
    assert written.count(b"\n") == written.count(b"\r\n")
    expected = original.replace(
        b"        avancement: 40\r\n", b"        avancement: 45\r\n"
    ).replace(
        b"            cible: 12\r\n",
        b"            cible: 12\r\n            mesures:\r\n              - date: 2025-10-15\r\n"
        b"                valeur: 2\r\n",
    )
    assert written == expected


def test_new_warnings_are_told_with_the_cell(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    strategy = copy_strategy(DEMO, work)
    table = export(capsys, strategy)

    def partner(workbook: Any) -> None:
        workbook["Suivi"]["G5"] = "réalisée"  # progress stays at 40 %

    filled = edit_xlsx(table, work / "rempli.xlsx", partner)
    code, out, err = run(capsys, "import", str(strategy), str(filled))
    assert code == 0
    assert "1 modification à appliquer" in out
    assert err.splitlines() == [
        "avertissement : Suivi!G5 : A003 statut « réalisée » mais avancement de 40 %"
    ]
