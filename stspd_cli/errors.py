"""The one error tree of stspd, caught at one boundary (the CLI).

Each class carries its documented exit code. Library code raises these; it never prints or exits.
"""

from __future__ import annotations

# Exit codes, documented in README.md ("Codes de sortie").
EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
# Interrupted (Ctrl+C): 128 + SIGINT, as shells report it.
EXIT_INTERRUPTED = 130


class StspdError(Exception):
    """A user-facing error: a one-line French message and an exit code."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(StspdError):
    """The command line itself is wrong (unknown format, bad option value...)."""

    exit_code = EXIT_USAGE


class UnreadableInputError(StspdError):
    """A file cannot be read at all (missing, permissions, not text)."""

    exit_code = EXIT_USAGE


class InvalidStrategyError(StspdError):
    """A strategy was read but does not satisfy the model; the command cannot go on."""

    exit_code = EXIT_INVALID


class OutputError(StspdError):
    """An output cannot be written, or would overwrite a source strategy."""

    exit_code = EXIT_USAGE


class TemplateError(StspdError):
    """A template of the commune's charte graphique cannot be read or rendered."""

    exit_code = EXIT_USAGE


class DependencyError(StspdError):
    """An optional dependency (WeasyPrint for PDF) is not installed."""

    exit_code = EXIT_USAGE


class FormatError(StspdError):
    """``stspd fmt`` could not lay a file out without changing its data or losing a comment: a
    bug of the tool. The file is left untouched."""

    exit_code = EXIT_INTERNAL


class ConversionError(StspdError):
    """An office document (docx, odt) could not be written: pandoc failed on what stspd gave
    it, a bug of the tool. ``detail`` is what pandoc said last (its reader's callers, for whom
    a document pandoc cannot read is the user's input, say it in their own words)."""

    exit_code = EXIT_INTERNAL

    def __init__(self, message: str, hint: str | None = None, *, detail: str = "") -> None:
        super().__init__(message, hint)
        self.detail = detail
