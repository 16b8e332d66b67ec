"""`dsrdraft export` (a draft to Word) and `dsrdraft verify` (a Word export's fingerprint)."""

from __future__ import annotations

import argparse

from dsrdraft.cli.common import add_command, check_new_output, report_written
from dsrdraft.errors import DsrError

# dsrdraft.export.writer.MODES, not imported here: it loads python-docx at start-up
# (tests/test_cli_contract.py keeps the two equal).
MODES = ("clean", "negotiation", "redline")


def register(subparsers: argparse._SubParsersAction) -> None:
    p = add_command(subparsers, "export", "export a draft to Word (.docx)")
    p.add_argument("draft", metavar="DRAFT", help="draft file (or DRAFT@revN for a revision)")
    p.add_argument("--out", required=True, metavar="FILE.docx", help="the Word file to write")
    p.add_argument("--mode", choices=MODES, default="negotiation",
                   help="clean: the agreed text; negotiation: brackets, alternatives, "
                        "deletions struck through, status shading; redline: tracked changes "
                        "against --against (default: negotiation)")
    p.add_argument("--against", metavar="REF",
                   help="redline base: a file, library id, draft file or DRAFT@revN")
    p.add_argument("--force", action="store_true", help="overwrite an existing --out file")
    p.add_argument("--allow-brackets", action="store_true",
                   help="export although brackets remain: a clean text keeps the first of "
                        "each set of alternatives and drops the brackets; unbalanced brackets "
                        "are exported as they stand")
    p.add_argument("--author", default="dsrdraft",
                   help="author of the redline's tracked changes (default: dsrdraft)")
    p.add_argument("--template", metavar="FILE.docx",
                   help="Word template with the dsrdraft styles (default: the bundled one)")
    p.set_defaults(func=run_export)

    p = add_command(subparsers, "verify", "check a Word export against its embedded fingerprint "
                    "(exit 0: unchanged, 1: changed, 2: not a readable export)",
                    uses_library=False)
    p.add_argument("file", metavar="FILE.docx", help="a Word file written by dsrdraft export")
    p.set_defaults(func=run_verify)


def run_export(args: argparse.Namespace) -> int:
    from dsrdraft.cli.draft_refs import load_ref
    from dsrdraft.export.writer import BracketsRefused, export_draft

    if args.mode == "redline" and not args.against:
        raise DsrError("--mode redline needs --against REF")
    if args.against and args.mode != "redline":
        raise DsrError("--against is only used with --mode redline")
    check_new_output(args.out, args.force)
    draft = load_ref(args.draft, args.db)
    if draft is None:
        raise DsrError(f"{args.draft}: not a draft file")
    against = None
    if args.against:
        from dsrdraft.refs import load_initiative_ref

        against = load_initiative_ref(args.against, args.db)
    try:
        fingerprint = export_draft(draft, args.out, mode=args.mode, against=against,
                                   force=args.allow_brackets, author=args.author,
                                   template=args.template)
    except BracketsRefused as exc:
        raise DsrError(f"{exc} (fix them, or use --allow-brackets)") from None
    report_written(args.out, detail=f"{args.mode}, fingerprint {fingerprint[:12]}")
    return 0


def run_verify(args: argparse.Namespace) -> int:
    from dsrdraft.export.fingerprint import verify_docx

    result = verify_docx(args.file)
    if result.ok:
        print(f"verified: {args.file} matches its fingerprint {result.expected[:12]}")
        return 0
    print(f"modified: {args.file} differs from its fingerprint in {', '.join(result.differences)}")
    return 1
