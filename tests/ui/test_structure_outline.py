"""The draft editor shows a text's structure, and the outline goes to its divisions: real keys."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from dsrdraft.draft import model as dm
from dsrdraft.draft.storage import save_draft
from dsrdraft_ui.draft_model import DraftClauseModel
from dsrdraft_ui.library_model import BrowseSource, hit_ref

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
H, PP = dm.DraftKind.HEADING, dm.DraftKind.PREAMBULAR


def treaty(articles: int = 3, paragraphs: int = 3) -> dm.Draft:
    """A treaty-shaped draft: a preamble, Part I with Articles, an annex."""
    units = [dm.DraftClause("pp1", "Recalling the 2017 Proposal,", "PP1", kind=PP),
             dm.DraftClause("pp2", "Noting with concern the digital divide,", "PP2", kind=PP),
             dm.DraftClause("part1", "General provisions", "Part I", kind=H)]
    for a in range(1, articles + 1):
        units.append(dm.DraftClause(f"art{a}", f"Title {a}", f"Article {a}", kind=H))
        units += [dm.DraftClause(f"p{a}.{p}", f"Paragraph {p} of Article {a}.", str(p))
                  for p in range(1, paragraphs + 1)]
    units += [dm.DraftClause("annex", "Model clauses", "Annex I", kind=H),
              dm.DraftClause("x1", "Annex paragraph.", "1", kind=dm.DraftKind.ANNEX)]
    return dataclasses.replace(dm.new_draft("Digital Cooperation Agreement"),
                               clauses=tuple(units))


@pytest.fixture
def opened(qtbot, window, tmp_path):
    path = tmp_path / "treaty.dsrdraft.json"
    save_draft(treaty(), path)
    assert window.open_path(path, ask=False)
    window.editor.heights.measure_all()
    return window


def row(window, uid: str) -> int:
    return window.editor.model.row_of(uid)


def label(window, uid: str) -> str:
    m = window.editor.model
    return m.index(row(window, uid), DraftClauseModel.LABEL).data()


def test_rows_show_addresses_kinds_and_depths(opened):
    m = opened.editor.model
    assert [label(opened, u) for u in ("pp2", "part1", "art2", "p2.3", "x1")] == \
        ["PP2", "Part I", "Article 2", "2.3", "1"]
    depth = {u: m.index(row(opened, u), 0).data(DraftClauseModel.LevelRole)
             for u in ("pp1", "part1", "art1", "p1.1", "annex", "x1")}
    assert depth == {"pp1": 0, "part1": 0, "art1": 1, "p1.1": 2, "annex": 0, "x1": 1}
    heading = row(opened, "art1")
    table = opened.editor.table
    assert table.columnSpan(heading, DraftClauseModel.TEXT) == m.columnCount() - 1
    assert table.columnSpan(row(opened, "p1.1"), DraftClauseModel.TEXT) == 1
    assert m.index(heading, DraftClauseModel.STATUS).data() == ""  # no status of its own
    assert not m.flags(m.index(heading, DraftClauseModel.PROPOSERS)) & \
        Qt.ItemFlag.ItemIsEditable
    assert m.flags(m.index(heading, DraftClauseModel.TEXT)) & Qt.ItemFlag.ItemIsEditable
    # a preambular paragraph as printed: the opening phrase in italics, the first line in
    delegate = opened.editor.text_delegate
    doc = delegate.document(m.index(row(opened, "pp2"), DraftClauseModel.TEXT),
                            table.font(), 400)
    fragment = doc.begin().begin().fragment()
    assert fragment.text() == "Noting with concern" and fragment.charFormat().fontItalic()
    assert doc.begin().blockFormat().textIndent() > 0
    # a heading row is taller than its estimate would say only by its larger bold text
    assert table.rowHeight(heading) >= table.fontMetrics().lineSpacing()


def test_keys_a_heading_refuses_and_f2_renames(qtbot, opened):
    table = opened.editor.table
    messages: list[str] = []
    opened.statusBar().messageChanged.connect(messages.append)
    table.setFocus()
    table.setCurrentIndex(opened.editor.model.index(row(opened, "art2"),
                                                    DraftClauseModel.TEXT))
    before = opened.document.draft
    qtbot.keyClick(table, Qt.Key.Key_2, CTRL)  # status: a heading has none
    qtbot.keyClick(table, Qt.Key.Key_A, CTRL | SHIFT)  # alternative: none either
    assert opened.document.draft is before
    assert any("Article 2 is a heading: it has no status" in m for m in messages)
    assert opened.editor.dialog is None
    # F2 on the heading edits its text; Enter commits; the outline follows in place
    outline = opened.outline.model
    inserted, changed = [], []
    outline.rowsInserted.connect(lambda *a: inserted.append(a))
    outline.dataChanged.connect(lambda *a: changed.append(a))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "Data flows")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert opened.document.draft.clause("art2").text == "Data flows"
    assert outline.entry(outline.row_of("art2")).text == "Article 2 — Data flows"
    assert changed and not inserted


def test_renumbering_an_article_readdresses_its_paragraphs(qtbot, opened):
    m = opened.editor.model
    repainted: list[int] = []
    m.dataChanged.connect(lambda top, bottom, *_: repainted.extend(
        range(top.row(), bottom.row() + 1)))
    resets: list[bool] = []
    m.modelReset.connect(lambda: resets.append(True))
    assert m.setData(m.index(row(opened, "art2"), DraftClauseModel.LABEL), "Article 7")
    assert [label(opened, f"p2.{p}") for p in (1, 2, 3)] == ["7.1", "7.2", "7.3"]
    assert {row(opened, f"p2.{p}") for p in (1, 2, 3)} <= set(repainted)
    assert row(opened, "p1.1") not in repainted and not resets  # only what changed
    assert opened.outline.model.entry(3).label == "Article 7"


def test_outline_lists_divisions_and_enter_goes_there(qtbot, opened):
    opened.resize(1280, 600)
    view = opened.outline.view
    outline = opened.outline.model
    assert [outline.entry(r).text for r in range(outline.rowCount())] == [
        "Preamble", "Part I — General provisions", "Article 1 — Title 1",
        "Article 2 — Title 2", "Article 3 — Title 3", "Annex I — Model clauses"]
    qtbot.keyClick(opened, Qt.Key.Key_O, CTRL | SHIFT)  # View ▸ Outline
    assert QApplication.focusWidget() is view
    for _ in range(4):
        qtbot.keyClick(view, Qt.Key.Key_Down)
    assert outline.entry(view.currentIndex().row()).label == "Article 3"
    qtbot.keyClick(view, Qt.Key.Key_Return)
    table = opened.editor.table
    target = row(opened, "art3")
    assert opened.editor.current_clause().uid == "art3"
    bar = table.verticalScrollBar()
    # brought to the top of the draft (or as near as the end of the table lets it)
    assert table.rowAt(0) == target or (bar.value() == bar.maximum() > 0
                                        and table.rowAt(0) < target)
    assert table.viewport().rect().contains(table.visualRect(
        opened.editor.model.index(target, DraftClauseModel.TEXT)))
    assert QApplication.focusWidget() is table  # the keys go on in the draft
    # a click goes there too, and leaves the keyboard in the outline
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.visualRect(outline.index(0)).center())
    assert opened.editor.current_clause().uid == "pp1"


def test_outline_follows_headings_added_and_removed(qtbot, opened):
    outline = opened.outline.model
    table = opened.editor.table
    events: list[str] = []
    outline.rowsInserted.connect(lambda *_: events.append("inserted"))
    outline.rowsRemoved.connect(lambda *_: events.append("removed"))
    outline.modelReset.connect(lambda: events.append("reset"))
    table.setFocus()
    table.setCurrentIndex(opened.editor.model.index(row(opened, "p3.3"), 1))
    qtbot.keyClick(table, Qt.Key.Key_T, CTRL | SHIFT)  # New division heading
    new = opened.editor.current_clause()
    assert new.is_heading and row(opened, new.uid) == row(opened, "p3.3") + 1
    assert events == ["inserted"]
    assert outline.entry(outline.row_of(new.uid)).text == "[Heading]"
    assert table.columnSpan(row(opened, new.uid), DraftClauseModel.TEXT) > 1
    qtbot.keyClick(table, Qt.Key.Key_Z, CTRL)  # undo: the heading goes, nothing reset
    assert events == ["inserted", "removed"]
    assert outline.rowCount() == 6
    assert table.columnSpan(row(opened, "annex"), DraftClauseModel.TEXT) > 1
    assert table.columnSpan(row(opened, "x1"), DraftClauseModel.TEXT) == 1


def test_preambular_library_paragraphs_land_in_the_preamble(qtbot, opened, library):
    hits = BrowseSource(library, initiative="beijing-initiative-2023").next_page(5)
    pp = next(h for h in hits if h.kind == "preambular")
    table = opened.editor.table
    table.setCurrentIndex(opened.editor.model.index(row(opened, "p2.2"), 1))
    opened.add_refs([hit_ref(pp)])
    added = opened.editor.current_clause()
    assert added.kind is PP and added.label == "PP3"
    assert row(opened, added.uid) == row(opened, "pp2") + 1  # after the last PP
    assert opened.document.undo_stack.undoText() == \
        f"Add preambular paragraph beijing-initiative-2023:{pp.number}"


def test_models_pass_modeltester(qtbot, opened, qtmodeltester):
    qtmodeltester.check(opened.editor.model)
    qtmodeltester.check(opened.outline.model)


def test_renumbering_an_article_measures_no_row_again(qtbot, window):
    """Readdressed rows keep their heights: the row cache is keyed on what the height depends
    on (the number column's line count, not its text), so 4.1 -> 5.1 measures nothing."""
    from dsrdraft.draft import model as dm

    draft = dm.new_draft("Treaty")
    for article in range(1, 41):
        draft = dm.add_clause(draft, f"Article {article} heading", kind="heading",
                              label=f"Article {article}")
        for n in range(1, 4):
            draft = dm.add_clause(draft, f"Paragraph {n} of Article {article}: the Parties "
                                  "shall cooperate in good faith.", label=str(n))
    window.document.reset(draft, None)
    editor = window.editor
    editor.heights.measure_all()
    heading = next(c for c in window.document.draft.clauses if c.label == "Article 2")
    before = editor.heights.measured
    window.document.apply("Renumber", lambda d: dm.set_label(d, heading.uid, "Article 2 bis"),
                          heading.uid)
    model = editor.model
    rows = [r for r in range(model.rowCount()) if model.address(r).startswith("2 bis.")]
    assert len(rows) == 3  # its paragraphs were readdressed...
    assert editor.heights.measured - before <= 1  # ...and only the renamed heading measured


def test_a_row_changed_off_screen_is_measured_when_idle_not_on_the_key(qtbot, window):
    from dsrdraft.draft import model as dm

    draft = dm.new_draft("Treaty")
    for n in range(1, 301):
        draft = dm.add_clause(draft, f"Paragraph {n}: the Parties shall cooperate.")
    window.document.reset(draft, None)
    editor = window.editor
    heights = editor.heights
    last = draft.clauses[-1]
    qtbot.wait_until(lambda: all(heights.exact), timeout=10_000)  # idle measuring done
    before = heights.measured
    window.document.apply("Edit", lambda d: dm.edit_clause_text(
        d, last.uid, "A longer paragraph, off screen: " + "the Parties shall cooperate. " * 30),
        None)
    row = editor.model.rowCount() - 1
    assert heights.measured == before and not heights.exact[row]  # nothing measured now
    qtbot.wait_until(lambda: heights.exact[row], timeout=10_000)  # ...but soon after
    assert heights.measured == before + 1
    assert editor.table.rowHeight(row) > editor.table.rowHeight(0)


def test_alt_down_past_headings_keeps_heights_spans_and_other_articles(qtbot, window):
    """Real keys: a long paragraph moved down one row at a time, into the next Article and
    past its heading. Each row keeps the height of what it shows (the two rows' heights
    are exchanged in place), heading rows and only they span the row, and the Articles
    the move did not touch keep their numbers as written (a gap included)."""
    from PySide6.QtTest import QTest

    long_text = "A long paragraph that the Parties negotiate, " * 12
    units = [dm.DraftClause("a1", "Scope", "Article 1", kind=H),
             dm.DraftClause("m", long_text, "1"),
             dm.DraftClause("s", "Short.", "2"),
             dm.DraftClause("a2", "Rules", "Article 2", kind=H),
             dm.DraftClause("t", "Second Article, first.", "1"),
             dm.DraftClause("a3", "Gaps", "Article 3", kind=H),
             dm.DraftClause("g1", "As written.", "1"), dm.DraftClause("g3", "Gap.", "3")]
    window.document.reset(dataclasses.replace(dm.new_draft("T"), clauses=tuple(units)), None)
    editor = window.editor
    table, model = editor.table, editor.model
    editor.heights.measure_all()
    table.setFocus()
    table.setCurrentIndex(model.index(row(window, "m"), DraftClauseModel.TEXT))
    tall = table.rowHeight(row(window, "m"))
    assert tall > 2 * table.rowHeight(row(window, "s"))
    span = model.columnCount() - DraftClauseModel.TEXT
    for _ in range(3):  # past "Short.", then past the heading of Article 2, then "first."
        QTest.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
        qtbot.wait(1)
        for r in range(model.rowCount()):
            uid = model.clause_at(r).uid
            assert table.rowHeight(r) == editor._measure_row(r), uid
            heading = model.clause_at(r).is_heading
            assert table.columnSpan(r, DraftClauseModel.TEXT) == (span if heading else 1), uid
        assert table.rowHeight(row(window, "m")) == tall
        assert table.currentIndex().row() == row(window, "m")
    assert [c.uid for c in window.document.draft.clauses] == \
        ["a1", "s", "a2", "t", "m", "a3", "g1", "g3"]
    assert [label(window, u) for u in ("s", "t", "m", "g1", "g3")] == \
        ["1.1", "2.1", "2.2", "3.1", "3.3"]
    QTest.keyClick(table, Qt.Key.Key_Z, CTRL)
    assert [c.uid for c in window.document.draft.clauses][3:5] == ["m", "t"]
    assert label(window, "m") == "2.1" and table.rowHeight(row(window, "m")) == tall


def test_the_outline_follows_the_cursor_in_the_draft(qtbot, opened):
    """Arrow keys in the draft: once they pause, the outline shows the division the
    cursor is in, without moving the draft or taking the keyboard."""
    table, view, outline = opened.editor.table, opened.outline.view, opened.outline.model
    table.setFocus()
    table.setCurrentIndex(opened.editor.model.index(row(opened, "pp2"), 1))

    def current() -> str:
        index = view.currentIndex()
        return outline.entry(index.row()).label if index.isValid() else ""

    qtbot.wait_until(lambda: current() == "Preamble")
    for _ in range(7):  # past Part I and Article 1 into Article 2's first paragraph
        qtbot.keyClick(table, Qt.Key.Key_Down)
    assert opened.editor.current_clause().uid == "p2.1"
    qtbot.wait_until(lambda: current() == "Article 2")
    assert QApplication.focusWidget() is table
    assert opened.editor.current_clause().uid == "p2.1"
    qtbot.keyClick(table, Qt.Key.Key_End, CTRL)  # the annex's paragraph
    qtbot.wait_until(lambda: current() == "Annex I")


def test_alt_shift_down_moves_the_article_the_cursor_is_in(qtbot, opened):
    """Real keys: Alt+Shift+Down on a paragraph of Article 1 moves Article 1, its heading
    and paragraphs, after Article 2; Ctrl+Z puts it back; at the end of Part I it refuses
    and says why."""
    table = opened.editor.table
    table.setFocus()
    table.setCurrentIndex(opened.editor.model.index(row(opened, "p1.2"), 1))
    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier | SHIFT)
    uids = [c.uid for c in opened.document.draft.clauses]
    assert uids[3:11] == ["art2", "p2.1", "p2.2", "p2.3", "art1", "p1.1", "p1.2", "p1.3"]
    assert opened.editor.current_clause().uid == "art1"
    assert [label(opened, u) for u in ("p1.1", "p1.3")] == ["1.1", "1.3"]  # labels kept
    assert opened.document.undo_stack.undoText() == "Move Article 1 down"
    qtbot.keyClick(table, Qt.Key.Key_Z, CTRL)
    assert [c.uid for c in opened.document.draft.clauses] == [c.uid for c in treaty().clauses]
    messages: list[str] = []
    opened.editor.status_message.connect(messages.append)
    table.setCurrentIndex(opened.editor.model.index(row(opened, "art3"), 1))
    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier | SHIFT)
    assert [c.uid for c in opened.document.draft.clauses] == [c.uid for c in treaty().clauses]
    assert messages and "last division" in messages[-1]


def test_idle_measuring_waits_while_the_user_scrolls(qtbot, window):
    """Scrolling with real keys measures the rows it brings on screen and pauses the
    measuring of the others (in every view) until the keys pause."""
    from dsrdraft_ui.row_heights import RowHeights

    draft = dm.new_draft("Long")
    for n in range(1, 401):
        draft = dm.add_clause(draft, f"Paragraph {n}: the Parties shall cooperate " * (n % 5 + 1))
    window.document.reset(draft, None)
    editor = window.editor
    heights, table = editor.heights, editor.table
    table.setFocus()
    table.setCurrentIndex(editor.model.index(0, DraftClauseModel.TEXT))
    before = heights.measured
    for _ in range(5):
        qtbot.keyClick(table, Qt.Key.Key_PageDown)
    shown = heights.measured - before
    qtbot.wait(RowHeights.DEFER_MS // 2)  # still within the pause: nothing measured idly
    assert heights.measured - before == shown and not heights.done
    qtbot.wait_until(lambda: heights.measured - before > shown + 20, timeout=10_000)


def test_activity_in_one_view_pauses_idle_measuring_in_another(qtbot):
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTableView

    from dsrdraft_ui.row_heights import RowHeights

    views, all_heights = [], []
    for _ in range(2):
        model = QStandardItemModel(300, 1)
        for r in range(300):
            model.setItem(r, 0, QStandardItem(f"row {r}"))
        view = QTableView()
        view.setModel(model)
        qtbot.add_widget(view)
        view.show()
        views.append(view)
        all_heights.append(RowHeights([view], lambda r: r, lambda r: 20 + r % 7,
                                      lambda r: 20, view))
    first, second = all_heights
    qtbot.wait_until(lambda: second.done, timeout=10_000)
    second.cache.clear()
    second.reset()  # the second view has everything to measure again...
    first.defer()  # ...while the user works in the first
    before = second.measured
    qtbot.wait(RowHeights.DEFER_MS // 2)
    assert second.measured - before < 40  # its visible rows only, nothing idly
    qtbot.wait_until(lambda: second.done, timeout=10_000)


def test_a_row_scrolled_to_before_idle_measuring_lands_on_screen(qtbot):
    """Going to a row whose neighbours are still estimates (just after opening) measures
    them first: the row is on screen after the scroll and stays there, so the next key
    does not scroll and paint again."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel

    from dsrdraft_ui.row_heights import MeasuredTable, RowHeights

    model = QStandardItemModel(1000, 1)
    for r in range(1000):
        model.setItem(r, 0, QStandardItem(f"row {r}"))
    view = MeasuredTable()
    view.setModel(model)
    view.resize(300, 320)
    qtbot.add_widget(view)
    view.show()
    heights = RowHeights([view], lambda r: r, lambda r: 120, lambda r: 20, view)
    heights.timer.stop()  # no idle measuring: every row off screen stays an estimate
    # as the editor does: rows a scroll brings on screen are measured at once
    view.verticalScrollBar().valueChanged.connect(lambda _v: heights.update_visible(spare=False))
    view.setFocus()
    for target in (600, 601):
        if target == 600:
            view.setCurrentIndex(model.index(target, 0))  # as the outline goes to a row
        else:
            qtbot.keyClick(view, Qt.Key.Key_Down)
        QApplication.processEvents()
        assert view.currentIndex().row() == target
        shown = view.viewport().rect()
        assert shown.contains(view.visualRect(view.currentIndex())), target
    assert not heights.done


def test_idle_measuring_above_the_view_is_not_taken_for_the_user_scrolling(
        qtbot, window, monkeypatch):
    """Rows measured above the top of the view move the scroll bar to keep what is shown in
    place. That is no scroll of the user's: it must not pause background work (agreed
    language, similar clauses) and idle measuring as the user's scrolling does."""
    from dsrdraft_ui.operations import activity

    draft = dm.new_draft("Long")
    for n in range(1, 301):
        draft = dm.add_clause(draft, f"Paragraph {n}: the Parties shall cooperate " * (n % 7 + 1))
    window.document.reset(draft, None)
    editor = window.editor
    editor.select_uid(editor.model.clause_at(250).uid, at_top=True)  # as the outline goes
    QApplication.processEvents()
    assert editor.table.verticalScrollBar().value() > 0
    noted: list[float] = []
    monkeypatch.setattr(activity, "note", lambda hold_s=activity.QUIET_S: noted.append(hold_s))
    qtbot.wait_until(lambda: editor.heights.done, timeout=15_000)
    assert editor.heights.measured > 200  # rows above the view were measured meanwhile...
    assert noted == []  # ...and nobody was told the user is at work


def test_painting_a_measured_row_lays_out_no_document_again(qtbot, opened):
    """A row is measured at the width the table paints its text at (the cell less the grid
    line; a heading's span of columns): painting then uses the laid-out document measuring
    made. Measured a pixel wider, every row had two documents evicting each other from the
    cache, and a line wrapping at that pixel was cut off."""
    editor = opened.editor
    delegate = editor.table.itemDelegateForColumn(DraftClauseModel.TEXT)
    built: list[int] = []
    build = delegate._build
    delegate._build = lambda index, font, width: built.append(index.row()) or build(
        index, font, width)
    painted = {}
    paint = delegate.paint
    def spy(painter, option, index):
        painted[index.row()] = option.rect.width()
        paint(painter, option, index)
    delegate.paint = spy
    editor.table.viewport().repaint()
    kinds = {editor.model.index(r, 0).data(DraftClauseModel.KindRole) for r in painted}
    assert {"heading", "preambular", "operative"} <= kinds  # a span and plain cells painted
    assert {r: editor._text_width(r) for r in painted} == painted
    assert built == []


def test_the_first_key_after_opening_lays_out_no_dock(qtbot, window, tmp_path):
    """Opening lays the window out before it returns: the docks and panels it refilled
    asked for layouts (posted events), which the first key pressed used to run."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QDockWidget

    path = tmp_path / "treaty.dsrdraft.json"
    save_draft(treaty(articles=30), path)
    laid_out: list[str] = []

    class Spy(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.LayoutRequest and isinstance(watched, QDockWidget):
                laid_out.append(watched.objectName())
            return False

    assert window.open_path(path, ask=False)
    table = window.editor.table
    table.setFocus()
    table.setCurrentIndex(window.editor.model.index(row(window, "p2.1"), 1))
    spy = Spy()
    QApplication.instance().installEventFilter(spy)
    try:
        qtbot.keyClick(table, Qt.Key.Key_2, CTRL)
        QApplication.processEvents()
    finally:
        QApplication.instance().removeEventFilter(spy)
    assert window.document.undo_stack.count() == 1  # the key did its edit...
    assert laid_out == []  # ...and laid out no dock
