"""A release people can install (issue 16): every file, version, tag and commit the documents
name exists; the wheel holds what stspd needs and runs outside this repository."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from stspd_cli import __version__

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
DOCUMENTS = [
    ROOT / "README.md",
    ROOT / "CHANGELOG.md",
    *sorted((ROOT / "docs").glob("*.md")),
    *sorted((ROOT / "docs" / "ci").glob("*.yml")),
    ROOT / ".pre-commit-hooks.yaml",
    *sorted((ROOT / "stspd_cli" / "data" / "depot").iterdir()),
    *sorted((ROOT / "stspd_cli" / "data" / "ci").iterdir()),
]
# Paths of this repository as documents write them in `code` spans.
_PATH = re.compile(
    r"`((?:docs|schema|scripts|benchmarks|tests|stspd_cli|examples|strategies|requirements|fuzz)"
    r"/[A-Za-z0-9_./-]*[A-Za-z0-9_/])`"
)
_LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")
# A link written inside a `code` span is shown, not followed.
_CODE_SPAN = re.compile(r"`[^`\n]*`")
_TAG = re.compile(r"\bv\d+\.\d+\.\d+\b")
_RELEASE = re.compile(r"^## \[(\d+\.\d+\.\d+)\] — (\d{4}-\d{2}-\d{2})$", re.M)


def _git(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=False
    )


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_files_the_document_names_exist(document: Path) -> None:
    text = _text(document)
    missing = []
    for target in _LINK.findall(_CODE_SPAN.sub("", text)):
        if target.startswith(("http://", "https://", "mailto:")):
            continue
        if not (document.parent / target).exists():
            missing.append(target)
    for name in _PATH.findall(text):
        if "*" not in name and not (ROOT / name).exists():
            missing.append(name)
    assert not missing, f"{document.name} nomme des fichiers absents : {missing}"


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_document_points_at_a_tag_that_does_not_exist(document: Path) -> None:
    """An install line at a tag fails where the tag did not travel: commits do."""
    tags = set(_git("tag").stdout.split())
    named = set(_TAG.findall(_text(document))) - tags
    assert not named, f"{document.name} nomme des étiquettes git absentes : {sorted(named)}"


def test_the_changelog_has_a_section_per_release() -> None:
    text = _text(ROOT / "CHANGELOG.md")
    assert text.index("## [Non publié]") < text.index("## [0.1.0]")
    releases = _RELEASE.findall(text)
    assert releases, "CHANGELOG.md : aucune version publiée"
    for version, _day in releases:
        section = text.split(f"## [{version}]", 1)[1].split("\n## ", 1)[0]
        commit = re.search(r"commit `([0-9a-f]{7,40})`", section)
        assert commit, f"la version {version} ne nomme pas son commit"
        assert _git("cat-file", "-e", f"{commit[1]}^{{commit}}").returncode == 0, commit[1]
    # The version being made is not a release yet: its changes are under « Non publié ».
    assert __version__ not in {v for v, _ in releases}
    assert ".dev" in __version__ or __version__ in {v for v, _ in releases}


def test_the_version_has_one_place() -> None:
    pyproject = _text(ROOT / "pyproject.toml")
    assert 'dynamic = ["version"]' in pyproject
    assert 'path = "stspd_cli/__init__.py"' in pyproject
    assert re.search(r"^version\s*=", pyproject, re.M) is None
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")


@pytest.fixture(scope="module")
def build_temp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The temporary folder (TMPDIR) of the wheel's build."""
    return tmp_path_factory.mktemp("tmp")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory, build_temp: Path) -> Path:
    """The wheel ``make wheel`` builds (the same pip command)."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--disable-pip-version-check",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        env={**os.environ, "TMPDIR": str(build_temp)},
    )
    [built] = out.glob("stspd_cli-*.whl")
    return built


def test_the_build_leaves_nothing_in_the_temporary_folder(wheel: Path, build_temp: Path) -> None:
    """The build hook's ``origine.json`` folder goes with the build (hatch_build.py)."""
    assert list(build_temp.iterdir()) == []


def test_the_wheel_holds_what_stspd_needs(wheel: Path) -> None:
    assert wheel.name == f"stspd_cli-{__version__}-py3-none-any.whl"
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {
        str(p.relative_to(ROOT))
        for p in (ROOT / "stspd_cli").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.name != "origine.json"
    }
    templates = {
        "stspd_cli/" + str(p.relative_to(ROOT))
        for p in (ROOT / "templates").rglob("*")
        if p.is_file()
    }
    assert shipped | templates <= names
    assert f"stspd_cli-{__version__}.dist-info/licenses/LICENSE" in names
    origin = json.loads(zipfile.ZipFile(wheel).read("stspd_cli/data/origine.json"))
    assert origin["commit"] == _git("rev-parse", "HEAD").stdout.strip()


def test_the_wheel_runs_outside_this_repository(wheel: Path, tmp_path: Path) -> None:
    """Installed in a fresh environment (its dependencies taken from this one, offline), away
    from this repository: stspd starts, knows its commit, and makes a repository that
    validates."""
    env_dir = tmp_path / "outils"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env_dir)], check=True)
    site = Path(
        sysconfig.get_path("purelib", vars={"base": str(env_dir), "platbase": str(env_dir)})
    )
    ours = Path(sysconfig.get_path("purelib"))
    # The dependencies of this environment, but not its editable stspd.
    (site / "dependances.pth").write_text(f"{ours}\n", encoding="utf-8")
    python = env_dir / "bin" / "python"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--disable-pip-version-check",
            "--target",
            str(site),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    work = tmp_path / "ailleurs"
    work.mkdir()
    env = {**{k: v for k, v in os.environ.items() if k != "PYTHONPATH"}, "NO_COLOR": "1"}

    def stspd(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(python), "-m", "stspd_cli", *args],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )

    where = subprocess.run(
        [str(python), "-c", "import stspd_cli; print(stspd_cli.__file__)"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert where.stdout.startswith(str(site)), where.stdout
    version = stspd("--version")
    assert version.returncode == 0, version.stderr
    assert version.stdout.startswith(f"stspd {__version__} (commit ")
    made = stspd("init", "depot", "--territoire", "Lille", "--instance", "CLSPD")
    assert made.returncode == 0, made.stderr
    ci = (work / "depot" / ".gitlab-ci.yml").read_text(encoding="utf-8")
    assert f"@{_git('rev-parse', 'HEAD').stdout.strip()}" in ci
    shutil.copyfile(
        ROOT / "strategies" / "clspd-lille.yaml", work / "depot" / "strategies" / "lille.yaml"
    )
    checked = subprocess.run(
        [str(python), "-m", "stspd_cli", "render"],
        cwd=work / "depot" / "strategies",
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr
    assert (work / "depot" / "build" / "lille.html").is_file()
