"""`dsrdraft gui`: open the desktop application, found through its installed entry point.

The core never names the Qt package: the application is whatever the installed distribution
declares as its `dsrdraft-gui` GUI script (`[project.gui-scripts]` in pyproject.toml).
"""

from __future__ import annotations

import argparse

from dsrdraft.cli.common import add_command
from dsrdraft.errors import DsrError

GUI_ENTRY_POINT = "dsrdraft-gui"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = add_command(subparsers, "gui", "open the desktop application")
    parser.add_argument("draft", nargs="?", metavar="DRAFT",
                        help="a draft file to open (default: a new, empty draft)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from importlib.metadata import entry_points  # 30-50 ms: only for this command

    found = entry_points(group="gui_scripts", name=GUI_ENTRY_POINT)
    if not found:
        raise DsrError("the desktop application is not installed (no 'dsrdraft-gui' entry "
                       "point): reinstall dsrdraft with pip")
    main = next(iter(found)).load()
    argv = [GUI_ENTRY_POINT]
    if args.db:
        argv += ["--db", args.db]
    if args.draft:
        argv.append(args.draft)
    return int(main(argv) or 0)
