"""Structured fuzzing: valid strategies with random values swapped in at random places.

Arbitrary bytes rarely get past the YAML parser (see test_yamlparse.py); these documents do, so
they exercise the model's error translation and the semantic rules. Whatever the document,
validation returns findings with a French message and a position inside the file, never raises.
"""

from __future__ import annotations

import copy
import io
import os
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from stspd_cli.load import load_bytes, load_file
from stspd_cli.validate import check_loaded

ROOT = Path(__file__).parent.parent
SOURCES = [ROOT / "examples" / "demo-fictive.yaml", *sorted((ROOT / "strategies").glob("*.yaml"))]
BASES = [load_file(p).data for p in SOURCES]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["oui", "non", "2017-02-30", "2017-06-27", "en_cours", "snpd-2020-2024/axe-9"]),
    st.dates().map(date.isoformat),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


def _places(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(node, dict):
        for key, child in node.items():
            found += _places(child, (*path, key))
    elif isinstance(node, list):
        for i, child in enumerate(node):
            found += _places(child, (*path, i))
    return found


def _set(root: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    parent = root
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = value
    return root


# STSPD_FUZZ_EXAMPLES raises the count for a long fuzzing session (docs/fuzzing.md).
@settings(
    max_examples=int(os.environ.get("STSPD_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.data())
def test_mutated_strategies_never_crash_validation(data: st.DataObject) -> None:
    base = data.draw(st.sampled_from(BASES))
    doc = copy.deepcopy(base)
    places = _places(doc)
    for _ in range(data.draw(st.integers(min_value=1, max_value=4))):
        path = data.draw(st.sampled_from(places))
        doc = _set(doc, path, data.draw(values))
        places = _places(doc)
    stream = io.StringIO()
    # libyaml's emitter (ruamel's C extension): the same data as the pure-Python one writes,
    # folded at other places, four times faster.
    YAML(typ="safe").dump(doc, stream)
    text = stream.getvalue().encode("utf-8")
    result = check_loaded(load_bytes(text, "fuzz.yaml"), date(2026, 1, 15))
    lines = text.count(b"\n") + 1
    for finding in result.findings:
        assert finding.message
        assert 0 <= finding.line <= lines
