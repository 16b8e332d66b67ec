"""Edit a Word file in LibreOffice with change tracking on, as a named author, and save it.

Run with the system Python that has LibreOffice's UNO bridge (python3-uno), not the venv:

    python3 tests/libreoffice_edit.py SOFFICE PROFILE_DIR AUTHOR IN.docx OUT.docx OLD=NEW…

Starts one headless soffice on a private pipe, sets the user's name to AUTHOR (the name
LibreOffice writes on tracked changes), opens IN.docx, turns on Edit ▸ Track Changes ▸ Record,
replaces every OLD by NEW (a tracked deletion and insertion, as a delegate typing would make),
and saves OUT.docx in Word format. Used by tests/test_roundtrip_libreoffice.py. LibreOffice
7.4 crashes making tracked edits in a file that holds a comment: edit comment-free files.
"""

from __future__ import annotations

import os
import sys

import uno  # type: ignore[import-not-found]
from libreoffice_tracked import _prop, soffice_session


def _set_author(ctx: object, author: str) -> None:
    provider = ctx.ServiceManager.createInstanceWithContext(
        "com.sun.star.configuration.ConfigurationProvider", ctx)
    access = provider.createInstanceWithArguments(
        "com.sun.star.configuration.ConfigurationUpdateAccess",
        (_prop("nodepath", "/org.openoffice.UserProfile/Data"),))
    access.setPropertyValue("givenname", author)
    access.setPropertyValue("sn", "")
    access.setPropertyValue("initials", author[:3])
    access.commitChanges()


def main() -> None:
    soffice, profile, author, source, target, *edits = sys.argv[1:]
    with soffice_session(soffice, profile, "edit") as (ctx, desktop):
        _set_author(ctx, author)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(source)),
                                           "_blank", 0, (_prop("Hidden", True),))
        doc.setPropertyValue("RecordChanges", True)
        for edit in edits:
            old, new = edit.split("=", 1)
            replace = doc.createReplaceDescriptor()
            replace.SearchString = old
            replace.ReplaceString = new
            if not doc.replaceAll(replace):
                raise SystemExit(f"{old!r} is not in {source}")
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(target)),
                       (_prop("FilterName", "MS Word 2007 XML"),))
        doc.close(True)


if __name__ == "__main__":
    main()
