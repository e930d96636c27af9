"""Make the default reference documents of stspd's office formats (``make modeles-bureautique``).

Starts from pandoc's own reference documents (``pandoc --print-default-data-file``) and gives
them the look of the PDF: Liberation Sans, the blue of the headings, A4 with its margins, the
territory at the top of each page but the first and « page 3 / 16 » at the foot, a page break
before each part, the cover's and the marks' styles. Writes
``stspd_cli/data/office/modele.docx`` and ``modele.odt`` byte for byte the same on every run (a
test checks that the committed files are what this script makes).

Usage: python scripts/make_office_models.py [DOSSIER]
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from stspd_cli.pandoc import pandoc_path

OUT = Path(__file__).resolve().parent.parent / "stspd_cli" / "data" / "office"
FONT = "Liberation Sans"
BLUE = "1F3864"
TEXT = "1B1B1B"
GREY = "4A4A4A"
RED = "8A1414"
GREEN = "1A5E2E"
LIGHT = "E9EEF6"
BORDER = "B7C1D3"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FIXED_DATE = (2024, 1, 1, 0, 0, 0)

# Paragraph styles: id, name, based on, size (half-points), bold, colour, extra pPr, extra rPr.
DOCX_PARAGRAPHS = [
    ("Title", "Title", "Normal", 48, True, BLUE, '<w:spacing w:before="600" w:after="240"/>', ""),
    ("Subtitle", "Subtitle", "Normal", 28, False, GREY, '<w:spacing w:after="360"/>', ""),
    (
        "Heading1",
        "heading 1",
        "Normal",
        32,
        True,
        BLUE,
        "<w:keepNext/><w:pageBreakBefore/>"
        f'<w:pBdr><w:bottom w:val="single" w:sz="12" w:space="4" w:color="{BLUE}"/></w:pBdr>'
        '<w:spacing w:before="0" w:after="240"/>'
        '<w:outlineLvl w:val="0"/>',
        "",
    ),
    (
        "Heading2",
        "heading 2",
        "Normal",
        26,
        True,
        BLUE,
        '<w:keepNext/><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="1"/>',
        "",
    ),
    (
        "Heading3",
        "heading 3",
        "Normal",
        22,
        True,
        BLUE,
        '<w:keepNext/><w:spacing w:before="280" w:after="100"/><w:outlineLvl w:val="2"/>',
        "",
    ),
    (
        "Heading4",
        "heading 4",
        "Normal",
        20,
        True,
        BLUE,
        '<w:keepNext/><w:spacing w:before="200" w:after="60"/><w:outlineLvl w:val="3"/>',
        "",
    ),
    (
        "Heading5",
        "heading 5",
        "Normal",
        20,
        True,
        TEXT,
        '<w:keepNext/><w:spacing w:before="160" w:after="40"/><w:outlineLvl w:val="4"/>',
        "",
    ),
    (
        "TOCHeading",
        "TOC Heading",
        "Heading1",
        32,
        True,
        BLUE,
        '<w:pageBreakBefore/><w:outlineLvl w:val="9"/>',
        "",
    ),
    ("TOC1", "toc 1", "Normal", 21, True, TEXT, '<w:spacing w:before="120" w:after="40"/>', ""),
    (
        "TOC2",
        "toc 2",
        "Normal",
        20,
        False,
        TEXT,
        '<w:spacing w:after="20"/><w:ind w:left="360"/>',
        "",
    ),
    (
        "TOC3",
        "toc 3",
        "Normal",
        18,
        False,
        GREY,
        '<w:spacing w:after="0"/><w:ind w:left="720"/>',
        "",
    ),
    ("Couverture-Instance", "Couverture-Instance", "Normal", 24, True, BLUE, "", "<w:caps/>"),
    ("Couverture-Territoire", "Couverture-Territoire", "Normal", 36, True, TEXT, "", ""),
    (
        "Couverture-Detail",
        "Couverture-Detail",
        "Normal",
        20,
        False,
        GREY,
        '<w:spacing w:after="60"/>',
        "",
    ),
    (
        "Couverture-Intertitre",
        "Couverture-Intertitre",
        "Normal",
        22,
        True,
        BLUE,
        '<w:keepNext/><w:spacing w:before="360" w:after="80"/>',
        "",
    ),
    ("Surtitre", "Surtitre", "Normal", 22, True, GREY, "", "<w:caps/>"),
    (
        "Bandeau-restreint",
        "Bandeau-restreint",
        "Normal",
        20,
        True,
        RED,
        f'<w:pBdr><w:top w:val="single" w:sz="8" w:space="4" w:color="{RED}"/>'
        f'<w:bottom w:val="single" w:sz="8" w:space="4" w:color="{RED}"/></w:pBdr>',
        "",
    ),
    ("Note-de-methode", "Note-de-methode", "Normal", 18, False, GREY, "", "<w:i/>"),
    (
        "Header",
        "header",
        "Normal",
        16,
        False,
        GREY,
        '<w:tabs><w:tab w:val="right" w:pos="9638"/></w:tabs><w:spacing w:after="0"/>',
        "",
    ),
    (
        "Footer",
        "footer",
        "Normal",
        16,
        False,
        GREY,
        '<w:spacing w:after="0"/><w:jc w:val="center"/>',
        "",
    ),
]
# Character styles: id, name, bold, colour, rPr before the colour, rPr after it (schema order).
DOCX_CHARACTERS = [
    ("Mention-restreinte", "Mention-restreinte", True, RED, "", '<w:sz w:val="18"/>'),
    ("Numero-fiche", "Numero-fiche", True, BLUE, "", ""),
    ("Suppression", "Suppression", False, RED, "<w:strike/>", ""),
    ("Ajout", "Ajout", False, GREEN, "", '<w:u w:val="single"/>'),
]


def pandoc_default(name: str) -> bytes:
    return subprocess.run(  # noqa: S603  (our pandoc, fixed arguments)
        [pandoc_path(), "--print-default-data-file", name], capture_output=True, check=True
    ).stdout


def rezip(parts: dict[str, bytes], first: str | None = None) -> bytes:
    """A zip of ``parts`` with fixed dates (the same bytes on every run)."""
    buffer = io.BytesIO()
    names = sorted(parts)
    if first:
        names.remove(first)
        names.insert(0, first)
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            info = zipfile.ZipInfo(name, FIXED_DATE)
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(info, parts[name])
    return buffer.getvalue()


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _el(xml: str) -> etree._Element:
    return etree.fromstring(f'<root xmlns:w="{W}">{xml}</root>')[0]


def docx_styles(styles: bytes) -> bytes:
    root = etree.fromstring(styles)
    ns = {"w": W}
    rpr = root.find("w:docDefaults/w:rPrDefault/w:rPr", ns)
    for child in list(rpr):
        rpr.remove(child)
    for xml in (
        f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>',
        f'<w:color w:val="{TEXT}"/>',
        '<w:sz w:val="21"/>',
        '<w:szCs w:val="21"/>',
        '<w:lang w:val="fr-FR" w:eastAsia="fr-FR" w:bidi="ar-SA"/>',
    ):
        rpr.append(_el(xml))
    ppr = root.find("w:docDefaults/w:pPrDefault/w:pPr", ns)
    for child in list(ppr):
        ppr.remove(child)
    ppr.append(_el('<w:spacing w:after="120" w:line="276" w:lineRule="auto"/>'))

    def replace(style_id: str, xml: str) -> None:
        for old in root.findall(f"w:style[@w:styleId='{style_id}']", ns):
            root.remove(old)
        root.append(_el(xml))

    for sid, name, based, size, bold, colour, ppr_xml, rpr_xml in DOCX_PARAGRAPHS:
        toc = ' w:uiPriority="39"' if sid.startswith("TOC") else ""
        replace(
            sid,
            (
                f'<w:style w:type="paragraph" w:styleId="{sid}"{toc}><w:name w:val="{name}"/>'
                f'<w:basedOn w:val="{based}"/><w:next w:val="BodyText"/><w:qFormat/>'
                f"<w:pPr>{ppr_xml}</w:pPr><w:rPr>{'<w:b/><w:bCs/>' if bold else ''}{rpr_xml}"
                f'<w:color w:val="{colour}"/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
                "</w:style>"
            ),
        )
    for sid, name, bold, colour, before, after in DOCX_CHARACTERS:
        replace(
            sid,
            (
                f'<w:style w:type="character" w:customStyle="1" w:styleId="{sid}">'
                f'<w:name w:val="{name}"/><w:basedOn w:val="DefaultParagraphFont"/><w:qFormat/>'
                f'<w:rPr>{"<w:b/><w:bCs/>" if bold else ""}{before}<w:color w:val="{colour}"/>'
                f"{after}</w:rPr></w:style>"
            ),
        )
    replace(
        "Hyperlink",
        (
            '<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/>'
            f'<w:basedOn w:val="BodyTextChar"/><w:rPr><w:color w:val="{BLUE}"/>'
            '<w:u w:val="single"/></w:rPr></w:style>'
        ),
    )
    border = f'w:val="single" w:sz="4" w:space="0" w:color="{BORDER}"'
    replace(
        "Table",
        (
            '<w:style w:type="table" w:default="1" w:styleId="Table"><w:name w:val="Table"/>'
            '<w:uiPriority w:val="59"/><w:qFormat/>'
            '<w:pPr><w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/></w:pPr>'
            '<w:rPr><w:sz w:val="19"/><w:szCs w:val="19"/></w:rPr>'
            f"<w:tblPr><w:tblBorders><w:top {border}/><w:left {border}/><w:bottom {border}/>"
            f"<w:right {border}/><w:insideH {border}/><w:insideV {border}/></w:tblBorders>"
            '<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="80" w:type="dxa"/>'
            '<w:bottom w:w="40" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar>'
            '</w:tblPr><w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/>'
            f'<w:color w:val="{BLUE}"/></w:rPr><w:tcPr><w:shd w:val="clear" w:color="auto" '
            f'w:fill="{LIGHT}"/></w:tcPr></w:tblStylePr></w:style>'
        ),
    )
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


HEADER = (
    f'<w:hdr xmlns:w="{W}"><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr>'
    '<w:fldSimple w:instr=" SUBJECT \\* MERGEFORMAT "><w:r><w:t>Territoire</w:t></w:r></w:fldSimple>'
    '<w:r><w:tab/></w:r><w:r><w:rPr><w:rStyle w:val="Mention-restreinte"/></w:rPr></w:r>'
    '<w:fldSimple w:instr=" DOCPROPERTY diffusion \\* MERGEFORMAT ">'
    '<w:r><w:rPr><w:rStyle w:val="Mention-restreinte"/></w:rPr><w:t></w:t></w:r></w:fldSimple>'
    "</w:p></w:hdr>"
)
FOOTER = (
    f'<w:ftr xmlns:w="{W}"><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>'
    '<w:r><w:t xml:space="preserve">page </w:t></w:r>'
    '<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
    '<w:r><w:t xml:space="preserve"> / </w:t></w:r>'
    '<w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p></w:ftr>'
)
EMPTY_HEADER = f'<w:hdr xmlns:w="{W}"><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr></w:p></w:hdr>'
EMPTY_FOOTER = f'<w:ftr xmlns:w="{W}"><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr></w:p></w:ftr>'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SECTION = (
    '<w:sectPr xmlns:r="' + REL + '">'
    '<w:headerReference w:type="default" r:id="rIdStspdH1"/>'
    '<w:headerReference w:type="first" r:id="rIdStspdH2"/>'
    '<w:footerReference w:type="default" r:id="rIdStspdF1"/>'
    '<w:footerReference w:type="first" r:id="rIdStspdF2"/>'
    '<w:pgSz w:w="11906" w:h="16838"/>'
    '<w:pgMar w:top="1247" w:right="1021" w:bottom="1134" w:left="1021" w:header="567" '
    'w:footer="567" w:gutter="0"/><w:titlePg/></w:sectPr>'
)


def make_docx() -> bytes:
    parts = unzip(pandoc_default("reference.docx"))
    parts["word/styles.xml"] = docx_styles(parts["word/styles.xml"])
    wdecl = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    parts["word/header1.xml"] = (wdecl + HEADER).encode()
    parts["word/header2.xml"] = (wdecl + EMPTY_HEADER).encode()
    parts["word/footer1.xml"] = (wdecl + FOOTER).encode()
    parts["word/footer2.xml"] = (wdecl + EMPTY_FOOTER).encode()
    # pandoc's sample body and footnote link to a web address: no relationship leaves our model.
    for name in [n for n in parts if n.endswith(".rels")]:
        parts[name] = re.sub(rb'<Relationship [^>]*TargetMode="External"[^>]*/>', b"", parts[name])
    rels = parts["word/_rels/document.xml.rels"].decode()
    extra = "".join(
        f'<Relationship Id="{rid}" Type="{REL}/{kind}" Target="{target}"/>'
        for rid, kind, target in (
            ("rIdStspdH1", "header", "header1.xml"),
            ("rIdStspdH2", "header", "header2.xml"),
            ("rIdStspdF1", "footer", "footer1.xml"),
            ("rIdStspdF2", "footer", "footer2.xml"),
        )
    )
    parts["word/_rels/document.xml.rels"] = rels.replace(
        "</Relationships>", extra + "</Relationships>"
    ).encode()
    types = parts["[Content_Types].xml"].decode()
    ct = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    overrides = "".join(
        f'<Override PartName="/word/{name}.xml" ContentType="{ct}.{kind}+xml"/>'
        for name, kind in (
            ("header1", "header"),
            ("header2", "header"),
            ("footer1", "footer"),
            ("footer2", "footer"),
        )
    )
    parts["[Content_Types].xml"] = types.replace("</Types>", overrides + "</Types>").encode()
    document = parts["word/document.xml"].decode()
    # The reference's body is a sample that pandoc ignores: one empty paragraph and the section.
    document = re.sub(
        r"<w:body>.*</w:body>", f"<w:body><w:p/>{SECTION}</w:body>", document, flags=re.DOTALL
    )
    parts["word/document.xml"] = document.encode()
    settings = parts["word/settings.xml"].decode()
    settings = settings.replace(
        '<w:themeFontLang w:val="en-US" />', '<w:themeFontLang w:val="fr-FR" />'
    )
    settings = settings.replace('<w:decimalSymbol w:val="." />', '<w:decimalSymbol w:val="," />')
    settings = settings.replace('<w:listSeparator w:val="," />', '<w:listSeparator w:val=";" />')
    parts["word/settings.xml"] = settings.encode()
    core = parts["docProps/core.xml"].decode()
    core = re.sub(r"<dc:title>.*?</dc:title>", "<dc:title>Modèle stspd</dc:title>", core)
    parts["docProps/core.xml"] = core.encode()
    return rezip(parts, first="[Content_Types].xml")


ODF_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "loext": "urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0",
}
ODF_DECL = " ".join(f'xmlns:{k}="{v}"' for k, v in ODF_NS.items())


def _odf(xml: str) -> etree._Element:
    return etree.fromstring(f"<root {ODF_DECL}>{xml}</root>")[0]


def _pt(half_points: int) -> str:
    return f"{half_points / 2:g}pt"


# name (ODF encoded), display name, parent, size (half-points), bold, colour, paragraph props.
ODT_PARAGRAPHS = [
    ("Standard", "Standard", None, 21, False, TEXT, 'fo:margin-bottom="0.21cm"'),
    (
        "Text_20_body",
        "Text body",
        "Standard",
        21,
        False,
        TEXT,
        'fo:margin-top="0cm" fo:margin-bottom="0.21cm"',
    ),
    ("First_20_paragraph", "First paragraph", "Text_20_body", 21, False, TEXT, ""),
    ("Title", "Title", "Standard", 48, True, BLUE, 'fo:margin-top="1cm" fo:margin-bottom="0.4cm"'),
    ("Subtitle", "Subtitle", "Standard", 28, False, GREY, 'fo:margin-bottom="0.6cm"'),
    (
        "Heading_20_1",
        "Heading 1",
        "Standard",
        32,
        True,
        BLUE,
        'fo:break-before="page" fo:keep-with-next="always" fo:margin-bottom="0.4cm" '
        f'fo:border-bottom="1.5pt solid #{BLUE}" fo:padding-bottom="0.1cm"',
    ),
    (
        "Heading_20_2",
        "Heading 2",
        "Standard",
        26,
        True,
        BLUE,
        'fo:keep-with-next="always" fo:margin-top="0.6cm" fo:margin-bottom="0.2cm"',
    ),
    (
        "Heading_20_3",
        "Heading 3",
        "Standard",
        22,
        True,
        BLUE,
        'fo:keep-with-next="always" fo:margin-top="0.5cm" fo:margin-bottom="0.18cm"',
    ),
    (
        "Heading_20_4",
        "Heading 4",
        "Standard",
        20,
        True,
        BLUE,
        'fo:keep-with-next="always" fo:margin-top="0.35cm" fo:margin-bottom="0.1cm"',
    ),
    (
        "Heading_20_5",
        "Heading 5",
        "Standard",
        20,
        True,
        TEXT,
        'fo:keep-with-next="always" fo:margin-top="0.3cm" fo:margin-bottom="0.07cm"',
    ),
    (
        "Contents_20_Heading",
        "Contents Heading",
        "Standard",
        32,
        True,
        BLUE,
        'fo:break-before="page" fo:margin-bottom="0.4cm"',
    ),
    (
        "Contents_20_1",
        "Contents 1",
        "Standard",
        21,
        True,
        TEXT,
        'fo:margin-top="0.2cm" fo:margin-bottom="0.07cm"',
    ),
    (
        "Contents_20_2",
        "Contents 2",
        "Standard",
        20,
        False,
        TEXT,
        'fo:margin-left="0.6cm" fo:margin-bottom="0.04cm"',
    ),
    (
        "Contents_20_3",
        "Contents 3",
        "Standard",
        18,
        False,
        GREY,
        'fo:margin-left="1.2cm" fo:margin-bottom="0cm"',
    ),
    ("Couverture-Instance", "Couverture-Instance", "Standard", 24, True, BLUE, ""),  # caps below
    ("Couverture-Territoire", "Couverture-Territoire", "Standard", 36, True, TEXT, ""),
    (
        "Couverture-Detail",
        "Couverture-Detail",
        "Standard",
        20,
        False,
        GREY,
        'fo:margin-bottom="0.1cm"',
    ),
    (
        "Couverture-Intertitre",
        "Couverture-Intertitre",
        "Standard",
        22,
        True,
        BLUE,
        'fo:keep-with-next="always" fo:margin-top="0.6cm" fo:margin-bottom="0.14cm"',
    ),
    ("Surtitre", "Surtitre", "Standard", 22, True, GREY, ""),
    (
        "Bandeau-restreint",
        "Bandeau-restreint",
        "Standard",
        20,
        True,
        RED,
        f'fo:border-top="1pt solid #{RED}" fo:border-bottom="1pt solid #{RED}" fo:padding="0.1cm"',
    ),
    ("Note-de-methode", "Note-de-methode", "Standard", 18, False, GREY, ""),
    (
        "Table_20_Contents",
        "Table Contents",
        "Standard",
        19,
        False,
        TEXT,
        'fo:margin-bottom="0.04cm"',
    ),
    ("Table_20_Heading", "Table Heading", "Table_20_Contents", 19, True, BLUE, ""),
    ("Header", "Header", "Standard", 16, False, GREY, ""),
    ("Footer", "Footer", "Standard", 16, False, GREY, 'fo:text-align="center"'),
]
ODT_CHARACTERS = [
    (
        "Mention-restreinte",
        "Mention-restreinte",
        f'fo:font-weight="bold" fo:color="#{RED}" fo:font-size="9pt"',
    ),
    ("Numero-fiche", "Numero-fiche", f'fo:font-weight="bold" fo:color="#{BLUE}"'),
    ("Suppression", "Suppression", f'fo:color="#{RED}" style:text-line-through-style="solid"'),
    (
        "Ajout",
        "Ajout",
        f'fo:color="#{GREEN}" style:text-underline-style="solid" style:text-underline-width="auto" style:text-underline-color="font-color"',
    ),
    ("Index_20_Link", "Index Link", ""),
    (
        "Internet_20_link",
        "Internet link",
        f'fo:color="#{BLUE}" style:text-underline-style="solid" style:text-underline-width="auto" style:text-underline-color="font-color"',
    ),
]
ODT_MASTER = (
    '<style:master-page style:name="Standard" style:page-layout-name="Mpm1">'
    '<style:header><text:p text:style-name="MP2"><text:subject>Territoire</text:subject>'
    '<text:tab/><text:span text:style-name="Mention-restreinte">'
    '<text:user-defined text:name="diffusion"></text:user-defined></text:span></text:p></style:header>'
    '<style:header-first><text:p text:style-name="Header"/></style:header-first>'
    '<style:footer><text:p text:style-name="Footer">page <text:page-number text:select-page="current">1'
    "</text:page-number> / <text:page-count>1</text:page-count></text:p></style:footer>"
    '<style:footer-first><text:p text:style-name="Footer"/></style:footer-first>'
    "</style:master-page>"
)


def odt_styles(styles: bytes) -> bytes:
    root = etree.fromstring(styles)
    ns = ODF_NS
    office_styles = root.find("office:styles", ns)
    names = {name for name, *_ in ODT_PARAGRAPHS} | {name for name, *_ in ODT_CHARACTERS}
    for style in office_styles.findall("style:style", ns):
        if style.get(f"{{{ns['style']}}}name") in names:
            office_styles.remove(style)
    for name, display, parent, size, bold, colour, props in ODT_PARAGRAPHS:
        parent_attr = f' style:parent-style-name="{parent}"' if parent else ""
        outline = ""
        if name.startswith("Heading_20_"):
            outline = f' style:default-outline-level="{name[-1]}"'
        weight = (
            ' fo:font-weight="bold" style:font-weight-asian="bold" style:font-weight-complex="bold"'
            if bold
            else ""
        )
        caps = (
            ' fo:text-transform="uppercase"' if name in ("Couverture-Instance", "Surtitre") else ""
        )
        office_styles.append(
            _odf(
                f'<style:style style:name="{name}" style:display-name="{display}" '
                f'style:family="paragraph"{parent_attr}{outline} style:next-style-name="Text_20_body">'
                f"<style:paragraph-properties {props}/>"
                f'<style:text-properties style:font-name="{FONT}" fo:font-size="{_pt(size)}" '
                f'fo:color="#{colour}" fo:language="fr" fo:country="FR"{weight}{caps}/></style:style>'
            )
        )
    for name, display, props in ODT_CHARACTERS:
        office_styles.append(
            _odf(
                f'<style:style style:name="{name}" style:display-name="{display}" style:family="text">'
                f"<style:text-properties {props}/></style:style>"
            )
        )
    # The frames pandoc writes around pictures name this graphic style as their parent.
    office_styles.append(
        _odf(
            '<style:style style:name="Formula" style:family="graphic">'
            '<style:graphic-properties style:wrap="none"/></style:style>'
        )
    )
    faces = root.find("office:font-face-decls", ns)
    faces.append(
        _odf(
            f'<style:font-face style:name="{FONT}" svg:font-family="&apos;{FONT}&apos;" '
            'style:font-family-generic="swiss" style:font-pitch="variable" '
            'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/>'
        )
    )
    automatic = root.find("office:automatic-styles", ns)
    layout = automatic.find("style:page-layout/style:page-layout-properties", ns)
    for key, value in (
        ("page-width", "21cm"),
        ("page-height", "29.7cm"),
        ("margin-top", "1.2cm"),
        ("margin-bottom", "1.2cm"),
        ("margin-left", "1.8cm"),
        ("margin-right", "1.8cm"),
    ):
        layout.set(f"{{{ns['fo']}}}{key}", value)
    page_layout = automatic.find("style:page-layout", ns)
    for old in page_layout.findall("style:header-style", ns) + page_layout.findall(
        "style:footer-style", ns
    ):
        page_layout.remove(old)
    page_layout.append(
        _odf(
            '<style:header-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-bottom="0.5cm"/></style:header-style>'
        )
    )
    page_layout.append(
        _odf(
            '<style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.4cm"/></style:footer-style>'
        )
    )
    automatic.append(
        _odf(
            '<style:style style:name="MP2" style:family="paragraph" style:parent-style-name="Header">'
            '<style:paragraph-properties><style:tab-stops><style:tab-stop style:position="17.4cm" '
            'style:type="right"/></style:tab-stops></style:paragraph-properties></style:style>'
        )
    )
    master = root.find("office:master-styles", ns)
    for child in list(master):
        master.remove(child)
    master.append(_odf(ODT_MASTER))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def make_odt() -> bytes:
    parts = unzip(pandoc_default("reference.odt"))
    parts["styles.xml"] = odt_styles(parts["styles.xml"])
    meta = parts["meta.xml"].decode()
    parts["meta.xml"] = re.sub(r"<meta:creation-date>.*?</meta:creation-date>", "", meta).encode()
    return rezip(parts, first="mimetype")


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    out.mkdir(parents=True, exist_ok=True)
    (out / "modele.docx").write_bytes(make_docx())
    (out / "modele.odt").write_bytes(make_odt())
    print(f"modèles écrits dans {out}")


if __name__ == "__main__":
    main()
