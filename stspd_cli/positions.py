"""Where every key and value of a loaded YAML document sits in its file."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from stspd_cli.findings import Path_

# (line, column), both 0-based as the parser gives them.
Mark = tuple[int, int]
# The line breaks libyaml counts in its places (YAML 1.1: CR LF, LF, CR, NEL, LS and PS).
LINE_BREAK = re.compile(r"\r\n|[\n\r\x85\u2028\u2029]")


@dataclass(slots=True)
class Positions:
    """Maps a data path such as ``("plans", 0, "actions", 2, "pilote")`` to its place.

    ``values`` holds where each value starts; ``keys`` where the key of a mapping entry starts.
    """

    values: dict[Path_, Mark] = field(default_factory=dict)
    keys: dict[Path_, Mark] = field(default_factory=dict)

    def value(self, path: Path_) -> Mark:
        """The place of the value at ``path``, or of its nearest located ancestor."""
        return self._nearest(self.values, path)

    def key(self, path: Path_) -> Mark:
        """The place of the key of ``path`` (for unknown keys), else of its value."""
        if path in self.keys:
            return self.keys[path]
        return self.value(path)

    def _nearest(self, table: dict[Path_, Mark], path: Path_) -> Mark:
        probe = path
        while probe:
            if probe in table:
                return table[probe]
            probe = probe[:-1]
        return table.get((), (0, 0))
