"""Everything a template can reach, walked attribute by attribute as the sandbox allows it."""

from __future__ import annotations

import types
from collections import deque
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path, PurePath
from typing import Any

from jinja2 import Undefined
from jinja2.filters import FILTERS as DEFAULT_FILTERS
from jinja2.sandbox import modifies_known_mutable
from jinja2.tests import TESTS as DEFAULT_TESTS
from markupsafe import Markup

from stspd_cli.render.context import build_context
from stspd_cli.render.environment import FILTERS, build_environment

from .support import DEMO, LOOS, document

# Plain values: their methods compute new values and touch nothing else.
VALUES = (str, bytes, int, float, bool, list, dict, tuple, frozenset, date, timedelta, Markup)
LIMIT = 100_000
SCALARS = (str, bytes, int, float, bool, date, timedelta)
# The classes Jinja gives every template; they are called, nothing is read from them.
GLOBAL_CLASSES = {"dict", "cycler", "joiner", "namespace"}


def _reachable(roots: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    env = build_environment()
    seen: dict[int, Any] = {}  # the objects too, so that no id is reused
    walked_scalars: set[type] = set()
    queue = deque(roots.items())
    while queue:
        path, obj = queue.popleft()
        # A document has a few thousand objects; an endless chain is a defect, not a hang.
        assert len(seen) < LIMIT, path
        if id(obj) in seen:
            continue
        seen[id(obj)] = obj
        yield path, obj
        # A plain value's attributes are the same for all of its type (and 0.0.imag is a new
        # 0.0 each time): one of each type is walked.
        if isinstance(obj, SCALARS):
            if type(obj) in walked_scalars:
                continue
            walked_scalars.add(type(obj))
        if isinstance(obj, list | tuple):
            queue.extend((f"{path}[{i}]", v) for i, v in enumerate(obj))
        elif isinstance(obj, dict):
            queue.extend((f"{path}[{k!r}]", v) for k, v in obj.items())
        for attr in dir(obj):
            value = env.getattr(obj, attr)
            if not isinstance(value, Undefined):
                queue.append((f"{path}.{attr}", value))


def _harmless(fn: Any) -> bool:
    if fn in (str.maketrans, bytes.maketrans):  # static: a translation table from strings
        return True
    owner = getattr(fn, "__self__", None)
    if isinstance(owner, type):  # date.today, int.from_bytes, PartialDate.parse...
        return owner in VALUES or owner.__module__.startswith("stspd_cli.")
    if isinstance(owner, VALUES):
        return not modifies_known_mutable(owner, fn.__name__)
    if owner is not None:  # a method of one of stspd's objects, written in stspd
        return str(getattr(fn.__func__, "__module__", "")).startswith("stspd_cli.")
    code = getattr(fn, "__code__", None)
    if code is not None and Path(code.co_filename).match("jinja2/sandbox.py"):
        return True  # the sandbox's own str.format
    return str(getattr(fn, "__module__", "")).startswith(("stspd_cli.", "jinja2."))


def test_templates_reach_no_python_internals_no_file_and_no_model_method() -> None:
    env = build_environment()
    for source in (DEMO, LOOS):
        ctx = build_context(document(source), interne=True)
        roots = {"ctx": ctx, **env.globals}
        reached = list(_reachable(roots))
        assert len(reached) > 1000  # the whole document is walked
        bad = [
            path
            for path, obj in reached
            if isinstance(obj, PurePath | types.ModuleType | types.FrameType | types.CodeType)
            or (isinstance(obj, type) and path not in GLOBAL_CLASSES)
            or (callable(obj) and not isinstance(obj, type) and not _harmless(obj))
        ]
        assert bad == []


def test_filters_and_globals_are_stspd_s_or_jinja_s() -> None:
    """Jinja's own filters (written for its sandbox), stspd's, and no other."""
    env = build_environment()
    assert env.filters == {**DEFAULT_FILTERS, **FILTERS}
    assert env.tests == DEFAULT_TESTS
    expected = {*GLOBAL_CLASSES, "range", "nbsp", "nnbsp", "md_macro", "asset", "logo"}
    assert set(env.globals) == expected
