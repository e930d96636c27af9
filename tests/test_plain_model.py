"""The validation without pydantic (stspd_cli.model.plain) against the full path (pydantic).

- The compiled model committed in the package is the one the pydantic model gives now.
- On every example file (tests/examples, strategies/, examples/), the plain path accepts exactly
  the files pydantic accepts, builds the same values, and the findings (codes, messages,
  positions, severities, paths) of ``validate`` are the same with and without it.
- The same on documents mutated at random (hypothesis): a value replaced by one of another type
  or out of bounds, a key removed or added.
"""

from __future__ import annotations

import copy
import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from example_files import EXAMPLES_DIR, TODAY
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from stspd_cli.load import Loaded, load_bytes, load_file
from stspd_cli.model import Document, actions, strategy
from stspd_cli.model import plain as plain_module
from stspd_cli.model.compile import FILE, compiled_text
from stspd_cli.model.items import fields_of, kind_of
from stspd_cli.model.references import REFERENCE_FIELDS
from stspd_cli.resources import data_dir
from stspd_cli.validate import FileResult, check_loaded

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(
    [
        *EXAMPLES_DIR.rglob("*.yaml"),
        *(ROOT / "strategies").glob("*.yaml"),
        *(ROOT / "examples").rglob("*.yaml"),
    ]
)


def test_compiled_model_is_up_to_date() -> None:
    """``make schema`` regenerates it; a stale file would only be ignored (its digest)."""
    committed = (data_dir() / FILE).read_text(encoding="utf-8")
    assert committed == compiled_text()


def test_compiled_model_is_used() -> None:
    assert plain_module._root() is not None


def test_another_pydantic_means_the_compiled_model_is_not_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The compiled checks are those of the pydantic installed when it was made: with another
    version installed, every file goes to pydantic."""
    import stspd_cli.model.compile as compile_module  # noqa: PLC0415

    monkeypatch.setattr(compile_module, "_pydantic_version_file", lambda: b"VERSION = '9.0'\n")
    plain_module._root.cache_clear()
    try:
        assert plain_module._root() is None
    finally:
        monkeypatch.undo()
        plain_module._root.cache_clear()
    assert plain_module._root() is not None


def test_reference_fields_name_fields_of_the_model() -> None:
    for model_name, field in REFERENCE_FIELDS:
        cls = getattr(strategy, model_name, None) or getattr(actions, model_name)
        assert field in cls.model_fields


def _tree(item: Any) -> Any:
    """An item as comparable data: model name and fields, values with their Python type."""
    fields = fields_of(item)
    if fields is not None:
        return (kind_of(item), tuple((key, _tree(getattr(item, name))) for name, key in fields))
    if isinstance(item, list):
        return [_tree(x) for x in item]
    return (type(item).__name__, item)


def _pydantic(data: dict[str, Any]) -> Document | None:
    try:
        return Document.model_validate(data)
    except ValidationError:
        return None


def _full_path(loaded: Loaded, patch: pytest.MonkeyPatch) -> FileResult:
    with patch.context() as inner:
        inner.setattr(plain_module, "read_plain", lambda data: None)
        return check_loaded(loaded, TODAY)


def _same(loaded: Loaded, patch: pytest.MonkeyPatch) -> None:
    if loaded.data is not None:
        plain = plain_module.read_plain(loaded.data)
        full = _pydantic(loaded.data)
        assert (plain is None) == (full is None), loaded.file
        if plain is not None:
            assert _tree(plain) == _tree(full), loaded.file
    fast = check_loaded(loaded, TODAY)
    slow = _full_path(loaded, patch)
    assert fast.findings == slow.findings, loaded.file
    assert fast.semantics_checked == slow.semantics_checked


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: str(p.relative_to(ROOT)))
def test_same_findings_on_every_example(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _same(load_file(path, path.name), monkeypatch)


def test_examples_take_both_paths() -> None:
    """The comparison above means something: valid files take the plain path, and some files
    reach the model stage and are refused by it."""
    accepted = refused = 0
    for path in EXAMPLES:
        loaded = load_file(path, path.name)
        if loaded.data is None:
            continue
        if plain_module.read_plain(loaded.data) is None:
            refused += 1
        else:
            accepted += 1
    assert accepted >= 10
    assert refused >= 10


# --- Mutated documents ------------------------------------------------------------------------

_VALID = [
    load_file(p, p.name).data
    for p in [*(ROOT / "strategies").glob("*.yaml"), *(EXAMPLES_DIR / "valides").glob("*.yaml")]
]
_BASES = [d for d in _VALID if d is not None and _pydantic(d) is not None]
_VALUES = st.sampled_from(
    [
        None,
        "",
        " ",
        "x",
        "Texte libre",
        "ville-lille",
        "Ville-Lille",
        "a" * 81,
        "snpd-2020-2024/axe-1",
        "https://www.lille.fr",
        "javascript:alert(1)",
        "stspd/1",
        "stspd/2",
        "publique",
        "restreinte",
        "en_cours",
        "realisee",
        "CLSPD",
        "feminin",
        "2026-09",
        "2026-09-30",
        "2026-13-01",
        "2026-09-30T10:00",
        "2026-09-30 00:00",
        "31/12/2026",
        0,
        -1,
        1,
        2,
        100,
        101,
        1899,
        2021,
        9999,
        10000,
        10**20,
        0.0,
        -0.5,
        1.5,
        2021.0,
        math.inf,
        -math.inf,
        math.nan,
        True,
        False,
        [],
        ["x"],
        ["ville-lille", "ville-lille"],
        [1],
        [None],
        {},
        {"x": 1},
        {"singulier": "Chantier", "genre": "masculin"},
        {"singulier": "Mesure", "pluriel": "Mesures", "genre": "feminin"},
        {"id": "a", "titre": "T"},
        {"nom": "N", "id": "x"},
        {"date": 2021},
    ]
)


def _places(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _places(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _places(value, (*path, i))


def _node(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


@st.composite
def _mutated(draw: st.DrawFn) -> dict[str, Any]:
    data: dict[str, Any] = copy.deepcopy(draw(st.sampled_from(_BASES)))
    for _ in range(draw(st.integers(1, 3))):
        places = [p for p in _places(data) if p]
        path = draw(st.sampled_from(places))
        parent = _node(data, path[:-1])
        action = draw(st.sampled_from(["replace", "replace", "delete", "add"]))
        if action == "replace":
            parent[path[-1]] = copy.deepcopy(draw(_VALUES))
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            key = draw(st.sampled_from(["inconnue", "id", "titre", "nom", "pilote", "date"]))
            parent[key] = copy.deepcopy(draw(_VALUES))
        else:
            parent.append(copy.deepcopy(draw(_VALUES)))
    return data


def _as_text(data: dict[str, Any]) -> bytes:
    """The data written as YAML (JSON is YAML), ``schema`` first as a strategy starts."""
    ordered = {"schema": data.pop("schema")} if "schema" in data else {}
    ordered.update(data)
    text = json.dumps(ordered, ensure_ascii=False, indent=1, allow_nan=True)
    text = text.replace("NaN", ".nan").replace("-Infinity", "-.inf").replace("Infinity", ".inf")
    return text.encode("utf-8")


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=_mutated())
def test_same_on_mutated_documents(data: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    _same(load_bytes(_as_text(data), "mutation.yaml"), monkeypatch)
