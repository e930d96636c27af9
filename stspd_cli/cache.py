"""A cache of validation results, and of files ``stspd fmt`` found in form, keyed by what the
result depends on.

Key: the file's bytes (SHA-256), its displayed name, the reference date, and a fingerprint of the
tool itself (version, and size and modification time of every file of the package, so that a
changed rule or data file is never served stale results). Entries live in the user's cache
folder (platformdirs). An entry is trusted only if stspd signed it (:mod:`stspd_cli.signing`):
a file planted in the cache folder never changes a verdict. Writes go through a temporary file
and a rename, so concurrent runs never see half an entry; an unreadable, unsigned or corrupt
entry is ignored and recomputed. ``stspd fmt`` stores only that some bytes are in form (a file
found so is skipped the next time); a file to rewrite is always formatted again.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from pathlib import Path
from typing import Any

from stspd_cli import __version__, signing
from stspd_cli.findings import Finding, Severity

ENV_DISABLE = "STSPD_NO_CACHE"
PURPOSE = "validation"
FMT = "fmt"
_IN_FORM = b'{"en_forme": true}'


@cache
def tool_fingerprint() -> str:
    """The version, and the size and date of every module and data file of the package: a
    result computed by other code (an editable install being edited) is never reused."""
    digest = hashlib.sha256(__version__.encode())
    pending = [str(Path(__file__).resolve().parent)]
    while pending:
        folder = pending.pop()
        with os.scandir(folder) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.is_dir():
                    if entry.name != "__pycache__":
                        pending.append(entry.path)
                elif entry.name.endswith((".py", ".yaml", ".json")):
                    stat = entry.stat()
                    digest.update(f"{entry.path}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


@cache
def cache_dir(kind: str = PURPOSE) -> Path | None:
    """The folder of one cache (``validation``, ``fmt``), None when caches are off."""
    if os.environ.get(ENV_DISABLE):
        return None
    from platformdirs import user_cache_path  # noqa: PLC0415

    try:
        folder = user_cache_path("stspd", appauthor=False) / kind
        folder.mkdir(parents=True, exist_ok=True)
    except (OSError, RuntimeError):
        return None
    return folder


def key(data: bytes, name: str, reference: str) -> str:
    digest = hashlib.sha256(data)
    digest.update(b"\0" + name.encode("utf-8", "surrogateescape"))
    digest.update(b"\0" + reference.encode() + b"\0" + tool_fingerprint().encode())
    return digest.hexdigest()


def _path(folder: Path, entry: str) -> Path:
    return folder / entry[:2] / f"{entry}.json"


def load(entry: str) -> tuple[list[Finding], bool] | None:
    """The stored result under ``entry``, if stspd stored and signed it; anything else (missing,
    unreadable, unsigned, badly signed, malformed) is a miss: the file is checked again."""
    folder = cache_dir()
    if folder is None:
        return None
    payload = signing.read_entry(_path(folder, entry), PURPOSE, entry)
    if payload is None:
        return None
    try:
        raw: Any = json.loads(payload)
        findings = [
            Finding(
                file=str(f["file"]),
                line=int(f["line"]),
                column=int(f["column"]),
                code=str(f["code"]),
                severity=Severity(f["severity"]),
                message=str(f["message"]),
                path=tuple(p if isinstance(p, int) else str(p) for p in f["path"]),
                unreadable=bool(f["unreadable"]),
            )
            for f in raw["findings"]
        ]
        return findings, bool(raw["semantics_checked"])
    except (ValueError, KeyError, TypeError):
        return None  # signed but not understood (a bug of the version that wrote it): recompute


def store(entry: str, findings: list[Finding], semantics_checked: bool) -> None:
    folder = cache_dir()
    if folder is None:
        return
    payload = {
        # The data path too: the GitLab fingerprint is made of it (formats/findings.py).
        "findings": [
            {**f.as_dict(), "path": list(f.path), "unreadable": f.unreadable} for f in findings
        ],
        "semantics_checked": semantics_checked,
    }
    data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    signing.write_entry(_path(folder, entry), PURPOSE, entry, data)


def in_form(data: bytes, name: str) -> tuple[str, bool]:
    """The fmt cache's key for these bytes, and whether stspd found them in form before."""
    entry = key(data, name, FMT)
    folder = cache_dir(FMT)
    if folder is None:
        return entry, False
    return entry, signing.read_entry(_path(folder, entry), FMT, entry) == _IN_FORM


def store_in_form(entry: str) -> None:
    folder = cache_dir(FMT)
    if folder is not None:
        signing.write_entry(_path(folder, entry), FMT, entry, _IN_FORM)
