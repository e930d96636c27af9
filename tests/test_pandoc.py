"""How stspd launches pandoc (stspd_cli/pandoc.py): the bundled binary with a smaller starting
heap, any argument after it left to pandoc, and a pandoc that refuses runtime options run
without them."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from stspd_cli import pandoc
from stspd_cli.errors import ConversionError


def _fake(tmp_path: Path, body: str) -> Path:
    script = tmp_path / "pandoc"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(0o755)
    return script


def test_the_bundled_pandoc_starts_with_a_smaller_heap(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bundled pandoc takes the option at the first launch (no second one without it)."""
    monkeypatch.delenv("STSPD_PANDOC", raising=False)
    launched: list[list[str]] = []
    launch = pandoc._launch

    def spy(command: list[str], data: bytes) -> subprocess.CompletedProcess[bytes]:
        launched.append(command)
        return launch(command, data)

    monkeypatch.setattr(pandoc, "_launch", spy)
    pandoc.pandoc_path.cache_clear()
    try:
        out = pandoc.run(["--from=markdown", "--to=json"], b"# Titre\n")
    finally:
        pandoc.pandoc_path.cache_clear()
    assert b'"Titre"' in out
    assert [command[1:5] for command in launched] == [["+RTS", "-H16m", "--RTS", "--sandbox"]]


def test_a_file_named_like_a_runtime_option_is_a_file(tmp_path: Path) -> None:
    """« --RTS » ends the runtime's options: a document called « +RTS » is read as a file."""
    source = tmp_path / "+RTS"
    source.write_text("# Axe 1\n\nBonjour.\n", encoding="utf-8")
    out = pandoc.run(["--from=markdown", "--to=json", "--", str(source)])
    assert b'"Bonjour."' in out


def test_a_pandoc_without_runtime_options_is_run_without_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "appels.txt"
    script = _fake(
        tmp_path,
        f'echo "$*" >> "{log}"\n'
        'if [ "$1" = "+RTS" ]; then\n'
        '  echo "pandoc: Most RTS options are disabled. Link with -rtsopts to enable them." >&2\n'
        "  exit 1\n"
        "fi\n"
        "echo converti",
    )
    monkeypatch.delenv("STSPD_PANDOC", raising=False)
    monkeypatch.setattr(pandoc, "pandoc_path", lambda: str(script))
    assert pandoc.run(["--from=markdown", "--to=json"], b"x") == b"converti\n"
    calls = log.read_text(encoding="utf-8").splitlines()
    assert calls == [
        "+RTS -H16m --RTS --sandbox --from=markdown --to=json",
        "--sandbox --from=markdown --to=json",
    ]


def test_a_pandoc_named_by_stspd_pandoc_gets_no_runtime_option(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "appels.txt"
    script = _fake(tmp_path, f'echo "$*" >> "{log}"\necho converti')
    monkeypatch.setenv("STSPD_PANDOC", str(script))
    pandoc.pandoc_path.cache_clear()
    try:
        assert pandoc.run(["--to=json"], b"x") == b"converti\n"
    finally:
        pandoc.pandoc_path.cache_clear()
    assert log.read_text(encoding="utf-8").splitlines() == ["--sandbox --to=json"]


def test_its_own_failure_is_not_retried(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only a refusal of the runtime options is tried again: pandoc's own error is said."""
    log = tmp_path / "appels.txt"
    script = _fake(tmp_path, f'echo "$*" >> "{log}"\necho "Unknown input format xml" >&2\nexit 21')
    monkeypatch.delenv("STSPD_PANDOC", raising=False)
    monkeypatch.setattr(pandoc, "pandoc_path", lambda: str(script))
    with pytest.raises(ConversionError) as caught:
        pandoc.run(["--from=xml"], b"x")
    assert caught.value.detail == "Unknown input format xml"
    assert len(log.read_text(encoding="utf-8").splitlines()) == 1
