"""A Word document written straight from a template with lxml and zipfile, no python-docx.

`compare --docx` writes its redline this way: importing python-docx and loading the template
through it costs about as much as the rest of the command together (imports 100 ms, styles
150 ms). The object offers the small part of python-docx's `Document` that the exporter's
modules use (`element.body`, `styles[name].style_id`), plus header and footer parts, the
custom-properties part and `save`; everything else in the template is copied as it is.
"""

from __future__ import annotations

import copy
import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from lxml import etree

from dsrdraft.ooxml.build import append_to_body
from dsrdraft.ooxml.ns import NSMAP, qn
from dsrdraft.ooxml.package import DocxPackage, safe_parser

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
_STYLE = re.compile(r'<w:style\b[^>]*?\bw:styleId="([^"]*)"[^>]*>\s*<w:name w:val="([^"]*)"')


def _unescape(text: str) -> str:
    return (text.replace("&quot;", '"').replace("&apos;", "'").replace("&lt;", "<")
            .replace("&gt;", ">").replace("&amp;", "&"))


@dataclass(frozen=True, slots=True)
class _Style:
    style_id: str


class WordPackage:
    """A template's package, its body emptied (section properties kept), ready to fill."""

    def __init__(self, template: Path) -> None:
        with DocxPackage(template) as package:
            self._parts = {name: package.read_bytes(name) for name in sorted(package.names)}
            self._main = package.main
        self._root = etree.fromstring(self._parts[self._main], safe_parser())
        body = self._root.find(qn("w:body"))
        for child in list(body):  # keep the section properties (page size, margins)
            if child.tag != qn("w:sectPr"):
                body.remove(child)
        self.element = SimpleNamespace(body=body)
        self.styles = self._style_names()
        self._extra: dict[str, etree._Element] = {}
        self._related: list[tuple[str, str]] = []  # (part name, relationship type)

    def _style_names(self) -> dict[str, _Style]:
        """Style name -> id. A scan of the text: the template's styles.xml is 350 KB, parsing
        it took 10 ms of the 70 a redline's writing takes."""
        text = self._parts["word/styles.xml"].decode("utf-8", "replace")
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
        return set(self._parts)

    def add_related_part(self, name: str, data: bytes, rel_type: str) -> None:
        """A part related from the main document (a custom XML item, say); its content type
        is the package's default for its extension."""
        self._parts[name] = data
        self._related.append((name, rel_type))

    def save(self, path: str | Path) -> None:
        parts = dict(self._parts)
        doc_rels = _rels_name(self._main)
        rels = etree.fromstring(parts[doc_rels], safe_parser())
        types = etree.fromstring(parts["[Content_Types].xml"], safe_parser())
        # Saving may happen more than once (the fingerprint reads a first save back): the
        # references go into a copy, so the package itself is never changed by a save.
        document = copy.deepcopy(self._root)
        sect = document.find(qn("w:body")).find(qn("w:sectPr"))
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
            parts[name] = _xml(root)
        main_folder = self._main.rpartition("/")[0]
        for n, (name, rel_type) in enumerate(self._related, 1):
            _add_relationship(rels, f"rIdDsrPart{n}", rel_type,
                              posixpath.relpath(name, main_folder or "."))
        if _CUSTOM[0] in parts:
            package_rels = etree.fromstring(parts["_rels/.rels"], safe_parser())
            if not any(r.get("Target", "").lstrip("/") == _CUSTOM[0] for r in package_rels):
                _add_relationship(package_rels, "rIdDsrCustom", _CUSTOM[1], _CUSTOM[0])
                _add_override(types, "/" + _CUSTOM[0], _CUSTOM[2])
            parts["_rels/.rels"] = _xml(package_rels)
        parts[doc_rels] = _xml(rels)
        parts["[Content_Types].xml"] = _xml(types)
        parts[self._main] = _xml(document)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
            out.writestr("[Content_Types].xml", parts.pop("[Content_Types].xml"))
            for name, data in parts.items():
                out.writestr(name, data)


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
