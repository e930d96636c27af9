"""The JSON Schema (draft 2020-12) of stspd/1, generated from the pydantic model."""

from __future__ import annotations

import json
from typing import Any

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = "urn:stspd:schema:stspd-1"
COMMITTED_PATH = "schema/stspd-1.schema.json"


def json_schema() -> dict[str, Any]:
    from stspd_cli.model import Document  # noqa: PLC0415

    generated = Document.model_json_schema(by_alias=True, mode="validation")
    schema = {"$schema": SCHEMA_DIALECT, "$id": SCHEMA_ID, **generated}
    _explain_every_field(schema)
    for holder in [schema, *schema.get("$defs", {}).values()]:
        for prop in holder.get("properties", {}).values():
            _as_editors_show(prop)
    return schema


def _explain_every_field(schema: dict[str, Any]) -> None:
    """Editors show a key's own title, description and examples on hover: a field that holds a
    section gets the section's title and description (its docstring) when it has none, and an
    optional field the examples of its type, which pydantic leaves inside ``anyOf``."""
    definitions: dict[str, Any] = schema.get("$defs", {})
    for holder in [schema, *definitions.values()]:
        for prop in holder.get("properties", {}).values():
            branches = [prop, prop.get("items", {}), *prop.get("anyOf", [])]
            for branch in branches:
                section = definitions.get(branch.get("$ref", "").rpartition("/")[2])
                if section is not None:
                    for word in ("title", "description"):
                        if word not in prop and word in section:
                            prop[word] = section[word]
                    break
            if "examples" not in prop:
                for branch in prop.get("anyOf", []):
                    if "examples" in branch:
                        prop["examples"] = branch["examples"]
                        break


# A date at its precision, as one string pattern: a month ("2026-09") or a day (2026-09-30).
# (``format: date`` is not kept: editors check it, and a month is not a ``date``.)
# The pattern refuses impossible days (2017-02-30, 2026-04-31); 29 February of a common year is
# left to stspd validate (M005).
_DAY = (
    r"^\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])"
    r"|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|02-(?:0[1-9]|1\d|2\d))$"
)
# Keywords that say what a field is, not what it accepts: they stay on the field.
_ANNOTATIONS = ("title", "description", "markdownDescription", "default", "examples")


def _as_editors_show(prop: dict[str, Any]) -> None:
    """Shape a field as editors show it well. yaml-language-server shows the title of the field
    once per branch of an ``anyOf`` (« Statut || Statut ») and the examples of each branch: an
    ``anyOf`` of plain types (a value or null, a date at three precisions) becomes one schema with
    a list of types, which accepts exactly the same values (``pattern`` only constrains strings,
    ``minimum`` only numbers); the examples are given once, by the field."""
    if "examples" in prop and isinstance(prop.get("items"), dict):
        prop["items"].pop("examples", None)
    branches = _flat_branches(prop)
    if branches is None:
        return
    if "examples" in prop:
        for branch in branches:
            branch.pop("examples", None)
    merged = _merged(branches)
    if merged is None:
        prop["anyOf"] = branches
        return
    del prop["anyOf"]
    for word in _ANNOTATIONS:
        if word in merged and word not in prop:
            prop[word] = merged[word]
    prop.update({k: v for k, v in merged.items() if k not in _ANNOTATIONS})
    if "markdownEnumDescriptions" in prop:
        # Editors list each value with its description themselves: the field's explanation
        # says the rest, without a second list of the values.
        prop.pop("markdownDescription", None)
    if prop.get("default", 0) is None:
        prop.pop("default")  # « null » offered as a completion says nothing


def _flat_branches(prop: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The branches of ``anyOf``, nested ``anyOf`` flattened; None when there is none."""
    if "anyOf" not in prop:
        return None
    flat: list[dict[str, Any]] = []
    for branch in prop["anyOf"]:
        inner = branch.get("anyOf")
        if inner is not None and set(branch) <= {"anyOf", "examples"}:
            if "examples" in branch and "examples" not in prop:
                prop["examples"] = branch["examples"]
            flat.extend(inner)
        else:
            flat.append(branch)
    return flat


def _merged(branches: list[dict[str, Any]]) -> dict[str, Any] | None:
    """One schema for branches of plain types, or None when they do not merge exactly."""
    if any("$ref" in b or not isinstance(b.get("type"), str) for b in branches):
        return None
    strings = [b for b in branches if b["type"] == "string"]
    if len(strings) > 1:
        pattern = _one_pattern(strings)
        if pattern is None:
            return None
        branches = [b for b in branches if b["type"] != "string"]
        branches.append({"type": "string", "pattern": pattern})
    types = [b["type"] for b in branches]
    if len(set(types)) != len(types):
        return None
    merged: dict[str, Any] = {}
    for branch in branches:
        for key, value in branch.items():
            if key in ("type", "enum", "enumDescriptions", "markdownEnumDescriptions"):
                continue
            if key in merged and merged[key] != value:
                return None
            merged[key] = value
    enums = [b for b in branches if "enum" in b]
    if enums:
        # An enum constrains every type: the other branches may only add null.
        if len(enums) > 1 or any(b["type"] != "null" for b in branches if "enum" not in b):
            return None
        values = list(enums[0]["enum"])
        allow_null = "null" in types
        merged["enum"] = [*values, None] if allow_null else values
        for key in ("enumDescriptions", "markdownEnumDescriptions"):
            if key in enums[0]:
                words = list(enums[0][key])
                merged[key] = [*words, "non renseigné"] if allow_null else words
    merged["type"] = [t for t in types if t != "null"] + [t for t in types if t == "null"]
    return merged


def _one_pattern(strings: list[dict[str, Any]]) -> str | None:
    """A month pattern and a ``format: date``: one pattern that accepts both."""
    patterns = []
    for branch in strings:
        extra = set(branch) - {"type", "pattern", "format"}
        if extra:
            return None
        if branch.get("format") == "date":
            patterns.append(_DAY)
        elif "pattern" in branch and "format" not in branch:
            patterns.append(branch["pattern"])
        else:
            return None
    return "|".join(f"(?:{p})" for p in patterns)


def json_schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
