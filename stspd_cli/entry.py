"""The console script ``stspd``: the express way for a plain validation (:mod:`stspd_cli.express`,
without typer), typer's command line (:mod:`stspd_cli.cli`) for everything else."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    from stspd_cli.express import main as express  # noqa: PLC0415

    if not express(args):
        from stspd_cli.cli import main as typer_main  # noqa: PLC0415

        typer_main(args)
