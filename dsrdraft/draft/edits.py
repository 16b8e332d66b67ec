"""Checked edits by address, for scripts: each validates its input, then calls a pure edit.

The pure functions of `dsrdraft.draft.model` trust their caller (the GUI hands them a selected
clause). A script hands in what a person typed, so here every edit first resolves the clause
address, checks delegation codes and square brackets, and refuses with a message naming the
clause. Each returns an :class:`Edit`: the new draft, the clause changed (if one), and a line
saying what was done.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from dsrdraft.draft import model as m
from dsrdraft.draft.addressing import position_of, resolve_unit
from dsrdraft.draft.brackets import validate
from dsrdraft.draft.delegations import check_delegation, check_delegations
from dsrdraft.draft.model import ClauseBracketError, Draft, DraftClause, Status
from dsrdraft.errors import DsrError


@dataclass(frozen=True, slots=True)
class Edit:
    draft: Draft
    uid: str | None  # the clause changed, None for an edit of the whole draft
    summary: str

    def clause(self) -> DraftClause | None:
        return None if self.uid is None else self.draft.clause(self.uid)


def checked_text(text: str, label: str, where: str = "") -> str:
    """`text` with whitespace normalised; refused when empty or its brackets are unbalanced."""
    text = " ".join(text.split())
    if not text:
        raise DsrError(f"clause {label}{f' {where}' if where else ''}: the text is empty")
    errors = validate(text)
    if errors:
        raise DsrError("unbalanced brackets: "
                       + "; ".join(str(ClauseBracketError(label, where, e)) for e in errors))
    return text


def add_text(draft: Draft, text: str, by: Iterable[str] = ()) -> Edit:
    """A new clause with its own text, numbered after the last one."""
    label = m.next_label(draft)
    uid = m.new_uid()
    new = m.add_clause(draft, checked_text(text, label), proposers=check_delegations(by),
                       uid=uid)
    return Edit(new, uid, f"added clause {label}")


def set_text(draft: Draft, address: str, text: str) -> Edit:
    c = resolve_unit(draft, address)
    new = m.edit_clause_text(draft, c.uid, checked_text(text, c.label))
    return Edit(new, c.uid, f"clause {c.label}: text set")


def set_status(draft: Draft, address: str, status: str) -> Edit:
    c = resolve_unit(draft, address)
    try:
        value = Status(status)
    except ValueError:
        raise DsrError(f"unknown status '{status}' (choose "
                       f"{', '.join(s.value for s in Status)})") from None
    return Edit(m.set_status(draft, c.uid, value), c.uid,
                    f"clause {c.label}: {value.value}")


def add_alternative(draft: Draft, address: str, text: str, by: Iterable[str] = ()) -> Edit:
    c = resolve_unit(draft, address)
    n = len(c.alternatives) + 1
    codes = check_delegations(by)
    new = m.add_alternative(draft, c.uid, checked_text(text, c.label, f"Alt {n}"), codes)
    who = f" ({', '.join(codes)})" if codes else ""
    return Edit(new, c.uid, f"clause {c.label}: added Alt {n}{who}")


def remove_alternative(draft: Draft, address: str, number: int) -> Edit:
    """Remove "Alt N" (1-based, as `draft show` numbers them)."""
    c = resolve_unit(draft, address)
    _check_index(number, len(c.alternatives), f"clause {c.label}", "alternative")
    return Edit(m.remove_alternative(draft, c.uid, number - 1), c.uid,
                    f"clause {c.label}: removed Alt {number}")


def set_proposers(draft: Draft, address: str, codes: Iterable[str]) -> Edit:
    c = resolve_unit(draft, address)
    checked = check_delegations(codes)
    what = f"proposed by {', '.join(checked)}" if checked else "no proposers"
    return Edit(m.set_proposers(draft, c.uid, checked), c.uid, f"clause {c.label}: {what}")


def add_reservation(draft: Draft, address: str, code: str, text: str) -> Edit:
    c = resolve_unit(draft, address)
    who = check_delegation(code)
    body = " ".join(text.split())
    if not body:
        raise DsrError(f"clause {c.label}: the reservation text is empty")
    n = len(c.reservations) + 1
    return Edit(m.add_reservation(draft, c.uid, who, body), c.uid,
                    f"clause {c.label}: added reservation {n} ({who})")


def remove_reservation(draft: Draft, address: str, number: int) -> Edit:
    """Remove reservation N (1-based, as `draft show` numbers them)."""
    c = resolve_unit(draft, address)
    _check_index(number, len(c.reservations), f"clause {c.label}", "reservation")
    who = c.reservations[number - 1].delegation
    return Edit(m.remove_reservation(draft, c.uid, number - 1), c.uid,
                    f"clause {c.label}: removed reservation {number} ({who})")


def delete(draft: Draft, address: str, by: Iterable[str] = ()) -> Edit:
    """Mark a clause deleted (it stays in the text, struck through)."""
    c = resolve_unit(draft, address)
    if c.deleted:
        raise DsrError(f"clause {c.label} is already deleted")
    codes = check_delegations(by)
    who = f" (by {', '.join(codes)})" if codes else ""
    return Edit(m.delete_clause(draft, c.uid, codes), c.uid,
                    f"clause {c.label}: deleted{who}")


def restore(draft: Draft, address: str) -> Edit:
    c = resolve_unit(draft, address)
    if not c.deleted:
        raise DsrError(f"clause {c.label} is not deleted")
    return Edit(m.restore_clause(draft, c.uid), c.uid, f"clause {c.label}: restored")


def move(draft: Draft, address: str, *, to: int | None = None, before: str | None = None,
         after: str | None = None) -> Edit:
    """Move a clause to a 1-based position, or before or after another clause.

    As in the editor, plain numbers then follow document order and inserted clauses keep
    their "bis" (`model.number_in_order`)."""
    if sum(x is not None for x in (to, before, after)) != 1:
        raise DsrError("say where to move the clause: a position, or before or after a clause")
    c = resolve_unit(draft, address)
    others = [x for x in draft.clauses if x.uid != c.uid]
    if to is not None:
        _check_index(to, len(draft.clauses), "the draft", "position")
        index = to - 1
    else:
        anchor = resolve_unit(draft, before if before is not None else str(after))
        if anchor.uid == c.uid:
            raise DsrError(f"clause {c.label} cannot be moved next to itself")
        index = next(i for i, x in enumerate(others) if x.uid == anchor.uid)
        index += 0 if before is not None else 1
    new = m.move_in_order(draft, c.uid, index)
    moved = new.clause(c.uid)
    now = f" (now clause {moved.label})" if moved.label != c.label else ""
    return Edit(new, c.uid, f"clause {c.label}: moved to position "
                                f"{position_of(new, c.uid)}{now}")


def move_division(draft: Draft, address: str, step: int) -> Edit:
    """Move a heading with its paragraphs and sub-divisions past the previous (`step` -1)
    or the next (+1) division of its rank (`model.move_division`)."""
    c = resolve_unit(draft, address)
    if not c.is_heading:
        raise DsrError(f"{address} is a paragraph: name its division's heading to move the "
                       "division")
    new = m.move_division(draft, c.uid, step)
    return Edit(new, c.uid, f"{c.label or c.text}: moved {'up' if step < 0 else 'down'} with "
                            f"its division, now at position {position_of(new, c.uid)}")


def insert_bis(draft: Draft, after: str, text: str, by: Iterable[str] = ()) -> Edit:
    """A clause inserted after `after`, labelled "12 bis" (then "ter", …) until renumbered."""
    anchor = resolve_unit(draft, after)
    label = m.inserted_label(draft, anchor.label)
    uid = m.new_uid()
    new = m.add_clause(draft, checked_text(text, label), proposers=check_delegations(by),
                       after=anchor.uid, uid=uid)
    return Edit(new, uid, f"inserted clause {label} after clause {anchor.label}")


def relabel(draft: Draft, address: str, label: str) -> Edit:
    """Give a clause another label by hand (the editor's "No." column)."""
    c = resolve_unit(draft, address)
    wanted = " ".join(label.split())
    if not wanted:
        raise DsrError(f"clause {c.label}: a label cannot be empty")
    clash = [x for x in draft.clauses if x.uid != c.uid and x.label == wanted]
    if clash:
        raise DsrError(f"clause label '{wanted}' is already used by another clause")
    return Edit(m.set_label(draft, c.uid, wanted), c.uid,
                    f"clause {c.label}: now labelled {wanted}")


def renumber(draft: Draft) -> Edit:
    """The final numbering 1, 2, 3… of live clauses ("bis" clauses included)."""
    new = m.renumber(draft)
    moves = [f"{old.label} → {c.label}" for old, c in zip(draft.clauses, new.clauses,
                                                          strict=True) if old.label != c.label]
    return Edit(new, None, "renumbered: " + (", ".join(moves) if moves else "no change"))


def set_preamble(draft: Draft, text: str) -> Edit:
    body = " ".join(text.split())
    errors = validate(body)
    if errors:
        raise DsrError("unbalanced brackets: preamble: " + "; ".join(str(e) for e in errors))
    return Edit(m.set_metadata(draft, preamble=body), None,
                f"preamble set ({len(body)} characters)" if body else "preamble cleared")


def set_meta(draft: Draft, **changes: str | None) -> Edit:
    """Title, symbol, date and place; fields left None are kept."""
    given = {k: " ".join(v.split()) for k, v in changes.items() if v is not None}
    if not given:
        raise DsrError("no metadata to change: give a title, symbol, date or place")
    if "title" in given and not given["title"]:
        raise DsrError("a draft needs a title")
    new = m.set_metadata(draft, **given)
    return Edit(new, None, "; ".join(f"{k}: {v or '(none)'}" for k, v in given.items()))


def _check_index(number: int, count: int, owner: str, what: str) -> None:
    if count == 0:
        raise DsrError(f"{owner} has no {what}s")
    if not 1 <= number <= count:
        raise DsrError(f"{owner} has no {what} {number} ({what}s 1 to {count})")
