"""Test helper: a Word body's paragraphs with every tracked change accepted or rejected.

Written apart from `dsrdraft.ooxml` on purpose: the tests check the exporter and the reader
against an independent reading of the XML. A paragraph whose mark is removed by the choice
(a deleted or moved-away mark when accepting, an inserted or moved-in one when rejecting)
runs on into the next paragraph, as in Word.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_GONE = {"new": (f"{W}del", f"{W}moveFrom"), "old": (f"{W}ins", f"{W}moveTo")}


def document_root(path: str | Path) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read("word/document.xml"))


def _inside(el: etree._Element, tags: tuple[str, ...], stop: etree._Element) -> bool:
    parent = el.getparent()
    while parent is not None and parent is not stop:
        if parent.tag in tags:
            return True
        parent = parent.getparent()
    return False


def paragraph_view(p: etree._Element, side: str) -> str:
    """Text of paragraph `p` with all changes accepted (side "new") or rejected ("old")."""
    gone = _GONE[side]
    out = []
    for el in p.iter(f"{W}t", f"{W}delText", f"{W}tab", f"{W}br"):
        if _inside(el, (f"{W}pPr", f"{W}rPr", f"{W}instrText", *gone), p):
            continue
        if el.tag == f"{W}delText" and side == "new":
            continue
        out.append({f"{W}tab": "\t", f"{W}br": "\n"}.get(el.tag, el.text or ""))
    return "".join(out)


def mark_gone(p: etree._Element, side: str) -> bool:
    rpr = p.find(f"{W}pPr/{W}rPr")
    return rpr is not None and any(rpr.find(tag) is not None for tag in _GONE[side])


def body_paragraphs(root: etree._Element, side: str,
                    top_level_only: bool = True) -> list[tuple[str | None, str]]:
    """(style id, text) of the body's paragraphs as they read on `side`."""
    body = root.find(f"{W}body")
    out: list[tuple[str | None, str]] = []
    carry = ""
    for p in body.iter(f"{W}p"):
        if top_level_only and p.getparent() is not body:
            continue
        if _inside(p, (f"{W}txbxContent",), body):
            continue
        text = carry + paragraph_view(p, side)
        if mark_gone(p, side):
            carry = text
            continue
        carry = ""
        style = p.find(f"{W}pPr/{W}pStyle")
        out.append((style.get(f"{W}val") if style is not None else None, text))
    if carry:
        out.append((None, carry))
    return out
