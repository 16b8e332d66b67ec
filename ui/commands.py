"""Undo commands: every user edit of the draft is one QUndoCommand holding old and new Draft.

The core's edit functions are pure (each returns a new Draft), so a command only keeps the two
values and hands one or the other to the document. Typing in a metadata field merges into one
command per field, so Ctrl+Z undoes the whole edit, not one letter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from dsrdraft.draft.changes import DraftChanges, draft_changes
from dsrdraft.draft.model import Draft

if TYPE_CHECKING:
    from dsrdraft_ui.draft_model import DraftDocument

MERGE_METADATA = 1001


class DraftCommand(QUndoCommand):
    """Replace the document's draft by `new` (redo) or `old` (undo).

    `select` is the uid of the clause to show as current after the command (or None).
    """

    def __init__(self, document: DraftDocument, old: Draft, new: Draft, text: str,
                 select: str | None = None, changes: DraftChanges | None = None) -> None:
        super().__init__(text)
        self.document = document
        self.old = old
        self.new = new
        self.select = select
        self.changes = changes  # old -> new, computed once (undo replays it inverted)

    def _changes(self) -> DraftChanges:
        if self.changes is None:
            self.changes = draft_changes(self.old, self.new)
        return self.changes

    def redo(self) -> None:
        self.document.set_draft(self.new, select=self.select, changes=self._changes())

    def undo(self) -> None:
        self.document.set_draft(self.old, select=self.select,
                                changes=self._changes().inverted())


class MetadataCommand(DraftCommand):
    """A change of one metadata field (title, symbol, date, place, preamble); merges."""

    def __init__(self, document: DraftDocument, old: Draft, new: Draft, field: str,
                 label: str) -> None:
        super().__init__(document, old, new, f"Edit {label}")
        self.field = field

    def id(self) -> int:
        return MERGE_METADATA

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, MetadataCommand) or other.field != self.field:
            return False
        self.new = other.new
        self.changes = None
        return True
