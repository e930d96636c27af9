"""Allow ``python -m stspd_cli``."""

from stspd_cli.cli import main

main()
