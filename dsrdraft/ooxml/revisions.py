"""Tracked changes by author: who made them, and a document with only some authors' accepted.

A returned Word file holds several delegations' tracked changes at once. `resolve` gives the
body as one set of authors sees it (their insertions, deletions and moves accepted, everyone
else's rejected), so the one text reader (`dsrdraft.ooxml.text`) and the importer read each
delegation's version of the file without knowing about revisions at all. Bookmarks and comment
anchors inside a removed passage are kept in its place: they say where units and comments are.
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from dsrdraft.ooxml.ns import qn

_INS, _DEL = qn("w:ins"), qn("w:del")
_MOVE_TO, _MOVE_FROM = qn("w:moveTo"), qn("w:moveFrom")
_CONTENT = frozenset({_INS, _DEL, _MOVE_TO, _MOVE_FROM})
_ADDED = frozenset({_INS, _MOVE_TO})
_PPR, _RPR, _TRPR = qn("w:pPr"), qn("w:rPr"), qn("w:trPr")
_P, _TR = qn("w:p"), qn("w:tr")
_AUTHOR = qn("w:author")
#: Formatting changes: the current formatting is kept, the record of the old one dropped.
_FORMAT_CHANGES = frozenset(qn(f"w:{t}") for t in (
    "rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "tblGridChange", "tcPrChange",
    "trPrChange", "tblPrExChange", "numberingChange"))
#: Markers that say where things are; kept when the passage around them goes.
_MARKERS = frozenset(qn(f"w:{t}") for t in (
    "bookmarkStart", "bookmarkEnd", "commentRangeStart", "commentRangeEnd"))
_RANGES = frozenset(qn(f"w:{t}") for t in (
    "moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd"))
_TEXT_OF_DELETED = {qn("w:delText"): qn("w:t"), qn("w:delInstrText"): qn("w:instrText")}

Accept = Callable[[str], bool]


@dataclass(frozen=True, slots=True)
class AuthorCount:
    """How many insertions, deletions and moves an author's tracked changes hold."""

    author: str
    insertions: int = 0
    deletions: int = 0
    moves: int = 0

    @property
    def total(self) -> int:
        return self.insertions + self.deletions + self.moves


def author_of(el: Any) -> str:
    """The author a revision names; a nameless one (some converters write none) is ""."""
    return " ".join((el.get(_AUTHOR) or "").split())


def tracked_authors(root: Any) -> list[AuthorCount]:
    """Every author of a tracked insertion, deletion or move under `root`, in order of first
    appearance (paragraph-mark and table-row revisions included)."""
    counts: dict[str, Counter[str]] = {}
    for el in root.iter(_INS, _DEL, _MOVE_TO, _MOVE_FROM):
        kind = "moves" if el.tag in (_MOVE_TO, _MOVE_FROM) else \
            "insertions" if el.tag == _INS else "deletions"
        counts.setdefault(author_of(el), Counter())[kind] += 1
    return [AuthorCount(a, c["insertions"], c["deletions"], c["moves"])
            for a, c in counts.items()]


def has_revisions(root: Any) -> bool:
    return next(root.iter(_INS, _DEL, _MOVE_TO, _MOVE_FROM), None) is not None


def resolve(root: Any, accept: Accept) -> Any:
    """A copy of `root` (a document, header… element) with the tracked changes of authors
    `accept` says yes to accepted and all others rejected; formatting changes keep the
    formatting now shown. Nothing of the original is changed."""
    out = copy.deepcopy(root)
    _resolve_content(out, accept)
    _resolve_rows(out, accept)
    _resolve_marks(out, accept)
    for el in list(out.iter(*_FORMAT_CHANGES)):
        el.getparent().remove(el)
    for el in list(out.iter(*_RANGES)):
        el.getparent().remove(el)
    return out


def _resolve_content(node: Any, accept: Accept) -> None:
    """Run-level revisions, outermost first (a deletion inside a rejected insertion goes with
    it)."""
    for child in list(node):
        tag = child.tag
        if tag in _CONTENT and node.tag not in (_RPR, _TRPR):
            keep = accept(author_of(child)) == (tag in _ADDED)
            if keep:
                _unwrap(child, accept)
            else:
                _remove_keeping_markers(child)
        elif isinstance(tag, str) and tag not in (_PPR, _TRPR):
            _resolve_content(child, accept)


def _unwrap(el: Any, accept: Accept) -> None:
    """Replace a kept revision by its content (deleted text becoming text again)."""
    _resolve_content(el, accept)
    for old, new in _TEXT_OF_DELETED.items():
        for t in el.iter(old):
            t.tag = new
    parent = el.getparent()
    at = parent.index(el)
    for k, child in enumerate(list(el)):
        parent.insert(at + k, child)
    _keep_tail(el)
    parent.remove(el)


def _remove_keeping_markers(el: Any) -> None:
    for marker in [m for m in el.iter(*_MARKERS)]:
        el.addprevious(marker)
    _keep_tail(el)
    el.getparent().remove(el)


def _keep_tail(el: Any) -> None:
    el.tail = None  # WordprocessingML carries no text in tails; never let one move about


def _resolve_rows(root: Any, accept: Accept) -> None:
    for tr in list(root.iter(_TR)):
        trpr = tr.find(_TRPR)
        if trpr is None:
            continue
        gone = False
        for mark in [m for m in trpr if m.tag in (_INS, _DEL)]:
            accepted = accept(author_of(mark))
            if (mark.tag == _INS) != accepted:
                gone = True
            trpr.remove(mark)
        if gone and tr.getparent() is not None:
            _remove_keeping_markers(tr)


def _resolve_marks(root: Any, accept: Accept) -> None:
    """Paragraph marks: a mark that goes (a deletion accepted, an insertion rejected) joins
    its paragraph to the next one, which keeps its own properties, as in Word."""
    for p in list(root.iter(_P)):
        rpr = p.find(f"{_PPR}/{_RPR}")
        if rpr is None:
            continue
        joins = False
        for mark in [m for m in rpr if m.tag in _CONTENT]:
            accepted = accept(author_of(mark))
            if (mark.tag in _ADDED) != accepted:
                joins = True
            rpr.remove(mark)
        if not joins:
            continue
        following = p.getnext()
        while following is not None and following.tag != _P and following.tag in _MARKERS:
            following = following.getnext()
        if following is None or following.tag != _P:
            continue  # the last paragraph of a cell or of the body has nowhere to go
        moved = [c for c in p if c.tag != _PPR]
        ppr = following.find(_PPR)
        at = following.index(ppr) + 1 if ppr is not None else 0
        for k, child in enumerate(moved):
            following.insert(at + k, child)
        p.getparent().remove(p)
