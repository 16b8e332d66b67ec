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
from typing import Any

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
    "dsrdraft.cli.keys_cmd",
]
#: The command names each module registers: a command line naming one builds that module's
#: parser only (building all of them took 25-40 ms of every command; --help and anything
#: unknown still build them all). tests/test_cli_fast_parser.py checks the table.
COMMANDS = {"gui": "dsrdraft.cli.gui_cmd", "parse": "dsrdraft.cli.parse_cmd",
            "library": "dsrdraft.cli.library_cmd", "compare": "dsrdraft.cli.compare_cmd",
            "draft": "dsrdraft.cli.draft_cmd", "export": "dsrdraft.cli.export_cmd",
            "verify": "dsrdraft.cli.export_cmd", "compile": "dsrdraft.cli.compile_cmd",
            "precedents": "dsrdraft.cli.precedents_cmd", "keys": "dsrdraft.cli.keys_cmd"}

#: The exit codes (docs/design.md): 0 done; 1 only `verify`'s "modified"; 2 bad input or a
#: refusal; 3 a bug (an internal error), so a script can tell a bug from any verdict.
EXIT_OK, EXIT_MODIFIED, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 1, 2, 3


def _add_notes(logging: Any) -> None:
    """The core's warnings (`logging.getLogger("dsrdraft")`) as `dsrdraft: note: …` lines."""

    class NoteHandler(logging.Handler):  # type: ignore[misc,name-defined]
        dsrdraft_notes = True

        def emit(self, record: Any) -> None:
            message = " ".join(record.getMessage().split())
            print(f"dsrdraft: note: {message}", file=sys.stderr)

    logger = logging.getLogger("dsrdraft")
    if not any(getattr(h, "dsrdraft_notes", False) for h in logger.handlers):
        logger.addHandler(NoteHandler(logging.WARNING))
        logger.propagate = False


class _NotesWhenLoggingLoads:
    """Adds the notes handler as soon as `logging` has been imported, by whatever imports it:
    only the draft files' code logs, and importing logging (with traceback) took some 10 ms
    of every command. A meta path finder that finds nothing itself: it lets the others find
    `logging` and runs `_add_notes` after the module's code."""

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
        if name != "logging":
            return None
        sys.meta_path.remove(self)
        for finder in sys.meta_path:
            spec = getattr(finder, "find_spec", lambda *_: None)(name, path, target)
            if spec is not None:
                break
        else:
            return None
        loader = spec.loader
        if loader is None or not hasattr(loader, "exec_module"):
            return spec
        run_module = loader.exec_module

        def exec_module(module: Any) -> None:
            run_module(module)
            _add_notes(module)

        loader.exec_module = exec_module
        return spec


def _notes_to_stderr() -> None:
    """The notes handler, now if logging is loaded, else once it is."""
    if "logging" in sys.modules:
        _add_notes(sys.modules["logging"])
    elif not any(isinstance(f, _NotesWhenLoggingLoads) for f in sys.meta_path):
        sys.meta_path.insert(0, _NotesWhenLoggingLoads())


def _where(exc: BaseException) -> str:
    """file:line of the innermost dsrdraft frame: enough to file a bug, and no data."""
    import traceback

    frames = [f for f in traceback.extract_tb(exc.__traceback__)
              if f"{os.sep}dsrdraft{os.sep}" in f.filename]
    if not frames:
        return "?"
    frame = frames[-1]
    return f"{frame.filename.rsplit(os.sep + 'dsrdraft' + os.sep, 1)[-1]}:{frame.lineno}"


#: What `command_named` gives for `dsrdraft --version`: a parser without any command, since
#: the version is printed and the program ends as soon as the option is read.
VERSION_ONLY = "--version"


def command_named(argv: Sequence[str]) -> str | None:
    """The command an argument list names when only --db options come before it,
    `VERSION_ONLY` when --version does, None otherwise (`--help`, nothing, anything else)."""
    args = iter(argv)
    for arg in args:
        if arg == "--db":
            next(args, None)
        elif not arg.startswith("--db="):
            if arg == VERSION_ONLY:
                return arg
            return arg if not arg.startswith("-") and arg in COMMANDS else None
    return None


def build_parser(command: str | None = None) -> OneLineErrorParser:
    """The parser of every command, or only of `command`'s module when one is named (of none
    for `VERSION_ONLY`)."""
    parser = OneLineErrorParser(
        prog="dsrdraft",
        description="Negotiation-drafting assistant for Digital Silk Road cooperation initiatives.",
    )
    parser.add_argument("--version", action="version", version=f"dsrdraft {__version__}",
                        help="print the version and exit")
    add_db_option(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    modules = [] if command == VERSION_ONLY else \
        [COMMANDS[command]] if command in COMMANDS else COMMAND_MODULES
    for name in modules:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; every failure is a single `dsrdraft: error: …` line on stderr."""
    # A file name that is not UTF-8 reaches Python as surrogate escapes: printed back as the
    # bytes it was, never an encoding error after the work is done.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="surrogateescape")
    _notes_to_stderr()
    parser = build_parser(command_named(sys.argv[1:] if argv is None else argv))
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
        fail_line(f"{exc.filename}: {exc.strerror or exc}" if exc.filename else
                  f"{exc.strerror or exc.__class__.__name__}")
        return EXIT_BAD_INPUT
    except MemoryError:
        fail_line("not enough memory for this input")
        return EXIT_BAD_INPUT
    except Exception as exc:  # a bug, not bad input: still one line, details on request
        if os.environ.get("DSRDRAFT_DEBUG"):
            raise
        # The exception's text may quote a document, the library or a URL's password: the
        # line names only its class and where it happened.
        fail_line(f"internal error: {exc.__class__.__name__} at {_where(exc)} "
                  "(set DSRDRAFT_DEBUG=1 for details)")
        return EXIT_INTERNAL
    return int(result or 0)


if __name__ == "__main__":
    sys.exit(main())
