"""The "Similar clauses" panel: library clauses most like the draft's current clause.

`similar_clauses()` runs on the worker thread after the current clause (or its text) changed;
answers to older requests are dropped by sequence number. "Replace text" and "Insert after"
are ordinary undo commands through `DraftDocument.apply` (Ctrl+Z undoes them), and both record
the library clause as the clause's provenance.
"""

from __future__ import annotations

import html
from typing import Any, ClassVar

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from dsrdraft.draft import model as dm
from dsrdraft.draft.compound import LibraryClauseRef, insert_from_library, replace_from_library
from dsrdraft.draft.model import DraftClause
from dsrdraft.precedents import SimilarClause
from dsrdraft.store import Library
from dsrdraft_ui.draft_editor import DraftEditor
from dsrdraft_ui.operations import LatestRequest, OperationRunner, error_message
from dsrdraft_ui.operations.ops import similar
from dsrdraft_ui.table_model import ColumnTableModel, ModelIndex

SIMILAR_K = 5
LOOKUP_DELAY_MS = 250


class SimilarClausesModel(ColumnTableModel):
    """Rows of SimilarClause: initiative, number, score, text."""

    COLUMNS: ClassVar[list[str]] = ["Initiative", "No.", "Score", "Text"]
    INITIATIVE, NUMBER, SCORE, TEXT = range(4)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[SimilarClause] = []

    def set_rows(self, rows: list[SimilarClause]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def hit(self, row: int) -> SimilarClause:
        return self.rows[row]

    def row_count(self) -> int:
        return len(self.rows)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        s = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.INITIATIVE:
                return s.id + (f" ({s.year})" if s.year and str(s.year) not in s.id else "")
            if col == self.NUMBER:
                return s.number
            if col == self.SCORE:
                return f"{s.score:.2f}"
            if col == self.TEXT:
                return s.text
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{s.title or s.id} ({s.id}), clause {s.number}: {s.text}"
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (self.NUMBER, self.SCORE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class SimilarClausesPanel(QWidget):
    """Similar library clauses for the draft's current clause, with Replace and Insert after."""

    status_message = Signal(str)
    results_shown = Signal()

    def __init__(self, library: Library, runner: OperationRunner, editor: DraftEditor,
                 parent: QWidget | None = None, *, k: int = SIMILAR_K) -> None:
        super().__init__(parent)
        self.library = library
        self.runner = runner
        self.editor = editor
        self.document = editor.document
        self.k = k
        self._request = LatestRequest(runner)
        self.target: DraftClause | None = None  # the clause the list was computed for
        self.generation = 0
        self._stale = False

        self.header = QLabel("Select a clause of the draft.")
        self.header.setWordWrap(True)
        self.model = SimilarClausesModel(self)
        self.view = QTreeView()
        self.view.setObjectName("similarClauses")
        self.view.setModel(self.model)
        self.view.setRootIsDecorated(False)
        self.view.setAllColumnsShowFocus(True)
        self.view.setUniformRowHeights(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setAccessibleName("Similar library clauses")
        header = self.view.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in ((0, 150), (1, 40), (2, 48)):
            self.view.setColumnWidth(col, width)
        self.preview = QTextBrowser()
        self.preview.setObjectName("similarPreview")
        self.preview.setOpenLinks(False)

        self.replace_button = QPushButton("&Replace text")
        self.replace_button.setToolTip("Replace the current clause's text by the selected "
                                       "library clause (Return; undo with Ctrl+Z)")
        self.insert_button = QPushButton("Insert a&fter")
        self.insert_button.setToolTip("Insert the selected library clause after the current "
                                      "clause as a \u201cbis\u201d clause (Shift+Return)")
        self.replace_button.clicked.connect(self.replace_current)
        self.insert_button.clicked.connect(self.insert_after)
        self.replace_action = QAction("Replace text", self.view)
        self.replace_action.setShortcuts([QKeySequence("Return"), QKeySequence("Enter")])
        self.replace_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.replace_action.triggered.connect(self.replace_current)
        self.insert_action = QAction("Insert after", self.view)
        self.insert_action.setShortcuts([QKeySequence("Shift+Return"),
                                         QKeySequence("Shift+Enter")])
        self.insert_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.insert_action.triggered.connect(self.insert_after)
        self.view.addActions([self.replace_action, self.insert_action])
        self.view.doubleClicked.connect(self._on_double_clicked)

        buttons = QHBoxLayout()
        buttons.addWidget(self.replace_button)
        buttons.addWidget(self.insert_button)
        buttons.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(self.preview)
        splitter.setSizes([150, 90])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.header)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.setFocusProxy(self.view)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(LOOKUP_DELAY_MS)
        self.timer.timeout.connect(self.refresh)
        self.view.selectionModel().currentRowChanged.connect(self._on_hit_changed)
        editor.table.selectionModel().currentRowChanged.connect(self._schedule)
        self.document.changed.connect(self._schedule)
        self._update_buttons()

    # ------------------------------------------------------------ lookup

    def _schedule(self, *_args: object) -> None:
        if not self.isVisible():  # a hidden tab looks up when it is shown
            self._stale = True
            return
        clause = self.editor.current_clause()
        if (clause is not None and self.target is not None and clause.uid == self.target.uid
                and clause.text == self.target.text):
            return  # same clause, same text: the list still holds
        self.timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self._schedule()

    @property
    def pending(self) -> bool:
        return self._request.pending

    def library_changed(self, *_args: object) -> None:
        self.generation += 1
        self.target = None
        self.refresh()

    def refresh(self) -> None:
        """Look up the similar clauses of the current draft clause in the database lane."""
        self.timer.stop()
        clause = self.editor.current_clause()
        if clause is None or not clause.text.strip():
            self._request.cancel()
            self.target = None
            self.model.set_rows([])
            self.header.setText("Select a clause of the draft.")
            self.preview.clear()
            self._update_buttons()
            return
        self.target = clause
        self.header.setText(f"Looking up clauses similar to clause {html.escape(clause.label)}…")
        own = clause.provenance
        exclude = (own.library_id, own.number) if own is not None else None
        self._request.run(similar(self.library, clause.text, self.k, exclude), self._on_done,
                          self._on_error)

    def _on_done(self, rows: list[SimilarClause]) -> None:
        self.model.set_rows(rows)
        label = self.target.label if self.target else ""
        if rows:
            self.header.setText(f"Library clauses similar to clause <b>{html.escape(label)}"
                                f"</b> ({len(rows)}): Return replaces its text, Shift+Return "
                                "inserts after it.")
            self.view.setCurrentIndex(self.model.index(0, 0))
        else:
            self.header.setText(f"No similar library clauses for clause {html.escape(label)}.")
            self.preview.clear()
        self._update_buttons()
        self.results_shown.emit()

    def _on_error(self, error: Exception) -> None:
        self.header.setText(f'<span style="color:#b00000">'
                            f'{html.escape(error_message(error))}</span>')
        self._update_buttons()

    # ------------------------------------------------------------ selection

    def current_hit(self) -> SimilarClause | None:
        index = self.view.currentIndex()
        return self.model.hit(index.row()) if index.isValid() else None

    def _on_hit_changed(self, *_args: object) -> None:
        hit = self.current_hit()
        if hit is None:
            self.preview.clear()
        else:
            year = f", {hit.year}" if hit.year else ""
            self.preview.setHtml(
                f"<p><b>{html.escape(hit.title or hit.id)}</b>{html.escape(year)} · clause "
                f"{html.escape(hit.number)} · score {hit.score:.2f} "
                f"<span style='color:#666'>({html.escape(hit.id)})</span></p>"
                f"<p>{html.escape(hit.text)}</p>")
        self._update_buttons()

    def _update_buttons(self) -> None:
        ok = self.current_hit() is not None and self.editor.current_clause() is not None
        for widget in (self.replace_button, self.insert_button, self.replace_action,
                       self.insert_action):
            widget.setEnabled(ok)

    def _on_double_clicked(self, _index: QModelIndex) -> None:
        self.replace_current()

    # ------------------------------------------------------------ edits (undo commands)

    def replace_current(self) -> bool:
        """Replace the current clause's text by the selected library clause (one command)."""
        hit, clause = self.current_hit(), self.editor.current_clause()
        if hit is None or clause is None:
            return False
        ref = LibraryClauseRef(hit.id, hit.number, hit.text)
        done = self.document.apply(
            f"Replace text of clause {clause.label} with {hit.id}:{hit.number}",
            lambda d: replace_from_library(d, clause.uid, ref), clause.uid)
        if done:
            self.status_message.emit(self.document.undo_stack.undoText())
        return done

    def insert_after(self) -> str | None:
        """Insert the selected library clause after the current clause (one command)."""
        hit, clause = self.current_hit(), self.editor.current_clause()
        if hit is None or clause is None:
            return None
        uid = dm.new_uid()
        label = dm.inserted_label(self.document.draft, clause.label)
        ref = LibraryClauseRef(hit.id, hit.number, hit.text)
        self.document.apply(f"Insert {hit.id}:{hit.number} as clause {label}",
                            lambda d: insert_from_library(d, clause.uid, ref, uid), uid)
        self.status_message.emit(self.document.undo_stack.undoText())
        return uid
