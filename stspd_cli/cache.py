"""A cache of validation results, keyed by what the result depends on.

Key: the file's bytes (SHA-256), its displayed name, the reference date, and a fingerprint of the
tool itself (version, and size and modification time of every file of the package, so that a
changed rule or data file is never served stale results). Entries live in the user's cache
folder (platformdirs). Writes go through a temporary file and a rename, so concurrent runs never
see half an entry; an unreadable or corrupt entry is ignored and recomputed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from functools import cache
from pathlib import Path
from typing import Any

from stspd_cli import __version__
from stspd_cli.findings import Finding, Severity

ENV_DISABLE = "STSPD_NO_CACHE"


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
def cache_dir() -> Path | None:
    if os.environ.get(ENV_DISABLE):
        return None
    from platformdirs import user_cache_path  # noqa: PLC0415

    try:
        folder = user_cache_path("stspd", appauthor=False) / "validation"
        folder.mkdir(parents=True, exist_ok=True)
    except (OSError, RuntimeError):
        return None
    return folder


def key(data: bytes, name: str, reference: str) -> str:
    digest = hashlib.sha256(data)
    digest.update(b"\0" + name.encode("utf-8", "surrogateescape"))
    digest.update(b"\0" + reference.encode() + b"\0" + tool_fingerprint().encode())
    return digest.hexdigest()


def load(entry: str) -> tuple[list[Finding], bool] | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        raw: Any = json.loads((folder / entry[:2] / f"{entry}.json").read_text(encoding="utf-8"))
        findings = [
            Finding(
                file=f["file"],
                line=int(f["line"]),
                column=int(f["column"]),
                code=f["code"],
                severity=Severity(f["severity"]),
                message=f["message"],
                unreadable=bool(f["unreadable"]),
            )
            for f in raw["findings"]
        ]
        return findings, bool(raw["semantics_checked"])
    except (OSError, ValueError, KeyError, TypeError):
        return None  # missing or corrupt: recompute


def store(entry: str, findings: list[Finding], semantics_checked: bool) -> None:
    folder = cache_dir()
    if folder is None:
        return
    payload = {
        "findings": [{**f.as_dict(), "unreadable": f.unreadable} for f in findings],
        "semantics_checked": semantics_checked,
    }
    target = folder / entry[:2] / f"{entry}.json"
    with contextlib.suppress(OSError):
        target.parent.mkdir(exist_ok=True)
        import tempfile  # noqa: PLC0415  (only on a cache miss: 2 ms less on a hit)

        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(payload, handle, ensure_ascii=False)
            Path(tmp).replace(target)
        except OSError:
            Path(tmp).unlink(missing_ok=True)
