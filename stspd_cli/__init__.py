"""stspd: stratégies territoriales de sécurité et de prévention de la délinquance."""

__version__ = "0.1.0"
SCHEMA_ID = "stspd/1"
