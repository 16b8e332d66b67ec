"""`dsrdraft library import|list|search|show`: the clause library on the command line."""

from __future__ import annotations

import argparse
import re

from dsrdraft.cli.common import add_command, add_db_option, print_json
from dsrdraft.cli.parse_cmd import describe
from dsrdraft.errors import DsrError
from dsrdraft.parsing import parse_file
from dsrdraft.store import open_library


def register(subparsers: argparse._SubParsersAction) -> None:
    library = subparsers.add_parser("library", help="the clause library",
                                    description="Import, list, search and show initiatives.")
    add_db_option(library)
    commands = library.add_subparsers(dest="library_command", metavar="COMMAND", required=True)

    imp = add_command(commands, "import", "parse files and add them to the library")
    imp.add_argument("files", nargs="+", metavar="FILE")
    imp.add_argument("--id", help="library id to give the initiative (one file only)")
    imp.set_defaults(func=run_import)

    lst = add_command(commands, "list", "list the initiatives in the library")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(func=run_list)

    search = add_command(commands, "search", "full-text search of the clauses")
    search.add_argument("query")
    search.add_argument("--json", action="store_true")
    search.add_argument("--limit", type=_positive, default=10)
    search.add_argument("--initiative", metavar="ID", help="only this initiative")
    search.add_argument("--year", type=int)
    search.add_argument("--language", metavar="LANG", help="en, zh, …")
    search.set_defaults(func=run_search)

    show = add_command(commands, "show", "show one initiative")
    show.add_argument("id")
    show.add_argument("--json", action="store_true")
    show.set_defaults(func=run_show)


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: '{value}'") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def _db(args: argparse.Namespace) -> str | None:
    return args.db


def run_import(args: argparse.Namespace) -> int:
    if args.id and len(args.files) > 1:
        raise DsrError("--id names one initiative: give one FILE with it")
    # Parse everything first so that one bad file imports nothing half-way.
    parsed = [parse_file(path) for path in args.files]
    library = open_library(_db(args))
    try:
        # One transaction: either every file is in the library afterwards or none is.
        results = library.import_initiatives((initiative, args.id) for initiative in parsed)
    finally:
        library.close()
    for path, initiative, result in zip(args.files, parsed, results, strict=True):
        state = "imported" if result.created else "already in the library"
        print(f"{result.id}: {state} ({len(initiative.clauses)} clauses from {path})")
    return 0


def run_list(args: argparse.Namespace) -> int:
    library = open_library(_db(args))
    try:
        items = library.list_initiatives()
    finally:
        library.close()
    if args.json:
        print_json([
            {"id": i.id, "title": i.title, "year": i.year, "clauses": i.clauses,
             "languages": list(i.languages)}
            for i in items
        ])
        return 0
    if not items:
        print("The library is empty: add texts with 'dsrdraft library import FILE'.")
    for item in items:
        year = item.year or "----"
        print(f"{item.id:<32} {year}  {item.clauses:>4} clauses  "
              f"{','.join(item.languages):<6} {item.title}")
    return 0


def run_search(args: argparse.Namespace) -> int:
    library = open_library(_db(args))
    try:
        hits = library.search(args.query, limit=args.limit, initiative=args.initiative,
                              year=args.year, language=args.language)
    finally:
        library.close()
    if args.json:
        print_json([
            {"id": h.id, "number": h.number, "text": h.text, "score": round(h.score, 4),
             "language": h.language, "snippet": h.snippet}
            for h in hits
        ])
        return 0
    if not hits:
        print(f"No clause matches '{args.query}'.")
    for hit in hits:
        snippet = re.sub(r"\s+", " ", hit.snippet)
        print(f"{hit.id} {hit.number} [{hit.language}] ({hit.score:.2f})\n    {snippet}")
    return 0


def run_show(args: argparse.Namespace) -> int:
    library = open_library(_db(args))
    try:
        initiative = library.get(args.id)
    finally:
        library.close()
    if args.json:
        print_json(initiative.to_json())
        return 0
    print(describe(initiative))
    if initiative.date or initiative.place:
        print(f"\n  {initiative.date or ''} {initiative.place or ''}".rstrip())
    return 0
