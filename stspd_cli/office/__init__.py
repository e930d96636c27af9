"""Office documents (docx, odt) made from our HTML pages, through one Pandoc AST.

The pipeline, one module each: ``htmlprep`` (the page made ready for pandoc's HTML reader) ->
:mod:`stspd_cli.pandoc` (reads it into the AST; the same launcher reads the documents of
``stspd convertir``) -> ``shape`` (styles, cover, table of contents, only safe links and
pictures) -> pandoc again (writes docx or odt with the reference document of ``reference``)
-> ``finish`` (properties, running header). The feuille de route, the bilan and
the note de modification go through it alike: an office document says what its HTML says.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from stspd_cli.fr import NBSP
from stspd_cli.render.context import RESTRICTED_MARK

if TYPE_CHECKING:
    from pathlib import Path

    from jinja2 import Environment

KINDS = ("docx", "odt")
API_VERSION = [1, 23, 1]


class OfficeMeta(NamedTuple):
    title: str
    author: str
    subject: str  # the running header: « CLSPD Lille »
    interne: bool = False
    alts: tuple[str, ...] = ()  # pictures' text alternatives, in order (set by the pipeline)

    @property
    def diffusion(self) -> str:
        """The mark at the right of the running header: only on an internal version."""
        return RESTRICTED_MARK if self.interne else ""


def _meta_value(text: str) -> dict[str, Any]:
    from stspd_cli.office.nodes import words  # noqa: PLC0415

    return {"t": "MetaInlines", "c": words(text)}


def office_document(html: str, kind: str, meta: OfficeMeta, model: Path) -> bytes:
    """The page ``html`` as a ``kind`` document with the styles of the reference ``model``.
    A public document made before from the same page, properties and reference document is
    given from the cache (:mod:`stspd_cli.render.document_cache`); a restricted one is always
    made, and never kept."""
    if meta.interne:
        return _made(html, kind, meta, model)
    from stspd_cli.render.document_cache import kept_or_made  # noqa: PLC0415

    parts = [html.encode("utf-8", "surrogatepass"), repr(tuple(meta)).encode(), model.read_bytes()]
    return kept_or_made(kind, parts, lambda: _made(html, kind, meta, model))


def _made(html: str, kind: str, meta: OfficeMeta, model: Path) -> bytes:
    from stspd_cli import pandoc  # noqa: PLC0415
    from stspd_cli.office.finish import finish  # noqa: PLC0415
    from stspd_cli.office.htmlprep import prepare  # noqa: PLC0415
    from stspd_cli.office.shape import shape  # noqa: PLC0415

    read = pandoc.read_html(prepare(html))
    shaped = shape(read, kind)
    document = {
        "pandoc-api-version": read.get("pandoc-api-version", API_VERSION),
        "meta": {
            "lang": _meta_value("fr-FR"),
            "subject": _meta_value(meta.subject),
            # Word and LibreOffice show the property itself in the header: on a public version a
            # no-break space, so that the field exists and shows nothing.
            "diffusion": {"t": "MetaInlines", "c": [{"t": "Str", "c": meta.diffusion or NBSP}]},
        },
        "blocks": shaped.blocks,
    }
    data = pandoc.write(document, kind, model)
    return finish(kind, data, meta._replace(title=meta.title or shaped.title, alts=shaped.alts))


def office_page(html: str, kind: str, meta: OfficeMeta, env: Environment | None = None) -> bytes:
    """``html`` as an office document, with the town's reference document found from ``env``
    (its template folders), or from the repository of the current folder."""
    from stspd_cli.office.reference import find_model  # noqa: PLC0415

    if env is None:
        from pathlib import Path  # noqa: PLC0415

        from stspd_cli.render.environment import build_environment  # noqa: PLC0415
        from stspd_cli.render.settings import template_dirs  # noqa: PLC0415

        env = build_environment(template_dirs(None, Path.cwd()))
    return office_document(html, kind, meta, find_model(env, kind))
