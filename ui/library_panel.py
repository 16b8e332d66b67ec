"""The library browser: search as you type, filters, results, and the clause preview."""

from __future__ import annotations

import html
from typing import Any

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
    QColor,
    QKeyEvent,
    QPainter,
    QPalette,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
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

from dsrdraft.model import Initiative, counts_phrase, unit_name
from dsrdraft.store import InitiativeSummary, Library, SearchHit
from dsrdraft.store.query import window_full
from dsrdraft.textdir import is_rtl
from dsrdraft_ui.catalog import LibraryCatalog
from dsrdraft_ui.library_model import (
    FIRST_PAGE,
    BrowseSource,
    ClauseListModel,
    SearchSource,
    hit_counts,
    hit_heading,
    hit_kind_name,
    hit_ref,
)
from dsrdraft_ui.lru import LruCache
from dsrdraft_ui.operations import LatestRequest, OperationRunner, error_message
from dsrdraft_ui.operations.ops import load_initiative, search_page

SEARCH_DELAY_MS = 150
SELECTION_BACKGROUND = "#bcd6f2"
LANGUAGE_NAMES = {"en": "English", "zh": "Chinese", "ar": "Arabic", "ru": "Russian",
                  "fr": "French", "es": "Spanish"}


def is_add_shortcut(event: QKeyEvent) -> bool:
    return (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier))


class ResultDelegate(QStyledItemDelegate):
    """Two lines per hit: initiative · number (small), then the snippet with bold matches.

    Laid-out documents are cached by hit and width (a page of results is measured once,
    however often the list lays itself out); sizes are kept apart, so they outlive the
    documents' least-recently-used eviction.
    """

    MARGIN = 6
    CACHE_SIZE = 300

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._documents: LruCache[QTextDocument] = LruCache(self.CACHE_SIZE)
        self._sizes: dict[tuple, QSize] = {}

    def _key(self, option: QStyleOptionViewItem,
             index: QModelIndex | QPersistentModelIndex) -> tuple:
        hit: SearchHit = index.data(ClauseListModel.HitRole)
        return (hit.id, hit.number, hit.kind, hit.language, hit.snippet, option.rect.width(),
                option.font.key())

    def _document(self, option: QStyleOptionViewItem,
                  index: QModelIndex | QPersistentModelIndex) -> QTextDocument:
        return self._documents.get(self._key(option, index),
                                   lambda: self._build(option, index))

    def _build(self, option: QStyleOptionViewItem,
               index: QModelIndex | QPersistentModelIndex) -> QTextDocument:
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
                f'{html.escape(hit_kind_name(hit))} <b>{html.escape(hit.number)}</b>{lang}'
                '</div>')
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
        if isinstance(opt.widget, QAbstractScrollArea):
            opt.rect.setWidth(opt.widget.viewport().width())
        key = self._key(opt, index)
        size = self._sizes.get(key)
        if size is None:
            doc = self._document(opt, index)
            size = QSize(int(doc.idealWidth()) + 2 * self.MARGIN,
                         int(doc.size().height()) + 2 * self.MARGIN + 1)
            if len(self._sizes) > 20_000:
                self._sizes.clear()
            self._sizes[key] = size
        return size


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
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(25)
        # A light selection: the grey heading line and the highlighted search words stay
        # readable on a selected result (dark text on light blue, not white on dark).
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Highlight, QColor(SELECTION_BACKGROUND))
        palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#111111"))
        self.setPalette(palette)


class LibraryPanel(QWidget):
    """Search box, filters and the lazy result list. Emits what to add and what to preview."""

    add_requested = Signal(list)  # [{"id", "number", "text", "language"}]
    current_changed = Signal(object)  # SearchHit | None
    status_message = Signal(str)
    search_finished = Signal(int)  # rows in the first page

    def __init__(self, library: Library, runner: OperationRunner, catalog: LibraryCatalog,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.runner = runner
        self.catalog = catalog
        self._search = LatestRequest(runner)

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
        self.model = ClauseListModel(runner, self)
        self.results.setModel(self.model)
        self.count_label = QLabel()
        self.count_label.setObjectName("resultCount")
        self.count_label.setWordWrap(True)  # the counts by kind never widen the dock

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
        self.model.page_arrived.connect(self._update_count)
        catalog.changed.connect(self.reload_filters)
        runner.library_changed.connect(self.run_search)
        self.reload_filters()

    # ------------------------------------------------------------ filters

    @property
    def pending(self) -> bool:
        """A search is under way in the database lane."""
        return self._search.pending

    @property
    def summaries(self) -> tuple[InitiativeSummary, ...]:
        return self.catalog.summaries

    def reload_filters(self) -> None:
        """Fill the filter lists from the catalog (it reloads after an import)."""
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

    def filters(self) -> dict[str, Any]:
        return {"initiative": self.initiative_combo.currentData(),
                "year": self.year_combo.currentData(),
                "language": self.language_combo.currentData()}

    # ------------------------------------------------------------ searching

    def run_search(self, *_args: object) -> None:
        """Search for the current text and filters in the database lane (newest wins)."""
        self._timer.stop()
        query = self.search_edit.text().strip()
        filters = self.filters()
        if query:
            source: SearchSource | BrowseSource = SearchSource(self.library, query, **filters)
        else:
            source = BrowseSource(self.library, **filters)
        self.count_label.setText("Searching…")

        def done(page: list[SearchHit]) -> None:
            self.model.set_source(source, page, FIRST_PAGE)
            self._update_count()
            self.search_finished.emit(len(page))

        def failed(error: Exception) -> None:
            self.model.clear()
            message = error_message(error)
            self.count_label.setText(message)
            self.status_message.emit(f"Search failed: {message}")

        self._search.run(search_page(source, FIRST_PAGE), done, failed)

    def _update_count(self, *_args: object) -> None:
        n = self.model.rowCount()
        more = "+" if self.model.canFetchMore() else ""
        query = self.search_edit.text().strip()
        found = f"{n:,}{more} {'clause' if n == 1 and not more else 'clauses'}"
        if query and window_full(n) and not more:
            self.count_label.setText(f"The {n:,} newest clauses matching “{query}” are listed;"
                                     f" more may match: add words or filters to narrow it")
        elif query:
            self.count_label.setText(f"{found} {'matches' if n == 1 and not more else 'match'}"
                                     f" “{query}”" if n else f"No clause matches “{query}”")
        else:
            # Browsing lists preambular paragraphs and translated units too: each kind is
            # counted apart, as the library list and the status bar count them.
            found = counts_phrase(hit_counts(self.model.hit(r) for r in range(n)),
                                  zero=("operative",))
            if more:
                found += " so far"
            self.count_label.setText(f"{found} · type to search · Ctrl+Enter or drag to add")

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
            if (not self.results.currentIndex().isValid()
                    or not self.results.selectionModel().hasSelection()):
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

    def __init__(self, library: Library, runner: OperationRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.runner = runner
        self._load = LatestRequest(runner)
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
        self.header.setText(f"{html.escape(hit.title)} · {html.escape(hit_heading(hit))}")
        self._set(self.original, hit.text)
        self.translation.clear()

        def done(ini: Initiative) -> None:
            self._cache[ini.id] = ini
            if self._wanted is not None and self._wanted.id == ini.id:
                self._render(self._wanted, ini)

        self._load.run(load_initiative(self.library, hit.id), done,
                       lambda error: self.header.setText(html.escape(error_message(error))))

    def show_ref(self, library_id: str, number: str) -> None:
        """The source of a draft clause (its provenance), with translations."""
        self.show_hit(SearchHit(library_id, number, "", 0.0, "", "en", library_id, None))

    def _render(self, hit: SearchHit, ini: Initiative) -> None:
        clause = ini.clause(hit.number)
        main = clause.text if clause else hit.text
        where = ", ".join(x for x in (ini.place or "", ini.date or "") if x)
        what = unit_name(clause.kind.value) if clause else hit_kind_name(hit)
        self.header.setText(f"<b>{html.escape(ini.title)}</b> · {html.escape(what)} "
                            f"<b>{html.escape(hit.number)}</b>"
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
