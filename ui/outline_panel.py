"""The outline of the open draft: preamble, Parts, Articles and annexes, to jump to.

The entries come from the core (`DraftStructure.outline`, recomputed only by edits that
change the structure); the list follows them with the same row replay as the draft table, so
adding, removing or renaming a heading inserts, removes or repaints one line.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from operator import attrgetter
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from dsrdraft.draft.changes import DraftChanges, sequence_changes
from dsrdraft.draft.model import Draft
from dsrdraft.draft.outline import OutlineEntry, enclosing_entry
from dsrdraft_ui.draft_model import DraftDocument
from dsrdraft_ui.model_sync import sync_rows
from dsrdraft_ui.table_model import NO_FLAGS, SELECTABLE

ModelIndex = QModelIndex | QPersistentModelIndex
_UID = attrgetter("uid")
INDENT = 14  # px per level of nesting
FOLLOW_DELAY_MS = 80  # the outline catches up with the cursor once keys pause
_BOLD_KINDS = frozenset({"preamble", "operative", "part", "chapter", "annex"})


class OutlineModel(QAbstractListModel):
    """The outline entries of a DraftDocument, one row each."""

    UidRole = Qt.ItemDataRole.UserRole + 1
    DepthRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, document: DraftDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._structure = document.structure
        self._entries: list[OutlineEntry] = list(self._structure.outline)
        document.changed.connect(self._on_draft_changed)

    def _on_draft_changed(self, _draft: Draft, changes: DraftChanges, _select: object) -> None:
        structure = self.document.structure
        if structure is self._structure:
            return  # the edit changed no address, depth or heading
        self._structure = structure
        if changes.replaced:
            self.beginResetModel()
            self._entries = list(structure.outline)
            self.endResetModel()
            return
        sync_rows(self, self._entries, structure.outline,
                  sequence_changes(self._entries, structure.outline, _UID), _UID)

    def entry(self, row: int) -> OutlineEntry:
        return self._entries[row]

    @property
    def entries(self) -> list[OutlineEntry]:
        return self._entries

    def row_of(self, uid: str) -> int:
        return next((i for i, e in enumerate(self._entries) if e.uid == uid), -1)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        e = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return e.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return e.text + (" (deleted)" if e.deleted else "")
        if role == Qt.ItemDataRole.FontRole:  # the big divisions bold, Articles plain
            return _font(e.kind in _BOLD_KINDS, e.deleted)
        if role == self.UidRole:
            return e.uid
        if role == self.DepthRole:
            return e.depth
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return NO_FLAGS
        return SELECTABLE


@functools.cache
def _font(bold: bool, struck: bool) -> QFont:
    font = QFont()
    font.setBold(bold)
    font.setStrikeOut(struck)
    return font


class _IndentDelegate(QStyledItemDelegate):
    """Entries indented by how deep their division nests (Part > Chapter > Article)."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        super().initStyleOption(option, index)
        option.rect.adjust(INDENT * (index.data(OutlineModel.DepthRole) or 0), 0, 0, 0)

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        # No width of its own: entries are as wide as the list and a long heading is
        # elided (its tooltip has it whole) instead of a horizontal scroll bar.
        return QSize(0, super().sizeHint(option, index).height())


class OutlineView(QListView):
    """Enter or Return on an entry goes to it (`activated`), whatever the platform does."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class OutlinePanel(QWidget):
    """The outline list; `navigate(uid, focus_draft)` asks the window to show that unit."""

    navigate = Signal(str, bool)  # uid, whether the draft should take the keyboard focus

    def __init__(self, document: DraftDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = OutlineModel(document, self)
        self.view = OutlineView()
        self.view.setObjectName("outlineView")
        self.view.setModel(self.model)
        self.view.setItemDelegate(_IndentDelegate(self.view))
        self.view.setUniformItemSizes(True)  # one line each: no measuring of 1,000 entries
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.empty = QLabel("No divisions yet: headings (Ctrl+Shift+T) and preambular "
                            "paragraphs appear here.")
        self.empty.setWordWrap(True)
        self.empty.setObjectName("outlineEmpty")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        self._follow: tuple[Callable[[str], int], int] = (lambda _uid: -1, -1)
        self._follow_timer = QTimer(self)
        self._follow_timer.setSingleShot(True)
        self._follow_timer.setInterval(FOLLOW_DELAY_MS)
        self._follow_timer.timeout.connect(self._show_followed)
        # Edits are keys too: the outline waits until they pause as well.
        document.changed.connect(self._push_follow)
        self.view.clicked.connect(lambda index: self._go(index, False))
        self.view.activated.connect(lambda index: self._go(index, True))
        for signal in (self.model.rowsInserted, self.model.rowsRemoved, self.model.modelReset):
            signal.connect(self._update_empty)
        self._update_empty()

    def follow(self, row_of: Callable[[str], int], row: int) -> None:
        """Show as current the division holding the draft's row `row` (as an editor's
        outline follows the cursor), without going anywhere: asked shortly after the
        cursor stops, so a run of Alt+Down keys lays nothing out in between."""
        self._follow = (row_of, row)
        self._follow_timer.start()

    def _push_follow(self, *_args: object) -> None:
        if self._follow_timer.isActive():
            self._follow_timer.start()

    def _show_followed(self) -> None:
        row_of, row = self._follow
        at = enclosing_entry(self.model.entries, row_of, row)
        view = self.view
        if at is None:
            view.clearSelection()
            view.setCurrentIndex(QModelIndex())
            return
        index = self.model.index(at)
        if view.currentIndex() != index:
            view.setCurrentIndex(index)
            view.scrollTo(index)

    def _go(self, index: QModelIndex, focus_draft: bool) -> None:
        if index.isValid():
            self.navigate.emit(self.model.entry(index.row()).uid, focus_draft)

    def _update_empty(self, *_args: object) -> None:
        self.empty.setVisible(self.model.rowCount() == 0)
