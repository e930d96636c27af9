"""Where outputs go (``-o``): regular files replaced atomically, links followed, devices and
pipes written to and never replaced (issue 13, item 6).

Device nodes are made in the test's own folder (``mknod``, as root, as CI containers run), so
that a faulty writer replaces a copy and never the machine's ``/dev/null`` or ``/dev/full``.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from cli_run import run

from stspd_cli.errors import OutputError
from stspd_cli.output import write_atomic

FIXTURE = Path(__file__).parent / "report" / "fixtures" / "bourg-fictif.yaml"
REPORT = ("report", str(FIXTURE), "--date", "2026-03-01", "-f", "md")


def _device(folder: Path, name: str, minor: int) -> Path:
    """A character device like /dev/null (1, 3) or /dev/full (1, 7), made in ``folder``."""
    path = folder / name
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
    except PermissionError:
        pytest.skip("mknod demande les droits de root")
    return path


def test_a_device_is_written_to_never_replaced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    null = _device(tmp_path, "null", 3)
    code, out, err = run(capsys, *REPORT, "-o", str(null))
    assert (code, out, err) == (0, "", f"stspd : {null} écrit (version publique)\n")
    assert stat.S_ISCHR(null.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]  # no temporary file left


def test_a_full_device_gives_a_french_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    full = _device(tmp_path, "full", 7)
    code, out, err = run(capsys, *REPORT, "-o", str(full))
    assert code == 2
    assert out == ""
    assert err == (
        f"stspd : écriture impossible dans « {full} » : plus de place sur le périphérique\n"
    )
    assert stat.S_ISCHR(full.lstat().st_mode)


def test_a_named_pipe_receives_the_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "tube"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader is there: the write goes on
    try:
        code, _out, err = run(capsys, *REPORT, "-o", str(fifo))
        received = os.read(reader, 1 << 16)
    finally:
        os.close(reader)
    assert (code, err) == (0, f"stspd : {fifo} écrit (version publique)\n")
    assert received.startswith(b"# Bilan d'avancement")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_link_to_standard_output_writes_there(tmp_path: Path) -> None:
    """``-o /dev/stdout`` (here a link to /proc/self/fd/1, as /dev/stdout is): what the shell
    redirected standard output to receives the output, and a ``>>`` keeps what it held."""
    link = tmp_path / "sortie"
    link.symlink_to("/proc/self/fd/1")
    log = tmp_path / "journal.md"
    log.write_text("déjà là\n", encoding="utf-8")
    with log.open("ab") as handle:
        done = subprocess.run(
            [sys.executable, "-m", "stspd_cli", *REPORT, "-o", str(link)],
            stdout=handle,
            stderr=subprocess.PIPE,
            check=False,
        )
    assert done.returncode == 0, done.stderr
    assert link.is_symlink()
    text = log.read_text(encoding="utf-8")
    assert text.startswith("déjà là\n# Bilan d'avancement")


def test_a_link_to_a_file_is_followed_and_kept(tmp_path: Path) -> None:
    real = tmp_path / "ailleurs" / "bilan.md"
    real.parent.mkdir()
    real.write_text("ancien\n", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "bilan.md"
    link.symlink_to(Path("ailleurs") / "bilan.md")
    write_atomic(link, b"nouveau\n")
    assert link.is_symlink()
    assert real.read_bytes() == b"nouveau\n"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert sorted(p.name for p in real.parent.iterdir()) == ["bilan.md"]


def test_a_dangling_link_creates_its_file_but_no_folder(tmp_path: Path) -> None:
    link = tmp_path / "bilan.md"
    link.symlink_to("nouveau.md")
    write_atomic(link, b"texte\n")
    assert link.is_symlink()
    assert (tmp_path / "nouveau.md").read_bytes() == b"texte\n"
    far = tmp_path / "loin.md"
    far.symlink_to(tmp_path / "absent" / "x.md")
    with pytest.raises(OutputError, match="fichier ou dossier introuvable"):
        write_atomic(far, b"texte\n")
    assert not (tmp_path / "absent").exists()


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="c'est un dossier"):
        write_atomic(tmp_path, b"x")


def test_a_loop_of_links_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    with pytest.raises(OutputError, match="trop de liens symboliques"):
        write_atomic(tmp_path / "a", b"x")


def test_fmt_keeps_a_linked_strategy_a_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``fmt`` and ``import --apply`` write strategies through the same writer."""
    plain = tmp_path / "copie.yaml"
    plain.write_bytes(FIXTURE.read_bytes() + b"\n\n")
    real = tmp_path / "ailleurs.yaml"
    real.write_bytes(plain.read_bytes())
    link = tmp_path / "bourg.yaml"
    link.symlink_to(real.name)
    code, _out, err = run(capsys, "fmt", str(link), str(plain))
    assert code == 0, err
    assert link.is_symlink()
    assert real.read_bytes() == plain.read_bytes() != FIXTURE.read_bytes() + b"\n\n"
