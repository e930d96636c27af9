"""Charts as pictures for office documents: the bilan's SVG drawn to PNG by CairoSVG.

Word draws an SVG only from Office 2016 on, and needs a PNG beside it; LibreOffice 7.4 shows
pandoc's bare SVG in a docx at a wrong size. A PNG at twice the chart's size reads the same
everywhere and prints sharp at the width of the text.
"""

from __future__ import annotations

import importlib
from typing import Any

from stspd_cli.errors import DependencyError
from stspd_cli.installation import extra_hint
from stspd_cli.native import quick_library_lookup

SCALE = 2.0


def _cairosvg() -> Any:
    try:
        # Untyped and optional: loaded by name, only when a chart goes into an office document.
        with quick_library_lookup():
            return importlib.import_module("cairosvg")
    except ImportError:
        msg = "les graphiques d'un document docx ou odt demandent CairoSVG, absent"
        raise DependencyError(msg, hint=extra_hint("office")) from None
    except OSError as error:  # CairoSVG is there, the cairo library it needs is not
        msg = f"CairoSVG ne trouve pas la bibliothèque cairo ({error})"
        raise DependencyError(
            msg, hint="sous Debian ou Ubuntu : apt-get install libcairo2"
        ) from None


def svg_to_png(svg: str) -> bytes:
    """The chart ``svg`` (our own drawing: no external reference in it) as PNG bytes."""
    cairosvg = _cairosvg()
    # unsafe=False (the default): CairoSVG neither resolves XML entities nor fetches files.
    png: bytes = cairosvg.svg2png(bytestring=svg.encode("utf-8"), scale=SCALE, unsafe=False)
    return png
