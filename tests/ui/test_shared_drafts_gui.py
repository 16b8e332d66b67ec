"""File ▸ Open from library and saving a shared draft, with real keys, on a real SQLite library."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from dsrdraft.draft import model as m
from dsrdraft.draft.model import Status
from dsrdraft.store.drafts import SharedDrafts
from dsrdraft_ui.draft_model import DraftClauseModel

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def three_clauses() -> m.Draft:
    draft = m.new_draft("Digital Cooperation Initiative")
    for body in ("Promote digital cooperation.", "Strengthen e-commerce links.",
                 "Expand broadband access."):
        draft = m.add_clause(draft, body)
    return draft


def open_shared(qtbot, window, name: str) -> None:
    """Ctrl+Alt+O, pick `name` with the arrow keys, Enter."""
    qtbot.keyClick(window, Qt.Key.Key_O, CTRL | ALT)
    qtbot.wait_until(lambda: window.shared.dialog is not None
                     and window.shared.dialog.isVisible(), timeout=5000)
    tree = window.shared.dialog.tree
    tree.setFocus()
    while window.shared.dialog.chosen() != name:
        qtbot.keyClick(tree, Qt.Key.Key_Down)
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    qtbot.wait_until(lambda: window.shared.source is not None, timeout=5000)
    window.activateWindow()  # the offscreen platform does not hand focus back by itself
    qtbot.wait_until(window.isActiveWindow, timeout=2000)


def status_key_on_row(qtbot, window, row: int, key: Qt.Key) -> None:
    table = window.editor.table
    table.setFocus()
    table.setCurrentIndex(window.editor.model.index(row, DraftClauseModel.TEXT))
    qtbot.keyClick(table, key, CTRL)


def test_open_edit_and_save_a_shared_draft(qtbot, window, library):
    shared = SharedDrafts(library)
    shared.create("dsr/other", three_clauses(), author="secretariat")
    shared.create("dsr/l1", three_clauses(), author="secretariat")
    open_shared(qtbot, window, "dsr/l1")
    assert "db:dsr/l1 (version 1)" in window.windowTitle()
    assert next(c.text for c in window.document.draft.clauses) == "Promote digital cooperation."

    status_key_on_row(qtbot, window, 0, Qt.Key.Key_3)  # Ctrl+3: agreed
    qtbot.keyClick(window.editor.table, Qt.Key.Key_S, CTRL)
    qtbot.wait_until(lambda: window.shared.source.version == 2, timeout=5000)
    assert not window.document.modified
    stored = shared.load("dsr/l1")
    assert stored.version == 2 and stored.draft.clauses[0].status is Status.AGREED
    assert "version 2" in window.windowTitle()
    assert shared.load("dsr/other").version == 1  # the other draft untouched


def test_a_save_over_a_newer_version_is_refused_and_merges_without_loss(qtbot, window,
                                                                         library):
    shared = SharedDrafts(library)
    shared.create("dsr/l1", three_clauses(), author="secretariat")
    open_shared(qtbot, window, "dsr/l1")
    status_key_on_row(qtbot, window, 1, Qt.Key.Key_3)  # mine: clause 2 agreed

    # Meanwhile a colleague saves version 2 with clause 3 reworded.
    theirs = shared.load("dsr/l1")
    unit = theirs.draft.clauses[2].uid
    shared.save("dsr/l1", m.edit_clause_text(theirs.draft, unit, "Expand affordable "
                                             "broadband access."), 1, author="bob")

    qtbot.keyClick(window.editor.table, Qt.Key.Key_S, CTRL)
    qtbot.wait_until(lambda: window.shared.conflict_box is not None, timeout=5000)
    box = window.shared.conflict_box
    assert "saved by bob" in box.text() and "Nothing was written" in box.text()
    assert shared.load("dsr/l1").version == 2  # nothing written by the refused save
    merge = next(b for b in box.buttons() if b.text() == "Merge")
    qtbot.mouseClick(merge, Qt.MouseButton.LeftButton)
    qtbot.wait_until(lambda: window.shared.source.version == 3, timeout=5000)
    stored = shared.load("dsr/l1")
    assert stored.draft.clauses[1].status is Status.AGREED  # mine
    assert stored.draft.clauses[2].text == "Expand affordable broadband access."  # theirs
    assert window.document.draft == stored.draft and not window.document.modified


def test_keep_editing_writes_nothing_and_keeps_the_edit(qtbot, window, library):
    shared = SharedDrafts(library)
    shared.create("dsr/l1", three_clauses(), author="secretariat")
    open_shared(qtbot, window, "dsr/l1")
    status_key_on_row(qtbot, window, 0, Qt.Key.Key_3)
    stored = shared.load("dsr/l1")
    shared.save("dsr/l1", m.set_status(stored.draft, stored.draft.clauses[0].uid,
                                       Status.AD_REFERENDUM), 1, author="bob")
    qtbot.keyClick(window.editor.table, Qt.Key.Key_S, CTRL)
    qtbot.wait_until(lambda: window.shared.conflict_box is not None, timeout=5000)
    box = window.shared.conflict_box
    keep = next(b for b in box.buttons() if b.text() == "Keep editing")
    qtbot.mouseClick(keep, Qt.MouseButton.LeftButton)
    assert window.document.modified  # the edit is still there, unsaved
    assert window.document.draft.clauses[0].status is Status.AGREED
    assert shared.load("dsr/l1").version == 2


def test_a_new_draft_is_no_longer_the_shared_one(qtbot, window, library):
    SharedDrafts(library).create("dsr/l1", three_clauses(), author="secretariat")
    open_shared(qtbot, window, "dsr/l1")
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    assert window.shared.source is None and "Untitled" in window.windowTitle()


def test_an_empty_library_says_so(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_O, CTRL | ALT)
    qtbot.wait_until(lambda: window.shared.dialog is not None
                     and window.shared.dialog.isVisible(), timeout=5000)
    dialog = window.shared.dialog
    assert dialog.tree.topLevelItemCount() == 0
    assert any("no shared drafts" in label.text() for label in dialog.findChildren(QLabel))
    dialog.reject()
