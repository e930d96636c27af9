"""The committed JSON Schema is current, valid, and agrees with the model on real files.

An independent validator (jsonschema) checks the data, so that editors that rely on the schema
(VS Code with the YAML extension) accept and refuse what `stspd validate` accepts and refuses.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from example_files import INVALID_DIR, VALID_DIR, example_files, expected_findings

# jsonschema ships no type information (no py.typed marker, no stubs in the constraints).
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]

from stspd_cli.load import load_file
from stspd_cli.schema import COMMITTED_PATH, SCHEMA_DIALECT, json_schema, json_schema_text

ROOT = Path(__file__).parents[1]
REAL_FILES = sorted((ROOT / "strategies").glob("*.yaml")) + sorted(
    (ROOT / "examples").glob("*.yaml")
)
MODEL_CODES = {f"M{n:03d}" for n in range(1, 10)}


@pytest.fixture(scope="module")
def validator() -> Any:
    schema = json.loads((ROOT / COMMITTED_PATH).read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _json_data(path: Path) -> dict[str, Any]:
    """The file as JSON would carry it (YAML dates are already text in stspd's reader)."""
    loaded = load_file(path)
    assert loaded.data is not None, [f.message for f in loaded.findings]
    data = json.loads(json.dumps(loaded.data, ensure_ascii=False, allow_nan=False))
    assert isinstance(data, dict)
    return data


def _minimal() -> dict[str, Any]:
    return _json_data(VALID_DIR / "minimal.yaml")


def _kinds(validator: Any, data: dict[str, Any]) -> set[str]:
    """The JSON Schema keywords that fail, including inside anyOf branches."""
    kinds: set[str] = set()
    stack = list(validator.iter_errors(data))
    while stack:
        error = stack.pop()
        kinds.add(error.validator)
        stack.extend(error.context or [])
    return kinds


def test_committed_schema_is_current() -> None:
    committed = (ROOT / COMMITTED_PATH).read_text(encoding="utf-8")
    assert committed == json_schema_text(), f"{COMMITTED_PATH} est périmé : lancez `make schema`"


def test_schema_is_valid_draft_2020_12() -> None:
    schema = json_schema()
    assert schema["$schema"] == SCHEMA_DIALECT
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", REAL_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_real_strategies_are_accepted(validator: Any, path: Path) -> None:
    errors = [
        f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(_json_data(path))
    ]
    assert errors == []


def _loadable_examples() -> list[Path]:
    paths = example_files(VALID_DIR) + example_files(INVALID_DIR)
    return [p for p in paths if not any(c.startswith("S") for _, _, c in expected_findings(p))]


@pytest.mark.parametrize("path", _loadable_examples(), ids=lambda p: p.name)
def test_schema_and_model_agree_on_examples(validator: Any, path: Path) -> None:
    """A file the model refuses (M codes) is refused by the schema; any other is accepted."""
    model_refuses = any(code in MODEL_CODES for _, _, code in expected_findings(path))
    schema_refuses = any(True for _ in validator.iter_errors(_json_data(path)))
    assert schema_refuses == model_refuses


@pytest.mark.parametrize(
    ("where", "key"),
    [((), "auteur"), (("territoire",), "commune"), (("strategie",), "periode_debut")],
)
def test_unknown_keys_are_refused(validator: Any, where: tuple[str, ...], key: str) -> None:
    data = _minimal()
    node = data
    for part in where:
        node = node[part]
    node[key] = "x"
    assert _kinds(validator, data) == {"additionalProperties"}


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("territoire", "instance"), "CLSP"),
        (("territoire", "instance"), "clspd"),
        (("strategie", "numerotation"), "continue"),
        (("schema",), "stspd/2"),
    ],
)
def test_values_outside_vocabularies_are_refused(
    validator: Any, path: tuple[str, ...], value: str
) -> None:
    data = _minimal()
    node = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    assert _kinds(validator, data) & {"enum", "const"}


@pytest.mark.parametrize(
    "path", [("schema",), ("territoire",), ("strategie",), ("territoire", "instance")]
)
def test_missing_required_fields_are_refused(validator: Any, path: tuple[str, ...]) -> None:
    data = copy.deepcopy(_minimal())
    node = data
    for part in path[:-1]:
        node = node[part]
    del node[path[-1]]
    assert "required" in _kinds(validator, data)


def test_impossible_dates_are_refused(validator: Any) -> None:
    data = _minimal()
    for impossible in ("2017-02-30", "2026-04-31", "2026-13-01"):
        data["strategie"]["periode"] = {"debut": impossible, "fin": "2020-12-31"}
        assert "pattern" in _kinds(validator, data), impossible


# --- As editors show it (yaml-language-server; scripts/editor_check.py asks the real one) ----


def _fields() -> list[tuple[str, str, dict[str, Any]]]:
    schema = json_schema()
    holders = [("Document", schema), *schema["$defs"].items()]
    return [(n, k, p) for n, h in holders for k, p in h.get("properties", {}).items()]


def test_one_title_per_field() -> None:
    """An ``anyOf`` of plain types shows the field's title once per branch (« Statut ||
    Statut »): only branches an editor cannot merge (a section or null, text or details) stay."""
    for name, key, prop in _fields():
        branches = prop.get("anyOf")
        if branches is not None:
            assert any("$ref" in b for b in branches), f"{name}.{key} : {branches}"


def test_examples_are_given_once() -> None:
    for name, key, prop in _fields():
        if "examples" not in prop:
            continue
        inner = [*prop.get("anyOf", []), prop.get("items", {})]
        assert not any("examples" in b for b in inner), f"{name}.{key} : exemples en double"


def test_every_value_of_a_closed_list_is_described() -> None:
    for name, key, prop in _fields():
        for schema in [prop, prop.get("items", {})]:
            if "enum" in schema:
                words = schema.get("markdownEnumDescriptions")
                assert words, f"{name}.{key} : valeurs sans description"
                assert len(words) == len(schema["enum"]), f"{name}.{key}"


ACTOR_REFERENCES = {
    ("Action", "pilote"),
    ("Action", "copilotes"),
    ("Action", "partenaires"),
    ("Plan", "pilote"),
    ("GroupeTravail", "pilote"),
    ("GroupeTravail", "membres"),
    ("InstanceGouvernance", "membres"),
    ("Gouvernance", "president"),
    ("Gouvernance", "membres"),
    ("Contact", "acteur"),
    ("Signataire", "acteur"),
    ("Repartition", "acteurs"),
}


def test_examples_fit_their_field() -> None:
    """A pilote suggests an actor's identifier, not an action's; dates keep their precision."""
    actors = {"ville-lille", "prefecture", "police-nationale", "bailleur-social"}
    fields = {(n, k): p for n, k, p in _fields()}
    for place in ACTOR_REFERENCES:
        examples = fields[place]["examples"]
        values = {v for e in examples for v in (e if isinstance(e, list) else [e])}
        known = {"education-nationale", "conseil-departemental", *actors}
        assert values <= known, f"{place} : {values}"
    actions = {
        e for (n, k), p in fields.items() if (n, k) == ("Action", "id") for e in p["examples"]
    }
    for place, prop in fields.items():
        if place[1] != "id" and prop.get("examples"):
            assert not actions & set(map(str, prop["examples"])), place


def test_merged_fields_accept_what_the_model_accepts(validator: Any) -> None:
    """One schema for a date at three precisions, or a value or null: the same values pass."""
    base = load_file(VALID_DIR / "minimal.yaml").data
    assert base is not None
    for value, accepted in [
        (2026, True),
        ("2026-09", True),
        ("2026-09-30", True),
        ("2024-02-29", True),
        (None, True),
        ("2026-13", False),
        ("2026-09-31", False),
        ("30/09/2026", False),
        (1850, False),
        (2026.5, False),
        ("", False),
    ]:
        data = copy.deepcopy(base)
        action: dict[str, object] = {"id": "a", "titre": "A", "calendrier": {"echeance": value}}
        data["actions"] = [action]
        errors = list(validator.iter_errors(data))
        assert (not errors) is accepted, (value, errors[:1])
        action["statut"] = value
        refused = bool(list(validator.iter_errors(data)))
        assert refused is (value is not None), value  # a status: only null of these values
