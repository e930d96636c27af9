"""The stspd/1 model compiled to data: what :mod:`stspd_cli.model.plain` validates with.

pydantic turns the model classes into a core schema, the tree of validators its Rust core runs.
This module reads that tree and writes down, as JSON, the few kinds of node the model uses
(strict texts with their length and pattern, strict numbers with their bounds, booleans, closed
lists, dates, lists, optional values, unions and models with their fields and defaults). Any
other kind of node, option or configuration stops the compilation with an error: the data file
never says less than pydantic checks. ``make schema`` writes it to ``data/modele-compile.json``;
``tests/test_plain_model.py`` checks that the committed file is the one the model gives.

The file records a digest of the sources it was compiled from (:func:`sources_digest`):
:mod:`stspd_cli.model.plain` uses it only while they are unchanged, and falls back to pydantic
otherwise (an edited model in a working copy is never judged by a stale file).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from stspd_cli.resources import data_dir

FORMAT = "stspd-modele-compile/1"
FILE = "modele-compile.json"
# The files whose content decides the core schema: the model, its field types, dates and the
# closed vocabularies (their values become literal lists).
SOURCES = (
    "model/types.py",
    "model/strategy.py",
    "model/actions.py",
    "dates.py",
    "vocabulary.py",
    "data/vocabulaires.yaml",
)
_CONFIG = {"extra_fields_behavior": "forbid", "regex_engine": "python-re"}
_DATE_VALIDATOR = "PartialDate.__get_pydantic_core_schema__.<locals>.validate"
# The Python types of the values each kind of node accepts (the YAML loader gives only these):
# the branches of a union must accept disjoint ones, so that trying them in order is exact.
_ACCEPTS = {
    "str": {"str"},
    "literal": {"str"},
    "int": {"int"},
    "float": {"int", "float"},
    "bool": {"bool"},
    "date": {"int", "str"},
    "list": {"list"},
    "model": {"dict"},
}


class CompileError(Exception):
    """A part of the core schema that the plain validator does not know."""


def sources_digest() -> str:
    """SHA-256 of the sources the compiled file depends on, as the package holds them now."""
    package = data_dir().parent
    digest = hashlib.sha256()
    for name in SOURCES:
        digest.update(name.encode() + b"\0" + (package / name).read_bytes() + b"\0")
    # The validation rules are those of the pydantic installed: another version, another
    # compiled file (found without importing pydantic, which the fast path exists to avoid).
    digest.update(b"pydantic\0" + _pydantic_version_file() + b"\0")
    return digest.hexdigest()


def _pydantic_version_file() -> bytes:
    from importlib.util import find_spec  # noqa: PLC0415
    from pathlib import Path  # noqa: PLC0415

    spec = find_spec("pydantic")
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    try:
        return (Path(locations[0]) / "version.py").read_bytes()
    except (IndexError, OSError):
        return b"?"


def compile_model() -> dict[str, Any]:
    """The compiled form of :class:`stspd_cli.model.Document`, as JSON-ready data."""
    from stspd_cli.model import Document  # noqa: PLC0415

    Document.model_rebuild()
    schema: dict[str, Any] = dict(Document.__pydantic_core_schema__)
    compiler = _Compiler(schema.get("definitions", []) if schema["type"] == "definitions" else [])
    root = compiler.node(schema["schema"] if schema["type"] == "definitions" else schema)
    if root != ["model", "Document"]:
        msg = f"racine inattendue : {root}"
        raise CompileError(msg)
    return {
        "_": (
            "Le modèle stspd/1 compilé depuis le schéma de pydantic (stspd_cli/model/compile.py) "
            "pour la validation sans pydantic (stspd_cli/model/plain.py). Ne pas modifier à la "
            "main : make schema le régénère ; utilisé seulement tant que les sources n'ont pas "
            "changé (empreinte)."
        ),
        "format": FORMAT,
        "empreinte": sources_digest(),
        "racine": "Document",
        "modeles": compiler.models,
    }


def compiled_text() -> str:
    """The file's text: one field a line, so that a change of the model reads as a diff."""
    compiled = compile_model()
    head = {k: v for k, v in compiled.items() if k != "modeles"}
    lines = ["{", *(f" {_dumps(k)}: {_dumps(v)}," for k, v in head.items()), ' "modeles": {']
    models = list(compiled["modeles"].items())
    for n, (name, model) in enumerate(models):
        lines.append(f'  {_dumps(name)}: {{"champs": [')
        fields = [f"   {_dumps(f)}" for f in model["champs"]]
        lines.append(",\n".join(fields))
        lines.append("  ]}" + ("," if n < len(models) - 1 else ""))
    lines += [" }", "}"]
    return "\n".join(lines) + "\n"


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


class _Compiler:
    def __init__(self, definitions: list[dict[str, Any]]) -> None:
        self.definitions = {d["ref"]: d for d in definitions}
        self.models: dict[str, Any] = {}
        self.classes: dict[str, type] = {}

    def node(self, schema: dict[str, Any]) -> list[Any]:
        kind = schema["type"]
        handler = getattr(self, "_" + kind.replace("-", "_"), None)
        if handler is None:
            msg = f"nœud de schéma inconnu : {kind}"
            raise CompileError(msg)
        result: list[Any] = handler(schema)
        return result

    @staticmethod
    def _only(schema: dict[str, Any], allowed: set[str]) -> None:
        extra = set(schema) - allowed - {"type", "metadata", "ref", "serialization"}
        if extra:
            msg = f"options inconnues de {schema['type']} : {sorted(extra)}"
            raise CompileError(msg)

    def _definition_ref(self, schema: dict[str, Any]) -> list[Any]:
        self._only(schema, {"schema_ref"})
        return self.node(self.definitions[schema["schema_ref"]])

    def _model(self, schema: dict[str, Any]) -> list[Any]:
        self._only(schema, {"cls", "schema", "custom_init", "root_model", "config"})
        cls = schema["cls"]
        name = cls.__name__
        if schema.get("custom_init") or schema.get("root_model"):
            msg = f"{name} : __init__ propre ou modèle racine"
            raise CompileError(msg)
        config = {k: v for k, v in schema.get("config", {}).items() if k != "title"}
        if config != _CONFIG:
            msg = f"{name} : configuration non prise en charge {config}"
            raise CompileError(msg)
        known = self.classes.get(name)
        if known is not None:
            if known is not cls:
                msg = f"deux modèles s'appellent {name}"
                raise CompileError(msg)
            return ["model", name]
        self.classes[name] = cls
        self.models[name] = None  # reserved: a model met again inside itself is a reference
        fields = schema["schema"]
        self._only(fields, {"fields", "computed_fields", "model_name"})
        if fields.get("computed_fields"):
            msg = f"{name} : champs calculés"
            raise CompileError(msg)
        self.models[name] = {
            "champs": [self._field(fname, f) for fname, f in fields["fields"].items()]
        }
        return ["model", name]

    def _field(self, name: str, schema: dict[str, Any]) -> list[Any]:
        self._only(schema, {"schema", "validation_alias", "serialization_alias"})
        key = schema.get("validation_alias", name)
        if not isinstance(key, str):
            msg = f"{name} : alias de validation composé"
            raise CompileError(msg)
        inner = schema["schema"]
        if inner["type"] != "default":
            return [name, key, self.node(inner)]
        self._only(inner, {"schema", "default", "default_factory", "default_factory_takes_data"})
        if "default_factory" in inner:
            if inner["default_factory"] is not list or inner.get("default_factory_takes_data"):
                msg = f"{name} : fabrique de valeur par défaut autre que list"
                raise CompileError(msg)
            default: dict[str, Any] = {"fabrique": "list"}
        else:
            value = inner["default"]
            if value is not None and not isinstance(value, str | int | float | bool):
                msg = f"{name} : valeur par défaut {value!r}"
                raise CompileError(msg)
            default = {"valeur": value}
        return [name, key, self.node(inner["schema"]), default]

    def _str(self, schema: dict[str, Any]) -> list[Any]:
        self._only(schema, {"strict", "min_length", "max_length", "pattern"})
        self._strict(schema)
        limits = {k: schema[k] for k in ("min_length", "max_length", "pattern") if k in schema}
        return ["str", limits]

    def _int(self, schema: dict[str, Any]) -> list[Any]:
        self._only(schema, {"strict", "ge", "le"})
        self._strict(schema)
        return ["int", {k: schema[k] for k in ("ge", "le") if k in schema}]

    def _float(self, schema: dict[str, Any]) -> list[Any]:
        self._only(schema, {"strict", "ge", "allow_inf_nan"})
        self._strict(schema)
        limits: dict[str, Any] = {k: schema[k] for k in ("ge",) if k in schema}
        limits["finite"] = not schema.get("allow_inf_nan", True)
        return ["float", limits]

    def _bool(self, schema: dict[str, Any]) -> list[Any]:
        self._only(schema, {"strict"})
        self._strict(schema)
        return ["bool"]

    @staticmethod
    def _strict(schema: dict[str, Any]) -> None:
        if schema.get("strict") is not True:
            msg = f"{schema['type']} non strict"
            raise CompileError(msg)

    def _literal(self, schema: dict[str, Any]) -> list[Any]:
        self._only(schema, {"expected"})
        expected = list(schema["expected"])
        if not all(isinstance(v, str) for v in expected):
            msg = f"liste fermée non textuelle : {expected}"
            raise CompileError(msg)
        return ["literal", expected]

    def _function_plain(self, schema: dict[str, Any]) -> list[Any]:
        self._only(schema, {"function", "when_used"})
        function = schema["function"]
        if function.get("type") != "no-info" or function["function"].__qualname__ != (
            _DATE_VALIDATOR
        ):
            msg = f"validateur inconnu : {function['function'].__qualname__}"
            raise CompileError(msg)
        return ["date"]

    def _list(self, schema: dict[str, Any]) -> list[Any]:
        self._only(schema, {"items_schema", "min_length"})
        limits = {k: schema[k] for k in ("min_length",) if k in schema}
        return ["list", self.node(schema["items_schema"]), limits]

    def _nullable(self, schema: dict[str, Any]) -> list[Any]:
        self._only(schema, {"schema"})
        return ["nullable", self.node(schema["schema"])]

    def _union(self, schema: dict[str, Any]) -> list[Any]:
        self._only(schema, {"choices"})
        choices = []
        for choice in schema["choices"]:
            # A choice may come with its label: (schema, label).
            choices.append(self.node(choice[0] if isinstance(choice, tuple) else choice))
        seen: set[str] = set()
        for choice in choices:
            accepted = _ACCEPTS[choice[0]]
            if seen & accepted:
                msg = f"union dont les branches acceptent les mêmes types : {choices}"
                raise CompileError(msg)
            seen |= accepted
        return ["union", choices]
