"""Output formats of ``stspd render``, in one registry: adding a format is adding one function.

A format turns the render context into bytes with the Jinja environment. Formats whose text
holds a glossary render twice: the glossary lists the acronyms the first rendering used.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from stspd_cli.render.glossary import html_text, known_acronyms, used_acronyms

if TYPE_CHECKING:
    from jinja2 import Environment

    from stspd_cli.render.context import RenderContext

_BLANK_LINES = re.compile(r"\n[ \t]*(?:\n[ \t]*)+\n")

Renderer = Callable[["RenderContext", "Environment"], bytes]


class Format(NamedTuple):
    name: str
    suffix: str
    binary: bool  # cannot go to a terminal
    description: str
    render: Renderer


FORMATS: dict[str, Format] = {}


def register(
    name: str, suffix: str, description: str, *, binary: bool = False
) -> Callable[[Renderer], Renderer]:
    def add(fn: Renderer) -> Renderer:
        FORMATS[name] = Format(name, suffix, binary, description, fn)
        return fn

    return add


def _with_glossary(
    ctx: RenderContext, env: Environment, template: str, text_of: Callable[[str], str]
) -> str:
    page = env.get_template(template)
    first = page.render(ctx=ctx)
    glossary = used_acronyms(text_of(first), known_acronyms(ctx.doc.acteurs))
    return page.render(ctx=ctx.with_glossary(glossary)) if glossary else first


def html_document(ctx: RenderContext, env: Environment) -> str:
    return _with_glossary(ctx, env, "document.html", html_text)


@register("html", ".html", "page HTML autonome, imprimable (CSS intégrée)")
def render_html(ctx: RenderContext, env: Environment) -> bytes:
    return html_document(ctx, env).encode("utf-8")


@register("md", ".md", "Markdown (CommonMark avec tableaux)")
def render_markdown(ctx: RenderContext, env: Environment) -> bytes:
    text = _with_glossary(ctx, env, "document.md", str)
    # Templates leave blank lines where optional parts are absent; one is enough.
    return (_BLANK_LINES.sub("\n\n", text).strip() + "\n").encode("utf-8")


@register("pdf", ".pdf", "PDF balisé (PDF/UA) par WeasyPrint", binary=True)
def render_pdf(ctx: RenderContext, env: Environment) -> bytes:
    from stspd_cli.render.pdf import html_to_pdf  # noqa: PLC0415  (WeasyPrint is optional)

    return html_to_pdf(html_document(ctx, env), public=not ctx.interne)


def _office(ctx: RenderContext, env: Environment, kind: str) -> bytes:
    from stspd_cli.office import OfficeMeta, office_page  # noqa: PLC0415  (optional extra)

    meta = OfficeMeta(
        title=ctx.titre,
        author=ctx.auteur,
        subject=f"{ctx.cover.instance} {ctx.territoire}",
        interne=ctx.interne,
    )
    return office_page(html_document(ctx, env), kind, meta, env)


@register("docx", ".docx", "document Word (docx) modifiable, aux styles du modèle", binary=True)
def render_docx(ctx: RenderContext, env: Environment) -> bytes:
    return _office(ctx, env, "docx")


@register("odt", ".odt", "document LibreOffice (odt) modifiable, aux styles du modèle", binary=True)
def render_odt(ctx: RenderContext, env: Environment) -> bytes:
    return _office(ctx, env, "odt")
