"""`dsrdraft parse FILE [--json]`: read an initiative without storing it."""

from __future__ import annotations

import argparse
import sys
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
    note_dropped(initiative)
    if args.json:
        data = initiative.to_json()
        del data["id"]
        print_json(data)
    else:
        print(describe(initiative))
    return 0


def note_dropped(initiative: Initiative) -> None:
    """The one notice line on stderr when the importer left anything out."""
    notice = initiative.dropped_notice()
    if notice:
        print(f"dsrdraft: note: {initiative.source or 'input'}: {notice}", file=sys.stderr)


def describe(initiative: Initiative) -> str:
    """A readable outline: title, counts, signatories, then the divisions' headings and each
    unit's address and heading, indented as the text nests."""
    lines = [initiative.title]
    facts = [initiative.summary(), f"language {initiative.language}"]
    if initiative.symbol:
        facts.insert(0, initiative.symbol)
    if initiative.year:
        facts.insert(0, str(initiative.year))
    for language, items in initiative.translations.items():
        facts.append(f"{language}: clauses {', '.join(t.number for t in items)}")
    lines.append("  " + "; ".join(facts))
    if initiative.signatories:
        names = ", ".join(f"{s.name} ({s.code})" for s in initiative.signatories)
        lines.append(f"  signed by {len(initiative.signatories)}: {names}")
    lines.append("")
    starts: dict[int, list[tuple[int, str]]] = {}
    for depth, division in initiative.all_divisions():
        heading = " — ".join(x for x in (division.label, division.heading) if x)
        starts.setdefault(division.start, []).append((depth, heading))
    depth = 0
    for index, c in enumerate(initiative.clauses):
        for depth, heading in starts.get(index, ()):
            lines.append(f"{'':>9}{'  ' * depth}{heading}")
        indent = "  " * len(c.path)
        lines.append(f"{c.number:>7}  {indent}{c.heading}")
    for depth, heading in starts.get(len(initiative.clauses), ()):
        lines.append(f"{'':>9}{'  ' * depth}{heading}")
    return "\n".join(lines)
