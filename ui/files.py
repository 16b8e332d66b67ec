"""Draft files around the window: recent files and the autosave timer.

The recovery file's format (and reading it back) is the core's `dsrdraft.recovery`; this
module only writes it on a timer while the draft is unsaved.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QTimer, Signal

from dsrdraft.errors import DsrError
from dsrdraft.recovery import clear_recovery, write_recovery

AUTOSAVE_MS = 30_000
MAX_RECENT = 8


class AutoSaver(QObject):
    """Every `interval_ms`, writes the document's draft to the recovery file if unsaved."""

    saved = Signal(str)  # recovery file path

    def __init__(self, document, folder: Path, interval_ms: int = AUTOSAVE_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.folder = folder
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.autosave)
        self.timer.start()

    def autosave(self) -> bool:
        if not self.document.modified:
            return False
        try:
            target = write_recovery(self.folder, self.document.draft, self.document.path)
        except (OSError, DsrError):
            return False  # the next tick tries again; autosave never interrupts the user
        self.saved.emit(str(target))
        return True

    def clear(self) -> None:
        clear_recovery(self.folder)


class RecentFiles(QObject):
    """Most recently used draft files, kept in QSettings."""

    changed = Signal()
    KEY = "files/recent"

    def __init__(self, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings

    def paths(self) -> list[Path]:
        raw = self.settings.value(self.KEY, [])
        if isinstance(raw, str):
            raw = [raw]
        return [Path(p) for p in (raw or []) if p]

    def add(self, path: Path) -> None:
        items = [str(path.resolve())] + [str(p) for p in self.paths()
                                         if str(p) != str(path.resolve())]
        self.settings.setValue(self.KEY, items[:MAX_RECENT])
        self.changed.emit()

    def remove(self, path: Path) -> None:
        self.settings.setValue(self.KEY, [str(p) for p in self.paths() if p != path])
        self.changed.emit()

    def clear(self) -> None:
        self.settings.setValue(self.KEY, [])
        self.changed.emit()
