"""Building WordprocessingML: runs, paragraphs, revisions (insertions, deletions, moves),
shading, fields, bidi, East Asian fonts, table row flags and the custom-properties part.
Nothing outside this layer builds Word XML.

Elements are python-docx's own classes when python-docx is loaded (its documents then work on
them as on their own) and plain lxml elements otherwise: `compare --docx` writes its redline
without importing python-docx at all (`dsrdraft.ooxml.wordpackage`), which halves the
command's time. Every helper here therefore uses the plain lxml API only.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Any

from lxml import etree

from dsrdraft.lazyre import lazy_compile
from dsrdraft.ooxml.ns import qn

EAST_ASIA_FONT = "SimSun"
ARABIC_FONT = "Arial"

# Compiled when first needed (the two sets of wide ranges take 6 ms to compile), and only
# asked about text that has a character as high as their lowest.
_CJK = lazy_compile(
    r"[\u2e80-\u2fdf\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]"
)
_CJK_LOWEST = "\u2e80"
_ARABIC = lazy_compile(
    r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_ARABIC_LOWEST = "\u0600"
_LETTER = lazy_compile(r"[^\W\d_]")

# Successors in CT_PPr's sequence, for inserting children in schema order.
_PPR_AFTER_SHD = ("w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
                  "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
                  "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
                  "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                  "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
                  "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
_PPR_AFTER_BIDI = _PPR_AFTER_SHD[_PPR_AFTER_SHD.index("w:bidi") + 1:]
_PPR_AFTER_KEEP_NEXT = ("w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
                        "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd",
                        *_PPR_AFTER_SHD)
_PPR_AFTER_RPR = ("w:sectPr", "w:pPrChange")


def element(tag: str) -> etree._Element:
    """A new element `tag` ("w:p"): python-docx's class for it when python-docx is loaded."""
    if "docx.oxml" in sys.modules:
        from docx.oxml import OxmlElement

        return OxmlElement(tag)
    # No namespace declaration of its own: the document it joins declares the prefix.
    return etree.Element(qn(tag))


def _first_child(parent: etree._Element, tag: str, after: tuple[str, ...] = ()) -> etree._Element:
    """The child `tag` of `parent`, added first (after any of `after`) when missing."""
    found = parent.find(qn(tag))
    if found is not None:
        return found
    child = element(tag)
    at = 0
    for k, existing in enumerate(parent):
        if existing.tag in {qn(t) for t in after}:
            at = k + 1
    parent.insert(at, child)
    return child


def _insert_before(parent: etree._Element, child: etree._Element, successors: Iterable[str]
                   ) -> etree._Element:
    """Insert `child` before the first existing child named in `successors`, else last."""
    names = {qn(t) for t in successors}
    for existing in parent:
        if existing.tag in names:
            existing.addprevious(child)
            return child
    parent.append(child)
    return child


def paragraph_properties(p: etree._Element) -> etree._Element:
    return _first_child(p, "w:pPr")


def has_cjk(text: str) -> bool:
    return bool(text) and max(text) >= _CJK_LOWEST and bool(_CJK.search(text))


def has_arabic(text: str) -> bool:
    return bool(text) and max(text) >= _ARABIC_LOWEST and bool(_ARABIC.search(text))


def mostly_arabic(text: str) -> bool:
    if not has_arabic(text):
        return False
    letters = _LETTER.findall(text)
    return bool(letters) and sum(1 for ch in letters if _ARABIC.match(ch)) * 2 > len(letters)


# ---------------------------------------------------------------- runs

def append_to_body(body: etree._Element, block: etree._Element) -> etree._Element:
    """Add a paragraph or table at the end of a w:body, before its section properties."""
    sect = body.find(qn("w:sectPr"))
    if sect is None:
        body.append(block)
    else:
        sect.addprevious(block)
    return block


def keep_with_next(p: etree._Element) -> None:
    _insert_before(paragraph_properties(p), element("w:keepNext"), _PPR_AFTER_KEEP_NEXT)


def table(style_id: str, widths: list[int], rows: list[list[tuple[str, bool]]],
          cell_style_id: str, header_rows: int = 1) -> tuple[etree._Element, list[Any]]:
    """A fixed-layout w:tbl: columns `widths` (twips), one cell paragraph in `cell_style_id`
    per (text, bold), rows kept whole and with the next one, the first `header_rows` repeated
    on every page. Returns the table and its w:tr elements."""
    tbl = element("w:tbl")
    pr = element("w:tblPr")
    for tag, attrs in (("w:tblStyle", {"w:val": style_id}),
                       ("w:tblW", {"w:type": "auto", "w:w": "0"}),
                       ("w:tblLayout", {"w:type": "fixed"}),
                       ("w:tblLook", {"w:firstColumn": "1", "w:firstRow": "1",
                                      "w:lastColumn": "0", "w:lastRow": "0", "w:noHBand": "0",
                                      "w:noVBand": "1", "w:val": "04A0"})):
        el = element(tag)
        for name, value in attrs.items():
            el.set(qn(name), value)
        pr.append(el)
    tbl.append(pr)
    grid = element("w:tblGrid")
    for width in widths:
        col = element("w:gridCol")
        col.set(qn("w:w"), str(width))
        grid.append(col)
    tbl.append(grid)
    trs = []
    for r, cells in enumerate(rows):
        tr = element("w:tr")
        tbl.append(tr)
        cant_split_row(tr, header=r < header_rows)
        for width, (text, bold) in zip(widths, cells, strict=True):
            tc = element("w:tc")
            tcpr = element("w:tcPr")
            tcw = element("w:tcW")
            tcw.set(qn("w:type"), "dxa")
            tcw.set(qn("w:w"), str(width))
            tcpr.append(tcw)
            tc.append(tcpr)
            p = new_paragraph(cell_style_id)
            if r < len(rows) - 1:
                keep_with_next(p)
            if text:
                p.append(make_run(text, bold=bold))
            tc.append(p)
            tr.append(tc)
        trs.append(tr)
    return tbl, trs


def make_run(text: str, *, style_id: str | None = None, strike: bool = False,
             deleted: bool = False, bold: bool = False, italic: bool = False
             ) -> etree._Element:
    """A w:r for `text` (tabs become w:tab); w:delText instead of w:t when `deleted`.

    Chinese gets the East Asian font set explicitly (Font.name does not set w:eastAsia);
    Arabic is marked right-to-left.
    """
    r = element("w:r")
    rpr = element("w:rPr")
    if style_id:
        rs = element("w:rStyle")
        rs.set(qn("w:val"), style_id)
        rpr.append(rs)
    cjk, arabic = has_cjk(text), has_arabic(text)
    if cjk or arabic:
        fonts = element("w:rFonts")
        if cjk:
            fonts.set(qn("w:eastAsia"), EAST_ASIA_FONT)
            fonts.set(qn("w:hint"), "eastAsia")
        if arabic:
            fonts.set(qn("w:cs"), ARABIC_FONT)
        rpr.append(fonts)
    if bold:
        rpr.append(element("w:b"))
    if italic:
        rpr.append(element("w:i"))
    if strike:
        rpr.append(element("w:strike"))
    if arabic:
        rpr.append(element("w:rtl"))
    if cjk or arabic:
        lang = element("w:lang")
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
            r.append(element("w:br"))
        for i, piece in enumerate(line.split("\t")):
            if i:
                r.append(element("w:tab"))
            if piece:
                t = element(tag)
                t.text = piece
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                r.append(t)
    return r


def new_paragraph(style_id: str | None = None) -> etree._Element:
    """A w:p in paragraph style `style_id`."""
    p = element("w:p")
    if style_id:
        ps = element("w:pStyle")
        ps.set(qn("w:val"), style_id)
        paragraph_properties(p).append(ps)
    return p


def revision(kind: str, rev_id: int, author: str, date: str,
             children: Iterable[etree._Element] = ()) -> etree._Element:
    """A w:ins, w:del, w:moveFrom or w:moveTo (kind "ins", "del", "moveFrom", "moveTo") with
    its id, author and date."""
    el = element(f"w:{kind}")
    el.set(qn("w:id"), str(rev_id))
    el.set(qn("w:author"), author)
    el.set(qn("w:date"), date)
    for child in children:
        el.append(child)
    return el


def move_range(kind: str, edge: str, range_id: int, name: str = "", author: str = "",
               date: str = "") -> etree._Element:
    """w:moveFromRangeStart / …End, w:moveToRangeStart / …End (kind "moveFrom"/"moveTo", edge
    "Start"/"End"): a start carries the move's name, shared by its two ends, its author and
    date; an end only the id of its start."""
    el = element(f"w:{kind}Range{edge}")
    el.set(qn("w:id"), str(range_id))
    if edge == "Start":
        el.set(qn("w:author"), author)
        el.set(qn("w:date"), date)
        el.set(qn("w:name"), name)
    return el


def mark_paragraph(p: etree._Element, kind: str, rev_id: int, author: str, date: str) -> None:
    """Track the paragraph mark itself as inserted, deleted or moved (pPr/rPr/w:ins, w:del,
    w:moveFrom or w:moveTo)."""
    ppr = paragraph_properties(p)
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = _insert_before(ppr, element("w:rPr"), _PPR_AFTER_RPR)
    rpr.insert(0, revision(kind, rev_id, author, date))


def shade_paragraph(p: etree._Element, fill: str) -> None:
    ppr = paragraph_properties(p)
    shd = element("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    _insert_before(ppr, shd, _PPR_AFTER_SHD)


def set_bidi(p: etree._Element) -> None:
    ppr = paragraph_properties(p)
    if ppr.find(qn("w:bidi")) is None:
        _insert_before(ppr, element("w:bidi"), _PPR_AFTER_BIDI)


def add_simple_field(p: etree._Element, instr: str, placeholder: str) -> None:
    """A w:fldSimple (PAGE, NUMPAGES) whose cached result is `placeholder`."""
    fld = element("w:fldSimple")
    fld.set(qn("w:instr"), f" {instr} ")
    fld.append(make_run(placeholder))
    p.append(fld)


def cant_split_row(tr: etree._Element, header: bool = False) -> None:
    trpr = _first_child(tr, "w:trPr", after=("w:tblPrEx",))
    trpr.append(element("w:cantSplit"))
    if header:
        trpr.append(element("w:tblHeader"))


def track_row(tr: etree._Element, kind: str, next_id, author: str, date: str) -> None:
    """Track a whole table row as inserted or deleted: the row mark and every run in it.

    `next_id` is a callable returning a fresh revision id."""
    _first_child(tr, "w:trPr", after=("w:tblPrEx",)).append(
        revision(kind, next_id(), author, date))
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


def _escape(text: str, quote: bool = False) -> str:
    """XML character escapes (xml.sax.saxutils would pull in urllib, http and email: 38 ms
    of a command's start-up)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;") if quote else text


def custom_properties_xml(props: dict[str, str]) -> bytes:
    """docProps/custom.xml holding string properties."""
    items = "".join(
        f'<property fmtid="{_FMTID}" pid="{pid}" name="{_escape(name, quote=True)}">'
        f"<vt:lpwstr>{_escape(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(props.items(), start=2)
    )
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Properties xmlns="{_CUSTOM_NS}" xmlns:vt="{_VT_NS}">{items}</Properties>'
            ).encode()


def write_custom_properties(document, props: dict[str, str]) -> None:
    """Store string properties in docProps/custom.xml (replacing any existing part); a
    package written without python-docx takes the part as it is."""
    blob = custom_properties_xml(props)
    if hasattr(document, "set_custom_properties"):
        document.set_custom_properties(blob)
        return
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

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
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

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


# ---------------------------------------------------------------- bookmarks

def mark_start(p: etree._Element, name: str, bookmark_id: int) -> None:
    """A collapsed bookmark `name` at the start of paragraph `p` (after its properties):
    invisible, kept by word processors, it says which unit a paragraph is when it comes back.
    Names starting with "_" are hidden from Word's bookmark list."""
    start = element("w:bookmarkStart")
    start.set(qn("w:id"), str(bookmark_id))
    start.set(qn("w:name"), name)
    end = element("w:bookmarkEnd")
    end.set(qn("w:id"), str(bookmark_id))
    ppr = p.find(qn("w:pPr"))
    at = 0 if ppr is None else p.index(ppr) + 1
    p.insert(at, start)
    p.insert(at + 1, end)
