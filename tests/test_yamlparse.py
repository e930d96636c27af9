"""Unit tests of the safe YAML reader: YAML 1.2 core types, positions, refusals, limits."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stspd_cli.load import load_bytes
from stspd_cli.rules import all_rules
from stspd_cli.yamlparse import (
    MAX_DEPTH,
    MAX_DIGITS,
    MAX_VALUES,
    HugeNumber,
    Parsed,
    parse_yaml,
    resolve_plain,
)

PLAIN_TYPES = (dict, list, str, int, float, bool, type(None))


def _ok(text: str) -> Any:
    parsed = parse_yaml(text)
    assert parsed.problems == []
    return parsed.data


def _codes(parsed: Parsed) -> list[str]:
    return [p.code for p in parsed.problems]


def _only_plain_values(value: Any) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and _only_plain_values(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_only_plain_values(v) for v in value)
    return isinstance(value, PLAIN_TYPES)


# --- YAML 1.2 core schema ------------------------------------------------------------------


@pytest.mark.parametrize(
    "word", ["oui", "non", "yes", "no", "on", "off", "Yes", "NO", "On", "OFF", "y", "n"]
)
def test_yaml11_booleans_stay_text(word: str) -> None:
    assert _ok(f"reponse: {word}\n") == {"reponse": word}


@pytest.mark.parametrize(
    ("plain", "value"),
    [
        ("true", True),
        ("True", True),
        ("TRUE", True),
        ("false", False),
        ("False", False),
        ("FALSE", False),
        ("0o17", 15),
        ("0x1F", 31),
        ("017", 17),
        ("-42", -42),
        ("+12", 12),
        ("1.5", 1.5),
        ("1e3", 1000.0),
        (".5", 0.5),
        (".inf", math.inf),
        ("-.Inf", -math.inf),
        ("+.INF", math.inf),
        ("~", None),
        ("null", None),
        ("Null", None),
        ("", None),
    ],
)
def test_core_schema_resolution(plain: str, value: object) -> None:
    data = _ok(f"x: {plain}\n")
    assert data == {"x": value}
    assert type(data["x"]) is type(value)


def test_nan_is_a_float() -> None:
    value = _ok("x: .nan\n")["x"]
    assert isinstance(value, float)
    assert math.isnan(value)


@pytest.mark.parametrize(
    "plain", ["2017-06-27", "2017-02-30", "12:30", "0b101", "1_000", "tRue", "0x", "nULL"]
)
def test_other_plain_scalars_stay_text(plain: str) -> None:
    assert _ok(f"x: {plain}\n") == {"x": plain}


def test_quoted_scalars_are_always_text() -> None:
    assert _ok("a: 'true'\nb: \"12\"\nc: '2017-06-27'\nd: \"~\"\n") == {
        "a": "true",
        "b": "12",
        "c": "2017-06-27",
        "d": "~",
    }


def test_standard_tags_are_honoured() -> None:
    data = _ok('a: !!str 12\nb: !!int "12"\nc: !!float 1\nd: !!bool true\ne: !!null ~\n')
    assert data == {"a": "12", "b": 12, "c": 1.0, "d": True, "e": None}
    assert isinstance(data["c"], float)


def test_standard_tag_that_does_not_fit_is_a_syntax_error() -> None:
    parsed = parse_yaml("a: !!int douze\n")
    assert _codes(parsed) == ["S001"]
    assert "douze" in str(parsed.problems[0].params["detail"])


# --- positions -----------------------------------------------------------------------------


def test_positions_of_keys_and_values() -> None:
    text = (
        "schema: stspd/1\n"  # line 0
        "plans:\n"  # line 1
        "  - id: plan-jeunesse\n"  # line 2
        "    actions: [{numero: 3}]\n"  # line 3
        "é: 'ü'\n"  # line 4: columns count characters, not bytes
    )
    parsed = parse_yaml(text)
    assert parsed.problems == []
    values, keys = parsed.positions.values, parsed.positions.keys
    assert values[()] == (0, 0)
    assert keys[("schema",)] == (0, 0)
    assert values[("schema",)] == (0, 8)
    assert keys[("plans",)] == (1, 0)
    assert values[("plans", 0)] == (2, 4)
    assert keys[("plans", 0, "id")] == (2, 4)
    assert values[("plans", 0, "id")] == (2, 8)
    assert values[("plans", 0, "actions")] == (3, 13)
    assert values[("plans", 0, "actions", 0)] == (3, 14)
    assert keys[("plans", 0, "actions", 0, "numero")] == (3, 15)
    assert values[("plans", 0, "actions", 0, "numero")] == (3, 23)
    assert keys[("é",)] == (4, 0)
    assert values[("é",)] == (4, 3)


def test_position_lookup_falls_back_to_the_nearest_ancestor() -> None:
    parsed = parse_yaml("plans:\n  - id: p\n")
    assert parsed.positions.value(("plans", 0, "titre")) == (1, 4)
    assert parsed.positions.key(("plans", 0, "titre")) == (1, 4)
    assert parsed.positions.value(("inconnu",)) == (0, 0)


def test_positions_with_bom_and_crlf() -> None:
    loaded = load_bytes(b"\xef\xbb\xbfschema: stspd/1\r\nb:\r\n  c: d\r\n", "bom.yaml")
    assert loaded.findings == []
    assert loaded.data == {"schema": "stspd/1", "b": {"c": "d"}}
    assert loaded.at(("b", "c")) == (3, 6)
    assert loaded.at(("b", "c"), key=True) == (3, 3)


# --- duplicate keys ------------------------------------------------------------------------


def test_duplicate_key_keeps_the_first_value_and_reports_both_places() -> None:
    parsed = parse_yaml("titre: premier\nnom: x\ntitre: second\n")
    assert parsed.data == {"titre": "premier", "nom": "x"}
    assert parsed.positions.values[("titre",)] == (0, 7)
    [problem] = parsed.problems
    assert problem.code == "S002"
    assert (problem.line, problem.column) == (2, 0)  # the second occurrence, 0-based
    assert problem.params == {"cle": "titre", "ligne": 1, "colonne": 1}  # the first, 1-based
    assert problem.path == ("titre",)


def test_duplicate_keys_in_nested_and_flow_mappings() -> None:
    parsed = parse_yaml("a:\n  - {b: 1, b: 2}\n  - c: 1\n    c: 2\n")
    assert [(p.code, p.line, p.column) for p in parsed.problems] == [
        ("S002", 1, 11),
        ("S002", 3, 4),
    ]
    assert parsed.data == {"a": [{"b": 1}, {"c": 1}]}


def test_same_key_in_sibling_mappings_is_not_a_duplicate() -> None:
    assert _ok("- id: a\n- id: b\n") == [{"id": "a"}, {"id": "b"}]


def test_non_text_keys_are_reported() -> None:
    parsed = parse_yaml("2024: a\n~: b\ntrue: c\n")
    assert _codes(parsed) == ["S014", "S014", "S014"]


# --- anchors, aliases, merge keys, tags ----------------------------------------------------


def test_aliases_are_refused() -> None:
    parsed = parse_yaml("a: &x 1\nb: *x\n")
    assert [(p.code, p.line, p.column) for p in parsed.problems] == [
        ("S006", 0, 3),
        ("S006", 1, 3),
    ]
    assert parsed.data is None


def test_billion_laughs_stops_at_the_first_alias() -> None:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    parsed = parse_yaml("\n".join(lines) + "\n")
    assert parsed.data is None
    assert _codes(parsed) == ["S006", "S006", "S006"]


def test_merge_key_is_refused_but_a_quoted_one_is_text() -> None:
    assert _codes(parse_yaml("a:\n  <<: {b: 1}\n")) == ["S006"]
    assert _ok("a:\n  '<<': b\n") == {"a": {"<<": "b"}}


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system",
        "!!python/object:collections.OrderedDict",
        "!!python/name:os.system",
        "!!python/module:os",
        "!!binary",
        "!!timestamp",
        "!!set",
        "!!omap",
        "!local",
        "!<tag:example.com,2024:x>",
    ],
)
def test_no_tag_ever_constructs_an_object(tag: str) -> None:
    for body in ('"echo pirate"', '["echo", "pirate"]', "{a: b}"):
        parsed = parse_yaml(f"x: {tag} {body}\n")
        assert "S005" in _codes(parsed)
        assert _only_plain_values(parsed.data)


def test_local_tag_on_a_key_is_refused() -> None:
    parsed = parse_yaml("!cle a: b\n")
    assert _codes(parsed) == ["S005"]


# --- documents and roots -------------------------------------------------------------------


def test_second_document_is_refused() -> None:
    parsed = parse_yaml("a: 1\n---\nb: 2\n")
    assert [(p.code, p.line, p.column) for p in parsed.problems] == [("S012", 1, 0)]


def test_one_explicit_document_is_accepted() -> None:
    assert _ok("---\na: 1\n...\n") == {"a": 1}


@pytest.mark.parametrize("text", ["", "# commentaire\n", "---\n", "~\n"])
def test_empty_documents_give_no_data(text: str) -> None:
    assert _ok(text) is None


# --- depth limit ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("opening", "closing"),
    [("[", "]"), ("{a: ", "}"), ("- ", ""), ("[{a: ", "}]")],
    ids=["crochets", "accolades", "tirets", "melange"],
)
def test_depth_limit_without_recursion_error(opening: str, closing: str) -> None:
    text = opening * 100_000 + "x" + closing * 100_000 + "\n"
    parsed = parse_yaml(text)
    assert _codes(parsed) == ["S010"]
    assert parsed.data is None


def test_depth_limit_is_exact() -> None:
    assert _codes(parse_yaml("[" * MAX_DEPTH + "]" * MAX_DEPTH)) == []
    deeper = parse_yaml("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))
    assert [(p.code, p.line, p.column) for p in deeper.problems] == [("S010", 0, MAX_DEPTH)]


def test_unclosed_brackets_are_a_syntax_error_not_a_crash() -> None:
    assert _codes(parse_yaml("[" * 100_000)) == ["S010"]
    assert _codes(parse_yaml("[" * 10)) == ["S001"]


# --- reader errors -------------------------------------------------------------------------


def test_control_character_position_counts_characters_not_bytes() -> None:
    # libyaml reports a byte offset; accents before the character must not shift the column.
    parsed = parse_yaml("# ééé\nnom: Prés\x07\n")
    assert [(p.code, p.line, p.column) for p in parsed.problems] == [("S011", 1, 9)]
    assert "U+0007" in str(parsed.problems[0].params["detail"])


def test_lone_surrogate_is_reported_not_raised() -> None:
    parsed = parse_yaml("a: b\nc: \ud800\n")
    assert [(p.code, p.line, p.column) for p in parsed.problems] == [("S004", 1, 3)]


def test_tab_indentation_is_its_own_rule() -> None:
    parsed = parse_yaml("a:\n\tb: 1\n")
    assert [(p.code, p.line, p.column) for p in parsed.problems] == [("S003", 1, 0)]


def test_syntax_errors_are_translated() -> None:
    parsed = parse_yaml('a: "non fermé\n')
    [problem] = parsed.problems
    assert problem.code == "S001"
    assert "guillemet" in str(problem.params["detail"])


# --- never raises --------------------------------------------------------------------------

# Fragments that reach the parser's corners: flow and block syntax, anchors, tags, documents.
_YAMLISH = st.lists(
    st.sampled_from(
        [
            *"abé:- \n\t[]{},&*!|>'\"#%@`?~<=.0123456789",
            *("\r\n", "---", "...", "<<: ", "\x07", "\ufeff", "\x85"),
            *("!!python/object:os.system ", "!!int ", "&a ", "*a"),
        ]
    ),
    max_size=80,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), _YAMLISH))
def test_parse_yaml_never_raises(text: str) -> None:
    parsed = parse_yaml(text)
    codes = set(all_rules())
    for problem in parsed.problems:
        assert problem.code in codes
        assert problem.line >= 0
        assert problem.column >= 0
    if parsed.problems:
        return
    assert _only_plain_values(parsed.data)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(categories=["Cs", "Cc", "Ll"]), max_size=50))
def test_parse_yaml_never_raises_on_surrogates_and_controls(text: str) -> None:
    parse_yaml(text)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.binary(), _YAMLISH.map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_load_bytes_never_raises(data: bytes) -> None:
    loaded = load_bytes(data, "aleatoire.yaml")
    assert loaded.data is None or isinstance(loaded.data, dict)
    assert (loaded.data is None) == bool(loaded.findings)
    for finding in loaded.findings:
        assert finding.message
        assert finding.line >= 0
        assert finding.column >= 0


# --- numbers written with too many digits ----------------------------------------------------


@pytest.mark.parametrize(
    ("plain", "digits"),
    [
        ("1" * 5_000, 5_000),
        ("-" + "9" * 101, 101),
        ("0x" + "f" * 101, 101),
        ("0o" + "7" * 101, 101),
        ("1" * 60 + "." + "1" * 60, 120),
        ("1" * 101 + "e5", 102),
    ],
)
def test_numbers_with_too_many_digits_are_reported_not_converted(plain: str, digits: int) -> None:
    resolved = resolve_plain(plain)
    assert resolved == HugeNumber(plain, digits)
    parsed = parse_yaml(f"a:\n  b: {plain}\n")
    assert [(p.code, p.line, p.column) for p in parsed.problems] == [("S017", 1, 5)]
    assert parsed.problems[0].params["limite"] == MAX_DIGITS


def test_numbers_up_to_the_limit_are_numbers() -> None:
    assert _ok(f"a: {'9' * MAX_DIGITS}\nb: 0x{'f' * MAX_DIGITS}\nc: 1e999\n") == {
        "a": int("9" * MAX_DIGITS),
        "b": int("f" * MAX_DIGITS, 16),
        "c": math.inf,
    }


def test_tagged_numbers_with_too_many_digits_are_reported() -> None:
    parsed = parse_yaml(f"a: !!int {'1' * 5_000}\nb: !!float {'2' * 200}\n")
    assert [(p.code, p.line, p.column) for p in parsed.problems] == [
        ("S017", 0, 3),
        ("S017", 1, 3),
    ]


def test_quoted_digits_stay_text() -> None:
    assert _ok(f'a: "{"1" * 5_000}"\n') == {"a": "1" * 5_000}


# --- control characters written as escapes ---------------------------------------------------


@pytest.mark.parametrize(
    ("escape", "code"),
    [
        ("\\e", 0x1B),
        ("\\x1b", 0x1B),
        ("\\u0007", 0x07),
        ("\\U0000009b", 0x9B),
        ("\\x9b", 0x9B),
        ("\\x7f", 0x7F),
        ("\\0", 0x00),
        ("\\a", 0x07),
        ("\\b", 0x08),
        ("\\v", 0x0B),
        ("\\f", 0x0C),
        ("\\N", 0x85),
    ],
)
def test_control_escapes_are_reported_at_the_escape(escape: str, code: int) -> None:
    parsed = parse_yaml(f'titre: "Écran {escape}[2J"\n')
    [problem] = parsed.problems
    assert (problem.code, problem.line, problem.column) == ("S018", 0, 14)
    assert f"U+{code:04X}" in str(problem.params["detail"])
    assert f"« {escape} »" in str(problem.params["detail"])


def test_control_escapes_in_keys_and_on_later_lines() -> None:
    text = 'a:\n  "cl\\eé": 1\n  b: "une\n    deux \\x07"\n  c: "\\\\e est permis"\n'
    parsed = parse_yaml(text)
    assert [(p.code, p.line, p.column) for p in parsed.problems] == [
        ("S018", 1, 5),
        ("S018", 3, 9),
    ]


def test_tab_line_feed_and_carriage_return_escapes_stay_allowed() -> None:
    assert _ok('a: "x\\ty\\nz\\r\\n"\nb: "\\u00e9\\x41\\u2028"\n') == {
        "a": "x\ty\nz\r\n",
        "b": "éA\u2028",
    }


# --- bounded work ----------------------------------------------------------------------------


def test_problems_beyond_the_limit_are_counted_not_kept() -> None:
    parsed = parse_yaml("k: 1\n" * 50, max_problems=10)
    assert _codes(parsed) == ["S002"] * 10
    assert parsed.omitted == 39


def test_values_beyond_the_limit_stop_the_reading() -> None:
    parsed = parse_yaml("- 1\n" * (MAX_VALUES + 10))
    # The list is value 1, the item of (0-based) line n is value n + 2.
    assert [(p.code, p.line, p.column) for p in parsed.problems] == [("S016", MAX_VALUES - 1, 2)]
    assert parsed.data is None
