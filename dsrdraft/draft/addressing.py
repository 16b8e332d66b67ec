"""Resolve the address a person types ("12", "12 bis", "PP3", "Article 4.2", "OP5", a uid) to
one unit of a draft."""

from __future__ import annotations

import re

from dsrdraft.draft.model import Draft, DraftClause, DraftKind, unit_addresses
from dsrdraft.errors import DsrError

_ARTICLE = re.compile(r"^(?:article|art\.)\s*", re.IGNORECASE)
_OP = re.compile(r"^op\s*(?=\d)", re.IGNORECASE)

#: Labels named in full in an error; a longer draft gets the first and last few.
_NAMED_LABELS = 24


class UnknownUnitError(DsrError):
    """No clause, or more than one, answers to the address given."""


def normalise_address(address: str) -> str:
    """What two spellings of one address share: case and runs of whitespace folded."""
    return " ".join(address.split()).casefold()


def resolve_unit(draft: Draft, address: str) -> DraftClause:
    """The clause whose label is `address` (case and spacing aside), else whose uid it is.

    Labels are what negotiators cite, so they are tried first; a uid is the way to reach a
    clause whose label is shared (a deleted clause keeps its old label after renumbering).
    The one place to teach new address forms ("PP3", "Article 4.2") when drafts hold them.
    """
    wanted = normalise_address(address)
    if not wanted:
        raise UnknownUnitError("empty clause address")
    by_label = [c for c in draft.clauses if normalise_address(c.label) == wanted]
    if not by_label:
        # "Article 4.2" / "4.2" inside an Article; "OP5" for operative paragraph 5
        addresses = unit_addresses(draft)
        forms = {wanted, normalise_address(_ARTICLE.sub("", wanted))}
        by_label = [c for c in draft.clauses if normalise_address(addresses[c.uid]) in forms]
        if not by_label and _OP.match(wanted):
            number = _OP.sub("", wanted)
            by_label = [c for c in draft.clauses if c.kind is DraftKind.OPERATIVE
                        and normalise_address(c.label) == number]
    if len(by_label) == 1:
        return by_label[0]
    if len(by_label) > 1:
        which = ", ".join(f"{c.uid}{' (deleted)' if c.deleted else ''}" for c in by_label)
        raise UnknownUnitError(f"clause address '{address.strip()}' is shared by "
                               f"{len(by_label)} clauses (uids {which}): give the uid")
    for c in draft.clauses:
        if c.uid == address.strip():
            return c
    raise UnknownUnitError(f"no clause '{address.strip()}' in the draft "
                           f"({known_labels(draft)})")


def known_labels(draft: Draft) -> str:
    """"clauses: 1, 2, 2 bis, 3" for an error message; elided in the middle when long."""
    labels = [c.label for c in draft.clauses]
    if not labels:
        return "it has no clauses"
    if len(labels) > _NAMED_LABELS:
        half = _NAMED_LABELS // 2
        labels = [*labels[:half], "…", *labels[-half:]]
    return "clauses: " + ", ".join(labels)


def position_of(draft: Draft, uid: str) -> int:
    """1-based position of a clause in the draft (deleted clauses count: they stay shown)."""
    for n, c in enumerate(draft.clauses, 1):
        if c.uid == uid:
            return n
    raise KeyError(uid)
