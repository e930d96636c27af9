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


def short_label(name: str, value: str) -> str:
    """The label without the explanation in brackets that some carry (« à la hausse (la cible
    est au-dessus…) » -> « à la hausse »): what a table cell shows, and a reader reads back."""
    return label(name, value).split(" (")[0]


def fold(text: str) -> str:
    """A typed word as the vocabularies compare it: no accents, no capitals, spaces, hyphens
    and apostrophes as « _ »: « Terminée », « en cours », « en-cours » -> terminee, en_cours."""
    import re  # noqa: PLC0415  (error path only)
    import unicodedata  # noqa: PLC0415

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "_", plain).strip("_")


def suggest_value(name: str, typed: object) -> str | None:
    """The value of vocabulary ``name`` that ``typed`` most likely means: the same word
    written another way (« réalisée », « en cours »), a synonym of ``data/synonymes.yaml``
    (« terminée »), or a close spelling; None when nothing is close."""
    import difflib  # noqa: PLC0415  (error path only)

    if not isinstance(typed, str):
        return None
    values = vocabulary(name)
    folded = fold(typed)
    by_form = {fold(k): k for k in values} | {fold(v): k for k, v in values.items()}
    synonyms = load_data("synonymes.yaml").get(name) or {}
    by_form |= {fold(str(k)): str(v) for k, v in synonyms.items() if str(v) in values}
    if folded in by_form:
        return by_form[folded]
    close = difflib.get_close_matches(folded, list(by_form), n=1, cutoff=0.75)
    return by_form[close[0]] if close else None


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
