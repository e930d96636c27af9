"""Fidelity: the rendered document carries every sentence of its source and every text field."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from stspd_cli.confidentiality import view
from stspd_cli.render.markdown import to_html

from .support import (
    DEMO,
    LILLE,
    LOOS,
    SEED_OF,
    document,
    html_text,
    missing_sentences,
    normalise,
    rendered,
    seed_sentences,
)

REAL = [pytest.param(LOOS, id="loos"), pytest.param(LILLE, id="lille")]

# Fields holding ids or vocabulary keys: the document shows names and labels instead.
NOT_TEXT = {
    "id", "diffusion", "version_schema", "referentiel", "numerotation", "type", "origine",
    "axes", "objectifs", "pilote", "copilotes", "partenaires", "groupe_travail", "statut",
    "sens", "acteur", "acteurs", "membres", "president", "niveau", "apres", "genre", "actions",
}  # fmt: skip


@pytest.mark.parametrize("path", REAL)
def test_every_seed_sentence_is_in_the_html(path: Path) -> None:
    sentences = seed_sentences(SEED_OF[path])
    assert len(sentences) > 20
    text = html_text(rendered(path, "html").decode())
    assert missing_sentences(sentences, text) == []


@pytest.mark.parametrize("path", REAL)
def test_every_seed_sentence_is_in_the_markdown(path: Path) -> None:
    sentences = seed_sentences(SEED_OF[path])
    assert missing_sentences(sentences, rendered(path, "md").decode()) == []


def test_actions_read_as_in_the_source() -> None:
    text = html_text(rendered(LOOS, "html").decode())
    assert (
        "Action n°1 : Comité de Prévention Jeunes pour repérer et intervenir auprès des jeunes "
        "exposés" in text
    )
    # Actions without a "pour" clause keep their title alone.
    assert "Action n°13 : Protocole de traitement des rassemblements perturbateurs " in text


def _texts(value: Any, name: str = "") -> list[str]:
    """Every text of a model, except ids and vocabulary keys."""
    if isinstance(value, str):
        return [] if name in NOT_TEXT or (name == "instance" and value.isupper()) else [value]
    if isinstance(value, BaseModel):
        return [
            t for field in type(value).model_fields for t in _texts(getattr(value, field), field)
        ]
    if isinstance(value, list):
        return [t for item in value for t in _texts(item, name)]
    return []


@pytest.mark.parametrize("interne", [False, True], ids=["publique", "interne"])
@pytest.mark.parametrize("path", [*REAL, pytest.param(DEMO, id="demo")])
def test_every_text_field_is_rendered(path: Path, interne: bool) -> None:
    doc = view(document(path), interne=interne)
    text = html_text(rendered(path, "html", interne=interne).decode())
    expected = {normalise(html_text(to_html(t))) for t in _texts(doc)}
    missing = sorted(t for t in expected if t not in text)
    assert missing == []


def test_a_strategy_without_plans_has_no_empty_section_or_label() -> None:
    html = rendered(LILLE, "html").decode()
    assert "Les plans d'action" not in html
    assert 'id="plans"' not in html
    for empty in (
        r"<dd>\s*</dd>",
        r"<li>\s*</li>",
        r"<p>\s*</p>",
        r"<ul>\s*</ul>",
        r"<dt>\s*</dt>",
    ):
        assert re.search(empty, html) is None, empty
    markdown = rendered(LILLE, "md").decode()
    assert re.search(r"^- [^:\n]+\u00a0:\s*$", markdown, re.MULTILINE) is None
    assert "Les plans d'action" not in markdown


@pytest.mark.parametrize("path", [*REAL, pytest.param(DEMO, id="demo")])
def test_no_empty_labels_anywhere(path: Path) -> None:
    html = rendered(path, "html").decode()
    assert re.search(r"<dd>\s*</dd>", html) is None
    assert re.search(r"<h[1-6][^>]*>\s*</h[1-6]>", html) is None
