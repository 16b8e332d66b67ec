"""Build templates/draft.docx: the page setup and every style the exporter uses.

Run ``python templates/build_template.py``; commit the script and the generated draft.docx.
The exporter only refers to styles by name, so the look lives here, not in code.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

OUT = Path(__file__).with_name("draft.docx")
BODY_FONT = "Times New Roman"
EAST_ASIA_FONT = "SimSun"


def _fonts(style, name: str = BODY_FONT) -> None:
    style.font.name = name
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:eastAsia"), EAST_ASIA_FONT)
    fonts.set(qn("w:cs"), "Arial")


def _paragraph(styles, name: str, base: str = "Normal"):
    try:
        style = styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles[base]
    style.quick_style = True
    return style


def _character(styles, name: str):
    style = styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
    style.quick_style = True
    return style


def build(out: Path = OUT) -> Path:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
    section.header_distance = section.footer_distance = Cm(1.2)

    styles = doc.styles
    normal = styles["Normal"]
    _fonts(normal)
    normal.font.size = Pt(12)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.08

    title = styles["Title"]
    _fonts(title)
    title.font.size = Pt(16)
    title.font.bold = True
    title.font.color.rgb = RGBColor(0, 0, 0)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_before = Pt(18)
    title.paragraph_format.space_after = Pt(18)
    # The built-in Title has a bottom border in the default template: drop it.
    ppr = title.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)

    symbol = _paragraph(styles, "DSR Symbol")
    symbol.font.size = Pt(10)
    symbol.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    symbol.paragraph_format.space_after = Pt(0)

    header_meta = _paragraph(styles, "DSR Header Meta")
    header_meta.font.size = Pt(9)
    header_meta.paragraph_format.space_after = Pt(0)
    header_meta.paragraph_format.tab_stops.add_tab_stop(Cm(16.0), WD_TAB_ALIGNMENT.RIGHT)

    footer = _paragraph(styles, "DSR Footer")
    footer.font.size = Pt(8)
    footer.paragraph_format.space_after = Pt(0)
    footer.paragraph_format.tab_stops.add_tab_stop(Cm(16.0), WD_TAB_ALIGNMENT.RIGHT)

    preamble = _paragraph(styles, "DSR Preamble")
    preamble.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    preamble.paragraph_format.space_after = Pt(12)
    preamble.paragraph_format.first_line_indent = Cm(1.0)

    division = _paragraph(styles, "DSR Division", "Heading 2")  # Word's outline sees it
    _fonts(division)
    division.font.size = Pt(12)
    division.font.bold = True
    division.font.color.rgb = RGBColor(0, 0, 0)
    division.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    division.paragraph_format.space_before = Pt(12)
    division.paragraph_format.space_after = Pt(6)
    division.paragraph_format.keep_with_next = True

    clause = _paragraph(styles, "DSR Clause")
    clause.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    clause.paragraph_format.left_indent = Cm(1.25)
    clause.paragraph_format.first_line_indent = Cm(-1.25)
    clause.paragraph_format.tab_stops.add_tab_stop(Cm(1.25))
    clause.paragraph_format.space_after = Pt(8)

    alternative = _paragraph(styles, "DSR Alternative", "DSR Clause")
    alternative.font.italic = False
    alternative.paragraph_format.left_indent = Cm(2.5)
    alternative.paragraph_format.first_line_indent = Cm(-1.25)
    alternative.paragraph_format.tab_stops.add_tab_stop(Cm(2.5))

    signed_by = _paragraph(styles, "DSR Signed By")
    signed_by.font.bold = True
    signed_by.paragraph_format.space_before = Pt(24)
    signed_by.paragraph_format.keep_with_next = True

    cell = _paragraph(styles, "DSR Signature Cell")
    cell.font.size = Pt(10)
    cell.paragraph_format.space_after = Pt(2)
    cell.paragraph_format.keep_with_next = True

    label = _character(styles, "DSR Clause Label")
    label.font.bold = True

    bracket = _character(styles, "DSR Bracket")
    bracket.font.bold = True
    bracket.font.color.rgb = RGBColor(0x1F, 0x3A, 0x93)

    alt_label = _character(styles, "DSR Alternative Label")
    alt_label.font.bold = True
    alt_label.font.italic = True

    attribution = _character(styles, "DSR Attribution")
    attribution.font.italic = True
    attribution.font.size = Pt(10)
    attribution.font.color.rgb = RGBColor(0x59, 0x59, 0x59)

    deleted = _character(styles, "DSR Deleted")
    deleted.font.strike = True
    deleted.font.color.rgb = RGBColor(0x80, 0x80, 0x80)

    table = styles.add_style("DSR Signature Table", WD_STYLE_TYPE.TABLE)
    table.base_style = styles["Table Grid"]

    # An empty body: the exporter fills it.
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    doc.core_properties.title = "dsrdraft template"
    doc.core_properties.author = "dsrdraft"
    doc.save(out)
    return out


if __name__ == "__main__":
    print(build())
