"""The printable feuille de route: a strategy rendered to HTML, Markdown or PDF.

Library first: ``render_document(doc, "html")`` gives bytes; :mod:`stspd_cli.render.output`
decides where they go. The pipeline is visible in the module names: ``context`` (what the
document says, for its audience) -> ``environment`` (templates, filters) -> ``formats``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from stspd_cli.errors import TemplateError, UsageError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from stspd_cli.model import Document
    from stspd_cli.render.formats import Format

__all__ = ["get_format", "load_strategy", "render_document"]


def get_format(name: str) -> Format:
    from stspd_cli.render.formats import FORMATS  # noqa: PLC0415

    if name not in FORMATS:
        msg = f"format « {name} » inconnu ; formats possibles : {', '.join(FORMATS)}"
        raise UsageError(msg)
    return FORMATS[name]


def load_strategy(path: Path, display: str | None = None) -> Document:
    """Load and check a strategy; raise if it cannot be read or holds errors (not warnings)."""
    from stspd_cli.load import load_file  # noqa: PLC0415
    from stspd_cli.strategy_io import model_from_loaded  # noqa: PLC0415

    return model_from_loaded(load_file(path, display or str(path)))


def render_document(
    doc: Document,
    format_name: str = "html",
    *,
    interne: bool = False,
    templates: Sequence[Path] = (),
) -> bytes:
    """``doc`` rendered in a format, public unless ``interne``, with the commune's templates."""
    from jinja2 import TemplateError as JinjaError  # noqa: PLC0415
    from jinja2 import TemplateSyntaxError  # noqa: PLC0415

    from stspd_cli.render.context import build_context  # noqa: PLC0415
    from stspd_cli.render.environment import build_environment  # noqa: PLC0415

    fmt = get_format(format_name)
    env = build_environment(templates)
    ctx = build_context(doc, interne=interne)
    try:
        return fmt.render(ctx, env)
    except TemplateSyntaxError as error:
        where = f"{error.filename or error.name}:{error.lineno}"
        raise TemplateError(f"modèle {where} : {error.message}") from None
    except JinjaError as error:
        where = _template_location(error)
        raise TemplateError(f"modèle{where} : {error.message or error}") from None


def _template_location(error: BaseException) -> str:
    """`` document.html:12`` from the innermost template frame of a rendering error."""
    where = ""
    tb = error.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if not filename.endswith(".py"):
            where = f" {Path(filename).name}:{tb.tb_lineno}"
        tb = tb.tb_next
    return where
