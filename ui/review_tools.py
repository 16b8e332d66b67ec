"""The reviewer's and the secretariat's tools in the main window: docks, actions, wiring.

Keeps the main window small: it creates one `ReviewTools` and puts its actions in its menus.
The compare view is a dock in the bottom area (tabbed with the clause preview) that grows when
it is asked for, as far as the draft table's minimum height allows (it never floats over the
draft by itself, and docking it back never squeezes the draft to a row); signatories and
revisions are docks tabbed with the library.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QStyle

from dsrdraft.draft.model import Draft
from dsrdraft.sources import CURRENT_DRAFT, library_key
from dsrdraft_ui.compare_view import CompareView
from dsrdraft_ui.revisions_panel import RevisionsPanel
from dsrdraft_ui.signatories_panel import SignatoriesPanel

if TYPE_CHECKING:  # the dialogs (and python-docx) load when first opened, not at start-up
    from dsrdraft_ui.export_dialog import ExportDialog
    from dsrdraft_ui.main_window import MainWindow
    from dsrdraft_ui.verify_dialog import VerifyDialog


class ReviewTools(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.export_dialog: ExportDialog | None = None
        self.verify_dialog: VerifyDialog | None = None
        w = window
        self.compare_view = CompareView(w.library, w.runner, w.catalog, w.document)
        self.signatories_panel = SignatoriesPanel(w.document)
        self.revisions_panel = RevisionsPanel(w.document)
        self.revisions_panel.saved.connect(self._on_revision_saved)
        self.compare_dock = w._dock("Compare", "compareDock", self.compare_view,
                                    Qt.DockWidgetArea.BottomDockWidgetArea)
        self.signatories_dock = w._dock("Signatories", "signatoriesDock",
                                        self.signatories_panel,
                                        Qt.DockWidgetArea.LeftDockWidgetArea)
        self.revisions_dock = w._dock("Revisions", "revisionsDock", self.revisions_panel,
                                      Qt.DockWidgetArea.LeftDockWidgetArea)
        w.tabifyDockWidget(w.preview_dock, self.compare_dock)
        w.tabifyDockWidget(w.library_dock, self.signatories_dock)
        w.tabifyDockWidget(self.signatories_dock, self.revisions_dock)
        w.preview_dock.raise_()
        w.library_dock.raise_()

        style = w.style()
        self.compare_action = self._action(
            "&Compare texts", self.show_compare, QKeySequence("Ctrl+Shift+D"),
            QIcon.fromTheme("view-split-left-right",
                            style.standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView)),
            "Show two texts side by side, clause by clause")
        self.export_action = self._action(
            "&Export to Word…", self.open_export, QKeySequence("Ctrl+E"),
            QIcon.fromTheme("document-export",
                            style.standardIcon(QStyle.StandardPixmap.SP_DialogSaveButton)),
            "Export the draft as a clean, negotiation or redline Word document")
        self.verify_action = self._action(
            "&Verify Word export…", self.open_verify, None, None,
            "Check whether a Word export still matches its fingerprint")
        self.revise_action = self._action(
            "Save as next &Rev.", self.save_revision, QKeySequence("Ctrl+Alt+R"), None,
            "Keep the text as it stands as this revision, start the next one, and save the "
            "file (the note typed in the Revisions panel goes with it)")
        self.signatories_action = self._action(
            "&Signatories…", self.focus_signatories, QKeySequence("Ctrl+Shift+G"), None,
            "Add the countries that sign, their representatives and titles")

        self.compare_view.status_message.connect(w.show_message)
        self.signatories_panel.status_message.connect(w.show_message)
        self.revisions_panel.status_message.connect(w.show_message)
        self.revisions_panel.compare_requested.connect(self.compare)
        self.revisions_panel.restore_requested.connect(self.restore)

    def _action(self, text: str, slot, shortcut, icon, tip: str) -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(shortcut)
        if icon is not None:
            action.setIcon(icon)
        action.setStatusTip(tip)
        action.setToolTip(f"{text.replace('&', '').rstrip('…')} — {tip}")
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def view_menu_actions(self) -> list[QAction | None]:
        """For the View menu (None: a separator)."""
        v = self.compare_view
        return [self.compare_dock.toggleViewAction(), self.signatories_dock.toggleViewAction(),
                self.revisions_dock.toggleViewAction(), None, self.compare_action,
                self.signatories_action,
                v.next_action, v.previous_action, v.only_changes_action, v.pin_action,
                v.clear_pins_action]

    # ------------------------------------------------------------ slots

    def show_compare(self, *, choose_default: bool = True) -> None:
        """Raise the compare dock, tall enough to read; first time: library vs the draft."""
        dock, w = self.compare_dock, self.window
        dock.show()
        dock.raise_()
        if not dock.isFloating():
            # As tall as the draft table's minimum leaves room for (the table keeps a few
            # rows on any screen; the splitter between them stays the user's to move).
            w.resizeDocks([dock], [max(320, w.height() * 3 // 5)], Qt.Orientation.Vertical)
        if (choose_default and self.compare_view.model.comparison is None
                and not self.compare_view.pending):
            ids = [s.id for s in self.window.catalog.summaries]
            if self.window.document.draft.clauses and ids:
                self.compare_view.set_sources(library_key(ids[0]), CURRENT_DRAFT)
            elif len(ids) >= 2:
                self.compare_view.set_sources(library_key(ids[0]), library_key(ids[1]))
        self.compare_view.left_view.setFocus()

    def compare(self, left: str, right: str) -> None:
        self.show_compare(choose_default=False)
        self.compare_view.set_sources(left, right)

    def restore(self, draft: Draft) -> None:
        if not self.window.maybe_save():
            return
        self.window.document.reset(draft, None, modified=True)
        self.window.show_message(f"Restored Rev.{draft.revision} as a new draft; save it to "
                                 "keep it")

    def open_export(self) -> ExportDialog:
        from dsrdraft_ui.export_dialog import ExportDialog

        w = self.window
        self.export_dialog = ExportDialog(w.document, w.library, w.runner, w.catalog, w,
                                          w.settings)
        self.export_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.export_dialog.exported.connect(
            lambda path, _digest: w.show_message(f"Exported {path}", 8000))
        self.export_dialog.destroyed.connect(self._forget_export)
        self.export_dialog.open()
        return self.export_dialog

    def _forget_export(self, *_args: object) -> None:
        self.export_dialog = None

    def open_verify(self) -> VerifyDialog:
        from dsrdraft_ui.verify_dialog import VerifyDialog

        self.verify_dialog = VerifyDialog(self.window.runner, parent=self.window)
        self.verify_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.verify_dialog.destroyed.connect(self._forget_verify)
        self.verify_dialog.open()
        return self.verify_dialog

    def _forget_verify(self, *_args: object) -> None:
        self.verify_dialog = None

    def focus_revision_note(self) -> None:
        self.revisions_dock.show()
        self.revisions_dock.raise_()
        self.revisions_panel.note_edit.setFocus()

    def save_revision(self) -> bool:
        """File ▸ Save as next Rev.: keep this revision (with the panel's note) and save."""
        return self.revisions_panel.save_revision()

    def _on_revision_saved(self, kept: int) -> None:
        w = self.window
        if w.document.path is not None and w.save_to(w.document.path):
            w.show_message(f"Kept Rev.{kept} and saved {w.document.path.name}; now editing "
                           f"Rev.{kept + 1}", 8000)
        else:
            w.show_message(f"Kept Rev.{kept}; now editing Rev.{kept + 1} — not saved to a "
                           "file yet (Ctrl+S)", 8000)

    def focus_signatories(self) -> None:
        self.signatories_dock.show()
        self.signatories_dock.raise_()
        self.signatories_panel.country_edit.setFocus()

