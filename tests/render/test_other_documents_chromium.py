"""The note de modification and the bilan in headless Chromium: no console error, nothing
fetched, and no serious or critical accessibility violation (axe-core), on screen and in print."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from stspd_cli.diff import diff_versions
from stspd_cli.diff.formats import FORMATS as DIFF_FORMATS
from stspd_cli.diff.formats import DiffOutput
from stspd_cli.report import build_report
from stspd_cli.report.formats import FORMATS as REPORT_FORMATS

from .support import DEMO
from .test_chromium import _open, _serious

ROOT = Path(__file__).parents[2]


def _note(tmp_path: Path) -> str:
    newer = tmp_path / "nouvelle.yaml"
    text = DEMO.read_text(encoding="utf-8").replace("statut: en_cours\n", "statut: realisee\n", 1)
    newer.write_text(text.replace("le samedi soir", "le dimanche soir"), encoding="utf-8")
    changes, presentation = diff_versions(str(DEMO), str(newer))
    out = DIFF_FORMATS["html"](DiffOutput(changes, presentation))
    assert isinstance(out, str)  # a text format (pdf, docx and odt write bytes)
    return out


def _bilan(tmp_path: Path) -> str:
    report = build_report([DEMO, ROOT / "strategies"], date(2026, 11, 22), interne=False)
    html = REPORT_FORMATS["html"](report, False)
    assert isinstance(html, str)
    return html


@pytest.mark.parametrize("make", [_note, _bilan], ids=["note", "bilan"])
def test_document_in_chromium(
    browser: Browser, axe_script: str, tmp_path: Path, make: object
) -> None:
    assert callable(make)
    html_file = tmp_path / "document.html"
    html_file.write_text(make(tmp_path), encoding="utf-8")
    page, problems, requests = _open(browser, html_file, tmp_path)
    try:
        assert problems == []
        assert [r for r in requests if not r.startswith("data:")] == [html_file.as_uri()]
        assert page.locator("h1").count() == 1
        assert _serious(page, axe_script) == []
        page.emulate_media(media="print")
        assert _serious(page, axe_script, paper=True) == []
        assert page.pdf(prefer_css_page_size=True).startswith(b"%PDF")
    finally:
        page.close()
