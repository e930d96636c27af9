"""Fixtures of the render tests: one headless Chromium per test process.

The browser is Debian's ``chromium-headless-shell``: the same Blink as ``chromium``, without the
browser's own interface, which the full browser keeps running in a renderer of its own even
when headless (the Chromium tests took 17 s of CPU with it, 10.4 s with the shell). Playwright
also runs this shell for headless pages. Where it is not installed (not a Debian), the full
``chromium`` is taken; ``STSPD_TEST_CHROMIUM`` names the browser to test with."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from importlib.resources import files

import pytest
from playwright.sync_api import Browser, sync_playwright

from .support import require_tool

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def _chromium() -> str:
    found = [name for name in ("chromium-headless-shell", "chromium") if shutil.which(name)]
    return found[0] if found else "chromium-headless-shell"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = require_tool(os.environ.get("STSPD_TEST_CHROMIUM") or _chromium())
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def axe_script() -> str:
    return (files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")
