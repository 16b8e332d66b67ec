"""Custom XML data parts (customXml/itemN.xml): data a program keeps inside a Word file.

Word and LibreOffice keep these parts when they save a document (they are the document's data
store), which is why an export carries its draft in one: the draft comes back with the file.
"""

from __future__ import annotations

import posixpath
from typing import Any

from lxml import etree

from dsrdraft.lazyre import lazy_compile
from dsrdraft.ooxml.package import DocxPackage, safe_parser

CUSTOM_XML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
_ITEM = lazy_compile(r"customXml/item(\d+)\.xml$")
#: A part that would hold a draft has the draft file's caps (dsrdraft.draft.jsonio).
MAX_PART = 64 * 1024 * 1024


def _free_name(names: set[str]) -> str:
    used = {int(m.group(1)) for n in names if (m := _ITEM.match(n.lstrip("/")))}
    return f"customXml/item{max(used, default=0) + 1}.xml"


def add_custom_xml(document: Any, data: bytes) -> str:
    """Add a custom XML part holding `data` to a python-docx Document or a `WordPackage`,
    related from the main document; returns its part name."""
    if hasattr(document, "add_related_part"):
        name = _free_name(document.part_names())
        document.add_related_part(name, data, CUSTOM_XML)
        return name
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    package = document.part.package
    name = _free_name({str(p.partname) for p in package.iter_parts()})
    part = Part(PackURI("/" + name), "application/xml", data, package)
    document.part.relate_to(part, CUSTOM_XML)
    return name


def read_custom_xml(package: DocxPackage, root_tag: str) -> Any | None:
    """The root element of the first custom XML part related from the main document whose
    root is `root_tag` (Clark name), or None."""
    for rel_type, target in package.relationships(package.main).values():
        if rel_type != CUSTOM_XML or target not in package.names:
            continue
        data = package.read_bytes(posixpath.normpath(target), limit=MAX_PART)
        try:
            root = etree.fromstring(data, safe_parser(huge_tree=True))
        except etree.XMLSyntaxError:
            continue  # someone else's damaged part is not ours to read
        if root.tag == root_tag:
            return root
    return None
