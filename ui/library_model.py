"""A lazy list model of library clauses: search results or a browse of whole initiatives.

The model pulls rows from a *page source* (`SearchSource`, `BrowseSource`): the first page is
usually fetched by a worker and handed in with `set_source`; later pages come through
`canFetchMore` / `fetchMore` as the view scrolls, so a 100k-clause library is never loaded
whole.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from dsrdraft.draft.compound import LibraryClauseRef
from dsrdraft.model import Initiative, UnitKind, unit_name
from dsrdraft.store import MARK_CLOSE, MARK_OPEN, Library, SearchHit
from dsrdraft_ui.draft_model import CLAUSE_REF_MIME, clause_refs_to_mime
from dsrdraft_ui.operations import LatestRequest, OperationRunner
from dsrdraft_ui.operations.ops import search_page
from dsrdraft_ui.table_model import DRAGGABLE, NO_FLAGS

TRANSLATION = "translation"  # SearchHit.kind of a translated unit
PAGE_SIZE = 50
FIRST_PAGE = 20  # enough to fill the list; more follow as it scrolls (less to lay out at once)
ModelIndex = QModelIndex | QPersistentModelIndex


class SearchSource:
    """Pages of `Library.search(query, …)` (FTS, best first)."""

    def __init__(self, library: Library, query: str, *, initiative: str | None = None,
                 year: int | None = None, language: str | None = None) -> None:
        self.library = library
        self.query = query
        self.filters: dict[str, Any] = {"initiative": initiative, "year": year,
                                        "language": language}
        self.offset = 0

    def next_page(self, limit: int = PAGE_SIZE) -> list[SearchHit]:
        hits = self.library.search(self.query, limit=limit, offset=self.offset, **self.filters)
        self.offset += len(hits)
        return hits


class BrowseSource:
    """Every clause of the (filtered) initiatives in document order, one initiative at a time."""

    def __init__(self, library: Library, *, initiative: str | None = None,
                 year: int | None = None, language: str | None = None) -> None:
        self.library = library
        self.query = ""
        self.initiative, self.year, self.language = initiative, year, language
        self._rows = self._iterate()

    def _iterate(self) -> Iterator[SearchHit]:
        for summary in self.library.list_initiatives():
            if self.initiative is not None and summary.id != self.initiative:
                continue
            if self.year is not None and summary.year != self.year:
                continue
            if self.language is not None and self.language not in summary.languages:
                continue
            yield from self._hits(self.library.get(summary.id))

    def _hits(self, ini: Initiative) -> Iterator[SearchHit]:
        for c in ini.clauses:
            if self.language in (None, c.language):
                yield SearchHit(ini.id, c.number, c.text, 0.0, _excerpt(c.text), c.language,
                                ini.title, ini.year, c.kind.value)
        for lang, items in ini.translations.items():
            if self.language in (None, lang):
                for t in items:
                    yield SearchHit(ini.id, t.number, t.text, 0.0, _excerpt(t.text), lang,
                                    ini.title, ini.year, TRANSLATION)

    def next_page(self, limit: int = PAGE_SIZE) -> list[SearchHit]:
        out: list[SearchHit] = []
        for hit in self._rows:
            out.append(hit)
            if len(out) >= limit:
                break
        return out


def _excerpt(text: str, length: int = 220) -> str:
    return text if len(text) <= length else text[:length].rsplit(" ", 1)[0] + " …"


_MARKS = re.compile(re.escape(MARK_OPEN) + "(.*?)" + re.escape(MARK_CLOSE), re.DOTALL)


# Dark text on the highlight, whatever the row's text colour: a selected result stays readable.
MATCH_STYLE = "background-color:#ffe38a;color:#1a1a1a"


def snippet_html(snippet: str) -> str:
    """A snippet with its «matches» in bold on a highlight, everything else escaped."""
    out = []
    pos = 0
    for m in _MARKS.finditer(snippet):
        out.append(html.escape(snippet[pos:m.start()]))
        out.append(f'<b style="{MATCH_STYLE}">{html.escape(m.group(1))}</b>')
        pos = m.end()
    out.append(html.escape(snippet[pos:]))
    return "".join(out).replace(MARK_OPEN, "").replace(MARK_CLOSE, "")


class ClauseListModel(QAbstractListModel):
    """Library clauses, fetched a page at a time from a page source, in the database lane.

    `fetchMore` never reads the database itself: it asks the runner for the next page and
    inserts the rows when they arrive (`page_arrived`).
    """

    HitRole = Qt.ItemDataRole.UserRole + 1
    SnippetHtmlRole = Qt.ItemDataRole.UserRole + 2

    page_arrived = Signal(int)  # rows added
    page_failed = Signal(object)  # the exception

    def __init__(self, runner: OperationRunner, parent: QObject | None = None,
                 page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self.runner = runner
        self.page_size = page_size
        self._hits: list[SearchHit] = []
        self._source: SearchSource | BrowseSource | None = None
        self._exhausted = True
        self._request = LatestRequest(runner)

    # ------------------------------------------------------------ filling

    def set_source(self, source: SearchSource | BrowseSource | None,
                   first_page: list[SearchHit] | None = None,
                   asked: int | None = None) -> None:
        """Show `source`; its first page (of `asked` rows) if already fetched, else fetched
        in the background."""
        self._request.cancel()
        self.beginResetModel()
        self._source = source
        self._hits = list(first_page or [])
        self._exhausted = source is None or (first_page is not None
                                             and len(first_page) < (asked or self.page_size))
        self.endResetModel()
        if source is not None and first_page is None:
            self.fetchMore()

    def clear(self) -> None:
        self.set_source(None)

    @property
    def source(self) -> SearchSource | BrowseSource | None:
        return self._source

    @property
    def fetching(self) -> bool:
        return self._request.pending

    def hit(self, row: int) -> SearchHit:
        return self._hits[row]

    def canFetchMore(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return (not parent.isValid() and not self._exhausted and self._source is not None
                and not self._request.pending)

    def fetchMore(self, parent: ModelIndex = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        assert self._source is not None
        source = self._source
        self._request.run(search_page(source, self.page_size),
                          lambda page: self._on_page(source, page), self._on_failed)

    def _on_page(self, source: SearchSource | BrowseSource, page: list[SearchHit]) -> None:
        if source is not self._source:
            return
        if len(page) < self.page_size:
            self._exhausted = True
        if page:
            first = len(self._hits)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._hits.extend(page)
            self.endInsertRows()
        self.page_arrived.emit(len(page))

    def _on_failed(self, error: Exception) -> None:
        self._exhausted = True
        self.page_failed.emit(error)

    # ------------------------------------------------------------ reading

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{hit.title} · {hit_heading(hit)}: {hit.snippet.replace(MARK_OPEN, '')}" \
                .replace(MARK_CLOSE, "")
        if role == Qt.ItemDataRole.ToolTipRole:
            return hit.text
        if role == self.HitRole:
            return hit
        if role == self.SnippetHtmlRole:
            return snippet_html(hit.snippet)
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return NO_FLAGS
        return DRAGGABLE

    # ------------------------------------------------------------ drag out

    def mimeTypes(self) -> list[str]:
        return [CLAUSE_REF_MIME]

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        return clause_refs_to_mime([hit_ref(self._hits[r]) for r in rows])


def hit_ref(hit: SearchHit) -> dict[str, str]:
    return LibraryClauseRef(hit.id, hit.number, hit.text, hit.language, hit.kind).to_dict()


def hit_kind_name(hit: SearchHit) -> str:
    """"preambular paragraph", "clause", "heading", "translation of": what stands before a
    hit's address."""
    return "translation of" if hit.kind == TRANSLATION else unit_name(hit.kind)


def hit_heading(hit: SearchHit) -> str:
    """"preambular paragraph PP3", "clause 12", "heading Article 4", "translation of 3"."""
    return f"{hit_kind_name(hit)} {hit.number}"


def hit_counts(hits: Iterable[SearchHit]) -> dict[str, int]:
    """Hits per kind as the library counts them: operative and annex paragraphs are its
    clauses; preambular paragraphs, headings and translations apart."""
    counts = dict.fromkeys(("operative", "preambular"), 0)
    for hit in hits:
        kind = "operative" if hit.kind == UnitKind.ANNEX.value else hit.kind
        counts[kind] = counts.get(kind, 0) + 1
    return counts
