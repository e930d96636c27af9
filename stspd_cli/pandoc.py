"""Pandoc, as shipped by the ``pypandoc-binary`` wheel (the ``office`` extra): the one way
stspd runs it, to write office documents (:mod:`stspd_cli.office`) and to read those that
``stspd convertir`` brings in (:mod:`stspd_cli.convert.read_pandoc`).

Pandoc runs with ``--sandbox``: it reads only what it is handed on standard input and the
files named on its command line (the document to read, the reference document), never a file
or an address found in the data. One process a conversion: the wheel's Python wrapper asked
pandoc its version and its formats (eighteen more processes) before each one.
"""

from __future__ import annotations

import importlib.util
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
    # Found, not imported: importing pypandoc costs 40 ms, and it is only where the binary is.
    spec = importlib.util.find_spec("pypandoc")
    if spec is None or not spec.submodule_search_locations:
        msg = "les formats docx et odt demandent pandoc (paquet pypandoc-binary), absent"
        raise DependencyError(msg, hint=extra_hint("office"))
    binary = Path(next(iter(spec.submodule_search_locations))) / "files" / "pandoc"
    if not binary.is_file():
        msg = "pypandoc est installé sans pandoc : il faut le paquet pypandoc-binary"
        raise DependencyError(msg, hint=extra_hint("office"))
    return str(binary)


def run(args: list[str], data: bytes = b"") -> bytes:
    """Pandoc's output for ``data`` (standard input) with ``args``, in the sandbox: one pandoc
    process, nothing asked of pandoc beforehand (neither its version nor its formats). When it
    fails, the :class:`ConversionError` carries pandoc's last word (``detail``)."""
    binary, runtime = pandoc_path(), _runtime_options()
    done = _launch([binary, *runtime, "--sandbox", *args], data)
    if runtime and done.returncode != 0 and _RTS_REFUSED in done.stderr:
        done = _launch([binary, "--sandbox", *args], data)  # a pandoc built without -rtsopts
    if done.returncode != 0:
        detail = _last_word(done.stderr.decode("utf-8", "replace")) or str(done.returncode)
        msg = f"pandoc a échoué ({detail})"
        raise ConversionError(msg, detail=detail)
    return done.stdout


def _runtime_options() -> list[str]:
    """The heap the bundled pandoc starts with: 16 MiB instead of the 64 its build asks for
    (``-H64m``), enough for a strategy, and up to 14 % less CPU a conversion, the system having
    fewer pages to hand it (benchmarks/pandoc_heap.py). ``--RTS``: no later argument (a file named
    « +RTS ») is taken for an option of the Haskell runtime. Not for a pandoc that
    ``STSPD_PANDOC`` names, built who knows how."""
    return [] if os.environ.get("STSPD_PANDOC") else list(RUNTIME_OPTIONS)


# The options of the Haskell runtime the bundled pandoc runs with (benchmarks/pandoc_heap.py).
RUNTIME_OPTIONS = ("+RTS", "-H16m", "--RTS")
_RTS_REFUSED = b"RTS option"


def _launch(command: list[str], data: bytes) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(  # noqa: S603  (fixed arguments; the data is on standard input)
            command, input=data, capture_output=True, timeout=TIMEOUT, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        msg = f"pandoc n'a pas pu convertir le document ({error})"
        raise ConversionError(msg, detail=str(error)) from None


def _last_word(said: str) -> str:
    """pandoc's error from its error output: not its warnings before it, nor the backtrace of
    the Haskell runtime after it (« HasCallStack backtrace: »)."""
    lines = said.split("HasCallStack backtrace:", 1)[0].strip().splitlines()
    errors = [line for line in lines if not line.startswith(("[WARNING]", "[INFO]"))]
    return (errors or lines or [""])[-1].strip()


def read_html(html: str) -> dict[str, Any]:
    """The Pandoc document (JSON AST) of an HTML page."""
    out = run(["--from=html-raw_html", "--to=json"], html.encode("utf-8"))
    document: dict[str, Any] = json.loads(out)
    return document


def write(document: dict[str, Any], to: str, reference: Path) -> bytes:
    """``document`` written as ``to`` (docx or odt) with the styles of ``reference``."""
    data = json.dumps(document, ensure_ascii=False).encode("utf-8")
    return run(["--from=json", f"--to={to}", f"--reference-doc={reference}", "--output=-"], data)
