"""What was pruned from a file's data to build its model (:mod:`stspd_cli.checks.prune`), in
the coordinates of the file: every rule reads it (:class:`stspd_cli.checks.CheckContext`).
Imports nothing of pydantic: a file that fits the model is checked without it."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from stspd_cli.findings import Finding, Path_


@dataclass(slots=True)
class Pruned:
    """What was taken out of the data, in the coordinates of the file."""

    # A list's path -> its items removed, in increasing order.
    removed: dict[Path_, list[int]] = field(default_factory=dict)
    paths: set[Path_] = field(default_factory=set)  # every part dropped or replaced
    # A list's path -> the fields dropped or replaced in some of its items.
    fields: dict[Path_, set[str]] = field(default_factory=dict)
    ids: dict[str, set[str]] = field(default_factory=dict)  # kind -> ids of removed items

    @property
    def complete(self) -> bool:
        return not self.paths

    def original(self, path: Path_) -> Path_:
        """The path in the file of a path in the pruned data."""
        out: list[str | int] = []
        for part in path:
            if isinstance(part, int):
                out.append(_unshift(self.removed.get(tuple(out), []), part))
            else:
                out.append(part)
        return tuple(out)

    def covers(self, path: Path_) -> bool:
        """``path`` (in the file) lies in a part that was dropped or replaced."""
        return any(path[:n] in self.paths for n in range(1, len(path) + 1))

    def keeps(self, finding: Finding) -> bool:
        return not self.covers(finding.path)

    def lost(self, container: Path_, field: str | None = None) -> bool:
        """An item of the list at ``container`` (in the file) was removed, or, with
        ``field``, that field of one of its items was dropped or replaced."""
        if self.removed.get(container):
            return True
        return field is not None and field in self.fields.get(container, set())

    def add(self, path: Path_) -> None:
        """Record a part dropped or replaced (``path`` in the file)."""
        self.paths.add(path)
        if len(path) > 1 and isinstance(path[-2], int):
            self.fields.setdefault(path[:-2], set()).add(str(path[-1]))


def _unshift(removed: list[int], index: int) -> int:
    """The index in the file of item ``index`` of a list whose ``removed`` items are gone."""
    original = index
    while True:
        shifted = index + bisect.bisect_right(removed, original)
        if shifted == original:
            return original
        original = shifted
