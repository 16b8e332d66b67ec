"""N-way merge: a base draft plus N delegations' proposals -> one bracketed, attributed draft.

1. **Clauses**: each proposal is aligned to the base with the compare engine
   (:func:`dsrdraft.compare.compare_texts`, content-based). A one-to-one pair in document order
   is an edited clause; a base clause with no partner (or merged into another one) is a
   proposed deletion; a proposal clause with no partner (a split's extra parts, a clause moved
   out of order, a new clause) is a proposed new clause, anchored after the base clause of its
   nearest preceding matched clause.
2. **Words**: every edited clause is diffed against the base with the compare engine's matcher
   (:func:`dsrdraft.compare.worddiff.diff_opcodes`) over whitespace-separated words, so each
   edit is a range of *base word positions*; all proposals share that coordinate system.
3. **Spans**: each edit range is widened so it never cuts through a bracketed passage of the
   base, then ranges of all proposals that overlap or touch are grouped into one span; inside a
   span every delegation's wording of the whole span is one alternative (identical wordings
   merged with all their codes). Nothing is a mix of two delegations' edits.
4. **Check**: every delegation's text is rebuilt from each compiled clause; a clause that does
   not give every text back exactly is compiled again as one whole-clause span, and if even
   that fails the compile stops with an error (nothing is ever lost silently).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from dsrdraft.compare import compare_texts
from dsrdraft.compare.worddiff import diff_opcodes
from dsrdraft.compile.attribution import (
    extract_text,
    parse_body,
    render_span,
    wrap_deleted,
)
from dsrdraft.draft.delegations import check_label
from dsrdraft.draft.model import (
    Draft,
    DraftClause,
    Provenance,
    Status,
    inserted_label,
    new_uid,
)
from dsrdraft.errors import DsrError

# Provenance.library_id of a clause a delegation proposed (a "bis" clause); its number holds the
# proposers. This is how extract_proposal tells new clauses from base clauses in a saved file.
PROPOSED_SOURCE = "proposal"
# Not a delegation: extracting with this code gives the base wording of every span.
BASE_CODE = "\x00base"


def normalise(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class Proposal:
    """One delegation's (or group's) version of the base: its clause texts in its order.

    A version read from a returned export knows which base unit each text is (`by_uid`: uid ->
    text, "" for a unit it deletes; units it does not name are deleted too) and where its new
    paragraphs stand (`added`: (uid of the unit before, or "", text)); then no alignment is
    guessed and `clauses` is unused."""

    code: str
    clauses: tuple[str, ...]
    source: str = ""
    by_uid: dict[str, str] | None = None
    added: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class ClauseReport:
    """What happened to one clause of the compilation (only clauses with proposals)."""

    uid: str
    label: str
    kind: str  # "changed" (base clause with proposals), "deleted" (only deletion), "new" (bis)
    delegations: tuple[str, ...]  # everyone who proposed something on it
    deleted_by: tuple[str, ...] = ()
    spans: int = 0
    conflicts: int = 0  # spans (or the clause) with two or more competing proposals
    whole_clause: bool = False  # compiled as one whole-clause span (fallback)

    def to_json(self) -> dict[str, Any]:
        return {"uid": self.uid, "label": self.label, "kind": self.kind,
                "delegations": list(self.delegations), "deleted_by": list(self.deleted_by),
                "spans": self.spans, "conflicts": self.conflicts,
                "whole_clause": self.whole_clause}


@dataclass(frozen=True, slots=True)
class Compilation:
    """The compiled draft plus a report of what each delegation touched."""

    draft: Draft
    codes: tuple[str, ...]
    clauses: tuple[ClauseReport, ...]
    warnings: tuple[str, ...] = field(default=())

    @property
    def conflicts(self) -> int:
        return sum(c.conflicts for c in self.clauses)

    def summary(self) -> dict[str, int]:
        return {
            "clauses": len(self.draft.clauses),
            "with_proposals": len(self.clauses),
            "changed": sum(c.kind != "new" for c in self.clauses),
            "new": sum(c.kind == "new" for c in self.clauses),
            "deletions": sum(bool(c.deleted_by) for c in self.clauses),
            "conflicts": self.conflicts,
        }

    def to_json(self) -> dict[str, Any]:
        return {"codes": list(self.codes), "summary": self.summary(),
                "clauses": [c.to_json() for c in self.clauses],
                "warnings": list(self.warnings)}


# ---------------------------------------------------------------- clause level

@dataclass(slots=True)
class _Aligned:
    """One proposal mapped onto the base's live clauses."""

    texts: dict[int, str]  # base index -> proposal text (edited or not)
    deleted: set[int]
    added: dict[int, list[str]]  # anchor base index (-1: before the first) -> new texts


def _align_by_uid(live: Sequence[DraftClause], all_uids: Sequence[str],
                  proposal: Proposal) -> _Aligned:
    """A proposal that names its units: texts by uid, new paragraphs after the live unit at
    or before the one they follow."""
    assert proposal.by_uid is not None
    texts: dict[int, str] = {}
    deleted: set[int] = set()
    index = {c.uid: i for i, c in enumerate(live)}
    for i, c in enumerate(live):
        text = normalise(proposal.by_uid.get(c.uid, ""))
        if text:
            texts[i] = text
        else:
            deleted.add(i)
    position = {uid: k for k, uid in enumerate(all_uids)}
    added: dict[int, list[str]] = {}
    for after, text in proposal.added:
        anchor = -1
        k = position.get(after, -1)
        while k >= 0:  # a heading or deleted unit: the live unit before it
            if all_uids[k] in index:
                anchor = index[all_uids[k]]
                break
            k -= 1
        if normalise(text):
            added.setdefault(anchor, []).append(normalise(text))
    return _Aligned(texts, deleted, added)


def _align_proposal(base: Sequence[str], proposal: Sequence[str]) -> _Aligned:
    comparison = compare_texts(base, proposal)
    texts: dict[int, str] = {}
    deleted: set[int] = set()
    matched: dict[int, int] = {}  # proposal index -> base index
    for pair in comparison.pairs:
        if not pair.old or not pair.new or pair.moved:
            deleted.update(pair.old)
            continue
        first_old, first_new = min(pair.old), min(pair.new)
        texts[first_old] = proposal[first_new]
        matched[first_new] = first_old
        deleted.update(i for i in pair.old if i != first_old)
    added: dict[int, list[str]] = {}
    anchor = -1
    for j, text in enumerate(proposal):
        if j in matched:
            anchor = matched[j]
        else:
            added.setdefault(anchor, []).append(text)
    return _Aligned(texts, deleted, added)


# ---------------------------------------------------------------- word level

def _glue(text: str, words: Sequence[str]) -> list[bool]:
    """glue[k]: the space between word k and k+1 is inside brackets (never split there)."""
    out: list[bool] = []
    depth = 0
    for k, word in enumerate(words):
        for ch in word:
            if ch == "[":
                depth += 1
            elif ch == "]" and depth > 0:
                depth -= 1
        if k < len(words) - 1:
            out.append(depth > 0)
    return out


def _widen(start: int, end: int, glue: Sequence[bool]) -> tuple[int, int]:
    """[start, end) grown so no bracketed passage of the base is cut (glue[k]: k and k+1)."""
    def glued(k: int) -> bool:
        return 0 <= k < len(glue) and glue[k]

    if start == end and glued(start - 1):
        start -= 1
        end += 1
    while start > 0 and glued(start - 1):
        start -= 1
    while end > 0 and glued(end - 1):
        end += 1
    return start, end


def _group_variant(base_words: Sequence[str], prop_words: Sequence[str],
                   ops: Sequence[tuple[str, int, int, int, int]], start: int, end: int
                   ) -> str:
    out: list[str] = []
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            lo, hi = max(i1, start), min(i2, end)
            if lo < hi:
                out.extend(base_words[lo:hi])
        elif start <= i1 and i2 <= end:
            out.extend(prop_words[j1:j2])
    return " ".join(out)


@dataclass(frozen=True, slots=True)
class _ClauseResult:
    text: str
    spans: int
    conflicts: int
    whole: bool


def _compile_words(base: str, variants: dict[str, str], whole: bool) -> tuple[str, int, int]:
    """`base` with every variant's edits as attributed spans; (text, spans, conflicts)."""
    words = base.split()
    glue = _glue(base, words)
    ranges: list[tuple[int, int]] = []
    ops_of: dict[str, tuple[list[str], list[tuple[str, int, int, int, int]]]] = {}
    for code, text in variants.items():
        prop_words = text.split()
        ops = diff_opcodes(words, prop_words)
        ops_of[code] = (prop_words, ops)
        if whole:
            ranges.append((0, len(words)))
            continue
        ranges.extend(_widen(i1, i2, glue) for tag, i1, i2, _, _ in ops if tag != "equal")
    ranges.sort()
    groups: list[list[int]] = []
    for s, e in ranges:
        if groups and s <= groups[-1][1]:
            groups[-1][1] = max(groups[-1][1], e)
        else:
            groups.append([s, e])
        # A base wording that itself ends like an attribution ("intelligence (AI)") would read
        # as a proposal: take in the next word(s) until it does not.
        while (groups[-1][1] < len(words)
               and parse_body(" ".join(words[groups[-1][0]:groups[-1][1]])) is not None):
            groups[-1][:] = _widen(groups[-1][0], groups[-1][1] + 1, glue)
    pieces: list[str] = []
    pos = 0
    conflicts = 0
    for s, e in groups:
        pieces.extend(words[pos:s])
        span_base = " ".join(words[s:e])
        options: dict[str, list[str]] = {}
        deleters: list[str] = []
        for code, (prop_words, ops) in ops_of.items():
            variant = _group_variant(words, prop_words, ops, s, e)
            if variant == span_base:
                continue
            if not variant:
                deleters.append(code)
            else:
                options.setdefault(variant, []).append(code)
        if len(options) + bool(deleters) > 1:
            conflicts += 1
        pieces.append(render_span(span_base, deleters, list(options.items())))
        pos = e
    pieces.extend(words[pos:])
    return " ".join(p for p in pieces if p), len(groups), conflicts


def _compile_clause(base: str, variants: dict[str, str], deleters: Sequence[str],
                    whole: bool) -> _ClauseResult:
    text, spans, conflicts = (_compile_words(base, variants, whole) if variants
                              else (base, 0, 0))
    if deleters:
        if variants:
            conflicts += 1
        text = wrap_deleted(text, deleters)
    return _ClauseResult(text, spans, conflicts, whole)


def _checks_out(result: _ClauseResult, base: str, codes: Sequence[str],
                variants: dict[str, str], deleters: Sequence[str]) -> bool:
    for code in codes:
        expected = "" if code in deleters else variants.get(code, base)
        if extract_text(result.text, code) != expected:
            return False
    return True


# ---------------------------------------------------------------- the merge

def _check_codes(proposals: Sequence[Proposal]) -> tuple[str, ...]:
    if not proposals:
        raise DsrError("nothing to compile: give at least one proposal")
    codes = tuple(check_label(p.code) for p in proposals)
    seen: set[str] = set()
    for code in codes:
        if code in seen:
            raise DsrError(f"delegation {code} is given twice: one proposal per delegation "
                           "(combine a group's proposals under one group label)")
        seen.add(code)
    return codes


def compile_proposals(base: Draft, proposals: Sequence[Proposal]) -> Compilation:
    """The compilation text of `proposals` on `base` (a new Draft; `base` is unchanged)."""
    codes = _check_codes(proposals)
    proposals = [replace(p, code=c) for p, c in zip(proposals, codes, strict=True)]
    # Division headings are structure, not proposals' text: they stay as the base has them.
    live = [c for c in base.clauses if not c.deleted and not c.is_heading]
    base_texts = [normalise(c.text) for c in live]
    all_uids = [c.uid for c in base.clauses]
    aligned = [_align_by_uid(live, all_uids, p) if p.by_uid is not None else
               _align_proposal(base_texts, [normalise(t) for t in p.clauses if t.strip()])
               for p in proposals]
    warnings: list[str] = []

    compiled: dict[str, DraftClause] = {}
    reports: dict[str, ClauseReport] = {}
    for i, clause in enumerate(live):
        text = base_texts[i]
        variants = {p.code: a.texts[i] for p, a in zip(proposals, aligned, strict=True)
                    if i in a.texts and a.texts[i] != text}
        deleters = [p.code for p, a in zip(proposals, aligned, strict=True) if i in a.deleted]
        if not variants and not deleters:
            continue
        result = _compile_clause(text, variants, deleters, whole=False)
        if not _checks_out(result, text, codes, variants, deleters):
            result = _compile_clause(text, variants, deleters, whole=True)
            if not _checks_out(result, text, codes, variants, deleters):
                raise DsrError(f"clause {clause.label}: cannot compile the proposals without "
                               "losing text (a proposal's wording looks like an attribution)")
        compiled[clause.uid] = replace(clause, text=result.text, status=Status.OPEN,
                                       deleted_by=tuple(deleters))
        reports[clause.uid] = ClauseReport(
            clause.uid, clause.label, "changed" if variants else "deleted",
            tuple(c for c in codes if c in variants or c in deleters), tuple(deleters),
            result.spans, result.conflicts, result.whole)

    # New clauses per anchor, identical texts merged, each delegation's order kept.
    additions: dict[int, list[tuple[str, list[str]]]] = {}
    for p, a in zip(proposals, aligned, strict=True):
        for anchor, texts in a.added.items():
            entries = additions.setdefault(anchor, [])
            last = -1
            for text in texts:
                k = next((k for k in range(last + 1, len(entries)) if entries[k][0] == text),
                         None)
                if k is None:
                    entries.append((text, [p.code]))
                    k = len(entries) - 1
                else:
                    entries[k][1].append(p.code)
                last = k

    out: list[DraftClause] = []
    new_reports: list[ClauseReport] = []
    labels_in_use = Draft(title=base.title, clauses=base.clauses)

    def add_new(anchor_index: int, anchor_label: str) -> None:
        nonlocal labels_in_use
        for text, who in additions.get(anchor_index, []):
            label = inserted_label(labels_in_use, anchor_label)
            clause = DraftClause(new_uid(), text, label,
                                 Provenance(PROPOSED_SOURCE, ", ".join(who)),
                                 status=Status.OPEN, proposers=tuple(who))
            labels_in_use = replace(labels_in_use, clauses=(*labels_in_use.clauses, clause))
            out.append(clause)
            new_reports.append(ClauseReport(clause.uid, label, "new", tuple(who)))

    add_new(-1, "0")  # before the first clause: "0 bis"
    live_index = {c.uid: i for i, c in enumerate(live)}
    for clause in base.clauses:
        out.append(compiled.get(clause.uid, clause))
        if clause.uid in live_index:
            add_new(live_index[clause.uid], clause.label)
    ordered_reports = [reports[c.uid] for c in out if c.uid in reports]
    by_uid = {r.uid: r for r in [*ordered_reports, *new_reports]}
    all_reports = tuple(by_uid[c.uid] for c in out if c.uid in by_uid)
    draft = replace(base, clauses=tuple(out), revisions=())
    return Compilation(draft, codes, all_reports, tuple(warnings))


# ---------------------------------------------------------------- reading proposals back

def is_proposed_clause(clause: DraftClause) -> bool:
    """A clause the compilation added for its proposers (not part of the base)."""
    return clause.provenance is not None and clause.provenance.library_id == PROPOSED_SOURCE


def extract_proposal(compilation: Draft | Compilation, code: str) -> list[str]:
    """Delegation `code`'s clause texts, in order, rebuilt from a compilation draft.

    Base clauses give `code`'s alternative in every span (the base wording where it proposed
    nothing) and are left out where it proposed deletion; new clauses count only for their
    proposers. Whitespace is normalised, as everywhere in dsrdraft.
    """
    draft = compilation.draft if isinstance(compilation, Compilation) else compilation
    out: list[str] = []
    for clause in draft.clauses:
        if clause.deleted or clause.is_heading:
            continue
        if is_proposed_clause(clause):
            if code in clause.proposers:
                out.append(normalise(clause.text))
            continue
        text = extract_text(clause.text, code)
        if text:
            out.append(text)
    return out


def base_texts(compilation: Draft | Compilation) -> list[str]:
    """The base's clause texts back from a compilation (what no delegation proposed)."""
    return extract_proposal(compilation, BASE_CODE)
