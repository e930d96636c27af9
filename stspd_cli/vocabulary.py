"""Closed vocabularies (statuses, kinds of actors...), read from ``data/vocabulaires.yaml``.

``Annotated[str, Vocabulary("statut")]`` makes pydantic validate the field as one of the data
file's values and export them as a JSON Schema ``enum``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from stspd_cli.resources import load_data

if TYPE_CHECKING:  # the rules read vocabularies without pydantic (stspd_cli.model.plain)
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import core_schema


def vocabulary(name: str) -> dict[str, str]:
    """Values of vocabulary ``name`` mapped to their French labels, in the file's order."""
    table = load_data("vocabulaires.yaml")[name]
    return {str(k): str(v) for k, v in table.items()}


def label(name: str, value: str) -> str:
    return vocabulary(name).get(value, value)


class Vocabulary:
    """Pydantic annotation: the value must belong to a vocabulary of the data file."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        from pydantic_core import core_schema  # noqa: PLC0415

        return core_schema.literal_schema(list(vocabulary(self.name)))

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        result = handler(schema)
        words = vocabulary(self.name)
        labels = "\n".join(f"- `{k}` : {v}" for k, v in words.items())
        result["markdownDescription"] = f"Valeurs possibles :\n{labels}"
        # What editors show next to each value they offer (VS Code, yaml-language-server).
        result["enumDescriptions"] = list(words.values())
        result["markdownEnumDescriptions"] = list(words.values())
        return result
