"""Structured fuzzing of the sandbox: random templates built from Jinja's pieces and from the
names an attacker tries, rendered with a strategy as a commune's templates are.

The property, watched by a Python audit hook while each template renders: no process started,
no connection, no file written, renamed or removed, no file opened outside the template folders
and Python's own library, no code compiled or run but templates', no restricted attribute read
(``__globals__``, ``f_globals``...); the text of a file outside the template folders never
shows; and the rendering either succeeds or fails with stspd's TemplateError (exit 2).

The suite runs 150 templates; a long session (docs/fuzzing.md):
``STSPD_FUZZ_TEMPLATES=20000 .venv/bin/pytest -q -p no:cacheprovider \
tests/render/test_template_fuzz.py``
"""

from __future__ import annotations

import itertools
import mimetypes
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from stspd_cli.errors import TemplateError
from stspd_cli.render import render_document, template_error
from stspd_cli.render.context import build_context
from stspd_cli.render.environment import build_environment, default_templates

from .support import DEMO, document

EXAMPLES = int(os.environ.get("STSPD_FUZZ_TEMPLATES", "150"))
MARKER = "MARQUEUR-HORS-DEPOT-7373"

NAMES = [
    "ctx", "cycler", "joiner", "namespace", "range", "dict", "self", "asset", "logo", "nbsp",
    "lipsum", "caller", "varargs", "kwargs", "loop", "x", "m", "''", "[]", "{}", "0", "none",
    "ctx.doc", "ctx.doc.territoire", "ctx.plans", "ctx.resolver", "ctx.cover", "ctx.sommaire",
    "ctx.doc.acteurs", "ctx.resolver.acteurs", "(1).real", "'{0}'",
]  # fmt: skip
ATTRIBUTES = [
    "__class__", "__mro__", "__subclasses__", "__globals__", "__init__", "__builtins__",
    "__dict__", "__self__", "__func__", "__code__", "__wrapped__", "__getattribute__",
    "__reduce_ex__", "__import__", "__loader__", "__spec__", "__objclass__", "gi_frame",
    "f_back", "f_globals", "tb_frame", "mro", "os", "sys", "popen", "system", "open", "read",
    "parse_file", "parse_raw", "model_fields", "model_copy", "model_validate_json",
    "model_construct", "model_dump", "schema_json", "copy", "dict", "json", "construct",
    "from_orm", "_replace", "_asdict", "_fields", "acteurs", "nom", "territoire", "doc",
    "resolver", "plans", "actions", "model", "append", "pop", "clear", "update", "setdefault",
    "format", "format_map", "items", "keys", "values", "get", "strftime", "encode", "decode",
    "fromkeys", "data_uri", "find", "folders", "environment", "loader", "globals", "filters",
    "module", "_TemplateReference__context", "blocks", "vars", "parent", "eval_ctx",
    "root_render_func", "iter_actions", "acteur", "actor", "with_glossary", "next", "current",
    "reset", "today", "replace", "maketrans", "translate", "upper",
]  # fmt: skip
TEMPLATE_NAMES = [
    "/etc/passwd", "../ailleurs/secret.html", "lien/secret.html", "./lien/secret.html",
    "charte/../../ailleurs/secret.html", "..\\ailleurs\\secret.html", "C:/x.html",
    "%2e%2e/ailleurs/secret.html", "macros.html", "!macros.html", "voisin.html",
    "file:///etc/passwd", "", ".", "a/../../x", "lien-fichier.html",
]  # fmt: skip
FILTERS = [
    "list", "first", "last", "join", "string", "tojson", "pprint", "urlize", "xmlattr", "sort",
    "dictsort", "items", "length", "e", "safe", "upper", "sum", "unique", "reverse",
    'attr("__class__")', 'attr("__globals__")', 'attr("parse_file")', 'map(attribute="__class__")',
    'map("attr", "__init__")', 'selectattr("__class__")', 'groupby("__class__")',
    'format("%s")', 'default("x")', "batch(2)", 'replace("a", "b")', "md", "label('statut')",
    "date_fr", "nombre", "css_string", "md_source", "groupby_subject", "valeur",
]  # fmt: skip

_names = st.sampled_from(NAMES)
_attributes = st.sampled_from(ATTRIBUTES)
_template_names = st.sampled_from(TEMPLATE_NAMES).map(lambda n: '"' + n.replace("\\", "\\\\") + '"')


@st.composite
def _expression(draw: st.DrawFn, depth: int = 0) -> str:
    text = draw(_names)
    for _ in range(draw(st.integers(0, 5))):
        step = draw(st.integers(0, 6))
        if step == 0:
            text += "." + draw(_attributes)
        elif step == 1:
            text += '["' + draw(_attributes) + '"]'
        elif step == 2:
            args = draw(st.lists(st.sampled_from(['"/etc/passwd"', "1", "x", "ctx", "none"])))
            text += "(" + ", ".join(args[:3]) + ")"
        elif step == 3:
            text = f"({text} | {draw(st.sampled_from(FILTERS))})"
        elif step == 4 and depth < 2:
            text = f"({text} ~ {draw(_expression(depth + 1))})"
        elif step == 5 and depth < 2:
            text += ".format(" + draw(_expression(depth + 1)) + ")"
        else:
            text = f"({text} % {draw(_names)})"
    return text


@st.composite
def _statement(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 9))
    expression = draw(_expression())
    name = draw(_template_names)
    return [
        f"{{{{ {expression} }}}}",
        f"{{% set x = {expression} %}}{{{{ x }}}}",
        f"{{% for x in {expression} %}}{{{{ x.{draw(_attributes)} }}}}{{% endfor %}}",
        f"{{% include {name} %}}",
        f"{{% import {name} as m %}}{{{{ m.{draw(_attributes)} }}}}",
        f"{{% from {name} import {draw(_attributes).strip('_') or 'x'} %}}",
        f"{{{{ asset({name}) }}}}",
        f"{{% macro m() %}}{{{{ caller() }}}}{{% endmacro %}}{{% call m() %}}{{{{ {expression} }}}}"
        "{% endcall %}",
        f"{{% with x = {expression} %}}{{{{ x }}}}{{% endwith %}}",
        f"{{% filter upper %}}{{{{ {expression} }}}}{{% endfilter %}}",
    ][kind]


@st.composite
def _template(draw: st.DrawFn) -> str:
    parts = draw(st.lists(_statement(), min_size=1, max_size=4))
    if draw(st.integers(0, 3)) == 0:
        parts.insert(0, "{% extends " + draw(_template_names) + " %}")
    text = "\n".join(parts)
    # Deep nesting: Jinja's compiler recurses once per level.
    depth = draw(st.sampled_from([0] * 20 + [10, 50, 150, 600]))
    opening, closing = draw(st.sampled_from([("{% if 1 %}", "{% endif %}"), ("{{ (", ") }}")]))
    if depth and opening == "{{ (":
        return "{{ " + "(" * depth + "1" + ")" * depth + " }}" + text
    return opening * depth + text + closing * depth


class _Watch:
    """A Python audit hook (it cannot be removed; it watches only while ``on``)."""

    FORBIDDEN = (
        "subprocess.",
        "os.system",
        "os.exec",
        "os.posix_spawn",
        "os.spawn",
        "os.fork",
        "socket.",
        "urllib.",
        "os.remove",
        "os.rename",
        "os.rmdir",
        "os.mkdir",
        "os.chmod",
        "os.chown",
        "os.truncate",
        "os.symlink",
        "os.link",
        "os.listdir",
        "os.scandir",
        "shutil.",
        "ctypes.",
        "pickle.",
        "object.__getattr__",
        "object.__setattr__",
        "object.__delattr__",
        "builtins.input",
        "function.__new__",
    )

    def __init__(self) -> None:
        self.on = False
        self.allowed: tuple[Path, ...] = ()
        self.library = tuple({Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve()})
        self.seen: list[str] = []

    def _ours(self, name: object, *, library: bool) -> bool:
        if not isinstance(name, str) or not name:
            return False
        path = Path(name).resolve()
        if any(path.is_relative_to(folder) for folder in self.allowed):
            return True
        return (
            library
            and path.suffix in {".py", ".pyc", ".so"}
            and (any(path.is_relative_to(folder) for folder in self.library))
        )

    def __call__(self, event: str, args: tuple[Any, ...]) -> None:
        if not self.on:
            return
        if event == "object.__getattr__" and args[1] in {"f_code", "tb_frame", "__code__"}:
            # A tracer (hypothesis's) reading the running frame; Jinja pointing the traceback
            # of a failed rendering at the template. A template reads no private name at all
            # (the sandbox refuses them before reading), so only Jinja and Python do.
            return
        if event.startswith(self.FORBIDDEN):
            self.seen.append(f"{event} {args!r:.200}")
        elif event == "open":
            path, mode = args[0], args[1]
            if isinstance(path, int):
                return
            writes = isinstance(mode, str) and any(c in mode for c in "wax+")
            if writes or not self._ours(os.fsdecode(path), library=True):
                self.seen.append(f"open {path!r} {mode!r}")
        elif event in {"compile", "code.__new__"} and not self._ours(args[1], library=False):
            # Templates are compiled; Jinja rebuilds their code to point a traceback at them.
            self.seen.append(f"{event} {args[1]!r}")
        elif event == "exec":
            filename = getattr(args[0], "co_filename", None)
            if not self._ours(filename, library=True):
                self.seen.append(f"exec {filename!r}")


_WATCH = _Watch()
sys.addaudithook(_WATCH)


class _Bench(NamedTuple):
    charte: Path
    env: Any
    ctx: Any

    def __repr__(self) -> str:  # hypothesis prints it with a failing example
        return f"<dossier {self.charte}>"


@pytest.fixture(scope="module")
def bench(tmp_path_factory: pytest.TempPathFactory) -> Iterator[_Bench]:
    """A template folder with a link out of it, next to a secret; one environment."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("STSPD_NO_CACHE", "1")  # nothing written during the rendering
        root = tmp_path_factory.mktemp("fuzz")
        outside = root / "ailleurs"
        outside.mkdir()
        (outside / "secret.html").write_text(MARKER, encoding="utf-8")
        charte = root / "depot" / "charte"
        charte.mkdir(parents=True)
        (charte / "lien").symlink_to(outside, target_is_directory=True)
        (charte / "lien-fichier.html").symlink_to(outside / "secret.html")
        (charte / "voisin.html").write_text("{% macro x() %}voisin{% endmacro %}voisin")
        # What a first use imports or reads (markdown-it, the system's MIME types), before
        # anything is watched.
        mimetypes.init()
        for fmt in ("html", "md"):
            render_document(document(DEMO), fmt)
        env = build_environment([charte])
        ctx = build_context(document(DEMO), interne=False)
        _WATCH.allowed = (charte.resolve(), default_templates().resolve())
        yield _Bench(charte, env, ctx)


_COUNTER = itertools.count()


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(source=_template())
def test_no_template_runs_code_reads_outside_or_fails_otherwise(bench: _Bench, source: str) -> None:
    charte, env, ctx = bench
    name = f"essai-{next(_COUNTER)}.html"
    (charte / name).write_text(source, encoding="utf-8")
    _WATCH.seen.clear()
    _WATCH.on = True
    try:
        text = env.get_template(name).render(ctx=ctx)
        event("rendu")
    except Exception as error:  # the property: what escapes, and how
        _WATCH.on = False
        text = _as_stspd_error(error, source)
        event(_kind(text))
    finally:
        _WATCH.on = False
        (charte / name).unlink()
    assert _WATCH.seen == [], source
    assert MARKER not in text, source


KINDS = (
    "accès refusé",
    "modification refusée",
    "appel refusé",
    "refusé dans un modèle",
    "nom de modèle",
    "introuvable",
    "un calcul ou un appel a échoué",
    "n'est pas défini",
    "pas d'attribut",
    "pas d'élément",
    "trop imbriqué",
)


def _kind(message: str) -> str:
    """The kind of refusal, for the campaign's statistics."""
    return next((f"refus : {k}" for k in KINDS if k in message), "refus : erreur de syntaxe")


def _as_stspd_error(error: Exception, source: str) -> str:
    """What ``stspd render`` makes of a rendering error: a TemplateError, or a failed test."""
    converted = error if isinstance(error, TemplateError) else template_error(error)
    if converted is None:
        pytest.fail(f"{type(error).__name__} hors de TemplateError : {error}\n{source}")
    return converted.message
