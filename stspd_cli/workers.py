"""Work spread over the available cores: one rule for every command that reads many files.

Worker processes are created by ``fork`` and inherit what the command has imported and built
before (the model, the rules, WeasyPrint): import it first (``preload``), or each worker pays
the start-up again (docs/performance.md). Results come back in the order of the items, so that
an output is the same as one after the other; below ``at_least`` items, or on one core, the
work is done in this process.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

T = TypeVar("T")
R = TypeVar("R")


def cores() -> int:
    """The cores this process may use, and so the workers it may fork; 1 where processes
    cannot be forked (Windows): everything then stays in this process, as on one core."""
    import os  # noqa: PLC0415

    if not hasattr(os, "fork"):
        return 1
    affinity = getattr(os, "sched_getaffinity", None)  # Linux; macOS has none
    return len(affinity(0)) if affinity is not None else (os.cpu_count() or 1)


def _workers(jobs: int | None, items: int) -> int:
    """How many workers for ``items`` items: ``jobs`` at most (the cores by default), none
    where processes cannot be forked."""
    import os  # noqa: PLC0415

    return min(jobs or cores(), items) if hasattr(os, "fork") else 1


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
    workers = _workers(jobs, len(items))
    if workers < 2 or len(items) < at_least:
        return [work(item) for item in items]
    if preload is not None:
        preload()
    with _pool(workers) as pool:
        chunk = max(1, len(items) // (workers * 8))
        return list(pool.map(work, items, chunksize=chunk))


@contextmanager
def _pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """Worker processes, forked at the first item sent, that leave Ctrl+C to this process.
    What this process holds then is left out of the collections, here and in the workers
    (``gc.freeze``): a full collection writes in every object it looks at, and each page
    written is copied from this process into the one that writes (docs/performance.md). A
    freeze made before (by a program that holds stspd) is left as it was found."""
    import gc  # noqa: PLC0415
    import multiprocessing  # noqa: PLC0415
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415

    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_leave_interrupts)
    frozen_before = gc.get_freeze_count() > 0
    gc.freeze()
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        if not frozen_before:
            gc.unfreeze()


# Items a worker takes at a time when results are read as they come, and chunks sent ahead to
# each worker: enough to keep it busy while this process reads the next files and writes, few
# enough that what waits to be read stays small whatever the number of files.
LAZY_CHUNK = 32
AHEAD_PER_WORKER = 4


def lazily(
    work: Callable[[T], R],
    items: Iterable[T],
    *,
    known: Sequence[T],
    done: Mapping[T, R] | None = None,
    at_least: int = 8,
    jobs: int | None = None,
) -> Iterator[R]:
    """``map(work, items)``, in worker processes when that pays, one result at a time as the
    caller reads them: ``items`` is read as the workers need more (never listed), the workers
    go a few chunks ahead, and no result is kept once read (a corpus of any size in flat
    memory).

    ``known``: items that go to the workers, found without reading ``items`` (all of them, or
    at least ``at_least`` and one more than the cores): they decide whether workers pay, and
    how many. The first is done in this process before the workers are forked, so that they
    inherit what it imports and loads; ``items`` is read only then, so that they do not
    inherit what reading it takes. ``done``: the results of items done already in this
    process (standard input, that only this process can read). Those results are given at
    their items' turn."""
    ready = dict(done or {})
    workers = _workers(jobs, len(known) - 1)
    if workers < 2 or len(known) < at_least:
        yield from (ready.pop(item) if item in ready else work(item) for item in items)
        return
    if known[0] not in ready:
        ready[known[0]] = work(known[0])
    with _pool(workers) as pool:
        pool.submit(int).result()  # the workers are forked here, before items is read
        pending = iter(items)
        # Enough items read ahead to choose the chunks as in_order would.
        ahead = list(itertools.islice(pending, workers * 8 * LAZY_CHUNK + 2))
        chunk = max(1, min(LAZY_CHUNK, (len(ahead) - 1) // (workers * 8)))
        rest = itertools.chain(ahead, pending)
        del ahead
        window: deque[Future[list[R]] | list[R]] = deque()

        def send() -> None:
            """Chunks to the workers until ``AHEAD_PER_WORKER`` chunks per worker wait to be
            read, the results ready here in their places."""
            while len(window) < workers * AHEAD_PER_WORKER:
                batch = list(itertools.islice(rest, chunk))
                if not batch:
                    return
                remote: list[T] = []
                for item in batch:
                    if item not in ready:
                        remote.append(item)
                        continue
                    if remote:
                        window.append(pool.submit(_each, work, remote))
                        remote = []
                    window.append([ready.pop(item)])
                if remote:
                    window.append(pool.submit(_each, work, remote))

        send()
        while window:
            entry = window.popleft()
            results = entry if isinstance(entry, list) else entry.result()
            send()
            yield from results


def _leave_interrupts() -> None:
    """In a worker: Ctrl+C is for the main process, which stops the workers once their items
    are done and says « interrompu » (a worker interrupted while it waits for items would die
    with a trace of multiprocessing on the error output)."""
    import signal  # noqa: PLC0415

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _each(work: Callable[[T], R], items: list[T]) -> list[R]:
    """One chunk, in a worker."""
    return [work(item) for item in items]
