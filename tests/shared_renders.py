"""Documents rendered once per test run, with the default templates.

The test processes of one run (pytest-xdist) share them through a folder of the run
(``STSPD_TEST_RENDERS``, set by ``tests/conftest.py``): a document is rendered by the first
process that needs it, the others read its bytes. Rendering is deterministic
(``tests/render/test_determinism.py`` renders again, in its own process, and compares). Without
the folder (a benchmark, a script), each call renders.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from filelock import FileLock

if TYPE_CHECKING:
    from stspd_cli.model import Document


def shared_render(path: Path, fmt: str, *, interne: bool, doc: Document | None = None) -> bytes:
    """The strategy file ``path`` (or ``doc``, its model) rendered as ``fmt``."""
    from stspd_cli.render import load_strategy, render_document  # noqa: PLC0415

    folder = os.environ.get("STSPD_TEST_RENDERS")
    if not folder:
        return render_document(doc or load_strategy(path), fmt, interne=interne)
    # A document depends on the file's bytes only (default templates, no folder looked up).
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    target = Path(folder) / f"{path.stem}-{digest}-{'interne' if interne else 'public'}.{fmt}"
    with FileLock(f"{target}.lock"):
        if target.is_file():
            return target.read_bytes()
        data = render_document(doc or load_strategy(path), fmt, interne=interne)
        partial = target.with_name(f"{target.name}.partiel")
        partial.write_bytes(data)
        partial.replace(target)
        return data
