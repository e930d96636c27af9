"""Parse YAML text into plain data and a position map, safely.

libyaml (through ruamel.yaml's C parser) turns the text into events; this module builds the data
from them with an explicit stack, so that:

- every key and value keeps its line and column;
- duplicate keys are reported with both places;
- no tag ever constructs an object: only the standard scalar and collection tags are accepted;
- anchors, aliases and merge keys are refused (no "billion laughs");
- nesting depth and the number of values are bounded, without recursion;
- problems beyond a number are counted, not kept: a hostile file costs time and memory in
  proportion to its size, never more;
- numbers written with too many digits, and control characters written as escapes in double
  quotes (``"\\e[2J"``), are refused at their place, like a raw control character;
- plain scalars follow the YAML 1.2 core schema: ``oui``, ``non``, ``yes``, ``no``, ``on`` and
  ``off`` are text, and dates stay text until the model reads them as dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from _ruamel_yaml import CParser
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from ruamel.yaml.reader import ReaderError

from stspd_cli.findings import Path_
from stspd_cli.fr import number_fr
from stspd_cli.positions import LINE_BREAK, Positions

MAX_DEPTH = 64
# Values (scalars, lists and mappings; keys are not counted) in one document. A real strategy has
# a few hundred; an 8 MiB file of tiny values would have millions, each costing memory in the
# model and findings. Documented in docs/securite.md.
MAX_VALUES = 100_000
# Digits of a number as written. Python refuses to convert more than 4,300 decimal digits (and
# cannot print a bigger number read in hexadecimal); an amount or a count never has 100.
MAX_DIGITS = 100

_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {
    None,
    "!",
    _CORE + "str",
    _CORE + "int",
    _CORE + "float",
    _CORE + "bool",
    _CORE + "null",
    _CORE + "map",
    _CORE + "seq",
}

# YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution).
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT10 = re.compile(r"^[-+]?[0-9]+$")
_INT8 = re.compile(r"^0o[0-7]+$")
_INT16 = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")
# C0 controls but tab, line feed and carriage return; DEL; C1 controls. libyaml refuses them raw
# in the file; a double-quoted scalar can still write them as escapes (\e, \x1b, \u0007...),
# and printed on a terminal they can clear the screen or hide a line.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# The escapes of a double-quoted scalar (YAML 1.2, 5.7), each as one unit, so that « \\e » is a
# backslash followed by « e », not an escape.
_ESCAPE = re.compile(r"\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)", re.DOTALL)
_ESCAPED = {
    "0": "\x00",
    "a": "\x07",
    "b": "\x08",
    "v": "\x0b",
    "f": "\x0c",
    "e": "\x1b",
    "N": "\x85",
}


@dataclass(frozen=True, slots=True)
class HugeNumber:
    """A plain scalar that reads as a number written with more than MAX_DIGITS digits: never
    converted (Python could not, or could not print it back), reported by the parser."""

    text: str
    digits: int


_SCALAR_TYPES: dict[str, tuple[type, ...]] = {
    "int": (int,),
    "float": (int, float),
    "bool": (bool,),
    "null": (type(None),),
}


@dataclass(slots=True)
class YamlProblem:
    """One problem met while parsing: a rule code, a 0-based place, message parameters."""

    code: str
    line: int
    column: int
    params: dict[str, object] = field(default_factory=dict)
    path: Path_ = ()


@dataclass(slots=True)
class Parsed:
    data: Any
    positions: Positions
    problems: list[YamlProblem]
    # Problems found beyond ``max_problems``: counted, not kept.
    omitted: int = 0


class _Problems:
    """The problems of one document: the first ``limit`` kept, the others only counted."""

    __slots__ = ("kept", "limit", "omitted")

    def __init__(self, limit: int | None) -> None:
        self.kept: list[YamlProblem] = []
        self.limit = limit
        self.omitted = 0

    def add(self, problem: YamlProblem) -> None:
        if self.limit is None or len(self.kept) < self.limit:
            self.kept.append(problem)
        else:
            self.omitted += 1


class _Frame:
    __slots__ = ("container", "duplicate", "key", "key_mark", "path")

    def __init__(self, container: dict[str, Any] | list[Any], path: Path_) -> None:
        self.container = container
        self.path = path
        self.key: str | None = None
        self.key_mark: tuple[int, int] = (0, 0)
        # Whether ``key`` repeats an earlier key of this mapping (its value is then dropped).
        self.duplicate = False


class _Fatal(Exception):
    def __init__(self, problem: YamlProblem) -> None:
        super().__init__(problem.code)
        self.problem = problem


def resolve_plain(value: str) -> Any:
    """Resolve an untagged plain scalar by the YAML 1.2 core schema; a number written with more
    than MAX_DIGITS digits is a :class:`HugeNumber`, never converted."""
    if not value or value[0] in "-+.0123456789~nNtTfF":
        if _NULL.match(value):
            return None
        if _TRUE.match(value):
            return True
        if _FALSE.match(value):
            return False
        if _INT10.match(value):
            return _integer(value, value.lstrip("+-"), 10)
        if _INT8.match(value):
            return _integer(value, value[2:], 8)
        if _INT16.match(value):
            return _integer(value, value[2:], 16)
        if _FLOAT.match(value):
            if len(value) > MAX_DIGITS:
                digits = sum(c.isdigit() for c in value)
                if digits > MAX_DIGITS:
                    return HugeNumber(value, digits)
            return float(value)
        if _INF.match(value):
            return float("-inf") if value.startswith("-") else float("inf")
        if _NAN.match(value):
            return float("nan")
    return value


def _integer(text: str, digits: str, base: int) -> int | HugeNumber:
    if len(digits) > MAX_DIGITS:
        return HugeNumber(text, len(digits))
    return int(text, 10) if base == 10 else int(digits, base)


def _resolve_tagged(value: str, tag: str, mark: tuple[int, int]) -> Any:
    kind = tag[len(_CORE) :]
    if kind == "str":
        return value
    resolved: Any = resolve_plain(value)
    if isinstance(resolved, HugeNumber):
        return resolved
    expected = _SCALAR_TYPES.get(kind)
    if kind != "bool" and isinstance(resolved, bool):
        resolved = value
    if expected is None or not isinstance(resolved, expected):
        raise _Fatal(
            YamlProblem("S001", *mark, {"detail": f"« {value} » ne correspond pas à !!{kind}"})
        )
    return float(str(resolved)) if kind == "float" else resolved


def _mark(event: Any) -> tuple[int, int]:
    m = event.start_mark
    return (m.line, m.column)


def _check_node_event(event: Any, problems: _Problems) -> None:
    tag = event.tag
    if tag not in _ALLOWED_TAGS:
        shown = "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag
        problems.add(YamlProblem("S005", *_mark(event), {"etiquette": shown}))
    if event.anchor is not None:
        problems.add(YamlProblem("S006", *_mark(event), {"detail": f"ancre « &{event.anchor} »"}))


def parse_yaml(text: str, *, max_problems: int | None = None) -> Parsed:
    """Parse one YAML document. Never raises on bad input: problems are returned, the first
    ``max_problems`` of them (the others are counted in ``Parsed.omitted``)."""
    positions = Positions()
    problems = _Problems(max_problems)
    try:
        data = _build(text, positions, problems)
    except _Fatal as fatal:
        problems.kept.append(fatal.problem)
        data = None
    except MarkedYAMLError as error:
        problems.kept.append(_syntax_problem(error, text))
        data = None
    except ReaderError as error:
        problems.kept.append(_reader_problem(error, text))
        data = None
    except UnicodeEncodeError as error:
        # A lone surrogate cannot reach libyaml; files never hold one (source.py decodes strictly).
        before = text[: error.start]
        place = (before.count("\n"), error.start - (before.rfind("\n") + 1))
        char = f"U+{ord(text[error.start]):04X}"
        detail = f"caractère {char} invalide : le texte n'est pas de l'Unicode valide"
        problems.kept.append(YamlProblem("S004", *place, {"detail": detail}))
        data = None
    return Parsed(data=data, positions=positions, problems=problems.kept, omitted=problems.omitted)


def _scalar(event: Any, text: str, problems: _Problems) -> Any:
    """The value of a scalar event; what cannot be a value is reported and kept as text."""
    value: Any = event.value
    if event.style == '"' and _CONTROL.search(value):
        problems.add(_escaped_control(event, text))
    if event.tag not in _ALLOWED_TAGS or event.anchor is not None:
        _check_node_event(event, problems)
        return value
    if event.tag is None and event.style in (None, ""):
        value = resolve_plain(value)
    elif event.tag not in (None, "!"):
        value = _resolve_tagged(value, event.tag, _mark(event))
    if isinstance(value, HugeNumber):
        problems.add(
            YamlProblem(
                "S017",
                *_mark(event),
                {"chiffres": number_fr(value.digits), "limite": MAX_DIGITS},
            )
        )
        return value.text
    return value


def _build(text: str, positions: Positions, problems: _Problems) -> Any:
    parser = CParser(text)
    stack: list[_Frame] = []
    root: Any = None
    documents = 0
    values = 0
    try:
        while True:
            event = parser.get_event()
            cls = type(event)
            if cls is ScalarEvent:
                value = _scalar(event, text, problems)
                if stack and stack[-1].key is None and isinstance(stack[-1].container, dict):
                    _take_key(
                        stack[-1], key=value, event=event, positions=positions, problems=problems
                    )
                    continue
                mark = _mark(event)
                values = _one_more(values, mark)
                root = _attach(stack, value, mark, positions, root)
            elif cls is MappingStartEvent or cls is SequenceStartEvent:
                mark = _mark(event)
                if event.tag is not None or event.anchor is not None:
                    _check_node_event(event, problems)
                if stack and stack[-1].key is None and isinstance(stack[-1].container, dict):
                    raise _Fatal(YamlProblem("S014", *mark, {"cle": "composée ({...} ou [...])"}))
                if len(stack) >= MAX_DEPTH:
                    raise _Fatal(YamlProblem("S010", *mark, {"limite": MAX_DEPTH}))
                values = _one_more(values, mark)
                container: dict[str, Any] | list[Any] = {} if cls is MappingStartEvent else []
                path = _child_path(stack)
                root = _attach(stack, container, mark, positions, root)
                stack.append(_Frame(container, path))
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                stack.pop()
            elif cls is AliasEvent:
                raise _Fatal(
                    YamlProblem("S006", *_mark(event), {"detail": f"alias « *{event.anchor} »"})
                )
            elif cls is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _Fatal(YamlProblem("S012", *_mark(event)))
            elif cls is StreamEndEvent:
                break
    finally:
        parser.dispose()
    return root


def _one_more(values: int, mark: tuple[int, int]) -> int:
    """Count one more value; the one over MAX_VALUES stops the reading, at its place."""
    if values >= MAX_VALUES:
        raise _Fatal(YamlProblem("S016", *mark, {"limite": number_fr(MAX_VALUES)}))
    return values + 1


def _child_path(stack: list[_Frame]) -> Path_:
    if not stack:
        return ()
    top = stack[-1]
    if isinstance(top.container, dict):
        assert top.key is not None
        return (*top.path, top.key)
    return (*top.path, len(top.container))


def _attach(
    stack: list[_Frame], value: Any, mark: tuple[int, int], positions: Positions, root: Any
) -> Any:
    """Put ``value`` in the innermost open container; return the (possibly new) root."""
    if not stack:
        positions.values[()] = mark
        return value
    top = stack[-1]
    if isinstance(top.container, dict):
        key = top.key
        assert key is not None
        if not top.duplicate:  # a duplicate keeps the first value, and its places
            path = (*top.path, key)
            top.container[key] = value
            positions.values[path] = mark
            positions.keys[path] = top.key_mark
        top.key = None
    else:
        path = (*top.path, len(top.container))
        top.container.append(value)
        positions.values[path] = mark
    return root


def _take_key(
    frame: _Frame,
    *,
    key: Any,
    event: Any,
    positions: Positions,
    problems: _Problems,
) -> None:
    mark = _mark(event)
    if not isinstance(key, str) or key == "":
        problems.add(YamlProblem("S014", *mark, {"cle": f"« {event.value} »"}))
        key = str(event.value)
    if key == "<<" and event.style in (None, ""):
        problems.add(YamlProblem("S006", *mark, {"detail": "clé de fusion « << »"}))
    assert isinstance(frame.container, dict)
    frame.duplicate = key in frame.container
    if frame.duplicate:
        first = positions.keys[(*frame.path, key)]
        problems.add(
            YamlProblem(
                "S002",
                *mark,
                {"cle": key, "ligne": first[0] + 1, "colonne": first[1] + 1},
                path=(*frame.path, key),
            )
        )
    frame.key = key
    frame.key_mark = mark


def _escaped_control(event: Any, text: str) -> YamlProblem:
    """The first control character a double-quoted scalar writes as an escape, at the place of
    the escape in the file (the scalar starts at its opening quote)."""
    start = event.start_mark
    end = event.end_mark.index
    for match in _ESCAPE.finditer(text, start.index, end):
        written = match.group()
        char = _ESCAPED.get(written[1], "") if len(written) == 2 else chr(int(written[2:], 16))
        if _CONTROL.match(char):
            before = text[start.index : match.start()]
            breaks = list(LINE_BREAK.finditer(before))
            line = start.line + len(breaks)
            column = len(before) - breaks[-1].end() if breaks else start.column + len(before)
            detail = f"caractère de contrôle U+{ord(char):04X} écrit « {written} »"
            return YamlProblem("S018", line, column, {"detail": detail})
    # Not reached while libyaml refuses raw control characters: then, the scalar's place.
    found = _CONTROL.search(event.value)
    code = f"U+{ord(found.group()):04X}" if found else "inconnu"
    return YamlProblem("S018", *_mark(event), {"detail": f"caractère de contrôle {code}"})


def _translations() -> dict[str, str]:
    from stspd_cli.resources import load_data  # noqa: PLC0415  (only on the error path)

    table = load_data("yaml_erreurs.yaml")
    assert isinstance(table, dict)
    return {str(k): str(v) for k, v in table.items()}


def translate_problem(problem: str) -> str:
    for english, french in _translations().items():
        if problem.startswith(english):
            return french
    return problem


def _syntax_problem(error: MarkedYAMLError, text: str) -> YamlProblem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line, mark.column) if mark is not None else (0, 0)
    problem = str(error.problem or error.context or "")
    lines = text.splitlines()
    if 0 <= line < len(lines):
        indent = lines[line][: len(lines[line]) - len(lines[line].lstrip(" \t"))]
        if "\t" in indent:
            return YamlProblem("S003", line, indent.index("\t"))
    slip = _typing_slip(problem, lines, line)
    if slip is not None:
        return slip
    context = str(error.context or "")
    opened = error.context_mark
    if "quoted scalar" in context and opened is not None and "end of stream" in problem:
        # Where the quote opened says more than the end of the file, where libyaml stopped.
        detail = "guillemet ouvert ici et jamais fermé"
        return YamlProblem("S001", opened.line, opened.column, {"detail": detail})
    return YamlProblem("S001", line, column, {"detail": translate_problem(problem)})


# A value opened with an apostrophe that one inside it closes too early: 'Chantiers d'été'.
_CUT_QUOTE = re.compile(r"^(\s*(?:-\s+)?(?:[^\s'\"#][^:#]*:\s+)?)'((?:[^']|'')*)'(?=[^\s,\]}#])")
# A line that is one key without its colon: « nom Ville de Loos », « instance CLSPD ».
_NO_COLON = re.compile(r"^(\s*(?:-\s+)?)([^\s:#'\"\-\[{][^:#]*?)\s*$")
SLIP_WIDTH = 2000  # characters of a line the slips below are looked for in
APOSTROPHE_HINT = (
    "dans une valeur entre apostrophes, doublez l'apostrophe ('') ou mettez la valeur entre "
    "guillemets"
)


def _typing_slip(problem: str, lines: list[str], line: int) -> YamlProblem | None:
    """The slips French writers make most, told at their own line: an apostrophe inside a
    value between apostrophes, a key written without its colon (libyaml stops a line later)."""
    if any(len(lines[n]) > SLIP_WIDTH for n in (line - 1, line) if 0 <= n < len(lines)):
        return None  # a line no one types by hand: the plain message, read in bounded time
    for number in (line, line - 1):
        if 0 <= number < len(lines) and (cut := _CUT_QUOTE.match(lines[number])):
            column = len(cut.group(1)) + len(cut.group(2)) + 1
            word = _word_around(lines[number], column)
            detail = f"apostrophe de « {word} » lue comme la fin de la valeur ; {APOSTROPHE_HINT}"
            return YamlProblem("S001", number, column, {"detail": detail})
    if not problem.startswith(("could not find expected ':'", "mapping values are not allowed")):
        return None
    key_line = _line_without_colon(lines, line)
    if key_line is None:
        return None
    found = _NO_COLON.match(lines[key_line])
    assert found is not None
    start = len(found.group(1))
    key, _, rest = found.group(2).partition(" ")
    written = f"{key}: {rest}" if rest else f"{key}:"
    detail = f"deux-points « : » attendu après la clé « {key} » : écrivez « {written} »"
    return YamlProblem("S001", key_line, start, {"detail": detail})


def _line_without_colon(lines: list[str], line: int) -> int | None:
    """The line above ``line`` that holds a key without its colon, if it is the cause: the
    previous line with content, at the indentation of the key libyaml was reading."""
    current = line if 0 <= line < len(lines) else len(lines)
    previous = current - 1
    while previous >= 0 and (not lines[previous].strip() or lines[previous].lstrip()[0] == "#"):
        previous -= 1
    if previous < 0 or not _NO_COLON.match(lines[previous]):
        return None
    here = lines[current] if current < len(lines) else ""
    indent = len(lines[previous]) - len(lines[previous].lstrip(" "))
    if here.strip() and len(here) - len(here.lstrip(" ")) > indent:
        return None  # a deeper line: the value of a key, not its sibling
    return previous


def _word_around(text: str, index: int) -> str:
    start = index
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    end = index + 1
    while end < len(text) and (text[end].isalnum() or text[end] == "'"):
        end += 1
    return text[start:end].rstrip("'")


def _reader_problem(error: ReaderError, text: str) -> YamlProblem:
    # libyaml gives a byte offset into the UTF-8 encoded text, not a character index.
    offset = int(getattr(error, "position", 0) or 0)
    index = len(text.encode("utf-8", "surrogatepass")[:offset].decode("utf-8", "ignore"))
    before = text[:index]
    line = before.count("\n")
    column = index - (before.rfind("\n") + 1)
    char = getattr(error, "character", None)
    if isinstance(char, int):
        code = f"U+{char:04X}"
    elif isinstance(char, str) and char:
        code = f"U+{ord(char):04X}"
    else:
        code = "inconnu"
    return YamlProblem(
        "S011", line, column, {"detail": f"caractère de contrôle {code} interdit dans un texte"}
    )
