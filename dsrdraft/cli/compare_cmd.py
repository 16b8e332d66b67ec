"""`dsrdraft compare OLD NEW [--json] [--html OUT] [--docx OUT] [--pin OLD=NEW…]`: unit by unit."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from dsrdraft.cli.common import add_command, check_new_output, print_json, report_written

if TYPE_CHECKING:
    from dsrdraft.compare import Comparison
    from dsrdraft.model import Initiative

TEXT_HELP = "a .txt, .md or .docx file, a library id, or a draft file (DRAFT@revN for a revision)"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = add_command(subparsers, "compare",
                         "compare two initiatives or versions clause by clause")
    parser.add_argument("old", metavar="OLD", help=f"the earlier text: {TEXT_HELP}")
    parser.add_argument("new", metavar="NEW", help=f"the later text: {TEXT_HELP}")
    parser.add_argument("--json", action="store_true", help="print the comparison as JSON")
    parser.add_argument("--html", metavar="OUT", help="also write a side-by-side HTML report")
    parser.add_argument("--docx", metavar="OUT",
                        help="also write a Word redline (tracked changes)")
    parser.add_argument("--pin", action="append", default=[], metavar="OLD=NEW", type=pin,
                        help="make these two units or headings a pair (addresses as the "
                             "comparison prints them: 9=1, PP2=PP3, \"Article 4=Article 5\"); "
                             "repeatable, the rest aligns around the pins (default: none)")
    parser.add_argument("--author", default="dsrdraft",
                        help="author of the --docx tracked changes (default: dsrdraft)")
    parser.add_argument("--revision-date", type=revision_date, metavar="ISO",
                        help="date of the --docx tracked changes, e.g. 2026-05-14 or "
                             "2026-05-14T10:00:00Z (default: now)")
    parser.add_argument("--force", action="store_true",
                        help="overwrite an existing --html or --docx file")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from dsrdraft.collector import collector_paused

    # Two texts compared and written out: objects that nearly all live until the command
    # ends (modules, both texts, the comparison, the redline's tree), which the cyclic
    # collector would otherwise walk again and again.
    with collector_paused():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    from dsrdraft.compare import compare_initiatives
    from dsrdraft.refs import load_initiative_ref

    for out in (args.html, args.docx):
        if out:
            check_new_output(out, args.force)
    old = load_initiative_ref(args.old, args.db)
    new = load_initiative_ref(args.new, args.db)
    comparison = compare_initiatives(old, new, pins=args.pin)
    if args.html:
        from dsrdraft.atomicfile import write_text_atomically
        from dsrdraft.compare.html import render_html

        write_text_atomically(args.html, render_html(comparison, title_of(old, "Old"),
                                                     title_of(new, "New")))
    if args.docx:
        from dsrdraft.export.redline import write_redline_docx

        write_redline_docx(old, new, comparison, args.docx, author=args.author,
                           date=args.revision_date)
    if args.json:
        print_json(comparison.to_json())
    else:
        print(report(comparison, label(old, "old"), label(new, "new")))
    for out in (args.html, args.docx):
        if out:
            report_written(out, json_mode=args.json)
    return 0


def pin(value: str) -> tuple[str, str]:
    """argparse type for --pin: OLD=NEW."""
    old, sep, new = value.partition("=")
    if not sep or not old.strip() or not new.strip():
        raise argparse.ArgumentTypeError(f"not OLD=NEW: '{value}'")
    return old.strip(), new.strip()


def revision_date(value: str) -> str:
    """argparse type for --revision-date: an ISO date or date and time, as Word stores it."""
    import datetime as dt

    text = value.strip()
    try:
        stamp = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date or date and time: '{value}'") from None
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(dt.UTC).replace(tzinfo=None)
    return stamp.replace(microsecond=0).isoformat() + "Z"


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
    if comparison.aligned_by == "structure":
        lines[0] += " (aligned by structure: the texts are in two languages)"
    for p in comparison.pairs:
        left = "+".join(on[i] for i in p.old) or "-"
        right = "+".join(nn[j] for j in p.new) or "-"
        line = (f"{old_label} {left:>{width_old}} → {new_label} {right:>{width_new}}  "
                f"{p.kind}")
        if p.kind in ("changed", "split", "merged"):
            line += f" {p.similarity:.2f}"
        if p.moved:
            line += " moved"
        if p.pinned:
            line += " pinned"
        lines.append(line)
    return "\n".join(lines)
