"""The `dsrdraft` command line: one subcommand module per command group, one-line errors.

Start-up is part of the contract (`dsrdraft --help` within 3x a bare interpreter's start,
benchmarks/bench_startup.py): command modules import only the standard library and
`dsrdraft.cli.common` at the top, and load the core inside the function that runs the command
(tests/test_cli_contract.py checks that no heavy package is imported to build the parser).
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence

from dsrdraft import __version__
from dsrdraft.cli.common import OneLineErrorParser, add_db_option, fail_line, resolve_db
from dsrdraft.errors import DsrError

# Each module exposes register(subparsers); adding a command group is adding its name here.
COMMAND_MODULES = [
    "dsrdraft.cli.gui_cmd",
    "dsrdraft.cli.parse_cmd",
    "dsrdraft.cli.library_cmd",
    "dsrdraft.cli.compare_cmd",
    "dsrdraft.cli.draft_cmd",
    "dsrdraft.cli.export_cmd",
    "dsrdraft.cli.compile_cmd",
    "dsrdraft.cli.precedents_cmd",
]


def build_parser() -> OneLineErrorParser:
    parser = OneLineErrorParser(
        prog="dsrdraft",
        description="Negotiation-drafting assistant for Digital Silk Road cooperation initiatives.",
    )
    parser.add_argument("--version", action="version", version=f"dsrdraft {__version__}",
                        help="print the version and exit")
    add_db_option(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; every failure is a single `dsrdraft: error: …` line on stderr."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        resolve_db(args)
        result = args.func(args)
    except DsrError as exc:
        fail_line(str(exc))
        return exc.exit_code
    except KeyboardInterrupt:
        fail_line("interrupted")
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:
        fail_line(f"{exc.filename}: {exc.strerror or exc}" if exc.filename else str(exc))
        return 2
    except Exception as exc:  # a bug, not bad input: still one line, details on request
        if os.environ.get("DSRDRAFT_DEBUG"):
            raise
        fail_line(f"internal error: {exc.__class__.__name__}: {exc} "
                  "(set DSRDRAFT_DEBUG=1 for details)")
        return 1
    return int(result or 0)


if __name__ == "__main__":
    sys.exit(main())
