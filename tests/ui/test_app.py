"""Application start-up helpers: arguments, fonts, and the error dialog hook."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from dsrdraft.errors import DsrError
from dsrdraft_ui.app import FONT_FAMILIES, configure_application, error_dialog_hook, parse_args


def test_arguments_of_the_gui_entry_point():
    args = parse_args(["dsrdraft-gui", "--db", "sqlite:///x.sqlite", "draft.json"])
    assert (args.db, args.draft) == ("sqlite:///x.sqlite", "draft.json")
    assert parse_args(["dsrdraft-gui"]).draft is None


def test_font_has_chinese_fallback(qapp):
    configure_application(qapp)
    families = qapp.font().families()
    assert "Noto Sans CJK SC" in families
    assert families == FONT_FAMILIES


def test_uncaught_errors_show_a_one_line_dialog(qapp, capsys):
    seen: list[tuple[str, str]] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append((box.text(), box.informativeText()))
            box.button(QMessageBox.StandardButton.Ok).click()
        else:
            QTimer.singleShot(20, answer)

    QTimer.singleShot(0, answer)
    try:
        raise DsrError("draft.json: not a dsrdraft draft file")
    except DsrError as error:
        error_dialog_hook(DsrError, error, error.__traceback__)
    assert seen == [("Something went wrong.", "draft.json: not a dsrdraft draft file")]
    assert "Traceback" in capsys.readouterr().err  # for the log, not for the user
