"""What changed between two versions of a strategy: entities matched by id, not by position."""

from stspd_cli.diff.engine import Change, diff_documents

__all__ = ["Change", "diff_documents"]
