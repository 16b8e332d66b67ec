"""Word files (.docx, .docm, .dotx from any word processor) into blocks with their evidence.

The main document is parsed incrementally (bounded memory on any size); each body paragraph,
table and embedded chunk becomes blocks carrying its style, heading level, list numbering
written out, table position, page and footnotes. Tracked changes are read accepted, through the
one OOXML text reader the exporter and `verify` use too.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from lxml import etree

from dsrdraft.errors import DsrError
from dsrdraft.model import Dropped, Footnote
from dsrdraft.ooxml.comments import read_comments
from dsrdraft.ooxml.ns import NSMAP, qn
from dsrdraft.ooxml.package import DocxPackage
from dsrdraft.ooxml.text import FieldState, ParagraphText, paragraph_mark_deleted, read_paragraph
from dsrdraft.parsing.blocks import Block, ReadResult
from dsrdraft.parsing.footnotes import FOOTNOTE_OPEN, footnote_keys, footnote_ref
from dsrdraft.parsing.numerals import to_roman
from dsrdraft.parsing.word_styles import Numbering, Styles, numbering_of, outline_level
from dsrdraft.textnorm import strip_illegal_xml

MAX_BLOCKS = 2_000_000  # paragraphs; a negotiated text has hundreds, a big compilation tens of k

_P, _TBL, _BODY, _DOCUMENT = qn("w:p"), qn("w:tbl"), qn("w:body"), qn("w:document")
_ALT_CHUNK = qn("w:altChunk")
_WRAPPERS = frozenset({qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml"), qn("w:ins"),
                       qn("w:moveTo"), qn("w:smartTag")})
_R_ID = f"{{{NSMAP['r']}}}id"


def read_docx(path: Path) -> ReadResult:
    """The blocks of a Word file; one-line DsrError for anything that is not a sound one."""
    with DocxPackage(path) as package:
        try:
            return _Reader(package).read()
        except etree.XMLSyntaxError as exc:
            raise DsrError(f"{path}: corrupted .docx ({exc})") from None


class _Reader:
    def __init__(self, package: DocxPackage) -> None:
        self.package = package
        main = package.main
        self.styles = Styles(self._side(main, "/styles"))
        self.numbering = Numbering(self._side(main, "/numbering"))
        self.notes = {"footnote": self._notes(main, "/footnotes", "footnote"),
                      "endnote": self._notes(main, "/endnotes", "endnote")}
        self.note_count = {"footnote": 0, "endnote": 0}
        self.comments = self._comments(main)
        self.relationships = package.relationships(main)
        self.result = ReadResult()
        self.fields = FieldState()
        self.page = 0
        self.count = 0
        self.tables = 0
        self.pending = ""  # text of a paragraph whose mark was deleted (it runs on)
        self.footnotes: dict[str, Footnote] = {}  # reference key -> note, as cited

    def _side(self, main: str, suffix: str) -> Any:
        name = self.package.related_part(main, suffix)
        return self.package.part_xml(name) if name else None

    def _notes(self, main: str, suffix: str, kind: str) -> dict[str, str]:
        root = self._side(main, suffix)
        out: dict[str, str] = {}
        if root is None:
            return out
        for note in root.iterchildren(qn(f"w:{kind}")):
            if note.get(qn("w:type"), "normal") != "normal":
                continue  # separators
            text = " ".join(read_paragraph(p).text for p in note.iter(_P))
            out[note.get(qn("w:id"), "")] = " ".join(strip_illegal_xml(text).split())
        return out

    def _comments(self, main: str) -> dict[str, tuple[str, str]]:
        return {c.id: (c.author, c.text) for c in read_comments(self.package, main)}

    def read(self) -> ReadResult:
        with self.package.open_part(self.package.main) as handle:
            context = etree.iterparse(handle, events=("start", "end"),
                                      tag=(qn("w:document"), _P, _TBL, _ALT_CHUNK),
                                      resolve_entities=False, load_dtd=False, no_network=True)
            first = True
            for event, element in context:
                if first:
                    first = False
                    if element.tag != qn("w:document"):
                        raise DsrError(f"{self.package.path}: not a Word document (its main "
                                       "part is not WordprocessingML)")
                if event != "end" or element.tag == _DOCUMENT:
                    continue
                if not _at_body_level(element):
                    continue  # read with the table or wrapper that holds it
                if element.tag == _P and not len(element) and not element.text:
                    _release(element)  # an empty paragraph: nothing to read, nothing to keep
                    continue
                if element.tag == _P:
                    self._paragraph(element, in_table=False)
                elif element.tag == _TBL:
                    self._table(element)
                else:
                    self._alt_chunk(element)
                _release(element)
        if first:
            raise DsrError(f"{self.package.path}: not a Word document (empty main part)")
        self._flush_pending()
        for note_id, (author, text) in self.comments.items():
            if text:
                self.result.dropped.append(Dropped(
                    f"Word comment by {author or 'an unknown author'} (comment {note_id}), "
                    "not part of the text", text))
        return self.result

    # ------------------------------------------------------------ paragraphs

    def _paragraph(self, p: Any, *, in_table: bool, table_id: int = -1) -> None:
        content = read_paragraph(p, self.fields)
        text = self._with_footnotes(content)
        if content.fallback_text.strip():
            self.result.dropped.append(Dropped(
                "compatibility copy of a text box (read once, from its main copy)",
                " ".join(content.fallback_text.split())))
        ppr = p.find(qn("w:pPr"))
        style_el = ppr.find(qn("w:pStyle")) if ppr is not None else None
        facts = self.styles.facts(style_el.get(qn("w:val")) if style_el is not None else None)
        if paragraph_mark_deleted(p) and not in_table:
            self.pending += text  # accepted, the paragraph runs on into the next one
            self.page += content.page_breaks
            return
        if self.pending:
            text = self.pending + text
            self.pending = ""
        text = strip_illegal_xml(text)
        numbering = numbering_of(ppr) or facts.numbering
        label, bullet = "", False
        level = -1
        if numbering is not None and numbering[0] != "0" and text.strip():
            found = self.numbering.label(*numbering)
            if found is not None:
                label, bullet = found
                level = numbering[1]
        heading = outline_level(ppr) or facts.heading_level
        jc = ppr.find(qn("w:jc")) if ppr is not None else None
        centered = (jc.get(qn("w:val")) == "center") if jc is not None else facts.centered
        bold = facts.bold or (content.bold_chars >= len(text.strip()) > 0)
        self.page += content.page_breaks
        if text.strip():
            self._add(Block(
                text=text, heading_level=heading if heading and heading < 10 else 0,
                title_style=facts.title, list_label=label, list_level=level, bullet=bullet,
                bold=bold, centered=centered, in_table=in_table, table_id=table_id,
                page=self.page, footnotes=(), toc=facts.toc or content.in_toc,
                line=self.count + 1))
        for box in content.text_boxes:
            self._paragraph(box, in_table=in_table, table_id=table_id)

    def _with_footnotes(self, content: ParagraphText) -> str:
        text = content.text
        if not content.footnotes:
            return text
        pieces: list[str] = []
        last = 0
        for offset, kind, note_id in content.footnotes:
            self.note_count[kind] += 1
            n = self.note_count[kind]
            marker = str(n) if kind == "footnote" else to_roman(n, upper=False)
            note_text = self.notes[kind].get(note_id)
            pieces.append(text[last:offset])
            last = offset
            if note_text is None:
                continue
            key = f"{kind[0]}{note_id}"
            self.footnotes[key] = Footnote(marker, note_text)
            pieces.append(footnote_ref(key))
        pieces.append(text[last:])
        return "".join(pieces)

    def _add(self, block: Block) -> None:
        self.count += 1
        if self.count > MAX_BLOCKS:
            raise DsrError(f"{self.package.path}: more than {MAX_BLOCKS:,} paragraphs; "
                           "not a negotiated text dsrdraft can read")
        if FOOTNOTE_OPEN in block.text:
            notes = tuple(self.footnotes[k] for k in footnote_keys(block.text)
                          if k in self.footnotes)
            block = block._replace(footnotes=notes)
        self.result.blocks.append(block)

    def _flush_pending(self) -> None:
        if self.pending.strip():
            self._add(Block(text=strip_illegal_xml(self.pending), page=self.page,
                            line=self.count + 1))
        self.pending = ""

    # ------------------------------------------------------------ tables and chunks

    def _table(self, tbl: Any) -> None:
        table_id = self.tables
        self.tables += 1
        for tr in tbl.iterchildren(qn("w:tr")):
            if tr.find(qn("w:trPr") + "/" + qn("w:del")) is not None:
                continue  # a deleted row
            for tc in tr.iterchildren(qn("w:tc")):
                for element in tc.iterchildren():
                    if element.tag == _P:
                        self._paragraph(element, in_table=True, table_id=table_id)
                    elif element.tag == _TBL:
                        self._table(element)
                    elif element.tag in _WRAPPERS:
                        for p in element.iter(_P):
                            self._paragraph(p, in_table=True, table_id=table_id)

    def _alt_chunk(self, element: Any) -> None:
        rel = self.relationships.get(element.get(_R_ID, ""))
        if rel is None or rel[1] not in self.package.names:
            self.result.dropped.append(Dropped("embedded document (altChunk) that is missing "
                                               "from the file", rel[1] if rel else ""))
            return
        name = rel[1]
        data = self.package.read_bytes(name)
        if name.lower().endswith((".htm", ".html", ".xhtml", ".mht", ".txt")):
            text = data.decode("utf-8", errors="replace")
            if not name.lower().endswith(".txt"):
                text = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", text)
                text = re.sub(r"(?i)<br\s*/?>|</p>|</div>|</li>|</h\d>|</tr>", "\n", text)
                text = re.sub(r"<[^>]+>", " ", text)
                import html

                text = html.unescape(text)
            for line in text.split("\n"):
                if line.strip():
                    self._add(Block(text=strip_illegal_xml(" ".join(line.split())),
                                    page=self.page, line=self.count + 1))
            return
        self.result.dropped.append(Dropped(
            f"embedded document (altChunk {name}) in a format dsrdraft does not read",
            f"{len(data)} bytes"))


def _at_body_level(element: Any) -> bool:
    parent = element.getparent()
    while parent is not None and parent.tag in _WRAPPERS:
        parent = parent.getparent()
    return parent is not None and parent.tag == _BODY


def _release(element: Any) -> None:
    """Free what has been read: the element and everything before it in its parent."""
    element.clear()
    parent = element.getparent()
    if parent is None:
        return
    while element.getprevious() is not None:
        del parent[0]
