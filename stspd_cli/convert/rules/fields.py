"""Fiche fields written as labelled lines (« Pilote : Ville de Lille ») or as two-column
tables, read into the model's fields: actors by identifier, dates at their precision, amounts
in euros, statuses of the model's vocabulary. A value that cannot be read goes to the fiche's
text, never lost."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from stspd_cli.convert.rules.actors import Actors
from stspd_cli.convert.rules.values import (
    amounts,
    find_dates,
    number,
    one_date,
    percent,
    read_span,
    split_names,
)
from stspd_cli.convert.words import fold, folded_table

_LABEL = re.compile(r"^(?P<label>[^:\n]{2,60}?)\s*:\s*(?P<value>.*)$", re.DOTALL)
TEXT_FIELDS = ("constat", "description", "moyens", "commentaire")


def field_of(label: str) -> str | None:
    """The fiche field a label names (« Porteur de projet » -> pilote)."""
    label_folded = fold(label)
    for phrase, name in folded_table("champs"):
        if label_folded == phrase:
            return name
    return None


def labelled(text: str) -> tuple[str, str, str] | None:
    """(field, label as written, value) of « Libellé : valeur » when the label is a field's."""
    match = _LABEL.match(text.strip())
    if match is None:
        return None
    name = field_of(match["label"])
    return (name, match["label"].strip(), match["value"].strip()) if name else None


def status_of(text: str) -> str | None:
    text_folded = fold(text)
    for phrase, name in folded_table("statuts"):
        if text_folded == phrase or text_folded.startswith(phrase + " "):
            return name
    return None


@dataclass(slots=True)
class Filled:
    """What one field gave: the counts for the summary and the checks to write."""

    fields: list[str] = field(default_factory=list)
    checks: list[tuple[tuple[str | int, ...], str]] = field(default_factory=list)


def apply_field(
    fiche: dict[str, Any], name: str, label: str, value: str, *, actors: Actors, filled: Filled
) -> None:
    """Put ``value`` in ``fiche`` under ``name``; what cannot be read is kept as text."""
    value = value.strip()
    if not value:
        return
    before = len(fiche)
    if name == "pilote":
        names = split_names(value)
        fiche["pilote"] = actors.ref(names[0])
        if len(names) > 1:
            fiche.setdefault("copilotes", []).extend(actors.ref(n) for n in names[1:])
            filled.checks.append((("copilotes",), f"« {value} » : le premier nommé est le pilote"))
    elif name in {"partenaires", "copilotes"}:
        refs = fiche.setdefault(name, [])
        refs.extend(r for r in (actors.ref(n) for n in split_names(value)) if r not in refs)
    elif name == "quartiers":
        fiche.setdefault("quartiers", []).extend(split_names(value))
    elif name in {"public_cible", "territoire", "origine"}:
        fiche[name] = _joined(fiche.get(name), value)
    elif name == "statut":
        status = status_of(value)
        if status:
            fiche["statut"] = status
        else:
            _keep(fiche, label, value)
    elif name == "avancement":
        share = percent(value)
        if share is None:
            _keep(fiche, label, value)
        else:
            fiche["avancement"] = share
    elif name in {"calendrier", "debut", "fin", "echeance"}:
        _calendar(fiche, name, label, value, filled)
    elif name in {"financement", "budget"}:
        _funding(fiche, name, label, value, filled)
    elif name == "indicateurs":
        fiche.setdefault("indicateurs", []).extend(
            {"libelle": part} for part in _parts(value) if part
        )
    elif name == "axes":
        if not add_axes(fiche, value):
            _keep(fiche, label, value)
    elif name in TEXT_FIELDS:
        fiche[name] = _joined(fiche.get(name), value, paragraph=True)
    else:  # objectifs and other labels the model keeps elsewhere: kept as written
        _keep(fiche, label, value)
    if len(fiche) >= before:
        filled.fields.append(name)


def add_axes(owner: dict[str, Any], value: str) -> bool:
    """« SNPD 2020-2024, axe 1 : Les jeunes… » (one a line) -> the national axes ``owner``
    serves; False, and nothing added, unless each line names a known axis."""
    from stspd_cli.frameworks import axis_ref  # noqa: PLC0415

    refs = [axis_ref(line) for line in value.split("\n") if line.strip()]
    if not refs or None in refs:
        return False
    listed = owner.setdefault("axes", [])
    listed += [ref for ref in refs if ref not in listed]
    return True


def _joined(old: Any, value: str, *, paragraph: bool = False) -> str:
    if not old:
        return value
    return f"{old}\n\n{value}" if paragraph else f"{old} ; {value}"


def _keep(fiche: dict[str, Any], label: str, value: str) -> None:
    fiche["description"] = _joined(fiche.get("description"), f"{label} : {value}", paragraph=True)


def _parts(value: str) -> list[str]:
    return [p.strip(" .;") for p in re.split(r"[;\n]", value) if p.strip(" .;")]


def _calendar(fiche: dict[str, Any], name: str, label: str, value: str, filled: Filled) -> None:
    calendar = fiche.setdefault("calendrier", {})
    if name in {"debut", "fin", "echeance"}:
        found = one_date(value)
        if found is None:
            _keep(fiche, label, value)
        else:
            calendar[name] = found
        return
    precision: list[str] = []
    for part in [p.strip() for p in value.split(";") if p.strip()]:
        sub = re.match(r"^(échéance|echeance|date limite)\s*:?\s*(.+)$", part, re.IGNORECASE)
        if sub and (found := one_date(sub[2])) is not None:
            calendar["echeance"] = found
            continue
        span = read_span(part)
        if span.rest or (span.debut is None and span.fin is None):
            precision.append(part)
            continue
        if (
            span.debut is not None
            and span.fin is None
            and not re.match(
                r"^(à partir|a partir|dès|des|depuis|début|debut)", part, re.IGNORECASE
            )
        ):
            filled.checks.append((("calendrier", "debut"), f"« {part} » lu comme le début"))
        if span.debut is not None:
            calendar["debut"] = span.debut
        if span.fin is not None:
            calendar["fin"] = span.fin
    if precision:
        calendar["precision"] = "; ".join(precision)
    if not calendar:
        del fiche["calendrier"]


def _funding(fiche: dict[str, Any], name: str, label: str, value: str, filled: Filled) -> None:
    """« FIPD : 12 000 € ; Ville : 8 000 € (2025) » -> one line per source; a budget without
    its source stays in the text: the model wants a source for each line."""
    lines: list[dict[str, Any]] = []
    for part in _parts(value) if name == "financement" else [value]:
        found = amounts(part)
        if name == "budget" or len(found) != 1:
            if name == "financement" and not found:
                lines.append({"source": part})
                continue
            _keep(fiche, label, part)
            continue
        total, start, end = found[0]
        source = (part[:start] + " " + part[end:]).strip(" :–-,()")
        years = [d.value.year for d in find_dates(source) if d.value.precision == "annee"]
        year = years[0] if len(years) == 1 else None
        if year is not None:
            source = re.sub(rf"[\s(]*(en\s+)?{year}[)\s]*", " ", source).strip(" :–-,()")
        if not source:
            _keep(fiche, label, part)
            continue
        line: dict[str, Any] = {"source": source, "montant": number(total)}
        if year is not None:
            line["annee"] = year
        lines.append(line)
    if lines:
        fiche.setdefault("financement", []).extend(lines)


def table_fields(rows: list[list[str]]) -> list[tuple[str, str, str]] | None:
    """A two-column table whose first cells are field labels: (field, label, value) each."""
    if not rows or any(len([c for c in row if c.strip()]) > 2 for row in rows):
        return None
    found = []
    for row in rows:
        cells = [c for c in row if c.strip()]
        if len(cells) != 2:
            continue
        name = field_of(cells[0].rstrip(" :"))
        if name:
            found.append((name, cells[0].rstrip(" :"), cells[1]))
    return found if len(found) >= max(2, len(rows) // 2) else None
