"""`dsrdraft draft new|add|sign|unsign|revise|show` and the edit subcommands: a draft file."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from dsrdraft.cli import draft_edit_cmd, draft_import_cmd
from dsrdraft.cli.common import (
    add_command,
    check_new_output,
    iso_date,
    print_json,
    report_written,
)
from dsrdraft.errors import DsrError

SHARED_HELP = ("db:NAME for a shared draft in the library database (--db): every save then "
               "compares and swaps its version, never overwriting another's")

if TYPE_CHECKING:
    from dsrdraft.draft.model import Draft


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = add_command(subparsers, "draft", "assemble, edit and revise a negotiated draft file")
    sub = parser.add_subparsers(dest="draft_command", metavar="ACTION", required=True)

    p = add_command(sub, "new", "create a draft file")
    p.add_argument("title", metavar="TITLE", nargs="?", default="",
                   help="the draft's title (default with --from: the text's title)")
    p.add_argument("--from", dest="from_text", metavar="TEXT",
                   help="start from a whole text: a library id, a file or a draft (its "
                        "preambular paragraphs, headings and paragraphs, numbers kept; "
                        "default: an empty draft)")
    p.add_argument("--out", required=True, metavar="DRAFT",
                   help=f"draft file to write, or {SHARED_HELP}")
    p.add_argument("--symbol", default="", help='document symbol, e.g. "DSR/2026/L.1" '
                                                "(default: none)")
    p.add_argument("--place", default="", help="where the text is negotiated (default: none)")
    p.add_argument("--date", default="", type=iso_date, help="ISO date (default: today)")
    p.add_argument("--preamble", default="", help="the preamble (default: none)")
    p.add_argument("--force", action="store_true", help="overwrite an existing --out file")
    p.set_defaults(func=run_new)

    p = add_command(sub, "add", "add clauses at the end: copied from the library "
                    "(LIBRARY_ID:NUMBER), or with a new text")
    p.add_argument("draft", metavar="DRAFT", help="the draft file to add to")
    p.add_argument("refs", nargs="*", metavar="REF",
                   help="LIBRARY_ID:NUMBER, e.g. obor-digital-economy-2017:3")
    p.add_argument("--text", metavar="TEXT",
                   help="add one clause with this text instead of library clauses")
    p.add_argument("--by", nargs="+", action="extend", default=[], metavar="CODE",
                   help=f"the delegations proposing the --text clause: {draft_edit_cmd.CODES_HELP}")
    p.set_defaults(func=run_add)

    p = add_command(sub, "sign", "add signatories (or update them) by ISO 3166 alpha-3 code")
    p.add_argument("draft", metavar="DRAFT", help="the draft file")
    p.add_argument("codes", nargs="+", metavar="CODE", help="ISO 3166 alpha-3 country codes")
    p.add_argument("--representative", default="",
                   help="who signs for each of them (default: left blank)")
    p.add_argument("--title", default="",
                   help="the representative's title, e.g. Minister (default: left blank)")
    p.add_argument("--date", default="", type=iso_date,
                   help="ISO date of signature (default: left blank)")
    p.set_defaults(func=run_sign)

    p = add_command(sub, "unsign", "remove signatories")
    p.add_argument("draft", metavar="DRAFT", help="the draft file")
    p.add_argument("codes", nargs="+", metavar="CODE", help="ISO 3166 alpha-3 country codes")
    p.set_defaults(func=run_unsign)

    p = add_command(sub, "revise", "keep the current text as a revision and open the next Rev.")
    p.add_argument("draft", metavar="DRAFT", help="the draft file")
    p.add_argument("--note", default="", help="what the kept revision was, e.g. "
                                              "\"after the first reading\" (default: none)")
    p.add_argument("--date", default="", type=iso_date,
                   help="ISO date of the kept revision and of the next (default: today)")
    p.set_defaults(func=run_revise)

    p = add_command(sub, "show", "print the draft")
    p.add_argument("draft", metavar="DRAFT", help="draft file (or DRAFT@revN for a revision)")
    p.add_argument("--json", action="store_true", help="print the draft file's JSON")
    p.set_defaults(func=run_show)

    p = add_command(sub, "list", "list the shared drafts in the library database")
    p.set_defaults(func=run_list)

    p = add_command(sub, "history", "every saved version of a shared draft: who, when")
    p.add_argument("draft", metavar="db:NAME", help="the shared draft")
    p.set_defaults(func=run_history)

    p = add_command(sub, "contribute", "a delegation's proposal or reservation on a shared "
                    "draft, for the secretariat to take into the next version (on PostgreSQL "
                    "written in the connected role's name: the server allows no other)")
    p.add_argument("draft", metavar="db:NAME", help="the shared draft")
    p.add_argument("--unit", default="", metavar="UNIT",
                   help="the unit it is about (default: none, a proposed new unit)")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--proposal", metavar="TEXT", help="a proposed text")
    what.add_argument("--reservation", metavar="TEXT", help="a reservation or note")
    p.set_defaults(func=run_contribute)

    p = add_command(sub, "contributions", "the delegations' proposals and reservations on a "
                    "shared draft")
    p.add_argument("draft", metavar="db:NAME", help="the shared draft")
    p.set_defaults(func=run_contributions)

    draft_edit_cmd.register(sub)
    draft_import_cmd.register(sub)


def run_new(args: argparse.Namespace) -> int:
    from dsrdraft.cli.draft_refs import DraftTarget, is_shared
    from dsrdraft.draft import model as m

    if not is_shared(args.out):
        check_new_output(args.out, args.force)
    if args.from_text:
        from dsrdraft.refs import load_initiative_ref

        if args.preamble:
            raise DsrError("--preamble and --from both give the preamble: use one")
        draft = m.draft_from_text(load_initiative_ref(args.from_text, args.db), args.title,
                                  symbol=args.symbol, date=args.date, place=args.place)
    else:
        if not args.title.strip():
            raise DsrError("a draft needs a title (or --from a text)")
        draft = m.new_draft(args.title, symbol=args.symbol, date=args.date, place=args.place,
                            preamble=args.preamble)
    with DraftTarget(args.out, args.db) as target:
        target.create(draft)
    report_written(args.out)
    return 0


def run_list(args: argparse.Namespace) -> int:
    from dsrdraft.store import open_library
    from dsrdraft.store.drafts import SharedDrafts

    with open_library(args.db) as library:
        rows = SharedDrafts(library).names()
    if not rows:
        print("No shared drafts: create one with 'dsrdraft draft new TITLE --out db:NAME'.")
    for name, version, saved_by, saved_at in rows:
        print(f"db:{name}  version {version}  saved by {saved_by} at {saved_at}")
    return 0


def run_history(args: argparse.Namespace) -> int:
    from dsrdraft.cli.draft_refs import DraftTarget, is_shared

    if not is_shared(args.draft):
        raise DsrError(f"{args.draft}: history is kept for shared drafts (db:NAME); a draft "
                       "file keeps its revisions (see 'draft show')")
    with DraftTarget(args.draft, args.db) as target:
        versions = target.shared().versions(target.name)
    for v in versions:
        print(f"version {v.version}  {v.saved_at}  {v.saved_by}" + (f"  ({v.note})"
                                                                    if v.note else ""))
    return 0


def _shared_only(ref: str) -> None:
    from dsrdraft.refs import is_shared

    if not is_shared(ref):
        raise DsrError(f"{ref}: contributions are kept for shared drafts (db:NAME)")


def run_contribute(args: argparse.Namespace) -> int:
    from dsrdraft.cli.draft_refs import DraftTarget

    _shared_only(args.draft)
    kind, body = (("proposal", args.proposal) if args.proposal is not None
                  else ("reservation", args.reservation))
    with DraftTarget(args.draft, args.db) as target:
        target.load()  # the draft must exist
        added = target.shared().contribute(target.name, kind, args.unit, body)
    print(f"{kind} {added.id} by {added.delegation}" + (f" on {args.unit}" if args.unit else ""))
    return 0


def run_contributions(args: argparse.Namespace) -> int:
    from dsrdraft.cli.draft_refs import DraftTarget

    _shared_only(args.draft)
    with DraftTarget(args.draft, args.db) as target:
        items = target.shared().contributions(target.name)
    if not items:
        print("No proposals or reservations yet.")
    for c in items:
        where = f" on {c.unit}" if c.unit else ""
        print(f"{c.id}  {c.created_at}  {c.delegation}  {c.kind}{where}: {c.text}")
    return 0


def parse_clause_ref(ref: str) -> tuple[str, str]:
    library_id, sep, number = ref.rpartition(":")
    if not sep or not library_id or not number.strip():
        raise DsrError(f"bad clause reference {ref!r}: expected LIBRARY_ID:NUMBER")
    return library_id, number.strip()


def run_add(args: argparse.Namespace) -> int:
    from dsrdraft.cli.draft_refs import DraftTarget

    if bool(args.refs) == bool(args.text is not None):
        raise DsrError("give library clauses (LIBRARY_ID:NUMBER…) or --text, not both")
    if args.by and args.text is None:
        raise DsrError("--by names who proposes a --text clause: library clauses keep their "
                       "source instead")
    with DraftTarget(args.draft, args.db) as target:
        if args.text is not None:
            from dsrdraft.draft import edits

            codes = draft_edit_cmd.split_codes(args.by)

            def add_text(draft: Draft) -> tuple[Draft, str]:
                edit = edits.add_text(draft, args.text, codes)
                return edit.draft, edit.summary

            _, summary = target.update(add_text, additive=True)
            print(summary)
            return 0
        wanted = [parse_clause_ref(r) for r in args.refs]
        _, lines = target.update(lambda d: add_library_clauses(d, wanted, args.db),
                                 additive=True)
    print("\n".join(lines))
    return 0


def add_library_clauses(draft: Draft, wanted: list[tuple[str, str]],
                        db: str | None) -> tuple[Draft, list[str]]:
    """The draft with each library clause appended (its source kept as provenance), and a
    line saying what each became."""
    from dsrdraft.draft import Provenance
    from dsrdraft.draft import model as m
    from dsrdraft.store import open_library

    lines = []
    library = open_library(db)
    try:
        cache = {}
        for library_id, number in wanted:
            if library_id not in cache:
                cache[library_id] = library.get(library_id)
            clause = cache[library_id].clause(number)
            if clause is None:
                raise DsrError(f"{library_id} has no clause {number}")
            draft = m.add_clause(draft, clause.text, Provenance(library_id, clause.number),
                                 kind=m.DraftKind(clause.kind.value))
            added = next(c for c in reversed(draft.clauses)
                         if c.provenance == Provenance(library_id, clause.number))
            what = "preambular paragraph" if clause.kind.value == "preambular" else "clause"
            lines.append(f"added {library_id}:{clause.number} as {what} {added.label}")
    finally:
        library.close()
    return draft, lines


def _country_codes(codes: list[str]) -> list[str]:
    from dsrdraft.countries import is_country_code

    upper = [c.strip().upper() for c in codes]
    bad = [c for c in upper if not is_country_code(c)]
    if bad:
        raise DsrError(f"not an ISO 3166 alpha-3 country code: {', '.join(bad)}")
    return upper


def run_sign(args: argparse.Namespace) -> int:
    from dsrdraft.cli.draft_refs import DraftTarget
    from dsrdraft.draft import DraftSignatory
    from dsrdraft.draft import model as m

    codes = _country_codes(args.codes)

    def sign(draft: Draft) -> tuple[Draft, None]:
        for code in codes:
            draft = m.add_signatory(draft, DraftSignatory(code, args.representative,
                                                          args.title, args.date))
        return draft, None

    with DraftTarget(args.draft, args.db) as target:
        draft, _ = target.update(sign, additive=True)
    print(f"signatories: {', '.join(s.code for s in draft.signatories)}")
    return 0


def run_unsign(args: argparse.Namespace) -> int:
    from dsrdraft.cli.draft_refs import DraftTarget
    from dsrdraft.draft import model as m

    codes = _country_codes(args.codes)

    def unsign(draft: Draft) -> tuple[Draft, None]:
        signed = {s.code for s in draft.signatories}
        missing = [c for c in codes if c not in signed]
        if missing:
            raise DsrError(f"not a signatory of the draft: {', '.join(missing)}")
        for code in codes:
            draft = m.remove_signatory(draft, code)
        return draft, None

    with DraftTarget(args.draft, args.db) as target:
        draft, _ = target.update(unsign)
    print(f"signatories: {', '.join(s.code for s in draft.signatories) or 'none'}")
    return 0


def run_revise(args: argparse.Namespace) -> int:
    from dsrdraft.cli.draft_refs import DraftTarget
    from dsrdraft.draft import model as m

    with DraftTarget(args.draft, args.db) as target:
        draft, kept = target.update(
            lambda d: (m.revise(d, note=args.note, date=args.date), d.revision),
            note="issued the next revision")
    print(f"kept rev{kept}; now {draft.full_symbol or f'Rev.{draft.revision}'}")
    return 0


def run_show(args: argparse.Namespace) -> int:
    from dsrdraft.cli.draft_refs import is_shared, load_ref
    from dsrdraft.draft.storage import DraftFile, draft_to_json, is_draft_file, split_revision_ref

    if is_shared(args.draft):
        shared = load_ref(args.draft, args.db)
        if shared is None:
            raise DsrError(f"{args.draft}: no such shared draft")
        if args.json:
            print_json(draft_to_json(shared))
            return 0
        print_draft(shared)
        return 0
    path, revision = split_revision_ref(args.draft)
    if not is_draft_file(path):
        raise DsrError(f"{args.draft}: not a draft file")
    file = DraftFile.open(path)
    draft = file.draft if revision is None else file.draft.at_revision(revision)
    if args.json:
        print_json(file.to_json(draft))  # keys this version does not know, shown too
        return 0
    print_draft(draft)
    return 0


def print_draft(draft: Draft) -> None:
    """The draft as text: symbol, place and date, title, units with their flags, signatories
    and kept revisions."""
    print(draft.full_symbol)
    print(", ".join(x for x in (draft.place, draft.date) if x))
    print()
    print(draft.title)
    print()
    for c in draft.clauses:
        if c.is_heading:
            deleted = "  (DELETED)" if c.deleted else ""
            print(f"\n{' — '.join(x for x in (c.label, c.text) if x)}{deleted}")
            continue
        flags = [c.status.value]
        if c.proposers:
            flags.append("proposed by " + ", ".join(c.proposers))
        if c.deleted:
            flags.append("DELETED" + (" by " + ", ".join(c.deleted_by) if c.deleted_by else ""))
        if c.provenance:
            flags.append(f"from {c.provenance}")
        label = f"{c.label}. " if c.label else ""
        print(f"{label}{c.text}  ({'; '.join(flags)})")
        for i, alt in enumerate(c.alternatives, 1):
            by = f" ({', '.join(alt.proposers)})" if alt.proposers else ""
            print(f"    {c.label} Alt {i}{by}: {alt.text}")
        for i, r in enumerate(c.reservations, 1):
            print(f"    reservation {i} ({r.delegation}): {r.text}")
    if draft.signatories:
        print()
        print("Signed by: " + ", ".join(s.code for s in draft.signatories))
    if draft.revisions:
        print()
        for rev in draft.revisions:
            print(f"rev{rev.number}  {rev.date}  {rev.note}")
