"""No two actions of the main window share a shortcut (Qt would then fire neither)."""

from __future__ import annotations

from collections import Counter

from PySide6.QtGui import QAction


def test_shortcuts_are_unique(window) -> None:
    shortcuts = Counter(
        key
        for action in window.findChildren(QAction)
        for key in {seq.toString() for seq in action.shortcuts() if not seq.isEmpty()}
    )
    assert [s for s, n in shortcuts.items() if n > 1] == []
