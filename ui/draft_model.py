"""The open draft: a document object (draft value, undo stack, file path) and its item model.

`DraftDocument` owns the current immutable `Draft` and the `QUndoStack`; every change goes
through `DraftDocument.apply`, which pushes a `DraftCommand`. `DraftClauseModel` is a thin
table adapter over the document's clauses; edits and drops become commands, never in-place
changes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import (
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QUndoStack

from dsrdraft.draft import model as dm
from dsrdraft.draft.brackets import validate
from dsrdraft.draft.model import Draft, DraftClause, Provenance, Status
from dsrdraft_ui.commands import DraftCommand, MetadataCommand
from dsrdraft_ui.table_model import ColumnTableModel, ModelIndex
from dsrdraft_ui.textdir import is_rtl

CLAUSE_REF_MIME = "application/x-dsrdraft-clause-ref"  # from the library: id, number, text
DRAFT_ROW_MIME = "application/x-dsrdraft-draft-uid"  # a clause of this draft being moved

STATUS_COLOURS = {
    Status.OPEN: QColor("#ffffff"),
    Status.AD_REFERENDUM: QColor("#fff1a8"),
    Status.AGREED: QColor("#cdeccb"),
}
STATUS_NAMES = {
    Status.OPEN: "Open",
    Status.AD_REFERENDUM: "Agreed ad ref.",
    Status.AGREED: "Agreed",
}


def untitled_draft() -> Draft:
    return dm.new_draft("Untitled draft")


def clause_refs_to_mime(refs: list[dict[str, str]]) -> QMimeData:
    """MIME data for clauses dragged out of the library: [{id, number, text, language}]."""
    mime = QMimeData()
    mime.setData(CLAUSE_REF_MIME, QByteArray(json.dumps(refs, ensure_ascii=False).encode()))
    mime.setText("\n\n".join(r["text"] for r in refs))
    return mime


def clause_refs_from_mime(mime: QMimeData) -> list[dict[str, str]]:
    if not mime.hasFormat(CLAUSE_REF_MIME):
        return []
    try:
        data = json.loads(bytes(mime.data(CLAUSE_REF_MIME).data()).decode())
    except (ValueError, UnicodeDecodeError):
        return []
    return [r for r in data if isinstance(r, dict) and {"id", "number", "text"} <= r.keys()]


class DraftDocument(QObject):
    """The draft being edited, its undo stack and its file."""

    changed = Signal(object, object)  # new Draft, uid to select (or None)
    path_changed = Signal(object)  # Path | None

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.draft: Draft = untitled_draft()
        self.path: Path | None = None
        self.undo_stack = QUndoStack(self)

    # ------------------------------------------------------------ state

    def set_draft(self, draft: Draft, select: str | None = None) -> None:
        """Called by the commands only (and by `reset`)."""
        self.draft = draft
        self.changed.emit(draft, select)

    def reset(self, draft: Draft, path: Path | None, *, modified: bool = False) -> None:
        """A new, opened or recovered draft: history cleared."""
        self.undo_stack.clear()
        self.path = path
        self.set_draft(draft)
        if modified:
            # Recovered text differs from the file: one undoable step marks it as unsaved.
            self.undo_stack.resetClean()
        self.path_changed.emit(path)

    def set_path(self, path: Path | None) -> None:
        self.path = path
        self.path_changed.emit(path)

    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    # ------------------------------------------------------------ edits

    def apply(self, text: str, edit: Callable[[Draft], Draft],
              select: str | None = None) -> bool:
        """Push a command that replaces the draft by `edit(draft)`; False if nothing changed."""
        new = edit(self.draft)
        if new == self.draft:
            return False
        self.undo_stack.push(DraftCommand(self, self.draft, new, text, select))
        return True

    def set_field(self, field: str, value: str) -> None:
        labels = {"title": "title", "symbol": "symbol", "date": "date", "place": "place",
                  "preamble": "preamble"}
        if getattr(self.draft, field) == value:
            return
        new = dm.set_metadata(self.draft, **{field: value})
        self.undo_stack.push(MetadataCommand(self, self.draft, new, field, labels[field]))

    def add_from_library(self, refs: list[dict[str, str]], row: int | None = None) -> list[str]:
        """Add library clauses (at `row`, or at the end) as one command; the new uids."""
        if not refs:
            return []
        draft = self.draft
        uids: list[str] = []
        for ref in refs:
            uid = dm.new_uid()
            draft = dm.add_clause(draft, ref["text"], Provenance(ref["id"], ref["number"]),
                                  uid=uid)
            uids.append(uid)
        if row is not None and 0 <= row < len(self.draft.clauses):
            for offset, uid in enumerate(uids):
                draft = dm.move_clause(draft, uid, row + offset)
            draft = dm.number_in_order(draft)
        what = (f"Add clause {refs[0]['id']}:{refs[0]['number']}" if len(refs) == 1
                else f"Add {len(refs)} clauses")
        self.undo_stack.push(DraftCommand(self, self.draft, draft, what, uids[-1]))
        return uids

    def move(self, uid: str, new_index: int) -> bool:
        """Move a clause and number the draft in order, "bis" clauses kept (one command)."""
        label = self.draft.clause(uid).label
        new_index = max(0, min(new_index, len(self.draft.clauses) - 1))
        return self.apply(f"Move clause {label}",
                          lambda d: dm.number_in_order(dm.move_clause(d, uid, new_index)), uid)


class DraftClauseModel(ColumnTableModel):
    """The clauses of a DraftDocument as a table: label, text, status, proposers, source."""

    COLUMNS: ClassVar[list[str]] = ["No.", "Text", "Status", "Proposers", "Source"]
    LABEL, TEXT, STATUS, PROPOSERS, SOURCE = range(5)
    UidRole = Qt.ItemDataRole.UserRole + 1
    ErrorsRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, document: DraftDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._clauses: tuple[DraftClause, ...] = document.draft.clauses
        document.changed.connect(self._on_draft_changed)

    # ------------------------------------------------------------ sync with the document

    def _on_draft_changed(self, draft: Draft, _select: object) -> None:
        old, new = self._clauses, draft.clauses
        old_uids, new_uids = [c.uid for c in old], [c.uid for c in new]
        if old_uids == new_uids:
            self._clauses = new
            changed = [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]
            if changed:
                self.dataChanged.emit(self.index(min(changed), 0),
                                      self.index(max(changed), len(self.COLUMNS) - 1))
        elif sorted(old_uids) == sorted(new_uids):
            self.layoutAboutToBeChanged.emit()
            persistent = self.persistentIndexList()
            uids = [old_uids[p.row()] for p in persistent]
            self._clauses = new
            position = {u: i for i, u in enumerate(new_uids)}
            self.changePersistentIndexList(
                persistent, [self.index(position[u], p.column()) for p, u in
                             zip(persistent, uids, strict=True)])
            self.layoutChanged.emit()
        else:
            self.beginResetModel()
            self._clauses = new
            self.endResetModel()

    # ------------------------------------------------------------ reading

    def clause_at(self, row: int) -> DraftClause:
        return self._clauses[row]

    def row_of(self, uid: str) -> int:
        return next((i for i, c in enumerate(self._clauses) if c.uid == uid), -1)

    def row_count(self) -> int:
        return len(self._clauses)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._clauses):
            return None
        c = self._clauses[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col == self.LABEL:
                return c.label + (f"\n+{len(c.alternatives)} Alt" if c.alternatives and
                                  role == Qt.ItemDataRole.DisplayRole else "")
            if col == self.TEXT:
                return c.text
            if col == self.STATUS:
                return "Deleted" if c.deleted else STATUS_NAMES[c.status]
            if col == self.PROPOSERS:
                return ", ".join(c.proposers)
            if col == self.SOURCE:
                return str(c.provenance) if c.provenance else "new"
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = []
            if c.provenance:
                parts.append(f"From {c.provenance}")
            if c.proposers:
                parts.append("Proposed by " + ", ".join(c.proposers))
            parts += [f"Alt {i}: {a.text}" for i, a in enumerate(c.alternatives, 1)]
            parts += [f"Reservation ({r.delegation}): {r.text}" for r in c.reservations]
            parts += [f"Bracket error: {e}" for e in validate(c.text)]
            return "\n".join(parts) or None
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(STATUS_COLOURS[c.status])
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor("#7a7a7a") if c.deleted else QColor("#1a1a1a"))
        if role == Qt.ItemDataRole.FontRole and c.deleted:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col == self.TEXT and is_rtl(c.text):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        if role == self.UidRole:
            return c.uid
        if role == self.ErrorsRole:
            return [str(e) for e in validate(c.text)]
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsDropEnabled
        if not index.isValid():
            return base
        flags = (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                 | Qt.ItemFlag.ItemIsDragEnabled)
        if index.column() in (self.LABEL, self.TEXT, self.PROPOSERS):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    # ------------------------------------------------------------ editing (as commands)

    def setData(self, index: ModelIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        c = self._clauses[index.row()]
        value = str(value)
        col = index.column()
        if col == self.TEXT:
            return self.document.apply(f"Edit clause {c.label}",
                                       lambda d: dm.edit_clause_text(d, c.uid, value), c.uid)
        if col == self.LABEL:
            if not value.strip():
                return False
            return self.document.apply(f"Renumber clause {c.label}",
                                       lambda d: dm.set_label(d, c.uid, value), c.uid)
        if col == self.PROPOSERS:
            codes = parse_codes(value)
            return self.document.apply(f"Set proposers of clause {c.label}",
                                       lambda d: dm.set_proposers(d, c.uid, codes), c.uid)
        return False

    # ------------------------------------------------------------ drag and drop

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction | Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [DRAFT_ROW_MIME, CLAUSE_REF_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        mime = QMimeData()
        if rows:
            uid = self._clauses[rows[0]].uid
            mime.setData(DRAFT_ROW_MIME, QByteArray(uid.encode()))
            mime.setText(self._clauses[rows[0]].text)
        return mime

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: ModelIndex) -> bool:
        return data.hasFormat(DRAFT_ROW_MIME) or data.hasFormat(CLAUSE_REF_MIME)

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: ModelIndex) -> bool:
        if action == Qt.DropAction.IgnoreAction:
            return True
        if row < 0:
            row = parent.row() if parent.isValid() else len(self._clauses)
        if data.hasFormat(DRAFT_ROW_MIME):
            uid = bytes(data.data(DRAFT_ROW_MIME).data()).decode()
            current = self.row_of(uid)
            if current < 0:
                return False
            target = row - 1 if row > current else row
            if target == current:
                return False
            # The command moves it; the base removeRows() is a no-op, so the view's
            # "remove the source after a move" step leaves the draft alone.
            return self.document.move(uid, target)
        refs = clause_refs_from_mime(data)
        if not refs:
            return False
        self.document.add_from_library(refs, row)
        return True


def parse_codes(value: str) -> list[str]:
    """"chn, lao; G77/China" -> ["CHN", "LAO", "G77/China"] (alpha-3 codes upper-cased)."""
    out: list[str] = []
    for part in value.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        code = part.upper() if len(part) == 3 and part.isalpha() else part
        if code not in out:
            out.append(code)
    return out
