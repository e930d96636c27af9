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
from stspd_cli.walk import child, here_below, some_yaml_names, yaml_names

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


class Stream:
    """The strategies of :func:`select`, one at a time in the order of their displayed names
    (the order of a sorted report), for a command that reads each once and keeps nothing per
    file (``validate``): a folder is walked as its files are read (:mod:`stspd_cli.walk`), and
    no list of them is ever made. ``skipped`` holds the names of the other YAML files met, in
    the order of :class:`Selection`, complete once the files are read to their end.

    Each file comes with its displayed name (:func:`stspd_cli.inputs.display_name`); a file
    found in a folder comes as the text of its path, not as a ``Path`` (see
    :func:`stspd_cli.walk.child`). A file named twice is read once. Usage errors are those of
    :func:`select`, raised before the first file comes (a folder without any strategy is found
    out when its walk starts, before the first file of any folder is given)."""

    __slots__ = ("_defaulted", "_named", "_skipped", "_stdin", "skipped")

    def __init__(self, paths: Sequence[Path] | None, *, stdin: bool = False) -> None:
        if list(paths or []).count(STDIN) > (1 if stdin else 0):
            select(paths, stdin=stdin)  # raises the error select gives, in its order
        self._named = list(paths or [default_folder()])
        self._defaulted = not paths
        self._stdin = stdin
        self.skipped: list[str] = []
        # (rank of the folder named, parts of the path below it, displayed name)
        self._skipped: list[tuple[int, tuple[str, ...], str]] = []

    def files(self) -> Iterator[tuple[Path | str, str]]:
        """Each file to read and its displayed name."""
        import heapq  # noqa: PLC0415

        from stspd_cli.inputs import display_name  # noqa: PLC0415

        sources: list[Iterator[tuple[str, Path | str]]] = []
        for rank, path in enumerate(self._named):
            if path != STDIN and path.is_dir():
                sources.extend(self._walks(rank, path))
            else:
                sources.append(iter([(display_name(path), path)]))
        name = ""
        same_name: set[str] = set()
        try:
            # Each source is in the order of the names; merged, ties keep the order named.
            for shown, file in heapq.merge(*sources, key=lambda pair: pair[0]):
                if shown != name:
                    name, same_name = shown, set()
                if str(file) not in same_name:  # the same file has the same name: they meet
                    same_name.add(str(file))
                    yield file, shown
        except _NoStrategyError as empty:
            # The error select gives, with its summary of what was skipped before.
            select(None if self._defaulted else self._named, stdin=self._stdin)
            raise UsageError(f"aucune stratégie dans le dossier « {empty.folder} »") from None
        self._skipped.sort(key=lambda skipped: (skipped[0], skipped[1]))
        self.skipped[:] = [shown for _rank, _parts, shown in self._skipped]
        self._skipped.clear()

    @property
    def reads_stdin(self) -> bool:
        return STDIN in self._named

    def sample(self, count: int) -> list[tuple[Path | str, str]]:
        """Up to ``count`` of the files :meth:`files` gives, but standard input, found without
        listing nor sorting any folder: enough to choose how to read them all (on how many
        cores, and which one to read first, :func:`stspd_cli.workers.lazily`). Each folder is
        looked at until it shows a strategy: the usage errors of :func:`select` are raised
        here, before any file is read."""
        from stspd_cli.inputs import display_name  # noqa: PLC0415

        found: dict[str, tuple[Path | str, str]] = {}
        for path in self._named:
            if path == STDIN:
                continue
            if not path.is_dir():
                if len(found) < count:
                    found.setdefault(str(path), (path, display_name(path)))
                continue
            from stspd_cli.sniff import file_is_strategy  # noqa: PLC0415  (folders only)

            seen = False
            for name in some_yaml_names(str(path)):
                text = child(str(path), name)
                if file_is_strategy(text):
                    seen = True
                    if len(found) < count:
                        found.setdefault(text, (text, display_name(Path(text))))
                if seen and len(found) >= count:
                    break
            if not seen:
                select(None if self._defaulted else self._named, stdin=self._stdin)
        return list(found.values())

    def _walks(self, rank: int, folder: Path) -> list[Iterator[tuple[str, Path | str]]]:
        """The walks of one folder, each in the order of its names: one, or two when the
        working directory is below it (:func:`stspd_cli.walk.here_below`)."""
        found = [False]  # by either walk: the first one is started first (heapq.merge)
        here = here_below(folder)
        if here is None:
            return [self._walk(rank, folder, (), (), found)]
        return [
            self._walk(rank, folder, here, (), found),
            self._walk(rank, folder, (), here, found),
        ]

    def _walk(
        self,
        rank: int,
        folder: Path,
        below: tuple[str, ...],
        aside: tuple[str, ...],
        found: list[bool],
    ) -> Iterator[tuple[str, Path | str]]:
        from stspd_cli.inputs import display_name, printable_name  # noqa: PLC0415
        from stspd_cli.sniff import file_is_strategy  # noqa: PLC0415

        top = folder.joinpath(*below)
        # The names of the files below ``top`` all begin alike (display_name is lexical).
        shown = display_name(top / "_")[:-1]
        for name in yaml_names(str(top), aside=aside):
            path = child(str(top), name)
            if file_is_strategy(path):
                found[0] = True
                yield shown + printable_name(name), path
            else:
                parts = (*below, *Path(name).parts)
                self._skipped.append((rank, parts, shown + printable_name(name)))
        if not found[0] and not below:
            raise _NoStrategyError(folder)


class _NoStrategyError(Exception):
    """A folder walked by :class:`Stream` holds no strategy: :func:`select` says so."""

    def __init__(self, folder: Path) -> None:
        super().__init__(str(folder))
        self.folder = folder


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
    for name in yaml_names(str(folder)):
        yield folder / name


def strategy_files(paths: Sequence[Path]) -> list[Path]:
    """The strategies named by ``paths``, for library callers that need no summary."""
    return select(paths).files
