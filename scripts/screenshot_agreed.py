"""Screenshot of agreed language and similar clauses:
`xvfb-run python scripts/screenshot_agreed.py docs/screenshots/agreed-language.png`.

A library holding only the 2017 proposal; a draft made of four clauses of the 2023 Beijing
Initiative (18, 19 with one bracketed word, 9, 16); clause 9 selected, so the similar-clauses
tab lists 2017 clause 5 while the editor shades what 18 and 19 repeat from 2017.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtTest import QTest
from screenshot import close_shot, save_grab, shot_window

from dsrdraft.bundled import bundled_initiative
from dsrdraft.store import Library, open_library


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv if argv is None else argv
    out = Path(argv[1] if len(argv) > 1 else "docs/screenshots/agreed-language.png")

    def only_2017(folder: Path) -> Library:
        library = open_library("sqlite:///" + str(folder / "library.sqlite"), seed=False)
        library.import_initiative(bundled_initiative("obor-digital-economy-2017"), id="obor-2017")
        return library

    window = shot_window(argv, (1500, 900), only_2017)
    beijing = {c.number: c.text for c in bundled_initiative("beijing-initiative-2023").clauses}
    e = window.editor
    window.document.set_field("title", "Digital Silk Road Cooperation Initiative 2026")
    window.document.set_field("symbol", "DSR/2026/L.1")
    e.new_clause(beijing["18"])
    e.new_clause(beijing["19"].replace("and orderly cyberspace", "and [orderly][rules-based] "
                                       "cyberspace"))
    e.new_clause(beijing["9"])
    e.new_clause(beijing["16"])
    window.drafting.focus_similar()
    e.select_uid(window.document.draft.clauses[2].uid)
    shading = window.drafting.shading
    for _ in range(300):  # the first compare on the shared worker imports numpy: be patient
        QTest.qWait(100)
        if (all(shading.known(c.text) for c in window.document.draft.clauses)
                and window.drafting.similar_panel.model.rows):
            break
    window.preview_dock.hide()  # more room for the clauses
    window.review.compare_dock.hide()
    e.table.scrollTo(e.model.index(1, 1))
    QTest.qWait(300)
    save_grab(window, out)
    close_shot(window)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
