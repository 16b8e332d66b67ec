"""Shared pieces of the command line: the one-line error parser, --db, output files, JSON.

Nothing here may import more than the standard library: every command module imports this
at start-up, and `dsrdraft --help` must stay within a few times a bare interpreter's start.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any, NoReturn

from dsrdraft.errors import DsrError

#: Each parser stores its --db under its own name, so that one given before the command group
#: and one given after it are both seen (argparse lets a subparser's value overwrite the
#: parent's, and a default would hide one given earlier).
DB_DEST_PREFIX = "db@"

DB_HELP = ("SQLAlchemy URL or SQLite file of the library; accepted before or after the "
           "command (default: $DSRDRAFT_DB, else library.sqlite in the user data directory)")
DB_UNUSED_HELP = "accepted for uniformity: this command does not read or write the library"


def fail_line(message: str) -> None:
    """Print the contract's single error line (newlines folded so it stays one line, and
    any password in a URL masked, whatever produced the message)."""
    from dsrdraft.urls import mask_secrets  # its patterns are compiled only to print an error

    one_line = mask_secrets(" ".join(str(message).split()))
    print(f"dsrdraft: error: {one_line}", file=sys.stderr)


class OneLineErrorParser(argparse.ArgumentParser):
    """argparse prints usage plus an error; the contract wants one line and exit 2."""

    def error(self, message: str) -> NoReturn:
        fail_line(f"{message} (see '{self.prog} --help')")
        sys.exit(2)


def add_db_option(parser: argparse.ArgumentParser, *, uses_library: bool = True) -> None:
    parser.add_argument("--db", metavar="URL", dest=DB_DEST_PREFIX + parser.prog,
                        default=argparse.SUPPRESS,
                        help=DB_HELP if uses_library else DB_UNUSED_HELP)


def add_command(subparsers: argparse._SubParsersAction, name: str, help_text: str, *,
                uses_library: bool = True) -> argparse.ArgumentParser:
    """A subcommand parser (or command group) that takes --db like every other one."""
    parser: argparse.ArgumentParser = subparsers.add_parser(name, help=help_text,
                                                            description=help_text)
    add_db_option(parser, uses_library=uses_library)
    return parser


def resolve_db(args: argparse.Namespace) -> None:
    """Fold the --db values of every level into `args.db` (None when not given).

    The same URL given twice is fine; two different ones are refused rather than one being
    silently preferred."""
    given = {key: value for key, value in vars(args).items()
             if key.startswith(DB_DEST_PREFIX)}
    for key in given:
        delattr(args, key)
    urls = list(dict.fromkeys(given.values()))
    if len(urls) > 1:
        raise DsrError(f"--db given with different URLs ({', '.join(urls)}): give one")
    args.db = urls[0] if urls else None


def check_new_output(path: str | os.PathLike[str], force: bool) -> None:
    """An output file is never overwritten silently: --force is the one way to allow it."""
    if os.path.lexists(path) and not force:
        raise DsrError(f"{os.fspath(path)}: already exists (use --force to overwrite)")


def report_written(path: str | os.PathLike[str], *, json_mode: bool = False,
                   detail: str = "") -> None:
    """Say which file was written: on stdout, or on stderr when stdout carries JSON."""
    line = f"wrote {os.fspath(path)}" + (f" ({detail})" if detail else "")
    print(line, file=sys.stderr if json_mode else sys.stdout)


def iso_date(value: str) -> str:
    """argparse type for --date: an ISO date such as 2026-05-14 ("" stays "": the default)."""
    import datetime as dt

    if not value.strip():
        return ""
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date (YYYY-MM-DD): '{value}'") from None


def positive_int(value: str) -> int:
    """argparse type for counts and 1-based positions."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: '{value}'") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1 (got {number})")
    return number


def print_json(data: Any) -> None:
    """JSON on stdout, built whole before a byte is written (never half a document)."""
    import json
    import re

    text = json.dumps(data, ensure_ascii=False, indent=2)
    if re.search("[\ud800-\udfff]", text):  # a file name that is not UTF-8
        text = json.dumps(data, ensure_ascii=True, indent=2)
    sys.stdout.write(text + "\n")


AUTHOR_MAP_HELP = ("who a tracked change's or comment's author is: NAME=CODE, e.g. "
                   "\"Jane Doe=THA\" (repeatable; authors named by an ISO 3166 code or a "
                   "country, such as THA or Egypt, need none; default: none)")


def returned_summary(reading: Any) -> list[str]:
    """Lines saying what a returned Word file held: its authors and their delegations,
    comments, edits made without tracking."""
    parts = []
    for count in reading.counts:
        what = ", ".join(f"{n} {word}" for n, word in ((count.insertions, "insertion(s)"),
                                                        (count.deletions, "deletion(s)"),
                                                        (count.moves, "move(s)")) if n)
        parts.append(f"{count.author or '(no name)'} = {reading.authors.get(count.author, '?')}"
                     f" ({what})")
    commenters: dict[str, int] = {}
    for r in reading.reservations:
        commenters[f"{r.author} = {r.code}"] = commenters.get(f"{r.author} = {r.code}", 0) + 1
    parts += [f"{who} ({n} comment(s))" for who, n in commenters.items()]
    lines = [f"  {reading.path.name}: " + ("; ".join(parts) if parts else
                                           "no tracked changes or comments")]
    if reading.untracked:
        lines.append(f"    edited without tracking: {', '.join(reading.untracked[:10])}")
    return lines
