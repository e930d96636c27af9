"""Signed cache entries: what stspd reads back from its cache folders is what it wrote there.

Anyone who can put a file in the user's cache folder (a CI cache restored from another job, a
shared or copied home folder) could otherwise plant an entry: a validation result saying that
an invalid file has no problem, or compiled template code that Python would run. So each entry
is signed (HMAC-SHA256) with a secret key of the user, kept outside the cache folder, in the
user's data folder (platformdirs), readable by its owner only. An entry is verified before any
byte of it is decoded; an entry that is missing, unreadable, unsigned, badly signed, signed for
another name or another use is a miss. When the key cannot be read or trusted (wrong owner or
permissions, not a regular file), the caches are simply not used: nothing is signed, nothing is
trusted. A missing key is created, with mode 0600.
"""

from __future__ import annotations

import contextlib
import hmac
import os
import stat
from functools import cache
from pathlib import Path

KEY_NAME = "cle-des-caches"
KEY_SIZE = 32
# Format of a signed entry: this line, the 32-byte signature, the payload.
MAGIC = b"stspd-signe-1\n"
SIGNATURE_SIZE = 32
# Nothing stspd stores comes near this; a larger file is not read at all.
MAX_ENTRY = 16 * 1024 * 1024

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


def key_path() -> Path:
    from platformdirs import user_data_path  # noqa: PLC0415

    return user_data_path("stspd", appauthor=False) / KEY_NAME


@cache
def secret_key() -> bytes | None:
    """The user's key, created when missing; None when it cannot be read or trusted."""
    try:
        path = key_path()
    except (OSError, RuntimeError):  # no home folder
        return None
    key = _read_key(path)
    if key is None and not os.path.lexists(path):
        _create_key(path)
        key = _read_key(path)
    return key


def _trusted(info: os.stat_result) -> bool:
    """A regular file with one name, the user's own, that nobody else can read or write."""
    if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1:
        return False
    if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
        return False
    return not info.st_mode & 0o077


def _read_key(path: Path) -> bytes | None:
    try:
        # No symbolic link followed, no wait on a named pipe.
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK)
    except OSError:
        return None
    try:
        if not _trusted(os.fstat(fd)):
            return None
        data = os.read(fd, KEY_SIZE + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    return data if len(data) == KEY_SIZE else None


def _create_key(path: Path) -> None:
    """A new random key, written whole under a temporary name then renamed: another run never
    reads half a key. Two runs creating one at the same time: the last rename wins, and the
    entries the other signed are misses."""
    import secrets  # noqa: PLC0415  (once per user)

    with contextlib.suppress(OSError):
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        _write_atomically(path, secrets.token_bytes(KEY_SIZE))


def _write_atomically(target: Path, data: bytes) -> None:
    import tempfile  # noqa: PLC0415  (only when something is written)

    # mkstemp creates the file with mode 0600.
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        Path(tmp).replace(target)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        raise


def _signature(key: bytes, purpose: str, name: str, payload: bytes) -> bytes:
    # The use and the entry's name are signed too: a genuine entry copied under another name
    # (the key of another file) or into the other cache does not verify.
    label = f"{purpose}\0{name}\0".encode("utf-8", "surrogateescape")
    return hmac.digest(key, label + payload, "sha256")


def read_entry(path: Path, purpose: str, name: str) -> bytes | None:
    """The payload of the entry at ``path`` if stspd signed it for this use and name."""
    key = secret_key()
    if key is None:
        return None
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK)
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return None
            blob = handle.read(MAX_ENTRY + 1)
    except OSError:
        return None
    head = len(MAGIC) + SIGNATURE_SIZE
    if len(blob) > MAX_ENTRY or len(blob) < head or not blob.startswith(MAGIC):
        return None
    payload = blob[head:]
    expected = _signature(key, purpose, name, payload)
    if not hmac.compare_digest(blob[len(MAGIC) : head], expected):
        return None
    return payload


def write_entry(path: Path, purpose: str, name: str, payload: bytes) -> None:
    """Store a signed entry; without a trusted key, or when it cannot be written, nothing."""
    key = secret_key()
    if key is None or len(payload) + len(MAGIC) + SIGNATURE_SIZE > MAX_ENTRY:
        return
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_atomically(path, MAGIC + _signature(key, purpose, name, payload) + payload)
