"""What a command gives back to the command line: a document for standard output, lines for the
error output, an exit code, and the errors to report last. The library never prints; the
command line (``cli.finish``) writes an outcome, the one way out."""

from __future__ import annotations

from dataclasses import dataclass, field

from stspd_cli.errors import EXIT_OK, StspdError


@dataclass(slots=True)
class Outcome:
    stdout: str | bytes | None = None
    # French lines for the error output, without the « stspd : » prefix.
    messages: list[str] = field(default_factory=list)
    exit_code: int = EXIT_OK
    # Errors found on the way, reported after the messages; the last one decides the exit code.
    errors: list[StspdError] = field(default_factory=list)
    # Lines written to the error output as they are (diagnostics of import, with their own form).
    raw_stderr: str = ""

    def say(self, line: str | None) -> None:
        if line:
            self.messages.append(line)
