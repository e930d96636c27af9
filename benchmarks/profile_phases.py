"""Where the time of one `stspd validate --no-cache` goes, phase by phase, in one process.

Each phase is timed on its own (imports one after the other, then the work on one file); the
figures are the ones of docs/performance.md, "Où part le temps qui reste".
Run: .venv/bin/python benchmarks/profile_phases.py [FILE]
"""

from __future__ import annotations

import importlib
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "strategies" / "cispd-loos-haubourdin-emmerin.yaml"


def timed(label: str, action: Callable[[], object]) -> object:
    start = time.perf_counter()
    result = action()
    print(f"{label:<58} {(time.perf_counter() - start) * 1000:7.1f} ms")
    return result


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    timed("import de typer", lambda: importlib.import_module("typer"))
    timed("module cli de stspd", lambda: importlib.import_module("stspd_cli.cli"))
    timed("import de pydantic", lambda: importlib.import_module("pydantic.main"))
    timed("classes du modèle et règles", lambda: importlib.import_module("stspd_cli.checks"))

    from stspd_cli.checks.structure import build_model  # noqa: PLC0415
    from stspd_cli.load import load_source  # noqa: PLC0415
    from stspd_cli.source import Source, read_source  # noqa: PLC0415
    from stspd_cli.validate import check_loaded  # noqa: PLC0415

    source = read_source(path, str(path))
    assert isinstance(source, Source), source
    loaded = timed("analyse YAML avec positions (1re fois)", lambda: load_source(source))
    timed("validateur du document et validation", lambda: build_model(loaded))  # type: ignore[arg-type]
    today = date.today()
    timed("règles (1re fois)", lambda: check_loaded(loaded, today))  # type: ignore[arg-type]
    again = timed("analyse YAML avec positions", lambda: load_source(source))
    timed("modèle et règles", lambda: check_loaded(again, today))  # type: ignore[arg-type]
    timed(
        "Jinja2 et markdown-it (render)",
        lambda: [importlib.import_module(m) for m in ("jinja2", "markdown_it")],
    )


if __name__ == "__main__":
    main()
