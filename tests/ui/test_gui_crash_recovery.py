"""A real GUI process killed with SIGKILL after an unsaved edit: the next start offers it back."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")

FIRST_RUN = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    import dsrdraft_ui.app

    app = QApplication(sys.argv[:1])

    def edit():
        window = next(w for w in app.topLevelWidgets() if w.objectName() == "MainWindow")
        window.editor.new_clause("Unsaved clause typed before the crash.")
        print("edited", flush=True)

    QTimer.singleShot(300, edit)
    sys.exit(dsrdraft_ui.app.main(["dsrdraft-gui", "--db", sys.argv[1], "--no-recovery",
                          "--autosave-seconds", "0.2"]))
    """
)

SECOND_RUN = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox
    import dsrdraft_ui.app

    app = QApplication(sys.argv[:1])

    def answer():
        box = next((w for w in app.topLevelWidgets()
                    if isinstance(w, QMessageBox) and w.isVisible()), None)
        if box is None:
            QTimer.singleShot(50, answer)
            return
        print("asked:", box.text().replace("\\n", " "), flush=True)
        box.button(QMessageBox.StandardButton.Yes).click()
        QTimer.singleShot(200, report)

    def report():
        window = next(w for w in app.topLevelWidgets() if w.objectName() == "MainWindow")
        texts = [c.text for c in window.document.draft.clauses]
        print("clauses:", texts, flush=True)
        window.document.undo_stack.setClean()  # let it close without a save prompt
        app.exit(0)

    QTimer.singleShot(100, answer)
    sys.exit(dsrdraft_ui.app.main(["dsrdraft-gui", "--db", sys.argv[1]]))
    """
)


def test_killed_gui_offers_its_autosaved_edits_on_next_start(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT),
           "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    db = f"sqlite:///{tmp_path / 'library.sqlite'}"
    recovery = tmp_path / "data" / "dsrdraft" / "recovery" / "recovery.json"

    first = subprocess.Popen([sys.executable, "-c", FIRST_RUN, db], env=env, cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not recovery.exists():
        assert first.poll() is None, first.communicate()[1][-1000:]
        assert time.monotonic() < deadline, "no autosave appeared"
        time.sleep(0.05)
    time.sleep(0.3)
    first.send_signal(signal.SIGKILL)
    out, _ = first.communicate()
    assert "edited" in out
    assert first.returncode == -signal.SIGKILL

    second = subprocess.run([sys.executable, "-c", SECOND_RUN, db], env=env, cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert second.returncode == 0, second.stderr[-1500:]
    assert "asked: dsrdraft did not close normally" in second.stdout
    assert "Unsaved clause typed before the crash." in second.stdout
