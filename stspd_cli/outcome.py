"""What a command gives back to the command line: a document for standard output, lines for the
error output, an exit code, and the errors to report last. The library never prints; the
command line (``cli.finish``) writes an outcome, the one way out."""

from __future__ import annotations

from collections.abc import Iterator

from stspd_cli.errors import EXIT_OK, StspdError


class Outcome:
    """What one command gives back. (A plain class: every run defines it, and a dataclass
    costs a quarter of a millisecond to define at start-up.)"""

    __slots__ = ("errors", "exit_code", "messages", "raw_stderr", "stdout")

    def __init__(
        self,
        stdout: str | bytes | Iterator[str] | None = None,
        messages: list[str] | None = None,
        exit_code: int = EXIT_OK,
        raw_stderr: str = "",
    ) -> None:
        self.stdout = stdout
        # French lines for the error output, without the « stspd : » prefix.
        self.messages: list[str] = messages or []
        self.exit_code = exit_code
        # Errors found on the way, reported after the messages; each one is shown, the highest
        # exit code wins.
        self.errors: list[StspdError] = []
        # Text for the error output as it is (diagnostics of import, with their own form).
        self.raw_stderr = raw_stderr

    def say(self, line: str | None) -> None:
        if line:
            self.messages.append(line)
