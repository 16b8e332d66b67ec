"""What every export has besides its body: the header, the footer and clause labels.

Kept apart from the body writers so that the redline of two texts (`compare --docx`) loads
no draft machinery.
"""

from __future__ import annotations

from typing import NamedTuple

from dsrdraft.export import styles as st
from dsrdraft.ooxml import build as xml


class DocMeta(NamedTuple):  # not a frozen dataclass: one compiles its methods at import
    """What the header says: symbol (with revision), date and place, and the kind of text."""

    symbol: str
    date: str
    place: str
    kind: str  # "Clean text", "Negotiation text", "Redline against …"


def write_header(document, meta: DocMeta) -> None:
    """"Redline against …" (the kind of text) and the symbol; the place and date below."""
    p = xml.new_paragraph(st.style_id(document, st.HEADER_META))
    p.append(xml.make_run(f"{meta.kind}\t{meta.symbol}"))
    paragraphs = [p]
    place_date = ", ".join(x for x in (meta.place, meta.date) if x)
    if place_date:
        q = xml.new_paragraph(st.style_id(document, st.SYMBOL))
        q.append(xml.make_run(place_date))
        paragraphs.append(q)
    _set_header_footer(document, "header", paragraphs)


def write_footer(document, fingerprint: str) -> None:
    """"Page X of Y" (PAGE and NUMPAGES fields) and the short fingerprint."""
    p = xml.new_paragraph(st.style_id(document, st.FOOTER))
    p.append(xml.make_run("Page "))
    xml.add_simple_field(p, "PAGE", "1")
    p.append(xml.make_run(" of "))
    xml.add_simple_field(p, "NUMPAGES", "1")
    p.append(xml.make_run(f"\tdsrdraft fingerprint {short_fingerprint(fingerprint)}"))
    _set_header_footer(document, "footer", [p])


def _set_header_footer(document, which: str, paragraphs: list) -> None:
    """The first section's own header or footer, for a python-docx Document or a
    `WordPackage` (which writes the part itself)."""
    if hasattr(document, "set_header_footer"):
        document.set_header_footer(which, paragraphs)
        return
    section = document.sections[0]
    part = section.header if which == "header" else section.footer
    part.is_linked_to_previous = False
    element = part._element
    for old in list(element):  # the empty paragraph python-docx starts a new part with
        element.remove(old)
    element.extend(paragraphs)


def short_fingerprint(fingerprint: str) -> str:
    return fingerprint[:12]


def label_text(label: str) -> str:
    return f"{label}."
