"""`dsrdraft draft edit|status|alt|propose|reserve|…`: every edit the GUI makes, for scripts.

Each subcommand loads the draft file, applies one checked edit of `dsrdraft.draft.edits`, and
saves the file atomically; nothing is written when the edit is refused. `--keep-revision`
first keeps the text as it stands as a revision (the way back), and `--json` prints the
clause changed, or the whole draft for edits of the draft itself.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING

from dsrdraft.cli.common import add_command, iso_date, positive_int, print_json
from dsrdraft.errors import DsrError

if TYPE_CHECKING:
    from dsrdraft.draft.edits import Edit
    from dsrdraft.draft.model import Draft

# dsrdraft.draft.model.Status, not imported here: the draft model is not needed to build the
# parser (tests/test_cli_contract.py keeps the two equal).
STATUSES = ("open", "ad_referendum", "agreed")

UNIT_HELP = "the clause: its label as shown by 'draft show' (\"12\", \"12 bis\") or its uid"
CODES_HELP = ("ISO 3166 alpha-3 country codes or group labels such as G77/China "
              "(several, or comma-separated)")

#: Edits that only add (a clause, an alternative, a reservation): when another program
#: rewrote the file meanwhile, they are applied again to the fresh file instead of refused.
ADDITIVE = frozenset({"bis", "reserve"})

EditFn = Callable[[argparse.Namespace, "Draft"], "Edit"]


def register(sub: argparse._SubParsersAction) -> None:
    """Add the edit subcommands to the `draft` group."""
    p = _command(sub, "edit", "set the text of a clause (square brackets must balance)",
                 lambda a, d: _edits().set_text(d, a.unit, a.text))
    _unit(p)
    p.add_argument("--text", required=True, metavar="TEXT",
                   help="the new text; [brackets] mark what is not agreed, [a][b] alternatives")

    p = _command(sub, "status", "set a clause's status",
                 lambda a, d: _edits().set_status(d, a.unit, a.status))
    _unit(p)
    p.add_argument("status", choices=STATUSES, metavar="STATUS",
                   help="open, ad_referendum (agreed ad referendum) or agreed")

    p = _command(sub, "alt", "add or remove an alternative wording of a whole clause "
                 "(\"12 Alt 1\")", _alt)
    _unit(p)
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--add", metavar="TEXT", help="the alternative's text")
    what.add_argument("--remove", type=positive_int, metavar="N",
                      help="remove Alt N (numbered as 'draft show' shows them)")
    _by(p, "the delegations proposing the added alternative")

    p = _command(sub, "propose", "set the delegations proposing a clause", _propose)
    _unit(p)
    p.add_argument("codes", nargs="*", metavar="CODE", help=CODES_HELP)
    p.add_argument("--clear", action="store_true", help="no proposers (give no CODE)")

    p = _command(sub, "reserve", "add a delegation's reservation or note on a clause",
                 lambda a, d: _edits().add_reservation(d, a.unit, a.code, a.text))
    _unit(p)
    p.add_argument("code", metavar="CODE", help="the delegation: an ISO 3166 alpha-3 code or "
                                                "a group label")
    p.add_argument("text", metavar="TEXT", help="the reservation (exported as a comment)")

    p = _command(sub, "unreserve", "remove a reservation from a clause",
                 lambda a, d: _edits().remove_reservation(d, a.unit, a.number))
    _unit(p)
    p.add_argument("number", type=positive_int, metavar="N",
                   help="reservation N (numbered as 'draft show' shows them)")

    p = _command(sub, "delete", "mark a clause deleted (it stays, struck through)",
                 lambda a, d: _edits().delete(d, a.unit, split_codes(a.by)))
    _unit(p)
    _by(p, "the delegations proposing the deletion")

    p = _command(sub, "restore", "undo the deletion of a clause",
                 lambda a, d: _edits().restore(d, a.unit))
    _unit(p)

    p = _command(sub, "move", "move a clause; plain numbers then follow the new order and "
                 "\"bis\" clauses keep their label until 'draft renumber'",
                 lambda a, d: _edits().move(d, a.unit, to=a.to, before=a.before,
                                            after=a.after))
    _unit(p)
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--to", type=positive_int, metavar="POSITION",
                       help="1-based position in the draft (deleted clauses count)")
    where.add_argument("--before", metavar="UNIT", help="just before this clause")
    where.add_argument("--after", metavar="UNIT", help="just after this clause")

    p = _command(sub, "move-division", "move a heading with its paragraphs and "
                 "sub-divisions past the previous or next division of its rank (labels kept)",
                 lambda a, d: _edits().move_division(d, a.unit, -1 if a.up else 1))
    _unit(p)
    way = p.add_mutually_exclusive_group(required=True)
    way.add_argument("--up", action="store_true", help="before the previous division")
    way.add_argument("--down", action="store_true", help="after the next division")

    p = _command(sub, "bis", "insert a clause after another, labelled \"12 bis\" (then ter, "
                 "quater…) until 'draft renumber'",
                 lambda a, d: _edits().insert_bis(d, a.after, a.text, split_codes(a.by)))
    p.add_argument("after", metavar="AFTER_UNIT", help=f"insert after this clause: {UNIT_HELP}")
    p.add_argument("--text", required=True, metavar="TEXT", help="the new clause's text")
    _by(p, "the delegations proposing the new clause")

    p = _command(sub, "label", "give a clause another label by hand",
                 lambda a, d: _edits().relabel(d, a.unit, a.label))
    _unit(p)
    p.add_argument("label", metavar="LABEL", help="the new label, e.g. \"12 ter\"")

    _command(sub, "renumber", "final numbering: live clauses become 1, 2, 3… (\"bis\" clauses "
             "included; deleted clauses keep their label)",
             lambda a, d: _edits().renumber(d))

    p = _command(sub, "preamble", "set the preamble",
                 lambda a, d: _edits().set_preamble(d, a.text))
    p.add_argument("--text", required=True, metavar="TEXT",
                   help="the preamble (an empty TEXT clears it)")

    p = _command(sub, "meta", "set the title, symbol, date or place",
                 lambda a, d: _edits().set_meta(d, title=a.title, symbol=a.symbol,
                                                date=a.date, place=a.place))
    p.add_argument("--title", help="the draft's title")
    p.add_argument("--symbol", help="document symbol, e.g. \"DSR/2026/L.1\" (Rev.N is added "
                                    "by 'draft revise')")
    p.add_argument("--date", type=iso_date, help="ISO date of the current revision")
    p.add_argument("--place", help="where the text is negotiated, e.g. Beijing")


def _command(sub: argparse._SubParsersAction, name: str, help_text: str,
             edit: EditFn) -> argparse.ArgumentParser:
    p = add_command(sub, name, help_text)
    p.add_argument("draft", metavar="DRAFT",
                   help="the draft file to edit, or db:NAME (a shared draft in the library)")
    p.add_argument("--json", action="store_true",
                   help="print the clause changed (or the draft, for edits of the whole "
                        "draft) as JSON")
    p.add_argument("--keep-revision", action="store_true",
                   help="first keep the text as it stands as a revision (as 'draft revise' "
                        "does: the way back), then edit the next Rev.")
    p.add_argument("--note", default=None,
                   help="note of the revision --keep-revision keeps (default: \"before "
                        f"{name}\")")
    p.set_defaults(func=run_edit, edit=edit)
    return p


def _unit(p: argparse.ArgumentParser) -> None:
    p.add_argument("unit", metavar="UNIT", help=UNIT_HELP)


def _by(p: argparse.ArgumentParser, who: str) -> None:
    p.add_argument("--by", nargs="+", action="extend", default=[], metavar="CODE",
                   help=f"{who}: {CODES_HELP}")


def _edits() -> ModuleType:
    """dsrdraft.draft.edits, imported when a command runs (not to build the parser)."""
    from dsrdraft.draft import edits

    return edits


def split_codes(values: list[str]) -> list[str]:
    """Codes as typed: "CHN THA", "CHN,THA" or "--by CHN --by THA" alike."""
    return [part.strip() for v in values for part in v.replace(";", ",").split(",")
            if part.strip()]


def _alt(args: argparse.Namespace, draft: Draft) -> Edit:
    if args.remove is not None:
        if args.by:
            raise DsrError("--by names who proposes an added alternative: not used with "
                           "--remove")
        return _edits().remove_alternative(draft, args.unit, args.remove)
    return _edits().add_alternative(draft, args.unit, args.add, split_codes(args.by))


def _propose(args: argparse.Namespace, draft: Draft) -> Edit:
    codes = split_codes(args.codes)
    if bool(codes) == bool(args.clear):
        raise DsrError("give the proposing delegations (CODE…), or --clear for none")
    return _edits().set_proposers(draft, args.unit, codes)


def run_edit(args: argparse.Namespace) -> int:
    from dsrdraft.cli.draft_refs import DraftTarget
    from dsrdraft.draft import model as m
    from dsrdraft.draft.addressing import position_of
    from dsrdraft.draft.storage import clause_to_json, draft_to_json, split_revision_ref

    path, _ = split_revision_ref(args.draft)
    if path != args.draft:
        raise DsrError(f"{args.draft}: a kept revision cannot be edited; edit {path}")
    if args.note is not None and not args.keep_revision:
        raise DsrError("--note is the note of the revision kept by --keep-revision")

    def apply(draft: Draft) -> tuple[Draft, tuple[Edit, int | None]]:
        kept = None
        if args.keep_revision:
            kept = draft.revision
            draft = m.revise(draft, note=args.note if args.note is not None
                             else f"before {args.draft_command}")
        edit = args.edit(args, draft)
        return edit.draft, (edit, kept)

    additive = args.draft_command in ADDITIVE or (args.draft_command == "alt"
                                                  and args.remove is None)
    with DraftTarget(path, args.db) as target:
        _, (edit, kept) = target.update(apply, additive=additive, note=args.draft_command)
    if kept is not None:
        print(f"kept rev{kept}; now {edit.draft.full_symbol or f'Rev.{edit.draft.revision}'}",
              file=sys.stderr if args.json else sys.stdout)
    clause = edit.clause()
    if args.json:
        if clause is None:
            print_json(draft_to_json(edit.draft))
        else:
            print_json({**clause_to_json(clause),
                        "position": position_of(edit.draft, clause.uid)})
    else:
        print(edit.summary)
    return 0
