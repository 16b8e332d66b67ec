"""Compound edits the desktop application offers, built from the pure edits of `model`.

Each returns a new Draft (and, where clauses are created, their uids) so the GUI wraps it in
one undo command: library clauses added at a position, a clause's text replaced by a library
clause, a clause moved with the negotiating numbering kept, a kept revision restored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from dsrdraft.draft import model as dm
from dsrdraft.draft.model import Draft, Provenance


@dataclass(frozen=True, slots=True)
class LibraryClauseRef:
    """A clause of a library initiative, as dragged or picked from the library."""

    library_id: str
    number: str
    text: str
    language: str = "en"

    @classmethod
    def from_dict(cls, data: dict[str, str]) -> LibraryClauseRef:
        return cls(data["id"], data["number"], data["text"], data.get("language", "en"))

    def to_dict(self) -> dict[str, str]:
        return {"id": self.library_id, "number": self.number, "text": self.text,
                "language": self.language}


def add_library_clauses(draft: Draft, refs: Sequence[LibraryClauseRef], row: int | None = None,
                        uids: Sequence[str] | None = None) -> tuple[Draft, list[str]]:
    """Add library clauses at the end, or from position `row` on (then numbered in order)."""
    made = list(uids) if uids is not None else [dm.new_uid() for _ in refs]
    out = draft
    for ref, uid in zip(refs, made, strict=True):
        out = dm.add_clause(out, ref.text, Provenance(ref.library_id, ref.number), uid=uid)
    if row is not None and 0 <= row < len(draft.clauses):
        for offset, uid in enumerate(made):
            out = dm.move_clause(out, uid, row + offset)
        out = dm.number_in_order(out)
    return out, made


def add_description(refs: Sequence[LibraryClauseRef]) -> str:
    """The undo text of adding `refs`: "Add clause ID:N" or "Add 3 clauses"."""
    if len(refs) == 1:
        return f"Add clause {refs[0].library_id}:{refs[0].number}"
    return f"Add {len(refs)} clauses"


def move_in_order(draft: Draft, uid: str, new_index: int) -> Draft:
    """Move a clause and number the draft in order, "bis" clauses kept."""
    new_index = max(0, min(new_index, len(draft.clauses) - 1))
    return dm.number_in_order(dm.move_clause(draft, uid, new_index))


def replace_from_library(draft: Draft, uid: str, ref: LibraryClauseRef) -> Draft:
    """The clause's text becomes the library clause's, which becomes its provenance."""
    edited = dm.edit_clause_text(draft, uid, ref.text)
    provenance = Provenance(ref.library_id, ref.number)
    return replace(edited, clauses=tuple(replace(c, provenance=provenance) if c.uid == uid
                                         else c for c in edited.clauses))


def insert_from_library(draft: Draft, after: str, ref: LibraryClauseRef,
                        uid: str | None = None) -> Draft:
    """The library clause inserted after clause `after` as a "bis" clause."""
    return dm.add_clause(draft, ref.text, Provenance(ref.library_id, ref.number), after=after,
                         uid=uid)


def restored_draft(draft: Draft, number: int) -> Draft:
    """A new draft with the text of revision `number` (its own history starts afresh)."""
    return replace(draft.at_revision(number), revisions=())
