"""The HTML in a real browser (Debian's headless Chromium): no console error, nothing fetched,
printable to PDF, and no serious or critical accessibility violation (axe-core)."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from .support import DEMO, LILLE, LOOS, rendered, require_tool

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

CASES = [
    pytest.param(LOOS, False, id="loos"),
    pytest.param(LILLE, False, id="lille"),
    pytest.param(DEMO, False, id="demo"),
    pytest.param(DEMO, True, id="demo-interne"),
]


def _open(browser: Browser, path: Path, tmp_path: Path) -> tuple[Page, list[str], list[str]]:
    page = browser.new_page()
    problems: list[str] = []
    requests: list[str] = []
    page.on(
        "console",
        lambda m: (
            problems.append(f"{m.type}: {m.text}") if m.type in {"error", "warning"} else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"pageerror: {error}"))
    page.on("requestfailed", lambda r: problems.append(f"requestfailed: {r.url}"))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.resolve().as_uri(), wait_until="load")
    return page, problems, requests


def _serious(page: Page, axe_script: str, *, paper: bool = False) -> list[str]:
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(axe_script)
    # Only the violations are asked for (axe's resultTypes: passes and incomplete results carry
    # one node each instead of all), and only their summary comes back from the page.
    options: dict[str, Any] = {
        "runOnly": {"type": "tag", "values": WCAG},
        "resultTypes": ["violations"],
    }
    if paper:
        # Touch target size (WCAG 2.5.8) means nothing on paper; the screen run checks it.
        options["rules"] = {"target-size": {"enabled": False}}
    violations: list[dict[str, Any]] = page.evaluate(
        """options => axe.run(document, options).then(results => results.violations.map(
            v => ({impact: v.impact, id: v.id, help: v.help,
                   targets: v.nodes.slice(0, 3).map(n => n.target)})))""",
        options,
    )
    return [
        f"{v['impact']} {v['id']}: {v['help']} ({v['targets']})"
        for v in violations
        if v["impact"] in {"serious", "critical"}
    ]


@pytest.mark.parametrize(("path", "interne"), CASES)
def test_in_chromium(
    browser: Browser, axe_script: str, tmp_path: Path, path: Path, interne: bool
) -> None:
    html_file = tmp_path / f"{path.stem}.html"
    html_file.write_bytes(rendered(path, "html", interne=interne))
    page, problems, requests = _open(browser, html_file, tmp_path)
    try:
        assert problems == []
        # Only the file itself is loaded: no style sheet, font, picture or script fetched.
        assert [r for r in requests if not r.startswith("data:")] == [html_file.as_uri()]
        assert page.evaluate("document.documentElement.lang") == "fr"
        assert page.title().startswith("Stratégie territoriale")
        assert page.locator("h1").count() == 1

        assert _serious(page, axe_script) == []
        page.emulate_media(media="print")
        assert _serious(page, axe_script, paper=True) == []

        pdf = page.pdf(prefer_css_page_size=True)
        assert pdf.startswith(b"%PDF")
        (tmp_path / "chromium.pdf").write_bytes(pdf)
    finally:
        page.close()
    info = _pdfinfo(tmp_path / "chromium.pdf")
    assert "A4" in info["Page size"]
    assert int(info["Pages"]) >= 3
    assert problems == []


def test_the_check_sees_serious_violations(
    browser: Browser, axe_script: str, tmp_path: Path
) -> None:
    """The accessibility check is not blind: a picture without text alternative and an
    unlabelled field are serious or critical, on screen and in print."""
    bad = tmp_path / "mauvais.html"
    bad.write_text(
        '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>t</title></head>'
        '<body><main><h1>t</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
        '<input type="text"></main></body></html>',
        encoding="utf-8",
    )
    page, _problems, _requests = _open(browser, bad, tmp_path)
    try:
        for paper in (False, True):
            found = " ".join(_serious(page, axe_script, paper=paper))
            assert "image-alt" in found
            assert "label" in found
    finally:
        page.close()


def _pdfinfo(path: Path) -> dict[str, str]:
    out = subprocess.run(
        [require_tool("pdfinfo"), str(path)], capture_output=True, text=True, check=True
    ).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}
