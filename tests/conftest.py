"""Fixtures of the whole test session."""

from __future__ import annotations

import gc
import signal
from collections.abc import Iterator

import pytest


def pytest_configure(config: pytest.Config) -> None:
    """Ctrl+C as in a terminal, even in a session started in the background (``&`` in a
    script, ``nohup``): there, SIGINT is ignored and every process started inherits that, so
    that the tests of what Ctrl+C does would wait for ever."""
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture(autouse=True, scope="session")
def _private_user_folders(
    pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[None]:
    """Caches (validation results, compiled templates, documents) and the key that signs them go
    to folders of the test run, not the user's (subprocesses inherit them through the
    environment). The test processes of a run share them, as two stspd of one user do: a page
    one of them printed is not printed again by the other. The key is made once, by the first
    process, before any of them reads or writes the cache (otherwise the last of two keys made
    at the same time would win, and what the other signed would be misses)."""
    from filelock import FileLock  # noqa: PLC0415

    from stspd_cli import signing  # noqa: PLC0415

    with pytest.MonkeyPatch.context() as patch:
        data = _run_folder(pytestconfig, tmp_path_factory, "data")
        patch.setenv("XDG_CACHE_HOME", _run_folder(pytestconfig, tmp_path_factory, "cache"))
        patch.setenv("XDG_DATA_HOME", data)
        patch.delenv("STSPD_NO_CACHE", raising=False)
        with FileLock(f"{data}.lock"):
            signing.secret_key.cache_clear()
            assert signing.secret_key() is not None
        patch.setenv("STSPD_TEST_RENDERS", _run_folder(pytestconfig, tmp_path_factory, "rendus"))
        yield


def _run_folder(config: pytest.Config, tmp_path_factory: pytest.TempPathFactory, name: str) -> str:
    """A folder shared by the test processes of this run only (pytest-xdist's run id names it
    in the run's temporary folder, beside their own, and goes with it); a run without xdist has
    its own. Only a worker's configuration says so: a pytest that a test starts inherits the
    run id in its environment, and would put its folder beside the runs' (kept for ever)."""
    workerinput = getattr(config, "workerinput", None)
    if workerinput is None:
        return str(tmp_path_factory.mktemp(name))
    run = workerinput["testrunuid"]
    folder = tmp_path_factory.getbasetemp().parent / f"{name}-{run}"
    folder.mkdir(exist_ok=True)
    return str(folder)


# The files whose tests take longest (real tools, hypothesis with whole documents), heaviest
# first: they run first, so that the two test processes (pytest-xdist, worksteal) end on short
# tests together instead of one waiting while the other finishes a long one. Only the order
# changes; a file's tests stay together, in their order (its fixtures are made once).
FIRST = (
    "tests/edit/test_hooks.py",
    "tests/render/test_markdown_property.py",
    "tests/test_examples_run.py",
    "tests/test_confidentiality_property.py",
    "tests/convert/test_roundtrip.py",
    "tests/render/test_chromium.py",
    "tests/render/test_other_documents_chromium.py",
    "tests/office/test_libreoffice.py",
    "tests/spreadsheet/test_import_property.py",
    "tests/edit/test_fmt_properties.py",
    "tests/test_hostile.py",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    rank = {name: n for n, name in enumerate(FIRST)}
    root = config.rootpath

    def place(item: pytest.Item) -> int:
        return rank.get(item.path.relative_to(root).as_posix(), len(FIRST))

    items.sort(key=place)  # stable: the order within a file and among the others is kept


# Python's cyclic garbage collector walks every object a test process holds (modules, the
# collected tests, session fixtures, caches) at each full collection: some 0.25 s per
# collection once the process is large, 13 s of a whole run. After collection and after each
# test, the garbage is collected and what survives is frozen (gc.freeze): later collections
# walk only what the tests that follow create. Unfrozen at the end, so that whatever the
# session leaks is still found, and its warnings still raised (they are errors).
def _freeze_survivors() -> None:
    gc.collect()
    gc.freeze()


def pytest_collection_finish(session: pytest.Session) -> None:
    _freeze_survivors()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> None:
    """What the test left unreachable is collected before its fixtures are torn down: a file
    it left open is reported as this test's error (pytest gathers such warnings at the end of
    the teardown)."""
    gc.collect()


def pytest_runtest_logfinish(nodeid: str, location: tuple[str, int | None, str]) -> None:
    _freeze_survivors()  # what the fixtures' teardown left too, then the survivors frozen


def pytest_sessionfinish(session: pytest.Session) -> None:
    gc.unfreeze()
    gc.collect()
