"""The YAML files under a folder, one at a time, in the order of their names as text.

A folder's files and subfolders are sorted together, a subfolder by its name followed by the
separator, and entered at its turn: the names come out as ``sorted`` would give them. Only the
entries of the folders being walked are held, at most ``BATCH`` names for each (a bigger
folder is read in several passes), never the list of the files found. Otherwise as
``os.walk``: hidden folders are not entered, links to folders not followed, folders that
cannot be read left out; hidden files are skipped, and only regular files (or links to one)
kept. :mod:`stspd_cli.discovery` decides which are strategies."""

from __future__ import annotations

import errno
import heapq
import os
import stat
from collections.abc import Iterator
from pathlib import Path

SUFFIXES = (".yaml", ".yml")
# The names one folder's walk holds at most: a folder of more entries is read in several
# passes, each giving the next names in order (a pass costs about 1 µs per entry; 10,000 files
# in one folder: 3 passes, 30 ms in all).
BATCH = 4096


def yaml_names(top: str, *, aside: tuple[str, ...] = ()) -> Iterator[str]:
    """The YAML files under the folder ``top`` (the text of its path), as paths relative to
    it. ``aside``: the parts of a folder below ``top`` that is not entered (walked on its own,
    see :func:`here_below`)."""
    for key in _sorted_keys(top):
        if not key.endswith(os.sep):
            if is_regular(child(top, key)):
                yield key
            continue
        further: tuple[str, ...] = ()
        if aside and key == aside[0] + os.sep:
            if len(aside) == 1:
                continue
            further = aside[1:]
        for name in yaml_names(child(top, key), aside=further):
            yield key + name


def _sorted_keys(top: str) -> Iterator[str]:
    """The keys of the entries of ``top`` (:func:`_key`), sorted, ``BATCH`` at a time: a
    folder of more entries is read again for each next batch, the names after the last one
    given (a folder that changes meanwhile gives what it holds when it is read). A folder that
    cannot be read gives nothing, or nothing more."""
    after = ""
    while True:
        try:
            with os.scandir(top) as entries:
                keys = (key for key in map(_key, entries) if key and key > after)
                batch = heapq.nsmallest(BATCH, keys)
        except OSError:
            return
        yield from batch
        if len(batch) < BATCH:
            return
        after = batch[-1]


def some_yaml_names(top: str) -> Iterator[str]:
    """The files of :func:`yaml_names` in the order the system gives them: the first ones
    come without a folder being listed (to look at a few, not to read them all)."""
    try:
        with os.scandir(top) as entries:
            for key in map(_key, entries):
                if not key:
                    continue
                if key.endswith(os.sep):
                    yield from (key + name for name in some_yaml_names(child(top, key)))
                elif is_regular(child(top, key)):
                    yield key
    except OSError:
        return


def _key(entry: os.DirEntry[str]) -> str:
    """A folder to enter (its name and the separator), a YAML file to look at (its name), or
    nothing (an empty key)."""
    name = entry.name
    if name.startswith("."):
        return ""
    try:
        is_dir = entry.is_dir()
    except OSError:
        is_dir = False
    if is_dir:
        return "" if _is_link(entry) else name + os.sep
    return name if name.endswith(SUFFIXES) else ""


def here_below(folder: Path) -> tuple[str, ...] | None:
    """The parts of the working directory below ``folder``, when walking ``folder`` enters it.

    The files found there are named from the working directory (« sous/x.yaml »,
    :func:`stspd_cli.inputs.display_name`, lexical as it is), the others from ``folder``
    (« ../y.yaml »): in the order of the names, they are two walks, the second of ``folder``
    with the working directory put aside."""
    here = Path.cwd()
    top = Path(os.path.normpath(folder.absolute()))
    if here == top or not here.is_relative_to(top):
        return None
    parts = here.relative_to(top).parts
    step = folder
    for part in parts:
        step /= part
        if part.startswith(".") or step.is_symlink() or not step.is_dir():
            return None  # the walk does not enter it
    return parts


def child(folder: str, name: str) -> str:
    """The text of ``Path(folder) / name``, for ``folder`` written as a ``Path`` writes it and
    ``name`` relative, without making a ``Path``: pathlib interns each part of the paths it
    makes (``sys.intern``, Python 3.11 to 3.13), and one new name per file makes the
    interpreter's table of interned strings grow (docs/performance.md)."""
    if folder == ".":
        return name
    return folder + name if folder.endswith(os.sep) else folder + os.sep + name


# Errors of ``stat`` that mean « not a regular file » to pathlib (the others are raised).
_NOT_THERE = frozenset({errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP})


def is_regular(path: str) -> bool:
    """``Path(path).is_file()``, without making a ``Path`` (see :func:`child`): a regular file,
    or a link to one."""
    try:
        mode = os.stat(path).st_mode  # noqa: PTH116  (text, not a Path: see child)
    except OSError as error:
        if error.errno not in _NOT_THERE:
            raise
        return False
    except ValueError:
        return False
    return stat.S_ISREG(mode)


def _is_link(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_symlink()
    except OSError:
        return False
