"""`dsrdraft-gui`: the application entry point (also called by `dsrdraft gui`)."""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QMessageBox

from dsrdraft.errors import DsrError
from dsrdraft.store import open_library
from dsrdraft_ui.files import AUTOSAVE_MS

# Latin first, then CJK and Arabic fallbacks (Qt uses the first family that has the glyph).
FONT_FAMILIES = ["Noto Sans", "Segoe UI", "Helvetica Neue", "DejaVu Sans", "Liberation Sans",
                 "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "Source Han Sans SC",
                 "WenQuanYi Micro Hei", "Noto Sans Arabic", "Noto Naskh Arabic"]


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="dsrdraft-gui", description="dsrdraft desktop")
    parser.add_argument("--db", help="library database URL or SQLite file (default: "
                        "$DSRDRAFT_DB or the user data directory)")
    parser.add_argument("--no-recovery", action="store_true",
                        help="do not offer to recover an autosaved draft")
    parser.add_argument("--autosave-seconds", type=float, default=AUTOSAVE_MS / 1000,
                        metavar="S", help="autosave an unsaved draft every S seconds "
                        "(default: %(default)g)")
    parser.add_argument("draft", nargs="?", help="a draft file to open")
    args, _qt_args = parser.parse_known_args(list(argv)[1:])
    return args


def configure_application(app: QApplication) -> None:
    # Worker threads run Python too: hand the interpreter back to the GUI thread within a
    # millisecond (the default 5 ms is a third of a frame) so keystrokes stay instant.
    sys.setswitchinterval(0.001)
    QCoreApplication.setOrganizationName("dsrdraft")
    QCoreApplication.setApplicationName("dsrdraft")
    app.setApplicationDisplayName("dsrdraft")
    font = QFont(app.font())
    font.setFamilies(FONT_FAMILIES)
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
    app.setFont(font)


def run_event_loop(ms: int) -> None:
    """Run the event loop for `ms` as the application's own loop runs, the interpreter
    released (for scripts and benchmarks that drive the window). Not QTest.qWait: it keeps
    the interpreter while it waits, so worker threads hardly run meanwhile (a counting thread
    got 0.8% of its iterations) and their work falls into whatever the caller does next."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def error_dialog_hook(exc_type: type[BaseException], exc: BaseException,
                      tb: TracebackType | None) -> None:
    """sys.excepthook: a dialog with one line, the traceback only on stderr."""
    if issubclass(exc_type, KeyboardInterrupt):
        QApplication.quit()
        return
    traceback.print_exception(exc_type, exc, tb, file=sys.stderr)
    message = str(exc) if isinstance(exc, DsrError) else f"{exc_type.__name__}: {exc}"
    if QApplication.instance() is not None:
        box = QMessageBox(QMessageBox.Icon.Critical, "dsrdraft", "Something went wrong.")
        box.setInformativeText(message)
        box.exec()


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    args = parse_args(argv)
    app = QApplication.instance() or QApplication(argv)
    assert isinstance(app, QApplication)
    configure_application(app)
    sys.excepthook = error_dialog_hook
    try:
        library = open_library(args.db)
    except DsrError as error:
        QMessageBox.critical(None, "dsrdraft", f"Cannot open the library:\n{error}")
        return 2

    from dsrdraft_ui.main_window import MainWindow

    window = MainWindow(library, autosave_ms=max(100, int(args.autosave_seconds * 1000)))
    window.show()
    if args.draft:
        QTimer.singleShot(0, lambda: window.open_path(Path(args.draft), ask=False))
    elif not args.no_recovery:
        QTimer.singleShot(0, window.offer_recovery)
    try:
        return app.exec()
    finally:
        library.close()


if __name__ == "__main__":
    raise SystemExit(main())
