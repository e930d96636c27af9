"""Importing a binding of native libraries (WeasyPrint's Pango, CairoSVG's Cairo) without a
dozen compiler runs.

Such a binding opens each library through cffi under every name it may have on some system
(``libgobject-2.0-0``, ``gobject-2.0-0``, ``gobject-2.0``, then the Linux soname
``libgobject-2.0.so.0``...). For each name the dynamic loader does not take as it is, cffi
asks :func:`ctypes.util.find_library`, which on Linux reads the loader's cache (``ldconfig
-p``), then runs gcc, and ld, to search again: importing WeasyPrint ran 215 processes, 0.14 s
of the 0.43 s it took (docs/performance.md).

While :func:`quick_library_lookup` lasts, ``find_library`` answers from the loader's cache
only: the same answer for every library the cache holds. A name it does not hold gets no
answer instead of gcc's; the binding then tries its next name, down to the soname, which the
loader opens wherever it would (``LD_LIBRARY_PATH``, its cache, its folders). A binding that
took the function itself at its import (cairocffi: ``from ctypes.util import find_library``)
keeps that quicker one.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def quick_library_lookup() -> Iterator[None]:
    """``ctypes.util.find_library`` from the loader's cache alone, for the time of an import
    (Linux; elsewhere, and where CPython lacks that reading, nothing changes)."""
    import ctypes.util  # noqa: PLC0415  (only around the imports that need it)

    from_cache: Callable[[str], Any] | None = getattr(ctypes.util, "_findSoname_ldconfig", None)
    if from_cache is None or not sys.platform.startswith("linux"):
        yield
        return
    original = ctypes.util.find_library

    def find_library(name: str) -> str | None:
        found = from_cache(name)
        return found if isinstance(found, str) else None

    ctypes.util.find_library = find_library
    try:
        yield
    finally:
        ctypes.util.find_library = original
