"""The Compile dialog: base and proposals (draft files written here), delegation codes checked,
compiled in the worker, result a draft with attributed brackets; table view export."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from dsrdraft.compile import Compilation, extract_proposal
from dsrdraft.draft import model as dm
from dsrdraft.draft.storage import save_draft
from dsrdraft_ui.compile_dialog import CompileDialog, guess_code

BASE = ("Strengthen digital interconnection to build an information Silk Road.",
        "Member States shall promote cross-border e-commerce cooperation.",
        "Encourage a peaceful, secure, open, cooperative and orderly cyberspace.")


def draft_of(texts) -> dm.Draft:
    draft = dm.new_draft("Beijing Initiative 2026")
    for text in texts:
        draft = dm.add_clause(draft, text)
    return draft


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    base = draft_of(BASE)
    out = {"base": tmp_path / "base.dsrdraft.json"}
    save_draft(base, out["base"])
    chn = [BASE[0], BASE[1].replace("shall", "should"), BASE[2]]
    tha = [BASE[0], BASE[1].replace("shall", "should"), BASE[2].replace("open, ", "")]
    for code, texts in (("chn", chn), ("tha", tha)):
        out[code] = tmp_path / f"proposal-{code}.dsrdraft.json"
        save_draft(draft_of(texts), out[code])
    return out


def make_dialog(qtbot, runner, draft=None) -> CompileDialog:
    dialog = CompileDialog(runner, draft)
    qtbot.add_widget(dialog)
    dialog.show()
    qtbot.wait_exposed(dialog)
    return dialog


def test_guess_code_from_file_name():
    assert guess_code(Path("proposal-chn.dsrdraft.json")) == "CHN"
    assert guess_code(Path("THA.docx")) == "THA"
    assert guess_code(Path("comments.txt")) == ""


def test_two_proposals_on_the_current_draft_give_attributed_brackets(qtbot, runner, files):
    base = draft_of(BASE)
    dialog = make_dialog(qtbot, runner, base)
    assert dialog.current_radio.isChecked()
    assert not dialog.compile_button.isEnabled()  # no proposals yet
    dialog.add_proposals([files["chn"], files["tha"]])
    assert [code for _p, code in dialog.proposals()] == ["CHN", "THA"]
    assert dialog.compile_button.isEnabled()
    with qtbot.wait_signal(dialog.compiled, timeout=10_000) as blocker:
        qtbot.mouseClick(dialog.compile_button, Qt.MouseButton.LeftButton)
    compilation = blocker.args[0]
    assert isinstance(compilation, Compilation)
    texts = [c.text for c in compilation.draft.clauses]
    assert texts[0] == BASE[0]
    assert texts[1] == ("Member States [shall][should (CHN, THA)] promote cross-border "
                        "e-commerce cooperation.")
    assert "[open, (delete: THA)]" in texts[2]
    assert extract_proposal(compilation, "THA")[2] == BASE[2].replace("open, ", "")
    assert "Compiled" in dialog.result_label.text()
    assert not dialog.progress.isVisible()
    assert dialog.table_button.isEnabled()


def test_base_from_file_and_table_view_export(qtbot, runner, files, tmp_path):
    dialog = make_dialog(qtbot, runner, None)
    assert not dialog.current_radio.isEnabled()
    dialog.set_base_file(files["base"])
    dialog.add_proposals([files["chn"], files["tha"]], ["CHN", "G77/China"])
    with qtbot.wait_signal(dialog.compiled, timeout=10_000) as blocker:
        dialog.run()
    assert "(CHN, G77/China)" in blocker.args[0].draft.clauses[1].text
    out = tmp_path / "table.docx"
    dialog.export_table_to(out)
    qtbot.wait_until(lambda: dialog.table_path == out, timeout=10_000)
    assert out.stat().st_size > 0


def test_delegation_codes_are_checked(qtbot, runner, files):
    dialog = make_dialog(qtbot, runner, draft_of(BASE))
    dialog.add_proposals([files["chn"], files["tha"]])
    dialog.set_code(1, "CHN")  # twice
    assert not dialog.compile_button.isEnabled()
    assert "two proposals" in dialog.table.item(1, dialog.CODE).toolTip()
    dialog.set_code(1, "T(HA)")
    assert not dialog.compile_button.isEnabled()
    assert "bad delegation label" in dialog.table.item(1, dialog.CODE).toolTip()
    assert "Row 2" in dialog.problem_label.text()
    dialog.set_code(1, "")
    assert not dialog.compile_button.isEnabled()
    dialog.set_code(1, "tha")
    assert dialog.compile_button.isEnabled()
    assert dialog.table.item(1, dialog.CODE).toolTip() == ""
    dialog.table.selectRow(1)
    dialog.remove_selected()
    assert len(dialog.proposals()) == 1 and dialog.compile_button.isEnabled()


def test_errors_are_shown_in_a_dialog(qtbot, runner, files, tmp_path):
    dialog = make_dialog(qtbot, runner, draft_of(BASE))
    dialog.add_proposals([files["chn"], tmp_path / "missing-egy.json"])
    dialog.run()
    qtbot.wait_until(lambda: bool(dialog.last_error), timeout=10_000)
    assert "missing-egy.json" in dialog.last_error
    boxes = [w for w in dialog.findChildren(QMessageBox) if w.isVisible()]
    assert boxes and "missing-egy.json" in boxes[0].text()
    assert dialog.compile_button.isEnabled()  # can try again
    boxes[0].close()


def test_first_numpy_import_in_an_operation_reports_its_result(tmp_path):
    """A fresh process: an operation whose first numpy import (through rapidfuzz) happens in
    a worker still reports its progress and result (one long-lived signal carries them)."""
    import subprocess
    import sys

    script = tmp_path / "fresh.py"
    script.write_text(
        "import sys\n"
        "from PySide6.QtCore import QEventLoop, QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication(sys.argv)\n"
        "from dsrdraft_ui.operations import Lane, Operation, OperationRunner\n"
        "runner, out = OperationRunner(), {}\n"
        "def work(ctx):\n"
        "    from rapidfuzz import process\n"
        "    process.cdist(['a b'], ['a c'])\n"
        "    ctx.report(1, 'after')\n"
        "    return 42\n"
        "runner.run(Operation('cdist', work, Lane.CPU), on_success=lambda v: out.update(v=v),\n"
        "           on_failure=lambda e: out.update(e=e))\n"
        "loop = QEventLoop()\n"
        "for _ in range(600):\n"
        "    QTimer.singleShot(50, loop.quit)\n"
        "    loop.exec()\n"
        "    if out:\n"
        "        break\n"
        "print(out)\n")
    env = {**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                            env=env, timeout=60, check=False)
    assert result.stdout.strip() == "{'v': 42}", result.stderr[-2000:]
