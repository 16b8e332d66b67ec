"""Shared drafts in the GUI: File ▸ Open from library, and saves that never overwrite another's.

A draft opened from the library remembers the version it was loaded at. Saving writes the next
version only if nobody saved meanwhile (the core's compare-and-swap); when somebody did, the
user is told who and when and may merge unit by unit (the core's three-way merge: edits to
different units merge by themselves, the same unit edited twice keeps the saved text and adds
the refused one as an alternative) or keep editing. Every library call runs in the database
lane, never on the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dsrdraft.draft.merge import MergeResult
from dsrdraft.draft.model import Draft
from dsrdraft.refs import SHARED_PREFIX
from dsrdraft.store import Library
from dsrdraft.store.drafts import DraftConflict, SharedDrafts, StoredDraft
from dsrdraft_ui.operations import Operation, OperationRunner, error_message


@dataclass(frozen=True, slots=True)
class SharedSource:
    """Where the open draft lives in the library: its name and the version it was loaded at."""

    name: str
    version: int

    @property
    def ref(self) -> str:
        return f"{SHARED_PREFIX}{self.name}"


# ---------------------------------------------------------------- operations (database lane)

def list_shared(library: Library) -> Operation[list[tuple[str, int, str, str]]]:
    return Operation("list shared drafts", lambda _ctx: SharedDrafts(library).names())


def load_shared(library: Library, name: str) -> Operation[StoredDraft]:
    return Operation("open shared draft", lambda _ctx: SharedDrafts(library).load(name))


def save_shared(library: Library, source: SharedSource, draft: Draft) -> Operation[StoredDraft]:
    return Operation("save shared draft", lambda _ctx: SharedDrafts(library).save(
        source.name, draft, source.version))


def merge_shared(library: Library, source: SharedSource, mine: Draft
                 ) -> Operation[tuple[StoredDraft, MergeResult | None]]:
    def work(_ctx: object) -> tuple[StoredDraft, MergeResult | None]:
        shared = SharedDrafts(library)
        base = shared.load(source.name, source.version)  # the version the edits started from
        return shared.save_merging(source.name, base, mine)
    return Operation("merge shared draft", work)


# ---------------------------------------------------------------- the chooser

class OpenSharedDialog(QDialog):
    """The library's shared drafts: name, version, who saved it last and when."""

    def __init__(self, rows: list[tuple[str, int, str, str]], parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Open from library")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Shared drafts in the library:" if rows else
                                "The library holds no shared drafts yet."))
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Draft", "Version", "Saved by", "Saved at"])
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for name, version, who, at in rows:
            item = QTreeWidgetItem([name, str(version), who, at.replace("T", " ")[:19]])
            item.setData(0, Qt.ItemDataRole.UserRole, name)
            self.tree.addTopLevelItem(item)
        for column in range(4):
            self.tree.resizeColumnToContents(column)
        first = self.tree.topLevelItem(0)
        if first is not None:
            self.tree.setCurrentItem(first)
        self.tree.itemActivated.connect(lambda *_: self.accept())
        layout.addWidget(self.tree)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Open).setEnabled(bool(rows))
        layout.addWidget(buttons)
        self.resize(620, 360)

    def chosen(self) -> str | None:
        item = self.tree.currentItem()
        return None if item is None else str(item.data(0, Qt.ItemDataRole.UserRole))


# ---------------------------------------------------------------- the controller

class SharedDraftController(QObject):
    """Opens and saves the window's document as a shared draft (see the module docstring).

    `window` provides `document` (the DraftDocument), `maybe_save()`, `error(title, text)`,
    `show_message(text)`, `save_as()` and `autosaver`; this class knows nothing else of it.
    """

    source_changed = Signal()

    def __init__(self, window, library: Library, runner: OperationRunner) -> None:
        super().__init__(window)
        self.window = window
        self.library = library
        self.runner = runner
        self.source: SharedSource | None = None
        self.saving = False
        self.dialog: OpenSharedDialog | None = None  # the open chooser (tests drive it)
        self.conflict_box: QMessageBox | None = None  # "saved meanwhile", while it is open
        self.document = window.document
        # Every reset and Save As names the document's new home: a file, or nothing (a new
        # draft). Opening a shared draft resets first and names its source after.
        self.document.path_changed.connect(self._path_changed)

    def _path_changed(self, _path: object) -> None:
        if self.source is not None:
            self.source = None
            self.source_changed.emit()

    def title(self) -> str | None:
        """The window title's name for the shared draft, None when the draft is a file."""
        if self.source is None:
            return None
        return f"{self.source.ref} (version {self.source.version})"

    # ------------------------------------------------------------ open

    def open_dialog(self) -> None:
        if not self.window.maybe_save():
            return
        self.runner.run(list_shared(self.library), on_success=self._choose,
                        on_failure=lambda e: self.window.error("Cannot list shared drafts",
                                                               error_message(e)))

    def _choose(self, rows: list[tuple[str, int, str, str]]) -> None:
        self.dialog = OpenSharedDialog(rows, self.window)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.dialog.accepted.connect(self._chosen)
        self.dialog.open()

    def _chosen(self) -> None:
        name = self.dialog.chosen() if self.dialog is not None else None
        if name:
            self.open(name)

    def open(self, name: str) -> None:
        self.runner.run(load_shared(self.library, name), on_success=self._opened,
                        on_failure=lambda e: self.window.error("Cannot open shared draft",
                                                               error_message(e)))

    def _opened(self, stored: StoredDraft) -> None:
        self.document.reset(stored.draft, None)
        self.source = SharedSource(stored.name, stored.version)
        self.window.autosaver.clear()
        self.source_changed.emit()
        self.window.show_message(f"Opened {self.source.ref}, version {stored.version}, "
                                 f"saved by {stored.saved_by}")

    # ------------------------------------------------------------ save

    def save(self) -> bool:
        """Start saving the document as the next version (False when it is not shared)."""
        if self.source is None:
            return False
        if self.saving:
            return True
        self.saving = True
        source, draft = self.source, self.document.draft
        index = self.document.undo_stack.index()  # edits made while saving stay unsaved
        self.runner.run(save_shared(self.library, source, draft),
                        on_success=lambda stored: self._saved(stored, index),
                        on_failure=lambda e: self._save_failed(e, source, draft, index))
        return True

    def _saved(self, stored: StoredDraft, index: int, note: str = "") -> None:
        self.saving = False
        self.source = SharedSource(stored.name, stored.version)
        if self.document.undo_stack.index() == index:
            self.document.undo_stack.setClean()
            self.window.autosaver.clear()
        self.source_changed.emit()
        self.window.show_message(f"Saved {self.source.ref} as version {stored.version}"
                                 + (f"; {note}" if note else ""))

    def _save_failed(self, error: Exception, source: SharedSource, draft: Draft,
                     index: int) -> None:
        self.saving = False
        if not isinstance(error, DraftConflict):
            self.window.error("Cannot save shared draft", error_message(error))
            return
        current = error.current
        box = QMessageBox(QMessageBox.Icon.Warning, "Saved meanwhile",
                          f"{source.ref} was saved by {current.saved_by} at "
                          f"{current.saved_at.replace('T', ' ')[:19]} (version "
                          f"{current.version}) after version {source.version}, which you "
                          "opened. Nothing was written.\n\nMerge your changes into their "
                          "version? Edits to different paragraphs merge by themselves; a "
                          "paragraph you both changed keeps their text and gains yours as an "
                          "alternative.", parent=self.window)
        merge = box.addButton("Merge", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Keep editing", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(merge)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(button: object) -> None:
            self.conflict_box = None
            if button is merge:
                self.merge(source, draft)

        box.buttonClicked.connect(answered)
        self.conflict_box = box
        box.open()  # window-modal, without blocking the event loop

    def merge(self, source: SharedSource, draft: Draft) -> None:
        self.saving = True

        def done(result: tuple[StoredDraft, MergeResult | None]) -> None:
            stored, merge = result
            self.saving = False
            self.document.reset(stored.draft, None)  # the merged version, as saved
            self.source = SharedSource(stored.name, stored.version)
            self.source_changed.emit()
            conflicts = list(merge.conflicts) if merge is not None else []
            self.window.show_message(f"Merged and saved {self.source.ref} as version "
                                     f"{stored.version}")
            if conflicts:
                box = QMessageBox(QMessageBox.Icon.Information, "Merged",
                                  "Saved. Changed on both sides:\n"
                                  + "\n".join(f"• {c}" for c in conflicts),
                                  QMessageBox.StandardButton.Ok, self.window)
                box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
                box.open()

        def failed(error: Exception) -> None:
            self.saving = False
            self.window.error("Cannot merge shared draft", error_message(error))

        self.runner.run(merge_shared(self.library, source, draft), on_success=done,
                        on_failure=failed)
