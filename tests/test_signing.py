"""Signed cache entries: only what stspd wrote, for that use and that name, is read back."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from stspd_cli import signing


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    signing.secret_key.cache_clear()
    yield tmp_path / "cache"
    signing.secret_key.cache_clear()


def test_an_entry_reads_back_for_its_use_and_name_only(folder: Path) -> None:
    entry = folder / "e"
    signing.write_entry(entry, "validation", "abc", b"contenu")
    assert signing.read_entry(entry, "validation", "abc") == b"contenu"
    assert signing.read_entry(entry, "modeles", "abc") is None
    assert signing.read_entry(entry, "validation", "abd") is None
    assert signing.read_entry(folder / "absente", "validation", "abc") is None
    # Empty payloads are entries too.
    signing.write_entry(entry, "validation", "vide", b"")
    assert signing.read_entry(entry, "validation", "vide") == b""


def test_a_strange_entry_is_a_miss_without_waiting_or_reading_it_whole(folder: Path) -> None:
    folder.mkdir()
    (folder / "zero").symlink_to("/dev/zero")
    assert signing.read_entry(folder / "zero", "validation", "x") is None
    os.mkfifo(folder / "tube")
    assert signing.read_entry(folder / "tube", "validation", "x") is None
    (folder / "dossier").mkdir()
    assert signing.read_entry(folder / "dossier", "validation", "x") is None
    big = folder / "gros"
    with big.open("wb") as handle:
        handle.truncate(signing.MAX_ENTRY + 1)
    assert signing.read_entry(big, "validation", "x") is None


def test_a_payload_too_big_is_not_stored(folder: Path) -> None:
    signing.write_entry(folder / "e", "validation", "x", bytes(signing.MAX_ENTRY))
    assert not (folder / "e").exists()


def test_without_a_trusted_key_nothing_is_written_or_read(folder: Path) -> None:
    signing.write_entry(folder / "e", "validation", "x", b"contenu")
    signing.key_path().chmod(0o644)
    signing.secret_key.cache_clear()
    assert signing.read_entry(folder / "e", "validation", "x") is None
    signing.write_entry(folder / "f", "validation", "x", b"contenu")
    assert not (folder / "f").exists()
