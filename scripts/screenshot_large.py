"""Screenshots of a 1,000-paragraph draft with the compare view docked, at the screen's size:

    xvfb-run -s '-screen 0 1280x720x24' python scripts/screenshot_large.py docs/screenshots
    xvfb-run -s '-screen 0 1600x1000x24' python scripts/screenshot_large.py docs/screenshots

The window opens at the size it picks for that screen (`initial_size`); the draft is the
bundled library's 35 clauses round and round, kept as Rev.0, then every tenth paragraph
edited; the compare view shows Rev.0 against the draft, positioned on the third change.
Saved as large-draft-WIDTHxHEIGHT.png.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication
from screenshot import close_shot, save_grab, shot_window

from dsrdraft.draft import model as dm
from dsrdraft.draft.model import Status
from dsrdraft.sources import CURRENT_DRAFT, revision_key
from dsrdraft_ui.app import run_event_loop as wait


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv if argv is None else argv
    out = Path(argv[1] if len(argv) > 1 else "docs/screenshots")
    app = QApplication.instance() or QApplication(argv)
    screen = app.primaryScreen().availableGeometry().size()
    from dsrdraft_ui.main_window import initial_size

    window = shot_window(argv, initial_size(screen))
    library = window.library
    texts = [c for i in ("obor-digital-economy-2017", "beijing-initiative-2023")
             for c in library.get(i).clauses]
    draft = dm.new_draft("Thousand-paragraph draft", symbol="DSR/2026/L.9", place="Beijing")
    for n in range(1000):
        draft = dm.add_clause(draft, f"{texts[n % len(texts)].text} (Paragraph {n + 1}.)")
    draft = dm.revise(draft, note="first reading")
    for i, c in enumerate(draft.clauses):
        if i % 10 == 3:
            draft = dm.edit_clause_text(draft, c.uid, c.text.replace(" the ", " all the ", 1)
                                        + " Review progress every [two][three] years.")
        if i % 7 == 2:
            draft = dm.set_status(draft, c.uid, Status.AGREED)
    window.document.reset(draft, None)
    review = window.review
    view = review.compare_view
    review.show_compare(choose_default=False)
    view.set_sources(revision_key(0), CURRENT_DRAFT)
    for _ in range(100):
        if view.model.rowCount() and not view.pending:
            break
        wait(100)
    view.wait_heights()
    view.left_view.setFocus()
    for _ in range(3):
        view.next_change()
    window.editor.select_uid(window.document.draft.clauses[13].uid)
    wait(600)
    size = f"{screen.width()}x{screen.height()}"
    save_grab(window, out / f"large-draft-{size}.png")
    close_shot(window)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
