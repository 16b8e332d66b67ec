"""Returned Word files in the GUI (issue 16): dropped on the Compile dialog, their authors
listed with the delegations they map to (an editable table, typed into with real key presses),
compiled in the worker, the result opened as a draft; File ▸ Open reads a .docx as a draft."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from word_edits import Edit, add_comment

from dsrdraft.compile import Compilation
from dsrdraft.draft import model as dm
from dsrdraft.draft.model import Reservation
from dsrdraft.export.writer import export_draft
from dsrdraft_ui.compile_dialog import CompileDialog

BASE = ("Strengthen digital interconnection to build an information Silk Road.",
        "Member States shall promote cross-border e-commerce cooperation.")


@pytest.fixture
def returned(tmp_path: Path) -> tuple[dm.Draft, Path]:
    draft = dm.new_draft("Beijing Initiative 2026")
    for text in BASE:
        draft = dm.add_clause(draft, text)
    export_draft(draft, tmp_path / "sent.docx", "negotiation")
    path = (Edit(tmp_path / "sent.docx", tmp_path / "returned.docx")
            .replace_tracked("shall promote", "should promote", "Jane Doe").save())
    add_comment(path, "Strengthen digital", "Egypt needs more time.", "Egypt")
    return draft, path


def drop(widget, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    widget.dropEvent(event)


def type_into_cell(qtbot, table, row: int, column: int, text: str) -> None:
    table.window().activateWindow()
    table.setFocus()
    table.setCurrentCell(row, column)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = table.findChild(QLineEdit) or QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits a Return on the next turn of the event loop.
    qtbot.waitUntil(lambda: table.item(row, column).text() == text, timeout=2000)


def shown_dialog(qtbot, runner, draft) -> CompileDialog:
    dialog = CompileDialog(runner, draft)
    qtbot.add_widget(dialog)
    dialog.show()
    qtbot.wait_exposed(dialog)
    return dialog


def test_dropped_returned_file_lists_authors_and_compiles(qtbot, runner, returned):
    draft, path = returned
    dialog = shown_dialog(qtbot, runner, draft)
    assert dialog.acceptDrops()
    drop(dialog, [path])
    assert [p for p, _ in dialog.proposals()] == [path]
    qtbot.waitUntil(lambda: dialog.authors_table.rowCount() == 2, timeout=10_000)
    assert dialog.authors() == [("Jane Doe", ""), ("Egypt", "EGY")]
    assert not dialog.compile_button.isEnabled()  # Jane Doe maps to no delegation yet
    assert "Map Jane Doe to a delegation" in dialog.problem_label.text()
    type_into_cell(qtbot, dialog.authors_table, 0, dialog.CODE, "tha")
    assert dialog.authors() == [("Jane Doe", "tha"), ("Egypt", "EGY")]
    assert dialog.compile_button.isEnabled()
    with qtbot.wait_signal(dialog.compiled, timeout=10_000) as blocker:
        qtbot.mouseClick(dialog.compile_button, Qt.MouseButton.LeftButton)
    compilation = blocker.args[0]
    assert isinstance(compilation, Compilation) and compilation.codes == ("THA",)
    texts = [c.text for c in compilation.draft.clauses]
    assert texts[1] == ("Member States [shall][should (THA)] promote cross-border e-commerce "
                        "cooperation.")
    assert compilation.draft.clauses[0].reservations == (
        Reservation("EGY", "Egypt needs more time."),)


def test_a_bad_author_code_is_marked(qtbot, runner, returned):
    draft, path = returned
    dialog = shown_dialog(qtbot, runner, draft)
    dialog.add_proposals([path])
    qtbot.waitUntil(lambda: dialog.authors_table.rowCount() == 2, timeout=10_000)
    type_into_cell(qtbot, dialog.authors_table, 0, dialog.CODE, "XYZ")
    assert not dialog.compile_button.isEnabled()
    assert "XYZ" in dialog.authors_table.item(0, dialog.CODE).toolTip()


def test_compiled_returned_file_opens_as_a_draft(qtbot, window, returned):
    draft, path = returned
    dialog = window.drafting.open_compile()
    qtbot.add_widget(dialog)
    dialog.file_radio.setChecked(True)
    from dsrdraft.draft.storage import save_draft

    save_draft(draft, path.parent / "base.json")
    dialog.set_base_file(path.parent / "base.json")
    dialog.add_proposals([path])
    qtbot.waitUntil(lambda: dialog.authors_table.rowCount() == 2, timeout=10_000)
    dialog.set_author_code(0, "THA")
    with qtbot.wait_signal(dialog.compiled, timeout=10_000):
        dialog.run()
    qtbot.waitUntil(lambda: window.document.draft.title == draft.title, timeout=10_000)
    assert "[shall][should (THA)]" in window.document.draft.clauses[1].text
    assert window.document.path is None  # a new, unsaved draft


def test_file_open_reads_a_word_export_as_its_draft(qtbot, window, returned, tmp_path):
    draft, _path = returned
    assert window.open_path(tmp_path / "sent.docx", ask=False)
    qtbot.waitUntil(lambda: window.document.draft == draft, timeout=10_000)
    assert window.document.path is None
