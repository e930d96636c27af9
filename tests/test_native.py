"""Native libraries opened without running a compiler (stspd_cli/native.py)."""

from __future__ import annotations

import ctypes.util
import sys
from pathlib import Path

import pytest
from cffi import FFI  # type: ignore[import-untyped]

from stspd_cli.native import quick_library_lookup

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux seulement")


@pytest.fixture
def compilers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A gcc, a cc and an ld first on the PATH that write down each run, and find nothing."""
    log = tmp_path / "lances.txt"
    folder = tmp_path / "bin"
    folder.mkdir()
    for name in ("gcc", "cc", "ld"):
        tool = folder / name
        tool.write_text(f'#!/bin/sh\necho {name} >> "{log}"\nexit 1\n', encoding="utf-8")
        tool.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}:/usr/bin:/bin")
    return log


def test_a_name_the_loader_does_not_take_runs_no_compiler(compilers: Path) -> None:
    ffi = FFI()
    with quick_library_lookup(), pytest.raises(OSError, match="did not manage to locate"):
        ffi.dlopen("libgobject-2.0-0")  # WeasyPrint's first name for GObject
    assert not compilers.exists()
    # Not blind: without it, the same opening runs the compilers.
    with pytest.raises(OSError):
        ffi.dlopen("libgobject-2.0-0")
    assert "gcc" in compilers.read_text(encoding="utf-8")


def test_the_loader_cache_gives_the_same_answers() -> None:
    names = ["c", "m", "gobject-2.0", "pango-1.0", "cairo", "fontconfig", "absente-xq"]
    before = [ctypes.util.find_library(name) for name in names]
    with quick_library_lookup():
        during = [ctypes.util.find_library(name) for name in names]
    assert during == before
    assert during[0] is not None  # libc is in every loader cache
    assert during[-1] is None
    assert ctypes.util.find_library.__module__ == "ctypes.util"  # given back after
