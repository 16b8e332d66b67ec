"""Accept or reject every tracked change of Word files in LibreOffice, and print what remains.

Run with the system Python that has LibreOffice's UNO bridge (python3-uno), not the venv:

    python3 tests/libreoffice_tracked.py SOFFICE PROFILE_DIR FILE.docx…

Starts one headless soffice on a private pipe, then for each file and each of accept-all and
reject-all opens a fresh copy hidden, runs .uno:AcceptAllTrackedChanges or
.uno:RejectAllTrackedChanges, and reads the body's paragraphs back (style name and text, table
cells in order). Prints one JSON object: {file: {"accept": [[style, text]…], "reject": […]}}.
Used by tests/test_redline_libreoffice.py.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]

COMMANDS = {"accept": ".uno:AcceptAllTrackedChanges", "reject": ".uno:RejectAllTrackedChanges"}


def _prop(name: str, value: object) -> PropertyValue:
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def _connect(pipe: str, proc: subprocess.Popen) -> object:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(300):
        if proc.poll() is not None:
            raise SystemExit(f"soffice exited with {proc.returncode}")
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            time.sleep(0.1)
    raise SystemExit("soffice did not answer on its pipe")


@contextlib.contextmanager
def soffice_session(soffice: str, profile: str, tag: str) -> Iterator[tuple[object, object]]:
    """One headless soffice on a private pipe: (component context, desktop), then quit."""
    pipe = f"dsrdraft_{tag}_{os.getpid()}"
    proc = subprocess.Popen(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--invisible",
         "--nologo", "--norestore", "--nodefault",
         f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        ctx = _connect(pipe, proc)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop",
                                                               ctx)
        yield ctx, desktop
        with contextlib.suppress(Exception):  # the bridge drops as soffice quits
            desktop.terminate()
    finally:
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def _paragraphs(doc: object) -> list[list[str]]:
    out: list[list[str]] = []
    enum = doc.getText().createEnumeration()
    while enum.hasMoreElements():
        el = enum.nextElement()
        if el.supportsService("com.sun.star.text.Paragraph"):
            out.append([el.ParaStyleName, el.getString()])
        elif el.supportsService("com.sun.star.text.TextTable"):
            for name in el.getCellNames():
                out.append(["table", el.getCellByName(name).getString()])
    return out


def main() -> None:
    soffice, profile, *files = sys.argv[1:]
    with soffice_session(soffice, profile, "test") as (ctx, desktop):
        dispatcher = ctx.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.DispatchHelper", ctx)
        result: dict[str, dict[str, list[list[str]]]] = {}
        for path in files:
            result[path] = {}
            for choice, command in COMMANDS.items():
                doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(path)),
                                                   "_blank", 0, (_prop("Hidden", True),))
                frame = doc.getCurrentController().getFrame()
                dispatcher.executeDispatch(frame, command, "", 0, ())
                result[path][choice] = _paragraphs(doc)
                doc.close(True)
    json.dump(result, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
