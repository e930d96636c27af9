"""Every rule runs on what can still be read (issue 15): a file with structure errors is pruned
of what failed, validated again, and the semantic rules run on that model, their findings placed
in the file as it is, none about a part that was pruned."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from stspd_cli.validate import validate_file, validate_paths

TODAY = date(2026, 1, 15)
HEAD = """\
schema: stspd/1
territoire:
  nom: Bourg-les-Vignes
  instance: CLSPD
strategie:
  titre: Stratégie territoriale de sécurité et de prévention de la délinquance
"""


def _plan(actions: str) -> str:
    """HEAD, then one plan (lines 7 to 10) holding ``actions``, from line 11 on."""
    return HEAD + "plans:\n  - id: p\n    titre: Plan\n    actions:\n" + actions


def _found(tmp_path: Path, text: str, name: str = "s.yaml") -> set[tuple[int, str]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = validate_file(path, TODAY)
    assert result.semantics_checked
    return {(f.line, f.code) for f in result.findings}


def test_a_broken_actor_is_not_reported_again_at_each_reference(tmp_path: Path) -> None:
    text = _plan(
        "      - id: a\n"
        "        titre: Action\n"
        "        pilote: mairie\n"  # line 13: the actor exists, though it cannot be read
        "        partenaires: [gendarmerie]\n"  # line 14: this one does not exist
        "acteurs:\n"
        "  - id: mairie\n"
        "    nom: [Mairie]\n"  # line 17: a list where a text is expected
    )
    assert _found(tmp_path, text) == {(17, "M002"), (14, "R001")}


def test_findings_after_a_removed_item_keep_their_lines(tmp_path: Path) -> None:
    text = _plan(
        "      - titre: Sans identifiant\n"  # line 11: no id, the action is set aside
        "        pilote: mairie\n"
        "      - id: b\n"  # line 13: an action without pilote, after the removed one
        "        titre: Deuxième\n"
        "acteurs:\n"
        "  - id: mairie\n"
        "    nom: Mairie\n"
    )
    assert _found(tmp_path, text) == {(11, "M001"), (13, "A001")}


def test_a_missing_required_part_gets_a_placeholder_no_rule_reports(tmp_path: Path) -> None:
    text = HEAD.replace("  nom: Bourg-les-Vignes\n", "") + (
        "plans:\n  - id: p\n    titre: Plan\n    actions:\n      - id: a\n        titre: A\n"
    )
    # M001 where « territoire » starts (line 3, its first key); the rules still run: the
    # action (line 10) has no pilote (A001).
    assert _found(tmp_path, text) == {(3, "M001"), (10, "A001")}


def test_a_count_is_not_checked_on_a_list_that_lost_items(tmp_path: Path) -> None:
    text = _plan(
        "      - id: a\n"
        "        numero: 1\n"
        "        titre: ''\n"  # line 13: an empty title, the action is set aside
        "        pilote: mairie\n"
        "acteurs:\n"
        "  - id: mairie\n"
        "    nom: Mairie\n"
    )
    # No « plan sans action », no gap in the numbers: the plan lost its action to M006.
    assert _found(tmp_path, text) == {(13, "M006")}


def test_a_wrong_schema_stops_the_rules(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(HEAD.replace("stspd/1", "stspd/9") + "plans: [{id: p, titre: P}]\n", "utf-8")
    result = validate_file(path, TODAY)
    assert not result.semantics_checked
    assert [f.code for f in result.findings] == ["M007"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_cache_and_workers_give_the_same_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    source = Path(__file__).parent / "examples" / "invalides" / "quatre-problemes.yaml"
    for i in range(8):
        (tmp_path / f"copie-{i}.yaml").write_text(source.read_text("utf-8"), "utf-8")
    first = validate_paths([tmp_path], TODAY, use_cache=True, jobs=jobs)
    again = validate_paths([tmp_path], TODAY, use_cache=True, jobs=jobs)
    for report in (first, again):
        assert all(r.semantics_checked for r in report.files)
        assert {f.code for f in report.findings} == {"M003", "M004", "R001", "I001"}
    assert [r.findings for r in first.files] == [r.findings for r in again.files]
