"""A Word document written straight from a template with lxml and zipfile, no python-docx.

`compare --docx` writes its redline this way: importing python-docx and loading the template
through it costs about as much as the rest of the command together (imports 100 ms, styles
150 ms). The object offers the small part of python-docx's `Document` that the exporter's
modules use (`element.body`, `styles[name].style_id`), plus header and footer parts, the
custom-properties part and `save`; everything else in the template is copied as it is.
"""

from __future__ import annotations

import posixpath
import struct
import time
import zipfile
import zlib
from pathlib import Path
from types import SimpleNamespace
from typing import IO, Any, NamedTuple

from lxml import etree

from dsrdraft.errors import DsrError
from dsrdraft.lazyre import lazy_compile
from dsrdraft.ooxml.build import append_to_body
from dsrdraft.ooxml.ns import NSMAP, qn
from dsrdraft.ooxml.package import MAX_SIDE_PART, DocxPackage, safe_parser

_REL_NS = NSMAP["pr"]
_CT_NS = NSMAP["ct"]
_OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PART = {
    "header": ("word/header1.xml", f"{_OFFICE_REL}/header",
               "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml",
               "w:hdr"),
    "footer": ("word/footer1.xml", f"{_OFFICE_REL}/footer",
               "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml",
               "w:ftr"),
}
_CUSTOM = ("docProps/custom.xml", f"{_OFFICE_REL}/custom-properties",
           "application/vnd.openxmlformats-officedocument.custom-properties+xml")


# <w:style … w:styleId="DSRClause" …><w:name w:val="DSR Clause"/>: Word writes the name first.
_STYLE = lazy_compile(r'<w:style\b[^>]*?\bw:styleId="([^"]*)"[^>]*>\s*<w:name w:val="([^"]*)"')


def _unescape(text: str) -> str:
    return (text.replace("&quot;", '"').replace("&apos;", "'").replace("&lt;", "<")
            .replace("&gt;", ">").replace("&amp;", "&"))


# NamedTuple, not a frozen dataclass: a dataclass's methods are compiled from source when
# its module loads (about 1 ms each, on every command that writes Word).
class _Style(NamedTuple):
    style_id: str


class WordPackage:
    """A template's package, its body emptied (section properties kept), ready to fill.

    The template's parts stay as the compressed bytes they are in its zip; only those read
    (the main document, relationships, content types, styles) are inflated, and `save`
    copies the others into the new zip as they are: deflating the template's 800 KB of styles
    again took longer than writing the whole redline."""

    def __init__(self, template: Path) -> None:
        blob = template.read_bytes()
        with DocxPackage(template, blob) as package:
            self._main = package.main
            self._members = {info.filename: _raw_member(blob, info)
                             for info in sorted(package.infos(), key=lambda i: i.filename)}
        self._parts: dict[str, bytes] = {}  # parts replaced or added
        self._inflated: dict[str, bytes] = {}  # template parts read, unchanged
        self._root = etree.fromstring(self.part_bytes(self._main), safe_parser())
        body = self._root.find(qn("w:body"))
        for child in list(body):  # keep the section properties (page size, margins)
            if child.tag != qn("w:sectPr"):
                body.remove(child)
        self.element = SimpleNamespace(body=body)
        self.styles = self._style_names()
        self._extra: dict[str, etree._Element] = {}
        self._related: list[tuple[str, str]] = []  # (part name, relationship type)
        self._references: list[etree._Element] = []  # header/footer references in sectPr

    def part_bytes(self, name: str) -> bytes:
        """A part's bytes as the package now holds them (a template part inflated once)."""
        data = self._parts.get(name) or self._inflated.get(name)
        if data is None:
            data = self._inflated[name] = self._members[name].inflate()
        return data

    def _style_names(self) -> dict[str, _Style]:
        """Style name -> id. A scan of the text: the template's styles.xml is 350 KB, parsing
        it took 10 ms of the 70 a redline's writing takes."""
        text = self.part_bytes("word/styles.xml").decode("utf-8", "replace")
        out: dict[str, _Style] = {}
        for match in _STYLE.finditer(text):
            out[_unescape(match.group(2))] = _Style(_unescape(match.group(1)))
        return out

    def append(self, block: etree._Element) -> etree._Element:
        """Add a paragraph or table at the end of the body (before the section properties)."""
        return append_to_body(self.element.body, block)

    def set_header_footer(self, which: str, paragraphs: list[etree._Element]) -> None:
        """The default header or footer ("header"/"footer") of the document's one section."""
        tag = _PART[which][3]
        root = etree.Element(qn(tag), nsmap={"w": NSMAP["w"], "r": NSMAP["r"]})
        root.extend(paragraphs)
        self._extra[which] = root

    def header_footer(self, which: str) -> etree._Element | None:
        """The header or footer ("header"/"footer") set on this package, if any."""
        return self._extra.get(which)

    def set_custom_properties(self, blob: bytes) -> None:
        self._parts[_CUSTOM[0]] = blob

    def part_names(self) -> set[str]:
        return set(self._members) | set(self._parts)

    def add_related_part(self, name: str, data: bytes, rel_type: str) -> None:
        """A part related from the main document (a custom XML item, say); its content type
        is the package's default for its extension."""
        self._parts[name] = data
        self._related.append((name, rel_type))

    def _finished(self) -> dict[str, bytes | etree._Element]:
        """Every part of the document as it is saved: the parts this package made or changed
        as XML trees, the others as bytes (or, not read, as the template's members)."""
        parts: dict[str, Any] = {name: None for name in self._members}
        parts.update(self._parts)
        doc_rels = _rels_name(self._main)
        rels = etree.fromstring(self.part_bytes(doc_rels), safe_parser())
        types = etree.fromstring(self.part_bytes("[Content_Types].xml"), safe_parser())
        # The header and footer references go into the section properties themselves (a
        # copy of the whole document cost 2 ms each time): those of an earlier save are
        # taken out first, so saving twice, or adding to the body after a save, is sound.
        document = self._root
        sect = document.find(qn("w:body")).find(qn("w:sectPr"))
        for ref in self._references:
            if ref.getparent() is not None:
                ref.getparent().remove(ref)
        self._references = []
        for n, (which, root) in enumerate(sorted(self._extra.items()), 1):
            name, rel_type, content_type, _ = _PART[which]
            rid = f"rIdDsr{n}"
            _add_relationship(rels, rid, rel_type, name.split("/", 1)[1])
            _add_override(types, "/" + name, content_type)
            ref = etree.Element(qn(f"w:{which}Reference"))
            ref.set(qn("w:type"), "default")
            ref.set(qn("r:id"), rid)
            if sect is not None:
                sect.insert(0 if which == "header" else _after_headers(sect), ref)
                self._references.append(ref)
            parts[name] = root
        main_folder = self._main.rpartition("/")[0]
        for n, (name, rel_type) in enumerate(self._related, 1):
            _add_relationship(rels, f"rIdDsrPart{n}", rel_type,
                              posixpath.relpath(name, main_folder or "."))
        if _CUSTOM[0] in parts:
            package_rels = etree.fromstring(self.part_bytes("_rels/.rels"), safe_parser())
            if not any(r.get("Target", "").lstrip("/") == _CUSTOM[0] for r in package_rels):
                _add_relationship(package_rels, "rIdDsrCustom", _CUSTOM[1], _CUSTOM[0])
                _add_override(types, "/" + _CUSTOM[0], _CUSTOM[2])
            parts["_rels/.rels"] = package_rels
        parts[doc_rels] = rels
        parts["[Content_Types].xml"] = types
        parts[self._main] = document
        return parts

    def reading_view(self) -> DocxPackage:
        """The document as `save` would write it, to read through the package interface
        without writing it (the fingerprint reads it so): the same trees `save` serializes,
        the other parts parsed from their bytes."""
        return _View(self, self._finished())

    def save(self, path: str | Path | IO[bytes]) -> None:
        parts = self._finished()
        stamp = _dos_time(time.localtime()[:6])
        members = []
        # [Content_Types].xml first: some readers look for it there
        for name in ["[Content_Types].xml", *(n for n in parts if n != "[Content_Types].xml")]:
            data = parts[name]
            if data is None:
                members.append((name, self._members[name]))
            else:
                members.append((name, _Member.deflated(
                    data if isinstance(data, bytes) else _xml(data), stamp)))
        blob = _zip(members)
        if hasattr(path, "write"):
            path.write(blob)  # type: ignore[union-attr]
        else:
            Path(path).write_bytes(blob)


class _View(DocxPackage):
    """A `WordPackage`'s finished parts behind the read interface of `DocxPackage`."""

    def __init__(self, package: WordPackage, parts: dict[str, Any]) -> None:
        self.path = Path("export.docx")
        self._package = package
        self._finished_parts = parts
        self._trees: dict[str, Any] = {}
        self.names = set(parts)
        self.main = package._main

    def close(self) -> None:
        pass

    def unchanged_part_bytes(self, name: str) -> bytes | None:
        """The bytes of a part copied unchanged from the template, None for one this package
        made or changed."""
        if name in self._finished_parts and self._finished_parts[name] is None:
            return self._package.part_bytes(name)
        return None

    def read_bytes(self, name: str, limit: int = MAX_SIDE_PART) -> bytes:
        data = self._finished_parts[name]
        if data is None:
            return self._package.part_bytes(name)
        return data if isinstance(data, bytes) else _xml(data)

    def part_xml(self, name: str, *, missing_ok: bool = False) -> Any:
        if name not in self.names:
            if missing_ok:
                return None
            raise DsrError(f"{self.path}: not a Word document (no {name})")
        data = self._finished_parts[name]
        if data is not None and not isinstance(data, bytes):
            return data
        if name not in self._trees:
            self._trees[name] = etree.fromstring(self.read_bytes(name), safe_parser())
        return self._trees[name]


class _Member(NamedTuple):  # a NamedTuple, as _Style above
    """A zip member as stored: compression method, CRC, sizes, date and the stored bytes."""

    method: int
    crc: int
    size: int
    stored: bytes
    date_time: tuple[int, int]  # DOS (time, date)

    def inflate(self) -> bytes:
        if self.method == zipfile.ZIP_STORED:
            data = self.stored
        elif self.method == zipfile.ZIP_DEFLATED:
            data = zlib.decompress(self.stored, -15)
        else:
            raise DsrError(f"template part compressed with method {self.method}")
        if zlib.crc32(data) != self.crc or len(data) != self.size:
            raise DsrError("Word template is damaged (reinstall dsrdraft)")
        return data

    @classmethod
    def deflated(cls, data: bytes, stamp: tuple[int, int]) -> _Member:
        packer = zlib.compressobj(6, zlib.DEFLATED, -15)
        stored = packer.compress(data) + packer.flush()
        return cls(zipfile.ZIP_DEFLATED, zlib.crc32(data), len(data), stored, stamp)


def _raw_member(blob: bytes, info: zipfile.ZipInfo) -> _Member:
    """The stored bytes of one member of the zip `blob`, after its local header."""
    name_length, extra_length = struct.unpack_from("<HH", blob, info.header_offset + 26)
    start = info.header_offset + 30 + name_length + extra_length
    return _Member(info.compress_type, info.CRC, info.file_size,
                   blob[start:start + info.compress_size], _dos_time(info.date_time))


def _dos_time(date_time: tuple[int, ...]) -> tuple[int, int]:
    year, month, day, hour, minute, second = date_time[:6]
    return ((hour << 11) | (minute << 5) | (second // 2),
            (max(year, 1980) - 1980) << 9 | (month << 5) | day)


def _zip(members: list[tuple[str, _Member]]) -> bytes:
    """A zip archive of the members as they are stored (no Zip64: a package this writes
    is far below 4 GB)."""
    out = bytearray()
    directory = bytearray()
    for name, m in members:
        encoded = name.encode("utf-8")
        flags = 0 if name.isascii() else 0x800  # bit 11: the name is UTF-8
        offset = len(out)
        out += struct.pack("<4s5H3I2H", b"PK\x03\x04", 20, flags, m.method, *m.date_time,
                           m.crc, len(m.stored), m.size, len(encoded), 0)
        out += encoded
        out += m.stored
        directory += struct.pack("<4s6H3I5H2I", b"PK\x01\x02", 20, 20, flags, m.method,
                                 *m.date_time, m.crc, len(m.stored), m.size, len(encoded),
                                 0, 0, 0, 0, 0, offset)
        directory += encoded
    end = struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, len(members), len(members),
                      len(directory), len(out), 0)
    return bytes(out + directory + end)


def _rels_name(part: str) -> str:
    folder, _, base = part.rpartition("/")
    return f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"


def _add_relationship(rels: Any, rid: str, rel_type: str, target: str) -> None:
    rel = etree.SubElement(rels, f"{{{_REL_NS}}}Relationship")
    rel.set("Id", rid)
    rel.set("Type", rel_type)
    rel.set("Target", target)


def _add_override(types: Any, part_name: str, content_type: str) -> None:
    if any(o.get("PartName") == part_name for o in types.iter(f"{{{_CT_NS}}}Override")):
        return
    override = etree.SubElement(types, f"{{{_CT_NS}}}Override")
    override.set("PartName", part_name)
    override.set("ContentType", content_type)


def _after_headers(sect: Any) -> int:
    return sum(1 for child in sect if child.tag == qn("w:headerReference"))


def _xml(root: Any) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
