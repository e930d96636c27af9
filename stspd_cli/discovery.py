"""Which files a command reads: the one input path of every command.

- Nothing named: the ``strategies/`` folder of the repository, found from any of its folders
  (:mod:`stspd_cli.repository`).
- A folder: its YAML files that are strategies (first key ``schema: stspd/…``,
  :mod:`stspd_cli.sniff`), searched recursively, hidden ones left out; the other YAML files are
  skipped, never read further nor rewritten, and counted in one line of the summary.
- A file: read as given, whatever it holds; one that is not a strategy gets one finding (S019).
- ``-``: one strategy read from standard input (:mod:`stspd_cli.inputs`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from stspd_cli.errors import UsageError

SUFFIXES = (".yaml", ".yml")
STDIN = Path("-")
NOWHERE = "aucune stratégie ici ; lancez stspd à la racine du dépôt ou donnez le chemin"
NOWHERE_HINT = (
    "un dépôt de stratégies a un dossier strategies/ (ou un fichier stspd.toml) ; "
    "stspd init en prépare un."
)
_SHOWN_SKIPPED = 3


class Selection:
    """The strategies to read, in order, and the YAML files met on the way that are not.
    (A plain class: built on every run, a dataclass costs a quarter of a millisecond to define.)"""

    __slots__ = ("files", "folders", "found_in", "skipped")

    def __init__(self) -> None:
        self.files: list[Path] = []
        self.skipped: list[Path] = []
        # The folder each file was found in (files named directly are not in it).
        self.found_in: dict[Path, Path] = {}
        # Whether a folder was named (or none, for strategies/): one output per strategy then.
        self.folders = False

    def skipped_line(self) -> str | None:
        """The one summary line about skipped files, or None when there is none."""
        from stspd_cli.inputs import display_name  # noqa: PLC0415

        return skipped_sentence([display_name(p) for p in self.skipped])


def skipped_sentence(names: Sequence[str]) -> str | None:
    """« 2 fichiers YAML ignorés, qui ne sont pas des stratégies : mkdocs.yml, ci.yaml »."""
    if not names:
        return None
    from stspd_cli.fr import plural  # noqa: PLC0415

    shown = ", ".join(names[:_SHOWN_SKIPPED])
    more = " ..." if len(names) > _SHOWN_SKIPPED else ""
    if len(names) == 1:
        return f"1 fichier YAML ignoré, qui n'est pas une stratégie : {shown}"
    count = plural(len(names), "fichier YAML ignoré", "fichiers YAML ignorés")
    return f"{count}, qui ne sont pas des stratégies : {shown}{more}"


def default_folder() -> Path:
    """``strategies/`` of the repository, as a path relative to the working directory."""
    from stspd_cli.repository import STRATEGIES, find_root  # noqa: PLC0415

    root = find_root()
    if root is None or not (root / STRATEGIES).is_dir():
        raise UsageError(NOWHERE, hint=NOWHERE_HINT)
    try:
        return Path(os.path.relpath(root / STRATEGIES))
    except ValueError:  # another drive, on Windows
        return root / STRATEGIES


def select(paths: Sequence[Path] | None, *, stdin: bool = False, single: bool = False) -> Selection:
    """The strategies named by ``paths`` (the repository's ``strategies/`` when empty).

    ``stdin``: ``-`` may name standard input, once. ``single``: exactly one strategy is
    expected (a folder of several is refused). A path that does not exist is kept: reading it
    reports it as unreadable, with its name."""
    defaulted = not paths
    selection = Selection()
    for path in paths or [default_folder()]:
        if path == STDIN:
            if not stdin:
                msg = "« - » (entrée standard) n'est pas accepté par cette commande"
                raise UsageError(msg, hint="donnez le chemin du fichier.")
            if STDIN in selection.files:
                raise UsageError("l'entrée standard ne se lit qu'une fois : « - » est répété")
            selection.files.append(path)
        elif path.is_dir():
            selection.folders = True
            _walk(path, selection, defaulted=defaulted)
        else:
            selection.files.append(path)
    # Keep order, drop repeats (a file named twice is read once).
    selection.files = list(dict.fromkeys(selection.files))
    if single and len(selection.files) > 1:
        shown = ", ".join(str(p) for p in selection.files[:3])
        msg = f"une seule stratégie attendue, {len(selection.files)} trouvées : {shown}"
        raise UsageError(msg, hint="nommez le fichier de la stratégie.")
    return selection


def _walk(folder: Path, selection: Selection, *, defaulted: bool) -> None:
    from stspd_cli.sniff import file_is_strategy  # noqa: PLC0415

    found = 0
    for path in sorted(_yaml_files(folder)):
        if file_is_strategy(path):
            selection.files.append(path)
            selection.found_in.setdefault(path, folder)
            found += 1
        else:
            selection.skipped.append(path)
    if found:
        return
    if defaulted:
        raise UsageError(NOWHERE, hint=NOWHERE_HINT)
    msg = f"aucune stratégie dans le dossier « {folder} »"
    skipped = selection.skipped_line()
    hint = (
        f"{skipped} ; une stratégie commence par « schema: stspd/1 »."
        if skipped
        else "une stratégie est un fichier .yaml ou .yml qui commence par « schema: stspd/1 »."
    )
    raise UsageError(msg, hint=hint)


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


def strategy_files(paths: Sequence[Path]) -> list[Path]:
    """The strategies named by ``paths``, for library callers that need no summary."""
    return select(paths).files
