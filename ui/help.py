"""Help ▸ Keyboard shortcuts: a table of every action that has a key, menu by menu."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

# Keys that work without an action of their own (they belong to a widget).
OTHER_KEYS = [
    ("Library", "Ctrl+Enter in the search box or the results", "Add the clause to the draft"),
    ("Library", "Down in the search box", "Go to the results"),
    ("Clause editor", "F2 or double-click", "Edit the clause text in place"),
    ("Clause editor", "Enter / Shift+Enter", "Keep the edit / a new line"),
    ("Clause editor", "Escape", "Leave the edit"),
    ("Dialogs", "Ctrl+Enter", "OK"),
]


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(menu, keys, action) for every action with a shortcut, in menu order, once each."""
    rows: list[tuple[str, str, str]] = []
    seen: set[int] = set()

    def add(place: str, action: QAction) -> None:
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()
                if not k.isEmpty()]
        if keys and id(action) not in seen:
            seen.add(id(action))
            rows.append((place, ", ".join(keys), action.text().replace("&", "")))

    def walk(menu: QMenu, place: str) -> None:
        for action in menu.actions():
            submenu = action.menu()
            if isinstance(submenu, QMenu):
                walk(submenu, place)
            else:
                add(place, action)

    for action in window.menuBar().actions():
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            walk(submenu, action.text().replace("&", ""))
    for action in window.findChildren(QAction):
        add("Other", action)
    return rows + OTHER_KEYS


def shortcuts_dialog(window: QMainWindow) -> QDialog:
    dialog = QDialog(window)
    dialog.setWindowTitle("Keyboard shortcuts")
    dialog.setObjectName("shortcutsDialog")
    rows = shortcut_rows(window)
    table = QTableWidget(len(rows), 3)
    table.setObjectName("shortcutsTable")
    table.setHorizontalHeaderLabels(["Where", "Keys", "What"])
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(table)
    layout.addWidget(buttons)
    available = window.screen().availableGeometry()
    dialog.resize(min(720, available.width() - 40), min(620, available.height() - 60))
    return dialog
