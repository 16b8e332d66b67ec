"""`dsrdraft draft new|add|sign|revise|show`: assemble and keep a negotiated draft file."""

from __future__ import annotations

import argparse

from dsrdraft.cli.common import add_command, print_json
from dsrdraft.draft import DraftSignatory, Provenance
from dsrdraft.draft import model as m
from dsrdraft.draft.storage import draft_to_json, load_draft, save_draft
from dsrdraft.errors import DsrError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = add_command(subparsers, "draft", "assemble and revise a negotiated draft file")
    sub = parser.add_subparsers(dest="draft_command", metavar="ACTION", required=True)

    p = add_command(sub, "new", "create a draft file")
    p.add_argument("title")
    p.add_argument("--out", required=True, metavar="DRAFT", help="draft file to write")
    p.add_argument("--symbol", default="", help='document symbol, e.g. "DSR/2026/L.1"')
    p.add_argument("--place", default="")
    p.add_argument("--date", default="", help="ISO date (default: today)")
    p.add_argument("--preamble", default="")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p.set_defaults(func=run_new)

    p = add_command(sub, "add", "copy library clauses (LIBRARY_ID:NUMBER) into the draft")
    p.add_argument("draft", metavar="DRAFT")
    p.add_argument("refs", nargs="+", metavar="REF", help="LIBRARY_ID:NUMBER")
    p.set_defaults(func=run_add)

    p = add_command(sub, "sign", "add signatories by ISO 3166 alpha-3 code")
    p.add_argument("draft", metavar="DRAFT")
    p.add_argument("codes", nargs="+", metavar="CODE")
    p.add_argument("--representative", default="")
    p.add_argument("--title", default="", help="the representative's title")
    p.add_argument("--date", default="")
    p.set_defaults(func=run_sign)

    p = add_command(sub, "revise", "keep the current text as a revision and open the next Rev.")
    p.add_argument("draft", metavar="DRAFT")
    p.add_argument("--note", default="")
    p.add_argument("--date", default="")
    p.set_defaults(func=run_revise)

    p = add_command(sub, "show", "print the draft")
    p.add_argument("draft", metavar="DRAFT")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_show)


def run_new(args: argparse.Namespace) -> int:
    from pathlib import Path

    if Path(args.out).exists() and not args.force:
        raise DsrError(f"{args.out}: already exists (use --force to overwrite)")
    draft = m.new_draft(args.title, symbol=args.symbol, date=args.date, place=args.place,
                        preamble=args.preamble)
    save_draft(draft, args.out)
    print(f"created {args.out}")
    return 0


def parse_clause_ref(ref: str) -> tuple[str, str]:
    library_id, sep, number = ref.rpartition(":")
    if not sep or not library_id or not number.strip():
        raise DsrError(f"bad clause reference {ref!r}: expected LIBRARY_ID:NUMBER")
    return library_id, number.strip()


def run_add(args: argparse.Namespace) -> int:
    from dsrdraft.store import open_library

    draft = load_draft(args.draft)
    wanted = [parse_clause_ref(r) for r in args.refs]
    library = open_library(args.db)
    try:
        cache = {}
        for library_id, number in wanted:
            if library_id not in cache:
                cache[library_id] = library.get(library_id)
            clause = cache[library_id].clause(number)
            if clause is None:
                raise DsrError(f"{library_id} has no clause {number}")
            draft = m.add_clause(draft, clause.text, Provenance(library_id, number))
            print(f"added {library_id}:{number} as clause {draft.clauses[-1].label}")
    finally:
        library.close()
    save_draft(draft, args.draft)
    return 0


def run_sign(args: argparse.Namespace) -> int:
    from dsrdraft.countries import is_country_code

    draft = load_draft(args.draft)
    codes = [c.strip().upper() for c in args.codes]
    bad = [c for c in codes if not is_country_code(c)]
    if bad:
        raise DsrError(f"not an ISO 3166 alpha-3 country code: {', '.join(bad)}")
    for code in codes:
        draft = m.add_signatory(draft, DraftSignatory(code, args.representative, args.title,
                                                      args.date))
    save_draft(draft, args.draft)
    print(f"signatories: {', '.join(s.code for s in draft.signatories)}")
    return 0


def run_revise(args: argparse.Namespace) -> int:
    draft = load_draft(args.draft)
    kept = draft.revision
    draft = m.revise(draft, note=args.note, date=args.date)
    save_draft(draft, args.draft)
    print(f"kept rev{kept}; now {draft.full_symbol or f'Rev.{draft.revision}'}")
    return 0


def run_show(args: argparse.Namespace) -> int:
    draft = load_draft(args.draft)
    if args.json:
        print_json(draft_to_json(draft))
        return 0
    print(draft.full_symbol)
    print(", ".join(x for x in (draft.place, draft.date) if x))
    print()
    print(draft.title)
    if draft.preamble:
        print()
        print(draft.preamble)
    print()
    for c in draft.clauses:
        flags = [c.status.value]
        if c.proposers:
            flags.append("proposed by " + ", ".join(c.proposers))
        if c.deleted:
            flags.append("DELETED" + (" by " + ", ".join(c.deleted_by) if c.deleted_by else ""))
        if c.provenance:
            flags.append(f"from {c.provenance}")
        print(f"{c.label}. {c.text}  ({'; '.join(flags)})")
        for i, alt in enumerate(c.alternatives, 1):
            by = f" ({', '.join(alt.proposers)})" if alt.proposers else ""
            print(f"    {c.label} Alt {i}{by}: {alt.text}")
        for r in c.reservations:
            print(f"    reservation {r.delegation}: {r.text}")
    if draft.signatories:
        print()
        print("Signed by: " + ", ".join(s.code for s in draft.signatories))
    if draft.revisions:
        print()
        for r in draft.revisions:
            print(f"rev{r.number}  {r.date}  {r.note}")
    return 0
