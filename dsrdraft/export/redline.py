"""Redline: the new text with native Word tracked changes against the old one.

Each aligned pair of the compare engine becomes one or more clause paragraphs whose runs are
plain (equal), ``w:del`` (old only) or ``w:ins`` (new only). Whole-clause insertions and
deletions also track the paragraph mark; splits and merges track the marks that appear or
disappear, so that accepting every change gives exactly the new text and rejecting every change
gives exactly the old text, paragraph by paragraph.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from dsrdraft.export import styles as st
from dsrdraft.export.body import DocMeta, add_text_paragraph, label_text, open_template
from dsrdraft.model import Initiative, UnitKind
from dsrdraft.ooxml import build as xml
from dsrdraft.textnorm import scrub_for_xml

Op = tuple[str, str]  # ("=" | "-" | "+", text)
_TOKEN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]|\s+|\w+|[^\w\s]")
SEP = " "


def word_ops(old: str, new: str) -> list[Op]:
    """Word-level operations turning `old` into `new` ("=" and "-" give old, "=" and "+" new)."""
    try:
        from dsrdraft.compare import word_diff

        ops = [(str(op), str(text)) for op, text in word_diff(old, new)]
        if _side(ops, "old") == old and _side(ops, "new") == new:
            return ops
    except ImportError:  # pragma: no cover - compare ships with the core
        pass
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    out: list[Op] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(("=", "".join(a[i1:i2])))
        else:
            if i2 > i1:
                out.append(("-", "".join(a[i1:i2])))
            if j2 > j1:
                out.append(("+", "".join(b[j1:j2])))
    return out


def _side(ops: Sequence[Op], side: str) -> str:
    keep = "=-" if side == "old" else "=+"
    return "".join(t for op, t in ops if op in keep)


def _split_ops(ops: Sequence[Op], lengths: Sequence[int], side: str) -> list[list[Op]]:
    """Cut an op stream over SEP-joined texts (on `side`) into one stream per text.

    A separator that both sides share is kept on the other side only; one that exists only on
    `side` is dropped, so each chunk reads as its own text on `side` and the chunks concatenated
    read as the other side's text.
    """
    consume = "=+" if side == "new" else "=-"
    other = "-" if side == "new" else "+"
    seps: dict[int, int] = {}
    pos = 0
    for k, n in enumerate(lengths[:-1]):
        pos += n
        for s in range(len(SEP)):
            seps[pos + s] = k
        pos += len(SEP)
    chunks: list[list[Op]] = [[] for _ in lengths]
    current = 0
    pos = 0
    for op, text in ops:
        for ch in text:
            if op in consume:
                if pos in seps:
                    if op == "=":
                        chunks[seps[pos]].append((other, ch))
                    current = seps[pos] + 1
                else:
                    chunks[current].append((op, ch))
                pos += 1
            else:
                chunks[current].append((op, ch))
    return [_merge(c) for c in chunks]


def _merge(ops: Sequence[Op]) -> list[Op]:
    out: list[Op] = []
    for op, text in ops:
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + text)
        elif text:
            out.append((op, text))
    return out


def _label_ops(old_label: str | None, new_label: str | None) -> list[Op]:
    old = f"{label_text(old_label)}\t" if old_label is not None else ""
    new = f"{label_text(new_label)}\t" if new_label is not None else ""
    if old == new:
        return [("=", old)] if old else []
    out: list[Op] = []
    if old:
        out.append(("-", old))
    if new:
        out.append(("+", new))
    return out


@dataclass
class _Para:
    label_ops: list[Op]
    ops: list[Op]
    mark: str | None = None  # None, "ins" or "del"
    old_key: int | None = None  # the old clause this paragraph reads as when rejected
    new_key: int | None = None  # the new clause it reads as when accepted


class _Writer:
    def __init__(self, document, author: str, date: str) -> None:
        self.document = document
        self.author = author
        self.date = date
        self.next_id = 1001
        self.ids = st.StyleIds.of(document)

    def rev_id(self) -> int:
        self.next_id += 1
        return self.next_id

    def runs(self, p, ops: Sequence[Op], style_id: str | None = None) -> None:
        for op, text in ops:
            if not text:
                continue
            if op == "=":
                p.append(xml.make_run(text, style_id=style_id))
            elif op == "-":
                p.append(xml.revision("del", self.rev_id(), self.author, self.date,
                                      [xml.make_run(text, style_id=style_id, deleted=True)]))
            else:
                p.append(xml.revision("ins", self.rev_id(), self.author, self.date,
                                      [xml.make_run(text, style_id=style_id)]))

    def paragraph(self, style: str, para: _Para) -> None:
        p = self.document.add_paragraph(style=self.document.styles[style])._p
        if para.mark:
            xml.mark_paragraph(p, para.mark, self.rev_id(), self.author, self.date)
        self.runs(p, para.label_ops, self.ids.clause_label)
        self.runs(p, para.ops)
        if xml.mostly_arabic(_side(para.ops, "new") or _side(para.ops, "old")):
            xml.set_bidi(p)


def _removed(old: Initiative, i: int) -> _Para:
    c = old.clauses[i]
    return _Para(_label_ops(c.number, None), [("-", c.text)], "del", i, None)


def _added(new: Initiative, j: int) -> _Para:
    c = new.clauses[j]
    return _Para(_label_ops(None, c.number), [("+", c.text)], "ins", None, j)


def _gaps_pure(indices: Sequence[int], pure: set[int]) -> bool:
    """True when every index between the first and last of `indices` is in the group or pure
    (only added or only removed), so paragraphs can be interleaved without breaking order."""
    return all(k in pure or k in indices for k in range(min(indices), max(indices) + 1))


def _pair_paragraphs(pair: Any, old: Initiative, new: Initiative, removed: set[int],
                     added: set[int]) -> tuple[list[_Para], list[_Para]]:
    """(paragraphs in place, paragraphs that go where their clause stood: deletion-only ones
    by old position, insertion-only ones by new position)."""
    olds = [old.clauses[i] for i in pair.old]
    news = [new.clauses[j] for j in pair.new]
    if not news or not olds:
        return [], [_removed(old, i) for i in pair.old] + [_added(new, j) for j in pair.new]
    if len(olds) == 1 and len(news) == 1 and not pair.moved:
        o, n = olds[0], news[0]
        ops = list(pair.diff) if pair.diff else []
        if _side(ops, "old") != o.text or _side(ops, "new") != n.text:
            ops = word_ops(o.text, n.text)
        return [_Para(_label_ops(o.number, n.number), _merge(ops), None, pair.old[0],
                      pair.new[0])], []
    if len(olds) == 1 and not pair.moved and _gaps_pure(pair.new, added):
        # split: the new paragraph marks before the last are insertions
        ops = word_ops(olds[0].text, SEP.join(c.text for c in news))
        chunks = _split_ops(ops, [len(c.text) for c in news], "new")
        return [_Para(_label_ops(olds[0].number if k == 0 else None, c.number), chunk,
                      "ins" if k < len(news) - 1 else None, pair.old[0], pair.new[k])
                for k, (c, chunk) in enumerate(zip(news, chunks, strict=True))], []
    if len(news) == 1 and not pair.moved and _gaps_pure(pair.old, removed):
        # merge: the old paragraph marks before the last are deletions
        ops = word_ops(SEP.join(c.text for c in olds), news[0].text)
        chunks = _split_ops(ops, [len(c.text) for c in olds], "old")
        return [_Para(_label_ops(c.number, news[0].number if k == 0 else None), chunk,
                      "del" if k < len(olds) - 1 else None, pair.old[k], pair.new[0])
                for k, (c, chunk) in enumerate(zip(olds, chunks, strict=True))], []
    # moved, or a grouping that cannot be interleaved: delete there, insert here
    return [], [_removed(old, i) for i in pair.old] + [_added(new, j) for j in pair.new]


def _paragraph_order(pairs: Sequence[Any], old: Initiative, new: Initiative) -> list[_Para]:
    """Paragraphs that read in both texts, in pair order; then every deletion-only paragraph
    before the first paragraph reading as a later old clause, and every insertion-only one
    before the first reading as a later new clause: accept-all and reject-all both read in
    document order."""
    removed = {i for p in pairs if not p.new for i in p.old}
    added = {j for p in pairs if not p.old for j in p.new}
    main: list[_Para] = []
    placed: list[_Para] = []
    for pair in pairs:
        here, elsewhere = _pair_paragraphs(pair, old, new, removed, added)
        main.extend(here)
        placed.extend(elsewhere)
    deletions = sorted((p for p in placed if p.new_key is None), key=lambda p: p.old_key or 0)
    insertions = sorted((p for p in placed if p.new_key is not None), key=lambda p: p.new_key)
    for d in deletions:
        at = next((i for i, p in enumerate(main)
                   if p.old_key is not None and p.old_key > (d.old_key or 0)), len(main))
        main.insert(at, d)
    for n in insertions:
        at = next((i for i, p in enumerate(main)
                   if p.new_key is not None and p.new_key > (n.new_key or 0)), len(main))
        main.insert(at, n)
    return main


def write_redline_body(document, old: Initiative, new: Initiative, comparison: Any,
                       author: str, date: str) -> _Writer:
    """Title and units with tracked changes (the preamble's paragraphs as running text);
    returns the writer (its id counter continues in the signature block)."""
    w = _Writer(document, author, date)
    o, n = old.title, new.title
    if o == n:
        if n:
            add_text_paragraph(document, st.TITLE, n)
    elif not o:
        w.paragraph(st.TITLE, _Para([], [("+", n)], "ins"))
    elif not n:
        w.paragraph(st.TITLE, _Para([], [("-", o)], "del"))
    else:
        w.paragraph(st.TITLE, _Para([], word_ops(o, n)))
    for para in _paragraph_order(comparison.pairs, old, new):
        unit = new.clauses[para.new_key] if para.new_key is not None else \
            old.clauses[para.old_key or 0]
        if unit.kind in _RUNNING_TEXT:
            w.paragraph(st.PREAMBLE, replace(para, label_ops=[]))
        else:
            w.paragraph(st.CLAUSE, para)
    return w


#: Units printed as running text, without their address: the preamble, formulas, closings.
_RUNNING_TEXT = frozenset({UnitKind.PREAMBULAR, UnitKind.FORMULA, UnitKind.CLOSING})


def revision_date() -> str:
    return _dt.datetime.now(_dt.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def build_redline_document(old: Initiative, new: Initiative, comparison: Any, *,
                           meta: DocMeta | None = None, author: str = "dsrdraft",
                           date: str | None = None, signatories: Sequence[Any] | None = None,
                           template: str | Path | None = None):
    from dsrdraft.draft.model import DraftSignatory
    from dsrdraft.export.body import write_header
    from dsrdraft.export.signature import add_signature_block

    document = open_template(template)
    meta = meta or DocMeta(new.id or new.title, new.date or "", new.place or "",
                           f"Redline against {old.id or old.title}")
    write_header(document, meta)
    w = write_redline_body(document, old, new, comparison, author, date or revision_date())
    if signatories is None:
        signatories = [DraftSignatory(s.code) for s in new.signatories]
    # Signatories that came or went are tracked rows, so accept/reject covers them too.
    new_codes = {s.code for s in signatories}
    old_codes = {s.code for s in old.signatories}
    gone = [DraftSignatory(s.code) for s in old.signatories if s.code not in new_codes]
    rows = add_signature_block(document, [*signatories, *gone])
    if old.signatories or new.signatories:
        for code, tr in rows:
            if code not in old_codes:
                xml.track_row(tr, "ins", w.rev_id, w.author, w.date)
            elif code not in new_codes:
                xml.track_row(tr, "del", w.rev_id, w.author, w.date)
    return document


def write_redline_docx(old: Initiative, new: Initiative, comparison: Any,
                       out_path: str | Path, *, author: str = "dsrdraft",
                       meta: DocMeta | None = None) -> str:
    """Write the redline of `new` against `old` (for ``compare --docx``); returns its
    fingerprint."""
    from dsrdraft.export.writer import finish_and_save

    # Control characters Word's XML cannot hold are dropped at this boundary.
    old, new, comparison = scrub_for_xml((old, new, comparison))
    document = build_redline_document(old, new, comparison, meta=meta, author=author)
    return finish_and_save(document, out_path, mode="redline")
