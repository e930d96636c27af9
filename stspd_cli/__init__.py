"""stspd: stratégies territoriales de sécurité et de prévention de la délinquance."""

# The one place of the version (pyproject.toml reads it); releases in CHANGELOG.md.
__version__ = "0.2.0.dev0"
SCHEMA_ID = "stspd/1"
