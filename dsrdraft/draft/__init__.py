"""Negotiated drafts: the model, the bracket parser, and draft files."""

from dsrdraft.draft.model import (
    Alternative,
    Draft,
    DraftClause,
    DraftKind,
    DraftSignatory,
    Provenance,
    Reservation,
    RevisionSnapshot,
    Status,
)

__all__ = ["Alternative", "Draft", "DraftClause", "DraftKind", "DraftSignatory", "Provenance",
           "Reservation", "RevisionSnapshot", "Status"]
