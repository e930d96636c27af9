"""Helpers shared by the ``stspd render`` tests: sources, rendered outputs, text extraction.

Rendered documents are kept for the test run (``tests/shared_renders.py``): a PDF takes
seconds to render.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from shared_renders import shared_render

from stspd_cli.model import Document
from stspd_cli.render import load_strategy

ROOT = Path(__file__).resolve().parents[2]
STRATEGIES = ROOT / "strategies"
DEMO = ROOT / "examples" / "demo-fictive.yaml"
LOOS = STRATEGIES / "cispd-loos-haubourdin-emmerin.yaml"
LILLE = STRATEGIES / "clspd-lille.yaml"
SEEDS = ROOT.parent / "shared" / "seeds"

# Page furniture of the Lille web page: buttons and links, not strategy content.
LILLE_FURNITURE = (
    "Créer un compte",
    "Créez votre compte et recevez toute l’actualité qui vous ressemble.",
    "Ajouter à mes favoris",
    "Partager sur :",
    "Google+",
    "Pour plus d’infos :",
    "à télécharger",
    "Partager la page via les réseaux sociaux :",
    "Fermer",
)
SEED_OF = {
    LOOS: "cispd-loos-haubourdin-emmerin.txt",
    LILLE: "clspd-lille.txt",
}

_BULLET = re.compile(r"^\s*(?:[•\-*]|\d+\.)\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


def require_tool(name: str) -> str:
    """The path of a system tool the tests need; fail (never skip) when it is missing."""
    path = shutil.which(name)
    if path is None:
        pytest.fail(
            f"{name} introuvable : lancez `bash scripts/install-system-deps.sh` (ou `make test`)"
        )
    return path


def normalise(text: str) -> str:
    """Every run of whitespace (no-break spaces included) as one space, and the typographic
    apostrophe as the typed one: the document's typography changes no word."""
    return " ".join(text.replace("\u2019", "'").split())


class _TextParser(HTMLParser):
    """Visible text of an HTML page: no style sheet, no head; block ends become spaces."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"style", "script", "head"}:
            self._skip += 1
        elif tag in {"br", "p", "li", "td", "th", "dt", "dd", "div", "tr"}:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"style", "script", "head"}:
            self._skip -= 1
        elif tag in {"p", "li", "td", "th", "dt", "dd", "div", "h1", "h2", "h3", "h4", "h5"}:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_text(html: str) -> str:
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    return normalise("".join(parser.parts))


def seed_sentences(seed: str) -> list[str]:
    """The sentences of a seed document, page furniture left out, list markers and a trailing
    list comma or period dropped."""
    if not SEEDS.is_dir():
        pytest.fail(f"documents sources introuvables : {SEEDS} (shared/ est à côté du dépôt)")
    text = (SEEDS / seed).read_text(encoding="utf-8")
    sentences = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line in LILLE_FURNITURE:
            continue
        for sentence in _SENTENCE_END.split(_BULLET.sub("", line)):
            cleaned = normalise(sentence).rstrip(",.")
            if cleaned:
                sentences.append(cleaned)
    return sentences


def missing_sentences(sentences: list[str], text: str) -> list[str]:
    flat = normalise(text)
    return [s for s in sentences if s not in flat]


_DOCS: dict[Path, Document] = {}
_RENDERED: dict[tuple[Path, str, bool], bytes] = {}


def document(path: Path) -> Document:
    if path not in _DOCS:
        _DOCS[path] = load_strategy(path)
    return _DOCS[path]


def rendered(path: Path, fmt: str, *, interne: bool = False) -> bytes:
    """``path`` rendered with the default templates, once per test run."""
    key = (path, fmt, interne)
    if key not in _RENDERED:
        _RENDERED[key] = shared_render(path, fmt, interne=interne, doc=document(path))
    return _RENDERED[key]


_FOOTER = re.compile(r"^page \d+ / \d+$")
_HEADER = re.compile(r"^(CLSPDR?|CISPDR?|CMSPD) .+$|^Diffusion restreinte$")


def pdf_pages(pdf: bytes) -> list[str]:
    """The text of each page, as pdftotext reads it."""
    out = subprocess.run(
        [require_tool("pdftotext"), "-enc", "UTF-8", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    return [page for page in out.split("\f") if page.strip()]


def pdf_text(pdf: bytes) -> str:
    """The text of a PDF, running headers and page numbers left out, whitespace normalised."""
    lines = [
        line
        for page in pdf_pages(pdf)
        for line in page.splitlines()
        if not _FOOTER.match(line.strip()) and not _HEADER.match(line.strip())
    ]
    return normalise("\n".join(lines))


def write_strategy(folder: Path, text: str, name: str = "strategie.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


MINIMAL = """\
schema: stspd/1
territoire:
  nom: Bourg-Test
  instance: CLSPD
strategie:
  titre: Stratégie territoriale de sécurité et de prévention de la délinquance
"""
