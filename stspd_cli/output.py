"""Writing results: to standard output, or to a file that is never a strategy.

Every command writes its files through :func:`write_atomic`, so the rules hold everywhere:

- a regular file (new or existing) is written to a temporary file in its folder, then renamed
  over it: an interruption never leaves half a file, and the file keeps its permissions;
- a symbolic link is followed: the regular file it names is replaced the same way, and the link
  stays a link (a strategy kept in another folder and linked from the repository stays there);
- anything else that exists (``/dev/null``, ``/dev/stdout``, a terminal, a named pipe) is written
  to directly and never replaced: as root in a CI container, a rename would have put a regular
  file in place of the device. A folder is refused.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Iterable
from pathlib import Path

from stspd_cli.errors import OutputError

STRATEGY_SUFFIXES = (".yaml", ".yml")
# Links under /proc (/dev/stdout -> /proc/self/fd/1) name an open file of the process: what they
# point at may be a pipe, a terminal or a file opened for appending by the shell.
_PROCESS_LINKS = "/proc/"
_MAX_LINKS = 40  # as the kernel's own limit on a chain of symbolic links

_REASONS = {
    errno.ENOSPC: "plus de place sur le périphérique",
    errno.EDQUOT: "quota de disque dépassé",
    errno.EACCES: "permission refusée",
    errno.EPERM: "opération non permise",
    errno.EROFS: "système de fichiers en lecture seule",
    errno.ENOENT: "fichier ou dossier introuvable",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.EISDIR: "c'est un dossier",
    errno.ENXIO: "aucun lecteur à l'autre bout (tube ou prise)",
    errno.EPIPE: "le lecteur s'est arrêté (tube fermé)",
    errno.EIO: "erreur d'entrée-sortie",
    errno.ELOOP: "trop de liens symboliques",
    errno.ENAMETOOLONG: "nom de fichier trop long",
}


def refuse_strategy_target(path: Path) -> None:
    """An output must never land on a YAML file: that is where strategies live."""
    if path.suffix.lower() in STRATEGY_SUFFIXES:
        msg = f"sortie « {path} » refusée : un fichier .yaml est une stratégie, pas une sortie"
        raise OutputError(msg, hint="choisissez un autre nom, par exemple avec l'extension .md")


def reason(error: OSError) -> str:
    """Why a file operation failed, in French (the system's own text is in English)."""
    if error.errno in _REASONS:
        return _REASONS[error.errno]
    return error.strerror or str(error)


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _follow(path: Path) -> tuple[Path, bool]:
    """Where ``path`` finally leads, following symbolic links, and whether that is a link of
    the process (under /proc), to be written to as it is rather than replaced."""
    current = path.absolute()
    for _ in range(_MAX_LINKS):
        current = Path(os.path.realpath(current.parent)) / current.name
        if str(current).startswith(_PROCESS_LINKS):
            return current, True
        if not current.is_symlink():
            return current, False
        current = Path(os.path.normpath(current.parent / current.readlink()))
    raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(path))


def _pieces(data: bytes | Iterable[bytes]) -> Iterable[bytes]:
    return (data,) if isinstance(data, bytes) else data


def _write_in_place(path: Path, data: bytes | Iterable[bytes], *, append: bool) -> None:
    """Write to a device, a pipe or an open file of the process without creating, truncating
    or replacing it. ``append`` keeps what a shell redirection (``>>``) already holds."""
    flags = os.O_WRONLY | os.O_NOCTTY | (os.O_APPEND if append else 0)
    fd = os.open(path, flags)
    try:
        for piece in _pieces(data):
            view = memoryview(piece)
            while view:
                written = os.write(fd, view)
                view = view[written:]
    finally:
        os.close(fd)


def _replace(path: Path, data: bytes | Iterable[bytes], *, make_folder: bool) -> None:
    """Write through a temporary file in the same folder, then rename: never half a file."""
    import tempfile  # noqa: PLC0415  (only a file written needs it: validate prints)

    folder = path.parent
    if make_folder:
        folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        # mkstemp creates the file private (0600): give it the mode of the file it replaces,
        # or the usual mode under the umask, so that a rewrite never changes permissions.
        Path(tmp).chmod(_mode_for(path))
        with os.fdopen(fd, "wb") as handle:
            for piece in _pieces(data):
                handle.write(piece)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomic(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Write ``data`` to ``path`` as the module's rules say; :class:`OutputError` otherwise.
    ``data`` may come in pieces, written as they come (a regular file still appears whole,
    or not at all)."""
    try:
        final, of_process = _follow(path)
        if of_process:
            _write_in_place(final, data, append=True)
            return
        try:
            mode = final.stat().st_mode
        except FileNotFoundError:
            mode = None
        if mode is not None and stat.S_ISDIR(mode):
            msg = f"écriture impossible dans « {path} » : c'est un dossier"
            raise OutputError(msg, hint="donnez un nom de fichier")
        if mode is None or stat.S_ISREG(mode):
            # A link that leads nowhere yet names its file; it does not create folders there.
            _replace(final, data, make_folder=not path.is_symlink())
        else:
            _write_in_place(final, data, append=False)
    except OSError as error:
        msg = f"écriture impossible dans « {path} » : {reason(error)}"
        raise OutputError(msg) from None


def write_output(content: str | bytes | Iterable[str], target: Path | None) -> None:
    """``None`` or ``-`` means standard output; anything else goes through :func:`write_atomic`.
    ``content`` may come in pieces of text, each written as it comes.

    On a terminal, what the data holds is shown, never obeyed (:func:`stspd_cli.terminal.visible`);
    piped or redirected, a document is written as it is (text formats are safe already)."""
    if target is None or str(target) == "-":
        for piece in (content,) if isinstance(content, str | bytes) else content:
            _to_stdout(piece)
        return
    refuse_strategy_target(target)
    if isinstance(content, str):
        data: bytes | Iterable[bytes] = content.encode("utf-8")
    elif isinstance(content, bytes):
        data = content
    else:
        data = (piece.encode("utf-8") for piece in content)
    write_atomic(target, data)


def _to_stdout(content: str | bytes) -> None:
    if sys.stdout.isatty():
        from stspd_cli.terminal import visible  # noqa: PLC0415

        text = content if isinstance(content, str) else content.decode("utf-8", "replace")
        content = visible(text)
    if isinstance(content, bytes):
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(content)
        sys.stdout.flush()
