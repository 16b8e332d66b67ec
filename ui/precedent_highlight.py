"""Agreed language in the draft editor: passages already agreed in library initiatives shaded.

`PrecedentShading` asks the core's `PrecedentFinder` for the spans of clause texts on the
worker thread (the finder is created there: one per worker thread, see docs/precedents.md) and
keeps the results by clause text, so a clause whose text changed has no shading until its new
text has been looked up. The current clause is looked up at once; the whole draft after a pause
in editing. Each request carries a sequence number; an answer to an older request is dropped.

`PrecedentTextDelegate` paints the clause column like `ClauseTextDelegate` (bracket tints) and
adds the agreed passages on top: a green underline over every character of a passage, and a
light green background where the text is not bracketed, so both markings stay visible. Its
tooltip names the sources of the passage under the mouse. The in-place editor gets the same
marking as extra selections, looked up again after each pause in typing.
"""

from __future__ import annotations

import html
import threading
from collections.abc import Hashable, Iterable

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QHelpEvent, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyleOptionViewItem,
    QTextEdit,
    QToolTip,
    QWidget,
)

from dsrdraft.draft.changes import DraftChanges
from dsrdraft.draft.model import Draft
from dsrdraft.precedents import PrecedentFinder, Span
from dsrdraft.status_style import AGREED_LANGUAGE
from dsrdraft.store import Library
from dsrdraft_ui.bracket_highlighter import bracket_spans
from dsrdraft_ui.draft_editor import ClauseTextDelegate, ClauseTextEdit, DraftEditor
from dsrdraft_ui.draft_model import DraftClauseModel, DraftDocument
from dsrdraft_ui.operations import LatestRequest, OperationRunner, error_message
from dsrdraft_ui.operations.ops import find_precedents

ModelIndex = QModelIndex | QPersistentModelIndex

AGREED_UNDERLINE = AGREED_LANGUAGE["underline"]
AGREED_BACKGROUND = AGREED_LANGUAGE["background"]
DRAFT_DELAY_MS = 600  # pause after an edit before the whole draft is looked up again
DRAFT_CHUNK = 40  # texts per lookup of the whole draft
OPEN_DELAY_MS = 1500  # after a draft is opened, before the whole of it is looked up
TYPING_DELAY_MS = 350  # pause in typing before the in-place editor's text is looked up

_worker_state = threading.local()  # the worker thread's finder: (library, generation, finder)


def _finder(library: Library, generation: int, min_words: int) -> PrecedentFinder:
    """The calling (worker) thread's finder, made anew after the library changed."""
    held = getattr(_worker_state, "held", None)
    if held is None or held[0] is not library or held[1] != (generation, min_words):
        held = (library, (generation, min_words), PrecedentFinder(library, min_words=min_words))
        _worker_state.held = held
    return held[2]


def span_tooltip(span: Span) -> str:
    """Rich-text tooltip naming where a passage was agreed."""
    rows = []
    for s in span.sources:
        title = s.title or s.id
        year = f", {s.year}" if s.year else ""
        rows.append(f"<li><b>{html.escape(title)}</b>{html.escape(year)} "
                    f"<span style='color:#555'>({html.escape(s.id)})</span>, clause "
                    f"{html.escape(s.number)} — score {s.score:.2f}</li>")
    words = f"{span.words:.0f} words"
    return (f"<p><b>Agreed language</b> ({words}):<br><i>{html.escape(span.text)}</i></p>"
            f"<ul style='margin-left:-20px'>{''.join(rows)}</ul>")


def span_summary(span: Span) -> str:
    """One line per span for status bars and tests: `obor-2017 14 (0.97)`."""
    return "; ".join(f"{s.id} {s.number} ({s.score:.2f})" for s in span.sources)


class PrecedentShading(QObject):
    """Agreed-language spans of clause texts, looked up on the worker thread, cached by text."""

    spans_changed = Signal()  # new results arrived (repaint)
    text_ready = Signal(str)  # the spans of this text are known

    def __init__(self, library: Library, runner: OperationRunner, document: DraftDocument,
                 parent: QObject | None = None, *, min_words: int | None = None,
                 delay_ms: int = DRAFT_DELAY_MS) -> None:
        super().__init__(parent)
        self.library = library
        self.runner = runner
        self.document = document
        self.min_words = min_words or 8
        self.enabled = True
        self.generation = 0
        self._spans: dict[str, tuple[Span, ...]] = {}
        self._inflight: dict[str, list[str]] = {}
        self._requests = {kind: LatestRequest(runner) for kind in ("draft", "clause", "typing")}
        self.last_error = ""
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.delay_ms = delay_ms
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.refresh_draft)
        document.changed.connect(self._on_draft_changed)

    # ------------------------------------------------------------ reading

    def spans_for(self, text: str) -> tuple[Span, ...]:
        """The known spans of `text` (empty until it has been looked up)."""
        return self._spans.get(text, ()) if self.enabled else ()

    def known(self, text: str) -> bool:
        return text in self._spans

    @property
    def busy(self) -> bool:
        return any(r.pending for r in self._requests.values()) or self.timer.isActive()

    # ------------------------------------------------------------ requests

    def _on_draft_changed(self, _draft: Draft, changes: DraftChanges, _select: object) -> None:
        if self.enabled:
            # A draft just opened is looked up after a longer pause: its first seconds belong
            # to whoever opened it (the current clause is looked up at once all the same).
            self.timer.start(OPEN_DELAY_MS if changes.replaced else self.delay_ms)

    def library_changed(self, *_args: object) -> None:
        """After an import: forget every result and look the draft up again."""
        self.generation += 1
        self._spans.clear()
        self.spans_changed.emit()
        self.refresh_draft()

    def set_enabled(self, on: bool) -> None:
        self.enabled = on
        self.spans_changed.emit()
        if on:
            self.refresh_draft()

    def refresh_draft(self) -> None:
        """Look up every clause of the draft whose text is not known yet."""
        self.timer.stop()
        texts = [c.text for c in self.document.draft.clauses if c.text.strip()]
        self._request("draft", texts)

    def request(self, texts: Iterable[str], kind: str = "clause") -> None:
        """Look up these texts now (the current clause, the text being typed)."""
        self._request(kind, list(texts))

    def _request(self, kind: str, texts: list[str]) -> None:
        if not self.enabled:
            return
        wanted = list(dict.fromkeys(t for t in texts if t.strip() and t not in self._spans))
        if kind == "draft":
            wanted = wanted[:DRAFT_CHUNK]  # the rest follows: searches get the lane between
        request = self._requests[kind]
        if wanted and request.pending and self._inflight.get(kind) == wanted:
            return  # the same lookup is already on its way
        self._inflight[kind] = wanted
        if not wanted:
            request.cancel()
            return
        generation = self.generation
        library, min_words = self.library, self.min_words
        op = find_precedents(library, wanted, lambda: _finder(library, generation, min_words))
        request.run(op, lambda found: self._on_done(kind, generation, found),
                    self._on_error)

    def _on_done(self, kind: str, generation: int,
                 found: dict[str, tuple[Span, ...]]) -> None:
        if generation != self.generation:
            return  # the library changed since
        self._spans.update(found)
        if kind == "draft":  # keep the cache to the draft's texts
            live = {c.text for c in self.document.draft.clauses} | set(found)
            for text in [t for t in self._spans if t not in live]:
                del self._spans[text]
        self.spans_changed.emit()
        for text in found:
            self.text_ready.emit(text)
        if kind == "draft":
            self.refresh_draft()  # the next chunk, if any

    def _on_error(self, error: Exception) -> None:
        self.last_error = error_message(error)


# ---------------------------------------------------------------- painting

def agreed_format(background: bool) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
    fmt.setUnderlineColor(QColor(AGREED_UNDERLINE))
    if background:
        fmt.setBackground(QColor(AGREED_BACKGROUND))
    return fmt


def shade_document(doc: QTextDocument, spans: Iterable[Span]) -> None:
    """Underline each span of `doc` (its plain text is the clause text); tint unbracketed text.

    Where the text is bracketed (the core's tokenizer says where) the bracket tint stays and
    only the underline is added; a few format merges per span, no per-character probing.
    """
    text = doc.toPlainText()
    length = len(text)
    bracketed = [(start, start + size) for start, size, _d, _a in bracket_spans(text)]
    for span in spans:
        start, end = max(0, span.start), min(span.end, length)
        for a, b, tinted in _runs(start, end, bracketed):
            cursor = QTextCursor(doc)
            cursor.setPosition(a)
            cursor.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(agreed_format(not tinted))


def _runs(start: int, end: int, tinted: list[tuple[int, int]]) -> list[tuple[int, int, bool]]:
    """[start, end) cut into runs inside or outside the `tinted` ranges."""
    out: list[tuple[int, int, bool]] = []
    pos = start
    for a, b in tinted:
        if b <= pos or a >= end:
            continue
        if a > pos:
            out.append((pos, a, False))
        out.append((max(a, pos), min(b, end), True))
        pos = min(b, end)
    if pos < end:
        out.append((pos, end, False))
    return out


class PrecedentTextDelegate(ClauseTextDelegate):
    """The clause column with agreed passages shaded and their sources in the tooltip."""

    def __init__(self, shading: PrecedentShading, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.shading = shading

    def render_key(self, index: ModelIndex, font: QFont, width: int) -> Hashable:
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        return (super().render_key(index, font, width), self.shading.spans_for(text))

    def _build(self, index: ModelIndex, font: QFont, width: int) -> QTextDocument:
        doc = super()._build(index, font, width)
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        spans = self.shading.spans_for(text)
        if spans and doc.toPlainText() == text:
            shade_document(doc, spans)
            doc.setTextWidth(doc.textWidth())
        return doc

    def span_at(self, view: QAbstractItemView, index: ModelIndex, pos: QPoint) -> Span | None:
        """The span under `pos` (viewport coordinates) in the cell `index`, if any."""
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        spans = self.shading.spans_for(text)
        if not spans:
            return None
        rect = view.visualRect(index)
        font = index.data(Qt.ItemDataRole.FontRole) or view.font()
        doc = self.document(index, font, rect.width())
        local = pos - rect.topLeft() - QPoint(self.MARGIN, self.MARGIN)
        char = doc.documentLayout().hitTest(local.toPointF(), Qt.HitTestAccuracy.ExactHit)
        if char < 0:
            return None
        return next((s for s in spans if s.start <= char < s.end), None)

    def helpEvent(self, event: QHelpEvent, view: QAbstractItemView,
                  option: QStyleOptionViewItem, index: ModelIndex) -> bool:
        if event is not None and view is not None and index.isValid():
            span = self.span_at(view, index, event.pos())
            if span is not None:
                QToolTip.showText(event.globalPos(), span_tooltip(span), view.viewport(),
                                  view.visualRect(index))
                return True
        return super().helpEvent(event, view, option, index)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: ModelIndex) -> QWidget:
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, ClauseTextEdit):
            EditorShading(editor, self.shading)
        return editor


class EditorShading(QObject):
    """Agreed passages in the in-place editor, as extra selections looked up while typing."""

    def __init__(self, editor: ClauseTextEdit, shading: PrecedentShading) -> None:
        super().__init__(editor)
        self.editor = editor
        self.shading = shading
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(TYPING_DELAY_MS)
        self.timer.timeout.connect(self._lookup)
        editor.textChanged.connect(self._on_text_changed)
        shading.text_ready.connect(self._on_ready)
        editor.setProperty("precedentShading", True)

    def _on_text_changed(self) -> None:
        self.apply()
        self.timer.start()

    def _lookup(self) -> None:
        self.shading.request([" ".join(self.editor.toPlainText().split())], "typing")

    def _on_ready(self, _text: str) -> None:
        self.apply()

    def spans(self) -> tuple[Span, ...]:
        text = self.editor.toPlainText()
        return self.shading.spans_for(" ".join(text.split())) if text == " ".join(
            text.split()) else ()

    def apply(self) -> None:
        selections = []
        for span in self.spans():
            selection = QTextEdit.ExtraSelection()
            selection.format = agreed_format(False)
            selection.format.setToolTip(span_summary(span))
            cursor = QTextCursor(self.editor.document())
            cursor.setPosition(span.start)
            cursor.setPosition(span.end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selections.append(selection)
        self.editor.setExtraSelections(selections)


def install(editor: DraftEditor, shading: PrecedentShading) -> PrecedentTextDelegate:
    """Paint `editor`'s clause column with agreed passages; look up the current clause at once."""
    delegate = PrecedentTextDelegate(shading, editor.table)
    editor.table.setItemDelegateForColumn(DraftClauseModel.TEXT, delegate)
    editor.text_delegate = delegate
    shading.spans_changed.connect(editor.table.viewport().update)

    def on_current(*_args: object) -> None:
        clause = editor.current_clause()
        if clause is not None:
            shading.request([clause.text])

    editor.table.selectionModel().currentRowChanged.connect(on_current)
    editor.document.changed.connect(on_current)
    shading.refresh_draft()
    return delegate
