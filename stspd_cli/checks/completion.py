"""Completion rule: no text is still « à compléter », the words stspd writes where a strategy
does not say what the model asks (:mod:`stspd_cli.placeholder`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from stspd_cli.checks import CheckContext, check
from stspd_cli.findings import Path_
from stspd_cli.model.items import strings_of
from stspd_cli.placeholder import left_in


def left_to_complete(doc: Any, *, restricted: bool = True) -> Iterator[Path_]:
    """Where the document's texts still say « à compléter » (with ``restricted=False``, none
    inside a restricted item: what a public document prints)."""
    for path, text, _holder in strings_of(doc, restricted=restricted):
        if left_in(text):
            yield path


@check("T001")
def nothing_left_to_complete(ctx: CheckContext) -> None:
    """A text that still says « à compléter » is reported where it is, restricted or not."""
    for path in left_to_complete(ctx.doc):
        field = next((part for part in reversed(path) if isinstance(part, str)), "")
        ctx.report("T001", path, champ=field)
