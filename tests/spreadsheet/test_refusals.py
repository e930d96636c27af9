"""Refused imports: every bad cell named by sheet and cell, and the strategy left byte-identical."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from cli_run import run

from stspd_cli.spreadsheet import importer

from .support import (
    DEMO,
    LOOS,
    STATUS_LABELS,
    copy_strategy,
    edit_xlsx,
    export,
    read_csv_rows,
    row_of,
    write_csv_rows,
)


def _refused(
    capsys: pytest.CaptureFixture[str], strategy: Path, table: Path
) -> tuple[int, str, str]:
    """Import with --apply; the strategy must not change by a single byte."""
    original = strategy.read_bytes()
    code, out, err = run(capsys, "import", str(strategy), str(table), "--apply")
    assert strategy.read_bytes() == original
    assert "Traceback" not in err
    return code, out, err


WHOLE = "écrivez un nombre entier de 0 à 100, par exemple 40"


def _fill(table: Path, sheet: str, **cells: Any) -> Path:
    def change(workbook: Any) -> None:
        for ref, value in cells.items():
            workbook[sheet][ref] = value

    return edit_xlsx(table, table.with_name("rempli.xlsx"), change)


def test_unknown_status_names_the_cell_and_the_possible_labels(
    demo: Path, table: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    filled = _fill(table, "Suivi", G4="fini", G2="réalisée")
    code, out, err = _refused(capsys, demo, filled)
    assert code == 1
    assert out == ""
    assert err.splitlines() == [
        f"Suivi!G4 : statut « fini » inconnu ; valeurs possibles : {STATUS_LABELS}",
        "stspd : import de build/rempli.xlsx refusé (1 problème) : rien n'a été écrit dans "
        "demo-fictive.yaml",
    ]


def test_every_bad_cell_is_reported(
    demo: Path, table: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def change(workbook: Any) -> None:
        suivi = workbook["Suivi"]
        suivi["H3"] = "beaucoup"
        suivi["H5"] = 140
        suivi["H6"] = 40.5
        indicateurs = workbook["Indicateurs"]
        indicateurs["I2"] = "31/02/2025"
        indicateurs["J2"] = 3
        indicateurs["I3"] = "2025-10-01"
        indicateurs["J4"] = "12,5"
        indicateurs["K5"] = "note seule"
        indicateurs["I6"] = datetime(2099, 1, 1)
        indicateurs["J6"] = "abc"

    filled = edit_xlsx(table, table.with_name("rempli.xlsx"), change)
    code, _out, err = _refused(capsys, demo, filled)
    assert code == 1
    lines = err.splitlines()
    assert lines[:-2] == [
        "Suivi!H3 : avancement « beaucoup » refusé : écrivez un nombre entier de 0 à 100, "
        "par exemple 40",
        f"Suivi!H5 : avancement « 140 » refusé : {WHOLE}",
        f"Suivi!H6 : avancement « 40,5 » refusé : {WHOLE}",
        "Indicateurs!I2 : date « 31/02/2025 » impossible (ce jour n'existe pas)",
        "Indicateurs!J3 : valeur manquante pour la mesure du 1er octobre 2025",
        "Indicateurs!I4 : date manquante pour la mesure de valeur 12,5",
        "Indicateurs!K5 : commentaire de mesure sans date ni valeur",
        "  conseil : donnez aussi la date et la valeur de la mesure, ou videz la cellule",
        "Indicateurs!I6 : date 1er janvier 2099 dans le futur : une mesure porte sur une date "
        "passée",
    ]
    assert (
        lines[-2]
        == "Indicateurs!J6 : valeur « abc » refusée : écrivez un nombre, par exemple 42 ou 12,5"
    )
    assert lines[-1].endswith("refusé (9 problèmes) : rien n'a été écrit dans demo-fictive.yaml")


def test_unknown_and_duplicated_ids(
    demo: Path, table: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def change(workbook: Any) -> None:
        suivi = workbook["Suivi"]
        suivi.protection.sheet = False  # a partner who lifted the protection
        suivi["A7"] = "action-inventee"
        suivi["I7"] = "texte"
        suivi["A8"] = "presence-educative-soiree"
        suivi["G8"] = "suspendue"

    filled = edit_xlsx(table, table.with_name("rempli.xlsx"), change)
    code, _out, err = _refused(capsys, demo, filled)
    assert code == 1
    assert err.splitlines()[:4] == [
        "Suivi!A7 : identifiant « action-inventee » inconnu : aucune action de "
        "demo-fictive.yaml ne le porte",
        "  conseil : la colonne Identifiant ne se modifie pas ; remettez la valeur exportée",
        "Suivi!A8 : identifiant « presence-educative-soiree » en double (déjà en Suivi!A2)",
        "  conseil : une seule ligne par action : supprimez l'une des deux après avoir reporté "
        "ses saisies dans l'autre",
    ]


def test_table_from_another_strategy(
    demo: Path, work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    loos = export(capsys, LOOS)
    code, _out, err = _refused(capsys, demo, loos)
    assert code == 1
    assert err.splitlines()[:2] == [
        "build/cispd-loos-haubourdin-emmerin-suivi.xlsx vient d'une autre stratégie : exporté de "
        "« cispd-loos-haubourdin-emmerin.yaml » (CISPD Loos, Haubourdin et Emmerin), pas de "
        "« demo-fictive.yaml » (CLSPD Val-Fictif)",
        "  conseil : importez-le dans la stratégie dont il vient "
        "(cispd-loos-haubourdin-emmerin.yaml)",
    ]
    # Same territory, another file (an archived version, say).
    table = export(capsys, demo)
    archive = copy_strategy(demo, work / "archives")
    renamed = archive.rename(archive.with_name("demo-2024.yaml"))
    code, _out, err = _refused(capsys, renamed, table)
    assert code == 1
    assert err.startswith(
        "build/demo-fictive-suivi.xlsx a été exporté de « demo-fictive.yaml », "
        "pas de « demo-2024.yaml »"
    )


def _set_in_yaml(strategy: Path, old: str, new: str) -> None:
    text = strategy.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    strategy.write_text(text.replace(old, new), encoding="utf-8")


def test_stale_table_conflicts_only_where_both_sides_changed(
    demo: Path, table: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # After the export, the coordinator records a change herself (or imports another table).
    _set_in_yaml(
        demo,
        "statut: suspendue\n        avancement: 40",
        "statut: en_cours\n        avancement: 40",
    )
    # The partner changed the same status to something else: conflict, named with its cell.
    filled = _fill(table, "Suivi", G5="abandonnée", G2="réalisée")
    code, _out, err = _refused(capsys, demo, filled)
    assert code == 1
    lines = err.splitlines()
    assert lines[0].startswith("remarque : demo-fictive.yaml a changé depuis l'export du ")
    assert lines[1] == (
        "Suivi!G5 : conflit : le statut de l'action « permanence-aide-victimes » a changé dans "
        "la stratégie depuis l'export du "
        + lines[1].split("l'export du ")[1].split(",")[0]
        + ", et dans le tableau : « suspendue » à l'export, « en cours » dans la stratégie, "
        "« abandonnée » dans le tableau"
    )
    assert lines[2].startswith("  conseil : tranchez")
    # A partner change on another cell of the same stale table goes through.
    filled = _fill(table, "Suivi", H5=45, G2="réalisée")
    code, out, err = run(capsys, "import", str(demo), str(filled), "--apply")
    assert code == 0, err
    assert "2 modifications écrites" in out
    assert "statut: en_cours\n        avancement: 45" in demo.read_text(encoding="utf-8")
    # The partner wrote what the strategy already says: nothing to do, no conflict.
    filled = _fill(table, "Suivi", G5="en cours")
    code, out, err = run(capsys, "import", str(demo), str(filled))
    assert code == 0, err


def test_strategy_with_errors_is_not_imported_into(
    demo: Path, table: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _set_in_yaml(
        demo,
        "          - habitat-fictif\n        axes:",
        "          - bailleur-inconnu\n        axes:",
    )
    filled = _fill(table, "Suivi", G2="réalisée")
    code, _out, err = _refused(capsys, demo, filled)
    assert code == 1
    assert "R001" in err
    assert "la stratégie doit être valide avant l'import" in err
    assert "conseil : stspd validate demo-fictive.yaml" in err


def _buggy_edit(monkeypatch: pytest.MonkeyPatch, field: str, value: int) -> None:
    """Make the edits also set ``field`` of the first action, as a buggy edit would."""
    from stspd_cli.spreadsheet import apply  # noqa: PLC0415

    real = apply.apply_edits

    def broken(tree: Any, edits: list[Any]) -> None:
        real(tree, edits)
        tree["plans"][0]["actions"][0][field] = value

    monkeypatch.setattr(apply, "apply_edits", broken)


def test_result_that_would_not_validate_writes_nothing(
    demo: Path, table: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last guard: the new text is loaded and checked by stspd itself before any write."""
    _buggy_edit(monkeypatch, "numero", 0)
    filled = _fill(table, "Suivi", H2=70)
    code, _out, err = _refused(capsys, demo, filled)
    assert code == 1
    first = err.splitlines()[0]
    assert first.startswith("Suivi!H2 : ")
    assert first.endswith(": le résultat ne serait pas valide")


def test_value_that_would_not_read_back_writes_nothing(
    demo: Path, table: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before the validation, every written value is read back and compared with its cell."""
    _buggy_edit(monkeypatch, "avancement", 75)  # written, but not what the cell says
    filled = _fill(table, "Suivi", H2=70)
    code, _out, err = _refused(capsys, demo, filled)
    assert code == 1
    assert err.splitlines()[0] == (
        "Suivi!H2 : valeur « 70 » écrite dans la stratégie, relue « 75 » : elle ne peut pas y "
        "être gardée telle quelle"
    )


def test_unexpected_change_is_an_internal_error(
    demo: Path, table: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from stspd_cli.spreadsheet import apply  # noqa: PLC0415

    real = apply.apply_edits

    def overreaching(tree: Any, edits: list[Any]) -> None:
        real(tree, edits)
        tree["plans"][0]["actions"][1]["avancement"] = 90

    monkeypatch.setattr(apply, "apply_edits", overreaching)
    filled = _fill(table, "Suivi", H2=70)
    code, _out, err = _refused(capsys, demo, filled)
    assert code == 3
    assert "erreur interne" in err


def test_public_table_never_touches_restricted_items(
    demo: Path, table: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Restricted after the export: the public table may no longer change it.
    _set_in_yaml(
        demo,
        "      - id: permanence-aide-victimes\n",
        "      - diffusion: restreinte\n        id: permanence-aide-victimes\n",
    )
    filled = _fill(table, "Suivi", H5=45)
    code, _out, err = _refused(capsys, demo, filled)
    assert code == 1
    assert err.startswith("remarque : demo-fictive.yaml a changé depuis l'export")
    assert (
        "Suivi!H5 : l'action « permanence-aide-victimes » est en diffusion restreinte : un "
        "tableau public ne la modifie pas" in err
    )


def test_internal_table_updates_restricted_items(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = export(capsys, demo, "--interne")

    def change(workbook: Any) -> None:
        suivi = workbook["Suivi"]
        row = next(
            r
            for r in suivi.iter_rows(min_row=2)
            if r[0].value == "cellule-situations-individuelles"
        )
        row[7].value = 60
        indicateurs = workbook["Indicateurs"]
        row = next(
            r
            for r in indicateurs.iter_rows(min_row=2)
            if r[2].value == "Nombre de situations signalées au groupe restreint"
        )
        row[8].value = "30/06/2025"
        row[9].value = 3

    filled = edit_xlsx(table, table.with_name("rempli.xlsx"), change)
    code, out, err = run(capsys, "import", str(demo), str(filled), "--apply")
    assert code == 0, err
    assert "2 modifications écrites" in out
    text = demo.read_text(encoding="utf-8")
    assert (
        "statut: en_cours\n        avancement: 60\n        financement:\n"
        "          - diffusion: restreinte" in text
    )
    assert (
        "            mesures:\n"
        "              - date: 2025-06-30\n"
        "                valeur: 3\n"
        "              - date: 2025-12-31\n"
        "                valeur: 7\n" in text
    )


def test_measure_conflict_and_repeat(
    demo: Path, table: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    filled = _fill(table, "Indicateurs", I2="30/06/2026", J2=130)
    code, _out, err = _refused(capsys, demo, filled)
    assert code == 1
    assert err.splitlines()[0] == (
        "Indicateurs!I2 : conflit : l'indicateur « Nombre de jeunes rencontrés » a déjà une "
        "mesure au 30 juin 2026 (131), le tableau dit 130"
    )
    filled = _fill(table, "Indicateurs", I2="30/06/2026", J2=131)
    code, out, err = run(capsys, "import", str(demo), str(filled))
    assert code == 0
    assert out.startswith("Aucune modification")
    assert "Indicateurs!I2 : mesure du 30 juin 2026 déjà enregistrée" in err


def test_measure_for_an_indicator_renamed_since_the_export(
    demo: Path, table: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _set_in_yaml(demo, "- libelle: Nombre de personnes reçues", "- libelle: Personnes reçues")
    filled = _fill(table, "Indicateurs", I5="30/09/2025", J5=12)
    code, _out, err = _refused(capsys, demo, filled)
    assert code == 1
    assert err.splitlines()[1] == (
        "Indicateurs!C5 : indicateur « Nombre de personnes reçues » introuvable dans l'action "
        "« permanence-aide-victimes » (renommé, retiré ou en diffusion restreinte ?)"
    )


def test_emptied_cell_erases_nothing(
    demo: Path, table: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    filled = _fill(table, "Suivi", I2=None, G2=None)
    code, out, err = run(capsys, "import", str(demo), str(filled))
    assert code == 0
    assert out.startswith("Aucune modification")
    assert "remarque : Suivi!G2 : cellule vidée, ignorée (une cellule vide n'efface rien)" in err


def test_layout_that_cannot_be_kept_is_refused(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    strategy = copy_strategy(DEMO, work)
    text = strategy.read_text(encoding="utf-8")
    # Sequences written flush with their key: valid YAML, but not the layout ruamel writes.
    strategy.write_text(
        text.replace("  communes:\n    - Val-Fictif", "  communes:\n  - Val-Fictif"),
        encoding="utf-8",
    )
    table = export(capsys, strategy)
    filled = _fill(table, "Suivi", G2="réalisée")
    code, _out, err = _refused(capsys, strategy, filled)
    assert code == 1
    assert "sa mise en page (indentation, guillemets) ne peut pas être conservée" in err


def test_csv_without_identity_rows(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = export(capsys, demo, "-f", "csv")
    rows = [r for r in read_csv_rows(table) if not (r and r[0] == "#stspd")]
    row_of(rows, "presence-educative-soiree")[6] = "réalisée"
    filled = write_csv_rows(rows, table.with_name("rempli.csv"))
    code, _out, err = _refused(capsys, demo, filled)
    assert code == 1
    assert err.splitlines()[0] == (
        "build/rempli.csv : origine du tableau inconnue (les lignes « #stspd » : informations "
        "absentes : format, source, territoire, empreinte)"
    )


def _not_a_table(folder: Path) -> dict[str, bytes]:
    xlsx = zipfile.ZipFile(folder / "vide.zip", "w")
    xlsx.writestr("readme.txt", "rien")
    xlsx.close()
    ods = zipfile.ZipFile(folder / "classeur.ods", "w")
    ods.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    ods.close()
    return {
        "image.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "ancien.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64,
        "tronque.xlsx": b"PK\x03\x04" + b"\x14" * 40,
        "archive.xlsx": (folder / "vide.zip").read_bytes(),
        "classeur.xlsx": (folder / "classeur.ods").read_bytes(),
        "notes.csv": "Nom;Prénom\nDupont;Jean\n".encode(),
    }


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("image.png", "ni classeur xlsx ni fichier csv (contenu binaire)"),
        ("ancien.xls", "classeur Excel 97-2003 (.xls), format non pris en charge"),
        ("tronque.xlsx", "classeur xlsx endommagé (archive zip illisible)"),
        ("archive.xlsx", "archive zip qui n'est pas un classeur xlsx"),
        ("classeur.xlsx", "classeur OpenDocument (.ods) : enregistrez-le au format Excel"),
        ("notes.csv", "pas de feuille « Suivi » avec une colonne « Identifiant »"),
        ("absent.xlsx", "fichier introuvable"),
    ],
)
def test_file_that_is_not_a_table_exits_2(
    demo: Path, work: Path, capsys: pytest.CaptureFixture[str], name: str, message: str
) -> None:
    for file, data in _not_a_table(work).items():
        (work / file).write_bytes(data)
    code, out, err = _refused(capsys, demo, work / name)
    assert code == 2
    assert out == ""
    assert err.startswith(f"stspd : {work / name} : ")
    assert message in err.splitlines()[0]


def test_damaged_workbook_exits_2(
    demo: Path, table: Path, work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with zipfile.ZipFile(table) as source, zipfile.ZipFile(work / "abime.xlsx", "w") as damaged:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            damaged.writestr(item, data)
    code, _out, err = _refused(capsys, demo, work / "abime.xlsx")
    assert code == 2
    assert err.startswith("stspd : ")
    assert "classeur xlsx illisible" in err


def test_swapped_arguments(demo: Path, table: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = _refused(capsys, demo, demo)  # a strategy given as the table
    assert code == 2
    code, _out, err = run(capsys, "import", str(table), str(demo))
    assert code == 2
    assert err.splitlines() == [
        "stspd : arguments inversés : donnez d'abord la stratégie (.yaml), puis le tableau",
        f"  conseil : stspd import {demo} {table}",
    ]


def test_importer_is_usable_from_python(demo: Path, table: Path) -> None:
    outcome = importer.import_table(demo, table, apply=False, today=datetime.now().date())
    assert (outcome.exit_code, outcome.changes, outcome.problems) == (0, [], [])


def test_an_impossible_date_is_named_where_it_is_written(
    demo: Path, table: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The strategy must be valid before an import: an impossible date is stspd's finding, at
    its line and column (before the comment-keeping loader, which cannot build it, is asked)."""
    text = demo.read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "date: 2024-06-20" in row)
    demo.write_text(text.replace("date: 2024-06-20", "date: 2024-02-30", 1), encoding="utf-8")
    code, out, err = _refused(capsys, demo, table)
    assert (code, out) == (1, "")
    assert err.startswith(f"stspd : demo-fictive.yaml:{line}:")
    assert "M005 « date » : date « 2024-02-30 » invalide ou impossible" in err
    assert "la stratégie doit être valide avant l'import" in err
