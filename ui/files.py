"""Draft files around the window: recent files and the autosave timer.

The recovery file's format (and reading it back) is the core's `dsrdraft.recovery`; this
module only writes it on a timer while the draft is unsaved.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, QTimer, Signal

from dsrdraft.recovery import clear_recovery, write_recovery
from dsrdraft_ui.operations import Lane, OpContext, Operation, OperationRunner

AUTOSAVE_MS = 30_000
MAX_RECENT = 8


class AutoSaver(QObject):
    """Every `interval_ms`, writes the document's draft to the recovery file if unsaved.

    The file is written in the CPU lane (a 1,000-paragraph draft is a megabyte of JSON: no
    pause every 30 s). A write that finishes after the recovery file was cleared (the draft
    was saved or closed meanwhile) is removed again, so no stale recovery is left behind.
    """

    saved = Signal(str)  # recovery file path

    def __init__(self, document, folder: Path, runner: OperationRunner,
                 interval_ms: int = AUTOSAVE_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.folder = folder
        self.runner = runner
        self._cleared = 0  # times the file was cleared: a write from before is void
        self._writing = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.autosave)
        self.timer.start()

    def autosave(self) -> bool:
        """Start writing the recovery file if the draft is unsaved (False if it is not)."""
        if not self.document.modified or self._writing:
            return False
        folder, draft, path, cleared = self.folder, self.document.draft, self.document.path, \
            self._cleared
        self._writing = True

        def done(target: Path) -> None:
            self._writing = False
            if cleared != self._cleared:
                clear_recovery(folder)
            else:
                self.saved.emit(str(target))

        def failed(_error: Exception) -> None:
            self._writing = False  # the next tick tries again; autosave never interrupts

        def write(ctx: OpContext) -> Path:
            # Not while the user types or scrolls: encoding the draft holds the interpreter
            # the GUI thread needs for each key (nothing is lost by writing it a moment later).
            ctx.step_aside()
            return write_recovery(folder, draft, path)

        self.runner.run(Operation("autosave", write, Lane.CPU), on_success=done,
                        on_failure=failed)
        return True

    def clear(self) -> None:
        self._cleared += 1
        clear_recovery(self.folder)


class RecentFiles(QObject):
    """Most recently used draft files, kept in QSettings."""

    changed = Signal()
    KEY = "files/recent"

    def __init__(self, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings

    def paths(self) -> list[Path]:
        raw: Any = self.settings.value(self.KEY, [])
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
