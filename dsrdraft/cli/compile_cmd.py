"""`dsrdraft compile BASE PROPOSAL... --as CODE... --out COMPILATION.json [--table OUT.docx]`."""

from __future__ import annotations

import argparse

from dsrdraft.cli.common import add_command, check_new_output, print_json, report_written
from dsrdraft.errors import DsrError

HELP = "compile delegations' proposals on a base draft into one bracketed, attributed draft"


def register(subparsers: argparse._SubParsersAction) -> None:
    p = add_command(subparsers, "compile", HELP)
    p.add_argument("base", metavar="BASE",
                   help="the base text: a draft file (or DRAFT@revN), .docx, .txt, .md or "
                        "library id")
    p.add_argument("proposals", nargs="+", metavar="PROPOSAL",
                   help="each delegation's version: a draft file, .docx, .txt or .md")
    p.add_argument("--as", dest="codes", nargs="+", action="extend", required=True,
                   metavar="CODE",
                   help="the delegation (ISO 3166 alpha-3 code) or group label of each "
                        "proposal, in the same order: --as CHN THA EGY (or --as CHN --as THA)")
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

    from dsrdraft.compile import compile_proposals, load_base, load_proposal
    from dsrdraft.draft.storage import save_draft

    if len(args.codes) != len(args.proposals):
        raise DsrError(f"{len(args.proposals)} proposal(s) but {len(args.codes)} --as "
                       "code(s): give one --as CODE per PROPOSAL, in the same order")
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
    proposals = [load_proposal(ref, code, args.db)
                 for ref, code in zip(args.proposals, args.codes, strict=True)]
    compilation = compile_proposals(base, proposals)
    save_draft(compilation.draft, out)
    if args.table:
        from dsrdraft.compile.table_export import export_table

        export_table(compilation, args.table,
                     sources=[args.base, *args.proposals])
    if args.json:
        data = compilation.to_json()
        data["out"] = str(out)
        data["table"] = args.table
        print_json(data)
        for written in (out, args.table):
            if written:
                report_written(written, json_mode=True)
        return 0
    summary = compilation.summary()
    print(f"compiled {len(proposals)} proposal(s) ({', '.join(compilation.codes)}) on "
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
    for w in compilation.warnings:
        print(f"warning: {w}")
    for written in (out, args.table):
        if written:
            report_written(written)
    return 0
