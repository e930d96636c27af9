"""Build hook: the wheel records the commit it was built from (stspd_cli/data/origine.json).

``stspd init`` writes that commit in the CI files and the pre-commit configuration of a new
repository, so that they install the very version that made them (a commit travels with every
clone of the repository; a tag may not). Built outside a git checkout, nothing is recorded.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

TARGET = "stspd_cli/data/origine.json"


def _git(root: Path, *args: str) -> str | None:
    git = shutil.which("git")
    if git is None or not (root / ".git").exists():
        return None
    done = subprocess.run(  # noqa: S603 (fixed arguments, no shell)
        [git, "-C", str(root), *args], capture_output=True, text=True, check=False
    )
    return done.stdout.strip() if done.returncode == 0 else None


class OriginHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        root = Path(self.root)
        commit = _git(root, "rev-parse", "HEAD")
        if commit is None:
            return
        origin = {
            "commit": commit,
            "modifie": bool(_git(root, "status", "--porcelain", "--untracked-files=no")),
            "depot": _git(root, "remote", "get-url", "origin"),
        }
        folder = Path(tempfile.mkdtemp(prefix="stspd-origine-"))
        self._written = folder  # removed once the wheel holds it (finalize)
        path = folder / "origine.json"
        path.write_text(json.dumps(origin, indent=2) + "\n", encoding="utf-8")
        build_data["force_include"][str(path)] = TARGET

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        """The temporary folder of ``origine.json`` goes once the wheel is written (each build
        left one in the system's temporary folder)."""
        folder = getattr(self, "_written", None)
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
