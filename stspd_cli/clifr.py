"""French for what the CLI library says itself: usage errors and help panel titles."""

from __future__ import annotations

import re
from functools import cache

from stspd_cli.resources import load_data


@cache
def _error_patterns() -> list[tuple[re.Pattern[str], str, str]]:
    table = load_data("cli_fr.yaml")["erreurs"]
    return [(re.compile(e["motif"], re.DOTALL), e["texte"], e.get("suggestion", "")) for e in table]


def translate_error(message: str) -> str:
    """The French version of a typer/click usage error; the original if none matches."""
    text = message.strip()
    for pattern, template, suggestion in _error_patterns():
        match = pattern.match(text)
        if match is None:
            continue
        args = ["", *(g or "" for g in match.groups())]
        result = template.format(*args)
        if suggestion and any(args[2:]):
            result += suggestion.format(*args)
        return result
    return text


def french_help() -> None:
    """Set typer's documented help constants to French before any help is shown."""
    from typer import rich_utils  # noqa: PLC0415

    for name, text in load_data("cli_fr.yaml")["aide"].items():
        setattr(rich_utils, name, text)
