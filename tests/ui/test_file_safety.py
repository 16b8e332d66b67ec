"""File safety in the window: read-only drafts, and files changed on disk since they were opened."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from dsrdraft.draft import model as dm
from dsrdraft.draft.model import Status
from dsrdraft.draft.storage import load_draft, save_draft
from dsrdraft.sources import CURRENT_DRAFT, file_key
from dsrdraft_ui.draft_model import DraftClauseModel

CTRL = Qt.KeyboardModifier.ControlModifier


def a_draft() -> dm.Draft:
    d = dm.new_draft("Digital Cooperation Initiative", symbol="DSR/2026/L.1")
    for text in ("Promote digital cooperation.", "Expand broadband access."):
        d = dm.add_clause(d, text)
    return d


def focus_row(window, row: int) -> None:
    """The draft table focused on `row`, its window active (so its shortcuts fire)."""
    window.activateWindow()
    window.raise_()
    QApplication.processEvents()
    table = window.editor.table
    table.setFocus()
    table.setCurrentIndex(window.editor.model.index(row, DraftClauseModel.TEXT))


def choose_save_path(monkeypatch, path) -> list[str]:
    asked: list[str] = []

    def dialog(*args, **_kwargs):
        asked.append(str(args[2]) if len(args) > 2 else "")
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(dialog))
    return asked


# ---------------------------------------------------------------- read-only drafts


@pytest.fixture
def newer(tmp_path):
    """A draft file written by a newer dsrdraft (format version 3): opened read-only."""
    path = tmp_path / "newer.dsrdraft.json"
    save_draft(a_draft(), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["version"] = 3
    data["written_by_the_future"] = {"kept": True}
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_read_only_draft_says_so_and_refuses_edits(qtbot, window, newer, tmp_path,
                                                       monkeypatch):
    original = newer.read_bytes()
    assert window.open_path(newer, ask=False)
    assert "[read-only]" in window.windowTitle()
    before = window.document.draft
    focus_row(window, 0)
    qtbot.keyClick(window.editor.table, Qt.Key.Key_2, CTRL)  # status: refused
    qtbot.keyClick(window.editor.table, Qt.Key.Key_N, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert window.document.draft is before and not window.document.modified
    box = window.read_only_box
    assert box is not None and box.isVisible()
    assert "newer than this dsrdraft writes" in box.text() and "Save a copy" in box.text()
    assert "newer than this dsrdraft" in window.statusBar().currentMessage()
    model = window.editor.model
    assert not model.flags(model.index(0, DraftClauseModel.TEXT)) & Qt.ItemFlag.ItemIsEditable
    assert window.editor.title_edit.isReadOnly()
    # the box offers Save As: a copy, which can be edited; the newer file is never written
    copy = tmp_path / "copy.dsrdraft.json"
    asked = choose_save_path(monkeypatch, copy)
    save_as = next(b for b in box.buttons() if "Save" in b.text())
    qtbot.mouseClick(save_as, Qt.MouseButton.LeftButton)
    assert asked and "copy of newer" in asked[0]
    assert "[read-only]" not in window.windowTitle() and window.document.path == copy
    assert json.loads(copy.read_text(encoding="utf-8"))["written_by_the_future"] == \
        {"kept": True}  # what the newer version wrote is kept in the copy
    focus_row(window, 0)
    qtbot.keyClick(window.editor.table, Qt.Key.Key_2, CTRL)
    assert window.document.draft.clauses[0].status == Status.AD_REFERENDUM
    assert newer.read_bytes() == original


def test_ctrl_s_on_a_read_only_draft_saves_as(qtbot, window, newer, tmp_path, monkeypatch):
    original = newer.read_bytes()
    window.open_path(newer, ask=False)
    asked = choose_save_path(monkeypatch, tmp_path / "mine.dsrdraft.json")
    focus_row(window, 0)
    qtbot.keyClick(window.editor.table, Qt.Key.Key_S, CTRL)
    assert asked and (tmp_path / "mine.dsrdraft.json").exists()
    assert newer.read_bytes() == original


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="running as a user who can write anywhere")
def test_a_file_read_only_on_disk_opens_read_only(qtbot, window, tmp_path):
    path = tmp_path / "locked.dsrdraft.json"
    save_draft(a_draft(), path)
    path.chmod(0o444)
    window.open_path(path, ask=False)
    assert "[read-only]" in window.windowTitle()
    assert "read-only on disk" in window.document.read_only


# ---------------------------------------------------------------- changed on disk


@pytest.fixture
def opened(qtbot, window, tmp_path):
    path = tmp_path / "draft.dsrdraft.json"
    save_draft(a_draft(), path)
    assert window.open_path(path, ask=False)
    focus_row(window, 0)
    qtbot.keyClick(window.editor.table, Qt.Key.Key_3, CTRL)  # an unsaved edit: agreed
    assert window.document.modified
    # meanwhile the command line edits the file (under its lock, as a script would)
    env = {**os.environ, "DSRDRAFT_DB": str(tmp_path / "cli.sqlite")}
    subprocess.run([sys.executable, "-m", "dsrdraft", "draft", "edit", str(path), "2",
                    "--text", "Expand affordable broadband access."], check=True, env=env,
                   capture_output=True, timeout=60)
    return window, path


def press_in_changed_box(qtbot, window, label: str) -> list[str]:
    """Ctrl+S, then the named button of the 'changed on disk' question."""
    seen: list[str] = []

    def answer() -> None:
        box = window.changed_box
        if box is None:
            QTimer.singleShot(20, answer)
            return
        seen.append(box.text())
        if label == "Cancel":
            button = box.button(QMessageBox.StandardButton.Cancel)
        else:
            button = next(b for b in box.buttons() if label in b.text().replace("&", ""))
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)
    qtbot.keyClick(window.editor.table, Qt.Key.Key_S, CTRL)
    return seen


def test_save_over_a_changed_file_asks_and_cancel_writes_nothing(qtbot, opened):
    window, path = opened
    on_disk = path.read_bytes()
    seen = press_in_changed_box(qtbot, window, "Cancel")
    assert seen and "was changed by another program" in seen[0]
    assert path.read_bytes() == on_disk and window.document.modified


def test_overwrite_keeps_my_text(qtbot, opened):
    window, path = opened
    press_in_changed_box(qtbot, window, "Overwrite")
    saved = load_draft(path)
    assert saved.clauses[0].status == Status.AGREED
    assert saved.clauses[1].text == "Expand broadband access."  # the other edit is gone
    assert not window.document.modified
    # the next save compares with what was just written: no question
    focus_row(window, 1)
    qtbot.keyClick(window.editor.table, Qt.Key.Key_2, CTRL)
    qtbot.keyClick(window.editor.table, Qt.Key.Key_S, CTRL)
    assert load_draft(path).clauses[1].status == Status.AD_REFERENDUM


def test_reload_takes_the_file_as_it_is_now(qtbot, opened):
    window, _path = opened
    press_in_changed_box(qtbot, window, "Reload")
    assert window.document.draft.clauses[1].text == "Expand affordable broadband access."
    assert window.document.draft.clauses[0].status == Status.OPEN
    assert not window.document.modified


def test_save_as_new_file_leaves_the_changed_one(qtbot, opened, tmp_path, monkeypatch):
    window, path = opened
    on_disk = path.read_bytes()
    other = tmp_path / "mine.dsrdraft.json"
    choose_save_path(monkeypatch, other)
    press_in_changed_box(qtbot, window, "Save as new file")
    assert path.read_bytes() == on_disk
    assert load_draft(other).clauses[0].status == Status.AGREED
    assert window.document.path == other and not window.document.modified


def test_compare_shows_the_file_on_disk_against_my_text(qtbot, opened):
    window, path = opened
    view = window.review.compare_view
    with qtbot.wait_signal(view.comparison_ready, timeout=10_000):
        press_in_changed_box(qtbot, window, "Compare")
    assert view.sources() == (file_key(path), CURRENT_DRAFT)
    assert window.review.compare_dock.isVisible()
    assert window.document.modified  # nothing saved yet
    changed = [r for r in view.model.rows if r.pair.kind == "changed"]
    assert [(r.old_text, r.new_text) for r in changed] == [
        ("Expand affordable broadband access.", "Expand broadband access.")]
    assert QApplication.activeModalWidget() is None
