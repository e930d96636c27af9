"""The ``stspd`` that :mod:`warm_stspd` puts first on the PATH of a test: it hands its command
line, folder, environment, umask and standard streams to the warm server, and exits as the
command did (its code, or the signal that ended it).

Written out as an executable script by :func:`warm_stspd.shim_text` (``python -IS``: the
standard library only, a few milliseconds to start). When the server cannot be reached, or
answers that this environment is not the one it imported stspd in, the shim becomes the real
console script (``exec``, the same arguments), so that a command line always runs once.
"""

import contextlib
import json
import os
import signal
import socket
import struct
import sys

HEADER = struct.Struct("!I")
SIGNAL = struct.Struct("!I")
FORWARDED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT)
LOST = 3  # the server went away during the command: an internal error (README « Codes de sortie »)


def _is_open(fd: int) -> bool:
    try:
        os.fstat(fd)
    except OSError:
        return False
    return True


def _ignored() -> list[int]:
    """The signals this process was started with ignored (a background job's SIGINT), which
    the real stspd would have inherited."""
    unblockable = {signal.SIGKILL, signal.SIGSTOP}
    return [
        s for s in signal.valid_signals() - unblockable if signal.getsignal(s) == signal.SIG_IGN
    ]


def _request(streams: list[int]) -> bytes:
    mask = os.umask(0o077)
    os.umask(mask)
    asked = {
        "argv": sys.argv,
        "cwd": os.getcwd(),  # noqa: PTH109 (no pathlib: the shim imports as little as it can)
        "env": dict(os.environ),
        "umask": mask,
        "streams": streams,
        "ignored": _ignored(),
    }
    body = json.dumps(asked).encode("utf-8", "surrogateescape")
    return HEADER.pack(len(body)) + body


def _answer(sock: socket.socket) -> dict[str, int]:
    chunks = []
    while chunk := sock.recv(4096):
        chunks.append(chunk)
    if not chunks:
        return {}
    answer: dict[str, int] = json.loads(b"".join(chunks))
    return answer


def _real(real: str) -> None:
    os.execv(real, [real, *sys.argv[1:]])  # noqa: S606 (the real console script, same arguments)


def main(address: str, real: str) -> None:
    streams = [fd for fd in (0, 1, 2) if _is_open(fd)]
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        message = _request(streams)
        sock.connect(address)
        sent = socket.send_fds(sock, [message], streams)
        sock.sendall(message[sent:])
    except OSError:  # no server (or no current folder): the command runs all the same
        sock.close()
        _real(real)

    def forward(signum: int, _frame: object) -> None:
        with contextlib.suppress(OSError):
            sock.send(SIGNAL.pack(signum))

    for signum in FORWARDED:
        if signal.getsignal(signum) != signal.SIG_IGN:
            signal.signal(signum, forward)
    answer = _answer(sock)
    sock.close()
    if "fallback" in answer:
        _real(real)
    if "exit" not in answer:
        sys.stderr.write(
            "stspd (serveur des tests) : le serveur s'est arrêté pendant la commande\n"
        )
        sys.exit(LOST)
    code = answer["exit"]
    if code < 0:  # ended by a signal: end the same way, for the shell to see it
        signal.signal(-code, signal.SIG_DFL)
        os.kill(os.getpid(), -code)
        code = 128 - code
    sys.exit(code)
