"""``stspd init``: a new strategies repository, ready for the coordinator.

It holds a README written for the coordinator, the pre-commit configuration, the CI files for
GitLab and GitHub (the same files as docs/ci/), the JSON schema for editors, the git settings of
``stspd diff`` and a first strategy made by the skeleton of ``stspd new``. Nothing is ever
overwritten: if one of these files exists, nothing is written at all.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from string import Template

from stspd_cli.edit.skeleton import SCHEMA_FILE, Answers, skeleton_text
from stspd_cli.errors import OutputError

# Repository file -> template shipped in stspd_cli/data/.
TEMPLATES = {
    "README.md": "depot/README.md",
    ".gitignore": "depot/gitignore",
    ".gitattributes": "depot/gitattributes",
    ".pre-commit-config.yaml": "depot/pre-commit-config.yaml",
    ".gitlab-ci.yml": "ci/gitlab-ci.yml",
    ".github/workflows/stspd.yml": "ci/github-workflow.yml",
    ".vscode/settings.json": "depot/vscode-settings.json",
    ".vscode/extensions.json": "depot/vscode-extensions.json",
}
# git diff shows strategies as stspd texte writes them; where stspd is not on the PATH (a GUI
# client, pre-commit's own environment) or cannot read a version, the file as it is: git
# stops the whole diff (exit 128) when a textconv command fails.
TEXTCONV = r'sh -c "stspd texte \"\$1\" 2>/dev/null || cat \"\$1\"" stspd-texte'


@dataclass(slots=True)
class InitResult:
    folder: Path
    strategy: Path
    written: list[Path] = field(default_factory=list)
    git: str = ""  # what was done with git, in French; empty when git is not installed


def plan_files(answers: Answers, today: date) -> dict[str, bytes]:
    """Every file of the new repository, by path relative to its root."""
    from stspd_cli.origin import install_words  # noqa: PLC0415
    from stspd_cli.resources import data_dir  # noqa: PLC0415
    from stspd_cli.schema import json_schema_text  # noqa: PLC0415

    strategy = f"strategies/{answers.file_name()}"
    values = {"instance": answers.instance, "nom": answers.nom, "fichier": strategy}
    files: dict[str, bytes] = {}
    for target, template in TEMPLATES.items():
        text = (data_dir() / template).read_text(encoding="utf-8")
        if target == "README.md":
            text = Template(text).substitute(values)
        files[target] = install_words(text).encode("utf-8")
    files[SCHEMA_FILE] = json_schema_text().encode("utf-8")
    skeleton = skeleton_text(
        answers, shown_as=strategy, schema_ref="../" + SCHEMA_FILE, today=today
    )
    files[strategy] = skeleton.encode("utf-8")
    return files


def init_repository(folder: Path, answers: Answers, today: date) -> InitResult:
    from stspd_cli.output import write_atomic  # noqa: PLC0415

    if folder.exists() and not folder.is_dir():
        msg = f"« {folder} » existe et n'est pas un dossier"
        raise OutputError(msg)
    files = plan_files(answers, today)
    existing = sorted(name for name in files if (folder / name).exists())
    if existing:
        shown = ", ".join(existing[:5]) + (" ..." if len(existing) > 5 else "")
        msg = f"stspd init n'écrase rien : {shown} existe déjà dans « {folder} »"
        raise OutputError(msg, hint="choisissez un dossier neuf, ou déplacez ces fichiers.")
    result = InitResult(folder=folder, strategy=folder / f"strategies/{answers.file_name()}")
    for name, data in files.items():
        write_atomic(folder / name, data)
        result.written.append(folder / name)
    result.git = _setup_git(folder)
    return result


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    git = shutil.which("git")
    assert git is not None
    return subprocess.run(  # noqa: S603 (fixed arguments, no shell)
        [git, "-C", str(folder), *args], capture_output=True, text=True, check=False
    )


def _setup_git(folder: Path) -> str:
    """``git init`` and the diff driver, unless the folder is already in a repository."""
    if shutil.which("git") is None:
        return ""
    inside = _git(folder, "rev-parse", "--is-inside-work-tree")
    if inside.returncode == 0 and inside.stdout.strip() == "true":
        # Someone else's repository: its configuration is theirs to change.
        return f"dépôt git existant ; pour git diff : git config diff.stspd.textconv {_quoted()}"
    created = _git(folder, "init", "--quiet")
    if created.returncode != 0:
        return f"git init a échoué : {created.stderr.strip()}"
    _git(folder, "config", "diff.stspd.textconv", TEXTCONV)
    return "dépôt git créé ; git diff montre les stratégies comme stspd texte les écrit"


def _quoted() -> str:
    """The textconv command as a shell argument (it holds single and double quotes)."""
    import shlex  # noqa: PLC0415

    return shlex.quote(TEXTCONV)
