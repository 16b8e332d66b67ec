"""The compare view on the seed initiatives: rows, highlights, scrolling in step, navigation."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from dsrdraft.draft import model as dm
from dsrdraft_ui.compare_model import (
    DELETED_STYLE,
    FILLER,
    INSERTED_STYLE,
    ChangesFilter,
    CompareModel,
)
from dsrdraft_ui.compare_view import CURRENT_DRAFT, CompareView, library_key, revision_key
from dsrdraft_ui.draft_model import DraftDocument

OLD_2017 = library_key("obor-digital-economy-2017")
NEW_2023 = library_key("beijing-initiative-2023")


@pytest.fixture
def document():
    return DraftDocument()


@pytest.fixture
def view(qtbot, library, runner, catalog, document) -> CompareView:
    widget = CompareView(library, runner, catalog, document)
    qtbot.add_widget(widget)
    widget.resize(1400, 800)
    widget.show()
    qtbot.wait_exposed(widget)
    return widget


def compare(qtbot, view: CompareView, left: str, right: str) -> None:
    with qtbot.wait_signal(view.comparison_ready, timeout=10_000):
        view.set_sources(left, right)


def row_data(view: CompareView, row: int, col: int, role=Qt.ItemDataRole.DisplayRole):
    return view.proxy.index(row, col).data(role)


def test_seed_initiatives_rows(qtbot, view):
    compare(qtbot, view, OLD_2017, NEW_2023)
    m = view.model
    assert m.rowCount() == 21  # the preambles pair too
    # 2017 12 stands opposite 2023 17, as a changed pair.
    row = m.row_of_old("12")
    assert m.rows[row].new_label == "17"
    assert row_data(view, row, m.KIND) == "changed"
    # 2023 16 (new) stands opposite empty space.
    row = m.row_of_new("16")
    assert m.rows[row].old_label == ""
    assert row_data(view, row, m.OLD_TEXT) == ""
    assert row_data(view, row, m.OLD_TEXT, Qt.ItemDataRole.BackgroundRole) == FILLER
    assert row_data(view, row, m.KIND) == "added"
    # The clauses 2023 added at 3-6 come after 2017 2 and before 2017 3 (-> 2023 7).
    assert [r.new_label for r in m.rows[:8]] == ["PP1", "1", "2", "3", "4", "5", "6", "7"]
    assert [r.old_label for r in m.rows[:8]] == ["PP1", "1", "2", "", "", "", "", "3"]
    assert "16 changed" in view.summary_label.text()
    assert "5 added" in view.summary_label.text()
    assert "0 moved" in view.summary_label.text()


def test_seed_initiatives_word_highlights(qtbot, view):
    compare(qtbot, view, OLD_2017, NEW_2023)
    m = view.model
    row = m.row_of_old("12")
    old_html = row_data(view, row, m.OLD_TEXT, m.HtmlRole)
    new_html = row_data(view, row, m.NEW_TEXT, m.HtmlRole)
    # Deleted words struck through on the left, inserted words marked on the right...
    assert f'<span style="{DELETED_STYLE}">Strengthen the feasibility' in old_html
    assert f'<span style="{INSERTED_STYLE}">Promote the availability' in new_html
    # ...shared words plain on both sides, and no insertion shown on the old side.
    assert " of online transactions. Encourage the development of secure " in old_html
    assert " of online transactions. Encourage the development of secure " in new_html
    assert INSERTED_STYLE not in old_html and DELETED_STYLE not in new_html
    # An added clause is wholly inserted; nothing drawn opposite it.
    added = m.row_of_new("16")
    assert row_data(view, added, m.NEW_TEXT, m.HtmlRole).startswith(
        f'<span style="{INSERTED_STYLE}">')
    assert row_data(view, added, m.OLD_TEXT, m.HtmlRole) == ""


def test_rows_as_tall_as_the_taller_side(qtbot, view):
    compare(qtbot, view, OLD_2017, NEW_2023)
    left, right = view.left_view.verticalHeader(), view.right_view.verticalHeader()
    for r in range(view.proxy.rowCount()):
        assert left.sectionSize(r) == right.sectionSize(r) > 0


def test_models_pass_modeltester(qtbot, view, qtmodeltester):
    compare(qtbot, view, OLD_2017, NEW_2023)
    qtmodeltester.check(view.model)
    qtmodeltester.check(view.proxy)
    empty = CompareModel()
    qtmodeltester.check(empty)
    proxy = ChangesFilter()
    proxy.setSourceModel(view.model)
    proxy.set_only_changes(True)
    qtmodeltester.check(proxy)


def scroll_to_row(view, row: int, fraction: float = 0.0) -> None:
    header = view.verticalHeader()
    view.verticalScrollBar().setValue(
        header.sectionPosition(row) + int(fraction * header.sectionSize(row)))


def test_scrolling_one_side_moves_the_other_to_the_matching_row(qtbot, view):
    compare(qtbot, view, OLD_2017, NEW_2023)
    view.resize(1400, 500)
    qtbot.wait_until(lambda: view.left_view.verticalScrollBar().maximum() > 0)
    m = view.model
    row = m.row_of_old("12")
    scroll_to_row(view.left_view, row, 0.5)
    assert view.right_view.rowAt(0) == row
    assert m.rows[view.right_view.rowAt(0)].new_label == "17"
    # And the other way: the right side drives the left (no bounce: values agree at rest).
    added = m.row_of_new("16")
    scroll_to_row(view.right_view, added)
    assert view.left_view.rowAt(0) == added
    assert (view.left_view.verticalScrollBar().value()
            == view.right_view.verticalScrollBar().value())
    # The end of one side is the end of the other.
    bar = view.left_view.verticalScrollBar()
    bar.setValue(bar.maximum())
    other = view.right_view.verticalScrollBar()
    assert other.value() == other.maximum()


def test_scroll_mapping_through_rows_of_different_heights(qtbot, view):
    """Two sides whose rows differ in height still meet at the same row (Meld's mapping)."""
    compare(qtbot, view, OLD_2017, NEW_2023)
    view.resize(1400, 400)
    qtbot.wait_until(lambda: view.left_view.verticalScrollBar().maximum() > 0)
    right_header = view.right_view.verticalHeader()
    for r in range(view.proxy.rowCount()):
        right_header.resizeSection(r, right_header.sectionSize(r) + 40)
    row = view.model.row_of_new("8")
    scroll_to_row(view.left_view, row, 0.25)
    expected = right_header.sectionPosition(row) + round(0.25 * right_header.sectionSize(row))
    assert abs(view.right_view.verticalScrollBar().value() - expected) <= 2
    assert view.right_view.rowAt(0) == row


def test_next_and_previous_change_with_keys(qtbot, view, document):
    draft = dm.new_draft("Test")
    for text in ("Alpha clause on cooperation.", "Beta clause on broadband access.",
                 "Gamma clause on data security."):
        draft = dm.add_clause(draft, text)
    draft = dm.revise(draft, note="first")
    beta = draft.clauses[1].uid
    draft = dm.edit_clause_text(draft, beta, "Beta clause on affordable broadband access.")
    document.reset(draft, None)
    compare(qtbot, view, revision_key(0), CURRENT_DRAFT)
    m = view.model
    assert [row_data(view, r, m.KIND) for r in range(3)] == ["=", "changed", "="]
    assert "affordable" in row_data(view, 1, m.NEW_TEXT, m.HtmlRole)
    view.left_view.setFocus()
    qtbot.keyClick(view.left_view, Qt.Key.Key_F7)
    assert view.current_row() == 1
    assert view.right_view.selectionModel().isRowSelected(1)  # both sides select the pair
    assert view.next_change() is False  # no further change
    view.go_to_row(2)
    qtbot.keyClick(view.left_view, Qt.Key.Key_F7, Qt.KeyboardModifier.ShiftModifier)
    assert view.current_row() == 1
    assert view.previous_change() is False
    # Only changes: the unchanged pairs disappear from both sides.
    view.only_changes_box.setChecked(True)
    assert view.proxy.rowCount() == 1
    assert row_data(view, 0, m.OLD_NO) == "2"
    assert view.only_changes_action.isChecked()
    view.only_changes_box.setChecked(False)
    assert view.proxy.rowCount() == 3


def test_follows_the_draft_off_the_gui_thread(qtbot, view, document, library):
    old = {c.number: c.text for c in library.get("obor-digital-economy-2017").clauses}
    document.apply("Add", lambda d: dm.add_clause(d, old["12"]))
    compare(qtbot, view, OLD_2017, CURRENT_DRAFT)
    assert view.model.rowCount() >= 15
    before = [r.new_label for r in view.model.rows if r.new_label]
    assert before == ["1"]
    # Editing does not recompute at once (typing never waits for a comparison)...
    document.apply("Add", lambda d: dm.add_clause(d, old["1"].replace("broadband", "fibre")))
    assert not view.pending and view._debounce.isActive()
    # ...but after a pause the new comparison arrives from the worker.
    with qtbot.wait_signal(view.comparison_ready, timeout=10_000):
        pass
    assert sorted(r.new_label for r in view.model.rows if r.new_label) == ["1", "2"]
    m = view.model
    assert m.row_of_old("1") == m.row_of_new("2")
    assert m.row_of_old("12") == m.row_of_new("1")
    assert "fibre" in m.rows[m.row_of_new("2")].new_html
    assert m.comparison.summary["moved"] == 1


def test_swap_and_sources(qtbot, view):
    compare(qtbot, view, OLD_2017, NEW_2023)
    with qtbot.wait_signal(view.comparison_ready, timeout=10_000):
        view.swap()
    assert view.sources() == (NEW_2023, OLD_2017)
    m = view.model
    assert m.rows[m.row_of_old("16")].new_label == ""
    assert m.comparison.summary["removed"] == 5
    assert "5 removed" in view.summary_label.text()


def test_pin_a_pair_with_keys_and_the_rest_realigns(qtbot, view):
    compare(qtbot, view, OLD_2017, NEW_2023)
    m = view.model
    assert m.rows[m.row_of_old("2")].new_label == "2"  # as the aligner pairs them
    view.left_view.setFocus()
    view.go_to_row(m.row_of_old("2"))
    qtbot.keyClick(view.left_view, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert view.pins_label.text() == "Pinned: 2 = ?"
    view.go_to_row(m.row_of_new("16"))  # 2023 16, added, is what the reviewer says it became
    with qtbot.wait_signal(view.comparison_ready, timeout=10_000):
        qtbot.keyClick(view.left_view, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert view.pins == (("2", "16"),) and view.pins_label.text() == "Pinned: 2 = 16"
    row = m.rows[m.row_of_old("2")]
    assert row.new_label == "16" and row.pair.pinned
    assert m.rows[m.row_of_old("12")].new_label == "17"  # the rest still aligns
    assert m.rows[m.row_of_new("2")].old_label == ""  # 2023 2 now stands alone
    # Ctrl+Shift+K forgets the pins and the aligner's own pairing comes back.
    with qtbot.wait_signal(view.comparison_ready, timeout=10_000):
        qtbot.keyClick(view.left_view, Qt.Key.Key_K,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert view.pins == () and m.rows[m.row_of_old("2")].new_label == "2"


def test_pins_belong_to_the_two_texts_compared(qtbot, view):
    compare(qtbot, view, OLD_2017, NEW_2023)
    view.pins = (("2", "16"),)
    compare(qtbot, view, NEW_2023, OLD_2017)  # other texts: the pins are gone
    assert view.pins == () and view.pins_label.text() == ""


def test_scrolling_up_from_the_end_stays_where_it_was_put(qtbot, view):
    """Rows measured as they come on screen keep each side's top row in place; the other
    side's correction used to drive the scrolled side back to the end."""
    compare(qtbot, view, OLD_2017, NEW_2023)
    view.resize(1400, 400)
    qtbot.wait_until(lambda: view.left_view.verticalScrollBar().maximum() > 0)
    # rows off screen back to estimates, the idle measuring held (else it may be done)
    view.heights.cache.clear()
    view.heights.reapply()
    view.heights.timer.stop()
    assert not view.heights.done
    bar = view.left_view.verticalScrollBar()
    bar.setValue(bar.maximum())
    row = view.model.row_of_new("8")
    scroll_to_row(view.left_view, row, 0.25)
    assert view.left_view.rowAt(0) == row == view.right_view.rowAt(0)
    header = view.left_view.verticalHeader()
    offset = bar.value() - header.sectionPosition(row)
    assert abs(offset - 0.25 * header.sectionSize(row)) <= 1  # its share kept, measured
    assert view.right_view.verticalScrollBar().value() == bar.value()
