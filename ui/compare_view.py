"""The reviewer's screen: two texts side by side, clause pair opposite clause pair.

Two table views show the old and the new columns of one `CompareModel` (through one
`ChangesFilter` proxy and one selection model), so a row on the left is always the pair opposite
the same row on the right; each row is as tall as the taller of its two sides, and unmatched
clauses stand opposite hatched empty space. The two sides scroll in step as in Meld: a scroll
of one side is mapped through the rows (row under the top edge, fraction of it scrolled) to the
other side, with a guard flag so the two never bounce scroll events back and forth.

The comparison (and what each row shows) is computed in the CPU lane of the operation runner,
only while the view is on screen, debounced when it follows a draft being edited; a newer
request supersedes an older one (`LatestRequest`). Following the draft, only the rows that
differ are replaced; row heights are cached per row and measured visible-first
(`RowHeights`), so a 1,000-pair comparison is on screen at once and scrolls freely.
"""

from __future__ import annotations

import html
from collections import OrderedDict

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QKeySequence,
    QPainter,
    QResizeEvent,
    QShowEvent,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from dsrdraft.draft.model import Draft
from dsrdraft.sources import CURRENT_DRAFT, library_key, revision_key
from dsrdraft.store import Library
from dsrdraft_ui.catalog import LibraryCatalog
from dsrdraft_ui.cell_paint import draw_document
from dsrdraft_ui.compare_model import KIND_COLOURS, ChangesFilter, CompareModel, build_rows
from dsrdraft_ui.draft_model import DraftDocument
from dsrdraft_ui.operations import LatestRequest, OperationRunner, error_message
from dsrdraft_ui.operations.ops import Compared, compare_texts
from dsrdraft_ui.row_heights import MeasuredTable, RowHeights
from dsrdraft_ui.text import plural
from dsrdraft_ui.workers import MainThreadGarbageCollector

__all__ = ["CURRENT_DRAFT", "CompareView", "library_key", "revision_key"]

ModelIndex = QModelIndex | QPersistentModelIndex
DEBOUNCE_MS = 400
MARGIN = 4
SELECTION = QColor(40, 110, 230, 45)
DOCUMENT_CACHE = 400


# ---------------------------------------------------------------- painting


def _text_document(html: str, font: QFont, width: int) -> QTextDocument:
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    doc.setDefaultFont(font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    doc.setDefaultTextOption(option)
    doc.setHtml(html)
    doc.setTextWidth(max(40, width - 2 * MARGIN))
    return doc


_documents: OrderedDict[tuple[str, str, int], QTextDocument] = OrderedDict()


def cached_document(html: str, font: QFont, width: int) -> QTextDocument:
    """Laid-out cell documents, least recently used out (painting and measuring share them)."""
    key = (html, font.key(), width)
    doc = _documents.get(key)
    if doc is None:
        doc = _text_document(html, font, width)
        _documents[key] = doc
        if len(_documents) > DOCUMENT_CACHE:
            _documents.popitem(last=False)
    else:
        _documents.move_to_end(key)
    return doc


def html_height(html: str, font: QFont, width: int) -> int:
    if not html:
        return 0
    return int(cached_document(html, font, width).size().height()) + 2 * MARGIN


class DiffDelegate(QStyledItemDelegate):
    """Paints a cell's `HtmlRole` (word highlights) over the item background."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        # The selection is a translucent overlay, so word highlights, kind tints and the
        # hatched empty side stay visible on the selected pair.
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        opt = QStyleOptionViewItem(option)
        opt.state &= ~QStyle.StateFlag.State_Selected
        self._paint(painter, opt, index)
        painter.save()
        if selected:
            painter.fillRect(option.rect, SELECTION)
        painter.setPen(QColor("#dddddd"))  # a hairline between pairs
        painter.drawLine(option.rect.bottomLeft(), option.rect.bottomRight())
        painter.restore()

    def _paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        body = index.data(CompareModel.HtmlRole)
        if body is None:
            super().paint(painter, option, index)
            return
        background = index.data(Qt.ItemDataRole.BackgroundRole)
        painter.fillRect(option.rect, background if background is not None
                         else option.palette.base())
        if not body:
            return
        doc = cached_document(body, option.font, option.rect.width())
        draw_document(painter, option, doc, option.rect.left() + MARGIN,
                      option.rect.top() + MARGIN)

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        body = index.data(CompareModel.HtmlRole)
        if body is None:
            return super().sizeHint(option, index)
        view = option.widget
        width = view.columnWidth(index.column()) if isinstance(view, QTableView) else 300
        return QSize(width, html_height(body, option.font, width))


class SideView(MeasuredTable):
    """One side of the compare screen: the columns of one text."""

    def __init__(self, columns: list[int], name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.shown_columns = columns
        self.setItemDelegate(DiffDelegate(self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        self.setShowGrid(False)
        self.setAlternatingRowColors(False)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setMinimumSectionSize(8)
        self.horizontalHeader().setStretchLastSection(True)
        self.horizontalHeader().setHighlightSections(False)
        self.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft
                                                    | Qt.AlignmentFlag.AlignVCenter)

    def setModel(self, model) -> None:
        super().setModel(model)
        for col in range(model.columnCount()):
            self.setColumnHidden(col, col not in self.shown_columns)


# ---------------------------------------------------------------- the screen


class CompareView(QWidget):
    """Choose two texts; see them aligned, highlighted, scrolling in step."""

    comparison_ready = Signal(object)  # ops.Compared
    status_message = Signal(str)

    def __init__(self, library: Library, runner: OperationRunner, catalog: LibraryCatalog,
                 document: DraftDocument | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CompareView")
        self.library = library
        self.runner = runner
        self.catalog = catalog
        self.document = document
        self.last: Compared | None = None
        self.last_error: Exception | None = None
        self._request = LatestRequest(runner)
        self._stale = False  # asked for while hidden: computed when shown
        self._syncing = False
        self._chosen = False  # texts picked by the user (or set_sources), not the defaults
        self._files: dict[str, str] = {}  # file: keys offered too (a draft as it is on disk)
        self._revisions_shown: tuple[tuple[int, str], ...] = ()
        self._changes_cache: list[int] | None = None
        # Meld's sync points: pairs the reviewer fixed (old address, new address); the rest
        # re-aligns around them. `_pin_old` is the old side chosen, waiting for its partner.
        self.pins: tuple[tuple[str, str], ...] = ()
        self._pin_old: str | None = None

        self.model = CompareModel(self)
        self.proxy = ChangesFilter(self)
        self.proxy.setSourceModel(self.model)

        self.left_combo = QComboBox()
        self.left_combo.setObjectName("leftSource")
        self.right_combo = QComboBox()
        self.right_combo.setObjectName("rightSource")
        for combo in (self.left_combo, self.right_combo):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(4)
            combo.currentIndexChanged.connect(self._on_source_chosen)
        self.swap_button = QToolButton()
        self.swap_button.setText("⇄")
        self.swap_button.setToolTip("Swap the two texts")
        self.swap_button.clicked.connect(self.swap)
        self.only_changes_box = QCheckBox("Only changes")
        self.only_changes_box.setToolTip("Hide unchanged clause pairs")
        self.only_changes_box.toggled.connect(self._on_only_changes)

        self._make_actions()
        prev_button = QToolButton()
        prev_button.setDefaultAction(self.previous_action)
        next_button = QToolButton()
        next_button.setDefaultAction(self.next_action)

        top = QHBoxLayout()
        top.addWidget(QLabel("Old:"))
        top.addWidget(self.left_combo, 1)
        top.addWidget(self.swap_button)
        top.addWidget(QLabel("New:"))
        top.addWidget(self.right_combo, 1)

        self.summary_label = QLabel()
        self.summary_label.setObjectName("compareSummary")
        self.summary_label.setTextFormat(Qt.TextFormat.RichText)
        self.summary_label.setSizePolicy(QSizePolicy.Policy.Ignored,
                                         QSizePolicy.Policy.Preferred)
        self.position_label = QLabel()
        self.position_label.setObjectName("comparePosition")
        second = QHBoxLayout()
        second.addWidget(self.summary_label, 1)
        self.pins_label = QLabel()
        self.pins_label.setObjectName("comparePins")
        second.addWidget(self.pins_label)
        second.addWidget(self.position_label)
        second.addWidget(self.only_changes_box)
        second.addWidget(prev_button)
        second.addWidget(next_button)

        m = CompareModel
        self.left_view = SideView([m.OLD_NO, m.OLD_TEXT], "leftView")
        self.right_view = SideView([m.KIND, m.NEW_NO, m.NEW_TEXT], "rightView")
        for view in (self.left_view, self.right_view):
            view.setModel(self.proxy)
        # One selection model: selecting a pair on one side selects it on the other.
        self.selection = self.left_view.selectionModel()
        old_selection = self.right_view.selectionModel()
        self.right_view.setSelectionModel(self.selection)
        old_selection.deleteLater()
        self.selection.currentRowChanged.connect(self._update_position)
        for view in (self.left_view, self.right_view):
            view.horizontalHeader().resizeSection(m.OLD_NO if view is self.left_view
                                                  else m.NEW_NO, 44)
        self.right_view.horizontalHeader().resizeSection(m.KIND, 70)
        self.heights = RowHeights([self.left_view, self.right_view], self._row_key,
                                  self._measure_row, self._estimate_row, self)
        self.left_view.verticalScrollBar().valueChanged.connect(self._on_left_scrolled)
        self.right_view.verticalScrollBar().valueChanged.connect(self._on_right_scrolled)
        for view in (self.left_view, self.right_view):
            view.horizontalHeader().sectionResized.connect(self._schedule_heights)
        for signal in (self.proxy.modelReset, self.proxy.layoutChanged, self.proxy.rowsInserted,
                       self.proxy.rowsRemoved):
            signal.connect(self._forget_changes)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.left_view)
        splitter.addWidget(self.right_view)
        splitter.setChildrenCollapsible(False)
        splitter.splitterMoved.connect(self._schedule_heights)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addLayout(second)
        layout.addWidget(splitter, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.recompute)
        self._heights_timer = QTimer(self)
        self._heights_timer.setSingleShot(True)
        self._heights_timer.setInterval(30)
        self._heights_timer.timeout.connect(self.update_row_heights)

        if document is not None:
            document.changed.connect(self._on_draft_changed)
        catalog.changed.connect(self.refresh_sources)
        self.refresh_sources()
        self._update_summary()

    # ------------------------------------------------------------ actions

    def _make_actions(self) -> None:
        self.next_action = QAction("Next change", self)
        self.next_action.setShortcuts([QKeySequence("F7")])
        self.next_action.setToolTip("Next change (F7)")
        self.next_action.setStatusTip("Go to the next changed clause pair")
        self.next_action.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowDown))
        self.next_action.triggered.connect(self.next_change)
        self.previous_action = QAction("Previous change", self)
        self.previous_action.setShortcuts([QKeySequence("Shift+F7")])
        self.previous_action.setToolTip("Previous change (Shift+F7)")
        self.previous_action.setStatusTip("Go to the previous changed clause pair")
        self.previous_action.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowUp))
        self.previous_action.triggered.connect(self.previous_change)
        self.only_changes_action = QAction("Only changes", self)
        self.only_changes_action.setCheckable(True)
        self.only_changes_action.toggled.connect(self.only_changes_box.setChecked)
        self.only_changes_box.toggled.connect(self.only_changes_action.setChecked)
        self.pin_action = QAction("Pin pair", self)
        self.pin_action.setShortcuts([QKeySequence("Ctrl+K")])
        self.pin_action.setToolTip("Pin a pair the alignment got wrong (Ctrl+K on the old "
                                   "clause, then Ctrl+K on the new one)")
        self.pin_action.setStatusTip("Pin an old clause to a new one; the rest re-aligns")
        self.pin_action.triggered.connect(self.pin_current)
        self.clear_pins_action = QAction("Clear pins", self)
        self.clear_pins_action.setShortcuts([QKeySequence("Ctrl+Shift+K")])
        self.clear_pins_action.setStatusTip("Forget every pinned pair")
        self.clear_pins_action.triggered.connect(self.clear_pins)
        self.addActions([self.next_action, self.previous_action, self.pin_action,
                         self.clear_pins_action])

    # ------------------------------------------------------------ sources

    def refresh_sources(self) -> None:
        """Fill both choosers: library initiatives, the current draft and its revisions.

        Until texts are chosen (by the user or `set_sources`) the choice is the default one:
        the first library text on the left, the current draft (or the second text) on the
        right, never a text against itself."""
        keep = (self.left_combo.currentData(), self.right_combo.currentData())
        if not self._chosen:
            keep = (None, None)
        entries: list[tuple[str, str]] = []
        for s in self.catalog.summaries:
            year = f" ({s.year})" if s.year else ""
            entries.append((library_key(s.id), f"{s.title}{year}"))
        if self.document is not None:
            draft = self.document.draft
            entries.append((CURRENT_DRAFT, self._draft_label(draft)))
            for snap in sorted(draft.revisions, key=lambda s: s.number):
                entries.append((revision_key(snap.number),
                                f"Draft Rev.{snap.number} ({snap.date})"
                                + (f": {snap.note}" if snap.note else "")))
            self._revisions_shown = tuple((s.number, s.date) for s in draft.revisions)
        entries += self._files.items()
        for combo, key in zip((self.left_combo, self.right_combo), keep, strict=True):
            combo.blockSignals(True)
            combo.clear()
            for data, text in entries:
                combo.addItem(text, data)
                combo.setItemData(combo.count() - 1, text, Qt.ItemDataRole.ToolTipRole)
            found = combo.findData(key) if key is not None else -1
            if found < 0 and combo.count():
                found = self._default_index(combo is self.left_combo, entries)
            combo.setCurrentIndex(found)
            combo.blockSignals(False)

    def _default_index(self, left: bool, entries: list[tuple[str, str]]) -> int:
        keys = [k for k, _text in entries]
        if left:
            return 0
        drafted = self.document is not None and bool(self.document.draft.clauses)
        if drafted and CURRENT_DRAFT in keys and keys[0] != CURRENT_DRAFT:
            return keys.index(CURRENT_DRAFT)
        return min(1, len(keys) - 1)

    @staticmethod
    def _draft_label(draft: Draft) -> str:
        return (f"Current draft: {draft.title}"
                + (f" ({draft.full_symbol})" if draft.full_symbol else ""))

    def add_file_source(self, key: str, label: str) -> None:
        """Offer a `file:` text in both choosers (the draft's file as it is on disk)."""
        self._files[key] = label

    def set_sources(self, left: str, right: str) -> None:
        """Compare the texts named by two keys (`lib:ID`, `draft:current`, `rev:N`) now."""
        if (left, right) != self.sources():
            self._forget_pins()  # pins pair addresses of two particular texts
        self._chosen = True
        self.refresh_sources()
        for combo, key in ((self.left_combo, left), (self.right_combo, right)):
            index = combo.findData(key)
            if index < 0:
                raise ValueError(f"unknown compare source {key!r}")
            combo.blockSignals(True)
            combo.setCurrentIndex(index)
            combo.blockSignals(False)
        self.recompute(force=True)

    def sources(self) -> tuple[str, str]:
        return self.left_combo.currentData(), self.right_combo.currentData()

    def swap(self) -> None:
        left, right = self.sources()
        if left and right:
            pins = tuple((b, a) for a, b in self.pins)
            self._forget_pins()
            self.pins = pins
            self._update_pins()
            self.set_sources(right, left)

    def _on_source_chosen(self, _index: int) -> None:
        self._forget_pins()
        self._chosen = True
        self.recompute()

    def _on_draft_changed(self, draft: Draft, _changes: object, _select: object) -> None:
        if tuple((s.number, s.date) for s in draft.revisions) != self._revisions_shown:
            self.refresh_sources()
        else:
            # The draft's own title may have changed; keep the chooser text in step.
            label = self._draft_label(draft)
            for combo in (self.left_combo, self.right_combo):
                i = combo.findData(CURRENT_DRAFT)
                if i >= 0 and combo.itemText(i) != label:  # a same text still lays out
                    combo.setItemText(i, label)
        if CURRENT_DRAFT in self.sources():
            self._debounce.start()  # typing restarts the wait: one comparison per pause

    # ------------------------------------------------------------ computing

    @property
    def pending(self) -> bool:
        return self._request.pending

    def recompute(self, *, force: bool = False) -> None:
        """Compare the chosen texts in the CPU lane (only on screen, unless `force`)."""
        self._debounce.stop()
        left, right = self.sources()
        if not left or not right:
            return
        if not force and not self.isVisible():
            self._stale = True
            return
        self._stale = False
        draft = self.document.draft if self.document is not None else None
        op = compare_texts(self.library, left, right, draft, build_rows, self.pins)
        self._request.run(op, self._on_done, self._on_failed)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        first_look = (self.model.comparison is None and not self.pending
                      and all(self.sources()))
        if self._stale or first_look:
            self.recompute()

    def _on_done(self, result: Compared) -> None:
        same = (self.last is not None and (self.last.left, self.last.right)
                == (result.left, result.right) and self.model.comparison is not None)
        self.last = result
        self.last_error = None
        top_row = self.left_view.rowAt(0)
        self.model.set_comparison(result.comparison, self.left_combo.currentText(),
                                  self.right_combo.currentText(), list(result.rows),
                                  update=same)
        self._update_summary()
        self._update_position()
        collector = MainThreadGarbageCollector.install()
        if collector is not None:
            collector.settle()  # a thousand rows: out of the periodic collection's way
        if not same and 0 <= top_row < self.proxy.rowCount():
            self.left_view.scrollTo(self.proxy.index(top_row, CompareModel.OLD_TEXT),
                                    QAbstractItemView.ScrollHint.PositionAtTop)
        self.comparison_ready.emit(result)

    def _on_failed(self, error: Exception) -> None:
        self.last_error = error
        message = error_message(error)
        self.summary_label.setText(f'<span style="color:#a00">Cannot compare: '
                                   f'{html.escape(message)}</span>')
        self.status_message.emit(f"Cannot compare: {message}")

    def _update_summary(self) -> None:
        if self.model.comparison is None:
            self.summary_label.setText("Choose two texts to compare.")
            return
        s = self.model.comparison.summary
        parts = []
        for kind in ("unchanged", "changed", "added", "removed", "split", "merged"):
            if kind in ("split", "merged") and not s.get(kind):
                continue
            colour = KIND_COLOURS[kind].name()
            parts.append(f'<span style="background-color:{colour}">&nbsp;{s.get(kind, 0)} '
                         f'{kind}&nbsp;</span>')
        parts.append(f'<span style="background-color:#dcecff">&nbsp;{s.get("moved", 0)} '
                     'moved&nbsp;</span>')
        self.summary_label.setText("&nbsp;".join(parts))

    # ------------------------------------------------------------ row heights (cached)

    def _widths(self) -> tuple[int, int]:
        return (self.left_view.columnWidth(CompareModel.OLD_TEXT),
                self.right_view.columnWidth(CompareModel.NEW_TEXT))

    def _row_key(self, row: int) -> object:
        source = self.proxy.mapToSource(self.proxy.index(row, 0)).row()
        return (self.model.rows[source].key, *self._widths())

    def _measure_row(self, row: int) -> int:
        """As tall as the taller side, so the pairs stay opposite each other."""
        r = self.model.rows[self.proxy.mapToSource(self.proxy.index(row, 0)).row()]
        left_w, right_w = self._widths()
        font = self.left_view.font()
        minimum = self.left_view.fontMetrics().height() + 2 * MARGIN
        return max(minimum, html_height(r.old_html, font, left_w),
                   html_height(r.new_html, font, right_w))

    def _estimate_row(self, row: int) -> int:
        r = self.model.rows[self.proxy.mapToSource(self.proxy.index(row, 0)).row()]
        metrics = self.left_view.fontMetrics()
        left_w, right_w = self._widths()
        lines = 1
        for text, width in ((r.old_text, left_w), (r.new_text, right_w)):
            per_line = max(1, (width - 2 * MARGIN) // max(1, metrics.averageCharWidth()))
            lines = max(lines, -(-len(text) // per_line) + (1 if r.note_old else 0))
        return lines * metrics.lineSpacing() + 2 * MARGIN

    def _schedule_heights(self, *_args: object) -> None:
        self._heights_timer.start()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._schedule_heights()

    def update_row_heights(self) -> None:
        """After a change of width: heights again (visible rows now, the others when idle)."""
        self._syncing = True
        try:
            self.heights.reset()
        finally:
            self._syncing = False
        self._sync(self.left_view, self.right_view)

    def wait_heights(self) -> bool:
        """Measure every row now (screenshots, tests); True when all are exact."""
        self.heights.measure_all()
        return self.heights.done

    # ------------------------------------------------------------ scrolling in step

    def _on_left_scrolled(self, _value: int) -> None:
        # Measuring the rows now on screen (the rest of the neighbourhood when idle) keeps
        # each side's top row in place; the other side's correction must not drive this
        # side back to where it was (scrolling up from the end used to bounce to the end).
        was_syncing, self._syncing = self._syncing, True
        try:
            self.heights.update_visible(spare=False)
            if not self.heights.adjusting:  # the user scrolled, not rows measured above
                self.heights.defer()  # the rest of the neighbourhood once scrolling pauses
        finally:
            self._syncing = was_syncing
        self._sync(self.left_view, self.right_view)

    def _on_right_scrolled(self, _value: int) -> None:
        self._sync(self.right_view, self.left_view)

    def _sync(self, source: QTableView, target: QTableView) -> None:
        """Scroll `target` to the position of `source`, mapped through the rows (Meld)."""
        if self._syncing:
            return
        self._syncing = True
        try:
            target.verticalScrollBar().setValue(self.map_position(source, target))
        finally:
            self._syncing = False

    @staticmethod
    def map_position(source: QTableView, target: QTableView) -> int:
        """The scroll value of `target` showing what `source` shows at its top edge."""
        bar, other = source.verticalScrollBar(), target.verticalScrollBar()
        if bar.value() >= bar.maximum() > 0:
            return other.maximum()  # both ends line up, even when the sides differ in height
        header, target_header = source.verticalHeader(), target.verticalHeader()
        row = header.logicalIndexAt(0)
        if row < 0:
            return 0
        size = header.sectionSize(row) or 1
        fraction = (bar.value() - header.sectionPosition(row)) / size
        return round(target_header.sectionPosition(row)
                     + fraction * target_header.sectionSize(row))

    # ------------------------------------------------------------ navigation and filter

    def _forget_changes(self, *_args: object) -> None:
        self._changes_cache = None

    def _change_rows(self) -> list[int]:
        """The proxy rows that are changes, in order (kept until the rows change)."""
        if self._changes_cache is None:
            rows = self.model.rows
            out = []
            for r in range(self.proxy.rowCount()):
                source = self.proxy.mapToSource(self.proxy.index(r, 0)).row()
                if rows[source].is_change:
                    out.append(r)
            self._changes_cache = out
        return self._changes_cache

    def current_row(self) -> int:
        index = self.selection.currentIndex()
        return index.row() if index.isValid() else -1

    def go_to_row(self, row: int) -> None:
        index = self.proxy.index(row, CompareModel.OLD_TEXT)
        self.selection.setCurrentIndex(
            index, self.selection.SelectionFlag.ClearAndSelect
            | self.selection.SelectionFlag.Rows)
        self.left_view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtTop)

    def next_change(self) -> bool:
        current = self.current_row()
        following = [r for r in self._change_rows() if r > current]
        if not following:
            self.status_message.emit("No further changes")
            return False
        self.go_to_row(following[0])
        return True

    def previous_change(self) -> bool:
        current = self.current_row()
        earlier = [r for r in self._change_rows() if 0 <= r < current]
        if not earlier:
            self.status_message.emit("No earlier changes")
            return False
        self.go_to_row(earlier[-1])
        return True

    def position_text(self) -> str:
        """"Change 3 of 22" on a change, else how many there are."""
        changes = self._change_rows() if self.model.comparison is not None else []
        if not changes:
            return "No changes" if self.model.comparison is not None else ""
        current = self.current_row()
        if current in changes:
            return f"Change {changes.index(current) + 1} of {len(changes)}"
        return plural(len(changes), "change")

    def _update_position(self, *_args: object) -> None:
        self.position_label.setText(self.position_text())

    # ------------------------------------------------------------ pins (sync points)

    def _side_address(self, row: int, old: bool) -> str | None:
        """The address of the first old (or new) item of proxy row `row`, if it has one."""
        comparison = self.model.comparison
        if comparison is None or row < 0:
            return None
        source = self.proxy.mapToSource(self.proxy.index(row, 0)).row()
        if not 0 <= source < len(self.model.rows):
            return None
        pair = self.model.rows[source].pair
        indices, numbers = ((pair.old, comparison.old_numbers) if old
                            else (pair.new, comparison.new_numbers))
        return numbers[indices[0]] if indices and indices[0] < len(numbers) else None

    def pin_current(self) -> bool:
        """First press: the current row's old clause; second press: its new partner, and the
        comparison is recomputed with the pin. True when a pin was added."""
        row = self.current_row()
        if self._pin_old is None:
            address = self._side_address(row, old=True)
            if address is None:
                self.status_message.emit("Pin: choose a row with an old clause first")
                return False
            self._pin_old = address
            self._update_pins()
            self.status_message.emit(f"Pin: old {address} chosen; go to its new clause and "
                                     "press Ctrl+K again (Esc or Ctrl+Shift+K cancels)")
            return False
        address = self._side_address(row, old=False)
        if address is None:
            self.status_message.emit("Pin: choose a row with a new clause")
            return False
        old, self._pin_old = self._pin_old, None
        # A clause pins to one partner: a new pin replaces older ones of either side.
        self.pins = (*[(a, b) for a, b in self.pins if a != old and b != address],
                     (old, address))
        self._update_pins()
        self.status_message.emit(f"Pinned old {old} to new {address}; re-aligning")
        self.recompute(force=True)
        return True

    def _forget_pins(self) -> None:
        self.pins, self._pin_old = (), None
        self._update_pins()

    def clear_pins(self) -> None:
        had = bool(self.pins)
        self.pins, self._pin_old = (), None
        self._update_pins()
        if had:
            self.recompute(force=True)

    def _update_pins(self) -> None:
        parts = [f"{a} = {b}" for a, b in self.pins]
        if self._pin_old is not None:
            parts.append(f"{self._pin_old} = ?")
        self.pins_label.setText(f"Pinned: {', '.join(parts)}" if parts else "")

    def _on_only_changes(self, on: bool) -> None:
        self.proxy.set_only_changes(on)
        self._update_position()
