"""`dsrdraft gui`: open the desktop application (the Qt package is loaded only here)."""

from __future__ import annotations

import argparse
import importlib

from dsrdraft.cli.common import add_command


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = add_command(subparsers, "gui", "open the desktop application")
    parser.add_argument("draft", nargs="?", metavar="DRAFT",
                        help="a draft file to open (default: a new, empty draft)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # Loaded by name so that the core never imports the Qt package (ui/ sits on top of it).
    app = importlib.import_module("ui.app")
    argv = ["dsrdraft-gui"]
    if args.db:
        argv += ["--db", args.db]
    if args.draft:
        argv.append(args.draft)
    return int(app.main(argv) or 0)
