"""The sandbox every template renders in: a template lays data out, it never runs Python.

A commune's templates may come from a cloned repository (its ``stspd.toml`` selects them), so
they are data, not code. Jinja's immutable sandbox already refuses private and internal
attributes (``__class__``, ``__globals__``, ``mro``...) and any call that changes a list or a
dictionary. On top of it:

- the models of the strategy (pydantic) show their fields and the properties stspd defines,
  never pydantic's own methods (``parse_file`` reads a file, ``model_fields`` leads to classes);
- no class and no module is ever handed to a template, and the classes it may call (``dict``,
  ``cycler``, ``joiner``, ``namespace``) show no attribute: nothing leads back to Python;
- ``range`` keeps Jinja's bound, and ``lipsum`` (unbounded, useless here) is gone;
- each refusal, and each name a template uses that does not exist, is a French message.
"""

from __future__ import annotations

import types
from typing import TYPE_CHECKING, Any

from jinja2 import StrictUndefined, Undefined
from jinja2.exceptions import SecurityError, TemplateSyntaxError
from jinja2.sandbox import (
    MAX_RANGE,
    ImmutableSandboxedEnvironment,
    is_internal_attribute,
    modifies_known_mutable,
)
from jinja2.utils import missing as _MISSING
from pydantic import BaseModel

if TYPE_CHECKING:
    from jinja2.runtime import Context

PACKAGE = "stspd_cli."


def _defined_by_stspd(cls: type, attr: str) -> bool:
    """``attr`` is defined by one of stspd's own classes (a property of a model)."""
    for klass in cls.__mro__:
        if klass is BaseModel:
            return False
        if attr in vars(klass) and klass.__module__.startswith(PACKAGE):
            return True
    return False


def _model_attribute(cls: type[BaseModel], attr: str) -> bool:
    return attr in cls.model_fields or _defined_by_stspd(cls, attr)


# Decisions taken, by type and name; bounded, as a template can make up names (``attr``).
_DECIDED: dict[tuple[type, str], bool] = {}
MAX_DECISIONS = 10_000


def refused(obj: Any, attr: str) -> bool:
    """A template may not read ``attr`` of ``obj``. Jinja's rules and stspd's depend on the
    object's type and the name only: decided once per pair, and before anything is read
    (Jinja itself reads first, and reading a generator's ``gi_frame`` or some of pydantic's
    attributes already has effects: an audit event, a warning)."""
    key = (type(obj), attr)
    decided = _DECIDED.get(key)
    if decided is None:
        if len(_DECIDED) >= MAX_DECISIONS:
            _DECIDED.clear()
        decided = _DECIDED[key] = (
            attr.startswith("_")
            # Nothing read from a class: ``dict.clear(x)`` would empty any dictionary.
            or isinstance(obj, type)
            or is_internal_attribute(obj, attr)
            or modifies_known_mutable(obj, attr)
            # A model's own methods (pydantic's), not its fields.
            or (
                isinstance(obj, BaseModel)
                and hasattr(type(obj), attr)
                and not _model_attribute(type(obj), attr)
            )
        )
    return decided


def _bounded_range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        msg = f"range() de {len(numbers)} éléments refusé dans un modèle (au plus {MAX_RANGE})"
        raise SecurityError(msg)
    return numbers


class FrenchUndefined(StrictUndefined):
    """A name or an attribute that does not exist fails the rendering, in French."""

    __slots__ = ()

    @property
    def _undefined_message(self) -> str:
        name = self._undefined_name
        if self._undefined_hint:
            return self._undefined_hint
        if self._undefined_obj is _MISSING:
            return f"« {name} » n'est pas défini"
        kind = type(self._undefined_obj).__name__
        if not isinstance(name, str):
            return f"pas d'élément {name!r} dans cet objet {kind}"
        return f"pas d'attribut « {name} » dans cet objet {kind}"


class Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, stricter about what the objects of stspd expose."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.globals["range"] = _bounded_range
        self.globals.pop("lipsum", None)

    def compile(self, *args: Any, **kwargs: Any) -> Any:
        """Jinja's compilation, which recurses once per nesting level of a template and writes
        Python indented as deep: a template nested deeper than Python's stack or its
        indentation limit (100 levels) allows is refused, not a crash."""
        try:
            return super().compile(*args, **kwargs)
        except (RecursionError, SyntaxError):
            # Jinja's loaders pass (source, name, filename) by position.
            name, filename = (*args[1:3], None, None)[:2]
            msg = "modèle trop imbriqué pour être lu (blocs, parenthèses ou listes)"
            raise TemplateSyntaxError(msg, 1, name, filename) from None

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        # No class and no module handed out: from one, everything in Python is reachable.
        return not refused(obj, attr) and not isinstance(value, (type, types.ModuleType))

    def getattr(self, obj: Any, attribute: str) -> Any:
        """Jinja's sandboxed attribute lookup, with the decision taken before reading."""
        if isinstance(obj, Undefined):  # fails with its own message, whatever is read
            return super().getattr(obj, attribute)
        if refused(obj, attribute):
            return self.unsafe_undefined(obj, attribute)
        try:
            value = getattr(obj, attribute)
        except AttributeError:
            try:
                return obj[attribute]  # a dictionary's key
            except (TypeError, LookupError):
                return self.undefined(obj=obj, name=attribute)
        wrapped = self.wrap_str_format(value)  # str.format, sandboxed
        if wrapped is not None:
            return wrapped
        if isinstance(value, (type, types.ModuleType)):
            return self.unsafe_undefined(obj, attribute)
        return value

    def getitem(self, obj: Any, argument: Any) -> Any:
        if isinstance(argument, str) and refused(obj, argument):
            try:
                return obj[argument]  # a dictionary's key
            except (TypeError, LookupError):
                return self.unsafe_undefined(obj, argument)
        return super().getitem(obj, argument)

    def unsafe_undefined(self, obj: Any, attribute: str) -> Undefined:
        kind = type(obj).__name__
        if modifies_known_mutable(obj, attribute):
            hint = (
                f"modification refusée : « {attribute} » sur un objet {kind} ; un modèle ne "
                "change pas les données qu'il reçoit (utilisez un filtre : select, map, join...)"
            )
        else:
            hint = (
                f"accès refusé à « {attribute} » d'un objet {kind} : un modèle ne lit que les "
                "données du document, jamais le code de stspd ou de Python"
            )
        return self.undefined(hint, name=attribute, obj=obj, exc=SecurityError)

    def call(self, context: Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        # Positional-only: a template's keyword arguments never clash with these names.
        if not self.is_safe_callable(obj):
            name = getattr(obj, "__name__", type(obj).__name__)
            msg = f"appel refusé : « {name} » ne peut pas être appelé depuis un modèle"
            raise SecurityError(msg)
        return context.call(obj, *args, **kwargs)
