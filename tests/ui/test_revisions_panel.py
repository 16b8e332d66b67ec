"""Revisions: saved with a note (undoable), listed with dates, compared, restored."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from dsrdraft.draft import model as dm
from dsrdraft_ui.compare_view import CURRENT_DRAFT, CompareView, revision_key
from dsrdraft_ui.draft_model import DraftDocument
from dsrdraft_ui.revisions_panel import RevisionsPanel


@pytest.fixture
def document(library) -> DraftDocument:
    doc = DraftDocument()
    draft = dm.new_draft("Digital Silk Road Cooperation Initiative", symbol="DSR/2026/L.1")
    for c in library.get("beijing-initiative-2023").clauses[:4]:
        draft = dm.add_clause(draft, c.text)
    doc.reset(draft, None)
    return doc


@pytest.fixture
def panel(qtbot, document) -> RevisionsPanel:
    p = RevisionsPanel(document)
    qtbot.add_widget(p)
    p.show()
    return p


def save_rev(qtbot, panel: RevisionsPanel, note: str) -> None:
    panel.note_edit.setFocus()
    qtbot.keyClicks(panel.note_edit, note)
    qtbot.keyClick(panel.note_edit, Qt.Key.Key_Return)


def cell(panel: RevisionsPanel, row: int, col: int) -> str:
    return panel.model.index(row, col).data()


def test_save_revisions_with_notes_and_dates(qtbot, panel, document, qtmodeltester):
    assert panel.model.rowCount() == 1 and cell(panel, 0, 0) == "Rev.0 (current)"
    save_rev(qtbot, panel, "first reading")
    assert document.draft.revision == 1
    assert document.undo_stack.undoText() == "Save as Rev.1"
    uid = document.draft.clauses[1].uid
    document.apply("Edit", lambda d: dm.edit_clause_text(
        d, uid, d.clause(uid).text.replace("digital", "[digital]", 1)))
    save_rev(qtbot, panel, "second reading")
    m = panel.model
    assert [cell(panel, r, m.REV) for r in range(3)] == ["Rev.0", "Rev.1", "Rev.2 (current)"]
    assert [cell(panel, r, m.NOTE) for r in range(2)] == ["first reading", "second reading"]
    assert cell(panel, 0, m.DATE) == dm.today() and cell(panel, 0, m.CLAUSES) == "4"
    assert panel.hint.text() == "2 kept revisions"
    qtmodeltester.check(m)
    # Saving a revision is undoable like any edit.
    document.undo_stack.undo()
    assert m.rowCount() == 2 and document.draft.revision == 1


def test_compare_two_revisions_in_the_compare_view(qtbot, panel, document, library, runner,
                                                  catalog):
    save_rev(qtbot, panel, "first reading")
    uid = document.draft.clauses[2].uid
    document.apply("Edit", lambda d: dm.edit_clause_text(
        d, uid, d.clause(uid).text + " Establish a joint working group."))
    document.apply("Delete", lambda d: dm.delete_clause(d, d.clauses[3].uid))
    save_rev(qtbot, panel, "second reading")
    view = CompareView(library, runner, catalog, document)
    qtbot.add_widget(view)
    view.resize(1200, 700)
    view.show()
    panel.compare_requested.connect(view.set_sources)

    panel.select_keys(revision_key(0), revision_key(1))
    assert panel.compare_button.isEnabled()
    with qtbot.wait_signal(view.comparison_ready, timeout=10_000):
        qtbot.mouseClick(panel.compare_button, Qt.MouseButton.LeftButton)
    assert view.sources() == (revision_key(0), revision_key(1))
    m = view.model
    kinds = [m.index(r, m.KIND).data() for r in range(m.rowCount())]
    assert kinds == ["=", "=", "changed", "removed"]
    assert "joint working group" in m.rows[2].new_html
    assert "1 removed" in view.summary_label.text()

    # One revision selected: compared with the current text.
    panel.select_keys(revision_key(1))
    with qtbot.wait_signal(view.comparison_ready, timeout=10_000):
        assert panel.compare_selected()
    assert view.sources() == (revision_key(1), CURRENT_DRAFT)
    assert all(m.index(r, m.KIND).data() == "=" for r in range(m.rowCount()))


def test_restore_revision_as_new_draft(qtbot, panel, document):
    original = [c.text for c in document.draft.clauses]
    save_rev(qtbot, panel, "first reading")
    document.apply("Delete", lambda d: dm.delete_clause(d, d.clauses[0].uid))
    panel.select_keys(revision_key(0))
    with qtbot.wait_signal(panel.restore_requested) as blocker:
        qtbot.mouseClick(panel.restore_button, Qt.MouseButton.LeftButton)
    restored = blocker.args[0]
    assert [c.text for c in restored.live_clauses()] == original
    assert restored.revisions == () and restored.revision == 0
    panel.select_keys(CURRENT_DRAFT)
    assert not panel.restore_button.isEnabled()
