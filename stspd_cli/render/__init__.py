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
    from stspd_cli.render.draft import Draft
    from stspd_cli.render.formats import Format

__all__ = ["get_format", "load_strategy", "render_document", "template_error"]

# What a template's own mistakes raise through Python (RecursionError is a RuntimeError).
TEMPLATE_MISTAKES = (
    TypeError,
    ValueError,
    LookupError,
    AttributeError,
    ArithmeticError,
    RuntimeError,
    OSError,
)


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
    draft: Draft | None = None,
) -> bytes:
    """``doc`` rendered in a format, public unless ``interne``, with the commune's templates;
    with ``draft``, marked « BROUILLON » with its findings (``render --brouillon``)."""
    from stspd_cli.render.context import build_context  # noqa: PLC0415
    from stspd_cli.render.environment import build_environment  # noqa: PLC0415

    fmt = get_format(format_name)
    env = build_environment(templates)
    ctx = build_context(doc, interne=interne, draft=draft)
    try:
        return fmt.render(ctx, env)
    except Exception as error:
        converted = template_error(error)
        if converted is None:
            raise
        raise converted from None


def template_error(error: Exception) -> TemplateError | None:
    """The French message, with the template and its line, for an error raised while templates
    render; None for an error that is not a template's (a bug of stspd: exit 3)."""
    from jinja2 import TemplateError as JinjaError  # noqa: PLC0415
    from jinja2 import TemplateSyntaxError  # noqa: PLC0415

    from stspd_cli.render.environment import default_templates  # noqa: PLC0415

    if isinstance(error, TemplateSyntaxError):
        where = f"{error.filename or error.name}:{error.lineno}"
        return TemplateError(f"modèle {where} : {error.message}")
    if isinstance(error, JinjaError):
        return TemplateError(f"modèle{_template_location(error)} : {error.message or error}")
    if isinstance(error, TEMPLATE_MISTAKES):
        # A commune's template that calls a filter or a method with the wrong values, or
        # itself without end: its mistake, shown at its line. In a shipped template, a bug.
        where = _template_location(error, skip=default_templates())
        if where:
            msg = (
                f"modèle{where} : un calcul ou un appel a échoué ({type(error).__name__} : {error})"
            )
            return TemplateError(msg)
    return None


def _template_location(error: BaseException, skip: Path | None = None) -> str:
    """`` document.html:12`` from the innermost template frame of a rendering error; with
    ``skip``, "" when that frame is a template of that folder."""
    where = ""
    inner = ""
    tb = error.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if not filename.endswith(".py"):
            where = f" {Path(filename).name}:{tb.tb_lineno}"
            inner = filename
        tb = tb.tb_next
    if skip is not None and (not inner or Path(inner).is_relative_to(skip.resolve())):
        return ""
    return where
