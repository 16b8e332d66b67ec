"""The draft editor: title and symbol fields, the table of units (preamble, headings,
paragraphs under their divisions) and the details of the current one.

Every change goes through the `DraftDocument` as an undo command; this widget only turns user
gestures into those commands and shows the result.
"""

from __future__ import annotations

import html
from collections.abc import Hashable

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QAction,
    QColor,
    QFont,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPalette,
    QResizeEvent,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from dsrdraft.draft import model as dm
from dsrdraft.draft.brackets import validate
from dsrdraft.draft.changes import DraftChanges
from dsrdraft.draft.delegations import parse_delegations
from dsrdraft.draft.model import Draft, DraftClause, DraftKind, Status
from dsrdraft.draft.outline import preamble_lead
from dsrdraft.errors import DsrError
from dsrdraft.model import counts_phrase
from dsrdraft.status_style import status_style
from dsrdraft.textdir import is_rtl
from dsrdraft_ui import icons
from dsrdraft_ui.bracket_highlighter import BracketHighlighter, bracket_html
from dsrdraft_ui.cell_paint import draw_document
from dsrdraft_ui.clause_dialogs import (
    ClauseDialog,
    alternative_dialog,
    proposers_dialog,
    reservation_dialog,
)
from dsrdraft_ui.draft_model import DraftClauseModel, DraftDocument, label_lines
from dsrdraft_ui.lru import LruCache
from dsrdraft_ui.row_heights import MeasuredTable, RowHeights

ModelIndex = QModelIndex | QPersistentModelIndex
DETAILS_DELAY_MS = 60


class ClauseTextEdit(QPlainTextEdit):
    """In-place editor of a clause: brackets highlighted as you type; Enter commits."""

    commit = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.highlighter = BracketHighlighter(self.document())
        self.setTabChangesFocus(True)
        self.textChanged.connect(self._update_direction)

    def _update_direction(self) -> None:
        rtl = is_rtl(self.toPlainText())
        option = self.document().defaultTextOption()
        wanted = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        if option.textDirection() != wanted:
            option.setTextDirection(wanted)
            self.document().setDefaultTextOption(option)

    def event(self, event: QEvent) -> bool:
        # Return and Ctrl+Return belong to this editor while it is open (they commit the
        # text), not to the window's "Add to draft" shortcut.
        if (event.type() == QEvent.Type.ShortcutOverride
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier):
            self.commit.emit()
            return
        super().keyPressEvent(event)


class ClauseTextDelegate(QStyledItemDelegate):
    """Paints clause text with bracketed runs tinted; edits it in a ClauseTextEdit.

    Laid-out documents are kept (least recently used first out) by what they show and the
    width, so repainting a row, or measuring its height, costs nothing the second time.
    """

    MARGIN = 4
    INDENT = 20  # px per level under the divisions, and a preambular paragraph's first line
    HEADING_SCALE = 1.1
    CACHE_SIZE = 600

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._documents: LruCache[QTextDocument] = LruCache(self.CACHE_SIZE)

    def render_key(self, index: ModelIndex, font: QFont, width: int) -> Hashable:
        """Everything the cell's rendering depends on."""
        return (index.data(Qt.ItemDataRole.DisplayRole) or "", font.key(), width,
                index.data(DraftClauseModel.KindRole), index.data(DraftClauseModel.LevelRole))

    def document(self, index: ModelIndex, font: QFont, width: int) -> QTextDocument:
        return self._documents.get(self.render_key(index, font, width),
                                   lambda: self._build(index, font, width))

    def _build(self, index: ModelIndex, font: QFont, width: int) -> QTextDocument:
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        level = index.data(DraftClauseModel.LevelRole) or 0
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultFont(font)
        text_option = QTextOption()
        text_option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        rtl = is_rtl(text)
        if rtl:
            text_option.setTextDirection(Qt.LayoutDirection.RightToLeft)
            text_option.setAlignment(Qt.AlignmentFlag.AlignRight)
        doc.setDefaultTextOption(text_option)
        kind = index.data(DraftClauseModel.KindRole)
        lead = preamble_lead(text) if kind == "preambular" and not rtl else 0
        if lead:
            # As UN texts print a preamble: the opening phrase in italics, the first line
            # indented, the paragraph running on.
            body = f"<i>{bracket_html(text[:lead])}</i>{bracket_html(text[lead:])}"
        else:
            body = bracket_html(text)
        if font.strikeOut():
            body = f'<s style="color:#777">{body}</s>'
        if kind == "heading":
            body = f'<b style="font-size:{self.HEADING_SCALE * 100:.0f}%">{body}</b>'
        if kind == "preambular":
            body = f'<p style="text-indent:{self.INDENT}px; margin:0">{body}</p>'
        if rtl:
            body = f'<div dir="rtl" align="right">{body}</div>'
        doc.setHtml(body)
        doc.setTextWidth(max(80, width - 2 * self.MARGIN - level * self.INDENT))
        return doc

    def _font(self, option: QStyleOptionViewItem, index: ModelIndex) -> QFont:
        return index.data(Qt.ItemDataRole.FontRole) or option.font

    def text_height(self, index: ModelIndex, font: QFont, width: int) -> int:
        return int(self.document(index, font, width).size().height()) + 2 * self.MARGIN

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = self.document(index, self._font(option, index), option.rect.width())
        level = index.data(DraftClauseModel.LevelRole) or 0
        ctx = QAbstractTextDocumentLayout.PaintContext()
        if option.state & QStyle.StateFlag.State_Selected:
            ctx.palette.setColor(QPalette.ColorRole.Text,
                                 option.palette.color(QPalette.ColorRole.HighlightedText))
        draw_document(painter, option, doc, option.rect.left() + self.MARGIN
                      + level * self.INDENT, option.rect.top() + self.MARGIN, ctx)

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        view = option.widget
        width = view.columnWidth(index.column()) if isinstance(view, QTableView) \
            else option.rect.width()
        doc = self.document(index, self._font(option, index), width)
        return QSize(int(doc.idealWidth()) + 2 * self.MARGIN,
                     int(doc.size().height()) + 2 * self.MARGIN)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: ModelIndex) -> QWidget:
        editor = ClauseTextEdit(parent)
        editor.commit.connect(lambda: self._commit(editor))
        return editor

    def _commit(self, editor: ClauseTextEdit) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: ModelIndex) -> None:
        if isinstance(editor, ClauseTextEdit):
            editor.setPlainText(index.data(Qt.ItemDataRole.EditRole) or "")
            editor.moveCursor(editor.textCursor().MoveOperation.End)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,
                     index: ModelIndex) -> None:
        if isinstance(editor, ClauseTextEdit):
            model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem,
                             index: ModelIndex) -> None:
        rect = option.rect
        rect.setHeight(max(rect.height(), 90))
        editor.setGeometry(rect)


class ClauseTable(MeasuredTable):
    """The clause table: drag to reorder, drop library clauses in."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDragDropOverwriteMode(False)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setWordWrap(True)
        self.setAlternatingRowColors(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # Editing starts on purpose only (double-click, F2): a key typed on a selected row,
        # such as a shortcut missed by one modifier, never lands in the clause text.
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        # A light selection keeps dark text readable over the bracket tints.
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Highlight, QColor("#bcd6f2"))
        palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#111111"))
        self.setPalette(palette)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setHighlightSections(False)
        # Row heights come from a RowHeights cache (see DraftEditor), never from measuring
        # every row; a few rows always stay visible however the docks are arranged.
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * 6 + 30)


class DraftEditor(QWidget):
    """Title, symbol, date and place above; the units in the middle; details below."""

    status_message = Signal(str)
    source_selected = Signal(str, str)  # library id, clause number of the current clause

    def __init__(self, document: DraftDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._syncing = False
        self._span_rows: tuple[int, ...] = ()  # rows whose heading spans the row
        self._spans_for: object = None  # the structure those rows were taken from
        self.dialog: ClauseDialog | None = None  # the open clause dialog, if any
        self._shown_source: object = None  # provenance last sent to the preview

        # -------------------------------------------------- metadata fields
        self.title_edit = QLineEdit()
        self.symbol_edit = QLineEdit()
        self.symbol_edit.setPlaceholderText("DSR/2026/L.1")
        self.date_edit = QLineEdit()
        self.date_edit.setPlaceholderText("YYYY-MM-DD")
        self.place_edit = QLineEdit()
        self.revision_label = QLabel()
        self._fields = {"title": self.title_edit, "symbol": self.symbol_edit,
                        "date": self.date_edit, "place": self.place_edit}
        for name, edit in self._fields.items():
            edit.textEdited.connect(lambda value, field=name: self._on_field(field, value))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setHorizontalSpacing(8)
        form.setVerticalSpacing(4)
        form.addRow("&Title", self.title_edit)
        line = QHBoxLayout()
        line.setSpacing(6)
        line.addWidget(self.symbol_edit, 3)
        line.addWidget(self.revision_label)
        line.addWidget(QLabel("&Date"))
        line.addWidget(self.date_edit, 2)
        line.addWidget(QLabel("&Place"))
        line.addWidget(self.place_edit, 3)
        for i in range(line.count()):
            layout_item = line.itemAt(i)
            item = layout_item.widget() if layout_item is not None else None
            if isinstance(item, QLabel) and item.text().startswith("&"):
                item.setBuddy(self.date_edit if "Date" in item.text() else self.place_edit)
        symbol_label = QLabel("S&ymbol")
        symbol_label.setBuddy(self.symbol_edit)
        form.addRow(symbol_label, line)

        # -------------------------------------------------- clause table
        self.model = DraftClauseModel(document, self)
        self.table = ClauseTable()
        self.table.setModel(self.model)
        self.text_delegate = ClauseTextDelegate(self.table)
        self.table.setItemDelegateForColumn(DraftClauseModel.TEXT, self.text_delegate)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(DraftClauseModel.TEXT, QHeaderView.ResizeMode.Stretch)
        for col, width in ((DraftClauseModel.LABEL, 84), (DraftClauseModel.STATUS, 104),
                           (DraftClauseModel.PROPOSERS, 96), (DraftClauseModel.SOURCE, 150)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(col, width)
        header.sectionResized.connect(self._on_section_resized)
        self.placeholder = QLabel(
            "The draft has no clauses yet. Search the library on the left and press "
            "Ctrl+Enter, drag clauses here, or use Clause ▸ New clause (Ctrl+Shift+N).")
        self.placeholder.setWordWrap(True)
        self.placeholder.setObjectName("draftPlaceholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.details = QTextBrowser()
        self.details.setMinimumHeight(self.fontMetrics().lineSpacing() * 2 + 12)
        self.details.setObjectName("clauseDetails")
        self.details.setOpenLinks(False)

        splitter = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.setSpacing(2)
        top_layout.addWidget(self.placeholder)
        top_layout.addWidget(self.table, 1)
        splitter.addWidget(top)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([500, 64])
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(6)
        layout.addLayout(form)
        layout.addWidget(splitter, 1)

        self.heights = RowHeights([self.table], self._row_key, self._measure_row,
                                  self._estimate_row, self)
        self._width_timer = QTimer(self)
        self._width_timer.setSingleShot(True)
        self._width_timer.setInterval(40)
        self._width_timer.timeout.connect(self.heights.reset)
        self.model.modelReset.connect(self._update_details)
        self.table.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.model.edit_refused.connect(self.status_message)

        # The details under the table follow the current clause, coalesced: a run of key
        # presses (Alt+Down, Alt+Down…) lays the panel out once, after the last.
        self._details_timer = QTimer(self)
        self._details_timer.setSingleShot(True)
        self._details_timer.setInterval(DETAILS_DELAY_MS)
        self._details_timer.timeout.connect(self._show_details)

        self._make_actions()
        document.changed.connect(self._on_draft_changed)
        self.table.selectionModel().currentRowChanged.connect(self._update_details)
        self.model.layoutChanged.connect(self._update_details)
        self._on_draft_changed(document.draft, DraftChanges.replacing(), None)

    # ------------------------------------------------------------ actions

    def _make_actions(self) -> None:
        def act(text: str, slot, shortcut=None, icon=None, tip="") -> QAction:
            action = QAction(text, self)
            if shortcut is not None:
                action.setShortcuts(shortcut if isinstance(shortcut, list) else [shortcut])
            if icon is not None:
                action.setIcon(icon)
            if tip:
                action.setStatusTip(tip)
            action.triggered.connect(lambda _checked=False: slot())
            self.addAction(action)
            return action

        self.new_clause_action = act("&New clause", self.new_clause,
                                     QKeySequence("Ctrl+Shift+N"), icons.new_clause(),
                                     "Add an empty clause at the end of the draft")
        self.new_preambular_action = act(
            "New &preambular paragraph", self.new_preambular, QKeySequence("Ctrl+Shift+E"),
            tip="Add a preambular paragraph after the last one (PP1, PP2…)")
        self.new_heading_action = act(
            "New division &heading", self.new_heading, QKeySequence("Ctrl+Shift+T"),
            tip="Insert a heading (Part, Article, Annex…) after the current unit; "
                "F2 on its number or text renames it")
        self.insert_bis_action = act("Insert \u201cbis\u201d clause &after", self.insert_bis,
                                     QKeySequence("Ctrl+Shift+B"), icons.insert_bis(),
                                     "Insert a clause after the current one, numbered 12 bis")
        self.edit_text_action = act("&Edit clause text", self.edit_current,
                                    QKeySequence("F2"), tip="Edit the current clause in place")
        self.alternative_action = act("Add &alternative…", self.add_alternative,
                                      QKeySequence("Ctrl+Shift+A"),
                                      tip="Propose an alternative wording of the whole clause")
        self.remove_alternative_action = act("Remove last alternative",
                                             self.remove_alternative)
        self.proposers_action = act("&Proposers…", self.set_proposers,
                                    QKeySequence("Ctrl+Shift+P"),
                                    tip="Delegations that proposed the clause (ISO codes)")
        self.reservation_action = act("Add &reservation…", self.add_reservation,
                                      QKeySequence("Ctrl+Shift+R"),
                                      tip="A delegation's reservation or note on the clause")
        self.delete_action = act("&Delete clause (strike through)", self.toggle_deleted,
                                 QKeySequence("Ctrl+Del"), icons.delete(),
                                 "Mark the clause deleted (stays visible), or restore it")
        self.move_up_action = act("Move clause &up", lambda: self.move_current(-1),
                                  QKeySequence("Alt+Up"), icons.move_up())
        self.move_down_action = act("Move clause do&wn", lambda: self.move_current(1),
                                    QKeySequence("Alt+Down"), icons.move_down())
        self.division_up_action = act(
            "Move division u&p", lambda: self.move_division(-1), QKeySequence("Alt+Shift+Up"),
            tip="Move the Article (or Part, annex…) the cursor is in, with its paragraphs, "
                "before the previous one")
        self.division_down_action = act(
            "Move division dow&n", lambda: self.move_division(1),
            QKeySequence("Alt+Shift+Down"),
            tip="Move the Article the cursor is in, with its paragraphs, after the next one")
        self.renumber_action = act("Re&number clauses", self.renumber,
                                   tip="Final numbering 1, 2, 3… (bis clauses included)")
        self.status_actions = {
            Status.OPEN: act("Status: &open", lambda: self.set_status(Status.OPEN),
                             QKeySequence("Ctrl+1"), icons.status(Status.OPEN)),
            Status.AD_REFERENDUM: act("Status: agreed ad &referendum",
                                      lambda: self.set_status(Status.AD_REFERENDUM),
                                      QKeySequence("Ctrl+2"), icons.status(Status.AD_REFERENDUM)),
            Status.AGREED: act("Status: a&greed", lambda: self.set_status(Status.AGREED),
                               QKeySequence("Ctrl+3"), icons.status(Status.AGREED)),
        }
        self.clause_actions = [self.insert_bis_action, self.edit_text_action,
                               self.alternative_action, self.remove_alternative_action,
                               self.proposers_action, self.reservation_action,
                               self.delete_action, self.move_up_action, self.move_down_action,
                               self.division_up_action, self.division_down_action,
                               *self.status_actions.values()]

    # ------------------------------------------------------------ current clause

    def current_clause(self) -> DraftClause | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.clause_at(index.row())

    def select_uid(self, uid: str, *, at_top: bool = False) -> None:
        """Make the clause current; a clause off screen is brought to the middle, so a run
        of moves (Alt+Down, Alt+Down…) does not scroll, and repaint, at every step. With
        `at_top` (going to a division from the outline) it opens the view."""
        row = self.model.row_of(uid)
        if row < 0:
            return
        index = self.model.index(row, DraftClauseModel.TEXT)
        viewport = self.table.viewport().rect()
        shown = viewport.contains(self.table.visualRect(index))
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        if at_top:
            self.heights.update_visible()  # the rows it lands on at their height first
            self.table.updateGeometries()  # the scroll range of rows just resized or added
            self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtTop)
        elif not shown:
            self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def _require(self, what: str = "") -> DraftClause | None:
        """The current unit; with `what` (why not a heading: "it has no status"), a
        paragraph, else the reason in the status bar."""
        clause = self.current_clause()
        if clause is None:
            self.status_message.emit("Select a clause first")
        elif what and clause.is_heading:
            self.status_message.emit(
                f"{self.model.address(self.model.row_of(clause.uid))} is a heading: {what}. "
                "Select a paragraph, or press F2 to rename the heading")
            return None
        return clause

    # ------------------------------------------------------------ edits (each one command)

    def new_clause(self, text: str = "[New clause text]") -> str:
        uid = dm.new_uid()
        self.document.apply("New clause", lambda d: dm.add_clause(d, text, uid=uid), uid)
        return uid

    def new_preambular(self, text: str = "[Recalling …,]") -> str:
        """A preambular paragraph after the last one (the core puts it there), numbered."""
        uid = dm.new_uid()
        self.document.apply("New preambular paragraph",
                            lambda d: dm.add_clause(d, text, uid=uid,
                                                    kind=DraftKind.PREAMBULAR), uid)
        return uid

    def new_heading(self, label: str = "", text: str = "[Heading]") -> str:
        """A division heading after the current unit (at the end when none is current)."""
        uid = dm.new_uid()
        current = self.current_clause()
        after = current.uid if current is not None else None
        self.document.apply("New heading",
                            lambda d: dm.add_clause(d, text, uid=uid, kind=DraftKind.HEADING,
                                                    label=label, after=after), uid)
        return uid

    def insert_bis(self, text: str = "[New clause text]") -> str | None:
        clause = self._require("a “bis” clause goes after a paragraph")
        if clause is None:
            return None
        uid = dm.new_uid()
        label = dm.inserted_label(self.document.draft, clause.label)
        self.document.apply(f"Insert clause {label}",
                            lambda d: dm.add_clause(d, text, after=clause.uid, uid=uid), uid)
        return uid

    def edit_current(self) -> None:
        """F2: edit the current cell if it can be edited (number, text, proposers), else
        the clause text."""
        clause = self._require()
        if clause is None:
            return
        column = self.table.currentIndex().column()
        if column not in (DraftClauseModel.LABEL, DraftClauseModel.PROPOSERS):
            column = DraftClauseModel.TEXT
        self.table.edit(self.model.index(self.model.row_of(clause.uid), column))

    def set_text(self, text: str) -> None:
        clause = self._require()
        if clause is not None:
            self.model.setData(self.model.index(self.model.row_of(clause.uid),
                                                DraftClauseModel.TEXT), text)

    def _codes(self, typed: str) -> tuple[str, ...] | None:
        """Checked delegation codes, or None (and the reason in the status bar)."""
        parsed = parse_delegations(typed)
        if not parsed.ok:
            self.status_message.emit("; ".join(parsed.problems))
            return None
        return parsed.codes

    def _open(self, dialog: ClauseDialog) -> ClauseDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.finished.connect(self._forget_dialog)
        dialog.open()
        return dialog

    def _forget_dialog(self, *_args: object) -> None:
        self.dialog = None

    def add_alternative(self, text: str | None = None, proposers: str | None = None) -> None:
        """With no text: ask for it (and its proposers) in a dialog; then one command."""
        clause = self._require("it has no alternatives")
        if clause is None:
            return
        if text is None:
            dialog = self._open(alternative_dialog(clause.label, clause.text, self))
            dialog.submitted.connect(
                lambda t, codes: self._add_alternative(clause, t, tuple(codes)))
            return
        codes = self._codes(proposers or "")
        if codes is not None:
            self._add_alternative(clause, text, codes)

    def _add_alternative(self, clause: DraftClause, text: str, codes: tuple[str, ...]) -> None:
        self.document.apply(f"Add alternative to clause {clause.label}",
                            lambda d: dm.add_alternative(d, clause.uid, text, codes),
                            clause.uid)

    def remove_alternative(self) -> None:
        clause = self._require("it has no alternatives")
        if clause is None or not clause.alternatives:
            return
        self.document.apply(f"Remove alternative of clause {clause.label}",
                            lambda d: dm.remove_alternative(d, clause.uid,
                                                            len(clause.alternatives) - 1),
                            clause.uid)

    def set_proposers(self, value: str | None = None) -> None:
        clause = self._require("it has no proposers")
        if clause is None:
            return
        if value is None:
            dialog = self._open(proposers_dialog(clause.label, ", ".join(clause.proposers),
                                                 self))
            dialog.submitted.connect(lambda _t, codes: self.set_proposers(", ".join(codes)))
            return
        self.model.setData(self.model.index(self.model.row_of(clause.uid),
                                            DraftClauseModel.PROPOSERS), value)

    def add_reservation(self, delegation: str | None = None, text: str | None = None) -> None:
        clause = self._require("it takes no reservations")
        if clause is None:
            return
        if delegation is None or text is None:
            dialog = self._open(reservation_dialog(clause.label, self))
            dialog.submitted.connect(
                lambda t, codes: self._add_reservation(clause, codes[0], t))
            return
        codes = self._codes(delegation)
        if codes is None or not text.strip():
            return
        if len(codes) != 1:
            self.status_message.emit("A reservation is made by one delegation")
            return
        self._add_reservation(clause, codes[0], text.strip())

    def _add_reservation(self, clause: DraftClause, who: str, text: str) -> None:
        self.document.apply(f"Add reservation to clause {clause.label}",
                            lambda d: dm.add_reservation(d, clause.uid, who, text),
                            clause.uid)

    def toggle_deleted(self) -> None:
        clause = self._require()
        if clause is None:
            return
        if clause.deleted:
            self.document.apply(f"Restore clause {clause.label}",
                                lambda d: dm.restore_clause(d, clause.uid), clause.uid)
        else:
            self.document.apply(f"Delete clause {clause.label}",
                                lambda d: dm.delete_clause(d, clause.uid), clause.uid)

    def set_status(self, status: Status) -> None:
        clause = self._require("it has no status")
        if clause is None:
            return
        self.document.apply(f"Mark clause {clause.label} {status_style(status).phrase}",
                            lambda d: dm.set_status(d, clause.uid, status), clause.uid)

    def move_current(self, step: int) -> None:
        clause = self._require()
        if clause is None:
            return
        row = self.model.row_of(clause.uid)
        target = row + step
        if 0 <= target < self.model.rowCount():
            self.document.move(clause.uid, target)  # its command selects the clause

    def move_division(self, step: int) -> None:
        """The division the cursor is in (its heading, or the heading above the current
        paragraph) moves past the previous or next one of its rank, as one command."""
        clause = self._require()
        if clause is None:
            return
        row = self.model.row_of(clause.uid)
        heading = next((self.model.clause_at(r) for r in range(row, -1, -1)
                        if self.model.clause_at(r).is_heading), None)
        if heading is None:
            self.status_message.emit("The cursor is in no division (no heading above it).")
            return
        name = heading.label or heading.text
        try:
            moved = self.document.apply(f"Move {name} {'up' if step < 0 else 'down'}",
                                        lambda d: dm.move_division(d, heading.uid, step),
                                        heading.uid)
        except DsrError as e:
            self.status_message.emit(f"{e}.")
            return
        if moved:
            self.select_uid(heading.uid)

    def renumber(self) -> None:
        self.document.apply("Renumber clauses", dm.renumber)

    # ------------------------------------------------------------ metadata

    def _on_field(self, field: str, value: str) -> None:
        if not self._syncing:
            self.document.set_field(field, value)

    # ------------------------------------------------------------ showing the document

    def _on_draft_changed(self, draft: Draft, changes: DraftChanges, select: object) -> None:
        self._syncing = True
        try:
            for name, edit in self._fields.items():
                value = getattr(draft, name)
                if edit.text() != value:
                    edit.setText(value)
            self.revision_label.setText(f"Rev.{draft.revision}" if draft.revision else "")
            for edit in self._fields.values():
                edit.setReadOnly(bool(self.document.read_only))
        finally:
            self._syncing = False
        self.placeholder.setVisible(not draft.clauses)
        self._update_spans(changes)
        if isinstance(select, str):
            self.select_uid(select)
        self._update_details()

    # ------------------------------------------------------------ row heights (cached)

    def _row_key(self, row: int) -> Hashable:
        m, t = self.model, self.table
        c = m.clause_at(row)
        # The number column's line count, not its text: a readdressed row (4.2 -> 4.3) keeps
        # its height, and a move that readdresses an Article measures nothing again.
        lines = label_lines(c, m.address(row)).count("\n")
        return (c.text, lines, c.proposers, c.deleted, c.kind, m.depth(row),
                self._text_width(row), t.columnWidth(DraftClauseModel.PROPOSERS))

    def _text_width(self, row: int) -> int:
        """The width of a unit's text as the table paints it: a heading spans the columns
        right of its number; the grid line takes a pixel off the cell. (Measured a pixel
        wider than painted, each row had two laid-out documents, which evicted each other
        from the cache, and a line wrapping at that pixel was clipped.)"""
        t = self.table
        grid = 1 if t.showGrid() else 0
        if self.model.clause_at(row).is_heading:
            return sum(t.columnWidth(col) for col in range(DraftClauseModel.TEXT,
                                                            self.model.columnCount())) - grid
        return t.columnWidth(DraftClauseModel.TEXT) - grid

    def _measure_row(self, row: int) -> int:
        m, t = self.model, self.table
        font = t.font()
        index = m.index(row, DraftClauseModel.TEXT)
        text_font = index.data(Qt.ItemDataRole.FontRole) or font
        height = self.text_delegate.text_height(index, text_font, self._text_width(row))
        metrics = t.fontMetrics()
        label = m.data(m.index(row, DraftClauseModel.LABEL)) or ""
        height = max(height, (label.count("\n") + 1) * metrics.lineSpacing() + 10)
        proposers = m.data(m.index(row, DraftClauseModel.PROPOSERS)) or ""
        if proposers:
            width = max(20, t.columnWidth(DraftClauseModel.PROPOSERS) - 8)
            box = metrics.boundingRect(QRect(0, 0, width, 10_000),
                                       int(Qt.TextFlag.TextWordWrap), proposers)
            height = max(height, box.height() + 10)
        return height

    def _estimate_row(self, row: int) -> int:
        c = self.model.clause_at(row)
        metrics = self.table.fontMetrics()
        width = max(80, self._text_width(row) - 8 - self.model.depth(row)
                    * ClauseTextDelegate.INDENT)
        per_line = max(1, width // max(1, metrics.averageCharWidth()))
        lines = max(1, -(-len(c.text) // per_line), label_lines(c).count("\n") + 1)
        return lines * metrics.lineSpacing() + 2 * ClauseTextDelegate.MARGIN

    # ------------------------------------------------------------ headings span the row

    def _update_spans(self, changes: DraftChanges) -> None:
        """Each heading's text spans the row (Qt shifts spans as rows come and go, but not
        through moves): set again only when the rows holding headings may have changed."""
        structure = self.model.structure
        if structure is self._spans_for and changes.clauses.same_keys \
                and not changes.replaced:
            return
        self._spans_for = structure
        rows = tuple(self.model.row_of(e.uid) for e in structure.outline
                     if e.kind not in ("preamble", "operative"))
        if rows == self._span_rows:
            return
        t, span = self.table, self.model.columnCount() - DraftClauseModel.TEXT
        c = changes.clauses
        if not changes.replaced and not c.added and not c.removed and len(c.moved) <= 1:
            # One unit moved past headings (Alt+Down): Qt has the spans either where they
            # were or where the rows went, so setting the rows that differ is enough
            # (clearing and setting hundreds of headings' spans took milliseconds).
            before, after = set(self._span_rows), set(rows)
            for row in before - after:
                t.setSpan(row, DraftClauseModel.TEXT, 1, 1)
            for row in after - before:
                t.setSpan(row, DraftClauseModel.TEXT, 1, span)
        else:
            if self._span_rows:
                t.clearSpans()
            for row in rows:
                t.setSpan(row, DraftClauseModel.TEXT, 1, span)
        self._span_rows = rows

    def _on_section_resized(self, *_args: object) -> None:
        self._width_timer.start()

    def _on_scrolled(self, _value: int) -> None:
        self.heights.update_visible(spare=False)
        if not self.heights.adjusting:  # the user scrolled (not rows measured above the top)
            self.heights.defer()  # the rest once scrolling pauses

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._width_timer.start()

    def _update_details(self, *_args: object) -> None:
        clause = self.current_clause()
        for action in self.clause_actions:
            # On a heading too: a paragraph's action then says why it does not apply.
            action.setEnabled(clause is not None)
        if clause is not None:
            self.delete_action.setText("Restore clause" if clause.deleted
                                       else "&Delete clause (strike through)")
            self.remove_alternative_action.setEnabled(bool(clause.alternatives))
        self._details_timer.start()

    def _show_details(self) -> None:
        clause = self.current_clause()
        if clause is None:
            self._shown_source = None
            counts = dict.fromkeys(("preambular", "operative", "annex", "heading"), 0)
            for c in self.document.draft.clauses:
                counts[c.kind.value] = counts.get(c.kind.value, 0) + 1
            self.details.setHtml(f'<p style="color:#666">'
                                 f'{counts_phrase(counts, zero=("operative",))}. '
                                 "Select a clause to see its alternatives, reservations and "
                                 "bracket errors.</p>")
            return
        if clause.provenance is not None and clause.provenance != self._shown_source:
            self.source_selected.emit(clause.provenance.library_id, clause.provenance.number)
        self._shown_source = clause.provenance
        self.details.setHtml(clause_details_html(
            clause, self.model.address(self.model.row_of(clause.uid))))


def clause_details_html(c: DraftClause, address: str | None = None) -> str:
    esc = html.escape
    if c.is_heading:
        state = " · <s>deleted</s>" if c.deleted else ""
        return (f"<b>Heading {esc(c.label or '(no number)')}</b> — {esc(c.text)}{state}"
                "<br>F2 renames it (its number, or its text); the paragraphs after it, up "
                "to the next heading of its rank, are its paragraphs.")
    name = "Preambular paragraph" if c.kind is DraftKind.PREAMBULAR else "Clause"
    parts = [f"<b>{name} {esc(address or c.label)}</b> · {status_style(c.status).label}"
             + (" · <s>deleted</s>" + (f" by {esc(', '.join(c.deleted_by))}"
                                         if c.deleted_by else "") if c.deleted else "")
             + (f" · from <i>{esc(str(c.provenance))}</i>" if c.provenance else " · new text")
             + (f" · proposed by {esc(', '.join(c.proposers))}" if c.proposers else "")]
    for error in validate(c.text):
        parts.append(f'<span style="color:#b00000">⚠ Unbalanced bracket: {esc(str(error))}'
                     "</span>")
    for i, alt in enumerate(c.alternatives, 1):
        who = f" <i>({esc(', '.join(alt.proposers))})</i>" if alt.proposers else ""
        parts.append(f"<b>{esc(c.label)} Alt{'' if len(c.alternatives) == 1 else ' ' + str(i)}"
                     f"</b>{who}: {bracket_html(alt.text)}")
    for r in c.reservations:
        parts.append(f"<b>Reservation</b> ({esc(r.delegation)}): {esc(r.text)}")
    return "<br>".join(parts)

