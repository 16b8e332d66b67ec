"""The draft editor: in-place editing, reordering, and undo/redo of every kind of edit."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, Qt

from dsrdraft.draft.model import Status
from dsrdraft.status_style import STATUS_STYLES
from dsrdraft_ui.draft_editor import ClauseTextEdit, DraftEditor
from dsrdraft_ui.draft_model import DRAFT_ROW_MIME, DraftClauseModel, DraftDocument


@pytest.fixture
def editor(qtbot) -> DraftEditor:
    document = DraftDocument()
    widget = DraftEditor(document)
    qtbot.add_widget(widget)
    widget.resize(900, 600)
    widget.show()
    qtbot.wait_exposed(widget)
    for text in ("Promote digital cooperation.", "Strengthen [e-commerce] links.",
                 "Expand broadband access."):
        widget.new_clause(text)
    document.undo_stack.clear()
    widget.table.setCurrentIndex(widget.model.index(0, DraftClauseModel.TEXT))
    return widget


def labels_texts(editor: DraftEditor) -> list[tuple[str, str]]:
    return [(c.label, c.text) for c in editor.document.draft.clauses]


def test_clause_model_passes_modeltester(qtmodeltester, editor):
    qtmodeltester.check(editor.model)
    assert editor.model.rowCount() == 3
    assert editor.model.data(editor.model.index(1, DraftClauseModel.TEXT)) == \
        "Strengthen [e-commerce] links."


def test_reorder_with_alt_up_and_down_renumbers(qtbot, editor):
    first = editor.document.draft.clauses[0].uid
    editor.table.setFocus()
    qtbot.keyClick(editor.table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert [c.uid for c in editor.document.draft.clauses].index(first) == 1
    qtbot.keyClick(editor.table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert labels_texts(editor) == [("1", "Strengthen [e-commerce] links."),
                                    ("2", "Expand broadband access."),
                                    ("3", "Promote digital cooperation.")]
    assert editor.current_clause().uid == first  # the moved clause stays current
    qtbot.keyClick(editor.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert [c.uid for c in editor.document.draft.clauses].index(first) == 1
    editor.document.undo_stack.undo()
    assert labels_texts(editor)[2] == ("3", "Promote digital cooperation.")
    editor.document.undo_stack.undo()
    assert labels_texts(editor)[1] == ("2", "Promote digital cooperation.")
    editor.document.undo_stack.undo()
    assert labels_texts(editor)[0] == ("1", "Promote digital cooperation.")


def test_moving_keeps_bis_clauses_until_the_final_renumbering(qtbot, editor):
    editor.table.setCurrentIndex(editor.model.index(0, DraftClauseModel.TEXT))
    editor.insert_bis("Inserted while negotiating.")
    assert [label for label, _ in labels_texts(editor)] == ["1", "1 bis", "2", "3"]
    editor.table.setCurrentIndex(editor.model.index(0, DraftClauseModel.TEXT))
    editor.table.setFocus()
    qtbot.keyClick(editor.table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    # the inserted clause now opens the text: still an inserted clause, not a new "1"
    assert labels_texts(editor)[0] == ("0 bis", "Inserted while negotiating.")
    assert [label for label, _ in labels_texts(editor)] == ["0 bis", "1", "2", "3"]
    editor.renumber()
    assert [label for label, _ in labels_texts(editor)] == ["1", "2", "3", "4"]


def test_reorder_by_dragging_a_row(editor):
    draft = editor.document.draft
    mime = editor.model.mimeData([editor.model.index(2, 0)])
    assert mime.hasFormat(DRAFT_ROW_MIME)
    assert editor.model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert labels_texts(editor) == [("1", "Expand broadband access."),
                                    ("2", "Promote digital cooperation."),
                                    ("3", "Strengthen [e-commerce] links.")]
    assert editor.document.undo_stack.undoText() == "Move clause 3"
    editor.document.undo_stack.undo()
    assert editor.document.draft == draft
    empty = QMimeData()
    assert not editor.model.dropMimeData(empty, Qt.DropAction.MoveAction, 0, 0, QModelIndex())


def test_edit_clause_text_in_place_with_highlighting(qtbot, editor):
    index = editor.model.index(1, DraftClauseModel.TEXT)
    editor.table.setCurrentIndex(index)
    editor.table.edit(index)
    field = editor.table.findChild(ClauseTextEdit)
    assert field is not None
    field.selectAll()
    qtbot.keyClicks(field, "Promote [shall][should] trade]")
    assert field.highlighter.errors == ["unbalanced ']' at position 29"]
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert editor.document.draft.clauses[1].text == "Promote [shall][should] trade]"
    assert editor.document.undo_stack.undoText() == "Edit clause 2"
    qtbot.wait_until(lambda: "Unbalanced bracket" in editor.details.toPlainText(),
                     timeout=2000)


def add(e: DraftEditor) -> None:
    e.new_clause("A new clause.")


def bis(e: DraftEditor) -> None:
    e.insert_bis("Inserted text.")


EDITS: list[tuple[str, Callable[[DraftEditor], None], str, Callable[..., bool]]] = [
    ("new clause", add, "New clause",
     lambda d: d.clauses[-1].text == "A new clause." and d.clauses[-1].label == "4"),
    ("bis", bis, "Insert clause 1 bis",
     lambda d: d.clauses[1].label == "1 bis" and d.clauses[1].text == "Inserted text."),
    ("text", lambda e: e.set_text("Changed [text]."), "Edit clause 1",
     lambda d: d.clauses[0].text == "Changed [text]."),
    ("alternative", lambda e: e.add_alternative("Alt wording.", "chn, lao"),
     "Add alternative to clause 1",
     lambda d: [(a.text, a.proposers) for a in d.clauses[0].alternatives]
     == [("Alt wording.", ("CHN", "LAO"))]),
    ("proposers", lambda e: e.set_proposers("rus; G77/China, rus"),
     "Set proposers of clause 1", lambda d: d.clauses[0].proposers == ("RUS", "G77/China")),
    ("reservation", lambda e: e.add_reservation("tur", "Subject to review."),
     "Add reservation to clause 1",
     lambda d: [(r.delegation, r.text) for r in d.clauses[0].reservations]
     == [("TUR", "Subject to review.")]),
    ("status ad ref", lambda e: e.set_status(Status.AD_REFERENDUM),
     "Mark clause 1 agreed ad ref.", lambda d: d.clauses[0].status == Status.AD_REFERENDUM),
    ("status agreed", lambda e: e.status_actions[Status.AGREED].trigger(),
     "Mark clause 1 agreed", lambda d: d.clauses[0].status == Status.AGREED),
    ("delete", lambda e: e.delete_action.trigger(), "Delete clause 1",
     lambda d: d.clauses[0].deleted),
    ("move", lambda e: e.move_down_action.trigger(), "Move clause 1",
     lambda d: d.clauses[1].text == "Promote digital cooperation."),
    ("title", lambda e: e.document.set_field("title", "Beijing 2026"), "Edit title",
     lambda d: d.title == "Beijing 2026"),
    ("symbol", lambda e: e.document.set_field("symbol", "DSR/2026/L.1"), "Edit symbol",
     lambda d: d.symbol == "DSR/2026/L.1"),
    ("preamble", lambda e: e.new_preambular("We, the [States],"), "New preambular paragraph",
     lambda d: d.preamble == "We, the [States]," and d.clauses[0].label == "PP1"),
    ("heading", lambda e: e.new_heading("Article 1", "Scope"), "New heading",
     lambda d: d.clauses[1].is_heading and d.clauses[1].label == "Article 1"),
]


@pytest.mark.parametrize(("name", "edit", "undo_text", "check"), EDITS,
                         ids=[e[0] for e in EDITS])
def test_undo_redo_of_every_kind_of_edit(editor, name, edit, undo_text, check):
    before = editor.document.draft
    edit(editor)
    after = editor.document.draft
    assert after != before and check(after)
    stack = editor.document.undo_stack
    assert stack.undoText() == undo_text
    assert stack.count() == 1
    stack.undo()
    assert editor.document.draft == before
    assert not check(editor.document.draft)
    stack.redo()
    assert editor.document.draft == after


def test_typing_a_title_is_one_undo_step_and_fields_follow_undo(qtbot, editor):
    editor.title_edit.clear()
    qtbot.keyClicks(editor.title_edit, "Draft")
    assert editor.document.draft.title == "Draft"
    stack = editor.document.undo_stack
    assert stack.count() == 1 and stack.undoText() == "Edit title"
    stack.undo()
    assert editor.title_edit.text() == "Untitled draft"


def test_remove_alternative_restore_and_renumber(editor):
    editor.add_alternative("Alt one.", "")
    editor.remove_alternative()
    assert editor.document.draft.clauses[0].alternatives == ()
    editor.toggle_deleted()
    assert editor.document.draft.clauses[0].deleted
    assert editor.delete_action.text() == "Restore clause"
    editor.toggle_deleted()
    assert not editor.document.draft.clauses[0].deleted
    editor.insert_bis("x")
    assert [c.label for c in editor.document.draft.clauses] == ["1", "1 bis", "2", "3"]
    editor.renumber()
    assert [c.label for c in editor.document.draft.clauses] == ["1", "2", "3", "4"]
    editor.document.undo_stack.undo()
    assert [c.label for c in editor.document.draft.clauses] == ["1", "1 bis", "2", "3"]


def test_status_colour_and_strike_through(editor):
    model = editor.model
    editor.set_status(Status.AGREED)
    colour = model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole).color().name()
    assert colour == STATUS_STYLES[Status.AGREED].background
    editor.set_status(Status.AD_REFERENDUM)
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole).color().name() == \
        STATUS_STYLES[Status.AD_REFERENDUM].background
    editor.toggle_deleted()
    assert model.data(model.index(0, 1), Qt.ItemDataRole.FontRole).strikeOut()
    assert model.data(model.index(0, DraftClauseModel.STATUS)) == "Deleted"


def test_a_row_taller_than_the_screen_shows_its_lines_scrolled_to(qtbot, editor):
    """Cells draw only the lines on screen: scrolled to the middle of a paragraph taller
    than the table, the lines there are drawn (ink in the text column), not skipped."""
    editor.new_clause(" ".join(f"Line {i} of a very long negotiated paragraph." for i in
                               range(400)))
    editor.heights.measure_all()
    table = editor.table
    row = editor.model.rowCount() - 1
    assert table.rowHeight(row) > 3 * table.viewport().height()
    bar = table.verticalScrollBar()
    table.setCurrentIndex(editor.model.index(0, DraftClauseModel.TEXT))  # not selected
    bar.setValue(table.rowViewportPosition(row) + bar.value() + table.rowHeight(row) // 2)
    qtbot.wait(20)
    image = table.viewport().grab().toImage()
    x0 = table.columnViewportPosition(DraftClauseModel.TEXT)
    width = table.columnWidth(DraftClauseModel.TEXT)
    dark = sum(1 for y in range(0, image.height(), 3) for x in range(x0, x0 + width, 3)
               if image.pixelColor(x, y).lightness() < 100)
    assert dark > 50
