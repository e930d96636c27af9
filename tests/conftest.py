"""Fixtures of the whole test session."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True, scope="session")
def _private_user_folders(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Caches (validation results, compiled templates) and the key that signs them go to folders
    of the test session, not the user's (subprocesses inherit them through the environment)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        patch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("data")))
        patch.delenv("STSPD_NO_CACHE", raising=False)
        patch.setenv("STSPD_TEST_RENDERS", str(_run_folder(tmp_path_factory, "rendus")))
        yield


def _run_folder(tmp_path_factory: pytest.TempPathFactory, name: str) -> str:
    """A folder shared by the test processes of this run only (pytest-xdist's run id names it
    beside their own temporary folders); a run without xdist has its own."""
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID")
    if run is None:
        return str(tmp_path_factory.mktemp(name))
    folder = tmp_path_factory.getbasetemp().parent / f"{name}-{run}"
    folder.mkdir(exist_ok=True)
    return str(folder)
