"""Minimal edits of the round-trip tree: exact texts, comments and blank lines where they were."""

from __future__ import annotations

import textwrap
from pathlib import Path

from stspd_cli.dates import PartialDate
from stspd_cli.roundtrip import dump_rt, load_rt
from stspd_cli.spreadsheet.apply import _fold_positions, apply_edits
from stspd_cli.spreadsheet.changes import AddMeasure, Edit, SetField

HEAD = """\
schema: stspd/1
territoire:
  nom: Val
  instance: CLSPD
strategie:
  titre: Stratégie
plans:
  - id: p
    titre: Plan
    actions:
"""


def _edit(tmp_path: Path, actions: str, edits: list[Edit]) -> str:
    path = tmp_path / "s.yaml"
    path.write_text(HEAD + actions, encoding="utf-8")
    document = load_rt(path)
    assert dump_rt(document) == document.original
    apply_edits(document.tree, edits)
    return dump_rt(document).decode("utf-8").removeprefix(HEAD)


def test_replaced_values_keep_their_comments_and_quotes(tmp_path: Path) -> None:
    actions = """\
      - id: a
        numero: 1
        titre: A
        statut: "prevue"  # à confirmer en comité
        avancement: 0
"""
    result = _edit(
        tmp_path,
        actions,
        [SetField("a", "statut", "en_cours", "Suivi!G2"), SetField("a", "avancement", 5, "")],
    )
    assert result == actions.replace('"prevue"', '"en_cours"').replace(": 0", ": 5")


def test_inserted_keys_go_before_the_comment_about_what_follows(tmp_path: Path) -> None:
    actions = """\
      - id: a
        numero: 1
        titre: A  # titre provisoire
        # L'action b vient du diagnostic.

      - id: b
        numero: 2
        titre: B
        moyens: |-
          - deux éducateurs
          - un véhicule

      # Dernière action.
      - id: c
        numero: 3
        titre: C
        calendrier:
          debut: 2025-01-01
        # Financement à venir.
        financement:
          - source: FIPD
"""
    result = _edit(
        tmp_path,
        actions,
        [
            SetField("a", "statut", "en_cours", ""),
            SetField("b", "avancement", 20, ""),
            SetField("c", "statut", "prevue", ""),
            SetField("c", "commentaire", "Demande déposée.", ""),
        ],
    )
    assert (
        result
        == """\
      - id: a
        numero: 1
        titre: A  # titre provisoire
        statut: en_cours
        # L'action b vient du diagnostic.

      - id: b
        numero: 2
        titre: B
        moyens: |-
          - deux éducateurs
          - un véhicule
        avancement: 20

      # Dernière action.
      - id: c
        numero: 3
        titre: C
        calendrier:
          debut: 2025-01-01
        statut: prevue
        # Financement à venir.
        financement:
          - source: FIPD
        commentaire: Demande déposée.
"""
    )


def test_comment_styles(tmp_path: Path) -> None:
    actions = """\
      - id: a
        numero: 1
        titre: A
        commentaire: Court.

      - id: b
        numero: 2
        titre: B
        commentaire: >-
          Un long texte plié
          sur deux lignes.
"""
    long = " ".join(["Un texte long qui dépasse la largeur du fichier"] * 3)
    # Lines of at most 100 characters: 90 after the 10 spaces of indentation.
    folded = "\n".join(" " * 10 + line for line in textwrap.wrap(long, 90))
    result = _edit(
        tmp_path,
        actions,
        [
            SetField("a", "commentaire", "- point un\n- point deux", ""),
            SetField("b", "commentaire", long, ""),
        ],
    )
    assert (
        result
        == f"""\
      - id: a
        numero: 1
        titre: A
        commentaire: |-
          - point un
          - point deux

      - id: b
        numero: 2
        titre: B
        commentaire: >-
{folded}
"""
    )
    assert all(len(line) <= 100 for line in result.splitlines())


def test_a_short_text_replacing_a_block_is_written_plain(tmp_path: Path) -> None:
    """ruamel would keep the old block style; a short comment is a plain value, as stspd fmt
    writes it, and the blank line before the next action stays."""
    actions = """\
      - id: a
        numero: 1
        titre: A
        commentaire: >-
          Un long texte plié
          sur deux lignes.

      - id: b
        numero: 2
        titre: B
"""
    result = _edit(
        tmp_path,
        actions,
        [
            SetField("a", "commentaire", "Terminée en octobre.", ""),
            SetField("b", "commentaire", "oui", ""),
        ],
    )
    assert (
        result
        == """\
      - id: a
        numero: 1
        titre: A
        commentaire: Terminée en octobre.

      - id: b
        numero: 2
        titre: B
        commentaire: oui
"""
    )


def test_measures_in_date_order(tmp_path: Path) -> None:
    actions = """\
      - id: a
        numero: 1
        titre: A
        indicateurs:
          - libelle: Jeunes
            cible: 10

          - libelle: Familles
            mesures:
              - date: 2025-06-30
                valeur: 3
              # Mesure de fin d'année.
              - date: 2025-12-31
                valeur: 5

      - id: b
        numero: 2
        titre: B
"""
    result = _edit(
        tmp_path,
        actions,
        [
            AddMeasure("a", "Jeunes", PartialDate(2025, 9, 1), 4, None, ""),
            AddMeasure("a", "Familles", PartialDate(2026, 3, 31), 6.5, "après la relance", ""),
            AddMeasure("a", "Familles", PartialDate(2025, 1, 31), 1, None, ""),
        ],
    )
    assert (
        result
        == """\
      - id: a
        numero: 1
        titre: A
        indicateurs:
          - libelle: Jeunes
            cible: 10
            mesures:
              - date: 2025-09-01
                valeur: 4

          - libelle: Familles
            mesures:
              - date: 2025-01-31
                valeur: 1
              - date: 2025-06-30
                valeur: 3
              # Mesure de fin d'année.
              - date: 2025-12-31
                valeur: 5
              - date: 2026-03-31
                valeur: 6.5
                commentaire: après la relance

      - id: b
        numero: 2
        titre: B
"""
    )


def test_fold_positions() -> None:
    text = "aaaa bbbb cccc dddd"
    assert _fold_positions(text, 4) == [4, 9, 14]
    assert _fold_positions(text, 9) == [9]
    assert _fold_positions(text, 8) == [4, 9, 14]
    assert _fold_positions(text, 100) == []
    assert _fold_positions("a  b", 1) == []  # never at a double space
