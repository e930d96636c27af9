"""``stspd render --brouillon`` (issue 15): a strategy with errors is rendered, « BROUILLON » on
every page, each finding next to what it concerns and all of them in an annex; the exit code
still says the strategy is invalid. Without --brouillon nothing changes."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from cli_run import run

from .support import LILLE, require_tool

EXAMPLE = Path(__file__).parent / "examples" / "brouillon.yaml"
NB = "\u00a0"


def _flat(text: str) -> str:
    return text.replace("&nbsp;", NB).replace(NB, " ").replace("\u202f", " ")


@pytest.fixture
def draft(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Any:
    def make(fmt: str, *extra: str) -> tuple[int, str, str]:
        shutil.copy(EXAMPLE, tmp_path / "brouillon.yaml")
        target = tmp_path / f"brouillon.{fmt}"
        source = str(tmp_path / "brouillon.yaml")
        code, out, err = run(capsys, "render", source, "--brouillon", "-o", str(target), *extra)
        assert out == ""
        return code, err, target.read_text("utf-8") if fmt != "pdf" else ""

    return make


def test_without_brouillon_nothing_changes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(EXAMPLE, tmp_path / "b.yaml")
    source = tmp_path / "b.yaml"
    code, _out, err = run(capsys, "render", str(source), "-o", str(tmp_path / "x.html"))
    assert code == 1
    assert not (tmp_path / "x.html").exists()
    assert err.startswith(
        f"stspd : {source} n'est pas une stratégie valide : {source}:18:17: R001 « pilote » : "
    )


def test_a_draft_is_written_and_the_exit_code_says_invalid(draft: Any, tmp_path: Path) -> None:
    code, err, _html = draft("html")
    source = tmp_path / "brouillon.yaml"
    assert code == 1
    assert err == (
        f"stspd : {tmp_path / 'brouillon.html'} écrit (version publique)\n"
        f"stspd : {source} rendu en brouillon : la stratégie n'est pas valide (3 erreurs)\n"
        f"  conseil : « stspd validate {source} » liste chaque problème\n"
    )


def test_findings_are_shown_at_their_place_and_in_an_annex(draft: Any, tmp_path: Path) -> None:
    _code, _err, html = draft("html")
    flat = _flat(html)
    assert '<div class="filigrane" aria-hidden="true">BROUILLON</div>' in html
    fiche = flat.split('id="action-veille"')[1].split("</article>")[0]
    assert (
        '<li class="erreur"><span class="gravite">erreur</span> ligne 18, colonne 17 : « pilote » '
        ": acteur « mairi » inconnu ; vouliez-vous dire « mairie » ? "
        '<span class="code">(R001)</span></li>'
    ) in fiche
    assert "« statut » : valeur « réalisée » inconnue" in fiche
    annex = flat.split('id="brouillon"')[1]
    assert (
        "BROUILLON : 2 erreurs et 0 avertissement à corriger avant diffusion "
        f"({tmp_path / 'brouillon.yaml'}), et 1 autre problème dans des parties en diffusion "
        "restreinte (voir le brouillon interne, --interne)."
    ) in annex
    assert annex.count('<tr class="erreur">') == 2
    # The public draft leaves out the restricted action, and its finding with it.
    assert "parquet" not in flat


def test_an_internal_draft_shows_every_finding(draft: Any) -> None:
    _code, _err, html = draft("html", "--interne")
    flat = _flat(html)
    fiche = flat.split('id="action-suivi"')[1].split("</article>")[0]
    assert "acteur « parquet » inconnu" in fiche
    assert "3 erreurs et 0 avertissement à corriger avant diffusion (" in flat
    assert "diffusion restreinte (voir le brouillon interne" not in flat


def test_markdown_draft_has_a_banner_notes_and_an_annex(draft: Any) -> None:
    _code, _err, md = draft("md")
    flat = _flat(md)
    assert flat.startswith(
        "> **BROUILLON** – document de travail, à ne pas diffuser : 2 erreurs et 0 avertissement "
        "à corriger avant diffusion ("
    )
    assert (
        "> **BROUILLON – erreur** ligne 19, colonne 17 : « statut » : valeur « réalisée » "
        "inconnue ; vouliez-vous dire « realisee » (affiché « réalisée ») ? (M003)"
    ) in flat
    assert "| [ligne 18, colonne 17](#action-veille) | erreur | « pilote » : acteur" in flat


@pytest.mark.skipif(importlib.util.find_spec("weasyprint") is None, reason="WeasyPrint absent")
def test_every_pdf_page_says_brouillon(draft: Any, tmp_path: Path) -> None:
    pdftotext = require_tool("pdftotext")
    code, _err, _ = draft("pdf")
    assert code == 1
    text = subprocess.run(
        [pdftotext, "-layout", str(tmp_path / "brouillon.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pages = [p for p in text.split("\f") if p.strip()]
    assert len(pages) >= 3
    assert all("BROUILLON – stratégie invalide, ne pas diffuser" in p for p in pages)


def test_a_valid_strategy_as_a_draft_exits_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "lille.html"
    code, _out, err = run(capsys, "render", str(LILLE), "--brouillon", "-o", str(target))
    assert code == 0, err
    html = _flat(target.read_text("utf-8"))
    assert "BROUILLON : 0 erreur et 0 avertissement à corriger avant diffusion" in html
