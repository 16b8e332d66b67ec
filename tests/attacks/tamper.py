"""Edits a reader of a Word export would see, made the way a careless colleague or a forger
would make them (straight in the XML), each with what `verify` must name (issue 17, item 5).

Used by tests/attacks/make_attacks.py (which commits the tampered files), by the attack suite
and by scripts/torture.py.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@dataclass(frozen=True)
class Tamper:
    name: str
    part: str  # the part edited ("word/document.xml"…)
    edit: Callable[[str], str]
    expect: str  # what verify's report must say
    source: str = "negotiation"  # which export it is made from: negotiation or redline


def _once(old: str, new: str) -> Callable[[str], str]:
    def edit(xml: str) -> str:
        assert old in xml, old
        return xml.replace(old, new, 1)
    return edit


def _regex(pattern: str, new: str) -> Callable[[str], str]:
    def edit(xml: str) -> str:
        out, n = re.subn(pattern, new, xml, count=1, flags=re.S)
        assert n == 1, pattern
        return out
    return edit


def _run_with(text: str, rpr: str) -> Callable[[str], str]:
    """Give the run holding `text` the run properties `rpr` (direct formatting)."""
    return _regex(r"<w:r>(<w:t[^>]*>" + re.escape(text) + ")", f"<w:r><w:rPr>{rpr}</w:rPr>\\1")


def _new_paragraph_after(text: str, paragraph: str) -> Callable[[str], str]:
    return _regex(r"(" + re.escape(text) + r".*?</w:p>)", "\\1" + paragraph)


TAMPERS = [
    Tamper("hidden-text", "word/document.xml",
           _run_with("Expanding broadband", "<w:vanish/>"),
           "clause 1: text changed; hidden text added"),
    Tamper("white-on-white", "word/document.xml",
           _run_with("States ", '<w:color w:val="FFFFFF"/>'),
           "clause 2: text the colour of its background added"),
    Tamper("unstyled-paragraph", "word/document.xml",
           _new_paragraph_after("Expanding broadband", "<w:p><w:r><w:t>All data shall be "
                                "shared.</w:t></w:r></w:p>"),
           "paragraph after clause 1 (added)"),
    Tamper("second-signature-table", "word/document.xml",
           _regex(r"(<w:tbl>.*?</w:tbl>)", "\\1\\1"), "(added)"),
    Tamper("not-signed-by", "word/document.xml", _once(">Signed by<", ">Not signed by<"),
           "signature block: text changed"),
    Tamper("header-symbol", "word/header1.xml", _once("DSR/2026/L.1", "DSR/2026/L.9"),
           "header: text changed"),
    Tamper("header-date", "word/header1.xml", _once("2026-05-14", "2026-05-15"),
           "header: text changed"),
    Tamper("reservation-text", "word/comments.xml",
           _once("Reserves its position", "Accepts the text"),
           "comment on clause 3: text changed"),
    Tamper("status-shading", "word/document.xml", _once('w:fill="FFF2A8"', 'w:fill="D9EAD3"'),
           "clause 3: shading D9EAD3 added, shading FFF2A8 removed"),
    Tamper("strike-removed", "word/document.xml",
           lambda xml: _strip_strike(xml, "6."), "clause 6: strike-through removed"),
    Tamper("text-after-xml-comment", "word/document.xml",
           _once("cybersecurity", "cyber<!-- a comment -->insecurity"),
           "clause 3: text changed"),
    Tamper("word-changed", "word/document.xml", _once("cybersecurity", "cyber-security"),
           "clause 3: text changed"),
    Tamper("clause-removed", "word/document.xml",
           _regex(r'<w:p>(?:(?!<w:p>).)*?Strengthen cooperation.*?</w:p>', ""),
           "clause 3 (removed)"),
    Tamper("style-hides-clauses", "word/styles.xml",
           _regex(r'(w:styleId="DSRClause">(?:(?!</w:style>).)*?</w:pPr>)(</w:style>)',
                  "\\1<w:rPr><w:vanish/></w:rPr>\\2"), "clause 1: text changed; hidden text added"),
    Tamper("footer-fingerprint", "word/footer1.xml",
           _regex(r"fingerprint [0-9a-f]{12}", "fingerprint 000000000000"),
           "footer: text changed"),
    Tamper("export-properties", "docProps/custom.xml",
           _once("DSR/2026/L.1", "DSR/2026/L.2"), "the export's properties"),
    Tamper("tracked-deletion-accepted", "word/document.xml",
           _regex(r"<w:del [^>]*>.*?</w:del>", ""), "tracked deletion removed",
           source="redline"),
]


def _strip_strike(xml: str, label: str) -> str:
    """A deleted clause made to look live: the strike-through and the deleted style taken
    off its paragraph."""
    start = xml.index(f">{label}<")
    p_start = xml.rindex("<w:p>", 0, start)
    p_end = xml.index("</w:p>", start)
    paragraph = xml[p_start:p_end]
    plain = paragraph.replace("<w:strike/>", "").replace('<w:rStyle w:val="DSRDeleted"/>', "")
    assert plain != paragraph
    return xml[:p_start] + plain + xml[p_end:]


def apply(tamper: Tamper, src: Path, dst: Path) -> None:
    """Copy the .docx `src` to `dst` with one part edited."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == tamper.part:
                data = tamper.edit(data.decode("utf-8")).encode("utf-8")
            zout.writestr(item, data)


def reseal(src: Path, dst: Path, key=None) -> None:
    """What someone without the secretariat's key can do after an edit: compute a new seal
    with dsrdraft's own code (unsigned, or signed with a key of their own)."""
    import docx

    from dsrdraft.export import fingerprint

    with zipfile.ZipFile(src) as z:
        short = re.search(r"fingerprint ([0-9a-f]{12})", z.read("word/footer1.xml").decode())
    document = docx.Document(str(src))
    for section in document.sections:
        for t in section.footer._element.iter(f"{{{W}}}t"):
            if t.text and short and short.group(1) in t.text:
                t.text = t.text.replace(short.group(1), fingerprint.PLACEHOLDER[:12])
    from dsrdraft.ooxml.package import DocxPackage

    with DocxPackage(src) as package:
        props = package.custom_properties()
    extra = {k: v for k, v in props.items() if k.startswith("dsrdraft.")
             and not k.startswith(fingerprint.P_ITEM) and k not in
             (fingerprint.P_FORMAT, fingerprint.P_FINGERPRINT, fingerprint.P_SIGNATURE,
              fingerprint.P_KEY)}
    _, data = fingerprint.seal(document, extra, key)
    dst.write_bytes(data)
