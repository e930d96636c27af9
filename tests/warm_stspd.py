"""A warm ``stspd`` for tests that run many shell command lines (tests/test_examples_run.py).

Each ``stspd`` process pays its imports again (WeasyPrint alone is 0.4 s of CPU; one PDF costs
1.2 s from a cold start, 0.6 s from a warm one). Here one server process imports stspd and what
its commands import, once, and waits on a Unix socket; a shim named ``stspd``, first on the
PATH, sends it its command line, folder, environment, umask and standard streams (the file
descriptors themselves, ``socket.send_fds``). The server forks; the child takes the streams,
the folder, the environment and the umask, and runs what the console script runs
(``sys.exit(stspd_cli.entry.main())``, the same ``sys.argv`` and module search path), and
ends as that process ends: its exit code, threads, atexit handlers and the flush of its
streams (only the teardown of the modules it inherited is skipped: :func:`_exit`). The shim
exits with the child's code, or by the signal that ended it.

The server only imports: no command runs before the test's, nothing is computed in advance.
It serves an environment equal to its own (what bash adds aside: PWD, SHLVL, ``_``); for any
other (``VAR=x stspd ...``), the shim runs the real console script instead. It ends, and its
children with it, when the test process closes its standard input (or dies).
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import importlib
import io
import json
import os
import pkgutil
import re
import selectors
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

HEADER = struct.Struct("!I")  # length of the request that follows
SIGNAL = struct.Struct("!I")  # a signal the shim received, to pass on to the command
PEER = struct.Struct("3i")  # struct ucred: pid, uid, gid
REQUEST_TIMEOUT = 10.0
PR_SET_PDEATHSIG = 1  # linux/prctl.h
LOST = 3  # the server is gone before the command started: an internal error (exit code 3)
# What bash sets in the environment of the commands it runs (the server's own differ), and
# what a non-interactive bash takes out of it (PS1 and PS2, exported by a virtualenv's
# « activate »): the child runs in the command's environment all the same (:func:`become`).
SHELL_SET = frozenset({"PWD", "OLDPWD", "SHLVL", "_", "PS1", "PS2"})
# Modules the commands import when they need them (inside functions), heavy enough to matter.
# Not the readers of convertir's PDF and web pages (pdfplumber, selectolax): no example
# converts those, and what is imported here costs every child its share of the teardown.
LAZY = (
    "weasyprint",
    "rich.console",
    "rich.table",
    "openpyxl",
    "markdown_it",
    "platformdirs",
    "multiprocessing",
    "concurrent.futures",
)
SHIM = Path(__file__).with_name("warm_shim.py")
JOURNAL = "journal"
PYTHON_IGNORES = {signal.SIGPIPE, signal.SIGXFSZ}
SUPPORTED = hasattr(os, "pidfd_open") and hasattr(socket, "send_fds")


@dataclass
class Request:
    argv: list[str]
    cwd: str
    env: dict[str, str]
    umask: int
    streams: list[int]  # which of 0, 1, 2 the shim has open, in the order of ``fds``
    ignored: list[int]  # the signals the shim was started with ignored
    fds: list[int] = field(default_factory=list)

    def close(self) -> None:
        for fd in self.fds:
            os.close(fd)


def preload() -> None:
    import stspd_cli  # noqa: PLC0415

    names = [
        found.name
        for found in pkgutil.walk_packages(stspd_cli.__path__, "stspd_cli.")
        if not found.name.endswith("__main__")
    ]
    from stspd_cli.native import quick_library_lookup  # noqa: PLC0415

    for name in [*names, *LAZY]:
        # A module that cannot be imported here fails the same way in the command itself;
        # WeasyPrint's libraries are looked up as stspd looks them up (stspd_cli/native.py).
        with contextlib.suppress(ImportError), quick_library_lookup():
            importlib.import_module(name)


def _receive(conn: socket.socket) -> Request | None:
    """The request of a shim of this user (None for anyone else)."""
    credentials = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, PEER.size)
    if PEER.unpack(credentials)[1] != os.getuid():
        return None
    conn.settimeout(REQUEST_TIMEOUT)
    message, fds, _flags, _address = socket.recv_fds(conn, 1 << 16, 3)
    try:
        (length,) = HEADER.unpack_from(message)
        body = message[HEADER.size :]
        while len(body) < length:
            chunk = conn.recv(length - len(body))
            if not chunk:
                raise ConnectionError("requête incomplète")
            body += chunk
        asked = json.loads(body.decode("utf-8", "surrogateescape"))
        request = Request(
            asked["argv"],
            asked["cwd"],
            asked["env"],
            asked["umask"],
            asked["streams"],
            asked["ignored"],
            fds,
        )
        if len(fds) != len(request.streams):
            raise ConnectionError("descripteurs manquants")
    except BaseException:
        for fd in fds:
            os.close(fd)
        raise
    conn.settimeout(None)
    return request


def _same_environment(env: dict[str, str]) -> bool:
    def kept(values: dict[str, str]) -> dict[str, str]:
        return {k: v for k, v in values.items() if k not in SHELL_SET}

    return kept(env) == kept(dict(os.environ))


def _die_with(server: int) -> None:
    """This child is killed if the server dies (Linux's PR_SET_PDEATHSIG; cleared again in
    the processes the command itself forks)."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL) != 0 or os.getppid() != server:
        os._exit(LOST)


def _answer(conn: socket.socket, answer: dict[str, int]) -> None:
    with contextlib.suppress(OSError):
        conn.sendall(json.dumps(answer).encode())
    conn.close()


class Server:
    def __init__(self, address: str) -> None:
        self.address = address
        self.pid = os.getpid()
        self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.listener.bind(address)
        self.listener.listen(16)
        self.selector = selectors.DefaultSelector()
        self.selector.register(self.listener, selectors.EVENT_READ, ("accept", -1))
        self.selector.register(sys.stdin, selectors.EVENT_READ, ("stop", -1))
        self.running: dict[int, tuple[int, socket.socket]] = {}  # pidfd: (pid, connection)

    def serve(self) -> Request:
        """Serve until standard input closes (then exit); returns only in a forked child,
        with the request it is to run."""
        print("prêt", flush=True)  # the fixture waits for this line
        try:
            while True:
                for key, _events in self.selector.select():
                    what, pidfd = key.data
                    try:
                        if what == "stop":
                            self._stop()
                        elif what == "accept":
                            request = self._accept()
                            if request is not None:  # in the child
                                return request
                        elif what == "exit":
                            self._finished(pidfd)
                        else:
                            self._forward(pidfd)
                    except OSError:  # one request lost, not the server
                        traceback.print_exc()
        finally:
            if os.getpid() == self.pid:
                Path(self.address).unlink(missing_ok=True)

    def _accept(self) -> Request | None:
        conn, _ = self.listener.accept()
        try:
            request = _receive(conn)
        except (OSError, ValueError, KeyError, TypeError):
            traceback.print_exc()
            request = None
        if request is None:
            conn.close()
            return None
        if not _same_environment(request.env):
            request.close()
            self._note("repli", request)
            _answer(conn, {"fallback": 1})
            return None
        self._note("servi", request)
        pid = os.fork()
        if pid == 0:  # the child keeps only the request's descriptors
            _die_with(self.pid)
            conn.close()
            for pidfd, (_pid, other) in self.running.items():
                os.close(pidfd)
                other.close()
            self.selector.close()
            self.listener.close()
            return request
        request.close()
        pidfd = os.pidfd_open(pid)
        self.running[pidfd] = (pid, conn)
        self.selector.register(pidfd, selectors.EVENT_READ, ("exit", pidfd))
        self.selector.register(conn, selectors.EVENT_READ, ("signal", pidfd))
        return None

    def _note(self, what: str, request: Request) -> None:
        """One line of the journal (:func:`journal`): a command served warm, or sent back."""
        with Path(self.address).with_name(JOURNAL).open("a", encoding="utf-8") as notes:
            notes.write(json.dumps([what, request.argv[1:]]) + "\n")

    def _finished(self, pidfd: int) -> None:
        pid, conn = self.running.pop(pidfd)
        self.selector.unregister(pidfd)
        with contextlib.suppress(KeyError):
            self.selector.unregister(conn)
        os.close(pidfd)
        _pid, status = os.waitpid(pid, 0)
        _answer(conn, {"exit": os.waitstatus_to_exitcode(status)})

    def _forward(self, pidfd: int) -> None:
        """The shim passes on a signal, or is gone: then so is its command (SIGKILL)."""
        if pidfd not in self.running:  # ended in the same round of events
            return
        pid, conn = self.running[pidfd]
        data = conn.recv(SIGNAL.size)
        if len(data) == SIGNAL.size:
            signum = SIGNAL.unpack(data)[0]
        else:
            signum = signal.SIGKILL
            self.selector.unregister(conn)
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signum)

    def _stop(self) -> NoReturn:
        for pidfd, (pid, conn) in self.running.items():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            os.close(pidfd)
            conn.close()
        raise SystemExit(0)


def _stream(fd: int, like: io.TextIOWrapper) -> io.TextIOWrapper:
    """A standard stream as CPython makes it at start-up (Python/pylifecycle.c, create_stdio),
    with the encoding, errors and buffering (PYTHONUNBUFFERED) of the server's own, started in
    the same environment: line-buffered on a terminal (stderr always), ``closefd`` false."""
    write = fd != 0
    buffered = not like.write_through
    raw = io.FileIO(fd, "wb" if write else "rb", closefd=False)
    raw.name = ("<stdin>", "<stdout>", "<stderr>")[fd]
    size = os.fstat(fd).st_blksize  # as io.open chooses it
    size = size if size > 1 else io.DEFAULT_BUFFER_SIZE
    binary: Any = raw  # unbuffered output: the raw file itself
    if write and buffered:
        binary = io.BufferedWriter(raw, size)
    elif not write:
        binary = io.BufferedReader(raw, size)
    stream = io.TextIOWrapper(
        binary,
        encoding=like.encoding,
        errors=like.errors,
        newline="\n",
        line_buffering=buffered and (raw.isatty() or fd == 2),
        write_through=not buffered,
    )
    stream.mode = "w" if write else "r"  # type: ignore[misc]
    return stream


def become(request: Request) -> None:
    """The child takes the shim's place: streams, folder, environment, umask, arguments."""
    for target, fd in zip(request.streams, request.fds, strict=True):
        os.dup2(fd, target)
        os.close(fd)
    for target in {0, 1, 2} - set(request.streams):
        os.close(target)
    like = (sys.__stdin__, sys.__stdout__, sys.__stderr__)  # TextIOWrapper at start-up
    streams = [
        _stream(fd, model)
        if fd in request.streams and isinstance(model, io.TextIOWrapper)
        else None
        for fd, model in enumerate(like)
    ]
    sys.stdin = sys.__stdin__ = streams[0]  # type: ignore[misc]
    sys.stdout = sys.__stdout__ = streams[1]  # type: ignore[misc]
    sys.stderr = sys.__stderr__ = streams[2]  # type: ignore[misc]
    os.chdir(request.cwd)
    os.environ.clear()
    os.environ.update(request.env)
    os.umask(request.umask)
    # The dispositions a Python process starts with: those inherited (ignored stays ignored),
    # then its own (KeyboardInterrupt on SIGINT, SIGPIPE and SIGXFSZ ignored).
    for signum in signal.valid_signals() - {signal.SIGKILL, signal.SIGSTOP}:
        if signum in request.ignored or signum in PYTHON_IGNORES:
            signal.signal(signum, signal.SIG_IGN)
        elif signum == signal.SIGINT:
            signal.signal(signum, signal.default_int_handler)
        elif signal.getsignal(signum) is not None:  # None: set outside Python, left as it is
            signal.signal(signum, signal.SIG_DFL)
    sys.argv = list(request.argv)


def main() -> None:
    request = Server(sys.argv[1]).serve()
    become(request)
    # What the console script stspd (pip's generated launcher) does.
    from stspd_cli.entry import main as stspd  # noqa: PLC0415

    sys.argv[0] = re.sub(r"(-script\.pyw|\.exe)?$", "", sys.argv[0])
    try:
        stspd()
    except SystemExit as done:
        _exit(done.code)
    _exit(None)


def _exit(code: str | int | None) -> NoReturn:
    """``sys.exit(code)`` without the teardown of every module the child inherited (50 ms of
    CPU a command). What Python does at its end that a command can see is done first, in its
    order (Py_FinalizeEx): threads joined, exit functions run, standard streams flushed. A
    flush that fails goes Python's own way (its message, exit status 120): the buffer still
    holds what could not be written, and the interpreter's end tries again."""
    import atexit  # noqa: PLC0415
    import threading  # noqa: PLC0415

    threading._shutdown()  # type: ignore[attr-defined]
    atexit._run_exitfuncs()
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None and not stream.closed:
                stream.flush()
    except Exception:
        sys.exit(code)
    if code is None or isinstance(code, int):
        os._exit((code or 0) & 0xFF)
    sys.exit(code)  # a message as exit code: Python prints it


def journal(env: dict[str, str]) -> list[tuple[str, list[str]]]:
    """What the server of ``env`` (as :func:`warm_stspd` gave it) did with each command so far,
    with its arguments: « servi » (run by a warm child) or « repli » (sent back to the real
    console script)."""
    notes = Path(env["PATH"].split(os.pathsep)[0]).parent / JOURNAL
    lines = notes.read_text(encoding="utf-8").splitlines() if notes.exists() else []
    return [(what, argv) for what, argv in map(json.loads, lines)]


def shim_text(address: str, real: Path) -> str:
    body = SHIM.read_text(encoding="utf-8")
    return f"#!{sys.executable} -IS\n{body}\n\nmain({address!r}, {str(real)!r})\n"


@contextlib.contextmanager
def warm_stspd(real: Path, env: dict[str, str]) -> Iterator[dict[str, str]]:
    """``env`` with the shim ``stspd`` first on its PATH, served while the context lasts by a
    server started in that same environment (the one the commands are to run in). Where the
    system lacks what it needs (Linux's pidfd, descriptors over sockets), ``env`` as it is:
    the commands then start cold."""
    if not SUPPORTED:
        yield env
        return
    with tempfile.TemporaryDirectory(prefix="stspd-") as folder:
        address = str(Path(folder) / "serveur")
        shim = Path(folder) / "bin" / "stspd"
        shim.parent.mkdir()
        shim.write_text(shim_text(address, real), encoding="utf-8")
        shim.chmod(0o755)
        served = {**env, "PATH": f"{shim.parent}{os.pathsep}{env.get('PATH', os.defpath)}"}
        log = Path(folder) / "serveur.log"
        with log.open("wb") as errors:
            server = subprocess.Popen(
                [sys.executable, __file__, address, str(real)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=errors,
                env=served,
                cwd=folder,
            )
        assert server.stdin is not None
        assert server.stdout is not None
        try:
            ready = server.stdout.readline()
            assert ready, log.read_text(encoding="utf-8", errors="replace")
            yield served
        finally:
            server.stdin.close()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            server.stdout.close()
        problems = log.read_text(encoding="utf-8", errors="replace")
        assert server.returncode == 0, problems
        assert not problems, problems


if __name__ == "__main__":
    # The module search path of the console script: its folder first, not tests/.
    sys.path[0] = str(Path(sys.argv[2]).parent)
    preload()
    # What is imported stays: the children's collections need not scan it (nor copy its pages).
    gc.collect()
    gc.freeze()
    main()
