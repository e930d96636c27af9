"""The strategies repository a command runs in, found from any of its folders as git and ruff do.

Walking up from a folder, the first one that holds a settings file (``stspd.toml``,
``.stspd.toml``), a ``strategies/`` folder or ``.git`` ends the walk: it is the repository
root, unless it is a git repository without settings nor ``strategies/`` (then there is none).
The walk never goes above a git repository: a settings file in a parent folder (``/tmp`` is
writable by everyone) is not the repository's; nor does a settings file owned by another user
count (:func:`trusted_settings`).
"""

from __future__ import annotations

from pathlib import Path

SETTINGS_NAMES = ("stspd.toml", ".stspd.toml")
STRATEGIES = "strategies"
OUTPUTS = "build"  # where outputs go when no -o says otherwise (ignored by stspd init's .gitignore)


def trusted_settings(path: Path) -> bool:
    """A settings file counts when it is a file owned by the user who runs stspd (or by anyone
    for root, as in a CI container), as git refuses a repository owned by someone else: a
    ``.stspd.toml`` left in a folder everyone can write to is not the user's."""
    import os  # noqa: PLC0415

    try:
        info = path.stat()
    except OSError:
        return False
    getuid = getattr(os, "getuid", None)
    if getuid is None:  # Windows: no owner to compare
        return path.is_file()
    uid = getuid()
    return path.is_file() and uid in {0, info.st_uid}


def _marks(folder: Path) -> tuple[bool, bool, bool]:
    """(settings file, strategies/ folder, .git) in ``folder``."""
    settings = any(trusted_settings(folder / name) for name in SETTINGS_NAMES)
    # .git is a folder, or a file in a worktree or a submodule.
    return settings, (folder / STRATEGIES).is_dir(), (folder / ".git").exists()


def find_root(start: Path | None = None) -> Path | None:
    """The repository root at or above ``start`` (the working directory by default)."""
    folder = (start or Path.cwd()).absolute()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        settings, strategies, git = _marks(candidate)
        if settings or strategies:
            return candidate
        if git:
            return None
    return None


def boundary(start: Path) -> Path | None:
    """The highest folder a search from ``start`` may look in: the nearest folder holding
    ``.git``; outside git, the repository root (:func:`find_root`); None when ``start`` is in
    neither (look in its own folder only)."""
    folder = start.absolute()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return find_root(folder)


def outputs_folder() -> Path:
    """``build/`` at the repository root, or in the working directory outside a repository;
    relative to the working directory when it is below it, as messages show paths."""
    import os  # noqa: PLC0415

    folder = (find_root() or Path.cwd()) / OUTPUTS
    try:
        return Path(os.path.relpath(folder, Path.cwd()))
    except ValueError:  # another drive, on Windows
        return folder
