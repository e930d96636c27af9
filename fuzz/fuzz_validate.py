"""Coverage-guided fuzzing of the whole read path: bytes -> text -> YAML -> model -> rules.

The property: whatever the bytes, loading and validating returns findings and never raises.
Run (atheris is not a project dependency; install it in the virtual environment first):

    .venv/bin/pip install atheris
    .venv/bin/python fuzz/fuzz_validate.py fuzz/corpus -max_total_time=300

The seed corpus is every example of tests/examples/ (copied into fuzz/corpus by --seed).
"""

from __future__ import annotations

import shutil
import sys
from datetime import date
from pathlib import Path

import atheris  # type: ignore[import-not-found]

with atheris.instrument_imports():
    from stspd_cli.load import load_bytes
    from stspd_cli.validate import check_loaded

TODAY = date(2026, 1, 15)


def one_input(data: bytes) -> None:
    result = check_loaded(load_bytes(data, "fuzz.yaml"), TODAY)
    for finding in result.findings:
        assert finding.message, finding.code


def seed(corpus: Path) -> None:
    corpus.mkdir(parents=True, exist_ok=True)
    root = Path(__file__).parent.parent
    for folder in ("tests/examples/valides", "tests/examples/invalides", "strategies", "examples"):
        for path in sorted((root / folder).glob("*.yaml")):
            shutil.copy(path, corpus / f"{Path(folder).name}-{path.name}")


if __name__ == "__main__":
    if "--seed" in sys.argv:
        sys.argv.remove("--seed")
        seed(Path(sys.argv[1]))
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
