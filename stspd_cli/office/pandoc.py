"""Pandoc, as shipped by the ``pypandoc-binary`` wheel (the ``office`` extra).

Pandoc runs with ``--sandbox``: it reads only what it is handed on standard input and the
reference document named on its command line, never a file or an address found in the data.
"""

from __future__ import annotations

import json
import os
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

from stspd_cli.errors import ConversionError, DependencyError
from stspd_cli.installation import extra_hint

# A document of a few hundred pages converts in well under a second; a hang is a bug.
TIMEOUT = 120


@cache
def pandoc_path() -> str:
    """The pandoc binary of the pypandoc-binary wheel (``STSPD_PANDOC`` may name another)."""
    given = os.environ.get("STSPD_PANDOC")
    if given:
        return given
    try:
        import pypandoc  # type: ignore[import-untyped]  # noqa: PLC0415  (optional extra)
    except ImportError:
        msg = "les formats docx et odt demandent pandoc (paquet pypandoc-binary), absent"
        raise DependencyError(msg, hint=extra_hint("office")) from None
    binary = Path(pypandoc.__file__).parent / "files" / "pandoc"
    if not binary.is_file():
        msg = "pypandoc est installé sans pandoc : il faut le paquet pypandoc-binary"
        raise DependencyError(msg, hint=extra_hint("office"))
    return str(binary)


def run(args: list[str], data: bytes) -> bytes:
    """Pandoc's output for ``data`` (standard input) with ``args``, in the sandbox."""
    command = [pandoc_path(), "--sandbox", *args]
    try:
        done = subprocess.run(  # noqa: S603  (fixed arguments; the data is on standard input)
            command, input=data, capture_output=True, timeout=TIMEOUT, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        msg = f"pandoc n'a pas pu convertir le document ({error})"
        raise ConversionError(msg) from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        msg = f"pandoc a échoué ({detail[-1] if detail else done.returncode})"
        raise ConversionError(msg)
    return done.stdout


def read_html(html: str) -> dict[str, Any]:
    """The Pandoc document (JSON AST) of an HTML page."""
    out = run(["--from=html-raw_html", "--to=json"], html.encode("utf-8"))
    document: dict[str, Any] = json.loads(out)
    return document


def write(document: dict[str, Any], to: str, reference: Path) -> bytes:
    """``document`` written as ``to`` (docx or odt) with the styles of ``reference``."""
    data = json.dumps(document, ensure_ascii=False).encode("utf-8")
    return run(["--from=json", f"--to={to}", f"--reference-doc={reference}", "--output=-"], data)
