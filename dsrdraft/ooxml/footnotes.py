"""Real Word footnotes (word/footnotes.xml) added to a python-docx Document.

python-docx has no footnote API: the part is made here, with the two separator notes Word
expects (ids -1 and 0), and each note is a w:footnote referenced from a superscript run.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from dsrdraft.ooxml.build import element, make_run
from dsrdraft.ooxml.ns import NSMAP, qn

_FOOTNOTES_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<w:footnotes xmlns:w="{NSMAP["w"]}" xmlns:r="{NSMAP["r"]}">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" '
    'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing '
    'w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/>'
    '</w:r></w:p></w:footnote></w:footnotes>')


def _superscript_run() -> Any:
    r = element("w:r")
    rpr = element("w:rPr")
    va = element("w:vertAlign")
    va.set(qn("w:val"), "superscript")
    rpr.append(va)
    r.append(rpr)
    return r


class Footnotes:
    """The footnotes of one python-docx Document, the part made on the first note."""

    def __init__(self, document: Any) -> None:
        self.document = document
        self._root: Any = None
        self._next = 1

    def _part_root(self) -> Any:
        if self._root is not None:
            return self._root
        from docx.opc.constants import CONTENT_TYPE as CT
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.opc.packuri import PackURI
        from docx.opc.part import XmlPart

        doc_part = self.document.part
        package = doc_part.package
        part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES,
                       etree.fromstring(_FOOTNOTES_XML.encode()), package)
        doc_part.relate_to(part, RT.FOOTNOTES)
        self._root = part.element
        return self._root

    def add(self, p: Any, text: str) -> int:
        """A footnote saying `text`, its reference mark at the end of paragraph `p`."""
        root = self._part_root()
        note_id = self._next
        self._next += 1
        ref = _superscript_run()
        mark = element("w:footnoteReference")
        mark.set(qn("w:id"), str(note_id))
        ref.append(mark)
        p.append(ref)
        note = element("w:footnote")
        note.set(qn("w:id"), str(note_id))
        q = element("w:p")
        own = _superscript_run()
        own.append(element("w:footnoteRef"))
        q.append(own)
        q.append(make_run(" " + text))
        note.append(q)
        root.append(note)
        return note_id
