"""`dsrdraft parse FILE [--json]`: read an initiative without storing it."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from dsrdraft.cli.common import add_command, print_json

if TYPE_CHECKING:
    from dsrdraft.model import Initiative


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = add_command(subparsers, "parse", "parse a .txt, .md or .docx initiative (not stored)",
                         uses_library=False)
    parser.add_argument("file", metavar="FILE", help="the .txt, .md or .docx file to read")
    parser.add_argument("--json", action="store_true", help="print the parse as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from dsrdraft.parsing import parse_file

    initiative = parse_file(args.file)
    if args.json:
        data = initiative.to_json()
        del data["id"]
        print_json(data)
    else:
        print(describe(initiative))
    return 0


def describe(initiative: Initiative) -> str:
    """A readable summary: title, counts, signatories, then each clause's number and heading."""
    lines = [initiative.title]
    facts = [f"{len(initiative.clauses)} clauses", f"language {initiative.language}"]
    if initiative.year:
        facts.insert(0, str(initiative.year))
    for language, items in initiative.translations.items():
        facts.append(f"{language}: clauses {', '.join(t.number for t in items)}")
    lines.append("  " + "; ".join(facts))
    if initiative.signatories:
        names = ", ".join(f"{s.name} ({s.code})" for s in initiative.signatories)
        lines.append(f"  signed by {len(initiative.signatories)}: {names}")
    lines.append("")
    lines.extend(f"{c.number:>7}  {c.heading}" for c in initiative.clauses)
    return "\n".join(lines)
