"""Find the strategy files named on the command line (files, or folders searched recursively)."""

from __future__ import annotations

from collections.abc import Iterable
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
            inside = sorted(
                p
                for p in path.rglob("*")
                if p.suffix in SUFFIXES
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not inside:
                msg = f"aucun fichier .yaml dans le dossier « {path} »"
                hint = "vérifiez le chemin : une stratégie est un fichier .yaml ou .yml."
                raise UsageError(msg, hint=hint)
            found.extend(inside)
        else:
            found.append(path)
    # Keep order, drop repeats (a file named twice is checked once).
    return list(dict.fromkeys(found))
