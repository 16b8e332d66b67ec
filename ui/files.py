"""Draft files around the window: recent files, autosave to a recovery file, recovery.

The recovery file lives in the user data directory (or a folder given for tests). It is a small
JSON wrapper around the draft's own file format: the path the draft belongs to, when it was
written, and the draft. It is removed whenever the draft is saved or closed cleanly, so finding
one at start-up means the last session ended without saving.
"""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass
from pathlib import Path

import platformdirs
from PySide6.QtCore import QObject, QSettings, QTimer, Signal

from dsrdraft.atomicfile import write_text_atomically
from dsrdraft.draft.model import Draft
from dsrdraft.draft.storage import draft_from_json, draft_to_json
from dsrdraft.errors import DsrError

RECOVERY_FORMAT = "dsrdraft-recovery"
RECOVERY_NAME = "recovery.json"
AUTOSAVE_MS = 30_000
MAX_RECENT = 8


def default_recovery_dir() -> Path:
    return Path(platformdirs.user_data_dir("dsrdraft", appauthor=False)) / "recovery"


@dataclass(frozen=True, slots=True)
class Recovered:
    draft: Draft
    path: Path | None  # the file the unsaved draft belonged to
    saved_at: str


def write_recovery(folder: Path, draft: Draft, path: Path | None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / RECOVERY_NAME
    payload = {"format": RECOVERY_FORMAT, "path": str(path) if path else None,
               "saved_at": _dt.datetime.now().isoformat(timespec="seconds"),
               "draft": draft_to_json(draft)}
    text = json.dumps(payload, ensure_ascii=False, indent=1)
    write_text_atomically(target, text)
    return target


def read_recovery(folder: Path) -> Recovered | None:
    """The unsaved draft of a previous session, or None (a damaged file is set aside)."""
    target = folder / RECOVERY_NAME
    if not target.is_file():
        return None
    try:
        data = json.loads(target.read_text(encoding="utf-8"))
        if data.get("format") != RECOVERY_FORMAT:
            raise DsrError("not a recovery file")
        draft = draft_from_json(data["draft"], str(target))
    except (OSError, ValueError, KeyError, TypeError, AttributeError, DsrError):
        target.replace(target.with_suffix(".damaged"))
        return None
    path = Path(data["path"]) if data.get("path") else None
    return Recovered(draft, path, str(data.get("saved_at", "")))


def clear_recovery(folder: Path) -> None:
    (folder / RECOVERY_NAME).unlink(missing_ok=True)


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
