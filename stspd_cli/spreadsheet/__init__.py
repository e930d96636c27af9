"""The partners' tracking table (tableau de suivi): ``stspd export`` and ``stspd import``.

export: strategy -> :class:`~stspd_cli.spreadsheet.table.Table` -> xlsx or csv bytes.
import: xlsx or csv bytes -> :class:`~stspd_cli.spreadsheet.cells.RawTable` -> planned edits
(:mod:`merge`) -> minimal ruamel edits, verified, written atomically (:mod:`apply`).

openpyxl is imported lazily, only by the two commands.
"""
