"""Allow ``python -m stspd_cli``."""

from stspd_cli.entry import main

main()
