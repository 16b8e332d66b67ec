"""Word comments as data: who wrote each, what it says, and the paragraph it is anchored in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dsrdraft.ooxml.ns import qn
from dsrdraft.ooxml.package import DocxPackage
from dsrdraft.ooxml.text import read_paragraph
from dsrdraft.textnorm import strip_illegal_xml

_COMMENTS = "/comments"
_P = qn("w:p")


@dataclass(frozen=True, slots=True)
class WordComment:
    """One comment of a .docx (a reply in a thread is a comment of its own)."""

    id: str
    author: str
    text: str
    date: str = ""


def read_comments(package: DocxPackage, main: str | None = None) -> list[WordComment]:
    """The comments of the main document (or of the part `main`), in the order the comments
    part holds them; characters XML 1.0 cannot hold are left out of their text."""
    name = package.related_part(main or package.main, _COMMENTS)
    if name is None:
        return []
    root = package.part_xml(name)
    out: list[WordComment] = []
    for c in root.iter(qn("w:comment")):
        text = "\n".join(read_paragraph(p).text for p in c.iter(_P))
        out.append(WordComment(c.get(qn("w:id"), ""), " ".join((c.get(qn("w:author")) or
                                                               "").split()),
                               " ".join(strip_illegal_xml(text).split()),
                               c.get(qn("w:date"), "")))
    return out


def comment_anchors(body: Any) -> dict[str, Any]:
    """Comment id -> the body paragraph (w:p) where the comment starts (its range start, or
    its reference when it has no range)."""
    out: dict[str, Any] = {}
    for tag in ("w:commentRangeStart", "w:commentReference"):
        for marker in body.iter(qn(tag)):
            cid = marker.get(qn("w:id"), "")
            if cid in out:
                continue
            p = marker
            while p is not None and p.tag != _P:
                p = p.getparent()
            if p is None:  # a range started between paragraphs: the next one holds it
                p = marker.getnext()
                while p is not None and p.tag != _P:
                    p = p.getnext()
            if p is not None:
                out[cid] = p
    return out
