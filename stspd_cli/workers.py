"""Work spread over the available cores: one rule for every command that reads many files.

Worker processes are created by ``fork`` and inherit what the command has imported and built
before (the model, the rules, WeasyPrint): import it first (``preload``), or each worker pays
the start-up again (docs/performance.md). Results come back in the order of the items, so that
an output is the same as one after the other; below ``at_least`` items, or on one core, the
work is done in this process.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def cores() -> int:
    import os  # noqa: PLC0415

    return len(os.sched_getaffinity(0))


def in_order(
    work: Callable[[T], R],
    items: Sequence[T],
    *,
    at_least: int = 8,
    preload: Callable[[], object] | None = None,
    jobs: int | None = None,
) -> list[R]:
    """``[work(item) for item in items]``, in worker processes when that pays (``jobs``
    processes at most, the available cores by default)."""
    workers = min(jobs or cores(), len(items))
    if workers < 2 or len(items) < at_least:
        return [work(item) for item in items]
    import multiprocessing  # noqa: PLC0415
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415

    if preload is not None:
        preload()
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        chunk = max(1, len(items) // (workers * 8))
        return list(pool.map(work, items, chunksize=chunk))


# Items a worker takes at a time when results are read as they come: few enough that what
# waits to be read stays small whatever the number of files.
LAZY_CHUNK = 32


def lazily(
    work: Callable[[T], R], items: Sequence[T], *, at_least: int = 8, jobs: int | None = None
) -> Iterator[R]:
    """The results of :func:`in_order`, one at a time as the caller reads them: the workers
    go ahead, and no result is kept once read (a corpus of any size in flat memory)."""
    workers = min(jobs or cores(), len(items))
    if workers < 2 or len(items) < at_least:
        yield from map(work, items)
        return
    import multiprocessing  # noqa: PLC0415
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415

    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        chunk = max(1, min(LAZY_CHUNK, len(items) // (workers * 8)))
        yield from pool.map(work, items, chunksize=chunk)
