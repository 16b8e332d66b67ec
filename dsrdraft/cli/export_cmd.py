"""`dsrdraft export` (a draft to Word) and `dsrdraft verify` (a Word export's fingerprint)."""

from __future__ import annotations

import argparse

from dsrdraft.cli.common import add_command


def register(subparsers: argparse._SubParsersAction) -> None:
    p = add_command(subparsers, "export", "export a draft to Word (.docx)")
    p.add_argument("draft", metavar="DRAFT", help="draft file (or DRAFT@revN)")
    p.add_argument("--out", required=True, metavar="FILE.docx")
    p.add_argument("--mode", choices=("clean", "negotiation", "redline"), default="negotiation")
    p.add_argument("--against", metavar="REF",
                   help="redline base: a file, library id, draft file or DRAFT@revN")
    p.add_argument("--force", action="store_true",
                   help="export even with brackets left (clean) or unbalanced brackets")
    p.add_argument("--author", default="dsrdraft", help="author of tracked changes")
    p.add_argument("--template", metavar="FILE.docx",
                   help="Word template with the dsrdraft styles (default: the bundled one)")
    p.set_defaults(func=run_export)

    p = add_command(subparsers, "verify", "check a Word export against its embedded fingerprint")
    p.add_argument("file", metavar="FILE.docx")
    p.set_defaults(func=run_verify)


def run_export(args: argparse.Namespace) -> int:
    from dsrdraft.draft.storage import load_draft_ref
    from dsrdraft.errors import DsrError
    from dsrdraft.export.writer import export_draft

    draft = load_draft_ref(args.draft)
    if draft is None:
        raise DsrError(f"{args.draft}: not a draft file")
    against = None
    if args.mode == "redline":
        if not args.against:
            raise DsrError("--mode redline needs --against REF")
        from dsrdraft.refs import load_initiative_ref

        against = load_initiative_ref(args.against, args.db)
    elif args.against:
        raise DsrError("--against is only used with --mode redline")
    fingerprint = export_draft(draft, args.out, mode=args.mode, against=against,
                               force=args.force, author=args.author, template=args.template)
    print(f"wrote {args.out} ({args.mode}, fingerprint {fingerprint[:12]})")
    return 0


def run_verify(args: argparse.Namespace) -> int:
    from dsrdraft.export.fingerprint import verify_docx

    result = verify_docx(args.file)
    if result.ok:
        print(f"verified: {args.file} matches its fingerprint {result.expected[:12]}")
        return 0
    print(f"modified: {args.file} differs from its fingerprint in {', '.join(result.differences)}")
    return 1
