"""Agreed language in the editor and the similar-clauses panel, on a real SQLite library that
holds only the 2017 proposal; the draft holds clauses of the 2023 Beijing Initiative."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QHelpEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip

from dsrdraft.parsing import parse_file
from dsrdraft.store import open_library
from dsrdraft_ui.draft_editor import DraftEditor
from dsrdraft_ui.draft_model import DraftClauseModel, DraftDocument
from dsrdraft_ui.operations import OperationRunner
from dsrdraft_ui.precedent_highlight import (
    AGREED_BACKGROUND,
    AGREED_UNDERLINE,
    PrecedentShading,
    install,
    span_tooltip,
)
from dsrdraft_ui.precedents_panel import SimilarClausesPanel

ROOT = Path(__file__).resolve().parents[2]
LIB_2017 = ROOT / "resources/library/obor-digital-economy-2017.txt"
TEXT_2023 = ROOT / "resources/library/beijing-initiative-2023.md"
ID_2017 = "obor-2017"


@pytest.fixture(scope="module")
def library_2017_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("lib2017") / "lib.sqlite"
    lib = open_library("sqlite:///" + str(path), seed=False)
    lib.import_initiative(parse_file(LIB_2017), id=ID_2017)
    lib.close()
    return path


@pytest.fixture(scope="module")
def beijing() -> dict[str, str]:
    return {c.number: c.text for c in parse_file(TEXT_2023).clauses}


@pytest.fixture
def lib2017(library_2017_template, tmp_path):
    path = tmp_path / "lib.sqlite"
    shutil.copy(library_2017_template, path)
    lib = open_library("sqlite:///" + str(path), seed=False)
    yield lib
    lib.close()


@pytest.fixture
def setup(qtbot, lib2017):
    runner = OperationRunner()
    document = DraftDocument()
    editor = DraftEditor(document)
    qtbot.add_widget(editor)
    shading = PrecedentShading(lib2017, runner, document, editor, delay_ms=50)
    delegate = install(editor, shading)
    editor.resize(1000, 700)
    editor.show()
    qtbot.wait_exposed(editor)
    yield editor, shading, delegate, runner
    runner.wait()
    runner.shutdown()


def cell(editor: DraftEditor, row: int = 0):
    return editor.model.index(row, DraftClauseModel.TEXT)


def shaded_document(editor, delegate, row=0):
    index = cell(editor, row)
    return delegate.document(index, editor.table.font(),
                             editor.table.visualRect(index).width())


def char_format(doc, position: int):
    cursor = QTextCursor(doc)
    cursor.setPosition(position + 1)  # the format of the character at `position`
    return cursor.charFormat()


def point_of(editor, delegate, position: int, row: int = 0) -> QPoint:
    """Viewport coordinates of the middle of the character at `position` of a cell."""
    doc = shaded_document(editor, delegate, row)
    doc.size()  # lays the document out
    block = doc.findBlock(position)
    line = block.layout().lineForTextPosition(position - block.position())
    assert line.isValid()
    x = line.cursorToX(position - block.position())[0] + 3
    y = line.y() + line.height() / 2
    top_left = editor.table.visualRect(cell(editor, row)).topLeft()
    return top_left + QPoint(int(x) + delegate.MARGIN, int(y) + delegate.MARGIN)


def test_clause_19_shaded_with_sources_and_edit_removes_shading(qtbot, setup, beijing):
    editor, shading, delegate, _runner = setup
    text = beijing["19"]
    editor.new_clause(text)
    editor.select_uid(editor.document.draft.clauses[0].uid)
    qtbot.wait_until(lambda: shading.known(text), timeout=10_000)

    spans = shading.spans_for(text)
    phrase = "of a peaceful, secure, open, cooperative and orderly cyberspace"
    assert text[spans[0].start:spans[0].end] == phrase
    first = spans[0]
    assert [(s.id, s.number) for s in first.sources] == [(ID_2017, "14")]

    # Painted: green underline over the passage, light green where it is not bracketed.
    doc = shaded_document(editor, delegate)
    at = text.index("orderly cyberspace")
    fmt = char_format(doc, at)
    assert fmt.underlineStyle() != fmt.UnderlineStyle.NoUnderline
    assert fmt.underlineColor() == QColor(AGREED_UNDERLINE)
    assert fmt.background().color() == QColor(AGREED_BACKGROUND)
    outside = char_format(doc, text.index("community with a shared future"))
    assert outside.underlineStyle() == outside.UnderlineStyle.NoUnderline

    # The tooltip over "orderly" names the 2017 clause 14.
    pos = point_of(editor, delegate, at)
    assert delegate.span_at(editor.table, cell(editor), pos) == first
    tip = span_tooltip(first)
    assert "obor-2017" in tip and "clause 14" in tip and "score 0.97" in tip
    event = QHelpEvent(QEvent.Type.ToolTip, pos, editor.table.viewport().mapToGlobal(pos))
    QApplication.sendEvent(editor.table.viewport(), event)
    assert "clause 14" in QToolTip.text()
    QToolTip.hideText()

    # Breaking the phrase: after recomputation its shading is gone; the other passage stays.
    broken = text.replace("cooperative and orderly cyberspace",
                          "cooperative, inclusive and well-governed digital space")
    editor.set_text(broken)
    qtbot.wait_until(lambda: shading.known(broken), timeout=10_000)
    new_spans = shading.spans_for(broken)
    assert all("cyberspace, and work" not in broken[s.start:s.end] for s in new_spans)
    assert not any(s.start <= broken.index("peaceful") < s.end for s in new_spans)
    assert any("multilateral, democratic and transparent" in s.text for s in new_spans)
    doc = shaded_document(editor, delegate)
    fmt = char_format(doc, broken.index("peaceful"))
    assert fmt.underlineStyle() == fmt.UnderlineStyle.NoUnderline

    # Undo brings the old text back, and with it the shading (cached by text).
    editor.document.undo_stack.undo()
    qtbot.wait_until(lambda: shading.spans_for(text) == spans, timeout=10_000)


def test_bracket_tint_and_agreed_underline_both_visible(qtbot, setup, beijing):
    editor, shading, delegate, _runner = setup
    text = beijing["19"].replace("orderly cyberspace", "[orderly] cyberspace")
    editor.new_clause(text)
    qtbot.wait_until(lambda: shading.known(text), timeout=10_000)
    assert shading.spans_for(text)
    doc = shaded_document(editor, delegate)
    fmt = char_format(doc, text.index("orderly"))
    assert fmt.underlineColor() == QColor(AGREED_UNDERLINE)
    assert fmt.background().color() != QColor(AGREED_BACKGROUND)  # the bracket tint stays
    assert char_format(doc, text.index("peaceful")).background().color() == \
        QColor(AGREED_BACKGROUND)


def test_stale_results_are_dropped(qtbot, setup, beijing):
    _editor, shading, _delegate, runner = setup
    shading.request([beijing["19"]], "typing")
    shading.request([beijing["16"]], "typing")  # a newer request of the same kind
    ticket = shading._requests["typing"].ticket
    shading.request([beijing["16"]], "typing")  # already on its way: not asked twice
    assert shading._requests["typing"].ticket is ticket and shading.busy
    runner.wait()
    qtbot.wait_until(lambda: shading.known(beijing["16"]), timeout=10_000)
    assert not shading.known(beijing["19"])
    assert shading.spans_for(beijing["16"]) == ()  # artificial intelligence is new


def test_in_place_editor_marks_agreed_passages(qtbot, setup, beijing):
    editor, shading, _delegate, _runner = setup
    text = beijing["19"]
    editor.new_clause(text)
    editor.select_uid(editor.document.draft.clauses[0].uid)
    qtbot.wait_until(lambda: shading.known(text), timeout=10_000)
    editor.edit_current()
    widget = editor.table.indexWidget(cell(editor)) or QApplication.focusWidget()
    qtbot.wait_until(lambda: bool(widget.extraSelections()), timeout=5000)
    selections = widget.extraSelections()
    assert selections[0].cursor.selectedText().startswith("of a peaceful")


@pytest.fixture
def panel(qtbot, setup, lib2017):
    editor, _shading, _delegate, runner = setup
    widget = SimilarClausesPanel(lib2017, runner, editor)
    qtbot.add_widget(widget)
    widget.resize(500, 400)
    widget.show()
    return widget


def test_similar_clauses_replace_and_undo(qtbot, panel, beijing):
    editor = panel.editor
    text = beijing["9"]
    editor.new_clause(text)
    editor.document.undo_stack.clear()
    with qtbot.wait_signal(panel.results_shown, timeout=10_000):
        editor.select_uid(editor.document.draft.clauses[0].uid)
    hits = [(h.id, h.number) for h in panel.model.rows]
    assert hits[0] == (ID_2017, "5")
    assert len(hits) <= 5
    assert panel.model.data(panel.model.index(0, 1)) == "5"
    assert panel.model.data(panel.model.index(0, 2)) == f"{panel.model.rows[0].score:.2f}"
    library_text = panel.model.rows[0].text

    # Keyboard: focus the list, Return replaces the clause text (one undoable command).
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.model.index(0, 0))
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    clause = editor.document.draft.clauses[0]
    assert clause.text == " ".join(library_text.split())
    assert (clause.provenance.library_id, clause.provenance.number) == (ID_2017, "5")
    assert editor.document.undo_stack.count() == 1
    editor.document.undo_stack.undo()
    clause = editor.document.draft.clauses[0]
    assert clause.text == text and clause.provenance is None


def test_similar_clauses_insert_after_and_undo(qtbot, panel, beijing):
    editor = panel.editor
    editor.new_clause(beijing["9"])
    editor.new_clause(beijing["16"])
    editor.document.undo_stack.clear()
    with qtbot.wait_signal(panel.results_shown, timeout=10_000):
        editor.select_uid(editor.document.draft.clauses[0].uid)
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    labels = [(c.label, c.provenance and c.provenance.number)
              for c in editor.document.draft.clauses]
    assert labels == [("1", None), ("1 bis", "5"), ("2", None)]
    editor.document.undo_stack.undo()
    assert [c.label for c in editor.document.draft.clauses] == ["1", "2"]


def test_similar_model_passes_modeltester(qtbot, qtmodeltester, panel, beijing):
    panel.editor.new_clause(beijing["9"])
    with qtbot.wait_signal(panel.results_shown, timeout=10_000):
        panel.editor.select_uid(panel.editor.document.draft.clauses[0].uid)
    qtmodeltester.check(panel.model)


# ---------------------------------------------------------------- in the main window

def test_main_window_agreed_language_similar_and_compile(qtbot, window, tmp_path):
    from dsrdraft.compile import compile_proposals, load_proposal
    from dsrdraft.draft import model as dm
    from dsrdraft.draft.storage import save_draft

    tools = window.drafting
    assert tools.similar_dock.widget() is tools.similar_panel
    file_menu = window.menuBar().actions()[0].menu()
    assert tools.compile_action in file_menu.actions()

    # A 2023 clause from the (bundled) library: its own source is not listed as similar.
    tools.focus_similar()  # the tab is raised (a hidden panel does not look up)
    assert tools.similar_dock.isVisible()
    window.add_refs([{"id": "beijing-initiative-2023", "number": "19",
                      "text": window.library.get("beijing-initiative-2023").clause("19").text}])
    panel = tools.similar_panel
    qtbot.wait_until(lambda: bool(panel.model.rows) and not panel.pending, timeout=10_000)
    assert ("beijing-initiative-2023", "19") not in [(h.id, h.number) for h in panel.model.rows]
    assert panel.model.rows[0].id == "obor-digital-economy-2017"
    text = window.document.draft.clauses[0].text
    qtbot.wait_until(lambda: tools.shading.known(text), timeout=10_000)
    cited = {(src.id, src.number) for s in tools.shading.spans_for(text) for src in s.sources}
    assert ("obor-digital-economy-2017", "14") in cited

    # Replace from the keyboard, then Ctrl+Z through the window's undo action.
    panel.view.setCurrentIndex(panel.model.index(0, 0))
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert window.document.draft.clauses[0].provenance.library_id == "obor-digital-economy-2017"
    qtbot.keyClick(panel.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.document.draft.clauses[0].text == text

    # A compilation opens as a new, unsaved draft.
    base = dm.add_clause(dm.new_draft("Base"), "Members shall cooperate.")
    path = tmp_path / "chn.json"
    save_draft(dm.add_clause(dm.new_draft("CHN"), "Members should cooperate."), path)
    compilation = compile_proposals(base, [load_proposal(str(path), "CHN")])
    window.document.undo_stack.setClean()
    assert tools.open_compilation(compilation)
    assert window.document.draft.clauses[0].text == "Members [shall][should (CHN)] cooperate."
    assert window.document.path is None and window.document.modified
    dialog = tools.open_compile()
    assert dialog.current_radio.isChecked()
    window.document.undo_stack.setClean()
    assert tools.open_compilation(compilation)
    assert "Opened as a new, unsaved draft" in dialog.result_label.text()
    dialog.close()
