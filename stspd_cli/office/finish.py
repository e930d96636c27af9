"""The last touches pandoc cannot give: document properties and the running header's values.

Pandoc writes a title block when it is given a title; our documents have their own cover, so the
title goes straight into the properties (``docProps/core.xml``, ``meta.xml``). The reference
document's header holds fields (``SUBJECT`` and ``DOCPROPERTY diffusion`` in Word, the subject
and a user-defined field in LibreOffice) that both programs fill from the properties; their
current result is written here too, so that any reader shows the territory before updating.
Every value is XML-escaped.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

if TYPE_CHECKING:
    from collections.abc import Callable

    from stspd_cli.office import OfficeMeta

_DOCX_HEADER = re.compile(r"word/(header|footer)\d*\.xml")


def _field_result(xml: str, instr: str, value: str) -> str:
    """The text of simple fields whose instruction starts with ``instr``, set to ``value``."""
    pattern = re.compile(
        r'(<w:fldSimple\b[^>]*w:instr="\s*' + instr + r'\b[^"]*"[^>]*>)(.*?)(</w:fldSimple>)',
        re.DOTALL,
    )

    def fill(match: re.Match[str]) -> str:
        inner = match.group(2)
        run_props = re.search(r"<w:rPr>.*?</w:rPr>", inner, re.DOTALL)
        props = run_props.group(0) if run_props else ""
        text = f'<w:r>{props}<w:t xml:space="preserve">{escape(value)}</w:t></w:r>'
        return match.group(1) + text + match.group(3)

    return pattern.sub(fill, xml)


def _docx_part(name: str, xml: str, meta: OfficeMeta) -> str:
    if name == "docProps/core.xml":
        title = f"<dc:title>{escape(meta.title)}</dc:title>"
        xml = re.sub(r"<dc:title>.*?</dc:title>|<dc:title\s*/>", "", xml, flags=re.DOTALL)
        xml = re.sub(r"<dc:creator>.*?</dc:creator>|<dc:creator\s*/>", "", xml, flags=re.DOTALL)
        creator = f"<dc:creator>{escape(meta.author)}</dc:creator>"
        xml = xml.replace("</cp:coreProperties>", title + creator + "</cp:coreProperties>", 1)
        return re.sub(r"<dc:language>.*?</dc:language>", "<dc:language>fr-FR</dc:language>", xml)
    if _DOCX_HEADER.fullmatch(name):
        xml = _field_result(xml, "SUBJECT", meta.subject)
        return _field_result(xml, r"DOCPROPERTY\s+\"?diffusion", meta.diffusion)
    return xml


def _odt_part(name: str, xml: str, meta: OfficeMeta) -> str:
    if name == "META-INF/manifest.xml":  # the XML parts' media type, as LibreOffice writes it
        return re.sub(
            r'manifest:media-type="application/xml"(\s+manifest:full-path='
            r'"(?:content|styles|meta|settings)\.xml")',
            r'manifest:media-type="text/xml"\1',
            xml,
        )
    if name == "meta.xml":
        xml = re.sub(r"<dc:title>.*?</dc:title>|<dc:title\s*/>", "", xml, flags=re.DOTALL)
        xml = re.sub(
            r"<(dc:creator|meta:initial-creator)>.*?</\1>|<(dc:creator|meta:initial-creator)\s*/>",
            "",
            xml,
            flags=re.DOTALL,
        )
        title = f"<dc:title>{escape(meta.title)}</dc:title>"
        creator = (
            f"<meta:initial-creator>{escape(meta.author)}</meta:initial-creator>"
            f"<dc:creator>{escape(meta.author)}</dc:creator>"
        )
        xml = xml.replace("</office:meta>", title + creator + "</office:meta>", 1)
        return re.sub(r"<dc:language>.*?</dc:language>", "<dc:language>fr-FR</dc:language>", xml)
    if name == "content.xml":
        return _odt_cells(_odt_alternatives(xml, meta.alts))
    if name == "styles.xml":
        xml = re.sub(
            r"(<text:subject\b[^>]*>).*?(</text:subject>)",
            lambda m: m.group(1) + escape(meta.subject) + m.group(2),
            xml,
            flags=re.DOTALL,
        )
        return re.sub(
            r'(<text:user-defined\b[^>]*text:name="diffusion"[^>]*>).*?(</text:user-defined>)',
            lambda m: m.group(1) + escape(meta.diffusion) + m.group(2),
            xml,
            flags=re.DOTALL,
        )
    return xml


# pandoc's odt writer gives its table cells no border: the same thin rule and header shading as
# the « Table » style of the docx model, on the two cell styles it writes.
_CELLS = {
    "TableHeaderRowCell": 'fo:border="0.5pt solid #b7c1d3" fo:padding="0.07cm" '
    'fo:background-color="#e9eef6"',
    "TableRowCell": 'fo:border="0.5pt solid #b7c1d3" fo:padding="0.07cm"',
}


def _odt_cells(xml: str) -> str:
    for style, props in _CELLS.items():
        xml = re.sub(
            r'(<style:style style:name="' + style + r'" style:family="table-cell">\s*)'
            r'<style:table-cell-properties fo:border="none" */>',
            r"\1<style:table-cell-properties " + props + " />",
            xml,
        )
    return xml


def _odt_alternatives(xml: str, alts: tuple[str, ...]) -> str:
    """Each picture's text alternative (``svg:title`` and ``svg:desc`` of its frame, which
    pandoc's odt writer leaves out), in the order pandoc wrote the pictures."""
    remaining = iter(alts)

    def add(match: re.Match[str]) -> str:
        alt = escape(next(remaining, "Image"))
        return (
            f"{match.group(1)}<svg:title>{alt}</svg:title><svg:desc>{alt}</svg:desc></draw:frame>"
        )

    return re.sub(
        r"(<draw:frame\b[^>]*>\s*<draw:image\b[^>]*?(?:/>|>.*?</draw:image>))\s*</draw:frame>",
        add,
        xml,
        flags=re.DOTALL,
    )


def _rewrite(data: bytes, change: Callable[[str, str], str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename.endswith(".xml"):
                content = change(info.filename, content.decode("utf-8")).encode("utf-8")
            target.writestr(info, content)
    return out.getvalue()


def finish(kind: str, data: bytes, meta: OfficeMeta) -> bytes:
    """``data`` (pandoc's docx or odt) with its properties and header values set."""
    part = _docx_part if kind == "docx" else _odt_part
    return _rewrite(data, lambda name, xml: part(name, xml, meta))
