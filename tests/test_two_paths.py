"""The fast read-only path (libyaml events) and the round-trip path (ruamel.yaml, used by the
commands that write) see the same document at the same places: same findings from both."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from stspd_cli.findings import Path_
from stspd_cli.load import Loaded, load_file
from stspd_cli.positions import Positions
from stspd_cli.roundtrip import yaml_rt
from stspd_cli.validate import check_loaded

ROOT = Path(__file__).parent.parent
FILES = sorted(
    [
        *(ROOT / "tests" / "examples").glob("*/*.yaml"),
        *(ROOT / "strategies").glob("*.yaml"),
        *(ROOT / "examples").glob("*.yaml"),
    ]
)
TODAY = date(2026, 1, 15)


def _plain(node: Any, path: Path_, positions: Positions) -> Any:
    """ruamel's tree as plain data, recording where each key and value starts."""
    if isinstance(node, CommentedMap):
        result = {}
        for key, value in node.items():
            child = (*path, str(key))
            line, column = node.lc.key(key)
            positions.keys[child] = (line, column)
            positions.values[child] = node.lc.value(key)
            result[str(key)] = _plain(value, child, positions)
        return result
    if isinstance(node, CommentedSeq):
        items = []
        for i, value in enumerate(node):
            child = (*path, i)
            positions.values[child] = node.lc.item(i)
            items.append(_plain(value, child, positions))
        return items
    if isinstance(node, datetime | date):
        return node.isoformat()  # the fast path keeps dates as text until the model reads them
    if isinstance(node, str):
        return str(node)
    return node


def _round_trip(path: Path, fast: Loaded) -> Loaded:
    text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    tree = yaml_rt().load(text)
    positions = Positions()
    data = _plain(tree, (), positions)
    positions.values[()] = (tree.lc.line, tree.lc.col)
    return Loaded(file=fast.file, data=data, positions=positions, text=fast.text)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_same_findings_from_both_paths(path: Path) -> None:
    fast = load_file(path, path.name)
    if fast.data is None or fast.findings:
        pytest.skip("fichier que la lecture YAML refuse : la comparaison porte sur le modèle")
    try:
        slow = _round_trip(path, fast)
    except ValueError:
        pytest.skip("date impossible : ruamel refuse de la construire (stspd la signale, M005)")
    expected = [(f.line, f.column, f.code) for f in check_loaded(fast, TODAY).findings]
    found = [(f.line, f.column, f.code) for f in check_loaded(slow, TODAY).findings]
    assert sorted(found) == sorted(expected)
