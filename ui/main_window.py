"""The main window: docks, menus, toolbar, status bar, and the file commands.

It wires the parts together and owns file handling; the library browser, the preview and the
draft editor are separate widgets, each knowing only its own job.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence, QShowEvent, QWindow
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QWidget,
)

from dsrdraft.draft.storage import (
    DraftChangedError,
    DraftFile,
    save_draft,
    stamp_of,
    write_refusal,
)
from dsrdraft.errors import DsrError
from dsrdraft.model import counts_phrase
from dsrdraft.recovery import default_recovery_dir, read_recovery
from dsrdraft.sources import CURRENT_DRAFT, file_key
from dsrdraft.store import Library
from dsrdraft_ui import icons
from dsrdraft_ui.catalog import LibraryCatalog
from dsrdraft_ui.draft_editor import DraftEditor
from dsrdraft_ui.draft_model import DraftDocument, untitled_draft
from dsrdraft_ui.drafting_tools import DraftingTools
from dsrdraft_ui.files import AUTOSAVE_MS, AutoSaver, RecentFiles
from dsrdraft_ui.help import shortcuts_dialog
from dsrdraft_ui.library_panel import ClausePreview, LibraryPanel
from dsrdraft_ui.operations import OperationRunner, Ticket, error_message, ops
from dsrdraft_ui.operations.ops import ImportResult
from dsrdraft_ui.outline_panel import OutlinePanel
from dsrdraft_ui.review_tools import ReviewTools
from dsrdraft_ui.shared_drafts import SharedDraftController
from dsrdraft_ui.text import plural
from dsrdraft_ui.toolbar import StillToolBar
from dsrdraft_ui.workers import MainThreadGarbageCollector

DRAFT_FILTER = "dsrdraft drafts (*.dsrdraft.json *.json);;All files (*)"
#: Open… also takes Word files: an export reopens as its draft, any other as a new draft.
OPEN_FILTER = ("Drafts and Word files (*.dsrdraft.json *.json *.docx);;"
               "dsrdraft drafts (*.dsrdraft.json *.json);;Word files (*.docx);;All files (*)")
IMPORT_FILTER = "Initiatives (*.txt *.md *.docx);;All files (*)"
STATE_VERSION = 1
PREFERRED_SIZE = (1360, 860)


def initial_size(available: QSize) -> tuple[int, int]:
    """The first window size: the preferred one, shrunk to fit the screen's free area (the
    task bar and the window frame left out), so it fits a 1280x720 laptop screen too."""
    width = min(PREFERRED_SIZE[0], available.width() - 16)
    height = min(PREFERRED_SIZE[1], available.height() - 40)
    return max(640, width), max(480, height)


def unique_keys(keys: list[QKeySequence]) -> list[QKeySequence]:
    out: list[QKeySequence] = []
    for key in keys:
        if not key.isEmpty() and key not in out:
            out.append(key)
    return out


class MainWindow(QMainWindow):
    def __init__(self, library: Library, *, settings: QSettings | None = None,
                 recovery_dir: Path | None = None, autosave_ms: int = AUTOSAVE_MS,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.settings = settings or QSettings()
        self.recovery_dir = recovery_dir or default_recovery_dir()
        self.runner = OperationRunner(self)
        self.catalog = LibraryCatalog(library, self.runner, self)
        self.document = DraftDocument(self)
        self.recent = RecentFiles(self.settings, self)
        self.setWindowIcon(icons.app_icon())
        self.setObjectName("MainWindow")
        self.setDockNestingEnabled(True)

        self.editor = DraftEditor(self.document)
        self.setCentralWidget(self.editor)
        self.library_panel = LibraryPanel(library, self.runner, self.catalog)
        self.preview = ClausePreview(library, self.runner)
        self.library_dock = self._dock("Library", "libraryDock", self.library_panel,
                                       Qt.DockWidgetArea.LeftDockWidgetArea)
        self.preview_dock = self._dock("Clause preview and translation", "previewDock",
                                       self.preview, Qt.DockWidgetArea.BottomDockWidgetArea)
        # The outline under the library: no width taken from the draft (a 1280x720 screen
        # keeps its text column), the library keeps most of the height.
        self.outline = OutlinePanel(self.document)
        self.outline_dock = self._dock("Outline", "outlineDock", self.outline,
                                       Qt.DockWidgetArea.LeftDockWidgetArea)
        self.splitDockWidget(self.library_dock, self.outline_dock, Qt.Orientation.Vertical)
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.resizeDocks([self.library_dock], [430], Qt.Orientation.Horizontal)
        self.resizeDocks([self.library_dock, self.outline_dock], [640, 220],
                         Qt.Orientation.Vertical)
        self.resizeDocks([self.preview_dock], [170], Qt.Orientation.Vertical)
        self.review = ReviewTools(self)  # part 2: compare, signatories, revisions, export
        self.drafting = DraftingTools(self)  # agreed language, similar clauses, compile

        self._make_actions()
        self._make_menus()
        self._make_toolbar()
        self.library_label = QLabel()
        # Its counts may be cut short on a narrow screen (the tooltip has them): they never
        # make the window wider than a 1280x720 screen.
        self.library_label.setMinimumWidth(160)
        self.statusBar().addPermanentWidget(self.library_label)
        self.catalog.changed.connect(self._update_library_label)
        self._update_library_label()
        self.runner.failed.connect(self._on_operation_failed)

        self.library_panel.add_requested.connect(self.add_refs)
        self.library_panel.current_changed.connect(self.preview.show_hit)
        self.library_panel.status_message.connect(self.show_message)
        self.editor.status_message.connect(self.show_message)
        self.editor.source_selected.connect(self.preview.show_ref)
        self.outline.navigate.connect(self.go_to_unit)
        self.editor.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.outline.follow(self.editor.model.row_of,
                                                           current.row()))
        self.document.edit_refused.connect(self._on_edit_refused)
        self.read_only_box: QMessageBox | None = None
        self.changed_box: QMessageBox | None = None
        self.document.undo_stack.cleanChanged.connect(self._update_title)
        self.document.path_changed.connect(self._update_title)
        self.recent.changed.connect(self._fill_recent_menu)

        self.autosaver = AutoSaver(self.document, self.recovery_dir, self.runner, autosave_ms,
                                   self)
        self.autosaver.saved.connect(self._on_autosaved)
        self.shared = SharedDraftController(self, library, self.runner)
        self.shared.source_changed.connect(self._update_title)
        self.last_error = ""
        self.last_import: list[tuple[str, str, str]] = []
        self.import_ticket: Ticket | None = None
        self._screen_watched: QWindow | None = None
        self.resize(*initial_size(self.screen().availableGeometry().size()))
        self._restore_state()
        self._update_title()
        self.library_panel.run_search()

    # ------------------------------------------------------------ construction

    def _dock(self, title: str, name: str, widget: QWidget,
              area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(area, dock)
        return dock

    def _action(self, text: str, slot, shortcut=None, icon=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            if isinstance(shortcut, QKeySequence.StandardKey):
                action.setShortcuts(shortcut)
            else:
                action.setShortcuts(shortcut if isinstance(shortcut, list) else [shortcut])
        if icon is not None:
            action.setIcon(icon)
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(f"{text.replace('&', '').rstrip('…')} — {tip}")
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _make_actions(self) -> None:
        sk = QKeySequence.StandardKey
        self.new_action = self._action("&New draft", self.new_draft, sk.New, icons.new_file(),
                                       "Start a new, empty draft")
        self.open_action = self._action("&Open…", self.open_dialog, sk.Open, icons.open_file(),
                                        "Open a draft file")
        self.open_shared_action = self._action(
            "Open from &library…", lambda: self.shared.open_dialog(),
            QKeySequence("Ctrl+Alt+O"),
            tip="Open a draft shared in the library; saves never overwrite another's")
        self.save_action = self._action("&Save", self.save, sk.Save, icons.save_file(),
                                        "Save the draft")
        self.save_as_action = self._action("Save &As…", self.save_as, sk.SaveAs,
                                           tip="Save the draft under a new name")
        self.import_action = self._action("&Import initiatives…", self.import_dialog,
                                          QKeySequence("Ctrl+I"), icons.import_files(),
                                          "Add .txt, .md or .docx initiatives to the library")
        self.quit_action = self._action("&Quit", self.close, sk.Quit, icons.quit_app())
        stack = self.document.undo_stack
        # Undo and redo keep a fixed text while editing and are named ("Undo Move clause
        # 12") when the Edit menu opens: renamed at every edit, as QUndoStack's own actions
        # are, they made the menu and the toolbar lay themselves out again on every key.
        self.undo_action = self._history_action("&Undo", stack.undo, stack.canUndo,
                                                stack.canUndoChanged, sk.Undo, icons.undo())
        # Ctrl+Shift+Z and Ctrl+Y everywhere; each key once (a key bound twice is ambiguous
        # to Qt, which then fires neither).
        self.redo_action = self._history_action(
            "&Redo", stack.redo, stack.canRedo, stack.canRedoChanged,
            unique_keys([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y"),
                         *QKeySequence.keyBindings(sk.Redo)]), icons.redo())
        self.add_action = self._action("&Add to draft", self.library_panel.add_selected,
                                       [QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")],
                                       icons.add_to_draft(),
                                       "Add the selected library clauses to the draft")
        self.find_action = self._action("&Search library", self.focus_search, sk.Find,
                                        tip="Search the library")
        self.about_action = self._action("&About dsrdraft", self.about)
        self.outline_action = self._action("&Outline", self.focus_outline,
                                           QKeySequence("Ctrl+Shift+O"),
                                           tip="The preamble, Parts, Articles and annexes "
                                               "of the draft: Enter goes to one")
        self.shortcuts_action = self._action("&Keyboard shortcuts", self.show_shortcuts,
                                             QKeySequence("F1"),
                                             tip="Every key of the application")

    def _make_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self.new_action, self.open_action, self.open_shared_action])
        self.recent_menu = file_menu.addMenu("Open &Recent")
        file_menu.addActions([self.save_action, self.save_as_action])
        file_menu.addSeparator()
        file_menu.addAction(self.import_action)
        r = self.review
        file_menu.addActions([r.export_action, r.verify_action, r.revise_action])
        file_menu.addAction(self.drafting.compile_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self._fill_recent_menu()

        edit_menu = bar.addMenu("&Edit")
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.aboutToShow.connect(self.name_history_actions)
        edit_menu.addSeparator()
        edit_menu.addActions([self.find_action, self.add_action])

        e = self.editor
        clause_menu = bar.addMenu("&Clause")
        clause_menu.addActions([e.new_clause_action, e.new_preambular_action,
                                e.new_heading_action, e.insert_bis_action, e.edit_text_action])
        clause_menu.addSeparator()
        clause_menu.addActions([e.alternative_action, e.remove_alternative_action,
                                e.proposers_action, e.reservation_action])
        clause_menu.addSeparator()
        clause_menu.addActions(list(e.status_actions.values()))
        clause_menu.addSeparator()
        clause_menu.addActions([e.move_up_action, e.move_down_action, e.division_up_action,
                                e.division_down_action, e.delete_action, e.renumber_action])

        view_menu = bar.addMenu("&View")
        view_menu.addAction(self.library_dock.toggleViewAction())
        view_menu.addAction(self.preview_dock.toggleViewAction())
        view_menu.addAction(self.outline_action)
        for action in self.review.view_menu_actions():
            if action is None:
                view_menu.addSeparator()
            else:
                view_menu.addAction(action)
        for action in self.drafting.view_menu_actions():
            if action is None:
                view_menu.addSeparator()
            else:
                view_menu.addAction(action)
        help_menu = bar.addMenu("&Help")
        help_menu.addActions([self.shortcuts_action, self.about_action])

    def _history_action(self, text: str, slot: Callable[[], None], can: Callable[[], bool],
                        changed: Any, keys: Any, icon: QIcon) -> QAction:
        action = QAction(icon, text, self)
        action.setShortcuts(keys)
        action.triggered.connect(slot)
        action.setEnabled(can())
        changed.connect(action.setEnabled)
        return action

    def name_history_actions(self) -> None:
        """"Undo Move clause 12", "Redo Mark clause 3 agreed": what the keys would do."""
        stack = self.document.undo_stack
        for action, word, what in ((self.undo_action, "&Undo", stack.undoText()),
                                   (self.redo_action, "&Redo", stack.redoText())):
            action.setText(f"{word} {what}" if what else word)

    def _make_toolbar(self) -> None:
        tools = StillToolBar("Main", self)
        self.addToolBar(tools)
        tools.setObjectName("mainToolbar")
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        tools.setMovable(False)
        e = self.editor
        tools.addActions([self.new_action, self.open_action, self.save_action])
        tools.addSeparator()
        tools.addActions([self.undo_action, self.redo_action])
        tools.addSeparator()
        tools.addActions([self.add_action, e.new_clause_action, e.insert_bis_action,
                          e.move_up_action, e.move_down_action, e.delete_action])
        tools.addSeparator()
        tools.addActions(list(e.status_actions.values()))
        tools.addSeparator()
        tools.addActions([self.review.compare_action, self.review.export_action])

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        paths = self.recent.paths()
        for n, path in enumerate(paths, 1):
            action = self.recent_menu.addAction(f"&{n} {path.name}")
            action.setToolTip(str(path))
            action.triggered.connect(lambda _c=False, p=path: self.open_path(p))
        if paths:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Clear list", self.recent.clear)
        self.recent_menu.setEnabled(bool(paths))

    # ------------------------------------------------------------ state

    def _restore_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        state = self.settings.value("window/state")
        if isinstance(geometry, QByteArray | bytes):
            self.restoreGeometry(QByteArray(geometry))
        if isinstance(state, QByteArray | bytes):
            self.restoreState(QByteArray(state), STATE_VERSION)
        # A geometry saved on a larger screen never leaves the window off this one.
        self._fit_to_screen()

    def _fit_to_screen(self, *_args: object) -> None:
        """Shrink the window to its screen's free area and bring it back onto it."""
        available = self.screen().availableGeometry()
        frame = self.frameGeometry().size() - self.geometry().size()
        width = min(self.width(), available.width() - frame.width())
        height = min(self.height(), available.height() - frame.height())
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
        position = self.frameGeometry()
        x = max(available.left(), min(position.x(), available.right() + 1 - position.width()))
        y = max(available.top(), min(position.y(), available.bottom() + 1 - position.height()))
        if (x, y) != (position.x(), position.y()):
            self.move(x, y)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        handle = self.windowHandle()
        if handle is not None and handle is not self._screen_watched:
            # Moved to another screen, or its screen gone (a laptop undocked, a projector
            # unplugged): the window fits the new screen as it fits the first one.
            handle.screenChanged.connect(self._fit_to_screen)
            self._screen_watched = handle

    def _save_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState(STATE_VERSION))
        self.settings.sync()

    def _on_autosaved(self, _path: str) -> None:
        self.show_message("Autosaved for recovery", 2000)

    def _update_title(self, *_args: object) -> None:
        name = self.document.path.name if self.document.path else "Untitled"
        shared = self.shared.title() if hasattr(self, "shared") else None
        name = shared or name
        state = " [read-only]" if self.document.read_only else ""
        self.setWindowTitle(f"{name}{state}[*] — dsrdraft")
        self.setWindowModified(self.document.modified)

    def _update_library_label(self) -> None:
        c = self.catalog.catalog
        if not self.catalog.loaded:
            self.library_label.setText("Library: opening…")
            return
        preambular = sum(s.preambular for s in c.summaries)
        self.library_label.setText(
            f"Library: {plural(len(c.summaries), 'initiative')}, "
            + counts_phrase({"operative": c.clauses, "preambular": preambular},
                            zero=("operative",)))
        self.library_label.setToolTip(self.library_label.text())

    def _on_operation_failed(self, name: str, error: Exception) -> None:
        self.error(f"{name.capitalize()} failed", error_message(error))

    def show_message(self, text: str, msecs: int = 4000) -> None:
        self.statusBar().showMessage(text, msecs)

    def error(self, title: str, message: str) -> QMessageBox:
        """A window-modal warning that does not block the caller (one line, no traceback)."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, message,
                          QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.last_error = message
        self.show_message(message.splitlines()[0], 8000)
        return box

    # ------------------------------------------------------------ library → draft

    def add_refs(self, refs: list[dict[str, str]]) -> None:
        uids = self.document.add_from_library(refs)
        if uids:
            self.editor.select_uid(uids[-1])
            self.show_message(self.document.undo_stack.undoText())

    def go_to_unit(self, uid: str, focus_draft: bool = True) -> None:
        """Select a unit of the draft and bring it to the top of the table (the outline)."""
        self.editor.select_uid(uid, at_top=True)
        if focus_draft:
            self.editor.table.setFocus()

    def focus_outline(self) -> None:
        self.outline_dock.show()
        self.outline_dock.raise_()
        self.outline.view.setFocus()
        if not self.outline.view.currentIndex().isValid() and self.outline.model.rowCount():
            self.outline.view.setCurrentIndex(self.outline.model.index(0))

    def focus_search(self) -> None:
        self.library_dock.show()
        self.library_panel.search_edit.setFocus()
        self.library_panel.search_edit.selectAll()

    # ------------------------------------------------------------ files

    def maybe_save(self) -> bool:
        """True when it is fine to drop the current draft (saved, discarded, or unchanged)."""
        if not self.document.modified:
            return True
        name = self.document.path.name if self.document.path else "the untitled draft"
        answer = QMessageBox.question(
            self, "Unsaved changes", f"Save the changes to {name}?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def new_draft(self) -> None:
        if self.maybe_save():
            self.document.reset(untitled_draft(), None)
            self.autosaver.clear()
            self.show_message("New draft")

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        start = str(self.document.path.parent) if self.document.path else ""
        path, _ = QFileDialog.getOpenFileName(self, "Open draft", start, OPEN_FILTER)
        if path:
            self.open_path(Path(path), ask=False)

    def open_path(self, path: Path, *, ask: bool = True) -> bool:
        if ask and not self.maybe_save():
            return False
        if path.suffix.lower() == ".docx":
            self.open_word(path)
            return True
        try:
            file = DraftFile.open(path)
        except DsrError as error:
            self.error("Cannot open draft", str(error))
            if not path.exists():
                self.recent.remove(path)
            return False
        read_only = file.read_only or write_refusal(path)
        self.document.reset(file.draft, path, file=file, read_only=read_only)
        self.autosaver.clear()
        self.recent.add(path)
        self.show_message(f"Opened {path}" + (" read-only: Save As to edit a copy"
                                              if read_only else ""))
        self._lay_out_now()
        collector = MainThreadGarbageCollector.install()
        if collector is not None:
            # The draft just read is set aside at once (a collection of it, due in the
            # first keys, took several ms), and what the first second's layouts made
            # after; tied to the window, so a window closed before then freezes nothing.
            collector.settle()
            QTimer.singleShot(1000, self, collector.settle)
        return True

    @staticmethod
    def _lay_out_now() -> None:
        """Finish the layouts an opened draft asked for (the docks, panels and splitter it
        refilled): posted as events, they ran inside the first key the user pressed (some
        3 ms of the first Ctrl+2 on a 1,000-paragraph draft)."""
        for _ in range(4):  # a layout done asks for its parent's: a few rounds settle it
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest.value)

    def open_word(self, path: Path) -> Ticket:
        """A Word file read as a draft in the CPU lane, opened as a new, unsaved draft."""
        self.show_message(f"Reading {path.name}…")

        def done(imported) -> None:
            self.document.reset(imported.draft, None, modified=True)
            self.autosaver.clear()
            self._lay_out_now()
            what = {"export": "the draft this export carries",
                    "export with changes": "the export's draft, changes made in Word since as "
                                           "attributed proposals",
                    "document": "a new draft of its text"}[imported.kind]
            self.show_message(f"Opened {path.name}: {what} — unsaved", 8000)
            for note in imported.notes:
                self.show_message(note, 8000)

        def failed(error: Exception) -> None:
            self.error("Cannot open Word file", f"{error_message(error)}\n\nA returned file "
                       "whose authors need mapping to delegations opens through Compile "
                       "proposals…")

        return self.runner.run(ops.import_word(path), on_success=done, on_failure=failed)

    def save(self) -> bool:
        if self.shared.save():  # a shared draft: the next version, unless saved meanwhile
            return True
        if self.document.path is None or self.document.read_only:
            return self.save_as()
        return self.save_to(self.document.path)

    def save_as(self) -> bool:
        suggested = self.document.path or Path.home() / "draft.dsrdraft.json"
        if self.document.read_only and self.document.path is not None:
            suggested = suggested.with_name("copy of " + suggested.name)
        path, _ = QFileDialog.getSaveFileName(self, "Save draft as", str(suggested),
                                              DRAFT_FILTER)
        if not path:
            return False
        return self.save_to(Path(path), as_new=True)

    def save_to(self, path: Path, *, as_new: bool = False, overwrite: bool = False) -> bool:
        """Save the draft to `path`. Over the file it was read from, the save is refused
        when that file changed on disk since (another window, `dsrdraft draft …`): the user
        then chooses to reload, compare, save a new file or overwrite. `as_new`: the user
        chose `path` in a Save As dialog (replacing whatever is there)."""
        document, draft = self.document, self.document.draft
        file = document.file
        try:
            if file is not None and file.path == path and not as_new:
                saved = file.save(draft, overwrite=overwrite)
            elif file is not None:
                saved = file.save_as(path, draft)  # keys of a newer version kept
            else:
                save_draft(draft, path)
                saved = DraftFile(path, draft, stamp_of(path))
        except DraftChangedError:
            return self.changed_on_disk(path)
        except (DsrError, OSError) as error:
            self.error("Cannot save draft", str(error))
            return False
        document.set_file(saved)
        document.undo_stack.setClean()
        self.autosaver.clear()
        self.recent.add(path)
        self._update_title()
        self.show_message(f"Saved {path}")
        return True

    def changed_on_disk(self, path: Path) -> bool:
        """The file changed since it was read: ask what to do rather than overwrite it."""
        box = QMessageBox(QMessageBox.Icon.Warning, "Draft changed on disk",
                          f"{path.name} was changed by another program (or a dsrdraft "
                          "command) after you opened it. Saving now would lose that "
                          "change.", QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("changedOnDisk")
        box.setInformativeText("Reload the file as it is now (your unsaved changes are "
                               "dropped), compare it with your text, save your text as a "
                               "new file, or overwrite the file with your text.")
        reload = box.addButton("&Reload from disk", QMessageBox.ButtonRole.DestructiveRole)
        compare = box.addButton("&Compare", QMessageBox.ButtonRole.ActionRole)
        as_new = box.addButton("Save as &new file…", QMessageBox.ButtonRole.AcceptRole)
        overwrite = box.addButton("&Overwrite", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(as_new)
        self.changed_box = box
        box.exec()
        clicked = box.clickedButton()
        self.changed_box = None
        box.deleteLater()
        if clicked is reload:
            self.document.undo_stack.setClean()  # the user chose to drop their changes
            self.open_path(path, ask=False)
            return False
        if clicked is compare:
            key = file_key(path)
            self.review.compare_view.add_file_source(key, f"{path.name} as it is on disk")
            self.review.compare(key, CURRENT_DRAFT)
            self.show_message(f"Left: {path.name} as it is on disk; right: your text. "
                              "Save again when you have chosen", 10_000)
            return False
        if clicked is as_new:
            return self.save_as()
        if clicked is overwrite:
            return self.save_to(path, overwrite=True)
        return False

    def _on_edit_refused(self, reason: str) -> None:
        """An edit of a read-only draft: say why, and offer to save a copy to edit."""
        self.show_message(reason, 8000)
        if self.read_only_box is not None:
            return  # already asked: one question for a run of refused keys
        box = QMessageBox(QMessageBox.Icon.Information, "Read-only draft",
                          f"{reason}.\n\nSave a copy under another name to edit it.",
                          QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("readOnlyDraft")
        save_as = box.addButton("Save &As…", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(save_as)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.read_only_box = box

        def answered(_result: int) -> None:
            self.read_only_box = None
            if box.clickedButton() is save_as:
                self.save_as()

        box.finished.connect(answered)
        box.open()

    def offer_recovery(self, *, ask: bool = True) -> bool:
        """If a previous session left an unsaved draft, offer to restore it."""
        found = read_recovery(self.recovery_dir)
        if found is None:
            return False
        if ask:
            where = found.path.name if found.path else "an untitled draft"
            answer = QMessageBox.question(
                self, "Recover unsaved draft",
                f"dsrdraft did not close normally. Recover the unsaved changes to {where} "
                f"(autosaved {found.saved_at.replace('T', ' ')})?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.Yes)
            if answer != QMessageBox.StandardButton.Yes:
                self.autosaver.clear()
                return False
        file = None
        if found.path is not None and found.path.exists():
            try:  # later saves then notice a change made to the file from now on
                file = DraftFile.open(found.path)
            except DsrError:
                file = None
        self.document.reset(found.draft, found.path, modified=True, file=file,
                            read_only=file.read_only if file is not None else "")
        self.show_message("Recovered the unsaved draft; save it to keep it")
        return True

    # ------------------------------------------------------------ import

    def import_dialog(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Import initiatives", "", IMPORT_FILTER)
        if paths:
            self.import_files([Path(p) for p in paths])

    def import_files(self, paths: list[Path]) -> None:
        """Parse and store each file in the database lane, with progress; report at the end."""
        progress = QProgressDialog("Importing initiatives…", "Cancel", 0, len(paths), self)
        progress.setWindowTitle("Import")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        progress.setValue(0)

        def on_progress(step: int, name: str) -> None:
            progress.setValue(step)
            if name:
                progress.setLabelText(f"Importing {name}…")

        def close_progress() -> None:
            progress.reset()
            progress.deleteLater()

        def done(result: ImportResult) -> None:
            close_progress()
            self.import_finished(list(result.rows))

        def failed(error: Exception) -> None:
            close_progress()
            self.error("Import failed", error_message(error))

        ticket = self.runner.run(ops.import_files(self.library, paths), on_success=done,
                                 on_failure=failed, on_progress=on_progress)
        progress.canceled.connect(ticket.cancel)
        progress.canceled.connect(close_progress)
        self.import_ticket = ticket

    def import_finished(self, results: list[tuple[str, str, str]]) -> None:
        """Report an import (the views follow the runner's library change by themselves)."""
        self.last_import = results
        added = [r for r in results if r[1] == "added"]
        present = [r for r in results if r[1] == "present"]
        errors = [r for r in results if r[1] == "error"]
        summary = f"Imported {plural(len(added), 'initiative')}"
        if present:
            summary += f", {len(present)} already in the library"
        self.show_message(summary, 8000)
        if errors:
            lines = "\n".join(f"• {message}" for _name, _kind, message in errors)
            self.error("Some files were not imported", f"{summary}.\n\n{lines}")

    # ------------------------------------------------------------ misc

    def about(self) -> None:
        QMessageBox.about(
            self, "About dsrdraft",
            "<b>dsrdraft</b><br>Negotiation-drafting assistant for Digital Silk Road "
            "cooperation initiatives: agreed language from the library, brackets, "
            "alternatives, proposers, reservations, revisions and Word export.")

    def show_shortcuts(self) -> QDialog:
        """Help ▸ Keyboard shortcuts: every action with a key, by menu."""
        dialog = shortcuts_dialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.shortcuts_dialog = dialog
        return dialog

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self._save_state()
        self.autosaver.timer.stop()
        self.runner.wait(5000)
        self.autosaver.clear()
        event.accept()

