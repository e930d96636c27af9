"""Access to the data files shipped inside the package (vocabularies, frames, messages)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any


def data_dir() -> Path:
    # The package is installed as files (a wheel, or editable): no need for importlib.resources,
    # which costs 4 ms at each start.
    return Path(__file__).parent / "data"


@cache
def load_data(name: str) -> Any:
    """Load a trusted YAML data file of the package, with the same safe parser as strategies."""
    from stspd_cli.yamlparse import parse_yaml  # noqa: PLC0415  (avoid an import cycle)

    text = (data_dir() / name).read_text(encoding="utf-8")
    parsed = parse_yaml(text)
    if parsed.problems:
        first = parsed.problems[0]
        msg = f"fichier de données {name} invalide ligne {first.line + 1} : {first.code}"
        raise RuntimeError(msg)
    return parsed.data
