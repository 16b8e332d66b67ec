"""`dsrdraft compile BASE PROPOSAL... [--as CODE...] [--author-map NAME=CODE...] --out
COMPILATION.json [--table OUT.docx]`."""

from __future__ import annotations

import argparse

from dsrdraft.cli.common import (
    AUTHOR_MAP_HELP,
    add_command,
    check_new_output,
    print_json,
    report_written,
    returned_summary,
)
from dsrdraft.errors import DsrError

HELP = "compile delegations' proposals on a base draft into one bracketed, attributed draft"


def register(subparsers: argparse._SubParsersAction) -> None:
    p = add_command(subparsers, "compile", HELP)
    p.add_argument("base", metavar="BASE",
                   help="the base text: a draft file (or DRAFT@revN), a dsrdraft export "
                        "(the draft it carries), another .docx, .txt, .md or a library id")
    p.add_argument("proposals", nargs="+", metavar="PROPOSAL",
                   help="each delegation's version: a draft file, .txt or .md, or a returned "
                        "Word file (.docx), whose tracked changes' and comments' authors are "
                        "the delegations proposing them")
    p.add_argument("--as", dest="codes", nargs="+", action="extend", default=[],
                   metavar="CODE",
                   help="the delegation (ISO 3166 alpha-3 code) or group label of each "
                        "proposal, in the same order: --as CHN THA EGY (or --as CHN --as THA); "
                        "for a .docx, whose edits made without change tracking are ('-' for "
                        "none). Default: none, every PROPOSAL a returned .docx")
    p.add_argument("--author-map", dest="author_map", action="append", default=[],
                   metavar="NAME=CODE", help=AUTHOR_MAP_HELP)
    p.add_argument("--out", required=True, metavar="COMPILATION.json",
                   help="the compilation draft file to write")
    p.add_argument("--table", metavar="OUT.docx",
                   help="also write a table view: one row per clause, base then each proposal")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.add_argument("--force", action="store_true",
                   help="overwrite an existing --out or --table file")
    p.set_defaults(func=run_compile)


def run_compile(args: argparse.Namespace) -> int:
    from pathlib import Path

    from dsrdraft.compile import load_base
    from dsrdraft.draft.storage import save_draft
    from dsrdraft.roundtrip.authors import parse_author_map
    from dsrdraft.roundtrip.compiling import compile_returned
    from dsrdraft.roundtrip.returned import UntrackedEdits

    sources = _sources(args)
    mapping = parse_author_map(args.author_map)
    out = Path(args.out)
    if out.suffix.lower() == ".docx":
        raise DsrError(f"{out}: --out is the compilation draft file (.json); use --table "
                       "for a Word table, or 'dsrdraft export' for the negotiation text")
    check_new_output(out, args.force)
    if args.table:
        if Path(args.table).suffix.lower() != ".docx":
            raise DsrError(f"{args.table}: the table view must end in .docx")
        check_new_output(args.table, args.force)
    base = load_base(args.base, args.db)
    try:
        result = compile_returned(base, sources, mapping, args.db)
    except UntrackedEdits as exc:
        raise DsrError(f"{exc} (--as CODE names the file's delegation, in PROPOSAL order)"
                       ) from None
    compilation = result.compilation
    if not compilation.codes and not any(f.reservations for f in result.files):
        raise DsrError("nothing to compile: no proposal, tracked change or comment in "
                       + ", ".join(args.proposals))
    save_draft(result.draft, out)
    if args.table:
        from dsrdraft.compile.table_export import export_table

        export_table(compilation, args.table,
                     sources=[args.base, *args.proposals])
    if args.json:
        data = result.to_json()
        data["out"] = str(out)
        data["table"] = args.table
        print_json(data)
        for written in (out, args.table):
            if written:
                report_written(written, json_mode=True)
        return 0
    summary = compilation.summary()
    print(f"compiled {len(compilation.codes)} proposal(s) ({', '.join(compilation.codes)}) on "
          f"{args.base}: {summary['with_proposals']} of {summary['clauses']} clauses with "
          f"proposals ({summary['changed']} changed, {summary['new']} new, "
          f"{summary['deletions']} with deletion proposed), {summary['conflicts']} conflict(s)")
    for r in compilation.clauses:
        notes = [", ".join(r.delegations)]
        if r.deleted_by:
            notes.append("delete: " + ", ".join(r.deleted_by))
        if r.conflicts:
            notes.append(f"{r.conflicts} conflict(s)")
        print(f"  {r.label} ({r.kind}): {'; '.join(notes)}")
    if result.files:
        print("returned files (author = delegation):")
        for reading in result.files:
            for line in returned_summary(reading):
                print(line)
            for r in reading.reservations:
                label = next((c.label for c in result.draft.clauses if c.uid == r.uid), "?")
                print(f"    reservation by {r.code} on {label or r.uid}")
    for w in result.to_json()["warnings"]:
        print(f"warning: {w}")
    for written in (out, args.table):
        if written:
            report_written(written)
    return 0


def _sources(args: argparse.Namespace) -> list:
    """Each PROPOSAL with its --as code: a .docx is a returned file ('-' or no --as: no
    delegation of its own); anything else needs its code."""
    from dsrdraft.roundtrip.compiling import Source, is_returned

    if args.codes and len(args.codes) != len(args.proposals):
        raise DsrError(f"{len(args.proposals)} proposal(s) but {len(args.codes)} --as "
                       "code(s): give one --as CODE per PROPOSAL, in the same order ('-' for "
                       "a returned .docx with no delegation of its own)")
    codes = args.codes or [None] * len(args.proposals)
    out = []
    for ref, code in zip(args.proposals, codes, strict=True):
        code = None if code in (None, "-") else code
        if is_returned(ref):
            out.append(Source(ref, code))
        elif code is None:
            raise DsrError(f"{ref}: not a returned Word file, so it needs its delegation: "
                           "give one --as CODE per PROPOSAL, in the same order")
        else:
            out.append(Source(ref, code, returned=False))
    return out
