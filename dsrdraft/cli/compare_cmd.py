"""`dsrdraft compare OLD NEW [--json] [--html OUT] [--docx OUT]`: clause-by-clause comparison."""

from __future__ import annotations

import argparse
import importlib

from dsrdraft.atomicfile import write_text_atomically
from dsrdraft.cli.common import add_command, print_json
from dsrdraft.compare import Comparison, compare_initiatives
from dsrdraft.compare.html import render_html
from dsrdraft.errors import DsrError
from dsrdraft.model import Initiative
from dsrdraft.refs import load_initiative_ref


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = add_command(subparsers, "compare",
                         "compare two initiatives or versions clause by clause")
    parser.add_argument("old", metavar="OLD", help="file or library id")
    parser.add_argument("new", metavar="NEW", help="file or library id")
    parser.add_argument("--json", action="store_true", help="print the comparison as JSON")
    parser.add_argument("--html", metavar="OUT", help="write a side-by-side HTML report")
    parser.add_argument("--docx", metavar="OUT", help="write a Word redline (tracked changes)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    old = load_initiative_ref(args.old, args.db)
    new = load_initiative_ref(args.new, args.db)
    comparison = compare_initiatives(old, new)
    if args.html:
        write_text_atomically(args.html, render_html(comparison, title_of(old, "Old"),
                                                title_of(new, "New")))
    if args.docx:
        write_docx(old, new, comparison, args.docx)
    if args.json:
        print_json(comparison.to_json())
    else:
        print(report(comparison, label(old, "old"), label(new, "new")))
    return 0


def write_docx(old: Initiative, new: Initiative, comparison: Comparison, out: str) -> None:
    try:
        module = importlib.import_module("dsrdraft.export.redline")
    except ImportError:
        module = None
    writer = getattr(module, "write_redline_docx", None)
    if writer is None:
        raise DsrError("--docx needs the Word exporter")
    writer(old, new, comparison, out)


def label(initiative: Initiative, fallback: str) -> str:
    return str(initiative.year) if initiative.year else fallback


def title_of(initiative: Initiative, fallback: str) -> str:
    title = initiative.title or initiative.id or fallback
    return f"{title} ({initiative.year})" if initiative.year else title


def report(comparison: Comparison, old_label: str, new_label: str) -> str:
    """Summary line, then one line per pair: `2017 12 → 2023 17  changed 0.62 moved`."""
    on, nn = comparison.old_numbers, comparison.new_numbers
    width_old = max((len("+".join(on[i] for i in p.old)) for p in comparison.pairs), default=1)
    width_new = max((len("+".join(nn[j] for j in p.new)) for p in comparison.pairs), default=1)
    summary = ", ".join(f"{n} {kind}" for kind, n in comparison.summary.items() if n)
    lines = [f"{old_label} → {new_label}: {summary or 'nothing to compare'}"]
    for p in comparison.pairs:
        left = "+".join(on[i] for i in p.old) or "-"
        right = "+".join(nn[j] for j in p.new) or "-"
        line = (f"{old_label} {left:>{width_old}} → {new_label} {right:>{width_new}}  "
                f"{p.kind}")
        if p.kind in ("changed", "split", "merged"):
            line += f" {p.similarity:.2f}"
        if p.moved:
            line += " moved"
        lines.append(line)
    return "\n".join(lines)
