"""Signatories typed by keyboard go into the draft as undoable commands and into the export."""

from __future__ import annotations

import docx
import pytest
from PySide6.QtCore import Qt

from dsrdraft.draft import model as dm
from dsrdraft.draft.delegations import country_choices
from dsrdraft.draft.delegations import country_code_for as code_for
from dsrdraft_ui.draft_model import DraftDocument
from dsrdraft_ui.export_dialog import ExportDialog
from dsrdraft_ui.signatories_panel import SignatoriesPanel


@pytest.fixture
def document(library) -> DraftDocument:
    doc = DraftDocument()
    draft = dm.new_draft("Digital Silk Road Cooperation Initiative", symbol="DSR/2026/L.1")
    for c in library.get("beijing-initiative-2023").clauses[:2]:
        draft = dm.add_clause(draft, c.text)
    doc.reset(draft, None)
    return doc


@pytest.fixture
def panel(qtbot, document) -> SignatoriesPanel:
    p = SignatoriesPanel(document)
    qtbot.add_widget(p)
    p.resize(700, 400)
    p.show()
    qtbot.wait_exposed(p)
    return p


def type_signatory(qtbot, panel, country: str, representative: str, title: str,
                   date: str) -> None:
    panel.country_edit.setFocus()
    qtbot.keyClicks(panel.country_edit, country)
    if panel.completer.popup().isVisible():
        qtbot.keyClick(panel.completer.popup(), Qt.Key.Key_Escape)
    for edit, text in ((panel.representative_edit, representative),
                       (panel.title_edit, title), (panel.date_edit, date)):
        # The date stays from the last entry (delegations sign together): type over it.
        qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(edit, text)
    qtbot.keyClick(panel.date_edit, Qt.Key.Key_Return)


@pytest.mark.parametrize(("typed", "code"), [
    ("LAO", "LAO"), ("lao", "LAO"), ("Laos", "LAO"),
    ("Lao People's Democratic Republic (LAO)", "LAO"), ("TH", "THA"),
    ("Republic of Türkiye", "TUR"), ("China", "CHN"), ("Atlantis", None), ("", None),
])
def test_code_for(typed, code):
    assert code_for(typed) == code


def test_completer_offers_names_and_codes(panel):
    choices = country_choices()
    assert "China (CHN)" in choices and "Lao People's Democratic Republic (LAO)" in choices
    panel.completer.setCompletionPrefix("lao")
    found = [panel.completer.completionModel().index(r, 0).data()
             for r in range(panel.completer.completionCount())]
    assert "Lao People's Democratic Republic (LAO)" in found


def test_keyboard_entry_print_order_undo(qtbot, panel, document):
    type_signatory(qtbot, panel, "Thailand", "Anutin", "Deputy Prime Minister", "2026-11-23")
    type_signatory(qtbot, panel, "LAO", "Somsack", "Minister", "2026-11-23")
    type_signatory(qtbot, panel, "chn", "Wang Wentao", "Minister of Commerce", "2026-11-22")
    assert [s.code for s in document.draft.signatories] == ["THA", "LAO", "CHN"]
    # Shown in print order (English alphabetical), as the signature block prints them.
    m = panel.model
    assert [m.index(r, m.COUNTRY).data() for r in range(3)] == ["China", "Laos", "Thailand"]
    assert [m.index(r, m.ORDER).data() for r in range(3)] == ["1", "2", "3"]
    assert panel.order_label.text() == "Print order: China, Laos, Thailand"
    assert document.undo_stack.undoText() == "Add signatory China"
    # Editing a cell is a command too.
    assert m.setData(m.index(1, m.TITLE), "Deputy Prime Minister")
    assert document.draft.signatories[1].title == "Deputy Prime Minister"
    document.undo_stack.undo()
    assert document.draft.signatories[1].title == "Minister"
    document.undo_stack.undo()
    assert [s.code for s in document.draft.signatories] == ["THA", "LAO"]
    document.undo_stack.redo()
    assert len(document.draft.signatories) == 3
    # Remove by keyboard.
    panel.table.setFocus()
    panel.table.selectRow(m.row_of("LAO"))
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert [s.code for s in document.draft.signatories] == ["THA", "CHN"]
    assert document.undo_stack.undoText() == "Remove signatory Laos"


def test_unknown_country_is_refused(qtbot, panel, document):
    type_signatory(qtbot, panel, "Atlantis", "Nobody", "", "")
    assert document.draft.signatories == ()
    assert "Not a country" in panel.error_label.text()


def test_signatories_typed_appear_in_the_export(qtbot, panel, document, library, tmp_path,
                                                qtmodeltester, runner, catalog, settings):
    type_signatory(qtbot, panel, "Laos", "Somsack", "Minister", "2026-11-23")
    type_signatory(qtbot, panel, "CHN", "Wang Wentao", "Minister of Commerce", "2026-11-23")
    qtmodeltester.check(panel.model)
    dialog = ExportDialog(document, library, runner, catalog, settings=settings)
    qtbot.add_widget(dialog)
    out = tmp_path / "signed.docx"
    dialog.out_edit.setText(str(out))
    with qtbot.wait_signal(dialog.exported, timeout=20_000):
        dialog.export_button.click()
    dialog.message_box.done(0)
    table = docx.Document(str(out)).tables[-1]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[1][:3] == ["China", "Wang Wentao", "Minister of Commerce"]
    assert rows[2][:3] == ["Laos", "Somsack", "Minister"]
    assert rows[1][-1] == rows[2][-1] == "2026-11-23"
