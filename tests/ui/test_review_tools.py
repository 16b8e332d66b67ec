"""Part 2 in the main window: menus, docks, compare, export, revisions restored as new drafts."""

from __future__ import annotations

from PySide6.QtCore import Qt

from dsrdraft.draft import model as dm
from dsrdraft_ui.compare_view import library_key


def menu_texts(window, title: str) -> list[str]:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == title)
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def test_menus_and_docks(window):
    assert {"&Export to Word…", "&Verify Word export…", "Save as next &Rev."} <= set(
        menu_texts(window, "&File"))
    view = menu_texts(window, "&View")
    assert {"Compare", "Signatories", "Revisions", "&Compare texts", "Next change",
            "Previous change", "Only changes"} <= set(view)
    r = window.review
    assert r.compare_view.next_action.shortcut().toString() == "F7"
    for dock in (r.compare_dock, r.signatories_dock, r.revisions_dock):
        assert dock.objectName() and window.dockWidgetArea(dock) != Qt.DockWidgetArea.NoDockWidgetArea


def test_compare_from_the_window_and_f7(qtbot, window):
    r = window.review
    window.library_panel.add_selected()  # harmless with nothing selected
    with qtbot.wait_signal(r.compare_view.comparison_ready, timeout=10_000):
        r.compare(library_key("obor-digital-economy-2017"), library_key("beijing-initiative-2023"))
    assert r.compare_dock.isVisible()
    assert r.compare_view.model.rowCount() == 21  # the preambles pair too
    r.compare_view.left_view.setFocus()
    qtbot.keyClick(r.compare_view.left_view, Qt.Key.Key_F7)
    assert r.compare_view.current_row() == 0
    qtbot.keyClick(r.compare_view.left_view, Qt.Key.Key_F7)
    assert r.compare_view.current_row() == 1


def test_restore_revision_from_the_window(qtbot, window):
    doc = window.document
    doc.apply("Add", lambda d: dm.add_clause(d, "Promote digital connectivity."))
    window.review.revisions_panel.save_revision()
    doc.apply("Edit", lambda d: dm.edit_clause_text(d, d.clauses[0].uid, "Changed."))
    panel = window.review.revisions_panel
    panel.select_keys("rev:0")
    doc.undo_stack.setClean()  # no "save changes?" question
    assert panel.restore_selected()
    assert [c.text for c in doc.draft.clauses] == ["Promote digital connectivity."]
    assert doc.path is None and doc.modified


def test_export_dialog_from_the_window(qtbot, window, tmp_path):
    window.document.apply("Add", lambda d: dm.add_clause(d, "Promote digital connectivity."))
    dialog = window.review.open_export()
    out = tmp_path / "window.docx"
    dialog.out_edit.setText(str(out))
    with qtbot.wait_signal(dialog.exported, timeout=20_000):
        dialog.export_button.click()
    assert out.is_file()
    dialog.message_box.done(0)
    dialog.close()
