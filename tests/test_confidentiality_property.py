"""Property: whatever parts are restricted, no restricted text reaches a public output.

Random items of the fictional demo are marked ``diffusion: restreinte`` and given a unique
marker in their text, and those with an identifier a unique identifier, renamed in every
reference to them too (an action piloted by a restricted actor, a plan serving a restricted
objective); every public output (render html and md, report, diff, texte, the partners'
tracking table in csv and xlsx, docx and odt) must hold none of the markers, and the internal
outputs must hold them all.

The office documents (docx and odt, two pandoc runs each) are made from the very HTML page the
first property checks on every example; the second property checks them, real documents, on
fewer random examples and on the one where every restrictable item is restricted at once.
"""

from __future__ import annotations

import copy
import io
import json
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from stspd_cli.confidentiality import view
from stspd_cli.diff import diff_documents
from stspd_cli.diff.textconv import as_text
from stspd_cli.load import load_file
from stspd_cli.model import Document
from stspd_cli.render import render_document
from stspd_cli.report.compute import territory_report
from stspd_cli.spreadsheet.csv_io import write_csv
from stspd_cli.spreadsheet.table import build_table
from stspd_cli.spreadsheet.xlsx_write import write_xlsx

DEMO = Path(__file__).parent.parent / "examples" / "demo-fictive.yaml"
_LOADED = load_file(DEMO).data
assert _LOADED is not None
BASE: dict[str, Any] = _LOADED
# Text fields that carry the marker, by priority, in items that may be restricted.
TEXT_FIELDS = ("titre", "nom", "libelle", "texte", "objet", "source", "domaine", "fonction")
MARK = "SECRETXQ"
MARK_ID = "secretidxq"
# Where each kind of item is named by its identifier (stspd_cli/model/references.py).
REFERENCE_KEYS = {
    "acteurs": {"pilote", "copilotes", "partenaires", "acteur", "acteurs", "president", "membres"},
    "objectifs": {"objectifs"},
    "groupes_travail": {"groupe_travail"},
}


def _rename(node: Any, keys: set[str], old: str, new: str) -> None:
    """Every reference to ``old`` under one of ``keys`` now names ``new``."""
    if isinstance(node, dict):
        for key, child in node.items():
            if key in keys and child == old:
                node[key] = new
            elif key in keys and isinstance(child, list):
                node[key] = [new if item == old else item for item in child]
            else:
                _rename(child, keys, old, new)
    elif isinstance(node, list):
        for child in node:
            _rename(child, keys, old, new)


def _candidates(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Paths of the mappings that accept ``diffusion`` and hold a text field to mark."""
    found = []
    if isinstance(node, dict):
        has_text = any(isinstance(node.get(f), str) for f in TEXT_FIELDS)
        if has_text and path and path[0] not in {"territoire", "strategie", "sections"}:
            found.append(path)
        for key, child in node.items():
            found += _candidates(child, (*path, key))
    elif isinstance(node, list):
        for i, child in enumerate(node):
            found += _candidates(child, (*path, i))
    return found


def _restricted_model_paths() -> set[tuple[Any, ...]]:
    # Only mappings that are Diffusable in the model accept the key: probe by validation.
    accepted = set()
    for path in _candidates(BASE):
        probe = copy.deepcopy(BASE)
        node = probe
        for part in path:
            node = node[part]
        node["diffusion"] = "restreinte"
        try:
            Document.model_validate(probe)
        except ValueError:
            continue
        accepted.add(path)
    return accepted


CANDIDATES = sorted(_restricted_model_paths(), key=str)
assert len(CANDIDATES) > 40, "the demo should offer many restrictable items"


def _public_outputs(doc: Document, other: Document) -> list[str]:
    public = view(doc, interne=False)
    outputs = [
        render_document(doc, "html").decode("utf-8"),
        render_document(doc, "md").decode("utf-8"),
        json.dumps(territory_report(public, date(2026, 1, 15), "demo"), ensure_ascii=False),
        as_text(public),
    ]
    changes = diff_documents(view(other, interne=False), public)
    outputs.append(json.dumps([c.as_dict() for c in changes], ensure_ascii=False))
    table = build_table(
        doc, source="demo.yaml", fingerprint="0", interne=False, today=date(2026, 1, 15)
    )
    outputs.append(write_csv(table).decode("utf-8-sig"))
    # Every XML part of the workbook (cells, shared texts, properties, lists of choices), as
    # for the office documents: what any reader of the file may show.
    outputs.append(_office_text(write_xlsx(table)))
    return outputs


def _office_text(data: bytes) -> str:
    """Every XML part of a docx, odt or xlsx (body, headers, properties), as any reader may
    show it."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "\n".join(
            archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xml")
        )


def _restricted(chosen: list[tuple[Any, ...]]) -> Document:
    """The demo with the items at ``chosen`` restricted, each marked ``MARK<n>`` (and its
    identifier ``MARK_ID<n>``, renamed wherever it is named)."""
    data = copy.deepcopy(BASE)
    for n, path in enumerate(chosen):
        node = data
        for part in path:
            node = node[part]
        node["diffusion"] = "restreinte"
        field = next(f for f in TEXT_FIELDS if isinstance(node.get(f), str))
        node[field] = f"{node[field]} {MARK}{n}"
        if isinstance(node.get("id"), str):
            secret = f"{MARK_ID}{n}"
            # The list the item sits in says what names it: actors, objectives, groups.
            _rename(data, REFERENCE_KEYS.get(str(path[-2]), set()), node["id"], secret)
            node["id"] = secret
    return Document.model_validate(data)


BASE_DOCUMENT = Document.model_validate(BASE)
CHOICES = st.lists(st.sampled_from(CANDIDATES), min_size=1, max_size=6, unique=True)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(CHOICES)
def test_restricted_text_never_reaches_public_outputs(chosen: list[tuple[Any, ...]]) -> None:
    doc = _restricted(chosen)
    for output in _public_outputs(doc, BASE_DOCUMENT):
        assert MARK not in output
        assert MARK_ID not in output
    internal = render_document(doc, "html", interne=True).decode("utf-8")
    # Markers of items inside other restricted items show too, in the internal version.
    for n, _path in enumerate(chosen):
        assert f"{MARK}{n}" in internal


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(CHOICES)
@example(CANDIDATES)
def test_restricted_text_never_reaches_public_office_documents(
    chosen: list[tuple[Any, ...]],
) -> None:
    doc = _restricted(chosen)
    for kind in ("docx", "odt"):
        public = _office_text(render_document(doc, kind))
        assert MARK not in public
        assert MARK_ID not in public
    internal = _office_text(render_document(doc, "docx", interne=True))
    for n, _path in enumerate(chosen):
        assert f"{MARK}{n}" in internal
