"""Where the two versions come from: a file, or a git object ``REV:PATH`` read with real git.

Git is called without a shell, with fixed options; the revision is checked first so that nothing
the user typed can become a git option.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from stspd_cli.errors import UnreadableInputError, UsageError
from stspd_cli.model import Document
from stspd_cli.source import MAX_BYTES, too_big
from stspd_cli.strategy_io import load_model, load_model_bytes

# A plain revision: names, tags, hashes, ~ and ^ suffixes, @{...} reflog forms. No spaces, no
# leading dash, no "..", no option-like or control characters.
_REVISION = re.compile(r"^[A-Za-z0-9_@][A-Za-z0-9_./@{}~^+-]*$")
_GIT_TIMEOUT = 30


def is_git_object(argument: str) -> bool:
    """``REV:PATH`` unless it names an existing file (a file may contain a colon)."""
    return ":" in argument and not Path(argument).exists()


def check_revision(revision: str) -> None:
    if (
        not revision
        or revision.startswith("-")
        or ".." in revision
        or not _REVISION.match(revision)
        or revision.endswith((".lock", "/", "."))
    ):
        msg = (
            f"révision git « {revision} » refusée : donnez un nom de branche, d'étiquette ou de "
            "commit (par exemple v2017, main, HEAD~2)"
        )
        raise UsageError(msg)


def _git() -> str:
    git = shutil.which("git")
    if git is None:
        msg = "git est introuvable : installez git pour comparer des versions REV:CHEMIN"
        raise UsageError(msg)
    return git


def read_git_object(argument: str, cwd: Path | None = None) -> bytes:
    revision, _, path = argument.partition(":")
    check_revision(revision)
    if not path or path.startswith("-"):
        msg = f"« {argument} » : indiquez le fichier après les deux-points (REV:CHEMIN)"
        raise UsageError(msg)
    git = _git()
    inside = subprocess.run(  # noqa: S603  (fixed argv, no shell)
        [git, "rev-parse", "--is-inside-work-tree"],
        cwd=cwd,
        capture_output=True,
        timeout=_GIT_TIMEOUT,
        check=False,
    )
    if inside.returncode != 0:
        msg = f"« {argument} » désigne une version git, hors d'un dépôt git"
        raise UsageError(msg)
    verified = subprocess.run(  # noqa: S603
        [git, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"],
        cwd=cwd,
        capture_output=True,
        timeout=_GIT_TIMEOUT,
        check=False,
    )
    if verified.returncode != 0:
        msg = f"révision git « {revision} » introuvable dans ce dépôt"
        raise UsageError(msg, hint="git tag et git log --oneline listent les versions existantes.")
    commit = verified.stdout.decode().strip()
    _check_blob_size(git, f"{commit}:{path}", argument, revision, cwd)
    shown = subprocess.run(  # noqa: S603
        [git, "cat-file", "blob", f"{commit}:{path}"],
        cwd=cwd,
        capture_output=True,
        timeout=_GIT_TIMEOUT,
        check=False,
    )
    if shown.returncode != 0:
        msg = f"le fichier « {path} » n'existe pas dans la version « {revision} »"
        raise UnreadableInputError(
            msg, hint=f"git ls-tree -r --name-only {revision} liste les fichiers de cette version."
        )
    return shown.stdout


def _check_blob_size(git: str, obj: str, argument: str, revision: str, cwd: Path | None) -> None:
    """Refuse a blob over the strategy size limit before reading a byte of it: git says its
    size (``cat-file -s``) without unpacking it."""
    sized = subprocess.run(  # noqa: S603  (fixed argv, no shell)
        [git, "cat-file", "-s", obj],
        cwd=cwd,
        capture_output=True,
        timeout=_GIT_TIMEOUT,
        check=False,
    )
    if sized.returncode != 0:
        return  # no such file in that version: reading it says so
    size = int(sized.stdout.decode().strip() or 0)
    if size > MAX_BYTES:
        refused = too_big(argument, size)
        raise UnreadableInputError(
            f"{refused.location} : {refused.message}",
            hint=f"vérifiez que « {revision} » est la bonne version de la stratégie.",
        )


def load_version(argument: str, cwd: Path | None = None) -> Document:
    """A strategy from a file path or from ``REV:PATH``."""
    if is_git_object(argument):
        return load_model_bytes(read_git_object(argument, cwd), argument)
    return load_model(Path(argument))
