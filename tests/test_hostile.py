"""Hostile shapes (tests/hostile_shapes.py) are read in bounded time and memory.

Each shape runs as a whole `stspd validate` process, as in CI: its peak resident memory is
measured by the kernel (wait4), its findings read from the JSON output. The time bound is
generous (it catches a hang or a quadratic check, not a slow machine); the figures themselves
are measured by benchmarks/hostile.py.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import pytest
from hostile_shapes import SHAPES, run_measured, write_shape
from hypothesis import given, settings
from hypothesis import strategies as st

from stspd_cli.checks import privacy
from stspd_cli.load import MAX_FINDINGS

SECONDS = 20  # a generous bound: each shape takes well under a second
HANG = 120  # past this, the process is killed and the test fails
MAX_RSS_MIB = 256  # whole process, Python and its modules included (about 40 MiB idle)


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_hostile_shape_is_read_in_bounded_time_and_memory(name: str, tmp_path: Path) -> None:
    path = write_shape(name, tmp_path)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}
    command = [sys.executable, "-m", "stspd_cli", "validate", "--no-cache", "-f", "json", str(path)]
    out = tmp_path / "sortie.json"
    done = run_measured(command, stdout=out, env=env, timeout=HANG)
    assert done.code is not None, f"{name} : toujours en cours après {HANG} s"
    shape = SHAPES[name]
    findings = json.loads(out.read_text(encoding="utf-8"))["findings"]
    assert done.code == (1 if shape.codes else 0)
    assert {f["code"] for f in findings} == set(shape.codes)
    assert len(findings) <= MAX_FINDINGS + 1
    assert done.seconds < SECONDS, f"{name} : {done.seconds:.1f} s"
    assert done.peak_mib < MAX_RSS_MIB, f"{name} : {done.peak_mib:.0f} Mio"


# The e-mail pattern before issue 13: the same matches, but searched again from each character of
# a long text without « @ » (quadratic).
_UNANCHORED = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab1_é.+-@ \n", max_size=60))
def test_email_search_finds_what_the_unanchored_pattern_found(text: str) -> None:
    old, new = _UNANCHORED.search(text), privacy._EMAIL.search(text)
    assert (old and (old.span(), old.group())) == (new and (new.span(), new.group()))
