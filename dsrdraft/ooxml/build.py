"""Building WordprocessingML: runs, revisions, shading, fields, bidi, East Asian fonts, table row
flags and the custom-properties part. Nothing outside this layer builds Word XML."""

from __future__ import annotations

import re
from collections.abc import Iterable
from xml.sax.saxutils import escape

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from lxml import etree

from dsrdraft.ooxml.ns import qn

EAST_ASIA_FONT = "SimSun"
ARABIC_FONT = "Arial"

_CJK = re.compile(
    r"[\u2e80-\u2fdf\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]"
)
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_LETTER = re.compile(r"[^\W\d_]")

# Successors in CT_PPr's sequence, for inserting children in schema order.
_PPR_AFTER_SHD = ("w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
                  "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
                  "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
                  "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                  "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
                  "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
_PPR_AFTER_BIDI = _PPR_AFTER_SHD[_PPR_AFTER_SHD.index("w:bidi") + 1:]
_PPR_AFTER_RPR = ("w:sectPr", "w:pPrChange")


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def has_arabic(text: str) -> bool:
    return bool(_ARABIC.search(text))


def mostly_arabic(text: str) -> bool:
    letters = _LETTER.findall(text)
    return bool(letters) and sum(1 for ch in letters if _ARABIC.match(ch)) * 2 > len(letters)


# ---------------------------------------------------------------- runs

def make_run(text: str, *, style_id: str | None = None, strike: bool = False,
             deleted: bool = False) -> etree._Element:
    """A w:r for `text` (tabs become w:tab); w:delText instead of w:t when `deleted`.

    Chinese gets the East Asian font set explicitly (Font.name does not set w:eastAsia);
    Arabic is marked right-to-left.
    """
    r = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    if style_id:
        rs = OxmlElement("w:rStyle")
        rs.set(qn("w:val"), style_id)
        rpr.append(rs)
    cjk, arabic = has_cjk(text), has_arabic(text)
    if cjk or arabic:
        fonts = OxmlElement("w:rFonts")
        if cjk:
            fonts.set(qn("w:eastAsia"), EAST_ASIA_FONT)
            fonts.set(qn("w:hint"), "eastAsia")
        if arabic:
            fonts.set(qn("w:cs"), ARABIC_FONT)
        rpr.append(fonts)
    if strike:
        rpr.append(OxmlElement("w:strike"))
    if arabic:
        rpr.append(OxmlElement("w:rtl"))
    if cjk or arabic:
        lang = OxmlElement("w:lang")
        if cjk:
            lang.set(qn("w:eastAsia"), "zh-CN")
        if arabic:
            lang.set(qn("w:bidi"), "ar-SA")
        rpr.append(lang)
    if len(rpr):
        r.append(rpr)
    tag = "w:delText" if deleted else "w:t"
    for n, line in enumerate(text.split("\n")):
        if n:
            r.append(OxmlElement("w:br"))
        for i, piece in enumerate(line.split("\t")):
            if i:
                r.append(OxmlElement("w:tab"))
            if piece:
                t = OxmlElement(tag)
                t.text = piece
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                r.append(t)
    return r


def revision(kind: str, rev_id: int, author: str, date: str,
             children: Iterable[etree._Element] = ()) -> etree._Element:
    """A w:ins or w:del (kind "ins"/"del") with its id, author and date."""
    el = OxmlElement(f"w:{kind}")
    el.set(qn("w:id"), str(rev_id))
    el.set(qn("w:author"), author)
    el.set(qn("w:date"), date)
    for child in children:
        el.append(child)
    return el


def mark_paragraph(p: etree._Element, kind: str, rev_id: int, author: str, date: str) -> None:
    """Track the paragraph mark itself as inserted or deleted (pPr/rPr/w:ins|w:del)."""
    ppr = p.get_or_add_pPr()
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        ppr.insert_element_before(rpr, *_PPR_AFTER_RPR)
    rpr.insert(0, revision(kind, rev_id, author, date))


def shade_paragraph(p: etree._Element, fill: str) -> None:
    ppr = p.get_or_add_pPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    ppr.insert_element_before(shd, *_PPR_AFTER_SHD)


def set_bidi(p: etree._Element) -> None:
    ppr = p.get_or_add_pPr()
    if ppr.find(qn("w:bidi")) is None:
        ppr.insert_element_before(OxmlElement("w:bidi"), *_PPR_AFTER_BIDI)


def add_simple_field(p: etree._Element, instr: str, placeholder: str) -> None:
    """A w:fldSimple (PAGE, NUMPAGES) whose cached result is `placeholder`."""
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), f" {instr} ")
    fld.append(make_run(placeholder))
    p.append(fld)


def cant_split_row(tr: etree._Element, header: bool = False) -> None:
    trpr = tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))
    if header:
        trpr.append(OxmlElement("w:tblHeader"))


def track_row(tr: etree._Element, kind: str, next_id, author: str, date: str) -> None:
    """Track a whole table row as inserted or deleted: the row mark and every run in it.

    `next_id` is a callable returning a fresh revision id."""
    tr.get_or_add_trPr().append(revision(kind, next_id(), author, date))
    for p in tr.iter(qn("w:p")):
        runs = [r for r in p.iterchildren(qn("w:r"))]
        if runs:
            wrapper = revision(kind, next_id(), author, date)
            runs[0].addprevious(wrapper)
            for r in runs:
                if kind == "del":
                    for t in r.iterchildren(qn("w:t")):
                        t.tag = qn("w:delText")
                wrapper.append(r)
        mark_paragraph(p, kind, next_id(), author, date)


# ---------------------------------------------------------------- custom properties

_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


def write_custom_properties(document, props: dict[str, str]) -> None:
    """Store string properties in docProps/custom.xml (replacing any existing part)."""
    items = "".join(
        f'<property fmtid="{_FMTID}" pid="{pid}" name="{escape(name, {chr(34): "&quot;"})}">'
        f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(props.items(), start=2)
    )
    blob = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Properties xmlns="{_CUSTOM_NS}" xmlns:vt="{_VT_NS}">{items}</Properties>'
            ).encode()
    package = document.part.package
    try:
        existing = package.part_related_by(RT.CUSTOM_PROPERTIES)
    except KeyError:
        existing = None
    if existing is not None:
        existing._blob = blob
        return
    part = Part(PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES, blob, package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)


def read_custom_properties(document) -> dict[str, str]:
    try:
        part = document.part.package.part_related_by(RT.CUSTOM_PROPERTIES)
    except KeyError:
        return {}
    root = etree.fromstring(part.blob)
    out: dict[str, str] = {}
    for prop in root.iter(f"{{{_CUSTOM_NS}}}property"):
        value = next(iter(prop), None)
        out[prop.get("name", "")] = (value.text or "") if value is not None else ""
    return out
