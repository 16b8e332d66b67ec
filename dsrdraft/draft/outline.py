"""A draft's structure as a reader sees it: each unit's address and depth, and the outline.

The editor shows units indented under their divisions (Part > Chapter > Article > paragraph,
sub-paragraphs one step further), each with the address negotiators cite; the outline lists
the preamble, the divisions and the annexes for navigation. Both come from one pass over the
draft, addresses from `unit_addresses`, so the GUI, the CLI and the export never disagree.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from operator import is_not

from dsrdraft.draft.changes import SequenceChanges, first_difference
from dsrdraft.draft.model import (
    CITING_DIVISIONS,
    Draft,
    DraftClause,
    DraftKind,
    article_after,
    heading_division,
    unit_address,
    unit_addresses,
)

#: Labels of sub-paragraphs: "(a)", "a)", "(iv)", "(1)" inside a paragraph, one level deeper.
_SUB_LABEL = re.compile(r"^\(?(?:[a-z]{1,2}|[ivxlc]+|\d+)\)$", re.IGNORECASE)
#: The opening phrase of a preambular paragraph, which UN texts print in italics: an adverb
#: and a participle ("Deeply concerned"), "Having considered", or a participle carried on by
#: a fixed phrase ("Noting with deep concern", "Bearing in mind", "Taking into account",
#: "Recalling also").
_LEAD = re.compile(
    r"(?=[A-Z])(?:[A-Z][a-z]+ly\s+|Having\s+)?[A-Za-z][\w'’-]*"
    r"(?:\s+(?:with\s+(?:deep\s+|grave\s+|great\s+|serious\s+)?(?:concern|appreciation"
    r"|satisfaction|regret|alarm|interest)|in\s+mind|into\s+account|note\s+of|also|further"
    r"|furthermore|moreover|again))*")


@dataclass(frozen=True, slots=True)
class OutlineEntry:
    """A line of the outline: the preamble, the operative part, or a division's heading.

    `uid` is the unit it leads to (the heading, or the first paragraph of the preamble or of
    the operative part), so it is also the entry's key while the draft is edited."""

    uid: str
    label: str  # "Preamble", "Article 4", "Annex I"; a heading's text when it has no label
    title: str  # the heading's text beside its label ("Scope"), "" otherwise
    depth: int  # 0 for a top-level division
    kind: str  # "preamble", "operative", or a DivisionKind value ("article", "annex"…)
    deleted: bool = False

    @property
    def text(self) -> str:
        """"Article 4 — Scope", "Preamble"."""
        return f"{self.label} — {self.title}" if self.title else self.label


@dataclass(frozen=True, slots=True)
class DraftStructure:
    """Per unit (by uid) its address and indentation depth; the outline in document order.

    `restated`: when this structure was updated from a previous one (`updated_structure`),
    the units whose address or depth differ from it; None when it was computed afresh."""

    addresses: Mapping[str, str]
    depths: Mapping[str, int]
    outline: tuple[OutlineEntry, ...]
    restated: frozenset[str] | None = None


def draft_structure(draft: Draft) -> DraftStructure:
    """The structure of `draft` (linear: a 1,000-paragraph draft in about a millisecond)."""
    addresses = unit_addresses(draft)
    depths: dict[str, int] = {}
    outline: list[OutlineEntry] = []
    open_ranks: list[float] = []
    heading = DraftKind.HEADING
    for c in draft.clauses:
        if c.kind is heading:
            division, rank = heading_division(c.label)
            while open_ranks and open_ranks[-1] >= rank:
                open_ranks.pop()
            depths[c.uid] = len(open_ranks)
            outline.append(OutlineEntry(c.uid, c.label or c.text, c.text if c.label else "",
                                        len(open_ranks), division.value, c.deleted))
            open_ranks.append(rank)
            continue
        depths[c.uid] = len(open_ranks) + _sub_level(c.label)
    return DraftStructure(addresses, depths, _leading_entries(draft.clauses) + tuple(outline))


def _sub_level(label: str) -> int:
    """1 for a sub-paragraph's label ("(a)", "iv)"), which sits one level deeper."""
    return 1 if label[-1:] == ")" and _SUB_LABEL.match(label) else 0


#: Above this many units replaced in one stretch, `updated_structure` starts afresh.
_WINDOW_LIMIT = 200


def updated_structure(before: Draft, after: Draft, structure: DraftStructure
                      ) -> DraftStructure:
    """The structure of `after`, given `structure`, that of `before`, for an edit that
    replaced one stretch of units by others: recomputed over that stretch alone when it
    holds the same headings in the same order and the same kinds of units before and after
    (a paragraph moved, also past a heading, relabelled or renumbered: Alt+Down in a
    1,000-paragraph draft), else afresh.

    Outside the stretch nothing can differ then: the units before it are the same objects,
    and the ones after it follow the same headings and the same count of units of each kind
    (which unlabelled units' addresses, OP7, are counted by)."""
    old, new = before.clauses, after.clauses
    a = first_difference(old, new, is_not)
    kept_end = first_difference(old[a:][::-1], new[a:][::-1], is_not)  # after the stretch
    end_old, end_new = len(old) - kept_end, len(new) - kept_end
    window_old, window_new = old[a:end_old], new[a:end_new]
    if not window_new and not window_old:
        return structure
    heading = DraftKind.HEADING
    headings = [c for c in window_new if c.kind is heading]
    if len(window_new) > _WINDOW_LIMIT or len(window_old) != len(window_new) \
            or sorted(c.kind.value for c in window_old) \
            != sorted(c.kind.value for c in window_new) \
            or any(x is not y for x, y in zip(
                headings, (c for c in window_old if c.kind is heading), strict=True)):
        return draft_structure(after)
    # The state where the stretch starts: the enclosing heading's depth, and the Article
    # its units are cited under (set by the nearest Article, annex, Part or Chapter heading).
    depths = structure.depths
    base = 0
    article = ""
    enclosing = False
    divided = any(e.kind not in ("preamble", "operative") for e in structure.outline)
    for c in reversed(new[:a] if divided else ()):  # a draft with no heading: nothing to find
        if c.kind is heading:
            if not enclosing:
                enclosing = True
                base = depths[c.uid] + 1
            if heading_division(c.label)[0] in CITING_DIVISIONS:
                article = article_after(c.label, "")
                break
    counts: dict[DraftKind, int] = {}
    if any(not c.label for c in window_new):
        for c in new[:a]:
            counts[c.kind] = counts.get(c.kind, 0) + 1
    new_addresses = dict(structure.addresses)
    new_depths = dict(depths)
    for c in window_old:
        del new_addresses[c.uid], new_depths[c.uid]
    restated: set[str] = set()
    for c in window_new:
        uid = c.uid
        if c.kind is heading:  # the same heading: its address and depth as they were
            new_addresses[uid] = structure.addresses[uid]
            new_depths[uid] = depths[uid]
            base = depths[uid] + 1
            article = article_after(c.label, article)
            continue
        n = counts[c.kind] = counts.get(c.kind, 0) + 1
        address = unit_address(c.kind, c.label, article, n)
        depth = base + _sub_level(c.label)
        if structure.addresses.get(uid) != address or depths.get(uid) != depth:
            restated.add(uid)
        new_addresses[uid] = address
        new_depths[uid] = depth
    # The "Preamble" and "Operative part" lines lead to the first such unit before the
    # first heading: only a stretch holding one of those units, or a heading a unit may
    # have crossed, can change which unit that is.
    outline = structure.outline
    lines = tuple(e for e in outline if e.kind in ("preamble", "operative"))
    touched = {c.uid for c in window_old} | {c.uid for c in window_new}
    if headings or any(e.uid in touched for e in lines):
        leading = _leading_entries(new)
        if leading != lines:
            outline = leading + tuple(e for e in outline
                                      if e.kind not in ("preamble", "operative"))
    return DraftStructure(new_addresses, new_depths, outline, frozenset(restated))


def _leading_entries(clauses: tuple[DraftClause, ...]) -> tuple[OutlineEntry, ...]:
    """The outline's "Preamble" and "Operative part" lines: before the first heading, the
    first preambular paragraph and the first operative one (or annex), in document order."""
    out: list[OutlineEntry] = []
    preamble = body = False
    for c in clauses:
        kind = c.kind
        if kind is DraftKind.HEADING:
            break
        if kind is DraftKind.PREAMBULAR:
            if not preamble:
                out.append(OutlineEntry(c.uid, "Preamble", "", 0, "preamble"))
                preamble = True
        elif not body and kind in (DraftKind.OPERATIVE, DraftKind.ANNEX):
            out.append(OutlineEntry(c.uid, "Operative part", "", 0, "operative"))
            body = True
        if preamble and body:
            break
    return tuple(out)


def same_structure(old: Draft, new: Draft, changes: SequenceChanges) -> bool:
    """True when an edit left every address, depth and outline entry as it was: the same
    units in the same order, none of them relabelled, re-kinded, or a heading retitled or
    deleted (a status change or a paragraph's new text), so nothing need be recomputed."""
    if not changes.same_keys:
        return False
    if not changes.changed:
        return True
    before = {c.uid: c for c in old.clauses} if len(changes.changed) > 8 else None
    for key in changes.changed:
        uid = str(key)  # clauses are keyed by their uid
        a = before[uid] if before is not None else old.clause(uid)
        b = new.clause(uid)
        if a.label != b.label or a.kind is not b.kind:
            return False
        if b.kind is DraftKind.HEADING and (a.text != b.text or a.deleted != b.deleted):
            return False
    return True


def enclosing_entry(outline: Sequence[OutlineEntry], position: Callable[[str], int],
                    index: int) -> int | None:
    """Which line of `outline` holds the unit at `index` of the draft: the last entry
    whose unit (found by `position(uid)`) is at or before it; None before the first."""
    starts = [position(e.uid) for e in outline]
    at = bisect_right(starts, index) - 1
    return at if at >= 0 else None


def preamble_lead(text: str) -> int:
    """Length of the opening phrase of a preambular paragraph printed in italics
    ("Recalling", "Noting with concern", "Bearing in mind"); 0 when it opens otherwise (a
    paragraph that opens with no participle, "The scope of …", is printed upright)."""
    from dsrdraft.parsing.recitals import PREAMBULAR_WORD

    if not PREAMBULAR_WORD.match(text):
        return 0
    m = _LEAD.match(text)
    return m.end() if m else 0
