"""Hypothesis strategies for ``fmt`` property tests: strategies built from the model, dumped by
another YAML writer (ruamel, keys shuffled, random styles), then commented at random places."""

from __future__ import annotations

import datetime
import io
import types
import typing
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from _ruamel_yaml import CParser
from hypothesis import assume
from hypothesis import strategies as st
from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import ScalarEvent, StreamEndEvent

from stspd_cli.dates import PartialDate
from stspd_cli.model import Document
from stspd_cli.model.introspect import fields_by_key

# Accents, typographic signs, YAML indicators and characters YAML has to escape.
TEXT_ALPHABET = "abcdeéèêàçôœ ’«»:#-?!&*|>'\"%@,[]{}0123456789\u00a0…\t\x07\u2028\ufeff\x85"
COMMENT_ALPHABET = "abcéàç ’«»:#-'\"[]{}|>0123456789\u00a0…\t"
KEY_ALPHABET = "abcdeéz_-: "

texts = st.one_of(
    st.text(TEXT_ALPHABET, min_size=1, max_size=40),
    st.lists(st.text("abcdeéàç’«»: ", min_size=1, max_size=12), min_size=1, max_size=12).map(
        " ".join
    ),
    st.text(TEXT_ALPHABET + "\n", max_size=60),
    st.sampled_from(["oui", "non", "yes", "~", "null", "01 99 00 00 01", "2.0", "1:20", "0612"]),
    st.sampled_from(["a  b", "fin ", " début", "ligne\n\n", "x\n  y\n", "", "- item\n- item"]),
)
dates = st.one_of(
    st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2100, 12, 31)).map(
        datetime.date.isoformat
    ),
    st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2100, 12, 31)),
    # Forms fmt writes in ISO; a text that is no date stops fmt (tests/edit/test_fmt.py).
    st.sampled_from(["2017-6-7", "2017-06-07"]),
    # Dates at the precision of the source: a month (quoted or not, padded or not), a year.
    st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2100, 12, 31)).map(
        lambda d: d.isoformat()[:7]
    ),
    st.sampled_from(["2026-9", "2021"]),
    st.integers(min_value=1900, max_value=2200),
)
numbers = st.one_of(
    st.integers(min_value=-(10**6), max_value=10**9),
    st.floats(allow_nan=False, allow_infinity=True, width=64),
)


def _unwrap(annotation: Any) -> Any:
    """Annotated[X, ...] -> X; Optional[X] -> X."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _unwrap(args[0])
    return annotation


def values_for(annotation: Any, depth: int) -> st.SearchStrategy[Any]:
    kind = _unwrap(annotation)
    if typing.get_origin(kind) is list:
        return st.lists(values_for(typing.get_args(kind)[0], depth), max_size=3)
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        return mappings(kind, depth + 1)
    if kind is PartialDate:
        return dates
    if kind is bool:
        return st.booleans()
    if kind in (int, float):
        return numbers
    return texts


@cache
def mappings(model: type[BaseModel], depth: int = 0) -> st.SearchStrategy[dict[str, Any]]:
    """A mapping with the model's required keys, some optional ones and maybe an unknown key,
    in a random order. Made once per model and depth: a strategy is only a description, and
    a new ``st.composite`` at each draw had Hypothesis read the function's source again
    (``inspect.getsource``) every time."""
    fields = fields_by_key(model)
    required = [k for k, info in fields.items() if info.is_required()]
    optional = [k for k, info in fields.items() if not info.is_required()]
    if depth > 3:
        optional = []

    @st.composite
    def build(draw: st.DrawFn) -> dict[str, Any]:
        keys = list(required)
        if optional:
            keys += draw(st.lists(st.sampled_from(optional), unique=True, max_size=4))
        if optional and draw(st.integers(0, 9)) == 0:
            keys.append(draw(st.text(KEY_ALPHABET, min_size=1, max_size=8).filter(str.strip)))
        keys = draw(st.permutations(list(dict.fromkeys(keys))))
        result: dict[str, Any] = {}
        for key in keys:
            info = fields.get(key)
            result[key] = draw(values_for(info.annotation, depth) if info else texts)
        return result

    return build()


documents = mappings(Document).map(lambda d: {**d, "schema": "stspd/1"})


@dataclass
class Commented:
    """A YAML text and the comments inserted in it."""

    text: str
    comments: list[str] = field(default_factory=list)
    # (comment, key) for head comments written right above a ``key:`` line.
    heads: list[tuple[str, str]] = field(default_factory=list)


def dump(data: dict[str, Any], *, flow: bool, width: int, indent: int) -> str:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = None if flow else False
    yaml.width = width
    yaml.allow_unicode = True
    yaml.indent(mapping=indent, sequence=indent, offset=0)
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


def _scalar_lines(text: str) -> tuple[set[int], set[int]]:
    """Lines a comment cannot be written before (inside a scalar) or after (a scalar goes on)."""
    no_line_before: set[int] = set()
    no_eol: set[int] = set()
    parser = CParser(text)
    try:
        while not isinstance(event := parser.get_event(), StreamEndEvent):
            if not isinstance(event, ScalarEvent):
                continue
            first, last = event.start_mark.line, event.end_mark.line
            if event.style in ("|", ">") and event.end_mark.column == 0:
                last -= 1
            no_line_before.update(range(first + 1, last + 1))
            if event.style in ("|", ">"):
                no_line_before.add(last + 1)  # right after a block: blank lines are content
            no_eol.update(range(first, last))
            if event.style in ("|", ">"):
                no_eol.update({first, last})
    finally:
        parser.dispose()
    return no_line_before, no_eol


@st.composite
def commented_documents(draw: st.DrawFn) -> Commented:
    data = draw(documents)
    text = dump(
        data,
        flow=draw(st.booleans()),
        width=draw(st.sampled_from([30, 80, 4096])),
        indent=draw(st.sampled_from([2, 4])),
    )
    lines = text.splitlines()
    try:
        no_line_before, no_eol = _scalar_lines(text)
    except MarkedYAMLError:
        assume(False)  # ruamel's flow style sometimes writes what no parser reads back
        raise
    result = Commented(text="")
    out: list[str] = []
    comment_text = st.text(COMMENT_ALPHABET, max_size=25).map(lambda s: ("# " + s).rstrip())
    for number, line in enumerate(lines):
        indent = len(line) - len(line.lstrip(" "))
        if number not in no_line_before and draw(st.integers(0, 3)) == 0:
            comment = draw(comment_text)
            out.append(" " * draw(st.integers(0, indent)) + comment)
            result.comments.append(comment)
            key = line.strip().split(":", 1)[0]
            if number > 0 and ":" in line and key.isidentifier() and line.lstrip()[0] not in "-{":
                result.heads.append((comment, key))
        if number not in no_line_before and draw(st.integers(0, 9)) == 0:
            out.append("")
        if number not in no_eol and draw(st.integers(0, 3)) == 0:
            comment = draw(comment_text)
            out.append(f"{line}  {comment}")
            result.comments.append(comment)
        else:
            out.append(line)
    if draw(st.booleans()):
        comment = draw(comment_text)
        out.append(" " * draw(st.integers(0, 6)) + comment)
        result.comments.append(comment)
    result.text = "\n".join(out) + "\n"
    return result
