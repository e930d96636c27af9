"""A pytest plugin for benchmarks/suite_where.py: the CPU seconds of each test, written as one
JSON line per test to the file ``STSPD_CPU_LOG`` names (one file per test process).

For each test (setup, call and teardown): the CPU time of the test process itself, and that of
the processes it started and waited for (``RUSAGE_CHILDREN``: stspd, git, pandoc, LibreOffice
and what they waited for). A process that outlives its test (a server a session fixture
starts) is counted in the test during which it ends: the script says so beside such a test.
"""

from __future__ import annotations

import json
import os
import resource
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest

_LOG: IO[str] | None = None


def _cpu() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def pytest_configure(config: pytest.Config) -> None:
    global _LOG  # noqa: PLW0603  (one log per test process)
    folder = os.environ.get("STSPD_CPU_LOG")
    if folder and _LOG is None:
        _LOG = (Path(folder) / f"{os.getpid()}.jsonl").open("w", encoding="utf-8")


def pytest_unconfigure(config: pytest.Config) -> None:
    if _LOG is not None:
        _LOG.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    own, children = _cpu()
    start = time.perf_counter()
    yield
    own_after, children_after = _cpu()
    if _LOG is not None:
        row = {
            "test": item.nodeid,
            "self": own_after - own,
            "children": children_after - children,
            "wall": time.perf_counter() - start,
        }
        _LOG.write(json.dumps(row) + "\n")
        _LOG.flush()
