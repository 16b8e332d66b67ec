"""Revisions: save the draft as the next Rev. with a note, list them, compare, restore.

"Save as next Rev." is an undoable command (`dsrdraft.draft.model.revise` through the
`DraftDocument`). Comparing asks the compare view (by signal) to show two texts: two selected
revisions, or one revision against the current draft. Restoring hands the main window a new
draft holding the text of that revision.
"""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import (
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dsrdraft.draft import model as dm
from dsrdraft.draft.changes import DraftChanges, sequence_changes
from dsrdraft.draft.compound import restored_draft
from dsrdraft.draft.model import Draft, RevisionSnapshot
from dsrdraft.sources import CURRENT_DRAFT, revision_key
from dsrdraft_ui.draft_model import DraftDocument
from dsrdraft_ui.model_sync import sync_rows
from dsrdraft_ui.table_model import NO_FLAGS, SELECTABLE, ColumnTableModel, ModelIndex


def _number(snap: RevisionSnapshot) -> int:
    return snap.number


class RevisionsModel(ColumnTableModel):
    """Kept revisions, oldest first, then the current text (the revision being worked on)."""

    COLUMNS: ClassVar[list[str]] = ["Rev.", "Date", "Clauses", "Note"]
    REV, DATE, CLAUSES, NOTE = range(4)
    KeyRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, document: DraftDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._snaps, self._current = self._rows_of(document.draft)
        self._counted: tuple[Draft | None, int] = (None, 0)
        document.changed.connect(self._on_draft_changed)

    @staticmethod
    def _rows_of(draft: Draft) -> tuple[list[RevisionSnapshot], Draft]:
        return sorted(draft.revisions, key=lambda s: s.number), draft

    def _on_draft_changed(self, draft: Draft, changes: DraftChanges, _select: object) -> None:
        snaps, _ = self._rows_of(draft)
        if changes.replaced:
            self.beginResetModel()
            self._snaps, self._current = snaps, draft
            self.endResetModel()
            return
        if not changes.revisions.empty:
            sync_rows(self, self._snaps, snaps, sequence_changes(self._snaps, snaps, _number),
                      _number)
        shown = self._live_count()
        self._current = draft
        # The current text's row shows its clause count, date and Rev.: repainted when one
        # of them changed (not for a move or a status change, which change none).
        if changes.fields or ((changes.clauses.added or changes.clauses.removed
                               or changes.clauses.changed) and self._live_count() != shown):
            last = len(self._snaps)
            self.dataChanged.emit(self.index(last, 0), self.index(last, len(self.COLUMNS) - 1))

    def _live_count(self) -> int:
        d = self._current
        if self._counted[0] is not d:
            self._counted = (d, dm.live_count(d.clauses))
        return self._counted[1]

    def key_at(self, row: int) -> str:
        return CURRENT_DRAFT if row == len(self._snaps) else revision_key(self._snaps[row].number)

    def row_count(self) -> int:
        return len(self._snaps) + 1

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        row, col = index.row(), index.column()
        current = row == len(self._snaps)
        if role == Qt.ItemDataRole.DisplayRole:
            if current:
                d = self._current
                return {self.REV: f"Rev.{d.revision} (current)", self.DATE: d.date or "",
                        self.CLAUSES: str(self._live_count()),
                        self.NOTE: "being edited"}.get(col)
            s = self._snaps[row]
            return {self.REV: f"Rev.{s.number}", self.DATE: s.date,
                    self.CLAUSES: str(dm.live_count(s.clauses)),
                    self.NOTE: s.note}.get(col)
        if role == self.KeyRole:
            return self.key_at(row)
        if role == Qt.ItemDataRole.FontRole and current:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return NO_FLAGS
        return SELECTABLE


class RevisionsPanel(QWidget):
    compare_requested = Signal(str, str)  # left key, right key (see dsrdraft.sources)
    restore_requested = Signal(object)  # the restored Draft
    status_message = Signal(str)
    saved = Signal(int)  # the revision number kept

    def __init__(self, document: DraftDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("RevisionsPanel")
        self.document = document
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("revisionNote")
        self.note_edit.setPlaceholderText("Note for this revision (e.g. after the second "
                                          "reading)")
        self.note_edit.returnPressed.connect(self.save_revision)
        self.save_button = QPushButton("Save as next &Rev.")
        self.note_edit.setMinimumWidth(120)
        self.save_button.clicked.connect(self.save_revision)
        top = QHBoxLayout()
        top.addWidget(self.note_edit, 1)
        top.addWidget(self.save_button)

        self.model = RevisionsModel(document, self)
        self.table = QTableView()
        self.table.setObjectName("revisionsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _i: self.compare_selected())

        self.compare_button = QPushButton("&Compare")
        self.compare_button.setToolTip("Two revisions: compare them; one: compare it with the "
                                       "current text")
        self.compare_button.clicked.connect(self.compare_selected)
        self.restore_button = QPushButton("Restore as &new draft")
        self.restore_button.setToolTip("Open the text of the selected revision as a new, "
                                       "unsaved draft")
        self.restore_button.clicked.connect(self.restore_selected)
        self.hint = QLabel()
        bottom = QHBoxLayout()
        bottom.addWidget(self.compare_button)
        bottom.addWidget(self.restore_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        for signal in (self.model.modelReset, self.model.rowsInserted, self.model.rowsRemoved):
            signal.connect(self._update_buttons)
        self._update_buttons()

    def save_revision(self) -> bool:
        """Keep the text as this revision (one undoable step) and start the next one."""
        draft = self.document.draft
        note = self.note_edit.text().strip()
        if not self.document.apply(f"Save as Rev.{draft.revision + 1}",
                                   lambda d: dm.revise(d, note=note)):
            return False
        self.note_edit.clear()
        self.status_message.emit(f"Kept Rev.{draft.revision}; now editing "
                                 f"Rev.{draft.revision + 1}")
        self.saved.emit(draft.revision)
        return True

    def selected_keys(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.key_at(r) for r in rows]

    def select_keys(self, *keys: str) -> None:
        self.table.clearSelection()
        selection = self.table.selectionModel()
        for r in range(self.model.rowCount()):
            if self.model.key_at(r) in keys:
                selection.select(self.model.index(r, 0),
                                 selection.SelectionFlag.Select | selection.SelectionFlag.Rows)

    def compare_selected(self) -> bool:
        keys = self.selected_keys()
        if len(keys) == 1 and keys[0] != CURRENT_DRAFT:
            keys.append(CURRENT_DRAFT)
        if len(keys) != 2:
            self.status_message.emit("Select one or two revisions to compare")
            return False
        self.compare_requested.emit(keys[0], keys[1])
        return True

    def restore_selected(self) -> bool:
        keys = [k for k in self.selected_keys() if k != CURRENT_DRAFT]
        if len(keys) != 1:
            self.status_message.emit("Select one kept revision to restore")
            return False
        number = int(keys[0].split(":")[1])
        self.restore_requested.emit(restored_draft(self.document.draft, number))
        return True

    def _update_buttons(self, *_args: object) -> None:
        keys = self.selected_keys()
        kept = [k for k in keys if k != CURRENT_DRAFT]
        self.compare_button.setEnabled(len(keys) == 2 or (len(keys) == 1 and bool(kept)))
        self.restore_button.setEnabled(len(kept) == 1 and len(keys) == 1)
        n = self.model.rowCount() - 1
        self.hint.setText(f"{n} kept revision{'s' if n != 1 else ''}" if n
                          else "No revision kept yet")
