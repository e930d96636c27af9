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


def json_schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
