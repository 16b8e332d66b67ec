"""What a delegate ran into, each tried again with real keys (issue 14's list)."""

from __future__ import annotations

import colorsys
import json

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QTableWidget

from dsrdraft.draft.model import Status
from dsrdraft.sources import library_key
from dsrdraft.status_style import AGREED_LANGUAGE, STATUS_STYLES
from dsrdraft_ui.bracket_highlighter import ALTERNATIVE_BACKGROUNDS, BRACKET_BACKGROUNDS
from dsrdraft_ui.clause_dialogs import ClauseDialog
from dsrdraft_ui.draft_model import DraftClauseModel
from dsrdraft_ui.library_model import MATCH_STYLE
from dsrdraft_ui.main_window import initial_size
from dsrdraft_ui.text import plural

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def drafted(qtbot, window):
    """The window with three clauses, the second one current, the table focused."""
    for text in ("Promote digital cooperation.", "Strengthen [e-commerce] links.",
                 "Expand broadband access."):
        window.editor.new_clause(text)
    window.document.undo_stack.clear()
    table = window.editor.table
    table.setFocus()
    table.setCurrentIndex(window.editor.model.index(1, DraftClauseModel.TEXT))
    return window


def current(window):
    return window.editor.current_clause()


def open_dialog(qtbot, window) -> ClauseDialog:
    qtbot.wait_until(lambda: isinstance(window.editor.dialog, ClauseDialog), timeout=2000)
    dialog = window.editor.dialog
    qtbot.wait_exposed(dialog)
    return dialog


# ---------------------------------------------------------------- undo and redo keys


def test_redo_with_ctrl_shift_z_and_with_ctrl_y(qtbot, drafted):
    table = drafted.editor.table
    qtbot.keyClick(table, Qt.Key.Key_2, CTRL)
    assert current(drafted).status == Status.AD_REFERENDUM
    qtbot.keyClick(table, Qt.Key.Key_Z, CTRL)
    assert current(drafted).status == Status.OPEN
    qtbot.keyClick(table, Qt.Key.Key_Z, CTRL | SHIFT)
    assert current(drafted).status == Status.AD_REFERENDUM
    qtbot.keyClick(table, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(table, Qt.Key.Key_Y, CTRL)
    assert current(drafted).status == Status.AD_REFERENDUM
    keys = [k.toString() for k in drafted.redo_action.shortcuts()]
    assert len(keys) == len(set(keys)) and {"Ctrl+Shift+Z", "Ctrl+Y"} <= set(keys)


def test_the_edit_menu_names_what_undo_and_redo_would_do(qtbot, drafted):
    """The history actions keep a fixed text while keys are typed (no menu or toolbar
    layout per edit) and say what they would do when the Edit menu opens."""
    from PySide6.QtWidgets import QMenu

    table = drafted.editor.table
    qtbot.keyClick(table, Qt.Key.Key_2, CTRL)
    assert drafted.undo_action.text() == "&Undo" and drafted.undo_action.isEnabled()
    assert not drafted.redo_action.isEnabled()
    menu = next(a.menu() for a in drafted.menuBar().actions()
                if isinstance(a.menu(), QMenu) and a.text() == "&Edit")
    menu.popup(drafted.mapToGlobal(drafted.rect().center()))
    qtbot.wait_until(menu.isVisible)
    assert drafted.undo_action.text().startswith("&Undo Mark clause ")
    assert drafted.redo_action.text() == "&Redo"
    menu.close()
    qtbot.keyClick(table, Qt.Key.Key_Z, CTRL)
    assert drafted.redo_action.isEnabled() and not drafted.undo_action.isEnabled()


def test_undo_and_redo_buttons_follow_edits_without_laying_out_the_window(qtbot, drafted):
    """An edit enables Undo and disables Redo: their toolbar buttons show it, and neither
    the toolbar nor the main window with its docks is laid out again for it (it was, on
    every key). A change of a button's look (hidden, renamed) is laid out as before."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QToolBar

    toolbar = drafted.findChild(QToolBar, "mainToolbar")
    undo_button = toolbar.widgetForAction(drafted.undo_action)
    redo_button = toolbar.widgetForAction(drafted.redo_action)
    qtbot.wait(50)
    seen: list[QObject] = []

    class Layouts(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.LayoutRequest and watched in (toolbar, drafted):
                seen.append(watched)
            return False

    layouts = Layouts()
    QApplication.instance().installEventFilter(layouts)
    try:
        table = drafted.editor.table
        qtbot.keyClick(table, Qt.Key.Key_2, CTRL)
        qtbot.wait(20)
        assert undo_button.isEnabled() and not redo_button.isEnabled()
        qtbot.keyClick(table, Qt.Key.Key_Z, CTRL)
        qtbot.wait(20)
        assert redo_button.isEnabled() and not undo_button.isEnabled()
        assert seen == []
        drafted.redo_action.setVisible(False)
        qtbot.wait_until(lambda: not redo_button.isVisible(), timeout=2000)
        assert toolbar in seen
    finally:
        QApplication.instance().removeEventFilter(layouts)
        drafted.redo_action.setVisible(True)


# ---------------------------------------------------------------- the window fits the screen


@pytest.mark.parametrize(("screen", "fits"), [((1280, 720), True), ((1600, 1000), True),
                                               ((1920, 1080), True)])
def test_first_size_fits_the_screen(screen, fits):
    width, height = initial_size(QSize(*screen))
    assert (width <= screen[0] - 16 and height <= screen[1] - 40) is fits


def test_window_fits_its_screen_and_keeps_the_draft_readable(qtbot, drafted):
    available = drafted.screen().availableGeometry()
    assert drafted.frameGeometry().width() <= available.width()
    assert drafted.frameGeometry().height() <= available.height()
    review = drafted.review
    review.show_compare(choose_default=False)
    assert not review.compare_dock.isFloating()  # never over the draft by itself
    minimum = drafted.editor.table.minimumHeight()
    assert drafted.editor.table.height() >= minimum
    review.compare_dock.setFloating(True)
    review.compare_dock.resize(available.width(), available.height())
    review.compare_dock.setFloating(False)  # docking it back
    qtbot.wait(50)
    assert drafted.editor.table.height() >= minimum  # never squeezed to one row


def test_a_window_moved_to_another_screen_fits_that_one(qtbot, drafted):
    """Its screen changed (a laptop undocked, a projector unplugged) while the window was
    larger than the new one and off it: it shrinks to the free area and comes back onto it.
    (One offscreen screen: the change is the signal the window's screen sends.)"""
    available = drafted.screen().availableGeometry()
    drafted.resize(available.width() + 400, available.height() + 300)
    drafted.move(available.right() + 200, available.bottom() + 100)
    drafted.windowHandle().screenChanged.emit(drafted.screen())
    assert available.contains(drafted.frameGeometry())


# ---------------------------------------------------------------- typing on a selected row


def test_keys_typed_on_a_selected_row_do_not_edit_the_clause(qtbot, drafted):
    table = drafted.editor.table
    before = drafted.document.draft
    qtbot.keyClicks(table, "THA, XYZ")  # a shortcut missed: plain letters on the table
    assert drafted.document.draft == before
    assert table.state() != table.State.EditingState
    assert drafted.document.undo_stack.count() == 0
    qtbot.keyClick(table, Qt.Key.Key_F2)  # editing on purpose still works
    assert table.state() == table.State.EditingState
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)


# ---------------------------------------------------------------- alternative, reservation


def test_alternative_in_a_multi_line_box_with_checked_proposers(qtbot, drafted):
    qtbot.keyClick(drafted.editor.table, Qt.Key.Key_A, CTRL | SHIFT)
    dialog = open_dialog(qtbot, drafted)
    box = dialog.text_edit
    assert isinstance(box, QPlainTextEdit)
    assert box.height() >= box.fontMetrics().lineSpacing() * 6  # several lines, wrapping
    qtbot.keyClick(box, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(box, "Strengthen [e-commerce] links")
    qtbot.keyClick(box, Qt.Key.Key_Return)  # a new line, not OK
    qtbot.keyClicks(box, "among the participants.")
    assert dialog.isVisible() and "\n" in box.toPlainText()
    qtbot.keyClick(box, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.delegations_edit, "chn, XYZ")
    assert "XYZ is not an ISO 3166 country code" in dialog.problem_label.text()
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClick(dialog.delegations_edit, Qt.Key.Key_Backspace)
    qtbot.keyClick(dialog.delegations_edit, Qt.Key.Key_Backspace)
    qtbot.keyClick(dialog.delegations_edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(dialog.delegations_edit, "Laos")
    assert dialog.ok_button.isEnabled()
    qtbot.keyClick(dialog.delegations_edit, Qt.Key.Key_Return, CTRL)
    alt = current(drafted).alternatives[0]
    assert alt.text == "Strengthen [e-commerce] links among the participants."
    assert alt.proposers == ("CHN", "LAO")
    assert drafted.document.undo_stack.undoText() == "Add alternative to clause 2"


def test_reservation_is_flagged_in_the_table(qtbot, drafted):
    qtbot.keyClick(drafted.editor.table, Qt.Key.Key_R, CTRL | SHIFT)
    dialog = open_dialog(qtbot, drafted)
    qtbot.keyClicks(dialog.text_edit, "Subject to domestic legislation.")
    qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.delegations_edit, "tur")
    qtbot.keyClick(dialog.delegations_edit, Qt.Key.Key_Return, CTRL)
    model = drafted.editor.model
    assert [(r.delegation, r.text) for r in current(drafted).reservations] == [
        ("TUR", "Subject to domestic legislation.")]
    assert model.index(1, DraftClauseModel.LABEL).data() == "2\n⚑ TUR"
    assert model.index(0, DraftClauseModel.LABEL).data() == "1"


# ---------------------------------------------------------------- delegation codes


@pytest.mark.parametrize("typed", ["Laos, XYZ", "Narnia"])
def test_proposers_typed_in_place_are_checked(qtbot, drafted, typed):
    table = drafted.editor.table
    table.setCurrentIndex(drafted.editor.model.index(1, DraftClauseModel.PROPOSERS))
    messages: list[str] = []
    drafted.editor.status_message.connect(messages.append)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, typed)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.wait_until(lambda: bool(messages), timeout=2000)
    assert "Proposers not changed" in messages[-1]
    assert current(drafted).proposers == ()
    assert drafted.document.undo_stack.count() == 0


def test_proposers_dialog_turns_names_into_codes(qtbot, drafted):
    qtbot.keyClick(drafted.editor.table, Qt.Key.Key_P, CTRL | SHIFT)
    dialog = open_dialog(qtbot, drafted)
    qtbot.keyClicks(dialog.delegations_edit, "Laos; g77/china")
    qtbot.keyClick(dialog.delegations_edit, Qt.Key.Key_Return, CTRL)
    assert current(drafted).proposers == ("LAO", "G77/China")


# ---------------------------------------------------------------- colours


def hue(colour: str) -> float:
    c = QColor(colour)
    return colorsys.rgb_to_hsv(c.redF(), c.greenF(), c.blueF())[0] * 360


def hue_distance(a: str, b: str) -> float:
    d = abs(hue(a) - hue(b)) % 360
    return min(d, 360 - d)


def test_agreed_status_and_agreed_language_are_different_colours():
    agreed = STATUS_STYLES[Status.AGREED].background
    assert hue_distance(agreed, AGREED_LANGUAGE["background"]) >= 45
    assert hue_distance(STATUS_STYLES[Status.AGREED].badge, AGREED_LANGUAGE["underline"]) >= 45
    for tint in (*BRACKET_BACKGROUNDS, *ALTERNATIVE_BACKGROUNDS):
        assert hue_distance(agreed, tint) >= 45
    backgrounds = [s.background for s in STATUS_STYLES.values()]
    assert len(set(backgrounds)) == len(backgrounds)


def luminance(c: QColor) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast(a: QColor, b: QColor) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_highlighted_words_of_a_selected_result_stay_readable(qtbot, window):
    panel = window.library_panel
    panel.search_edit.setFocus()
    qtbot.keyClicks(panel.search_edit, "broadband")
    qtbot.wait_until(lambda: not panel._timer.isActive() and not panel.pending, timeout=5000)
    qtbot.keyClick(panel.search_edit, Qt.Key.Key_Down)  # into the results, first selected
    assert panel.results.selectionModel().isSelected(panel.model.index(0))
    qtbot.wait(50)
    rect = panel.results.visualRect(panel.model.index(0))
    image = panel.results.viewport().grab(rect).toImage()
    mark = QColor(MATCH_STYLE.split("background-color:")[1].split(";")[0])
    inked = [QColor(image.pixel(x, y)) for y in range(image.height())
             for x in range(image.width()) if _near(QColor(image.pixel(x, y)), mark)]
    assert inked, "no highlighted word painted"
    # The darkest pixel inside the highlighted word's box is its text: readable on it.
    box = [(x, y) for y in range(image.height()) for x in range(image.width())
           if _near(QColor(image.pixel(x, y)), mark)]
    xs, ys = [p[0] for p in box], [p[1] for p in box]
    darkest = min((QColor(image.pixel(x, y)) for y in range(min(ys), max(ys) + 1)
                   for x in range(min(xs), max(xs) + 1)), key=luminance)
    assert contrast(darkest, mark) >= 4.5


def _near(a: QColor, b: QColor) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) < 12


# ---------------------------------------------------------------- compare: change n of m


def test_compare_view_says_which_change_is_shown(qtbot, window):
    review = window.review
    view = review.compare_view
    with qtbot.wait_signal(view.comparison_ready, timeout=10_000):
        review.compare(library_key("obor-digital-economy-2017"),
                       library_key("beijing-initiative-2023"))
    total = len(view._change_rows())
    assert view.position_label.text() == plural(total, "change")
    view.left_view.setFocus()
    qtbot.keyClick(view.left_view, Qt.Key.Key_F7)
    assert view.position_label.text() == f"Change 1 of {total}"
    qtbot.keyClick(view.left_view, Qt.Key.Key_F7)
    qtbot.keyClick(view.left_view, Qt.Key.Key_F7)
    assert view.position_label.text() == f"Change 3 of {total}"
    qtbot.keyClick(view.left_view, Qt.Key.Key_F7, SHIFT)
    assert view.position_label.text() == f"Change 2 of {total}"


# ---------------------------------------------------------------- save as next Rev.


def test_save_as_next_rev_keeps_the_revision_and_saves_the_file(qtbot, drafted, tmp_path):
    path = tmp_path / "d.dsrdraft.json"
    assert drafted.save_to(path)
    note = drafted.review.revisions_panel.note_edit
    drafted.review.focus_revision_note()
    qtbot.keyClicks(note, "after the first reading")
    qtbot.keyClick(note, Qt.Key.Key_R, CTRL | ALT)
    assert drafted.document.draft.revision == 1
    assert not drafted.document.modified  # saved
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["revision"] == 1
    assert [r["note"] for r in saved["revisions"]] == ["after the first reading"]


# ---------------------------------------------------------------- help, words


def test_help_lists_every_shortcut(qtbot, drafted):
    qtbot.keyClick(drafted.editor.table, Qt.Key.Key_F1)
    qtbot.wait_until(lambda: drafted.findChild(QTableWidget, "shortcutsTable") is not None,
                     timeout=2000)
    table = drafted.findChild(QTableWidget, "shortcutsTable")
    rows = {table.item(r, 2).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    native = QKeySequence.SequenceFormat.NativeText
    assert rows["Redo"].split(", ")[:2] == [QKeySequence("Ctrl+Shift+Z").toString(native),
                                           QKeySequence("Ctrl+Y").toString(native)]
    assert rows["Add to draft"].startswith(QKeySequence("Ctrl+Return").toString(native))
    assert rows["Next change"] == "F7"
    assert "Save as next Rev." in rows
    drafted.shortcuts_dialog.close()


def test_counts_have_the_right_plural_and_agree(qtbot, window):
    assert plural(1, "clause") == "1 clause" and plural(2, "clause") == "2 clauses"
    assert plural(3, "signatory") == "3 signatories"
    label = window.library_label.text()
    listed = sum(s.clauses for s in window.catalog.summaries)
    preambular = sum(s.preambular for s in window.catalog.summaries)
    assert preambular == 2
    # the list's own counts: preambular paragraphs and translations apart
    assert label.endswith(f"{listed} clauses, 2 preambular paragraphs")
    model = window.library_panel.model
    while model.canFetchMore() or model.fetching:  # browse to the end of the library
        model.fetchMore()
        qtbot.wait_until(lambda: not model.fetching, timeout=5000)
    count = window.library_panel.count_label.text()  # browsing: each kind counted apart
    assert count.startswith(f"{listed} clauses, 2 preambular paragraphs, 3 translations ·")
    kinds = {model.hit(r).kind for r in range(model.rowCount())}
    assert kinds == {"operative", "preambular", "translation"}
    window.editor.new_clause("One clause only.")
    window.editor.table.clearSelection()
    window.editor.table.setCurrentIndex(window.editor.model.index(-1, 0))
    qtbot.wait_until(lambda: "1 clause." in window.editor.details.toPlainText(), timeout=2000)


def test_adding_a_signatory_says_added(qtbot, window):
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    panel = window.review.signatories_panel
    window.review.focus_signatories()
    qtbot.keyClicks(panel.country_edit, "Laos")
    if panel.completer.popup().isVisible():
        qtbot.keyClick(panel.completer.popup(), Qt.Key.Key_Escape)
    qtbot.keyClick(panel.country_edit, Qt.Key.Key_Return)
    assert any(m.startswith("Added signatory") for m in messages)
    assert not any("Addd" in m for m in messages)
