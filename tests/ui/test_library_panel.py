"""Searching the library and adding clauses to the draft by keyboard and by drag."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from dsrdraft_ui.draft_model import DraftClauseModel


def search(qtbot, window, text: str) -> None:
    panel = window.library_panel
    panel.search_edit.setFocus()
    panel.search_edit.clear()
    if text.isascii():
        qtbot.keyClicks(panel.search_edit, text)
    else:  # QTest cannot type CJK characters (no key codes); an input method would set text
        panel.search_edit.insert(text)
    assert panel._timer.isActive()  # debounced: nothing runs while typing
    qtbot.wait_until(lambda: not panel._timer.isActive() and not panel.pending, timeout=5000)


def test_search_as_you_type_shows_highlighted_results(qtbot, window):
    search(qtbot, window, "digital")
    model = window.library_panel.model
    assert model.rowCount() > 5
    hit = model.hit(0)
    assert "digital" in hit.text.lower()
    assert "«" in hit.snippet
    assert "match “digital”" in window.library_panel.count_label.text()


def test_add_by_ctrl_enter_from_the_result_list(qtbot, window):
    search(qtbot, window, "broadband")
    panel = window.library_panel
    qtbot.keyClick(panel.search_edit, Qt.Key.Key_Down)  # into the results
    assert panel.results.hasFocus()
    hit = panel.model.hit(panel.results.currentIndex().row())
    qtbot.keyClick(panel.results, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    clauses = window.document.draft.clauses
    assert len(clauses) == 1
    assert clauses[0].text == " ".join(hit.text.split())
    assert str(clauses[0].provenance) == f"{hit.id}:{hit.number}"
    assert clauses[0].label == "1"
    window.name_history_actions()  # as the Edit menu does when it opens
    assert window.undo_action.text() == f"&Undo Add clause {hit.id}:{hit.number}"
    # a second one goes after it, numbered 2
    qtbot.keyClick(panel.results, Qt.Key.Key_Down)
    qtbot.keyClick(panel.results, Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier)
    assert [c.label for c in window.document.draft.clauses] == ["1", "2"]


def test_add_by_drag_and_drop(qtbot, window):
    search(qtbot, window, "digital")
    panel = window.library_panel
    mime = panel.model.mimeData([panel.model.index(0), panel.model.index(1)])
    draft_model = window.editor.model
    assert draft_model.canDropMimeData(mime, Qt.DropAction.CopyAction, -1, -1, QModelIndex())
    assert draft_model.dropMimeData(mime, Qt.DropAction.CopyAction, -1, -1, QModelIndex())
    assert [str(c.provenance) for c in window.document.draft.clauses] == [
        f"{panel.model.hit(r).id}:{panel.model.hit(r).number}" for r in (0, 1)]
    # dropping onto row 0 inserts before the first clause and renumbers
    mime = panel.model.mimeData([panel.model.index(2)])
    assert draft_model.dropMimeData(mime, Qt.DropAction.CopyAction, 0, 0, QModelIndex())
    clauses = window.document.draft.clauses
    assert str(clauses[0].provenance) == (f"{panel.model.hit(2).id}:"
                                          f"{panel.model.hit(2).number}")
    assert [c.label for c in clauses] == ["1", "2", "3"]
    assert draft_model.data(draft_model.index(0, DraftClauseModel.SOURCE)) == \
        str(clauses[0].provenance)
    window.document.undo_stack.undo()
    assert len(window.document.draft.clauses) == 2


def test_filters_restrict_results(qtbot, window):
    panel = window.library_panel
    panel.year_combo.setCurrentIndex(panel.year_combo.findData(2017))
    search(qtbot, window, "digital")
    assert panel.model.rowCount() > 0
    assert {panel.model.hit(r).year for r in range(panel.model.rowCount())} == {2017}
    panel.year_combo.setCurrentIndex(0)
    panel.initiative_combo.setCurrentIndex(panel.initiative_combo.findData(
        "beijing-initiative-2023"))
    qtbot.wait_until(lambda: not panel._timer.isActive() and not panel.pending)
    assert {panel.model.hit(r).id for r in range(panel.model.rowCount())} == {
        "beijing-initiative-2023"}


def test_chinese_search_and_side_by_side_preview(qtbot, window):
    search(qtbot, window, "电子商务")
    panel = window.library_panel
    assert panel.model.rowCount() >= 1
    assert panel.model.hit(0).language == "zh"
    search(qtbot, window, "e-commerce")
    row = next(r for r in range(panel.model.rowCount())
               if panel.model.hit(r).id == "obor-digital-economy-2017"
               and panel.model.hit(r).number == "3")
    panel.results.setCurrentIndex(panel.model.index(row))
    preview = window.preview
    qtbot.wait_until(lambda: "电子商务" in preview.translation.toPlainText(), timeout=5000)
    assert "e-commerce" in preview.original.toPlainText()
    assert "clause <b>3</b>" in preview.header.text()


def test_arabic_text_is_laid_out_right_to_left(qtbot, window):
    window.editor.new_clause("تعزيز التعاون في [الاقتصاد الرقمي]")
    model = window.editor.model
    alignment = model.data(model.index(0, DraftClauseModel.TEXT),
                           Qt.ItemDataRole.TextAlignmentRole)
    assert alignment & Qt.AlignmentFlag.AlignRight
    from dsrdraft.store import SearchHit
    window.preview.show_hit(SearchHit("x", "1", "تعزيز التعاون", 0, "", "ar", "T", None))
    assert window.preview.original.layoutDirection() == Qt.LayoutDirection.RightToLeft


def test_selecting_a_draft_clause_previews_its_source(qtbot, window):
    window.add_refs([{"id": "obor-digital-economy-2017", "number": "4",
                      "text": "Support Internet start-ups and innovation.", "language": "en"}])
    window.editor.select_uid(window.document.draft.clauses[0].uid)
    qtbot.wait_until(lambda: "创新" in window.preview.translation.toPlainText(), timeout=5000)
    assert window.preview.original.toPlainText().startswith("Support Internet start-ups")


def test_ctrl_enter_in_the_in_place_editor_commits_instead_of_adding(qtbot, window):
    from dsrdraft_ui.draft_editor import ClauseTextEdit
    from dsrdraft_ui.draft_model import DraftClauseModel

    window.editor.new_clause("Original text.")
    search(qtbot, window, "broadband")
    window.library_panel.results.setCurrentIndex(window.library_panel.model.index(0))
    table = window.editor.table
    index = window.editor.model.index(0, DraftClauseModel.TEXT)
    table.setCurrentIndex(index)
    table.edit(index)
    field = table.findChild(ClauseTextEdit)
    field.selectAll()
    qtbot.keyClicks(field, "Edited text.")
    qtbot.keyClick(field, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert [c.text for c in window.document.draft.clauses] == ["Edited text."]


def test_a_search_ranked_over_its_newest_matches_says_so(qtbot, window, monkeypatch):
    """A query with more matches than the ranking window lists the newest ones and says
    that more may match, instead of passing for every match of the library."""
    from dsrdraft.store import query

    monkeypatch.setattr(query, "RANK_WINDOW", 4)
    search(qtbot, window, "digital")
    panel = window.library_panel
    while panel.model.canFetchMore(QModelIndex()):
        panel.model.fetchMore(QModelIndex())
        qtbot.wait_until(lambda: not panel.pending, timeout=5000)
    assert panel.model.rowCount() == 4
    assert "4 newest clauses matching “digital”" in panel.count_label.text()
    assert "more may match" in panel.count_label.text()
    search(qtbot, window, "satellite")  # fewer matches than the window: counted as before
    assert panel.count_label.text() == "3 clauses match “satellite”"
