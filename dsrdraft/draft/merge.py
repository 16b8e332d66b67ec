"""Three-way merge of two saves of one draft, unit by unit (shared drafts' conflicts).

`base` is the version both sides started from, `theirs` the version saved meanwhile, `mine`
the save that was refused. Edits to different units, or to different fields of a unit, merge
by themselves. The same unit's text edited on both sides keeps the saved text and gains the
refused one as an alternative ("Alt") attributed to its author; any other field both sides set
differently keeps the saved value and is listed in `conflicts`. Nothing is dropped silently.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from typing import Any, TypeVar

from dsrdraft.draft.delegations import delegation
from dsrdraft.draft.model import Alternative, Draft, DraftClause

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class MergeConflict:
    """A field both sides changed differently: the saved value was kept, and `kept_as` says
    where the refused one went ("Alt 2", or "" when it is only reported)."""

    uid: str  # "" for a field of the draft itself
    label: str
    field: str
    mine: Any
    theirs: Any
    kept_as: str = ""

    def __str__(self) -> str:
        where = f"unit {self.label or self.uid}" if self.uid else "the draft"
        fate = f"yours kept as {self.kept_as}" if self.kept_as else "the saved value kept"
        return f"{where}: {self.field} changed on both sides ({fate})"


@dataclass(frozen=True, slots=True)
class MergeResult:
    draft: Draft
    merged: tuple[str, ...]  # uids of units taken from the refused save
    conflicts: tuple[MergeConflict, ...]


def _three(base: T, mine: T, theirs: T) -> tuple[T, bool]:
    """(value, conflict): one side's change wins over an unchanged other side."""
    if mine in (theirs, base):
        return theirs, False
    if theirs == base:
        return mine, False
    return theirs, True


def _union(theirs: Sequence[T], mine: Sequence[T], key: Callable[[T], Any] = lambda x: x
           ) -> tuple[T, ...]:
    seen = {key(x) for x in theirs}
    return (*theirs, *(x for x in mine if key(x) not in seen))


_LISTS = ("alternatives", "reservations", "proposers", "deleted_by")


def _merge_unit(base: DraftClause | None, mine: DraftClause, theirs: DraftClause, author: str,
                conflicts: list[MergeConflict]) -> DraftClause:
    if base is None:  # added on both sides with one uid: cannot happen with random uids
        base = theirs
    changes: dict[str, Any] = {}
    text_conflict = False
    for f in fields(DraftClause):
        name = f.name
        b, m, t = getattr(base, name), getattr(mine, name), getattr(theirs, name)
        value, clash = _three(b, m, t)
        if clash and name in _LISTS:
            value = _union(t, m)
        elif clash and name == "text":
            text_conflict = True
        elif clash:
            conflicts.append(MergeConflict(theirs.uid, theirs.label, name, m, t))
        changes[name] = value
    if text_conflict:
        alternatives = tuple(changes["alternatives"])
        # Attributed to the author when they are a delegation ("CHN", "G77/China"); a
        # user name ("alice") is no proposer, and a draft file refuses it as one.
        who = delegation(author) if author else None
        mine_alt = Alternative(mine.text, (who,) if who else ())
        if all(a.text != mine.text for a in alternatives):
            alternatives = (*alternatives, mine_alt)
        changes["alternatives"] = alternatives
        position = next(n for n, a in enumerate(alternatives, 1) if a.text == mine.text)
        conflicts.append(MergeConflict(theirs.uid, theirs.label, "text", mine.text, theirs.text,
                                       f"Alt {position}"))
    return replace(theirs, **changes)


def merge_drafts(base: Draft, mine: Draft, theirs: Draft, author: str = "") -> MergeResult:
    """`mine` merged into `theirs` (see the module docstring); `author` attributes the
    alternatives made of `mine`'s conflicting texts."""
    old = {c.uid: c for c in base.clauses}
    saved = {c.uid: c for c in theirs.clauses}
    conflicts: list[MergeConflict] = []
    merged: list[str] = []
    units: list[DraftClause] = []
    for unit in theirs.clauses:
        mine_unit = next((c for c in mine.clauses if c.uid == unit.uid), None)
        if mine_unit is None or mine_unit == unit:
            units.append(unit)
            continue
        result = _merge_unit(old.get(unit.uid), mine_unit, unit, author, conflicts)
        if result != unit:
            merged.append(unit.uid)
        units.append(result)
    # Units only in mine: added by me, or deleted meanwhile on the other side after I edited
    # them; each goes after the unit it follows in mine.
    for n, unit in enumerate(mine.clauses):
        if unit.uid in saved or (unit.uid in old and old[unit.uid] == unit):
            continue
        after = next((c.uid for c in reversed(mine.clauses[:n])
                      if any(u.uid == c.uid for u in units)), None)
        at = 0 if after is None else next(i for i, u in enumerate(units) if u.uid == after) + 1
        units.insert(at, unit)
        merged.append(unit.uid)
    changes: dict[str, Any] = {"clauses": tuple(units)}
    for name in ("title", "symbol", "revision", "date", "place"):
        value, clash = _three(getattr(base, name), getattr(mine, name), getattr(theirs, name))
        if clash:
            conflicts.append(MergeConflict("", "", name, getattr(mine, name),
                                           getattr(theirs, name)))
        changes[name] = value
    signatories, clash = _three(base.signatories, mine.signatories, theirs.signatories)
    changes["signatories"] = (_union(theirs.signatories, mine.signatories, lambda s: s.code)
                              if clash else signatories)
    changes["revisions"] = tuple(sorted(_union(theirs.revisions, mine.revisions,
                                               lambda r: r.number), key=lambda r: r.number))
    return MergeResult(replace(theirs, **changes), tuple(merged), tuple(conflicts))
