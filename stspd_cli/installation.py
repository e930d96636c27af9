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


def install_hint(*requirements: str) -> str:
    """The command that installs ``requirements`` (``weasyprint>=62``) next to stspd."""
    quoted = " ".join(shlex.quote(r) for r in requirements)
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


def extra_requirements(extra: str) -> list[str]:
    """The libraries of an optional part of stspd (an extra of pyproject.toml: ``pdf``,
    ``office``, ``convertir``), as the installed package declares them."""
    from importlib.metadata import PackageNotFoundError, requires  # noqa: PLC0415

    try:
        declared = requires("stspd-cli") or []
    except PackageNotFoundError:  # pragma: no cover - run from a copy that is not installed
        return []
    found = []
    for line in declared:
        requirement, _, marker = line.partition(";")
        if marker.replace("'", '"').split() == ["extra", "==", f'"{extra}"']:
            found.append(requirement.strip())
    return found


def extra_hint(extra: str) -> str:
    """« installez-le avec : pipx inject stspd-cli 'pdfplumber>=0.11' ... (docs/...) »: the
    command of the installation in use, with the libraries of the extra. stspd is not on a
    package index: ``pip install 'stspd-cli[office]'`` would find nothing."""
    return f"installez-le avec : {install_hint(*extra_requirements(extra))}"
