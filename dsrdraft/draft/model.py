"""The negotiated draft: immutable data and pure edit functions.

Every edit returns a new :class:`Draft` (``dataclasses.replace``), so the GUI can wrap each in
an undo command that keeps the old value.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from operator import attrgetter, countOf
from typing import Any

from dsrdraft.draft.brackets import BracketError, validate
from dsrdraft.errors import DsrError
from dsrdraft.model import Clause, Division, DivisionKind, Initiative, Signatory, UnitKind


class Status(StrEnum):
    OPEN = "open"
    AD_REFERENDUM = "ad_referendum"
    AGREED = "agreed"


class DraftKind(StrEnum):
    """What an element of a draft is: a unit of one of the kinds a library text has, or the
    heading of a division ("Article 4" / "Scope"), whose label is the division's label."""

    PREAMBULAR = "preambular"
    OPERATIVE = "operative"
    ANNEX = "annex"
    FORMULA = "formula"
    CLOSING = "closing"
    HEADING = "heading"


# The kinds numbered in the text's own sequence ("1", "2", "12 bis"); preambular paragraphs
# are numbered PP1, PP2…; formulas, closing lines and headings carry no automatic number.
_NUMBERED_KINDS = frozenset({DraftKind.OPERATIVE, DraftKind.ANNEX})


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a clause's language came from: a library initiative and its clause number."""

    library_id: str
    number: str

    def __str__(self) -> str:
        return f"{self.library_id}:{self.number}"


@dataclass(frozen=True, slots=True)
class Alternative:
    """An alternative wording of a whole clause ("12 Alt"), with who proposed it."""

    text: str
    proposers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Reservation:
    """A delegation's reservation or note on a clause (exported as a Word comment)."""

    delegation: str
    text: str


@dataclass(frozen=True, slots=True)
class DraftClause:
    """An element of a draft: a paragraph (preambular, operative…) or a division heading."""

    uid: str
    text: str
    label: str
    provenance: Provenance | None = None
    status: Status = Status.OPEN
    proposers: tuple[str, ...] = ()
    alternatives: tuple[Alternative, ...] = ()
    reservations: tuple[Reservation, ...] = ()
    deleted: bool = False
    deleted_by: tuple[str, ...] = ()
    kind: DraftKind = DraftKind.OPERATIVE

    @property
    def is_heading(self) -> bool:
        return self.kind is DraftKind.HEADING


@dataclass(frozen=True, slots=True)
class DraftSignatory:
    code: str
    representative: str = ""
    title: str = ""
    date: str = ""


@dataclass(frozen=True, slots=True)
class RevisionSnapshot:
    """The text of one issued revision (Rev.0 is the original), kept inside the draft file."""

    number: int
    date: str
    note: str
    title: str
    clauses: tuple[DraftClause, ...]
    signatories: tuple[DraftSignatory, ...]

    @property
    def preamble(self) -> str:
        return preamble_text(self.clauses)


@dataclass(frozen=True, slots=True)
class Draft:
    title: str
    symbol: str = ""
    revision: int = 0
    date: str = ""
    place: str = ""
    clauses: tuple[DraftClause, ...] = ()
    signatories: tuple[DraftSignatory, ...] = ()
    revisions: tuple[RevisionSnapshot, ...] = ()

    @property
    def preamble(self) -> str:
        """The preambular paragraphs' texts, separated by blank lines."""
        return preamble_text(self.clauses)

    @property
    def full_symbol(self) -> str:
        """"DSR/2026/L.1" for the original, "DSR/2026/L.1/Rev.2" for a revision."""
        if self.revision <= 0:
            return self.symbol
        return f"{self.symbol}/Rev.{self.revision}" if self.symbol else f"Rev.{self.revision}"

    def clause(self, uid: str) -> DraftClause:
        for c in self.clauses:
            if c.uid == uid:
                return c
        raise KeyError(uid)

    def live_clauses(self) -> tuple[DraftClause, ...]:
        return tuple(c for c in self.clauses if not c.deleted)

    def snapshot(self, number: int) -> RevisionSnapshot:
        for snap in self.revisions:
            if snap.number == number:
                return snap
        known = ", ".join(f"rev{s.number}" for s in self.revisions) or "none"
        raise DsrError(f"draft has no revision rev{number} (kept revisions: {known})")

    def at_revision(self, number: int) -> Draft:
        """This draft as it stood at revision `number` (its text, not its history)."""
        snap = self.snapshot(number)
        return replace(self, title=snap.title, clauses=snap.clauses,
                       signatories=snap.signatories, revision=snap.number, date=snap.date)

    def to_initiative(self, id: str = "") -> Initiative:
        """A read-only Initiative view (deleted clauses left out, brackets kept) for compare:
        its units with their kinds, and its headings as divisions."""
        units: list[Clause] = []
        headings: list[tuple[float, Division]] = []
        open_ranks: list[float] = []
        path: list[str] = []
        addresses = unit_addresses(self)
        for c in self.clauses:
            if c.deleted:
                continue
            if c.is_heading:
                kind, rank = heading_division(c.label)
                while open_ranks and open_ranks[-1] >= rank:
                    open_ranks.pop()
                    path.pop()
                headings.append((rank, Division(kind, c.label, c.text, c.label or c.text,
                                                len(units))))
                open_ranks.append(rank)
                path.append(c.label or c.text)
                continue
            units.append(Clause(addresses[c.uid], _heading(c.text), c.text,
                                kind=UnitKind(c.kind.value), path=tuple(path),
                                label=c.label, numbered=bool(c.label)))
        return Initiative(
            id=id or self.full_symbol or self.title,
            title=self.title,
            language="en",
            clauses=tuple(units),
            signatories=tuple(Signatory(s.code, _country_name(s.code)) for s in self.signatories),
            date=self.date or None,
            place=self.place or None,
            symbol=self.full_symbol or None,
            divisions=_tree(headings, 0, -1.0)[0],
        )


def unit_addresses(draft: Draft) -> dict[str, str]:
    """uid -> the address a unit is cited by, as in library texts: its label ("12 bis",
    "PP3"), qualified by its Article inside one ("4.2", cited "Article 4.2"); a heading's is its
    label; an unlabelled unit's is its position among the units of its kind (OP7, F1, C1)."""
    out: dict[str, str] = {}
    article = ""
    counts: dict[DraftKind, int] = {}
    heading, address = DraftKind.HEADING, unit_address  # locals: run on every GUI edit
    for c in draft.clauses:
        kind, label = c.kind, c.label
        if kind is heading:
            out[c.uid] = label or c.text
            article = article_after(label, article)
            continue
        n = counts[kind] = counts.get(kind, 0) + 1
        out[c.uid] = address(kind, label, article, n)
    return out


_UNLABELLED_PREFIX = {DraftKind.OPERATIVE: "OP", DraftKind.ANNEX: "Annex.",
                      DraftKind.FORMULA: "F", DraftKind.CLOSING: "C",
                      DraftKind.PREAMBULAR: "PP"}


def unit_address(kind: DraftKind, label: str, article: str, n: int) -> str:
    """The address of a unit that is not a heading: `article` is the number of the Article
    it is in ("" outside one), `n` its position among the units of its kind."""
    if not label:
        return f"{_UNLABELLED_PREFIX[kind]}{n}"
    if article and kind in _NUMBERED_KINDS:
        return f"{article}.{label}"
    return label


#: The headings that set (an Article's) or end (the others) the Article units are cited under.
CITING_DIVISIONS = (DivisionKind.ARTICLE, DivisionKind.ANNEX, DivisionKind.PART,
                    DivisionKind.CHAPTER)


def article_after(heading_label: str, article: str) -> str:
    """The Article number units are cited under after a heading: its own after an Article's,
    none after an annex's, a Part's or a Chapter's, unchanged after any other (a Section)."""
    division = heading_division(heading_label)[0]
    if division is DivisionKind.ARTICLE:
        return _article_number(heading_label)
    if division in CITING_DIVISIONS:
        return ""
    return article


@functools.lru_cache(maxsize=4096)
def _article_number(label: str) -> str:
    from dsrdraft.parsing.markers import division_marker

    marker = division_marker(label)
    return marker.number if marker is not None and marker.number else label


def _tree(headings: list[tuple[float, Division]], i: int, parent: float
          ) -> tuple[tuple[Division, ...], int]:
    """Headings in document order, with how deep each nests, as a tree of divisions."""
    out: list[Division] = []
    while i < len(headings) and headings[i][0] > parent:
        rank, division = headings[i]
        children, i = _tree(headings, i + 1, rank)
        out.append(replace(division, children=children))
    return tuple(out), i


def units_from_initiative(initiative: Initiative,
                          provenance: bool = True) -> tuple[DraftClause, ...]:
    """A library text's units as draft elements, each division's heading before its first
    unit, numbers kept as labels."""
    starts: dict[int, list[Division]] = {}
    for _, division in initiative.all_divisions():
        starts.setdefault(division.start, []).append(division)
    out: list[DraftClause] = []

    def headings(index: int) -> None:
        for division in starts.get(index, ()):
            out.append(DraftClause(new_uid(), division.heading, division.label,
                                   kind=DraftKind.HEADING))

    for index, unit in enumerate(initiative.clauses):
        headings(index)
        source = Provenance(initiative.id, unit.number) if provenance and initiative.id \
            else None
        out.append(DraftClause(new_uid(), " ".join(unit.text.split()), _draft_label(unit),
                               source, kind=DraftKind(unit.kind.value)))
    headings(len(initiative.clauses))
    return tuple(out)


def _draft_label(unit: Clause) -> str:
    """A library unit's label in a draft: inside an Article its paragraph number there
    ("5.1" under Article 5 is "1", a lone unnumbered paragraph "1"), as drafts number
    paragraphs (again from 1 after each Article) and `unit_addresses` qualifies them."""
    if unit.kind.value not in _NUMBERED_KINDS or not unit.path:
        return unit.number
    division = heading_division(unit.path[-1])[0]
    if division is not DivisionKind.ARTICLE:
        return unit.number
    article = _article_number(unit.path[-1])
    if unit.number.startswith(f"{article}."):
        return unit.number[len(article) + 1:]
    return "1" if unit.number == article and not unit.label else unit.number


@functools.lru_cache(maxsize=4096)  # a draft's few heading labels, asked on every edit
def heading_division(label: str) -> tuple[DivisionKind, float]:
    """The kind of division a heading's label names, and how deep it nests."""
    from dsrdraft.parsing.markers import division_marker

    marker = division_marker(label) if label else None
    kind = marker.division if marker is not None and marker.division else DivisionKind.HEADING
    rank = {DivisionKind.ANNEX: 0.0, DivisionKind.PART: 1.0, DivisionKind.CHAPTER: 2.0,
            DivisionKind.SECTION: 3.0, DivisionKind.ARTICLE: 4.0}.get(kind, 3.5)
    return kind, rank


def live_count(clauses: Sequence[DraftClause]) -> int:
    """How many of `clauses` are not struck out (counted in C: asked on every edit of a
    1,000-paragraph draft)."""
    return countOf(map(_DELETED, clauses), False)


_DELETED = attrgetter("deleted")


def preamble_text(clauses: tuple[DraftClause, ...]) -> str:
    return "\n\n".join(c.text for c in clauses
                        if c.kind is DraftKind.PREAMBULAR and not c.deleted)


def _heading(text: str) -> str:
    m = re.match(r"(.+?[.;:])(\s|$)", text)
    return (m.group(1) if m else text).strip()


def _country_name(code: str) -> str:
    try:
        from dsrdraft.countries import country_name
        return country_name(code)
    except (ImportError, LookupError, KeyError):
        return code


def new_uid() -> str:
    return uuid.uuid4().hex[:12]


def today() -> str:
    return _dt.date.today().isoformat()


# ---------------------------------------------------------------- labels

_LATIN = ["bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies",
          "decies", "undecies", "duodecies", "terdecies", "quaterdecies", "quindecies",
          "sexdecies", "septdecies", "octodecies", "novodecies", "vicies"]
_PLAIN_LABEL = re.compile(r"\s*(PP)?\d+\s*$", re.IGNORECASE)
#: A paragraph inserted while negotiating: its number and a suffix ("12 bis", "PP3 ter",
#: "4 bis.11"), the suffix kept when the paragraph before it is renumbered.
_INSERTED_LABEL = re.compile(r"\s*(PP)?\d+\s+(\S.*?)\s*$", re.IGNORECASE)


def _base_number(label: str) -> int | None:
    m = re.match(r"\s*(?:PP)?(\d+)", label, re.IGNORECASE)
    return int(m.group(1)) if m else None


def _restarts(c: DraftClause) -> bool:
    """Paragraph numbers start again at 1 after an Article's heading."""
    return c.is_heading and heading_division(c.label)[0] in (DivisionKind.ARTICLE,
                                                             DivisionKind.ANNEX)


def next_label(draft: Draft, kind: DraftKind = DraftKind.OPERATIVE) -> str:
    """The automatic number for a unit of `kind` appended where such units go."""
    if kind is DraftKind.PREAMBULAR:
        preambular = [n for c in draft.clauses if c.kind is DraftKind.PREAMBULAR
                      and (n := _base_number(c.label)) is not None]
        return f"PP{max(preambular, default=0) + 1}"
    if kind not in _NUMBERED_KINDS:
        return ""
    numbers: list[int] = []
    for c in draft.clauses:
        if _restarts(c):
            numbers = []
        elif c.kind in _NUMBERED_KINDS and (n := _base_number(c.label)) is not None:
            numbers.append(n)
    return str(max(numbers, default=0) + 1)


def inserted_label(draft: Draft, after_label: str) -> str:
    """"12 bis", then "12 ter", … for a clause inserted after clause 12 while negotiating."""
    base = after_label.split()[0] if after_label.strip() else "0"
    return _free_inserted_label({c.label for c in draft.clauses}, base)


def renumber(draft: Draft) -> Draft:
    """Final numbering: live paragraphs become 1, 2, 3… (PP1, PP2… in the preamble, again
    from 1 in each Article); deleted ones keep their old label; headings keep theirs."""
    out: list[DraftClause] = []
    n = pp = 0
    for c in draft.clauses:
        if _restarts(c):
            n = 0
        if c.deleted or c.kind not in (*_NUMBERED_KINDS, DraftKind.PREAMBULAR):
            out.append(c)
        elif c.kind is DraftKind.PREAMBULAR:
            pp += 1
            out.append(replace(c, label=f"PP{pp}"))
        else:
            n += 1
            out.append(replace(c, label=str(n)))
    return replace(draft, clauses=tuple(out))


def number_in_order(draft: Draft, near: tuple[int, int] | None = None) -> Draft:
    """Automatic numbering while negotiating, after a move or an insertion by position.

    Paragraphs with a plain number are numbered 1, 2, 3… in document order (PP1, PP2… in the
    preamble, again from 1 after an Article's heading; deleted ones too: they stay in the
    negotiation text, struck through). A paragraph inserted while negotiating keeps its kind
    of label ("bis", "ter"), re-attached to the paragraph now before it, so "12 bis" stays an
    inserted paragraph until `renumber` gives the final numbers. Any other label ("4.2.1",
    "(a)", "IV", a text's own numbering) is the text's as written and stays as it is.

    `near` (two positions: where a unit was and where it is now) numbers only the divisions
    between them, from the Article holding the first to the end of the one holding the
    second: a move in Article 5 does not renumber Article 12, whose numbers may be the
    text's own (a gap, a number kept after a deletion), and costs what the move touched.
    """
    clauses = draft.clauses
    start, stop = 0, len(clauses)
    if near is not None:
        lo, hi = max(0, min(near)), min(len(clauses) - 1, max(near))
        kinds = list(map(_KIND, clauses))  # headings found at C speed, then asked
        heading = DraftKind.HEADING
        start = next((i + 1 for i in range(lo, -1, -1)
                      if kinds[i] is heading and _restarts(clauses[i])), 0)
        stop = next((i for i in range(hi + 1, len(clauses))
                     if kinds[i] is heading and _restarts(clauses[i])), len(clauses))
    preambular_kind = DraftKind.PREAMBULAR
    pp = sum(1 for c in clauses[:start] if c.kind is preambular_kind
             and (not c.label.strip() or _PLAIN_LABEL.match(c.label))) if start else 0
    out: list[DraftClause] = []
    n = 0
    used: set[str] = set()  # labels in the current Article: two "bis" after one paragraph
    relabelled = False
    numbered, plain, inserted = _NUMBERED_KINDS, _PLAIN_LABEL.match, _INSERTED_LABEL.match
    begin, tail = start, stop
    if near is not None:
        # Paragraphs numbered 1, 2, 3… already before the first position and after the
        # second keep their numbers: checked with list comparisons instead of the loop
        # below (a flat 1,000-paragraph resolution is one run of numbers).
        head = clauses[start:lo]
        if head and _numbered_from(head, 1):
            out.extend(head)
            begin, n = lo, len(head)
        after = clauses[hi + 1:stop]
        if after and set(map(_KIND, after)) <= numbered:
            tail = hi + 1  # checked once the stretch before it is numbered
    for i in range(begin, stop):
        c = clauses[i]
        if i == tail:
            if _numbered_from(clauses[tail:stop], n + 1):
                out.extend(clauses[tail:stop])
                break
            tail = stop
        kind = c.kind
        if kind is not preambular_kind and kind not in numbered:
            if _restarts(c):
                n = 0
                used = set()
            out.append(c)
            continue
        preambular = kind is preambular_kind
        label = c.label
        if not label.strip() or plain(label):
            if preambular:
                pp += 1
                label = f"PP{pp}"
            else:
                n += 1
                label = str(n)
        elif (m := inserted(label)) is not None:
            base = f"PP{pp}" if preambular else str(n)
            label = f"{base} {m.group(2)}"
            if label in used:  # two inserted paragraphs now after the same one
                label = _free_inserted_label(used, base)
        used.add(label)
        if c.label == label:
            out.append(c)
        else:
            out.append(replace(c, label=label))
            relabelled = True
    if not relabelled:
        return draft
    return replace(draft, clauses=(*clauses[:start], *out, *clauses[stop:]))


def division_span(clauses: Sequence[DraftClause], index: int) -> tuple[int, int]:
    """The units of the division whose heading is at `index`: from it up to the next
    heading of the same or a higher rank (Article 4 ends at Article 5 or at Part II)."""
    rank = heading_division(clauses[index].label)[1]
    end = next((i for i in range(index + 1, len(clauses)) if clauses[i].is_heading
                and heading_division(clauses[i].label)[1] <= rank), len(clauses))
    return index, end


def move_division(draft: Draft, uid: str, step: int) -> Draft:
    """Move the division headed by `uid` (heading, paragraphs, sub-divisions) past the
    previous (`step` -1) or the next (+1) division of its rank in the same one above it,
    as an outline view moves a heading with what it holds. The divisions keep their
    labels (an Article moved keeps its number until renamed, as a clause keeps "bis")."""
    clauses = draft.clauses
    index = next((i for i, c in enumerate(clauses) if c.uid == uid), None)
    if index is None:
        raise DsrError("no such unit in the draft")
    heading = clauses[index]
    if not heading.is_heading:
        raise DsrError(f"{heading.label or 'this unit'} is a paragraph: only a heading "
                       "moves with its division")
    rank = heading_division(heading.label)[1]
    start, end = division_span(clauses, index)
    name = heading.label or heading.text
    if step < 0:
        # the previous sibling: the nearest heading of the rank above, within the parent
        sibling = next((i for i in range(start - 1, -1, -1) if clauses[i].is_heading
                        and heading_division(clauses[i].label)[1] <= rank), None)
        if sibling is None or heading_division(clauses[sibling].label)[1] != rank:
            raise DsrError(f"{name} is the first division of its rank where it stands")
        order = (*clauses[:sibling], *clauses[start:end], *clauses[sibling:start],
                 *clauses[end:])
        near = (sibling, end - 1)
    else:
        if end >= len(clauses) or heading_division(clauses[end].label)[1] != rank:
            raise DsrError(f"{name} is the last division of its rank where it stands")
        after = division_span(clauses, end)[1]
        order = (*clauses[:start], *clauses[end:after], *clauses[start:end], *clauses[after:])
        near = (start, after - 1)
    return number_in_order(replace(draft, clauses=tuple(order)), near=near)


def _numbered_from(units: Sequence[DraftClause], first: int) -> bool:
    """True when `units` are paragraphs (not preambular) labelled first, first + 1, …"""
    return list(map(_LABEL, units)) == list(map(str, range(first, first + len(units)))) \
        and set(map(_KIND, units)) <= _NUMBERED_KINDS


_LABEL, _KIND = attrgetter("label"), attrgetter("kind")


def move_in_order(draft: Draft, uid: str, new_index: int) -> Draft:
    """Move a unit and number the divisions it left and entered in order, "bis" kept."""
    index = next(i for i, c in enumerate(draft.clauses) if c.uid == uid)
    new_index = max(0, min(new_index, len(draft.clauses) - 1))
    return number_in_order(move_clause(draft, uid, new_index), near=(index, new_index))


def _free_inserted_label(used: set[str], base: str) -> str:
    for suffix in _LATIN:
        if f"{base} {suffix}" not in used:
            return f"{base} {suffix}"
    n = len(_LATIN) + 2  # the 21st paragraph inserted after one: "12 (21)"
    while f"{base} ({n})" in used:
        n += 1
    return f"{base} ({n})"


# ---------------------------------------------------------------- edits (pure)

def new_draft(title: str, symbol: str = "", date: str = "", place: str = "",
              preamble: str = "") -> Draft:
    if not title.strip():
        raise DsrError("a draft needs a title")
    draft = Draft(title=title.strip(), symbol=symbol, date=date or today(), place=place)
    return set_preamble(draft, preamble) if preamble.strip() else draft


def draft_from_text(initiative: Initiative, title: str = "", symbol: str = "", date: str = "",
                    place: str = "") -> Draft:
    """A new draft holding a whole text (last session's resolution, a treaty to amend): its
    preambular paragraphs, division headings and units with their numbers and provenance;
    the title is the text's unless another is given."""
    draft = new_draft(title or initiative.title or initiative.id, symbol=symbol, date=date,
                      place=place)
    return replace(draft, clauses=units_from_initiative(initiative))


def set_metadata(draft: Draft, **changes: Any) -> Draft:
    allowed = {"title", "symbol", "date", "place", "preamble"}
    bad = set(changes) - allowed
    if bad:
        raise ValueError(f"not editable metadata: {sorted(bad)}")
    if "preamble" in changes:
        draft = set_preamble(draft, changes.pop("preamble"))
    return replace(draft, **changes) if changes else draft


def set_preamble(draft: Draft, text: str) -> Draft:
    """The preambular paragraphs as one text, a paragraph per line (or between blank lines):
    paragraphs are matched to the existing ones by position, so an edit to one keeps the
    others' status, proposers and reservations; new ones go after the last."""
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n", text) if p.strip()]
    old = [c for c in draft.clauses if c.kind is DraftKind.PREAMBULAR and not c.deleted]
    replaced = {c.uid: (replace(c, text=paragraphs[i]) if c.text != paragraphs[i] else c)
                for i, c in enumerate(old) if i < len(paragraphs)}
    gone = {c.uid for c in old[len(paragraphs):]}
    clauses = [replaced.get(c.uid, c) for c in draft.clauses if c.uid not in gone]
    extra = [DraftClause(new_uid(), p, "", kind=DraftKind.PREAMBULAR)
             for p in paragraphs[len(old):]]
    at = preamble_end(clauses)
    clauses[at:at] = extra
    return number_in_order(replace(draft, clauses=tuple(clauses)))


def preamble_end(clauses: list[DraftClause] | tuple[DraftClause, ...]) -> int:
    """Where a new preambular paragraph goes: after the last one, else before the body."""
    last = max((i for i, c in enumerate(clauses) if c.kind in (DraftKind.PREAMBULAR,
                                                               DraftKind.FORMULA)
                and i < body_start(clauses)), default=-1)
    return last + 1 if last >= 0 else body_start(clauses)


def body_start(clauses: list[DraftClause] | tuple[DraftClause, ...]) -> int:
    """Where the body begins: the first unit that is neither preambular nor a formula."""
    return next((i for i, c in enumerate(clauses)
                 if c.kind not in (DraftKind.PREAMBULAR, DraftKind.FORMULA)), len(clauses))


def _replace_clause(draft: Draft, uid: str, **changes: Any) -> Draft:
    draft.clause(uid)  # KeyError for an unknown uid
    return replace(draft, clauses=tuple(
        replace(c, **changes) if c.uid == uid else c for c in draft.clauses))


def add_clause(draft: Draft, text: str, provenance: Provenance | None = None,
               proposers: Iterable[str] = (), after: str | None = None,
               uid: str | None = None, kind: DraftKind | str = DraftKind.OPERATIVE,
               label: str | None = None) -> Draft:
    """Add a unit: appended where units of its kind go (a preambular paragraph after the
    last one, anything else at the end) with the automatic number, or inserted after unit
    `after` ("12 bis"). A heading's `label` is the division's ("Article 4")."""
    text = " ".join(text.split())
    kind = DraftKind(kind)
    if after is None:
        clause = DraftClause(uid or new_uid(), text,
                             label if label is not None else next_label(draft, kind),
                             provenance, proposers=tuple(proposers), kind=kind)
        if kind is DraftKind.PREAMBULAR:
            clauses = list(draft.clauses)
            clauses.insert(preamble_end(clauses), clause)
            return replace(draft, clauses=tuple(clauses))
        return replace(draft, clauses=(*draft.clauses, clause))
    index = next(i for i, c in enumerate(draft.clauses) if c.uid == after)
    if label is None:
        label = "" if kind not in (*_NUMBERED_KINDS, DraftKind.PREAMBULAR) else \
            inserted_label(draft, draft.clauses[index].label)
    clause = DraftClause(uid or new_uid(), text, label, provenance,
                         proposers=tuple(proposers), kind=kind)
    clauses = list(draft.clauses)
    clauses.insert(index + 1, clause)
    return replace(draft, clauses=tuple(clauses))


def edit_clause_text(draft: Draft, uid: str, text: str) -> Draft:
    return _replace_clause(draft, uid, text=" ".join(text.split()))


def set_label(draft: Draft, uid: str, label: str) -> Draft:
    return _replace_clause(draft, uid, label=label.strip())


def set_status(draft: Draft, uid: str, status: Status | str) -> Draft:
    return _replace_clause(draft, uid, status=Status(status))


def set_proposers(draft: Draft, uid: str, proposers: Iterable[str]) -> Draft:
    return _replace_clause(draft, uid, proposers=tuple(proposers))


def add_alternative(draft: Draft, uid: str, text: str, proposers: Iterable[str] = ()) -> Draft:
    c = draft.clause(uid)
    alt = Alternative(" ".join(text.split()), tuple(proposers))
    return _replace_clause(draft, uid, alternatives=(*c.alternatives, alt))


def remove_alternative(draft: Draft, uid: str, index: int) -> Draft:
    c = draft.clause(uid)
    alts = list(c.alternatives)
    del alts[index]
    return _replace_clause(draft, uid, alternatives=tuple(alts))


def add_reservation(draft: Draft, uid: str, delegation: str, text: str) -> Draft:
    c = draft.clause(uid)
    return _replace_clause(draft, uid,
                           reservations=(*c.reservations, Reservation(delegation, text)))


def remove_reservation(draft: Draft, uid: str, index: int) -> Draft:
    c = draft.clause(uid)
    res = list(c.reservations)
    del res[index]
    return _replace_clause(draft, uid, reservations=tuple(res))


def delete_clause(draft: Draft, uid: str, by: Iterable[str] = ()) -> Draft:
    """Mark a clause deleted: it stays in the draft and is struck through in negotiation."""
    return _replace_clause(draft, uid, deleted=True, deleted_by=tuple(by))


def restore_clause(draft: Draft, uid: str) -> Draft:
    return _replace_clause(draft, uid, deleted=False, deleted_by=())


def move_clause(draft: Draft, uid: str, new_index: int) -> Draft:
    clauses = list(draft.clauses)
    index = next(i for i, c in enumerate(clauses) if c.uid == uid)
    clause = clauses.pop(index)
    clauses.insert(max(0, min(new_index, len(clauses))), clause)
    return replace(draft, clauses=tuple(clauses))


def add_signatory(draft: Draft, signatory: DraftSignatory) -> Draft:
    """Add (or update, by code) a signatory."""
    others = tuple(s for s in draft.signatories if s.code != signatory.code)
    if len(others) == len(draft.signatories):
        return replace(draft, signatories=(*draft.signatories, signatory))
    return replace(draft, signatories=tuple(
        signatory if s.code == signatory.code else s for s in draft.signatories))


def remove_signatory(draft: Draft, code: str) -> Draft:
    return replace(draft, signatories=tuple(s for s in draft.signatories if s.code != code))


def revise(draft: Draft, note: str = "", date: str = "") -> Draft:
    """Freeze the text as it stands under its revision number and open the next revision.

    The first call keeps Rev.0 (the original L.1 text); the draft then becomes Rev.1, and so on.
    """
    snap = RevisionSnapshot(draft.revision, date or today(), note, draft.title, draft.clauses,
                            draft.signatories)
    kept = tuple(s for s in draft.revisions if s.number != draft.revision)
    return replace(draft, revision=draft.revision + 1, revisions=(*kept, snap),
                   date=date or today())


# ---------------------------------------------------------------- validation

@dataclass(frozen=True, slots=True)
class ClauseBracketError:
    label: str
    where: str  # "" for the clause text, "Alt 1" for an alternative
    error: BracketError

    def __str__(self) -> str:
        where = f" {self.where}" if self.where else ""
        return f"clause {self.label}{where}: {self.error}"


def validate_draft(draft: Draft) -> list[ClauseBracketError]:
    """Unbalanced brackets anywhere in the draft, naming the clause label and the position."""
    out: list[ClauseBracketError] = []
    for c in draft.clauses:
        out.extend(ClauseBracketError(c.label, "", e) for e in validate(c.text))
        for i, alt in enumerate(c.alternatives, 1):
            out.extend(ClauseBracketError(c.label, f"Alt {i}", e) for e in validate(alt.text))
    return out
