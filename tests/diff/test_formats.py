"""The note de modification in every format: French words, determinism, escaping."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest

from stspd_cli.diff import diff_versions
from stspd_cli.diff.formats import FORMATS, DiffOutput

ROOT = Path(__file__).parents[2]
DEMO = ROOT / "examples" / "demo-fictive.yaml"


@pytest.fixture
def versions(tmp_path: Path) -> tuple[str, str]:
    old = tmp_path / "v1.yaml"
    new = tmp_path / "v2.yaml"
    text = DEMO.read_text(encoding="utf-8")
    old.write_text(text, encoding="utf-8")
    text = text.replace("statut: en_cours\n", "statut: realisee\n", 1)
    text = text.replace(
        "jeunes le vendredi et le samedi soir", "jeunes le vendredi, le samedi et le dimanche soir"
    )
    text = text.replace(
        "titre: Présence éducative de soirée", "titre: Présence <script>alert(1)</script> de soirée"
    )
    new.write_text(text, encoding="utf-8")
    return str(old), str(new)


def output(versions: tuple[str, str], name: str) -> str:
    changes, presentation = diff_versions(*versions)
    out = FORMATS[name](DiffOutput(changes, presentation))
    assert isinstance(out, str)  # a text format (pdf, docx and odt write bytes)
    return out


def test_markdown_note(versions: tuple[str, str]) -> None:
    text = output(versions, "md")
    assert text.startswith("# Note de modification — CLSPD Val-Fictif\n")
    assert "\n3 modifications.\n" in text
    assert "## Plan « Plan de prévention de la délinquance des jeunes »" in text
    assert "Statut : en cours → réalisée" in text
    assert "~~samedi~~ **dimanche** soir" in text
    assert "<script>" not in text
    assert output(versions, "md") == text


def test_html_note_is_accessible_and_escaped(versions: tuple[str, str]) -> None:
    html = output(versions, "html")
    assert html.startswith('<!DOCTYPE html>\n<html lang="fr">')
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<h1>Note de modification</h1>" in html
    assert re.search(r"<del>[^<]*</del>", html)
    assert re.search(r"<ins>[^<]*</ins>", html)
    levels = [int(h) for h in re.findall(r"<h([1-6])", html)]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))
    assert 'scope="col"' in html
    assert "http://" not in html and "https://" not in html
    assert output(versions, "html") == html


def test_json_changes_locate_each_change(versions: tuple[str, str]) -> None:
    payload = json.loads(output(versions, "json"))
    fields = {c["field"]: c for c in payload["changes"]}
    assert fields["statut"]["path"] == "plans[0].actions[0].statut"
    assert fields["description"]["old"].startswith("Un binôme")
    assert payload["summary"]["par_genre"]["modified"] == 3


def test_no_change_note(tmp_path: Path) -> None:
    changes, presentation = diff_versions(str(DEMO), str(DEMO))
    text = FORMATS["md"](DiffOutput(changes, presentation))
    assert "Aucune modification." in text
    assert "| Partie |" not in text


def test_markdown_note_escapes_territory_and_version(tmp_path: Path) -> None:
    """The territory name, the instance and the versions were written raw (issue 13, item 8)."""
    text = DEMO.read_text(encoding="utf-8")
    text = text.replace("  nom: Val-Fictif\n", '  nom: "Val<script>alert(1)</script>"\n', 1)
    text = text.replace(
        "  version: juin 2026", '  version: "<img src=x onerror=alert(1)> [v](javascript:x)"'
    )
    old = tmp_path / "v1.yaml"
    new = tmp_path / "v2.yaml"
    old.write_text(text, encoding="utf-8")
    new.write_text(text.replace("statut: en_cours\n", "statut: realisee\n", 1), encoding="utf-8")
    note = output((str(old), str(new)), "md")
    assert note.startswith("# Note de modification — CLSPD Val&lt;script>alert(1)&lt;/script>\n")
    assert "<img" not in note
    assert "](javascript:" not in note.replace("\\](javascript:", "")
    assert "Version &lt;img src=x onerror=alert(1)> \\[v\\](javascript:x) (adoptée" in note
