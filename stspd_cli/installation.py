"""How stspd was installed, to name the command that adds an optional library to it.

pip in a virtual environment, pipx and ``uv tool`` each keep stspd in their own environment: the
hint of a :class:`~stspd_cli.errors.DependencyError` names the command of the one in use, with
the interpreter that runs stspd, so that the library lands where stspd will find it."""

from __future__ import annotations

import shlex
import sys
from pathlib import PurePath


def installer() -> str:
    """``pipx``, ``uv`` (uv tool) or ``pip``, from where stspd's environment lives."""
    parts = PurePath(sys.prefix).parts
    for index in range(len(parts) - 1):
        if parts[index] == "pipx" and parts[index + 1] == "venvs":
            return "pipx"
        if parts[index] == "uv" and parts[index + 1] == "tools":
            return "uv"
    return "pip"


def install_hint(requirement: str) -> str:
    """The command that installs ``requirement`` (``weasyprint>=62``) next to stspd."""
    quoted = shlex.quote(requirement)
    how = installer()
    if how == "pipx":
        return f"pipx inject stspd-cli {quoted}"
    if how == "uv":
        return f"uv pip install --python {shlex.quote(sys.executable)} {quoted}"
    return f"{shlex.quote(sys.executable)} -m pip install {quoted}"


def system_libraries_hint(debian: str, macos: str, windows: str) -> str:
    """Where to get a system library WeasyPrint needs, for the system stspd runs on."""
    if sys.platform == "darwin":
        return f"sous macOS : {macos}"
    if sys.platform == "win32":
        return f"sous Windows : {windows}"
    return f"sous Debian ou Ubuntu : {debian}"
