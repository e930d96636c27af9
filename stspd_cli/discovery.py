"""Find the strategy files named on the command line (files, or folders searched recursively)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from stspd_cli.errors import UsageError

SUFFIXES = (".yaml", ".yml")


def strategy_files(paths: Iterable[Path]) -> list[Path]:
    """Files as given, and the ``*.yaml``/``*.yml`` files under folders (hidden ones skipped).

    A path that does not exist is kept: loading it reports it as unreadable, with its name.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(_yaml_files(path))
            if not inside:
                msg = f"aucun fichier .yaml dans le dossier « {path} »"
                hint = "vérifiez le chemin : une stratégie est un fichier .yaml ou .yml."
                raise UsageError(msg, hint=hint)
            found.extend(inside)
        else:
            found.append(path)
    # Keep order, drop repeats (a file named twice is checked once).
    return list(dict.fromkeys(found))


def _yaml_files(folder: Path) -> Iterator[Path]:
    """The YAML files under ``folder``; hidden folders are not entered, hidden files skipped."""
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        base = Path(root)
        for name in names:
            if name.endswith(SUFFIXES) and not name.startswith("."):
                path = base / name
                if path.is_file():
                    yield path
