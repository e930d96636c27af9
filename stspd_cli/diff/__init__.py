"""What changed between two versions of a strategy: entities matched by id, not by position."""

from __future__ import annotations

from pathlib import Path

from stspd_cli.diff.engine import Change, diff_documents
from stspd_cli.diff.present import Presentation, present


def diff_versions(
    old: str, new: str, *, interne: bool = False, cwd: Path | None = None
) -> tuple[list[Change], Presentation]:
    """Load two versions (paths or ``REV:PATH``) and compare their public or internal views."""
    from stspd_cli.confidentiality import view  # noqa: PLC0415
    from stspd_cli.diff.sources import load_version  # noqa: PLC0415

    before = view(load_version(old, cwd), interne=interne)
    after = view(load_version(new, cwd), interne=interne)
    changes = diff_documents(before, after)
    return changes, present(changes, before, after, old, new)


__all__ = ["Change", "Presentation", "diff_documents", "diff_versions"]
