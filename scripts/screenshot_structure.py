"""Screenshots of structured drafts made from real texts of the corpus, with the outline:

    xvfb-run -s '-screen 0 1600x1000x24' python scripts/screenshot_structure.py docs/screenshots
    xvfb-run -s '-screen 0 1280x720x24' python scripts/screenshot_structure.py docs/screenshots

At 1600x1000: UN General Assembly resolution 80/11 (16 preambular paragraphs, operative
paragraphs under plain headings), imported and taken whole into a draft, the outline on its
preamble. At 1280x720: the 1980 ISNAR headquarters agreement (preamble, Articles with
numbered paragraphs), the outline on Article 6, the preview and compare docks closed. The
window opens at the size it picks for that screen (`initial_size`). Saved as
structured-draft-WxH.png.
"""

from __future__ import annotations

import dataclasses
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication
from screenshot import close_shot, save_grab, shot_window

from dsrdraft.draft import model as dm
from dsrdraft.draft.storage import save_draft
from dsrdraft.parsing import parse_file
from dsrdraft_ui.app import run_event_loop as wait

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "real"
TEXTS = {  # screen width -> (corpus file, draft title, symbol, outline entry to go to)
    1600: ("un-ga-res-80-11-peacebuilding-text.txt",
           "2025 review of the United Nations peacebuilding architecture", "A/RES/80/11",
           "Preamble"),
    1280: ("nl-isnar-headquarters-agreement-1980.md",
           "Agreement concerning the headquarters of ISNAR", "Trb. 1980, 95", "Article 6"),
}




def main(argv: list[str] | None = None) -> int:
    argv = sys.argv if argv is None else argv
    out = Path(argv[1] if len(argv) > 1 else "docs/screenshots")
    app = QApplication.instance() or QApplication(argv)
    screen = app.primaryScreen().availableGeometry().size()
    from dsrdraft_ui.main_window import initial_size

    name, title, symbol, go_to = TEXTS[1600 if screen.width() >= 1500 else 1280]
    window = shot_window(argv, initial_size(screen))
    initiative = parse_file(CORPUS / name)
    draft = dataclasses.replace(dm.new_draft(title, symbol=symbol),
                                clauses=dm.units_from_initiative(initiative))
    # a little negotiation on it: one paragraph agreed, one in brackets, one struck out
    body = [c for c in draft.clauses if c.kind is dm.DraftKind.OPERATIVE]
    draft = dm.set_status(draft, body[0].uid, dm.Status.AGREED)
    draft = dm.set_status(draft, body[1].uid, dm.Status.AD_REFERENDUM)
    draft = dm.edit_clause_text(draft, body[2].uid,
                                body[2].text.replace(" shall ", " [shall][should] ", 1)
                                .replace(" the ", " [all] the ", 1))
    path = Path(tempfile.mkdtemp(prefix="dsrdraft-shot-")) / f"{Path(name).stem}.dsrdraft.json"
    save_draft(draft, path)
    window.open_path(path, ask=False)
    wait(300)
    window.editor.heights.measure_all()
    if screen.width() < 1500:
        # On a small screen the draft wants the height: the preview (View ▸ Clause preview)
        # is closed, as a delegate reading a treaty would.
        window.preview_dock.hide()
        window.review.compare_dock.hide()
    wait(300)
    outline = window.outline
    row = next(r for r in range(outline.model.rowCount())
               if outline.model.entry(r).text.startswith(go_to))
    window.focus_outline()
    outline.view.setCurrentIndex(outline.model.index(row))
    window.go_to_unit(outline.model.entry(row).uid, focus_draft=False)
    wait(800)
    save_grab(window, out / f"structured-draft-{screen.width()}x{screen.height()}.png")
    close_shot(window)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
