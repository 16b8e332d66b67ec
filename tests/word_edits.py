"""Edits a delegate makes to a returned Word file, written straight into its XML for tests:
a phrase replaced with change tracking on (w:del + w:ins by an author), a phrase typed over
without tracking, a tracked new paragraph, a whole paragraph deleted with tracking."""

from __future__ import annotations

import copy
import shutil
import zipfile
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DATE = "2026-05-20T10:00:00Z"


def _q(name: str) -> str:
    return f"{{{W}}}{name}"


class Edit:
    """The main document of a copy of `source`, edited in memory, saved to `target`."""

    def __init__(self, source: Path, target: Path) -> None:
        self.source, self.target = Path(source), Path(target)
        with zipfile.ZipFile(self.source) as z:
            self.root = etree.fromstring(z.read("word/document.xml"))
        self._id = 5000

    def _next(self) -> str:
        self._id += 1
        return str(self._id)

    def _run_with(self, phrase: str) -> etree._Element:
        for t in self.root.iter(_q("t")):
            if t.text and phrase in t.text:
                return t.getparent()
        raise AssertionError(f"{phrase!r} not in {self.source}")

    def _split(self, phrase: str) -> tuple[etree._Element, etree._Element, etree._Element]:
        """The run holding `phrase` cut in three: before, the phrase, after."""
        run = self._run_with(phrase)
        t = run.find(_q("t"))
        before, after = t.text.split(phrase, 1)
        pieces = []
        for text in (before, phrase, after):
            r = copy.deepcopy(run)
            r.find(_q("t")).text = text
            r.find(_q("t")).set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            pieces.append(r)
        for r in pieces:
            run.addprevious(r)
        run.getparent().remove(run)
        return pieces[0], pieces[1], pieces[2]

    def _revision(self, kind: str, author: str) -> etree._Element:
        el = etree.Element(_q(kind))
        el.set(_q("id"), self._next())
        el.set(_q("author"), author)
        el.set(_q("date"), DATE)
        return el

    def replace_tracked(self, old: str, new: str, author: str) -> Edit:
        _, middle, _ = self._split(old)
        deletion = self._revision("del", author)
        middle.addprevious(deletion)
        deletion.append(middle)
        middle.find(_q("t")).tag = _q("delText")
        insertion = self._revision("ins", author)
        deletion.addnext(insertion)
        r = copy.deepcopy(middle)
        r.find(_q("delText")).tag = _q("t")
        r.find(_q("t")).text = new
        insertion.append(r)
        return self

    def replace_untracked(self, old: str, new: str) -> Edit:
        t = self._run_with(old).find(_q("t"))
        t.text = t.text.replace(old, new, 1)
        return self

    def _paragraph_with(self, phrase: str) -> etree._Element:
        node = self._run_with(phrase)
        while node.tag != _q("p"):
            node = node.getparent()
        return node

    def insert_paragraph_after(self, phrase: str, text: str, author: str) -> Edit:
        """A new paragraph typed with tracking on after the paragraph holding `phrase` (the
        way Word records it: the paragraph mark that ends the new paragraph is inserted)."""
        p = self._paragraph_with(phrase)
        new = etree.Element(_q("p"))
        ppr = etree.SubElement(new, _q("pPr"))
        style = p.find(f"{_q('pPr')}/{_q('pStyle')}")
        if style is not None:
            ppr.append(copy.deepcopy(style))
        rpr = etree.SubElement(ppr, _q("rPr"))
        rpr.append(self._revision("ins", author))
        insertion = self._revision("ins", author)
        r = etree.SubElement(insertion, _q("r"))
        etree.SubElement(r, _q("t")).text = text
        new.append(insertion)
        p.addnext(new)
        return self

    def delete_paragraph_tracked(self, phrase: str, author: str) -> Edit:
        p = self._paragraph_with(phrase)
        for r in [r for r in p if r.tag == _q("r")]:
            deletion = self._revision("del", author)
            r.addprevious(deletion)
            deletion.append(r)
            for t in r.iter(_q("t")):
                t.tag = _q("delText")
        ppr = p.find(_q("pPr"))
        if ppr is None:
            ppr = etree.Element(_q("pPr"))
            p.insert(0, ppr)
        rpr = ppr.find(_q("rPr"))
        if rpr is None:
            rpr = etree.SubElement(ppr, _q("rPr"))
        rpr.insert(0, self._revision("del", author))
        return self

    def move_paragraph_tracked(self, phrase: str, after: str, author: str) -> Edit:
        """The paragraph holding `phrase` moved after the one holding `after`, as Word
        records a move with tracking on: the old place a move-from range, the new one a
        move-to range that carries the paragraph's bookmarks along."""
        old = self._paragraph_with(phrase)
        target = self._paragraph_with(after)
        new = copy.deepcopy(old)
        for b in [b for b in old if b.tag in (_q("bookmarkStart"), _q("bookmarkEnd"))]:
            old.remove(b)
        for p, kind in ((old, "moveFrom"), (new, "moveTo")):
            runs = [r for r in p if r.tag == _q("r")]
            wrapper = self._revision(kind, author)
            runs[0].addprevious(wrapper)
            for r in runs:
                wrapper.append(r)
            start = etree.Element(_q(f"{kind}RangeStart"))
            start.set(_q("id"), str(900 + (kind == "moveTo")))
            start.set(_q("name"), "move1")
            start.set(_q("author"), author)
            start.set(_q("date"), DATE)
            ppr = p.find(_q("pPr"))
            p.insert(0 if ppr is None else p.index(ppr) + 1, start)
            end = etree.SubElement(p, _q(f"{kind}RangeEnd"))
            end.set(_q("id"), start.get(_q("id")))
            rpr = ppr.find(_q("rPr"))
            if rpr is None:
                rpr = etree.SubElement(ppr, _q("rPr"))
            rpr.insert(0, self._revision(kind, author))
        target.addnext(new)
        return self

    def save(self) -> Path:
        if self.target != self.source:
            shutil.copyfile(self.source, self.target)
        with zipfile.ZipFile(self.source) as z:
            parts = {name: z.read(name) for name in z.namelist()}
        parts["word/document.xml"] = etree.tostring(self.root, xml_declaration=True,
                                                    encoding="UTF-8", standalone=True)
        with zipfile.ZipFile(self.target, "w", zipfile.ZIP_DEFLATED) as out:
            for name, data in parts.items():
                out.writestr(name, data)
        return self.target


def add_comment(path: Path, phrase: str, text: str, author: str) -> Path:
    """A Word comment by `author` on the paragraph holding `phrase` (python-docx, as the
    exporter writes its own)."""
    import docx

    document = docx.Document(str(path))
    for p in document.paragraphs:
        if phrase in p.text:
            document.add_comment(p.runs, text=text, author=author, initials=author[:2])
            break
    else:
        raise AssertionError(f"{phrase!r} not in {path}")
    document.save(str(path))
    return path
