"""`dsrdraft export` (a draft to Word) and `dsrdraft verify` (a Word export's fingerprint)."""

from __future__ import annotations

import argparse

from dsrdraft.cli.common import add_command, check_new_output, report_written
from dsrdraft.cli.compare_cmd import revision_date
from dsrdraft.cli.keys_cmd import PASSPHRASE_HELP, passphrase
from dsrdraft.errors import DsrError

# dsrdraft.export.writer.MODES, not imported here: it loads python-docx at start-up
# (tests/test_cli_contract.py keeps the two equal).
MODES = ("clean", "negotiation", "redline")
RESERVATIONS = ("footnotes", "list")  # dsrdraft.export.body.RESERVATIONS, kept equal too


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
    p.add_argument("--revision-date", type=revision_date, metavar="ISO",
                   help="date of the redline's tracked changes, e.g. 2026-05-14 or "
                        "2026-05-14T10:00:00Z (default: now)")
    p.add_argument("--reservations", choices=RESERVATIONS, default="footnotes",
                   help="how the negotiation text prints reservations besides Word comments "
                        "(which paper and PDF lose): footnotes of their clause, or a list "
                        "after each clause (default: footnotes)")
    p.add_argument("--template", metavar="FILE.docx",
                   help="Word template with the dsrdraft styles (default: the bundled one)")
    p.add_argument("--sign", metavar="KEY",
                   help="sign the export with this private key (NAME.key from 'dsrdraft "
                        "keys new'), so 'verify --key NAME.pub' proves who issued it "
                        "(default: not signed)")
    p.add_argument("--passphrase-env", metavar="VAR", help=PASSPHRASE_HELP)
    p.set_defaults(func=run_export)

    p = add_command(subparsers, "verify", "check that a Word export is as it was exported "
                    "and, with --key, who signed it (exit 0: unchanged, 1: changed or not "
                    "signed by KEY, 2: not a readable export)", uses_library=False)
    p.add_argument("file", metavar="FILE.docx", help="a Word file written by dsrdraft export")
    p.add_argument("--key", metavar="PUBLIC_KEY",
                   help="the issuer's public key (NAME.pub): the file must be signed with "
                        "it (default: check the fingerprint only, which anyone can "
                        "recompute)")
    p.set_defaults(func=run_verify)


def run_export(args: argparse.Namespace) -> int:
    from dsrdraft.cli.draft_refs import load_ref
    from dsrdraft.errors import ExportRefused
    from dsrdraft.export.writer import export_draft

    if args.mode == "redline" and not args.against:
        raise DsrError("--mode redline needs --against REF")
    if args.against and args.mode != "redline":
        raise DsrError("--against is only used with --mode redline")
    if args.revision_date and args.mode != "redline":
        raise DsrError("--revision-date is only used with --mode redline")
    check_new_output(args.out, args.force)
    key = None
    if args.sign:
        from pathlib import Path

        from dsrdraft.export.signing import load_private_key

        key = load_private_key(Path(args.sign), passphrase(args.passphrase_env))
    elif args.passphrase_env:
        raise DsrError("--passphrase-env is the passphrase of the --sign key")
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
                                   template=args.template, revision_date=args.revision_date,
                                   key=key, reservations=args.reservations)
    except ExportRefused as exc:
        raise DsrError(f"{exc} (fix them, or use --allow-brackets)") from None
    signed = ""
    if key is not None:
        from dsrdraft.export.signing import key_id

        signed = f", signed by key {key_id(key.public_key())}"
    report_written(args.out, detail=f"{args.mode}, fingerprint {fingerprint[:12]}{signed}")
    return 0


def run_verify(args: argparse.Namespace) -> int:
    from dsrdraft.export.fingerprint import verify_docx

    public = None
    if args.key:
        from pathlib import Path

        from dsrdraft.export.signing import load_public_key

        public = load_public_key(Path(args.key))
    result = verify_docx(args.file, public)
    for note in result.notes:
        print(f"note: {note}")
    if result.actual != result.expected:
        print(f"modified: {args.file} differs from what was exported in: "
              f"{'; '.join(result.differences)}")
        return 1
    if public is not None and result.signature != "valid":
        why = {"absent": "it is not signed",
               "invalid": f"its signature is not by key {result.key} (signed by another key, "
                          "or re-sealed after a change by someone without the key)"}
        print(f"not proven: {args.file} matches its fingerprint but {why[result.signature]}")
        return 1
    short = result.expected[:12]
    if result.signature == "valid":
        print(f"verified: {args.file} is as exported and signed by key {result.key} "
              f"(fingerprint {short})")
    elif result.signature == "unchecked":
        print(f"verified: {args.file} matches its fingerprint {short}; it says it is signed "
              f"by key {result.key}: give --key with the issuer's public key to prove it")
    else:
        print(f"verified: {args.file} matches its fingerprint {short} (not signed: this shows "
              "it is unchanged, not who made it)")
    return 0
