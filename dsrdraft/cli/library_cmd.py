"""`dsrdraft library import|list|search|show`: the clause library on the command line."""

from __future__ import annotations

import argparse
import sys

from dsrdraft.cli.common import add_command, positive_int, print_json
from dsrdraft.errors import DsrError

ID_HELP = ("library id to give the initiative: lowercase letters, digits, '.', '_' and '-'; "
           "one FILE only; refused if the id is taken or the text is already in the library "
           "under another id (default: made from the title and year)")


def register(subparsers: argparse._SubParsersAction) -> None:
    library = add_command(subparsers, "library", "import, list, search and show initiatives")
    commands = library.add_subparsers(dest="library_command", metavar="COMMAND", required=True)

    imp = add_command(commands, "import", "parse files and add them to the library "
                      "(all in one transaction: every file or none)")
    imp.add_argument("files", nargs="+", metavar="FILE", help="a .txt, .md or .docx text")
    imp.add_argument("--id", help=ID_HELP)
    imp.set_defaults(func=run_import)

    lst = add_command(commands, "list", "list the initiatives in the library")
    lst.add_argument("--json", action="store_true", help="print the list as JSON")
    lst.set_defaults(func=run_list)

    search = add_command(commands, "search", "full-text search of the clauses")
    search.add_argument("query", help="words (all must match, plurals and inflections "
                                      "folded; 'digit*' for a prefix) or Chinese terms")
    search.add_argument("--json", action="store_true", help="print the hits as JSON")
    search.add_argument("--limit", type=positive_int, default=10, metavar="N",
                        help="at most N hits, best first (default: 10)")
    search.add_argument("--initiative", metavar="ID", help="only clauses of this initiative")
    search.add_argument("--year", type=int, help="only initiatives of this year")
    search.add_argument("--language", metavar="LANG",
                        help="only clauses in this language: en, zh, …")
    search.add_argument("--kind", metavar="KIND",
                        help="only units of this kind: preambular, operative, annex, heading "
                             "(division headings), translation, …")
    search.set_defaults(func=run_search)

    roles = add_command(commands, "grant", "PostgreSQL: make ROLE a secretariat's or a "
                        "delegation's login (run as the library database's owner; the groups, "
                        "grants and row-level security are set up the first time)")
    roles.add_argument("role", metavar="ROLE", help="the login role, created if missing")
    roles.add_argument("group", choices=("secretariat", "delegation"), metavar="GROUP",
                       help="secretariat (keeps the library, issues revisions) or delegation "
                            "(reads; writes its own proposals and reservations)")
    roles.add_argument("--password-env", metavar="VAR",
                       help="set the role's password from this environment variable "
                            "(default: leave it as it is)")
    roles.set_defaults(func=run_grant)

    opt = add_command(commands, "optimize", "after a bulk import: merge the agreed-language "
                      "and search indexes into one piece each, so their lookups stay fast "
                      "(same results; nothing to do on PostgreSQL)")
    opt.set_defaults(func=run_optimize)

    show = add_command(commands, "show", "show one initiative")
    show.add_argument("id", metavar="ID", help="library id (see 'dsrdraft library list')")
    show.add_argument("--json", action="store_true", help="print the initiative as JSON")
    show.set_defaults(func=run_show)


def run_import(args: argparse.Namespace) -> int:
    from dsrdraft.cli.parse_cmd import note_dropped
    from dsrdraft.parsing import parse_file
    from dsrdraft.store import open_library
    from dsrdraft.store.library import id_of_text

    if args.id and len(args.files) > 1:
        raise DsrError(f"--id names one initiative but {len(args.files)} files were given: "
                       "import them one at a time to choose their ids, or leave out --id")
    # Parse everything first so that one bad file imports nothing half-way.
    parsed = [parse_file(path) for path in args.files]
    for initiative in parsed:
        note_dropped(initiative)
    library = open_library(args.db)
    try:
        if args.id:
            held = id_of_text(library, parsed[0])
            if held is not None and held != args.id:
                raise DsrError(f"{args.files[0]}: this text is already in the library as "
                               f"'{held}'; not imported again as '{args.id}' (use '{held}')")
            if held is None and library.has(args.id):
                raise DsrError(f"library id '{args.id}' is already taken by another "
                               "initiative: choose another --id")
        # One transaction: either every file is in the library afterwards or none is.
        results = library.import_initiatives((initiative, args.id) for initiative in parsed)
    finally:
        library.close()
    for path, initiative, result in zip(args.files, parsed, results, strict=True):
        state = "imported" if result.created else "already in the library"
        print(f"{result.id}: {state} ({initiative.summary()} from {path})")
    return 0


def run_list(args: argparse.Namespace) -> int:
    from dsrdraft.store import open_library

    library = open_library(args.db)
    try:
        items = library.list_initiatives()
    finally:
        library.close()
    if args.json:
        print_json([i.to_json() for i in items])
        return 0
    if not items:
        print("The library is empty: add texts with 'dsrdraft library import FILE'.")
    for line in list_lines(items):
        print(line)
    return 0


def run_optimize(args: argparse.Namespace) -> int:
    from dsrdraft.store import open_library

    library = open_library(args.db)
    try:
        merged = library.optimize()
    finally:
        library.close()
    print("Merged the agreed-language and search indexes into one segment each." if merged
          else "Nothing to merge: the agreed-language and search indexes are in one piece.")
    return 0


def list_lines(items: list) -> list[str]:
    """One aligned line per initiative: the id column as wide as the longest id."""
    width = max((len(i.id) for i in items), default=0)
    return [f"{i.id:<{width}}  {i.year or '':<4}  {i.clauses:>4} clauses  "
            f"{','.join(i.languages):<6} {i.title}".rstrip() for i in items]


def run_search(args: argparse.Namespace) -> int:
    import re

    from dsrdraft.store import open_library

    library = open_library(args.db)
    try:
        hits = library.search(args.query, limit=args.limit, initiative=args.initiative,
                              year=args.year, language=args.language, kind=args.kind)
    finally:
        library.close()
    from dsrdraft.store.query import window_full

    if args.limit > len(hits) and window_full(len(hits)):
        print(f"dsrdraft: note: the {len(hits)} newest matching clauses were ranked; more "
              f"may match: add words or filters to narrow the search", file=sys.stderr)
    if args.json:
        print_json([
            {"id": h.id, "number": h.number, "text": h.text, "score": round(h.score, 4),
             "language": h.language, "kind": h.kind, "snippet": h.snippet}
            for h in hits
        ])
        return 0
    if not hits:
        print(f"No clause matches '{args.query}'.")
    for hit in hits:
        snippet = re.sub(r"\s+", " ", hit.snippet)
        print(f"{hit.id} {hit.number} [{hit.language}] ({hit.score:.2f})\n    {snippet}")
    return 0


def run_grant(args: argparse.Namespace) -> int:
    import os

    from dsrdraft.store import open_library
    from dsrdraft.store.roles import add_member, install_roles

    password = None
    if args.password_env:
        password = os.environ.get(args.password_env)
        if password is None:
            raise DsrError(f"--password-env: ${args.password_env} is not set")
    library = open_library(args.db, seed=False)
    try:
        if library.dialect != "postgresql":
            raise DsrError("roles are a PostgreSQL library's: a SQLite file has no users")
        with library._write() as conn:
            install_roles(conn)
            add_member(conn, args.role, args.group, password)
    finally:
        library.close()
    print(f"{args.role}: a {args.group} login of this library")
    return 0


def run_show(args: argparse.Namespace) -> int:
    from dsrdraft.cli.parse_cmd import describe
    from dsrdraft.store import open_library

    library = open_library(args.db)
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
