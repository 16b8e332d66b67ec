"""The library browser: search as you type, filters, results, and the clause preview."""

from __future__ import annotations

import html

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QKeyEvent,
    QPainter,
    QPalette,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from dsrdraft.model import Initiative
from dsrdraft.store import InitiativeSummary, Library, SearchHit
from dsrdraft.textdir import is_rtl
from dsrdraft_ui.library_model import (
    PAGE_SIZE,
    BrowseSource,
    ClauseListModel,
    SearchSource,
    hit_ref,
)
from dsrdraft_ui.workers import TaskRunner

SEARCH_DELAY_MS = 150
LANGUAGE_NAMES = {"en": "English", "zh": "Chinese", "ar": "Arabic", "ru": "Russian",
                  "fr": "French", "es": "Spanish"}


def is_add_shortcut(event: QKeyEvent) -> bool:
    return (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier))


class ResultDelegate(QStyledItemDelegate):
    """Two lines per hit: initiative · number (small), then the snippet with bold matches."""

    MARGIN = 6

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex) -> QTextDocument:
        hit: SearchHit = index.data(ClauseListModel.HitRole)
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultFont(option.font)
        text_option = QTextOption()
        text_option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        if is_rtl(hit.text):
            text_option.setTextDirection(Qt.LayoutDirection.RightToLeft)
        doc.setDefaultTextOption(text_option)
        year = f" ({hit.year})" if hit.year else ""
        lang = f" · {hit.language}" if hit.language != "en" else ""
        head = (f'<div style="color:#555"><b>{html.escape(hit.title)}</b>{year} · '
                f'clause <b>{html.escape(hit.number)}</b>{lang}</div>')
        doc.setHtml(head + f"<div>{index.data(ClauseListModel.SnippetHtmlRole)}</div>")
        doc.setTextWidth(max(120, option.rect.width() - 2 * self.MARGIN))
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = self._document(option, index)
        painter.save()
        painter.translate(option.rect.left() + self.MARGIN, option.rect.top() + self.MARGIN)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        if option.state & QStyle.StateFlag.State_Selected:
            ctx.palette.setColor(QPalette.ColorRole.Text,
                                 option.palette.color(QPalette.ColorRole.HighlightedText))
        doc.documentLayout().draw(painter, ctx)
        painter.restore()
        painter.save()
        painter.setPen(option.palette.color(QPalette.ColorRole.Midlight))
        painter.drawLine(option.rect.bottomLeft(), option.rect.bottomRight())
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        opt = QStyleOptionViewItem(option)
        if opt.widget is not None:
            opt.rect.setWidth(opt.widget.viewport().width())
        doc = self._document(opt, index)
        return QSize(int(doc.idealWidth()) + 2 * self.MARGIN,
                     int(doc.size().height()) + 2 * self.MARGIN + 1)


class ResultView(QListView):
    """Results list: wraps text to its width, drags clause references out."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.setWordWrap(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setItemDelegate(ResultDelegate(self))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)


class LibraryPanel(QWidget):
    """Search box, filters and the lazy result list. Emits what to add and what to preview."""

    add_requested = Signal(list)  # [{"id", "number", "text", "language"}]
    current_changed = Signal(object)  # SearchHit | None
    status_message = Signal(str)
    search_finished = Signal(int)  # rows in the first page

    def __init__(self, library: Library, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.runner = runner
        self._generation = 0
        self.pending = False  # a search is running in the worker
        self.summaries: list[InitiativeSummary] = []

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText("Search agreed language (e.g. digital, 数字)…")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setObjectName("librarySearch")
        self.initiative_combo = QComboBox()
        self.initiative_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.initiative_combo.setMinimumContentsLength(12)
        self.year_combo = QComboBox()
        self.language_combo = QComboBox()
        for combo, tip in ((self.initiative_combo, "Initiative"), (self.year_combo, "Year"),
                           (self.language_combo, "Language")):
            combo.setToolTip(f"Filter by {tip.lower()}")
        self.results = ResultView()
        self.model = ClauseListModel(self)
        self.results.setModel(self.model)
        self.count_label = QLabel()
        self.count_label.setObjectName("resultCount")

        filters = QHBoxLayout()
        filters.setSpacing(4)
        filters.addWidget(self.initiative_combo, 3)
        filters.addWidget(self.year_combo, 1)
        filters.addWidget(self.language_combo, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.search_edit)
        layout.addLayout(filters)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.count_label)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.search_edit.textChanged.connect(self._timer.start)
        self.search_edit.returnPressed.connect(self._focus_results)
        for combo in (self.initiative_combo, self.year_combo, self.language_combo):
            combo.currentIndexChanged.connect(self._timer.start)
        self.results.selectionModel().currentChanged.connect(self._on_current_changed)
        self.model.modelReset.connect(self._on_model_reset)
        self.results.doubleClicked.connect(lambda _i: self.add_selected())
        self.results.installEventFilter(self)
        self.search_edit.installEventFilter(self)
        self.reload_filters()

    # ------------------------------------------------------------ filters

    def reload_filters(self) -> None:
        """Fill the filter lists from the library (after an import too)."""
        self.summaries = self.library.list_initiatives()
        keep = (self.initiative_combo.currentData(), self.year_combo.currentData(),
                self.language_combo.currentData())
        combos = (self.initiative_combo, self.year_combo, self.language_combo)
        for combo in combos:
            combo.blockSignals(True)
            combo.clear()
        self.initiative_combo.addItem("All initiatives", None)
        for s in self.summaries:
            label = f"{s.title} ({s.year})" if s.year else s.title
            self.initiative_combo.addItem(label, s.id)
            self.initiative_combo.setItemData(self.initiative_combo.count() - 1, label,
                                              Qt.ItemDataRole.ToolTipRole)
        self.year_combo.addItem("Any year", None)
        for year in sorted({s.year for s in self.summaries if s.year}, reverse=True):
            self.year_combo.addItem(str(year), year)
        self.language_combo.addItem("Any language", None)
        for lang in sorted({lang for s in self.summaries for lang in s.languages}):
            self.language_combo.addItem(LANGUAGE_NAMES.get(lang, lang), lang)
        for combo, value in zip(combos, keep, strict=True):
            at = combo.findData(value)
            combo.setCurrentIndex(max(at, 0))
            combo.blockSignals(False)

    def filters(self) -> dict[str, object]:
        return {"initiative": self.initiative_combo.currentData(),
                "year": self.year_combo.currentData(),
                "language": self.language_combo.currentData()}

    # ------------------------------------------------------------ searching

    def run_search(self) -> None:
        """Start the search for the current text and filters in the worker."""
        self._timer.stop()
        self._generation += 1
        generation = self._generation
        query = self.search_edit.text().strip()
        filters = self.filters()
        if query:
            source: SearchSource | BrowseSource = SearchSource(self.library, query, **filters)
        else:
            source = BrowseSource(self.library, **filters)
        self.count_label.setText("Searching…")
        self.pending = True

        def done(page: list[SearchHit]) -> None:
            if generation != self._generation:
                return  # a newer search is under way; drop this one
            self.pending = False
            self.model.set_source(source, page)
            self._update_count()
            self.search_finished.emit(len(page))

        def failed(message: str) -> None:
            if generation == self._generation:
                self.pending = False
                self.model.clear()
                self.count_label.setText(message)
                self.status_message.emit(f"Search failed: {message}")

        self.runner.submit(lambda: source.next_page(PAGE_SIZE), on_done=done, on_error=failed)

    def _update_count(self) -> None:
        n = self.model.rowCount()
        more = "+" if self.model.canFetchMore() else ""
        query = self.search_edit.text().strip()
        if query:
            self.count_label.setText(f"{n}{more} clauses match “{query}”" if n
                                     else f"No clause matches “{query}”")
        else:
            self.count_label.setText(f"{n}{more} clauses · type to search "
                                     f"· Ctrl+Enter or drag to add")

    def search(self, text: str) -> None:
        """Set the search text and search now (no debounce)."""
        self.search_edit.setText(text)
        self.run_search()

    # ------------------------------------------------------------ selection and adding

    def selected_hits(self) -> list[SearchHit]:
        rows = sorted({i.row() for i in self.results.selectionModel().selectedRows()})
        if not rows and self.results.currentIndex().isValid():
            rows = [self.results.currentIndex().row()]
        if not rows and self.model.rowCount() and self.search_edit.hasFocus():
            rows = [0]
        return [self.model.hit(r) for r in rows]

    def add_selected(self) -> int:
        hits = self.selected_hits()
        if hits:
            self.add_requested.emit([hit_ref(h) for h in hits])
        return len(hits)

    def _on_model_reset(self) -> None:
        self.current_changed.emit(None)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.current_changed.emit(self.model.hit(current.row()) if current.isValid() else None)

    def _focus_results(self) -> None:
        if self.model.rowCount():
            self.results.setFocus()
            if not self.results.currentIndex().isValid():
                self.results.setCurrentIndex(self.model.index(0))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and is_add_shortcut(event):  # type: ignore[arg-type]
            event.accept()  # handled here, not by the window's menu shortcut
            return True
        if event.type() == QEvent.Type.KeyPress:
            key_event: QKeyEvent = event  # type: ignore[assignment]
            if is_add_shortcut(key_event):
                self.add_selected()
                return True
            if watched is self.search_edit and key_event.key() == Qt.Key.Key_Down:
                self._focus_results()
                return True
        return super().eventFilter(watched, event)


class ClausePreview(QWidget):
    """The whole clause with its translations side by side (Chinese on the right)."""

    def __init__(self, library: Library, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.runner = runner
        self._cache: dict[str, Initiative] = {}
        self._wanted: SearchHit | None = None
        self.header = QLabel("Select a clause in the library to see it whole.")
        self.header.setWordWrap(True)
        self.header.setObjectName("previewHeader")
        self.original = QTextBrowser()
        self.translation = QTextBrowser()
        for browser in (self.original, self.translation):
            browser.setOpenLinks(False)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.original)
        splitter.addWidget(self.translation)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.header)
        layout.addWidget(splitter, 1)

    def show_hit(self, hit: SearchHit | None) -> None:
        self._wanted = hit
        if hit is None:
            self.original.clear()
            self.translation.clear()
            return
        if hit.id in self._cache:
            self._render(hit, self._cache[hit.id])
            return
        self.header.setText(f"{html.escape(hit.title)} · clause {hit.number}")
        self._set(self.original, hit.text)
        self.translation.clear()

        def done(ini: Initiative) -> None:
            self._cache[ini.id] = ini
            if self._wanted is not None and self._wanted.id == ini.id:
                self._render(self._wanted, ini)

        self.runner.submit(lambda: self.library.get(hit.id), on_done=done,
                           on_error=lambda msg: self.header.setText(html.escape(msg)))

    def show_ref(self, library_id: str, number: str) -> None:
        """The source of a draft clause (its provenance), with translations."""
        self.show_hit(SearchHit(library_id, number, "", 0.0, "", "en", library_id, None))

    def _render(self, hit: SearchHit, ini: Initiative) -> None:
        clause = ini.clause(hit.number)
        main = clause.text if clause else hit.text
        where = ", ".join(x for x in (ini.place or "", ini.date or "") if x)
        self.header.setText(f"<b>{html.escape(ini.title)}</b> · clause <b>{hit.number}</b>"
                            + (f" · {html.escape(where)}" if where else ""))
        self._set(self.original, main)
        others = []
        for lang, items in sorted(ini.translations.items()):
            match = next((t for t in items if t.number == hit.number), None)
            if match is not None:
                others.append((lang, match.text))
        if others:
            self._set(self.translation, "\n\n".join(t for _l, t in others))
        else:
            self.translation.setHtml('<p style="color:#777">No translation of this clause in '
                                     "the library.</p>")

    @staticmethod
    def _set(browser: QTextBrowser, text: str) -> None:
        browser.setPlainText(text)
        rtl = is_rtl(text)
        browser.setLayoutDirection(Qt.LayoutDirection.RightToLeft if rtl
                                   else Qt.LayoutDirection.LeftToRight)
        option = browser.document().defaultTextOption()
        option.setTextDirection(Qt.LayoutDirection.RightToLeft if rtl
                                else Qt.LayoutDirection.LeftToRight)
        option.setAlignment(Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft)
        browser.document().setDefaultTextOption(option)
        browser.setPlainText(text)
