"""Identifiers made from names, the one rule: ``Villeneuve-d'Ascq`` -> ``villeneuve-d-ascq``
(lower case, no accent, ``œ`` written ``oe``, every other sign a hyphen)."""

from __future__ import annotations

import re
import unicodedata

_NOT_ID = re.compile(r"[^a-z0-9]+")


def slug(text: str, *, limit: int | None = None) -> str:
    """The identifier of ``text``, at most ``limit`` characters (cut at a hyphen's place);
    empty when the text holds no letter or digit."""
    bare = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("Œ", "Oe"))
    ascii_text = "".join(c for c in bare if not unicodedata.combining(c)).lower()
    made = _NOT_ID.sub("-", ascii_text).strip("-")
    return made[:limit].strip("-") if limit is not None else made
