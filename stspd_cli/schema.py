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
    return {"$schema": SCHEMA_DIALECT, "$id": SCHEMA_ID, **generated}


def json_schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
