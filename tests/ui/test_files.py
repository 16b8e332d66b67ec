"""Files: save and reopen, recent files, unsaved-changes prompt, autosave and recovery, import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from dsrdraft.draft.model import Status
from dsrdraft.draft.storage import load_draft
from dsrdraft.recovery import RECOVERY_NAME, read_recovery
from dsrdraft_ui.main_window import MainWindow

SEED_DIR = Path(__file__).resolve().parents[2] / "resources" / "library"


def build_draft(window: MainWindow) -> None:
    e = window.editor
    window.document.set_field("title", "Beijing Digital Cooperation 2026")
    window.document.set_field("symbol", "DSR/2026/L.1")
    e.new_clause("Promote [digital][data] cooperation.")
    e.set_proposers("CHN, LAO")
    e.add_alternative("Promote digital trade.", "RUS")
    e.add_reservation("TUR", "Subject to domestic law.")
    e.set_status(Status.AD_REFERENDUM)
    e.new_clause("Expand broadband access, raising broadband quality.")
    e.insert_bis("Bridge the digital divide.")


def answer_next_dialog(button: QMessageBox.StandardButton, seen: list[str]) -> None:
    """Click `button` in the next modal message box (a real user's answer)."""
    def click() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.button(button).click()
        else:
            QTimer.singleShot(20, click)
    QTimer.singleShot(0, click)


def test_save_reopen_is_identical(qtbot, window, tmp_path):
    build_draft(window)
    path = tmp_path / "draft.dsrdraft.json"
    assert window.isWindowModified()
    assert window.save_to(path)
    assert not window.isWindowModified()
    assert window.windowTitle().startswith("draft.dsrdraft.json")
    saved = window.document.draft
    first_bytes = path.read_bytes()
    window.new_draft()
    assert window.document.draft.clauses == ()
    assert window.open_path(path)
    assert window.document.draft == saved == load_draft(path)
    assert window.save_to(path)
    assert path.read_bytes() == first_bytes
    assert window.recent.paths()[0] == path.resolve()
    assert window.recent_menu.actions()[0].text() == "&1 draft.dsrdraft.json"


def test_open_a_bad_file_shows_one_line_error(qtbot, window, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert not window.open_path(bad, ask=False)
    assert window.last_error == f"{bad}: not a draft file (bad JSON at line 1)"
    assert "Traceback" not in window.last_error


def test_close_asks_about_unsaved_changes(qtbot, window):
    window.editor.new_clause("Unsaved clause.")
    seen: list[str] = []
    answer_next_dialog(QMessageBox.StandardButton.Cancel, seen)
    assert not window.close()
    assert window.isVisible()
    assert seen == ["Save the changes to the untitled draft?"]
    answer_next_dialog(QMessageBox.StandardButton.Discard, seen)
    assert window.close()
    assert len(seen) == 2


def test_autosave_then_recovery_after_a_crash(qtbot, library, settings, tmp_path):
    recovery = tmp_path / "recovery"
    first = MainWindow(library, settings=settings, recovery_dir=recovery, autosave_ms=50)
    first.show()
    build_draft(first)
    wanted = first.document.draft
    qtbot.wait_until(lambda: (recovery / RECOVERY_NAME).exists(), timeout=3000)
    assert read_recovery(recovery).draft == wanted
    # "crash": the window goes away without closeEvent (no save, no cleanup)
    first.autosaver.timer.stop()
    first.runner.wait()
    first.deleteLater()

    second = MainWindow(library, settings=settings, recovery_dir=recovery, autosave_ms=60_000)
    second.show()
    seen: list[str] = []
    answer_next_dialog(QMessageBox.StandardButton.Yes, seen)
    assert second.offer_recovery()
    assert "did not close normally" in seen[0]
    assert second.document.draft == wanted
    assert second.document.modified  # still unsaved
    assert second.isWindowModified()
    answer_next_dialog(QMessageBox.StandardButton.Discard, seen)
    assert second.close()
    assert not (recovery / RECOVERY_NAME).exists()  # a clean close leaves nothing behind
    second.runner.wait()


def test_declined_recovery_is_removed(qtbot, window, tmp_path):
    window.editor.new_clause("x")
    assert window.autosaver.autosave()  # written in the CPU lane
    qtbot.wait_until(lambda: (window.recovery_dir / RECOVERY_NAME).exists(), timeout=3000)
    seen: list[str] = []
    answer_next_dialog(QMessageBox.StandardButton.No, seen)
    assert not window.offer_recovery()
    assert read_recovery(window.recovery_dir) is None


def test_autosave_waits_while_the_user_types(qtbot, window):
    """Encoding the draft holds the interpreter the GUI thread needs for each key: the
    autosave is written once the user pauses, not in the middle of typing."""
    from dsrdraft_ui.operations import activity

    window.editor.new_clause("x")
    target = window.recovery_dir / RECOVERY_NAME
    activity.note(0.6)  # a key was just pressed (an edit notes a pause to come)
    assert window.autosaver.autosave()
    qtbot.wait(300)
    assert not target.exists()  # still typing: not yet
    qtbot.wait_until(target.exists, timeout=3000)
    assert activity.remaining() == 0
    assert read_recovery(window.recovery_dir).draft == window.document.draft


def test_an_autosave_finishing_after_a_save_leaves_no_recovery(qtbot, window, tmp_path):
    window.editor.new_clause("x")
    assert window.autosaver.autosave()
    assert window.save_to(tmp_path / "saved.dsrdraft.json")  # while the write may be running
    window.runner.wait()
    qtbot.wait(50)
    assert not (window.recovery_dir / RECOVERY_NAME).exists()


def test_window_state_is_remembered(qtbot, library, tmp_path):
    settings = QSettings(str(tmp_path / "state.ini"), QSettings.Format.IniFormat)
    win = MainWindow(library, settings=settings, recovery_dir=tmp_path / "r")
    win.show()
    win.preview_dock.hide()
    win.resize(700, 500)
    assert win.close()
    win.runner.wait()
    again = MainWindow(library, settings=settings, recovery_dir=tmp_path / "r")
    again.show()
    assert not again.preview_dock.isVisible()
    assert again.size().width() == 700
    assert again.close()
    again.runner.wait()


def test_import_several_files_with_progress(qtbot, window, tmp_path):
    good = tmp_path / "cooperation.txt"
    good.write_text("Test Initiative on Digital Cooperation (2031)\n\nWe agree:\n\n"
                    "1. Promote quantum networking cooperation among the parties.\n"
                    "2. Share satellite navigation data for disaster relief.\n",
                    encoding="utf-8")
    news = tmp_path / "news.txt"  # not text in any encoding
    news.write_bytes(bytes(range(1, 32)) * 64 + bytes(range(128, 256)) * 16)
    before = window.library.count_clauses()
    with qtbot.wait_signal(window.library_panel.search_finished, timeout=10_000):
        window.import_files([good, news, SEED_DIR / "obor-digital-economy-2017.txt"])
    kinds = [kind for _name, kind, _message in window.last_import]
    assert kinds == ["added", "error", "present"]
    assert window.library.count_clauses() == before + 2
    assert "news.txt" in window.last_error
    assert "Traceback" not in window.last_error
    qtbot.wait_until(lambda: not window.library_panel.pending)
    window.library_panel.search("quantum")
    qtbot.wait_until(lambda: not window.library_panel.pending)
    assert window.library_panel.model.rowCount() == 1
    assert window.library_panel.initiative_combo.count() == 4  # "All" + 3 initiatives
