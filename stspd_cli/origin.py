"""Where this copy of stspd comes from: the commit it was built from, and its repository's
address when one is known, for the install lines ``stspd init`` writes.

A wheel records them at build time (``hatch_build.py`` -> ``data/origine.json``); stspd run from
a git checkout (an editable install) asks git. There is no public address of the stspd
repository yet: without one, the lines keep the placeholder ``ADRESSE-DU-DEPOT-STSPD`` that the
new repository's README says how to complete."""

from __future__ import annotations

import json
import shutil
import subprocess
from functools import cache
from pathlib import Path
from typing import NamedTuple

from stspd_cli import __version__
from stspd_cli.resources import data_dir

ADDRESS = "ADRESSE-DU-DEPOT-STSPD"  # in the templates of data/ci and data/depot
REVISION = "COMMIT"


class Origin(NamedTuple):
    commit: str | None
    address: str | None
    modified: bool = False


def _git(folder: Path, *args: str) -> str | None:
    git = shutil.which("git")
    if git is None:
        return None
    done = subprocess.run(  # noqa: S603 (fixed arguments, no shell)
        [git, "-C", str(folder), *args], capture_output=True, text=True, check=False, timeout=30
    )
    return done.stdout.strip() or None if done.returncode == 0 else None


@cache
def origin() -> Origin:
    recorded = data_dir() / "origine.json"
    if recorded.is_file():
        raw = json.loads(recorded.read_text(encoding="utf-8"))
        return Origin(raw.get("commit"), raw.get("depot"), bool(raw.get("modifie")))
    checkout = Path(__file__).resolve().parents[1]
    if not (checkout / ".git").exists():
        return Origin(None, None)
    status = _git(checkout, "status", "--porcelain", "--untracked-files=no")
    return Origin(
        _git(checkout, "rev-parse", "HEAD"),
        _git(checkout, "remote", "get-url", "origin"),
        bool(status),
    )


def pip_address(remote: str) -> str:
    """The address pip, pipx and uv take for a git remote: ``git+https://...``,
    ``git+ssh://git@host/path`` for ``git@host:path``, ``git+file:///path`` for a folder."""
    if "://" in remote:
        return f"git+{remote}"
    host, colon, path = remote.partition(":")
    if colon and "/" not in host and not Path(remote).exists():  # git@forge.fr:outils/stspd
        return f"git+ssh://{host}/{path}"
    return f"git+{Path(remote).resolve().as_uri()}"


def install_words(text: str) -> str:
    """``text`` with the placeholders of an install line filled in as far as they are known:
    the commit of this copy, the repository's address; the others stay, to complete."""
    found = origin()
    if found.commit:
        text = text.replace(f"@{REVISION}", f"@{found.commit}")
        text = text.replace(f"rev: {REVISION}", f"rev: {found.commit}")
    if found.address:
        text = text.replace(f"git+{ADDRESS}", pip_address(found.address))
        text = text.replace(ADDRESS, found.address)
    return text


def version_words() -> str:
    """``stspd 0.2.0 (commit 1a2b3c4)``: the version, and the commit when it is known."""
    found = origin()
    if not found.commit:
        return f"stspd {__version__}"
    state = ", modifié depuis" if found.modified else ""
    return f"stspd {__version__} (commit {found.commit[:12]}{state})"
