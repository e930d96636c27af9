"""The stspd/1 model without pydantic: plain records, built by the validator compiled from it.

Importing pydantic and building the model's validators costs a one-file validation most of its
time (docs/performance.md). A file that fits the model does not need them: this module reads
``data/modele-compile.json`` (:mod:`stspd_cli.model.compile`, the same checks as pydantic's core
schema), checks the data with it and builds, for each model, a record with the same fields,
values and defaults as the pydantic model would have. The semantic rules read both alike.

It only ever says yes or no. Whatever it does not accept (a structure error, a value it cannot
judge, a compiled file that does not match the sources) goes to pydantic, whose errors become
the findings, exactly as before: the fast path can change no message, position or exit code.
``tests/test_plain_model.py`` compares both on every example file and on mutated documents.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any, cast

from stspd_cli.dates import PartialDate
from stspd_cli.model.compile import FILE, FORMAT, sources_digest
from stspd_cli.model.places import ActionRef, iter_actions
from stspd_cli.resources import data_dir

if TYPE_CHECKING:
    from stspd_cli.model import Document

Check = Callable[[Any], Any]  # returns the validated value, or raises _Refused


class _Refused(Exception):
    """The value is not one the compiled model accepts as it stands: pydantic decides."""


_REFUSED = _Refused()
_MISSING = object()


class Record:
    """A model item read without pydantic: the fields of its model as attributes, immutable,
    iterated as (name, value) pairs and compared field by field, as pydantic models are."""

    __slots__ = ()
    _plain_fields: tuple[tuple[str, str], ...] = ()

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        for name, _ in self._plain_fields:
            yield name, getattr(self, name)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and all(
            getattr(self, name) == getattr(other, name) for name, _ in self._plain_fields
        )

    def __hash__(self) -> int:
        return hash((type(self).__name__, *(getattr(self, n) for n, _ in self._plain_fields)))

    def __setattr__(self, name: str, value: object) -> None:
        msg = f"{type(self).__name__} ne se modifie pas"
        raise AttributeError(msg)

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name, _ in self._plain_fields)
        return f"{type(self).__name__}({shown})"

    def model_copy(self, *, update: dict[str, Any]) -> Any:
        """A copy with the fields ``update`` names replaced, unchecked, as pydantic's
        ``model_copy(update=...)`` does (the public view, :mod:`stspd_cli.confidentiality`)."""
        copy = object.__new__(type(self))
        for name, _ in self._plain_fields:
            object.__setattr__(copy, name, update[name] if name in update else getattr(self, name))
        return copy


def _plain_iter_actions(self: Any) -> list[ActionRef]:
    return iter_actions(self)


def read_plain(data: dict[str, Any]) -> Document | None:
    """The document as plain records, or None when pydantic must judge it."""
    check = _root()
    if check is None:
        return None
    try:
        return cast("Document", check(data))
    except _Refused:
        return None
    except Exception:
        return None


@cache
def _root() -> Check | None:
    """The compiled validator, or None when the compiled file is not that of these sources."""
    try:
        compiled = json.loads((data_dir() / FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if compiled.get("format") != FORMAT or compiled.get("empreinte") != sources_digest():
        return None
    return _Builder(compiled["modeles"]).model(compiled["racine"])


class _Builder:
    """Turns the compiled nodes into checking functions, one per node, each built once."""

    def __init__(self, models: dict[str, Any]) -> None:
        self.models = models
        self.built: dict[str, Check] = {}
        self.pending: set[str] = set()

    def node(self, node: list[Any]) -> Check:
        kind = node[0]
        build: Callable[[list[Any]], Check] = getattr(self, "_" + kind)
        return build(node)

    def model(self, name: str) -> Check:
        if name not in self.built:
            if name in self.pending:  # a model met inside itself: found when called
                return lambda value: self.built[name](value)  # noqa: PLW0108  (not built yet)
            self.pending.add(name)
            self.built[name] = self._record(name, self.models[name]["champs"])
        return self.built[name]

    def _model(self, node: list[Any]) -> Check:
        return self.model(node[1])

    def _record(self, name: str, fields: list[list[Any]]) -> Check:
        names = tuple(f[0] for f in fields)
        plain = tuple((f[0], f[1]) for f in fields)
        namespace: dict[str, Any] = {"__slots__": names, "_plain_fields": plain}
        if name == "Document":
            namespace["iter_actions"] = _plain_iter_actions
        cls = type(name, (Record,), namespace)
        keys = frozenset(f[1] for f in fields)
        steps = [(f[0], f[1], self.node(f[2]), f[3] if len(f) > 3 else None) for f in fields]
        setter = object.__setattr__

        def check(value: Any) -> Any:
            if type(value) is not dict or not keys.issuperset(value):
                raise _REFUSED
            item: Any = object.__new__(cls)
            for attr, key, check_value, default in steps:
                given = value.get(key, _MISSING)
                if given is not _MISSING:
                    setter(item, attr, check_value(given))
                elif default is None:
                    raise _REFUSED  # a required field is missing
                elif "fabrique" in default:
                    setter(item, attr, [])
                else:
                    setter(item, attr, default["valeur"])
            return item

        return check

    @staticmethod
    def _str(node: list[Any]) -> Check:
        low = node[1].get("min_length", 0)
        high = node[1].get("max_length", math.inf)
        pattern = node[1].get("pattern")
        search = re.compile(pattern).search if pattern is not None else None
        return _accepting(
            lambda v: (
                type(v) is str
                and low <= len(v) <= high
                and (search is None or search(v) is not None)
            )
        )

    @staticmethod
    def _int(node: list[Any]) -> Check:
        low = node[1].get("ge", -math.inf)
        high = node[1].get("le", math.inf)
        return _accepting(lambda v: type(v) is int and low <= v <= high)

    @staticmethod
    def _bool(node: list[Any]) -> Check:
        return _accepting(lambda v: type(v) is bool)

    @staticmethod
    def _literal(node: list[Any]) -> Check:
        allowed = frozenset(node[1])
        return _accepting(lambda v: type(v) is str and v in allowed)

    @staticmethod
    def _float(node: list[Any]) -> Check:
        low = node[1].get("ge", -math.inf)
        finite = node[1]["finite"]

        def check(value: Any) -> Any:
            if type(value) is not float and type(value) is not int:
                raise _REFUSED
            number = float(value)
            if (finite and not math.isfinite(number)) or not number >= low:
                raise _REFUSED
            return number  # pydantic gives a float for an integer too

        return check

    @staticmethod
    def _date(node: list[Any]) -> Check:
        return PartialDate.parse  # raises DateError (a ValueError): pydantic then says why

    def _list(self, node: list[Any]) -> Check:
        check_item = self.node(node[1])
        low = node[2].get("min_length", 0)

        def check(value: Any) -> Any:
            if type(value) is not list or len(value) < low:
                raise _REFUSED
            return [check_item(item) for item in value]

        return check

    def _nullable(self, node: list[Any]) -> Check:
        check_value = self.node(node[1])

        def check(value: Any) -> Any:
            return None if value is None else check_value(value)

        return check

    def _union(self, node: list[Any]) -> Check:
        # The branches accept disjoint types of value (checked when compiled): the first
        # that accepts it is the one pydantic would pick.
        choices = [self.node(choice) for choice in node[1]]

        def check(value: Any) -> Any:
            for choice in choices:
                try:
                    return choice(value)
                except _Refused:
                    continue
            raise _REFUSED

        return check


def _accepting(test: Callable[[Any], bool]) -> Check:
    """A check that keeps the value as it is when ``test`` accepts it."""

    def check(value: Any) -> Any:
        if not test(value):
            raise _REFUSED
        return value

    return check
