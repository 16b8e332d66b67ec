"""The negotiated draft: immutable data and pure edit functions.

Every edit returns a new :class:`Draft` (``dataclasses.replace``), so the GUI can wrap each in
an undo command that keeps the old value.
"""

from __future__ import annotations

import datetime as _dt
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from dsrdraft.draft.brackets import BracketError, validate
from dsrdraft.errors import DsrError
from dsrdraft.model import Clause, Initiative, Signatory


class Status(StrEnum):
    OPEN = "open"
    AD_REFERENDUM = "ad_referendum"
    AGREED = "agreed"


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
    preamble: str
    clauses: tuple[DraftClause, ...]
    signatories: tuple[DraftSignatory, ...]


@dataclass(frozen=True, slots=True)
class Draft:
    title: str
    symbol: str = ""
    revision: int = 0
    date: str = ""
    place: str = ""
    preamble: str = ""
    clauses: tuple[DraftClause, ...] = ()
    signatories: tuple[DraftSignatory, ...] = ()
    revisions: tuple[RevisionSnapshot, ...] = ()

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
        return replace(self, title=snap.title, preamble=snap.preamble, clauses=snap.clauses,
                       signatories=snap.signatories, revision=snap.number, date=snap.date)

    def to_initiative(self, id: str = "") -> Initiative:
        """A read-only Initiative view (deleted clauses left out, brackets kept) for compare."""
        return Initiative(
            id=id or self.full_symbol or self.title,
            title=self.title,
            language="en",
            preamble=self.preamble,
            clauses=tuple(Clause(c.label, _heading(c.text), c.text)
                          for c in self.clauses if not c.deleted),
            signatories=tuple(Signatory(s.code, _country_name(s.code)) for s in self.signatories),
            date=self.date or None,
            place=self.place or None,
        )


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
          "decies"]


def _base_number(label: str) -> int | None:
    m = re.match(r"\s*(\d+)", label)
    return int(m.group(1)) if m else None


def next_label(draft: Draft) -> str:
    """The automatic number for a clause appended at the end."""
    numbers = [n for c in draft.clauses if (n := _base_number(c.label)) is not None]
    return str(max(numbers, default=0) + 1)


def inserted_label(draft: Draft, after_label: str) -> str:
    """"12 bis", then "12 ter", … for a clause inserted after clause 12 while negotiating."""
    base = after_label.split()[0] if after_label.strip() else "0"
    return _free_inserted_label({c.label for c in draft.clauses}, base)


def renumber(draft: Draft) -> Draft:
    """Final numbering: live clauses become 1, 2, 3…; deleted clauses keep their old label."""
    out: list[DraftClause] = []
    n = 0
    for c in draft.clauses:
        if c.deleted:
            out.append(c)
        else:
            n += 1
            out.append(replace(c, label=str(n)))
    return replace(draft, clauses=tuple(out))


_PLAIN_LABEL = re.compile(r"\s*\d+\s*$")


def number_in_order(draft: Draft) -> Draft:
    """Automatic numbering while negotiating, after a move or an insertion by position.

    Clauses with a plain number are numbered 1, 2, 3… in document order (deleted ones too:
    they stay in the negotiation text, struck through). A clause inserted while negotiating
    keeps its kind of label ("bis", "ter", "Alt"), re-attached to the clause now before it,
    so "12 bis" stays an inserted clause until `renumber` gives the final numbers.
    """
    out: list[DraftClause] = []
    n = 0
    used: set[str] = set()
    for c in draft.clauses:
        if _PLAIN_LABEL.match(c.label) or not c.label.strip():
            n += 1
            label = str(n)
        else:
            suffix = c.label.split(None, 1)[1] if " " in c.label.strip() else "bis"
            label = f"{n} {suffix}" if n else f"0 {suffix}"
            if label in used:  # two inserted clauses now after the same one
                label = _free_inserted_label(used, str(n))
        used.add(label)
        out.append(c if c.label == label else replace(c, label=label))
    return replace(draft, clauses=tuple(out))


def _free_inserted_label(used: set[str], base: str) -> str:
    for suffix in _LATIN:
        if f"{base} {suffix}" not in used:
            return f"{base} {suffix}"
    n = len(_LATIN) + 2
    while f"{base}.{n}" in used:
        n += 1
    return f"{base}.{n}"


# ---------------------------------------------------------------- edits (pure)

def new_draft(title: str, symbol: str = "", date: str = "", place: str = "",
              preamble: str = "") -> Draft:
    if not title.strip():
        raise DsrError("a draft needs a title")
    return Draft(title=title.strip(), symbol=symbol, date=date or today(), place=place,
                 preamble=preamble)


def set_metadata(draft: Draft, **changes: Any) -> Draft:
    allowed = {"title", "symbol", "date", "place", "preamble"}
    bad = set(changes) - allowed
    if bad:
        raise ValueError(f"not editable metadata: {sorted(bad)}")
    return replace(draft, **changes)


def _replace_clause(draft: Draft, uid: str, **changes: Any) -> Draft:
    draft.clause(uid)  # KeyError for an unknown uid
    return replace(draft, clauses=tuple(
        replace(c, **changes) if c.uid == uid else c for c in draft.clauses))


def add_clause(draft: Draft, text: str, provenance: Provenance | None = None,
               proposers: Iterable[str] = (), after: str | None = None,
               uid: str | None = None) -> Draft:
    """Append a clause (automatic number) or insert it after clause `after` ("12 bis")."""
    text = " ".join(text.split())
    if after is None:
        clause = DraftClause(uid or new_uid(), text, next_label(draft), provenance,
                             proposers=tuple(proposers))
        return replace(draft, clauses=(*draft.clauses, clause))
    index = next(i for i, c in enumerate(draft.clauses) if c.uid == after)
    clause = DraftClause(uid or new_uid(), text,
                         inserted_label(draft, draft.clauses[index].label), provenance,
                         proposers=tuple(proposers))
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
    snap = RevisionSnapshot(draft.revision, date or today(), note, draft.title, draft.preamble,
                            draft.clauses, draft.signatories)
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
