"""Agreed language, similar clauses and compilation in the main window: docks, actions, wiring.

Keeps the main window small (like `ReviewTools`): it creates one `DraftingTools` and puts its
actions in its menus. The similar-clauses panel is a dock tabbed with the library;
agreed-language shading is installed on the draft editor's clause column; the Compile dialog
opens its result as a new, unsaved draft.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from dsrdraft_ui import precedent_highlight
from dsrdraft_ui.precedent_highlight import PrecedentShading
from dsrdraft_ui.precedents_panel import SimilarClausesPanel

if TYPE_CHECKING:  # the compile dialog (and python-docx) load when first opened
    from dsrdraft.compile import Compilation
    from dsrdraft_ui.compile_dialog import CompileDialog
    from dsrdraft_ui.main_window import MainWindow


class DraftingTools(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        w = window
        self.compile_dialog: CompileDialog | None = None
        self.last_compilation: Compilation | None = None
        self.shading = PrecedentShading(w.library, w.runner, w.document, self)
        self.delegate = precedent_highlight.install(w.editor, self.shading)
        self.similar_panel = SimilarClausesPanel(w.library, w.runner, w.editor)
        # Tabbed with the library (no extra width for the window): Ctrl+Shift+L raises it.
        self.similar_dock = w._dock("Similar clauses", "similarDock", self.similar_panel,
                                    Qt.DockWidgetArea.LeftDockWidgetArea)
        w.tabifyDockWidget(w.library_dock, self.similar_dock)
        w.library_dock.raise_()
        self.similar_panel.status_message.connect(w.show_message)

        self.compile_action = self._action(
            "Com&pile proposals…", self.open_compile, QKeySequence("Ctrl+Shift+M"),
            "Merge delegations' proposals on a base draft into one bracketed, attributed text")
        self.similar_action = self._action(
            "Similar &clauses", self.focus_similar, QKeySequence("Ctrl+Shift+L"),
            "Library clauses most like the current clause: replace its text or insert after")
        self.shading_action = self._action(
            "Shade &agreed language", self.shading.set_enabled, QKeySequence("Ctrl+Shift+H"),
            "Underline passages of the draft already agreed in library initiatives")
        self.shading_action.setCheckable(True)
        self.shading_action.setChecked(True)
        w.addAction(self.similar_action)  # its shortcut works without a menu entry
        w.runner.library_changed.connect(self.library_changed)

    def _action(self, text: str, slot, shortcut, tip: str) -> QAction:
        action = QAction(text, self.window)
        action.setShortcut(shortcut)
        action.setStatusTip(tip)
        action.setToolTip(f"{text.replace('&', '').rstrip('…')} — {tip}")
        action.triggered.connect(slot)
        return action

    def view_menu_actions(self) -> list[QAction | None]:
        return [None, self.shading_action, self.similar_dock.toggleViewAction()]

    def library_changed(self, *_args: object) -> None:
        """After an import: agreed language and similar clauses looked up again."""
        self.shading.library_changed()
        self.similar_panel.library_changed()

    # ------------------------------------------------------------ actions

    def focus_similar(self, *_args: object) -> None:
        self.similar_dock.show()
        self.similar_dock.raise_()
        self.similar_panel.view.setFocus()

    def open_compile(self, *_args: object) -> CompileDialog:
        from dsrdraft_ui.compile_dialog import CompileDialog

        w = self.window
        if self.compile_dialog is not None:
            self.compile_dialog.close()
            self.compile_dialog.deleteLater()
        dialog = CompileDialog(w.runner, w.document.draft, w)
        dialog.compiled.connect(self.open_compilation)
        self.compile_dialog = dialog
        dialog.show()
        return dialog

    def open_compilation(self, compilation: Compilation) -> bool:
        """Open the compiled text as a new, unsaved draft (after asking to save the old one)."""
        w = self.window
        if not w.maybe_save():
            return False
        self.last_compilation = compilation
        w.document.reset(compilation.draft, None, modified=True)
        if self.compile_dialog is not None:
            self.compile_dialog.note("Opened as a new, unsaved draft.")
        summary = compilation.summary()
        w.show_message(f"Compilation of {', '.join(compilation.codes)}: "
                       f"{summary['with_proposals']} clauses with proposals, "
                       f"{summary['conflicts']} conflicts — unsaved", 8000)
        return True
