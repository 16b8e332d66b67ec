"""`dsrdraft draft import FILE.docx --out DRAFT`: a Word file opened as a draft."""

from __future__ import annotations

import argparse

from dsrdraft.cli.common import (
    AUTHOR_MAP_HELP,
    add_command,
    check_new_output,
    report_written,
    returned_summary,
)

HELP = ("open a Word file as a draft: a dsrdraft export gives back its draft, with what "
        "was changed in Word since as attributed proposals and comments as reservations (a "
        "redline export only unchanged); any other .docx becomes a new draft of its text")


def register(sub: argparse._SubParsersAction) -> None:
    p = add_command(sub, "import", HELP)
    p.add_argument("file", metavar="FILE.docx", help="the Word file")
    p.add_argument("--out", required=True, metavar="DRAFT",
                   help="the draft file to write (or db:NAME, a shared draft, with --db)")
    p.add_argument("--as", dest="code", metavar="CODE",
                   help="the delegation whose edits made without change tracking are "
                        "(default: none; such edits are then refused)")
    p.add_argument("--author-map", dest="author_map", action="append", default=[],
                   metavar="NAME=CODE", help=AUTHOR_MAP_HELP)
    p.add_argument("--force", action="store_true", help="overwrite an existing --out file")
    p.set_defaults(func=run_import)


def run_import(args: argparse.Namespace) -> int:
    from dsrdraft.cli.draft_refs import DraftTarget, is_shared
    from dsrdraft.draft.delegations import check_delegation
    from dsrdraft.roundtrip.authors import parse_author_map
    from dsrdraft.roundtrip.importing import import_docx
    from dsrdraft.roundtrip.returned import UntrackedEdits

    if not is_shared(args.out):
        check_new_output(args.out, args.force)
    mapping = parse_author_map(args.author_map)
    code = check_delegation(args.code) if args.code else None
    try:
        imported = import_docx(args.file, mapping, code)
    except UntrackedEdits as exc:
        raise _untracked(exc) from None
    with DraftTarget(args.out, args.db) as target:
        target.create(imported.draft)
    what = {"export": f"a dsrdraft {imported.mode} export, unchanged since it was written",
            "export with changes": f"a dsrdraft {imported.mode} export changed in Word: the "
                                   "changes are attributed proposals",
            "document": "a new draft of its text (the file carries no dsrdraft draft)",
            }[imported.kind]
    units = sum(1 for c in imported.draft.clauses if not c.is_heading)
    print(f"imported {args.file}: {what} ({units} units)")
    if imported.compiled is not None and imported.kind != "export":
        for reading in imported.compiled.files:
            for line in returned_summary(reading):
                print(line)
    for note in imported.notes:
        print(f"dsrdraft: note: {note}")
    report_written(args.out)
    return 0


def _untracked(exc: Exception) -> Exception:
    from dsrdraft.errors import DsrError

    return DsrError(f"{exc} (--as CODE names the file's delegation)")
