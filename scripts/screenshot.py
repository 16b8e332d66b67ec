"""Take the README screenshot: `xvfb-run python scripts/screenshot.py docs/screenshots/x.png`.

Opens the window at 1366x768 on a fresh copy of the bundled library, assembles a small draft
(one clause in brackets with an alternative), searches for "digital" and grabs the window.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from dsrdraft.draft.model import Status
from dsrdraft.store import Library, open_library
from dsrdraft_ui.app import configure_application

if TYPE_CHECKING:
    from dsrdraft_ui.main_window import MainWindow


def shot_window(argv: list[str], size: tuple[int, int],
                make_library: Callable[[Path], Library] | None = None) -> MainWindow:
    """A main window on a fresh library in a temporary folder, shown at `size`."""
    app = QApplication.instance() or QApplication(argv)
    configure_application(app)
    from dsrdraft_ui.main_window import MainWindow

    folder = Path(tempfile.mkdtemp(prefix="dsrdraft-shot-"))
    library = (make_library(folder) if make_library
               else open_library(str(folder / "library.sqlite")))
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(library, settings=settings, recovery_dir=folder / "recovery")
    window.resize(*size)
    window.show()
    QTest.qWait(300)
    return window


def save_grab(widget: QWidget, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(out))
    print(f"saved {out} ({widget.width()}x{widget.height()})")


def close_shot(window: MainWindow) -> None:
    """Close without a save prompt and let the worker finish before the library closes."""
    window.document.undo_stack.setClean()
    window.close()
    window.runner.wait()
    window.library.close()


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv if argv is None else argv
    out = Path(argv[1] if len(argv) > 1 else "docs/screenshots/main-window.png")
    window = shot_window(argv, (1366, 768))
    panel = window.library_panel
    e = window.editor
    doc = window.document
    doc.set_field("title", "Beijing Initiative on Digital Silk Road Cooperation 2026")
    doc.set_field("symbol", "DSR/2026/L.1")
    doc.set_field("place", "Beijing")
    doc.set_field("preamble", "We, the representatives of the [participating States][parties], "
                  "meeting in Beijing,")
    panel.search("broadband")
    QTest.qWait(400)
    panel.results.setCurrentIndex(panel.model.index(0))
    panel.add_selected()
    e.set_status(Status.AGREED)
    e.set_proposers("CHN, LAO, THA")
    e.new_clause("Promote [cross-border data flows][the free flow of data] in accordance with "
                 "[national laws and regulations] and strengthen e-commerce cooperation.")
    e.add_alternative("Promote orderly cross-border data flows.", "RUS")
    e.add_reservation("TUR", "Subject to domestic legislation.")
    e.set_proposers("ARE, SRB")
    panel.search("e-commerce")
    QTest.qWait(400)
    panel.results.setCurrentIndex(panel.model.index(0))
    panel.add_selected()
    e.set_status(Status.AD_REFERENDUM)
    e.insert_bis("تعزيز التعاون في مجال [الاقتصاد الرقمي] بين الدول المشاركة.")
    e.new_clause("Strengthen digital skills training [for women and youth.")
    panel.search("digital")
    QTest.qWait(500)
    row = next((r for r in range(panel.model.rowCount())
                if panel.model.hit(r).id == "obor-digital-economy-2017"
                and panel.model.hit(r).number in ("3", "4", "8")), 0)
    panel.results.setCurrentIndex(panel.model.index(row))
    QTest.qWait(500)
    e.select_uid(doc.draft.clauses[1].uid)
    QTest.qWait(300)
    save_grab(window, out)
    close_shot(window)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
