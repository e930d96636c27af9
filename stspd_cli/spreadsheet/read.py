"""Read a table file, xlsx or csv, told apart by its content rather than its name."""

from __future__ import annotations

from pathlib import Path

from stspd_cli.errors import UnreadableInputError
from stspd_cli.source import NotReadable, read_regular
from stspd_cli.spreadsheet.cells import RawTable

MAX_BYTES = 16 * 1024 * 1024
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 (.xls) and other OLE documents


def read_table(path: Path) -> RawTable:
    from stspd_cli.spreadsheet.csv_io import read_csv  # noqa: PLC0415
    from stspd_cli.spreadsheet.xlsx_read import read_xlsx  # noqa: PLC0415

    name = str(path)
    try:
        data = read_regular(path, MAX_BYTES)
    except NotReadable as refused:
        too_big = refused.size is not None
        why = "fichier trop gros pour un tableau de suivi" if too_big else refused.detail
        raise UnreadableInputError(f"{name} : {why}") from None
    except FileNotFoundError:
        raise UnreadableInputError(f"{name} : fichier introuvable") from None
    except PermissionError:
        raise UnreadableInputError(f"{name} : lecture refusée (droits d'accès)") from None
    except OSError as error:
        raise UnreadableInputError(f"{name} : lecture impossible ({error.strerror})") from None
    if data.startswith(_ZIP):
        return read_xlsx(data, name)
    if data.startswith(_OLE):
        raise UnreadableInputError(
            f"{name} : classeur Excel 97-2003 (.xls), format non pris en charge",
            hint="enregistrez-le au format Excel (.xlsx) puis relancez",
        )
    return read_csv(data, name)
