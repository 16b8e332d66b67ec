"""`dsrdraft precedents FILE [--json] [--min-words N] [--similar K]`: agreed language in a draft."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from dsrdraft.cli.common import add_command, print_json
from dsrdraft.errors import DsrError

if TYPE_CHECKING:
    from dsrdraft.model import Initiative
    from dsrdraft.precedents import ClausePrecedents, SimilarClause, Source

# dsrdraft.precedents.DEFAULT_MIN_WORDS, not imported here: it loads rapidfuzz and SQLAlchemy
# at start-up (tests/test_cli_contract.py keeps the two equal).
DEFAULT_MIN_WORDS = 8

OPEN, CLOSE = "⟦", "⟧"
UNDERLINE, RESET = "\x1b[4m", "\x1b[0m"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = add_command(subparsers, "precedents",
                         "show which passages of a draft were agreed in earlier initiatives")
    parser.add_argument("file", metavar="FILE", help="a draft file, or a .txt, .md or .docx text")
    parser.add_argument("--json", action="store_true", help="print the spans as JSON")
    parser.add_argument("--min-words", type=int, default=DEFAULT_MIN_WORDS, metavar="N",
                        help=f"shortest passage reported, in words (default: {DEFAULT_MIN_WORDS})")
    parser.add_argument("--similar", type=int, default=0, metavar="K",
                        help="also list the K most similar library clauses for each clause "
                             "(default: 0, none)")
    parser.add_argument("--include-self", action="store_true",
                        help="also cite the library's own copy of FILE, when the library holds "
                             "the same text (left out by default: it would match word for word)")
    parser.set_defaults(func=run)


def load_text(path: str) -> Initiative:
    """A draft file (JSON, at its current revision) or a text parsed by the importer."""
    from pathlib import Path

    p = Path(path)
    if not p.exists():
        raise DsrError(f"{path}: no such file")
    if not p.is_file():
        raise DsrError(f"'{path}' is not a file")
    from dsrdraft.draft.storage import load_draft_initiative

    initiative = load_draft_initiative(path)
    if initiative is not None:
        return initiative
    from dsrdraft.parsing import parse_file

    return parse_file(p)


def run(args: argparse.Namespace) -> int:
    if args.min_words < 1:
        raise DsrError(f"--min-words must be at least 1 (got {args.min_words})")
    if args.similar < 0:
        raise DsrError(f"--similar must not be negative (got {args.similar})")
    from dsrdraft.precedents import PrecedentFinder, similar_clauses, spans_to_json
    from dsrdraft.store import open_library
    from dsrdraft.store.library import id_of_text

    initiative = load_text(args.file)
    library = open_library(args.db)
    try:
        own = None if args.include_self else id_of_text(library, initiative)
        exclude = (own,) if own else ()
        finder = PrecedentFinder(library, min_words=args.min_words, exclude=exclude)
        results = finder.find_initiative(initiative)
        similar = ({c.number: similar_clauses(library, c.text, k=args.similar, exclude=exclude)
                    for c in initiative.clauses} if args.similar else {})
    finally:
        library.close()
    if args.json:
        data = spans_to_json(results)
        if similar:
            print_json({"spans": data, "similar": {n: [s.to_json() for s in items]
                                                   for n, items in similar.items()}})
        else:
            print_json(data)
    else:
        print(report(results, similar, tty=sys.stdout.isatty()))
        if own:
            print(f"(not citing '{own}', the library's own copy of this text: "
                  "use --include-self to cite it)")
    return 0


def mark(clause: ClausePrecedents, tty: bool) -> str:
    """The clause text with each span wrapped in ⟦ ⟧ (underlined on a terminal)."""
    opening, closing = (UNDERLINE, RESET) if tty else (OPEN, CLOSE)
    out, at = [], 0
    for n, span in enumerate(clause.spans, 1):
        out.append(clause.text[at:span.start])
        out.append(f"{opening}{clause.text[span.start:span.end]}{closing}[{n}]")
        at = span.end
    out.append(clause.text[at:])
    return "".join(out)


def address(source: Source | SimilarClause) -> str:
    """How the report names a library unit: its address inside an Article ("Article 4.19"),
    else its number as the text prints it ("14", "PP3", "Annex I.2")."""
    citation = source.citation or source.number
    return citation if citation.startswith("Article ") else source.number


def report(results: list[ClausePrecedents], similar: dict[str, list[SimilarClause]],
           tty: bool = False) -> str:
    lines: list[str] = []
    with_spans = 0
    total_spans = 0
    for clause in results:
        lines.append(f"{clause.number}. {mark(clause, tty)}")
        for n, span in enumerate(clause.spans, 1):
            cites = "; ".join(
                f"{s.id} {address(s)}"
                + (f" ({s.language})" if s.language != "en" else "")
                + f" {s.score:.2f}" for s in span.sources)
            lines.append(f"   [{n}] {span.words:g} words, agreed in {cites}")
        for item in similar.get(clause.number, []):
            lines.append(f"   similar: {item.id} {address(item)} {item.score:.2f}")
        if clause.spans:
            with_spans += 1
            total_spans += len(clause.spans)
        lines.append("")
    chars = sum(len(c.text) for c in results)
    agreed = sum(s.end - s.start for c in results for s in c.spans)
    share = f"{100 * agreed / chars:.0f}%" if chars else "0%"
    lines.append(f"{total_spans} agreed passage(s) in {with_spans} of {len(results)} "
                 "paragraph(s); "
                 f"{share} of the text")
    return "\n".join(lines)
