"""Where a table comes from, and what its editable cells held when it was exported.

Both are written into the table (hidden sheet ``_stspd`` and document properties in xlsx, rows
starting with ``#stspd`` at the end of a csv file) and read back on import:

- the identity (strategy file, territory, version, fingerprint of the file, export date, public
  or internal) tells a table made from another strategy;
- the exported values of status, progress and comment (the comment as a fingerprint) let the
  import tell what the partner changed from what the strategy changed since the export: a
  three-way comparison, so that a table filled in while another was imported stays usable.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

from stspd_cli.fr import date_fr
from stspd_cli.spreadsheet.layout import FORMAT

# Every value is written as text that no spreadsheet turns into a number or a date on its own
# (a csv file opened and saved again by Excel keeps it), except the export date, read in both
# of the forms Excel may give back.
_HEX_PREFIX = "h"


def file_fingerprint(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()[:16]


def clean_text(text: str) -> str:
    """Text as a cell and the YAML both hold it: Unix line ends, no control characters, no
    trailing blanks. The same function runs on export and on import, so equal texts compare equal.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = "".join(c for c in text if c == "\n" or (ord(c) >= 32 and ord(c) != 127))
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def text_fingerprint(text: str | None) -> str:
    if text is None or not clean_text(text):
        return ""
    digest = hashlib.sha256(clean_text(text).encode("utf-8")).hexdigest()[:16]
    return _HEX_PREFIX + digest


@dataclass(frozen=True, slots=True)
class Exported:
    """The editable values of one action when the table was exported."""

    statut: str | None
    avancement: int | None
    commentaire: str  # fingerprint, "" when there was none


@dataclass(slots=True)
class Identity:
    source: str  # file name of the strategy
    territoire: str
    instance: str
    version: str
    empreinte: str  # fingerprint of the strategy file's bytes
    date_export: date | None  # None when a spreadsheet changed it beyond recognition
    diffusion: str  # "publique" or "interne"
    outil: str = ""
    format: str = FORMAT
    exported: dict[str, Exported] = field(default_factory=dict)
    # The strategy's effective period in words (« du 1er juillet 2024 au 31 décembre 2027 ») and
    # its effective end: told to the partners, never needed to read a table back.
    periode: str = ""
    fin_effective: str = ""

    @property
    def interne(self) -> bool:
        return self.diffusion == "interne"

    @property
    def since(self) -> str:
        """« depuis l'export du 1er juillet 2026 », for messages."""
        if self.date_export is None:
            return "depuis l'export"
        return f"depuis l'export du {date_fr(self.date_export)}"

    def rows(self) -> list[list[str]]:
        """Key-value rows, then one ``base`` row per exported action."""
        rows = [
            ["format", self.format],
            ["source", self.source],
            ["territoire", self.territoire],
            ["instance", self.instance],
            ["version", self.version],
            ["empreinte", self.empreinte],
            ["date_export", self.date_export.isoformat() if self.date_export else ""],
            ["diffusion", self.diffusion],
            ["outil", self.outil],
        ]
        if self.periode:
            rows += [["periode", self.periode], ["fin_effective", self.fin_effective]]
        for ident, values in self.exported.items():
            progress = "" if values.avancement is None else str(values.avancement)
            rows.append(["base", ident, values.statut or "", progress, values.commentaire])
        return rows


class IdentityError(ValueError):
    """The identity rows are missing or damaged."""


_DATE_FR = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def _read_date(text: str) -> date | None:
    """The export date as written (ISO), or as French Excel writes it back (JJ/MM/AAAA). It is
    only told in messages: a form it cannot read is no reason to refuse the table."""
    match = _DATE_FR.match(text)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return date(year, month, day)
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _progress(text: str) -> int | None:
    if not text:
        return None
    number = float(text.replace(",", "."))
    if not number.is_integer():
        raise IdentityError(f"avancement exporté « {text} » illisible")
    return int(number)


def identity_from_rows(rows: list[list[str]]) -> Identity:
    """Read the rows written by :meth:`Identity.rows` (cells already turned into text)."""
    values: dict[str, str] = {}
    exported: dict[str, Exported] = {}
    for row in rows:
        cells = [*row, "", "", "", ""]
        key = cells[0].strip()
        if key == "base":
            ident = cells[1].strip()
            exported[ident] = Exported(
                statut=cells[2].strip() or None,
                avancement=_progress(cells[3].strip()),
                commentaire=cells[4].strip(),
            )
        elif key and key not in values:
            values[key] = cells[1].strip()
    missing = [k for k in ("format", "source", "territoire", "empreinte") if not values.get(k)]
    if missing:
        raise IdentityError(f"informations absentes : {', '.join(missing)}")
    exported_on = _read_date(values.get("date_export", ""))
    return Identity(
        source=values["source"],
        territoire=values["territoire"],
        instance=values.get("instance", ""),
        version=values.get("version", ""),
        empreinte=values["empreinte"],
        date_export=exported_on,
        diffusion=values.get("diffusion", "publique") or "publique",
        outil=values.get("outil", ""),
        format=values["format"],
        exported=exported,
    )
