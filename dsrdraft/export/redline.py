"""Redline: the new text with native Word tracked changes against the old one.

Each aligned pair of the compare engine becomes one or more paragraphs whose runs are plain
(equal), ``w:del`` (old only) or ``w:ins`` (new only):

- units and division headings alike (headings in the DSR Division style, label and heading on
  two lines; the preamble, formulas and closing lines as running text, without address);
- a renumbered unit keeps its paragraph and shows the change of its label as a word change
  (in "12." -> "13." the number struck and inserted, the full stop left alone);
- a **moved** unit is a pair of Word move revisions: at its old place the old text as
  ``w:moveFrom`` (the words the edit removed as ``w:del`` inside the move), at its new place the
  new text as ``w:moveTo`` (the words it added as ``w:ins``), the two ranges
  (``w:moveFromRangeStart``/``End``, ``w:moveToRangeStart``/``End``) sharing one name, the
  paragraph marks moved too; an unchanged moved unit is a move and nothing else;
- whole-unit insertions and deletions also track the paragraph mark; splits and merges track
  the marks that appear or disappear.

Accepting every change gives exactly the new text and rejecting every change exactly the old
one, paragraph by paragraph (checked on the XML and, in CI, by LibreOffice itself).

The document is built as XML and added to the body of either a python-docx Document (a house
template given) or a `WordPackage` (the bundled template, without importing python-docx).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from dsrdraft.compare.items import Item, items_of
from dsrdraft.compare.worddiff import rebuild, word_diff
from dsrdraft.export import styles as st
from dsrdraft.export.page import DocMeta, label_text
from dsrdraft.model import Initiative, UnitKind
from dsrdraft.ooxml import build as xml
from dsrdraft.textnorm import scrub_for_xml

Op = tuple[str, str]  # ("=" | "-" | "+", text)
SEP = " "
#: Units printed as running text, without their address: the preamble, formulas, closings.
_RUNNING_TEXT = frozenset({UnitKind.PREAMBULAR.value, UnitKind.FORMULA.value,
                           UnitKind.CLOSING.value})


def word_ops(old: str, new: str) -> list[Op]:
    """Word-level operations turning `old` into `new` ("=" and "-" give old, "=" and "+" new)."""
    return word_diff(old, new)


def _side(ops: Sequence[Op], side: str) -> str:
    return rebuild(ops, "-" if side == "old" else "+")


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


def _only(ops: Sequence[Op], side: str) -> list[Op]:
    """The ops one side of a move shows: the old side "=" and "-", the new side "=" and "+"."""
    drop = "+" if side == "old" else "-"
    return _merge([(op, t) for op, t in ops if op != drop])


class _Para:
    """One paragraph of the redline. A plain class: a dataclass's methods are compiled from
    source when the module loads (about 1 ms of every redline)."""

    __slots__ = (
        "label_ops",
        "mark",
        "move",
        "move_name",
        "new_key",
        "old_key",
        "ops",
        "style",
    )

    def __init__(self, style: str, label_ops: list[Op], ops: list[Op],
                 mark: str | None = None, old_key: int | None = None,
                 new_key: int | None = None, move: str | None = None,
                 move_name: str = "") -> None:
        self.style = style
        self.label_ops = label_ops
        self.ops = ops
        self.mark = mark  # revision of the paragraph mark: "ins", "del", "moveFrom", "moveTo"
        self.old_key = old_key  # the old item this paragraph reads as when rejected
        self.new_key = new_key  # the new item it reads as when accepted
        self.move = move  # "moveFrom" / "moveTo": its "=" runs are moved text
        self.move_name = move_name


class _Units:
    """The items of one side and how each is printed."""

    def __init__(self, items: Sequence[Item]) -> None:
        self.items = items

    def style(self, k: int) -> str:
        item = self.items[k]
        if item.is_heading:
            return st.DIVISION
        return st.PREAMBLE if item.kind in _RUNNING_TEXT else st.CLAUSE

    def label(self, k: int) -> str | None:
        """The printed label ("12."), None for running text and headings (whose label is part
        of their text)."""
        return None if self.style(k) != st.CLAUSE else label_text(self.items[k].number)


def _label_ops(old_label: str | None, new_label: str | None) -> list[Op]:
    old = f"{old_label}\t" if old_label is not None else ""
    new = f"{new_label}\t" if new_label is not None else ""
    if old and new:
        return word_ops(old, new)
    return [op for op in (("-", old), ("+", new)) if op[1]]


class _Layout:
    """Turns pairs into paragraphs for both texts."""

    def __init__(self, old: Sequence[Item], new: Sequence[Item]) -> None:
        self.old, self.new = _Units(old), _Units(new)
        self.moves = 0

    def removed(self, i: int) -> _Para:
        return _Para(self.old.style(i), _label_ops(self.old.label(i), None),
                     [("-", self.old.items[i].text)], "del", i, None)

    def added(self, j: int) -> _Para:
        return _Para(self.new.style(j), _label_ops(None, self.new.label(j)),
                     [("+", self.new.items[j].text)], "ins", None, j)

    def moved(self, i: int, j: int, diff: Sequence[Op]) -> list[_Para]:
        """The old place (moveFrom) and the new place (moveTo) of one unit."""
        self.moves += 1
        name = f"dsrdraftMove{self.moves}"
        labels = _label_ops(self.old.label(i), self.new.label(j))
        return [_Para(self.old.style(i), _only(labels, "old"), _only(diff, "old"), "moveFrom",
                      i, None, "moveFrom", name),
                _Para(self.new.style(j), _only(labels, "new"), _only(diff, "new"), "moveTo",
                      None, j, "moveTo", name)]

    def pair(self, pair: Any, removed: set[int], added: set[int]
             ) -> tuple[list[_Para], list[_Para]]:
        """(paragraphs in place, paragraphs that go where their item stood: deletion-only and
        moved-from ones by old position, insertion-only and moved-to ones by new position)."""
        olds = [self.old.items[i].text for i in pair.old]
        news = [self.new.items[j].text for j in pair.new]
        if not news or not olds:
            return [], [self.removed(i) for i in pair.old] + [self.added(j) for j in pair.new]
        if len(olds) == 1 and len(news) == 1:
            ops = list(pair.diff) if pair.diff else []
            if _side(ops, "old") != olds[0] or _side(ops, "new") != news[0]:
                ops = word_ops(olds[0], news[0])
            i, j = pair.old[0], pair.new[0]
            if pair.moved or self.old.style(i) != self.new.style(j):
                # a paragraph has one style in both readings: a preambular paragraph that
                # became an operative one moves from the preamble into the body
                return [], self.moved(i, j, ops)
            return [_Para(self.new.style(j), _label_ops(self.old.label(i), self.new.label(j)),
                          _merge(ops), None, i, j)], []
        styles = {self.old.style(i) for i in pair.old} | {self.new.style(j) for j in pair.new}
        if len(styles) > 1:  # one paragraph style cannot read as two: delete and insert
            return [], [self.removed(i) for i in pair.old] + [self.added(j) for j in pair.new]
        if len(olds) == 1 and not pair.moved and _gaps_pure(pair.new, added):
            # split: the new paragraph marks before the last are insertions
            ops = word_ops(olds[0], SEP.join(news))
            chunks = _split_ops(ops, [len(t) for t in news], "new")
            i = pair.old[0]
            return [_Para(self.new.style(j),
                          _label_ops(self.old.label(i) if k == 0 else None, self.new.label(j)),
                          chunk, "ins" if k < len(news) - 1 else None, i, j)
                    for k, (j, chunk) in enumerate(zip(pair.new, chunks, strict=True))], []
        if len(news) == 1 and not pair.moved and _gaps_pure(pair.old, removed):
            # merge: the old paragraph marks before the last are deletions
            ops = word_ops(SEP.join(olds), news[0])
            chunks = _split_ops(ops, [len(t) for t in olds], "old")
            j = pair.new[0]
            return [_Para(self.old.style(i),
                          _label_ops(self.old.label(i), self.new.label(j) if k == 0 else None),
                          chunk, "del" if k < len(olds) - 1 else None, i, j)
                    for k, (i, chunk) in enumerate(zip(pair.old, chunks, strict=True))], []
        # a moved split or merge, or one that cannot be interleaved: delete there, insert here
        return [], [self.removed(i) for i in pair.old] + [self.added(j) for j in pair.new]


def _gaps_pure(indices: Sequence[int], pure: set[int]) -> bool:
    """True when every index between the first and last of `indices` is in the group or pure
    (only added or only removed), so paragraphs can be interleaved without breaking order."""
    return all(k in pure or k in indices for k in range(min(indices), max(indices) + 1))


def _in_old_order(pairs: Sequence[Any]) -> set[int]:
    """Indices of the one-to-one pairs shown in place that break the old order (a pair the
    aligner did not call moved but that a reader would see crossing another): they are
    written as moves so that rejecting every change still reads in old order."""
    from dsrdraft.sequences import longest_increasing

    placed = [k for k, p in enumerate(pairs) if p.old and p.new and not p.moved]
    keep = longest_increasing([min(pairs[k].old) for k in placed])
    return {k for pos, k in enumerate(placed) if pos not in keep}


def _as_moved(pair: Any) -> Any:
    from types import SimpleNamespace

    return SimpleNamespace(old=pair.old, new=pair.new, kind=pair.kind, moved=True,
                           diff=pair.diff)


def paragraph_order(pairs: Sequence[Any], old: Sequence[Item], new: Sequence[Item]
                    ) -> list[_Para]:
    """Paragraphs that read in both texts, in pair order; then every deletion-only or moved-
    from paragraph before the first paragraph reading as a later old item, and every
    insertion-only or moved-to one before the first reading as a later new item: accept-all
    and reject-all both read in document order."""
    crossing = _in_old_order(pairs)
    pairs = [_as_moved(p) if k in crossing else p for k, p in enumerate(pairs)]
    removed = {i for p in pairs if not p.new for i in p.old}
    added = {j for p in pairs if not p.old for j in p.new}
    layout = _Layout(old, new)
    main: list[_Para] = []
    placed: list[_Para] = []
    for pair in pairs:
        here, elsewhere = layout.pair(pair, removed, added)
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


def _phantom(para: _Para) -> bool:
    """Only in one of the two texts (inserted, deleted, moved from or to)."""
    return (para.old_key is None) != (para.new_key is None)


def _vanishes(para: _Para, side: str) -> bool:
    """Its text is gone when every change is accepted (side "new") or rejected ("old")."""
    return para.new_key is None if side == "new" else para.old_key is None


_NORMAL = "Normal"  # the template's default paragraph style: nothing a reader takes for text
_GONE_MARK = {"new": ("del", "moveFrom"), "old": ("ins", "moveTo")}


def _styles_agree(run: list[_Para], marks: list[str | None], after: str | None) -> bool:
    """In both views, every paragraph that results from joining vanished paragraphs to a
    surviving one is of one style throughout: Word gives it the style of its last paragraph
    (whose mark survives), LibreOffice, joining two at a time, that of one of the others."""
    for side in ("new", "old"):
        styles: set[str] = set()
        for para, mark in zip(run, marks, strict=True):
            styles.add(para.style)
            if mark not in _GONE_MARK[side]:
                if len(styles) > 1:
                    return False
                styles = set()
        if styles and styles != {after}:
            return False
    return True


def place_marks(paras: list[_Para], after: str | None) -> None:
    """Decide which paragraph marks carry a whole paragraph's insertion, deletion or move.

    Each run of paragraphs that exist in one text only sits between two that exist in both
    (A, the one before, and B, after; `after` is the style of what follows the body, None at
    the end of the document). Its marks are either the paragraphs' own (Word's habit: the
    empty paragraph joins B) or each shifted to the paragraph before (A's mark carries the
    first's change, the last's mark stays: the empty paragraph joins A). Word and LibreOffice
    style a joined paragraph differently, so the placement chosen is one where every joined
    paragraph has one style, own marks first: an inserted clause before the signature block
    or before an Article heading shifts. The last paragraph of a document has no mark to
    lose, so a run there always shifts."""
    k = 0
    while k < len(paras):
        if not _phantom(paras[k]):
            k += 1
            continue
        end = k
        while end < len(paras) and _phantom(paras[end]):
            end += 1
        run = paras[k:end]
        b_style = paras[end].style if end < len(paras) else after
        own = [p.mark for p in run]
        if (end == len(paras) and after is None) or not _styles_agree(run, own, b_style):
            a = paras[k - 1] if k else None
            if a is not None and a.mark is None:
                shifted = [*(_plain(m) for m in own[1:]), None]
                if _styles_agree([a, *run], [_plain(own[0]), *shifted], b_style):
                    a.mark = _plain(own[0])
                    for para, mark in zip(run, shifted, strict=True):
                        para.mark = mark
        k = end


def _plain(mark: str | None) -> str | None:
    """A shifted mark is a plain insertion or deletion: it is outside any move's range."""
    return {"moveFrom": "del", "moveTo": "ins"}.get(mark or "", mark)


class _Writer:
    """Writes paragraphs with revisions into a document's body; ids are unique throughout."""

    def __init__(self, document: Any, author: str, date: str) -> None:
        self.document = document
        self.body = document.element.body
        self.author = author
        self.date = date
        self.next_id = 1001
        self.ids = st.StyleIds.of(document)
        self._style_ids: dict[str, str] = {}

    def rev_id(self) -> int:
        self.next_id += 1
        return self.next_id

    def style_id(self, style: str) -> str:
        if style not in self._style_ids:
            self._style_ids[style] = st.style_id(self.document, style)
        return self._style_ids[style]

    def runs(self, p: Any, ops: Sequence[Op], style_id: str | None = None,
             move: str | None = None) -> None:
        for op, text in ops:
            if not text:
                continue
            if op == "=" and move:
                p.append(xml.revision(move, self.rev_id(), self.author, self.date,
                                      [xml.make_run(text, style_id=style_id)]))
            elif op == "=":
                p.append(xml.make_run(text, style_id=style_id))
            elif op == "-":
                p.append(xml.revision("del", self.rev_id(), self.author, self.date,
                                      [xml.make_run(text, style_id=style_id, deleted=True)]))
            else:
                p.append(xml.revision("ins", self.rev_id(), self.author, self.date,
                                      [xml.make_run(text, style_id=style_id)]))

    def paragraph(self, para: _Para) -> None:
        p = xml.new_paragraph(self.style_id(para.style))
        if para.mark:
            xml.mark_paragraph(p, para.mark, self.rev_id(), self.author, self.date)
        range_id = 0
        if para.move:
            range_id = self.rev_id()
            p.append(xml.move_range(para.move, "Start", range_id, para.move_name, self.author,
                                    self.date))
        self.runs(p, para.label_ops, self.ids.clause_label, para.move)
        self.runs(p, para.ops, None, para.move)
        if para.move:
            p.append(xml.move_range(para.move, "End", range_id))
        if xml.mostly_arabic(_side(para.ops, "new") or _side(para.ops, "old")):
            xml.set_bidi(p)
        xml.append_to_body(self.body, p)


def _items(comparison: Any, side: str, initiative: Initiative) -> Sequence[Item]:
    items = getattr(comparison, f"{side}_items", ())
    return items if items else items_of(initiative)


def write_redline_body(document: Any, old: Initiative, new: Initiative, comparison: Any,
                       author: str, date: str) -> _Writer:
    """Title, headings and units with tracked changes; returns the writer (its id counter
    continues in the signature block)."""
    w = _Writer(document, author, date)
    o, n = old.title, new.title
    if o == n:
        if n:
            w.paragraph(_Para(st.TITLE, [], [("=", n)]))
    elif not o:
        w.paragraph(_Para(st.TITLE, [], [("+", n)], "ins"))
    elif not n:
        w.paragraph(_Para(st.TITLE, [], [("-", o)], "del"))
    else:
        w.paragraph(_Para(st.TITLE, [], word_ops(o, n)))
    paras = paragraph_order(comparison.pairs, _items(comparison, "old", old),
                            _items(comparison, "new", new))
    signed = bool(old.signatories or new.signatories)
    if paras and _phantom(paras[-1]) and not signed:
        # A document's last paragraph mark cannot go: an empty paragraph, in both texts,
        # takes what the last one-sided paragraphs join into.
        paras.append(_Para(_NORMAL, [], [], None, -1, -1))
    place_marks(paras, st.SIGNED_BY if signed else None)
    for para in paras:
        w.paragraph(para)
    return w


def revision_date() -> str:
    """Now, in UTC, as Word dates revisions (time, not datetime: 3 ms of the start-up)."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def named(initiative: Initiative) -> str:
    """How the header names a text: its title, and its symbol when it has one."""
    title = initiative.title or initiative.symbol or initiative.id
    if initiative.symbol and initiative.symbol != title:
        return f"{title} ({initiative.symbol})"
    return title


def redline_meta(old: Initiative, new: Initiative) -> DocMeta:
    """The header of a redline: what it is against, and the new text's symbol (or title)."""
    return DocMeta(new.symbol or new.title, new.date or "", new.place or "",
                   f"Redline against {named(old)}")


def build_redline_document(old: Initiative, new: Initiative, comparison: Any, *,
                           meta: DocMeta | None = None, author: str = "dsrdraft",
                           date: str | None = None, signatories: Sequence[Any] | None = None,
                           template: str | Path | None = None) -> Any:
    """The redline as a document ready for `finish_and_save`: a `WordPackage` of the bundled
    template, or a python-docx Document of the house template `template`."""
    from dsrdraft.export.page import write_header
    from dsrdraft.export.signature import Row, add_signature_block

    if template is None:
        from dsrdraft.export.template import template_path
        from dsrdraft.ooxml.wordpackage import WordPackage

        document: Any = WordPackage(template_path())
    else:
        from dsrdraft.export.body import open_template

        document = open_template(template)
    write_header(document, meta or redline_meta(old, new))
    w = write_redline_body(document, old, new, comparison, author, date or revision_date())
    if signatories is None:
        signatories = [Row(s.code) for s in new.signatories]
    # Signatories that came or went are tracked rows, so accept/reject covers them too.
    new_codes = {s.code for s in signatories}
    old_codes = {s.code for s in old.signatories}
    gone = [Row(s.code) for s in old.signatories if s.code not in new_codes]
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
                       date: str | None = None, meta: DocMeta | None = None) -> str:
    """Write the redline of `new` against `old` (for ``compare --docx``); returns its
    fingerprint."""
    from dsrdraft.export.finish import finish_and_save

    # Control characters Word's XML cannot hold are dropped at this boundary.
    old, new, comparison = scrub_for_xml((old, new, comparison))
    document = build_redline_document(old, new, comparison, meta=meta, author=author,
                                      date=date)
    return finish_and_save(document, out_path, mode="redline")
