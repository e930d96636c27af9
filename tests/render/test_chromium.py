"""The HTML in a real browser (Debian's headless Chromium): no console error, nothing fetched,
printable to PDF, and no serious or critical accessibility violation (axe-core)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from .support import DEMO, LILLE, LOOS, rendered, require_tool

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

CASES = [
    pytest.param(LOOS, False, id="loos"),
    pytest.param(LILLE, False, id="lille"),
    pytest.param(DEMO, False, id="demo"),
    pytest.param(DEMO, True, id="demo-interne"),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    executable = require_tool("chromium")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def axe_script() -> str:
    return (files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


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
    page.evaluate(axe_script)
    options: dict[str, Any] = {"runOnly": {"type": "tag", "values": WCAG}}
    if paper:
        # Touch target size (WCAG 2.5.8) means nothing on paper; the screen run checks it.
        options["rules"] = {"target-size": {"enabled": False}}
    results: dict[str, Any] = page.evaluate("options => axe.run(document, options)", options)
    return [
        f"{v['impact']} {v['id']}: {v['help']} ({[n['target'] for n in v['nodes'][:3]]})"
        for v in results["violations"]
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


def _pdfinfo(path: Path) -> dict[str, str]:
    out = subprocess.run(
        [require_tool("pdfinfo"), str(path)], capture_output=True, text=True, check=True
    ).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}
