"""A strategy as stable, line-oriented text, for git's ``textconv`` diff driver.

Each line names its entity by identity, not by position (``[action comite-jeunes] statut : en
cours``), and entities are sorted, so that ``git diff`` shows the same changes as ``stspd diff``:
re-ordering a list is not a change, a renamed action stays the same action.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel

from stspd_cli.dates import PartialDate
from stspd_cli.diff.engine import jsonable
from stspd_cli.diff.items import WORDED, item_words
from stspd_cli.diff.keys import entity_of, is_keyed, key_of, key_text
from stspd_cli.model import Document
from stspd_cli.terminal import visible


def _scalar(value: Any) -> str:
    if isinstance(value, date | PartialDate):
        return value.isoformat()
    value = jsonable(value)
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\n", "⏎")
    return str(value)


def _lines(model: BaseModel, tag: str, prefix: str = "") -> list[str]:
    out: list[str] = []
    nested: list[str] = []
    for name, info in type(model).model_fields.items():
        key = info.alias or name
        value = getattr(model, name)
        if value is None or value == [] or (key == "diffusion" and value == "publique"):
            continue
        path = f"{prefix}{key}"
        if isinstance(value, BaseModel):
            if is_keyed(value):
                continue
            out += _lines(value, tag, f"{path}.")
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            entity = entity_of(value[0])
            if entity in WORDED:  # one line in words per item: « FIPD 2026, 15 000 €, acquis »
                out += sorted(f"[{tag}] {path} : {item_words(entity, jsonable(v))}" for v in value)
                continue
            for item in sorted(value, key=lambda v: key_text(key_of(v))):
                nested += _lines(item, f"{tag} > {entity} {_scalar(key_text(key_of(item)))}")
        elif isinstance(value, list):
            out.append(f"[{tag}] {path} : {', '.join(sorted(_scalar(v) for v in value))}")
        else:
            out.append(f"[{tag}] {path} : {_scalar(value)}")
    return out + nested


def as_text(doc: Document) -> str:
    """The whole strategy, one fact per line, read in a terminal or a pager (``git diff``): what
    a value holds is shown, never obeyed (:func:`~stspd_cli.terminal.visible`)."""
    lines: list[str] = []
    for section in ("territoire", "strategie", "cadre", "principes", "sections", "gouvernance"):
        value = getattr(doc, section)
        if value is not None:
            lines += _lines(value, section)
    for objective in sorted(doc.objectifs, key=lambda o: o.id):
        lines += _lines(objective, f"objectif {objective.id}")
    for plan in sorted(doc.plans, key=lambda p: p.id):
        lines += _lines(plan.model_copy(update={"actions": []}), f"plan {plan.id}")
    for ref in sorted(doc.iter_actions(), key=lambda r: r.action.id):
        tag = f"action {ref.action.id}"
        lines.append(f"[{tag}] plan : {ref.plan.id if ref.plan else 'aucun (action transversale)'}")
        lines += _lines(ref.action, tag)
    for actor in sorted(doc.acteurs, key=lambda a: a.id):
        lines += _lines(actor, f"acteur {actor.id}")
    for proposal in sorted(doc.propositions, key=lambda p: p.id):
        lines += _lines(proposal, f"proposition {proposal.id}")
    for chapter in sorted(doc.chapitres, key=lambda c: c.id):
        lines += _lines(chapter, f"chapitre {chapter.id}")
    lines += sorted(f"[note] {item_words('note', jsonable(note))}" for note in doc.notes)
    return visible("\n".join(lines) + "\n")
