"""Shared pieces of the command line: the one-line error parser, --db, JSON output."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, NoReturn


def fail_line(message: str) -> None:
    """Print the contract's single error line (newlines folded so it stays one line)."""
    one_line = " ".join(str(message).split())
    print(f"dsrdraft: error: {one_line}", file=sys.stderr)


class OneLineErrorParser(argparse.ArgumentParser):
    """argparse prints usage plus an error; the contract wants one line and exit 2."""

    def error(self, message: str) -> NoReturn:
        fail_line(f"{message} (see '{self.prog} --help')")
        sys.exit(2)


def add_command(
    subparsers: argparse._SubParsersAction, name: str, help_text: str
) -> argparse.ArgumentParser:
    """A subcommand parser that takes --db like every other subcommand."""
    parser: argparse.ArgumentParser = subparsers.add_parser(name, help=help_text,
                                                            description=help_text)
    add_db_option(parser)
    return parser


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="URL",
        default=None,
        help="SQLAlchemy URL of the library (default: $DSRDRAFT_DB or the user data directory)",
    )


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
