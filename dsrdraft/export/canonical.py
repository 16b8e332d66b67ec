"""Everything a reader of a Word file sees, as named blocks of canonical text.

The fingerprint and the signature are computed over these blocks, read back from the saved
file through the OOXML layer (`dsrdraft.ooxml.text.read_visible`, the reader the importer
uses), so the exporter and `verify` cannot disagree. Covered: every paragraph and table row
of the body, headers and footers, comments (reservations), footnotes and endnotes, text boxes,
pictures (the bytes they show), the page layout and background; for each piece of text its
resolved look (hidden, struck, colours against their background, size, fonts…) and its
tracked change (deleted text is seen struck through); paragraph styles, shading (status),
numbering and alignment; field instructions. Anything the reader does not know is kept as a
digest of its XML, so it is covered too.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

from dsrdraft.export import styles as st
from dsrdraft.ooxml.digest import sha256_hex
from dsrdraft.ooxml.look import StyleSheet, ppr_props
from dsrdraft.ooxml.ns import NSMAP, child, qn
from dsrdraft.ooxml.package import DocxPackage
from dsrdraft.ooxml.text import FieldState, grandchild, paragraph_style, read_visible

# Characters XML 1.0 cannot hold, so no document text can imitate the markup.
_FIELD, _SEG, _TEXT = "\x01", "\x02", "\x03"
_NAME_LENGTH = 40
#: The footer shows the fingerprint's first 12 characters; the canonical text holds this in
#: its place (the fingerprint cannot cover itself).
FOOTER_MARK = "<fingerprint>"
_SKIP_BODY = frozenset({qn("w:bookmarkStart"), qn("w:bookmarkEnd"), qn("w:proofErr"),
                        qn("w:commentRangeStart"), qn("w:commentRangeEnd"),
                        qn("w:permStart"), qn("w:permEnd"), qn("w:moveFromRangeStart"),
                        qn("w:moveFromRangeEnd"), qn("w:moveToRangeStart"),
                        qn("w:moveToRangeEnd")})
_CONTAINERS = frozenset({qn("w:customXml"), qn("w:smartTag"), qn("w:sdtContent")})
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_W14 = "http://schemas.microsoft.com/office/word/2010/wordml"


class Block(NamedTuple):  # not a frozen dataclass: one compiles its methods at import
    """One piece of what a reader sees: a paragraph, a table row, a comment…"""

    name: str  # how verify names it: "clause 3", "header", "comment on clause 3"
    text: str  # the words shown (hidden and deleted text left out)
    canon: str  # everything compared: text with its look and changes, styles, pictures
    flags: frozenset[str]  # what a reader notices: hidden, struck, invisible, fill=…

    @property
    def line(self) -> str:
        return f"{self.name}\t{self.canon}"

    @property
    def text_digest(self) -> str:
        return sha256_hex(self.text.encode("utf-8", "surrogatepass"))[:12]

    @property
    def digest(self) -> str:
        return sha256_hex(self.canon.encode("utf-8", "surrogatepass"))[:12]


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _NAME_LENGTH else text[:_NAME_LENGTH - 1] + "…"


def _fill(ppr: dict[str, Any]) -> str:
    for item in str(ppr.get("shd", "")).split(","):
        if item.startswith("FILL="):
            return item[5:]
    return ""


class _Reader:
    def __init__(self, package: DocxPackage, footer_mask: str) -> None:
        self.package = package
        self.footer_mask = footer_mask
        self.main = package.part_xml(package.main)
        self.rels = package.relationships(package.main)
        background = self.main.find(qn("w:background"))
        page_fill = (background.get(qn("w:color")) or "") if background is not None else ""
        self.sheet = self._style_sheet(page_fill.upper())
        sid = self.sheet.id_of
        self.roles = {sid(st.TITLE): "title", sid(st.PREAMBLE): "preamble",
                      sid(st.DIVISION): "heading", sid(st.CLAUSE): "clause",
                      sid(st.ALTERNATIVE): "alternative", sid(st.SIGNED_BY): "signed by"}
        self.label_style = sid(st.CLAUSE_LABEL)
        self.alt_label_style = sid(st.ALTERNATIVE_LABEL)
        self.signature_table = sid(st.SIGNATURE_TABLE)
        self.references: list[tuple[str, str, str]] = []  # (kind, id, name of the block)
        self.previous = ""
        self.seen_clause = False
        self.counts: dict[str, int] = {}

    # ---------------------------------------------------------------- parts

    def _related(self, suffix: str) -> str | None:
        for rel_type, target in self.rels.values():
            if rel_type == _REL + suffix and target in self.package.names:
                return target
        return None

    def _style_sheet(self, page_fill: str) -> StyleSheet:
        """The document's styles; a template's styles part, unchanged, is parsed style by
        style as each is used (`StyleSheet.of_xml`), every other one whole."""
        numbering = self._related_xml("numbering")
        styles = self._related("styles")
        unchanged = getattr(self.package, "unchanged_part_bytes", None)
        data = unchanged(styles) if unchanged is not None and styles else None
        if data is not None:
            return StyleSheet.of_xml(data, numbering, page_fill)
        return StyleSheet(self._related_xml("styles"), numbering, page_fill)

    def _related_xml(self, suffix: str) -> Any:
        name = self._related(suffix)
        return self.package.part_xml(name) if name else None

    def _picture_parts(self, part: str, rids: tuple[str, ...]) -> str:
        rels = self.rels if part == self.package.main else self.package.relationships(part)
        shown = []
        for rid in rids:
            _, target = rels.get(rid, ("", ""))
            if target in self.package.names:
                shown.append(sha256_hex(self.package.read_bytes(target))[:16])
            else:
                shown.append(f"link:{target}")
        return ",".join(shown)

    # ---------------------------------------------------------------- paragraphs

    def paragraph(self, p: Any, part: str, name: str, fields: FieldState,
                  fill_override: str = "") -> tuple[Block, Any]:
        pstyle = paragraph_style(p)
        ppr = child(p, qn("w:pPr"))
        props = self.sheet.paragraph_props(pstyle, ppr_props(ppr))
        fill = fill_override or _fill(props)
        read = read_visible(p, self.sheet, fields, fill)
        looks: list[tuple[str, str, str]] = []
        for text, look, change in read.segments:  # runs that look alike read as one
            if looks and looks[-1][1:] == (look, change):
                looks[-1] = (looks[-1][0] + text, look, change)
            else:
                looks.append((text, look, change))
        flags: set[str] = set()
        for text, look, change in looks:
            if text.strip():
                flags.update(f[1:] for f in look.split(";") if f.startswith("!"))
                if change:
                    flags.add("deleted" if change == "del" else "inserted")
        if fill and fill not in ("FFFFFF", "AUTO"):
            flags.add(f"fill={fill}")
        mark = ""
        if ppr is not None:
            mark_rpr = child(ppr, qn("w:rPr"))
            if mark_rpr is not None:
                mark = ",".join(local for local in ("ins", "del", "vanish")
                                if child(mark_rpr, qn(f"w:{local}")) is not None)
        numbering = ""
        if "numPr" in props:
            numbering = self.sheet.numbering(*props["numPr"])
        head = [f"style={pstyle or ''}",
                ";".join(f"{k}={props[k]}" for k in sorted(props) if k != "numPr"),
                f"num={numbering}", f"mark={mark}",
                "fields=" + "|".join(read.instructions),
                "pictures=" + "|".join(f"{self._picture_parts(part, rids)}@{digest}"
                                       for rids, digest in read.pictures),
                "fallback=" + " ".join(read.fallback_text.split())]
        segments = _SEG.join(f"{look}/{change}{_TEXT}{text}" for text, look, change in looks)
        shown = "".join(text for text, look, change in looks
                        if change != "del" and "!hidden" not in look)
        for cid in read.comments:
            self.references.append(("comment", cid, name))
        for _, kind, fid in read.footnotes:
            self.references.append((kind, fid, name))
        canon = _FIELD.join(head) + _FIELD + segments
        return Block(name, " ".join(shown.split()), canon, frozenset(flags)), read

    def _role_name(self, role: str, read_runs: list[tuple[str | None, str]]) -> str:
        if role == "title":
            return "title"
        if role == "preamble":
            if self.seen_clause:
                return f"unnumbered paragraph after {self.previous}"
            n = self.counts["preamble"] = self.counts.get("preamble", 0) + 1
            return f"preamble paragraph {n}"
        if role == "clause":
            self.seen_clause = True
            label = "".join(t for s, t in read_runs if s == self.label_style)
            return f"clause {_short(label).rstrip('.')}"
        if role == "alternative":
            label = "".join(t for s, t in read_runs if s == self.alt_label_style)
            return f"clause {_short(label)}"
        if role == "heading":
            text = "".join(t for _, t in read_runs).split("\n")[0]
            return f"heading {_short(text)}"
        return "signature block"

    def body_paragraph(self, p: Any, fields: FieldState) -> Iterator[Block]:
        role = self.roles.get(paragraph_style(p) or "")
        placeholder = f"paragraph after {self.previous}" if self.previous else \
            "paragraph before the title"
        first_reference = len(self.references)
        block, read = self.paragraph(p, self.package.main, placeholder, fields)
        if role is not None:
            name = self._role_name(role, read.runs)
            block = Block(name, block.text, block.canon, block.flags)
            self._name_references(first_reference, name)
        self.previous = block.name
        yield block
        for box in read.text_boxes:
            inner, _ = self.paragraph(box, self.package.main, f"text box in {block.name}",
                                      FieldState())
            yield inner

    def _name_references(self, first: int, name: str) -> None:
        """Comments and notes cited from the block just read belong to `name`."""
        self.references[first:] = [(k, i, name) for k, i, _ in self.references[first:]]

    # ---------------------------------------------------------------- tables

    def table(self, tbl: Any, part: str, where: str, nested: bool = False
              ) -> Iterator[Block]:
        tbl_style = grandchild(tbl, qn("w:tblPr"), qn("w:tblStyle"))
        style = tbl_style.get(qn("w:val")) if tbl_style is not None else ""
        signatures = style == self.signature_table and part == self.package.main
        anchor = self.previous or where
        for n, tr in enumerate(tbl.iterchildren(qn("w:tr")), 1):
            first_reference = len(self.references)
            cells, texts, flags = [], [], set()
            trpr = child(tr, qn("w:trPr"))
            row_marks = "" if trpr is None else ",".join(
                local for local in ("ins", "del", "hidden")
                if child(trpr, qn(f"w:{local}")) is not None)
            if "del" in row_marks:
                flags.add("deleted")
            for tc in tr.iterchildren(qn("w:tc")):
                tcpr = child(tc, qn("w:tcPr"))
                shd = child(tcpr, qn("w:shd")) if tcpr is not None else None
                fill = (shd.get(qn("w:fill")) or "").upper() if shd is not None else ""
                span = child(tcpr, qn("w:gridSpan")) if tcpr is not None else None
                merge = child(tcpr, qn("w:vMerge")) if tcpr is not None else None
                parts, words = [], []
                for block in self._cell_blocks(tc, part, fill):
                    parts.append(block.canon)
                    words.append(block.text)
                    flags |= block.flags
                cells.append(f"fill={fill};span="
                             f"{span.get(qn('w:val')) if span is not None else ''};merge="
                             f"{merge.get(qn('w:val'), 'continue') if merge is not None else ''}"
                             + _SEG + _SEG.join(parts))
                texts.append(" ".join(words))
            if signatures:
                name = "signature block" if n == 1 else f"signatory {_short(texts[0])}"
            else:
                name = f"table after {anchor}, row {n}"
            canon = _FIELD.join([f"table={style}", f"row={row_marks}", *cells])
            if not nested:
                self._name_references(first_reference, name)
            yield Block(name, " | ".join(texts), canon, frozenset(flags))
        if part == self.package.main and not nested:
            self.previous = f"table after {anchor}" if not signatures else "signature block"

    def _cell_blocks(self, tc: Any, part: str, fill: str) -> Iterator[Block]:
        """A cell's paragraphs and nested tables, read into the row (not as blocks)."""
        fields = FieldState()
        for el in tc:
            if el.tag == qn("w:p"):
                yield self.paragraph(el, part, "", fields, fill)[0]
            elif el.tag == qn("w:tbl"):
                yield from self.table(el, part, "", nested=True)
            elif el.tag in _CONTAINERS or el.tag == qn("w:sdt"):
                yield from self._cell_blocks(el, part, fill)

    # ---------------------------------------------------------------- containers

    def container(self, root: Any, part: str, name: str | None) -> Iterator[Block]:
        """The blocks of a body, header, footer, comment or note, in order. `name` None:
        the document body, whose blocks are named by their role."""
        fields = FieldState()
        for el in root:
            tag = el.tag
            if not isinstance(tag, str) or tag in _SKIP_BODY:
                continue
            if tag == qn("w:p"):
                if name is None:
                    yield from self.body_paragraph(el, fields)
                else:
                    yield self.paragraph(el, part, name, fields)[0]
            elif tag == qn("w:tbl"):
                yield from self.table(el, part, name or "")
            elif tag == qn("w:sdt"):
                content = child(el, qn("w:sdtContent"))
                if content is not None:
                    yield from self.container(content, part, name)
            elif tag in _CONTAINERS:
                yield from self.container(el, part, name)
            elif tag == qn("w:sectPr"):
                continue  # read with the page layout
            else:  # an altChunk, an unknown element: covered by a digest of what it holds
                where = name or f"content after {self.previous or 'the start'}"
                yield Block(where, "", _xml_digest(el) + self._alt_chunk(el, part),
                            frozenset({"other content"}))

    def _alt_chunk(self, el: Any, part: str) -> str:
        rid = el.get(f"{{{NSMAP['r']}}}id")
        return f"@{self._picture_parts(part, (rid,))}" if rid else ""

    def page_layout(self) -> Block:
        sections = []
        for sect in self.main.iter(qn("w:sectPr")):
            sections.append(";".join(
                f"{c.tag.rsplit('}', 1)[-1]}:" + ",".join(
                    f"{k.rsplit('}', 1)[-1]}={v}" for k, v in sorted(c.attrib.items()))
                for c in sect if isinstance(c.tag, str)
                and c.tag not in (qn("w:headerReference"), qn("w:footerReference"))))
        settings = self._related_xml("settings")
        even = settings is not None and settings.find(qn("w:evenAndOddHeaders")) is not None
        canon = _FIELD.join([f"background={self.sheet.page_fill}", f"even_odd={even}",
                             *sections])
        return Block("page layout", "", canon, frozenset())

    def headers_and_footers(self, kind: str) -> Iterator[Block]:
        for n, sect in enumerate(self.main.iter(qn("w:sectPr")), 1):
            for ref in sect.iterchildren(qn(f"w:{kind}Reference")):
                which = ref.get(qn("w:type")) or "default"
                _, target = self.rels.get(ref.get(f"{{{NSMAP['r']}}}id") or "", ("", ""))
                if target not in self.package.names:
                    continue
                label = {"default": kind, "first": f"first-page {kind}",
                         "even": f"even-page {kind}"}.get(which, f"{which} {kind}")
                if n > 1:
                    label += f" of section {n}"
                for block in self.container(self.package.part_xml(target), target, label):
                    yield self._masked(block) if kind == "footer" else block

    def _masked(self, block: Block) -> Block:
        if not self.footer_mask:
            return block
        mark = f"fingerprint {self.footer_mask}"
        return Block(block.name, block.text.replace(mark, f"fingerprint {FOOTER_MARK}"),
                     block.canon.replace(mark, f"fingerprint {FOOTER_MARK}"), block.flags)

    def notes(self) -> Iterator[Block]:
        parts = {"comment": self._related("comments"),
                 "footnote": self._related("footnotes"),
                 "endnote": self._related("endnotes")}
        roots = {kind: self.package.part_xml(name) for kind, name in parts.items() if name}
        done = self._resolved_comments()
        for kind, note_id, owner in list(self.references):
            root = roots.get(kind)
            if root is None:
                yield Block(f"{kind} on {owner}", "", f"missing {kind} {note_id}",
                            frozenset({"missing"}))
                continue
            tag = qn("w:comment") if kind == "comment" else qn(f"w:{kind}")
            note = next((n for n in root.iterchildren(tag) if n.get(qn("w:id")) == note_id),
                        None)
            if note is None:
                yield Block(f"{kind} on {owner}", "", f"missing {kind} {note_id}",
                            frozenset({"missing"}))
                continue
            blocks = list(self.container(note, parts[kind] or "", f"{kind} on {owner}"))
            who = ""
            if kind == "comment":
                paras = [p.get(f"{{{_W14}}}paraId") for p in note.iter(qn("w:p"))]
                who = (f"author={note.get(qn('w:author'))};initials="
                       f"{note.get(qn('w:initials'))};date={note.get(qn('w:date'))};"
                       f"done={done.get(paras[-1] if paras else '', '')}")
            yield Block(f"{kind} on {owner}", " ".join(b.text for b in blocks),
                        _FIELD.join([who, *(b.canon for b in blocks)]),
                        frozenset().union(*(b.flags for b in blocks)))

    def _resolved_comments(self) -> dict[str, str]:
        """paraId -> done, from Word's commentsExtended part (a comment marked resolved is
        shown greyed out)."""
        root = None
        for rel_type, target in self.rels.values():
            if rel_type.endswith("/commentsExtended") and target in self.package.names:
                root = self.package.part_xml(target)
        if root is None:
            return {}
        w15 = "http://schemas.microsoft.com/office/word/2012/wordml"
        return {ex.get(f"{{{w15}}}paraId", ""): ex.get(f"{{{w15}}}done", "")
                for ex in root.iter(f"{{{w15}}}commentEx")}


def _xml_digest(el: Any) -> str:
    from lxml import etree

    return "xml:" + sha256_hex(etree.tostring(el, method="c14n"))[:16]


def read_blocks(package: DocxPackage, footer_mask: str = "") -> list[Block]:
    """Everything a reader sees of the document in `package`, as named blocks in reading
    order. `footer_mask` is the short fingerprint the footer shows (held as a mark)."""
    reader = _Reader(package, footer_mask)
    body = reader.main.find(qn("w:body"))
    blocks = [reader.page_layout(), *reader.headers_and_footers("header")]
    if body is not None:
        blocks.extend(reader.container(body, package.main, None))
    blocks.extend(reader.notes())
    blocks.extend(reader.headers_and_footers("footer"))
    return blocks
