"""Screenshots of part 2: `xvfb-run python scripts/screenshot_review.py [docs/screenshots]`.

Opens the main window at 1366x768 on a fresh copy of the bundled library, shows the compare
view on the 2017 proposal against the 2023 Beijing Initiative (2023 16, new, opposite empty
space; 2017 12 opposite 2023 17 selected) and grabs it, then grabs the export dialog on a
small signed draft.
"""

from __future__ import annotations

import sys
from pathlib import Path

from screenshot import close_shot, save_grab, shot_window

from dsrdraft.draft import model as dm
from dsrdraft.draft.model import DraftSignatory
from dsrdraft_ui.app import run_event_loop as wait
from dsrdraft_ui.compare_view import library_key


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv if argv is None else argv
    out = Path(argv[1] if len(argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    window = shot_window(argv, (1366, 768))
    library = window.library

    review = window.review
    view = review.compare_view
    review.compare(library_key("obor-digital-economy-2017"),
                   library_key("beijing-initiative-2023"))
    review.compare_dock.setFloating(True)  # as a reviewer would, for the whole screen
    review.compare_dock.setGeometry(40, 40, 1366, 740)
    for _ in range(50):
        if not view.pending and view.model.rowCount():
            break
        wait(100)
    wait(300)
    view.update_row_heights()
    view.wait_heights()
    view.go_to_row(view.model.row_of_old("12"))
    view.left_view.verticalScrollBar().setValue(
        view.left_view.verticalHeader().sectionPosition(view.model.row_of_new("16")))
    wait(300)
    save_grab(view, out / "compare-view.png")

    doc = window.document
    draft = dm.new_draft("Digital Silk Road Cooperation Initiative", symbol="DSR/2026/L.1",
                         place="Beijing", date="2026-11-23")
    for c in library.get("beijing-initiative-2023").clauses[:5]:
        draft = dm.add_clause(draft, c.text)
    draft = dm.revise(draft, note="first reading")
    for code in ("CHN", "LAO", "THA"):
        draft = dm.add_signatory(draft, DraftSignatory(code, title="Minister"))
    doc.reset(draft, None)
    dialog = review.open_export()
    dialog.set_mode("redline")
    dialog.set_against("rev:0")
    dialog.out_edit.setText("/home/delegate/Documents/dsr-2026-l1-redline.docx")
    wait(300)
    save_grab(dialog, out / "export-dialog.png")
    dialog.close()
    close_shot(window)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
