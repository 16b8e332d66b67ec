"""What the library holds (initiatives, clause counts), loaded off the GUI thread.

Filters, text choosers and the status bar read this instead of asking the database; it
reloads itself when an operation announces `LibraryChanges` (an import) and then says
`changed`.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from dsrdraft.store import InitiativeSummary, Library
from dsrdraft_ui.operations import LatestRequest, OperationRunner
from dsrdraft_ui.operations.ops import Catalog, load_catalog


class LibraryCatalog(QObject):
    changed = Signal()

    def __init__(self, library: Library, runner: OperationRunner,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.catalog = Catalog()
        self.loaded = False
        self.last_error: Exception | None = None
        self._request = LatestRequest(runner)
        runner.library_changed.connect(self.refresh)
        self.refresh()

    @property
    def summaries(self) -> tuple[InitiativeSummary, ...]:
        return self.catalog.summaries

    @property
    def pending(self) -> bool:
        return self._request.pending

    def refresh(self, *_args: object) -> None:
        self._request.run(load_catalog(self.library), self._on_loaded, self._on_failed)

    def _on_loaded(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.loaded = True
        self.changed.emit()

    def _on_failed(self, error: Exception) -> None:
        self.last_error = error
        self.changed.emit()
