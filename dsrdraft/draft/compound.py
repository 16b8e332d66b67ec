"""Compound edits the desktop application offers, built from the pure edits of `model`.

Each returns a new Draft (and, where clauses are created, their uids) so the GUI wraps it in
one undo command: library clauses added at a position, a clause's text replaced by a library
clause, a clause moved with the negotiating numbering kept, a kept revision restored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from dsrdraft.draft import model as dm
from dsrdraft.draft.model import Draft, DraftKind, Provenance


@dataclass(frozen=True, slots=True)
class LibraryClauseRef:
    """A unit of a library initiative, as dragged or picked from the library: its address
    (`number`: "PP3", "12", "4.19"; a heading's division label) and its kind."""

    library_id: str
    number: str
    text: str
    language: str = "en"
    kind: str = "operative"  # a library kind: UnitKind value, "heading" or "translation"

    @classmethod
    def from_dict(cls, data: dict[str, str]) -> LibraryClauseRef:
        return cls(data["id"], data["number"], data["text"], data.get("language", "en"),
                   data.get("kind", "operative"))

    def to_dict(self) -> dict[str, str]:
        return {"id": self.library_id, "number": self.number, "text": self.text,
                "language": self.language, "kind": self.kind}

    @property
    def draft_kind(self) -> DraftKind:
        """What it becomes in a draft (a translation is taken as an operative paragraph)."""
        try:
            return DraftKind(self.kind)
        except ValueError:
            return DraftKind.OPERATIVE


def add_library_clauses(draft: Draft, refs: Sequence[LibraryClauseRef], row: int | None = None,
                        uids: Sequence[str] | None = None) -> tuple[Draft, list[str]]:
    """Add library units where their kind goes (preambular paragraphs after the last one,
    the rest at the end), or from position `row` on (then numbered in order).

    A preambular paragraph never lands in the body, nor another unit in the preamble: a drop
    across that line stops at the end of the preamble.
    """
    made = list(uids) if uids is not None else [dm.new_uid() for _ in refs]
    out = draft
    for ref, uid in zip(refs, made, strict=True):
        kind = ref.draft_kind
        out = dm.add_clause(out, ref.text, Provenance(ref.library_id, ref.number), uid=uid,
                            kind=kind, label=ref.number if kind is DraftKind.HEADING else None)
    if row is not None and 0 <= row < len(draft.clauses):
        preamble_end = dm.preamble_end(draft.clauses)
        anchor = draft.clauses[row].uid
        for ref, uid in zip(refs, made, strict=True):
            preambular = ref.draft_kind is DraftKind.PREAMBULAR
            if preambular and row > preamble_end:
                continue  # already at the end of the preamble
            before = anchor if preambular or row >= preamble_end else (
                draft.clauses[preamble_end].uid if preamble_end < len(draft.clauses) else None)
            if before is None:
                continue  # at the end, where it was added
            clauses = [c for c in out.clauses if c.uid != uid]
            at = next(i for i, c in enumerate(clauses) if c.uid == before)
            out = dm.move_clause(out, uid, at)
        out = dm.number_in_order(out)
    return out, made


def add_description(refs: Sequence[LibraryClauseRef]) -> str:
    """The undo text of adding `refs`: "Add clause ID:N" or "Add 3 clauses"."""
    if len(refs) == 1:
        what = "preambular paragraph" if refs[0].draft_kind is DraftKind.PREAMBULAR else \
            "clause"
        return f"Add {what} {refs[0].library_id}:{refs[0].number}"
    return f"Add {len(refs)} clauses"


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
