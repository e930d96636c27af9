"""Writing results: to standard output, or atomically to a file that is never a strategy."""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from pathlib import Path

from stspd_cli.errors import OutputError

STRATEGY_SUFFIXES = (".yaml", ".yml")


def refuse_strategy_target(path: Path) -> None:
    """An output must never land on a YAML file: that is where strategies live."""
    if path.suffix.lower() in STRATEGY_SUFFIXES:
        msg = f"sortie « {path} » refusée : un fichier .yaml est une stratégie, pas une sortie"
        raise OutputError(msg, hint="choisissez un autre nom, par exemple avec l'extension .md")


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: Path, data: bytes) -> None:
    """Write through a temporary file in the same folder, then rename: never half a file."""
    folder = path.parent if str(path.parent) else Path()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        try:
            # mkstemp creates the file private (0600): give it the mode of the file it replaces,
            # or the usual mode under the umask, so that a rewrite never changes permissions.
            Path(tmp).chmod(_mode_for(path))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            Path(tmp).replace(path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as error:
        msg = f"écriture impossible dans « {path} » : {error.strerror or error}"
        raise OutputError(msg) from None


def write_output(content: str | bytes, target: Path | None) -> None:
    """``None`` or ``-`` means standard output; anything else is written atomically."""
    if target is None or str(target) == "-":
        if isinstance(content, bytes):
            sys.stdout.buffer.write(content)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(content)
            sys.stdout.flush()
        return
    refuse_strategy_target(target)
    write_atomic(target, content.encode("utf-8") if isinstance(content, str) else content)
