"""Edit the ruamel round-trip tree as little as possible: only the changed values change.

- an existing value is replaced in place (its key, comments and quoting stay);
- a missing key is inserted where the model orders it (``statut`` after ``calendrier``...);
- a new measure goes into the indicator's ``mesures`` list, in date order, the list being
  created when the indicator has none.

ruamel attaches the comment lines and blank lines that follow a value to that value. When
something is inserted after it, those lines are moved after the inserted part, so that a comment
written above the next action stays above it.
"""

from __future__ import annotations

import copy
from typing import Any

from stspd_cli.dates import PartialDate
from stspd_cli.model import Action, Indicateur
from stspd_cli.model.introspect import fields_by_key
from stspd_cli.roundtrip import WIDTH, yaml_rt
from stspd_cli.spreadsheet.changes import AddMeasure, Edit, Problem, SetField

_ACTION_KEYS = list(fields_by_key(Action))
_INDICATOR_KEYS = list(fields_by_key(Indicateur))


def apply_edits(tree: Any, edits: list[Edit]) -> None:
    listed = [action for plan in tree.get("plans") or [] for action in plan.get("actions") or []]
    listed += list(tree.get("actions") or [])  # the actions outside any plan
    actions = {str(action["id"]): action for action in listed}
    for edit in edits:
        action = actions[edit.action]
        if isinstance(edit, SetField):
            value = _text(edit.value, action) if edit.field == "commentaire" else edit.value
            _set(action, edit.field, value, _ACTION_KEYS)
        else:
            _add_measure(action, edit)


def read_back(data: bytes, edits: list[Edit]) -> list[Problem]:
    """Read the rewritten strategy back as the next edit will (ruamel's round-trip loader) and
    compare every written value with the cell it comes from: a value that would not read back
    identical is refused at its cell, before anything is written."""
    from ruamel.yaml.error import YAMLError  # noqa: PLC0415

    hint = "réécrivez le texte de la cellule plus simplement, puis relancez"
    try:
        tree = yaml_rt().load(data.decode("utf-8-sig").replace("\r\n", "\n"))
    except (YAMLError, ValueError) as error:
        cells = ", ".join(dict.fromkeys(edit.where for edit in edits))
        msg = f"la stratégie réécrite ne se relirait pas ({type(error).__name__})"
        return [Problem(None, f"{msg} : rien n'est écrit ; cellules en cause : {cells}", hint)]
    listed = [a for plan in tree.get("plans") or [] for a in plan.get("actions") or []]
    listed += tree.get("actions") or []  # actions outside any plan
    actions = {str(action["id"]): action for action in listed}
    problems = []
    for edit in edits:
        wanted, found = _written(actions[edit.action], edit)
        if found != wanted:
            problems.append(
                Problem(
                    edit.where,
                    f"valeur « {wanted} » écrite dans la stratégie, relue « {found} » : "
                    "elle ne peut pas y être gardée telle quelle",
                    hint,
                )
            )
    return problems


def _written(action: Any, edit: Edit) -> tuple[object, object]:
    """What ``edit`` meant to write, and what the rewritten file holds there."""
    if isinstance(edit, SetField):
        return edit.value, _plain(action.get(edit.field))
    indicator = next(i for i in action["indicateurs"] if str(i["libelle"]) == edit.indicator)
    same_day = [m for m in indicator.get("mesures") or [] if _same_date(m["date"], edit.date)]
    found = [(_plain(m["valeur"]), _plain(m.get("commentaire"))) for m in same_day]
    wanted = (edit.value, edit.comment)
    return wanted, wanted if wanted in found else found


def _same_date(value: Any, wanted: PartialDate) -> bool:
    """Whether a date as ruamel reads it back (a ``date``, a year, a text) is ``wanted``, at the
    same precision."""
    try:
        return PartialDate.parse(value) == wanted
    except ValueError:
        return False


def _plain(value: Any) -> object:
    """A value as Python sees it, without ruamel's subclasses (their repr shows their style)."""
    for kind in (str, bool, int, float):
        if isinstance(value, kind):
            return kind(value)
    return value


def _add_measure(action: Any, edit: AddMeasure) -> None:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq  # noqa: PLC0415

    indicator = next(i for i in action["indicateurs"] if str(i["libelle"]) == edit.indicator)
    measure = CommentedMap([("date", _date_value(edit.date)), ("valeur", edit.value)])
    if edit.comment:
        measure["commentaire"] = _text(edit.comment, indicator, extra=4)
    measures = indicator.get("mesures")
    if not measures:
        fresh = CommentedSeq([measure])
        fresh.fa.set_block_style()
        _set(indicator, "mesures", fresh, _INDICATOR_KEYS)
        return
    position = len(measures)
    while position and str(measures[position - 1]["date"]) > edit.date.isoformat():
        position -= 1
    tail = _take_tail(measures[position - 1]) if position else None
    measures.insert(position, measure)
    _put_tail(measure, tail)


def _date_value(value: PartialDate) -> Any:
    """A date as ``fmt`` writes it: a day plain, a month in quotes, a year as a number."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString  # noqa: PLC0415

    if value.month is None:
        return value.year
    if value.day is None:
        return DoubleQuotedScalarString(value.isoformat())
    return value.first_day


def _set(mapping: Any, key: str, value: Any, order: list[str]) -> None:
    """Replace the value of ``key``, or insert the key after those that precede it in ``order``."""
    if key in mapping:
        if _is_block(value) and not _is_block(mapping[key]):
            _drop_line_end(mapping, key)
        elif _is_block(mapping[key]) and not _is_block(value):
            _add_line_end(mapping, key)
        elif not _is_block(value) and not _is_block(mapping[key]):
            _keep_comment_gap(mapping, key, len(str(value)) - len(str(mapping[key])))
        mapping[key] = value
        return
    rank = order.index(key)
    keys = list(mapping.keys())
    position = 0
    for i, existing in enumerate(keys):
        if existing in order and order.index(existing) < rank:
            position = i + 1
    tail = _take_tail(mapping, keys[position - 1]) if position else None
    mapping.insert(position, key, value)
    _put_tail(mapping, tail, key)


def _text(text: str | int, holder: Any, extra: int = 0) -> Any:
    """A comment as the file writes long texts: a literal block when it has several lines,
    a folded block (``>-``) wrapped at the file's width when it is long, else a plain value."""
    from ruamel.yaml.scalarstring import (  # noqa: PLC0415
        FoldedScalarString,
        LiteralScalarString,
        PlainScalarString,
    )

    text = str(text)
    if "\n" in text:
        return LiteralScalarString(text)
    column = getattr(getattr(holder, "lc", None), "col", None) or 0
    indent = column + 2 + extra  # a block scalar sits two spaces under its key
    key_width = column + extra + len("commentaire: ")
    if key_width + len(text) <= WIDTH:
        # Plain, even where the old value was a block (ruamel would keep the old style).
        return PlainScalarString(text)
    folded = FoldedScalarString(text)
    folded.fold_pos = _fold_positions(text, WIDTH - indent)
    return folded


def _fold_positions(text: str, width: int) -> list[int]:
    """Where to break a line (single spaces between words) so that no line exceeds ``width``."""
    positions: list[int] = []
    start = 0
    last_space = -1
    for i, char in enumerate(text):
        single = char == " " and 0 < i < len(text) - 1 and text[i - 1] != " " and text[i + 1] != " "
        if single:
            if i - start > width and last_space > start:
                positions.append(last_space)
                start = last_space + 1
            last_space = i
    if len(text) - start > width and last_space > start:
        positions.append(last_space)
    return positions


# ruamel keeps a comment in ``ca.items[key]``: index 2 after a mapping value, 0 after a list item.
def _slot(container: Any) -> tuple[Any, Any, int] | None:
    """The place of the comment printed after the last line of ``container``."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq  # noqa: PLC0415

    if isinstance(container, CommentedMap) and len(container):
        key = list(container.keys())[-1]
        child = container[key]
        if isinstance(child, CommentedMap | CommentedSeq) and len(child):
            return _slot(child)
        return container, key, 2
    if isinstance(container, CommentedSeq) and len(container):
        index = len(container) - 1
        child = container[index]
        if isinstance(child, CommentedMap | CommentedSeq) and len(child):
            return _slot(child)
        return container, index, 0
    return None


def _slot_after(container: Any, key: Any) -> tuple[Any, Any, int] | None:
    """The comment place after ``container[key]`` (or after all of ``container``)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq  # noqa: PLC0415

    if key is None:
        return _slot(container)
    child = container[key]
    if isinstance(child, CommentedMap | CommentedSeq) and len(child):
        return _slot(child)
    return container, key, 2


def _is_block(value: Any) -> bool:
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString  # noqa: PLC0415

    # A block scalar ends with its own line break: the comment token starts on the next line.
    return isinstance(value, FoldedScalarString | LiteralScalarString)


def _keep_comment_gap(mapping: Any, key: str, growth: int) -> None:
    """An end-of-line comment stays as far from a longer or shorter value as it was."""
    entry = mapping.ca.items.get(key)
    token = entry[2] if entry else None
    if token is None or token.value.startswith("\n") or token.start_mark is None or not growth:
        return
    mark = copy.copy(token.start_mark)
    mark.column = max(mark.column + growth, 0)
    token.start_mark = mark


def _drop_line_end(mapping: Any, key: str) -> None:
    """A plain value becomes a block: the block writes its own line end, the comment after the
    old value must not write a second one (it would add a blank line)."""
    entry = mapping.ca.items.get(key)
    if entry and entry[2] is not None and entry[2].value.startswith("\n"):
        rest = entry[2].value[1:]
        if rest:
            entry[2].value = rest
        else:
            entry[2] = None


def _add_line_end(mapping: Any, key: str) -> None:
    """A block becomes a plain value: the comment lines that followed the block now also carry
    the plain value's line end."""
    entry = mapping.ca.items.get(key)
    if entry and len(entry) > 2 and entry[2] is not None:
        entry[2].value = "\n" + entry[2].value


def _take_tail(container: Any, key: Any = None) -> Any:
    """Detach the lines that follow the last line of ``container`` (or of its ``key``)."""
    slot = _slot_after(container, key)
    if slot is None:
        return None
    holder, where, index = slot
    entry = holder.ca.items.get(where)
    if not entry or entry[index] is None:
        return None
    token = entry[index]
    if _is_block(holder[where]):
        entry[index] = None
        return token
    head, _, rest = token.value.partition("\n")
    if not rest:
        return None
    token.value = head + "\n"  # an end-of-line comment stays on its line
    moved = copy.copy(token)
    moved.value = rest
    return moved


def _put_tail(container: Any, tail: Any, key: Any = None) -> None:
    if tail is None:
        return
    slot = _slot_after(container, key)
    assert slot is not None
    holder, where, index = slot
    if not _is_block(holder[where]):
        tail.value = "\n" + tail.value
    entry = holder.ca.items.setdefault(where, [None, None, None, None])
    entry[index] = tail
