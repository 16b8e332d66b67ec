"""What a dsrdraft export says, unit by unit, as one set of authors sees it.

The body is first resolved (`dsrdraft.ooxml.revisions.resolve`: some authors' tracked changes
accepted, the others' rejected); then each paragraph is split at the bookmarks the exporter put
at the start of every unit's paragraph (`dsrdraft.export.embedded`), so text typed into a
paragraph stays with its unit even after two paragraphs were joined. Labels ("3.", "12 Alt")
and the printed note after a unit ("(proposed by CHN; agreed)") are furniture, not text: they
are taken off when they read exactly as the export printed them, and kept as text otherwise
(nothing a delegate typed is ever cut).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from dsrdraft.compile.merge import normalise
from dsrdraft.draft.brackets import resolve_clean
from dsrdraft.draft.model import Draft, DraftClause
from dsrdraft.export import styles as st
from dsrdraft.export.body import alternative_note, clean_units, unit_note
from dsrdraft.export.embedded import parse_mark
from dsrdraft.ooxml.build import element
from dsrdraft.ooxml.look import StyleSheet
from dsrdraft.ooxml.ns import qn
from dsrdraft.ooxml.text import paragraph_style, read_paragraph

_P, _TBL = qn("w:p"), qn("w:tbl")
_BOOKMARK = qn("w:bookmarkStart")
_COMMENT_MARKS = (qn("w:commentRangeStart"), qn("w:commentReference"))


@dataclass(slots=True)
class ExportView:
    """One reading of an export's body."""

    units: dict[str, str] = field(default_factory=dict)  # uid -> text
    alternatives: dict[tuple[str, int], str] = field(default_factory=dict)
    #: (uid, text) in document order; uid "" for a paragraph no mark names (a new one)
    order: list[tuple[str, str]] = field(default_factory=list)
    comments: dict[str, str] = field(default_factory=dict)  # comment id -> uid ("" before any)
    title: str = ""


@dataclass(frozen=True, slots=True)
class Printed:
    """What the export printed of each unit, to tell edits from furniture."""

    text: dict[str, str]
    notes: dict[str, str]
    alternatives: dict[tuple[str, int], tuple[str, str]]  # -> (text, note)

    @classmethod
    def of(cls, draft: Draft, mode: str) -> Printed:
        if mode == "clean":
            units = clean_units(draft)
            return cls({c.uid: resolve_clean(c.text) for c in units},
                       {c.uid: "" for c in units}, {})
        return cls({c.uid: c.text for c in draft.clauses},
                   {c.uid: unit_note(c) for c in draft.clauses},
                   {(c.uid, i): (a.text, alternative_note(a.proposers))
                    for c in draft.clauses for i, a in enumerate(c.alternatives, 1)})


def _fragments(p: Any) -> list[tuple[str, list[Any]]]:
    """The paragraph's children cut at each of our bookmarks: (mark name or "", children)."""
    out: list[tuple[str, list[Any]]] = [("", [])]
    for child in p:
        if child.tag == qn("w:pPr"):
            continue
        if child.tag == _BOOKMARK and parse_mark(child.get(qn("w:name"), "")) is not None:
            out.append((child.get(qn("w:name"), ""), []))
            continue
        out[-1][1].append(child)
    return [f for f in out if f[0] or f[1]]


def _runs(children: list[Any]) -> list[tuple[str | None, str]]:
    """(character style, text) of a piece of a paragraph, read by the one text reader."""
    holder = element("w:p")
    for child in children:
        holder.append(_copy(child))
    return read_paragraph(holder).runs


def _copy(el: Any) -> Any:
    return copy.deepcopy(el)


def _comment_ids(children: list[Any]) -> list[str]:
    return [m.get(qn("w:id"), "") for child in children for m in child.iter(*_COMMENT_MARKS)]


def _without_label(runs: list[tuple[str | None, str]], labels: set[str]) -> str:
    k = 0
    while k < len(runs) and runs[k][0] in labels:
        k += 1
    text = "".join(t for _, t in runs[k:])
    return text.lstrip("\t") if k else text


def _without_note(text: str, note: str) -> str:
    return text[:-len(note)] if note and text.endswith(note) else text


class _Reader:
    def __init__(self, sheet: StyleSheet, printed: Printed) -> None:
        self.printed = printed
        self.labels = {sheet.id_of(st.CLAUSE_LABEL), sheet.id_of(st.ALTERNATIVE_LABEL)}
        self.title_style = sheet.id_of(st.TITLE)
        self.division = sheet.id_of(st.DIVISION)
        self.furniture = {sheet.id_of(st.SIGNED_BY), sheet.id_of(st.SIGNATURE_CELL)}
        self.view = ExportView()
        self.last_uid = ""

    def paragraph(self, p: Any) -> None:
        style = paragraph_style(p)
        if style in self.furniture:
            return
        for name, children in _fragments(p):
            mark = parse_mark(name) if name else None
            runs = _runs(children)
            for cid in _comment_ids(children):
                self.view.comments.setdefault(cid, mark.uid if mark else self.last_uid)
            if mark is None:
                text = "".join(t for _, t in runs)
                if style == self.title_style and not self.view.title:
                    self.view.title = normalise(text)
                elif normalise(text):
                    self.view.order.append(("", normalise(text)))
            elif mark.kind == "unit":
                self.unit(mark.uid, runs, style == self.division)
            elif mark.kind == "moved":  # a new paragraph: the unit's text, moved here
                text = _without_note(_without_label(runs, self.labels),
                                     self.printed.notes.get(mark.uid, ""))
                if normalise(text):
                    self.view.order.append(("", normalise(text)))
            elif mark.kind == "alt":
                text, note = self.printed.alternatives.get((mark.uid, mark.index), ("", ""))
                self.view.alternatives[(mark.uid, mark.index)] = normalise(
                    _without_note(_without_label(runs, self.labels), note))

    def unit(self, uid: str, runs: list[tuple[str | None, str]], heading: bool) -> None:
        if heading:  # "Article 4" (a line break) "Scope"
            whole = "".join(t for _, t in runs)
            text = whole.split("\n", 1)[1] if "\n" in whole else whole
        else:
            text = _without_label(runs, self.labels)
        text = normalise(_without_note(text, self.printed.notes.get(uid, "")))
        if uid in self.view.units:  # a paragraph copied in Word: its text is another one
            self.view.order.append(("", text))
            return
        self.view.units[uid] = text
        self.view.order.append((uid, text))
        self.last_uid = uid


def read_view(body: Any, sheet: StyleSheet, draft: Draft, mode: str) -> ExportView:
    """The units, alternatives and new paragraphs of an export's (resolved) body."""
    reader = _Reader(sheet, Printed.of(draft, mode))
    for block in body.iter(_P):
        if _in_table(block, body):
            continue
        reader.paragraph(block)
    return reader.view


def _in_table(p: Any, body: Any) -> bool:
    node = p.getparent()
    while node is not None and node is not body:
        if node.tag == _TBL:
            return True
        node = node.getparent()
    return False


def live_units(draft: Draft) -> list[DraftClause]:
    """The units a compilation works on (live, not headings), in order."""
    return [c for c in draft.clauses if not c.deleted and not c.is_heading]
