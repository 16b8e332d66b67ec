"""What an edit changed (`dsrdraft.draft.changes`): exact, and fast on 1,000 clauses."""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dsrdraft.draft import model as dm
from dsrdraft.draft.changes import (
    DraftChanges,
    SequenceChanges,
    draft_changes,
    fewest_moves,
    sequence_changes,
)
from dsrdraft.draft.model import DraftSignatory, Status


def draft_of(n: int) -> dm.Draft:
    d = dm.new_draft("Test")
    for i in range(n):
        d = dm.add_clause(d, f"Clause text number {i}.", uid=f"u{i}")
    return d


def test_each_kind_of_edit_reports_exactly_what_it_touched() -> None:
    d = draft_of(5)
    assert draft_changes(d, d).empty
    c = draft_changes(d, dm.set_status(d, "u2", Status.AGREED))
    assert c.clauses == SequenceChanges(changed=("u2",)) and c.clauses.same_keys
    assert not c.fields
    c = draft_changes(d, dm.add_clause(d, "New.", after="u1", uid="n"))
    assert c.clauses == SequenceChanges(added=("n",))
    c = draft_changes(d, dm.move_clause(d, "u0", 3))
    assert c.clauses.moved == ("u0",) and not c.clauses.changed
    c = draft_changes(d, dm.number_in_order(dm.move_clause(d, "u0", 3)))
    assert c.clauses.moved == ("u0",)
    assert set(c.clauses.changed) == {"u1", "u2", "u3", "u0"}  # labels 1..4 renumbered
    removed = dm.replace(d, clauses=d.clauses[:2] + d.clauses[3:])
    assert draft_changes(d, removed).clauses == SequenceChanges(removed=("u2",))
    c = draft_changes(d, dm.set_metadata(d, title="Other", place="Beijing"))
    assert c.fields == {"title", "place"} and c.clauses.empty
    c = draft_changes(d, dm.add_signatory(d, DraftSignatory("CHN")))
    assert c.signatories.added == ("CHN",) and c.clauses.empty
    c = draft_changes(d, dm.revise(d, date="2026-01-01"))
    assert c.revisions.added == (0,) and {"revision", "date"} <= c.fields
    assert DraftChanges.replacing().replaced and not DraftChanges.replacing().empty


def test_undo_is_the_reverse_change() -> None:
    d = draft_of(4)
    after = dm.add_clause(dm.move_clause(d, "u3", 0), "x", uid="n")
    forward, back = draft_changes(d, after), draft_changes(after, d)
    assert forward.clauses.added == back.clauses.removed == ("n",)
    assert forward.clauses.moved == ("u3",) and back.clauses.moved == ("u3",)


def test_inverted_changes_undo_the_edit() -> None:
    d = draft_of(6)
    after = dm.number_in_order(dm.move_clause(dm.add_clause(d, "x", uid="n"), "u1", 4))
    assert draft_changes(d, after).inverted().clauses.removed == ("n",)
    assert set(draft_changes(d, after).inverted().clauses.moved) == \
        set(draft_changes(after, d).clauses.moved)


def test_fewest_moves() -> None:
    assert fewest_moves([0, 1, 2]) == set()
    assert fewest_moves([1, 2, 3, 0]) == {3}
    assert fewest_moves([3, 0, 1, 2]) == {0}
    assert len(fewest_moves([4, 3, 2, 1, 0])) == 4
    assert fewest_moves([]) == set()


@given(st.lists(st.integers(0, 30), unique=True, max_size=25),
       st.lists(st.integers(0, 30), unique=True, max_size=25), st.randoms())
def test_replaying_the_changes_turns_old_into_new(old, new, rnd) -> None:
    """Remove, move the reported keys, insert: the result is the new order."""
    rnd.shuffle(new)
    c = sequence_changes(old, new, lambda k: k)
    rows = [k for k in old if k not in set(c.removed)]
    stay = [k for k in rows if k not in set(c.moved)]
    # the kept keys that did not move are already in the new relative order
    assert stay == [k for k in new if k in set(stay)]
    assert set(c.added) == set(new) - set(old)
    assert set(c.removed) == set(old) - set(new)


@given(st.lists(st.integers(0, 3), min_size=0, max_size=25), st.randoms())
def test_changed_are_the_kept_items_that_differ_wherever_they_stand(values, rnd) -> None:
    """Items kept in place before, inside and after the moved stretch, rebuilt equal or
    changed: `changed` is exactly the kept keys whose item differs, in the new order."""
    old = [[k, v] for k, v in enumerate(values)]
    new = [item if rnd.random() < 0.5 else list(item) for item in old]  # equal copies too
    for item in rnd.sample(new, k=len(new) // 3):
        new[new.index(item)] = [item[0], item[1] + 1]  # changed items
    if len(new) > 2 and rnd.random() < 0.7:  # a move somewhere in the middle
        i, j = sorted(rnd.sample(range(len(new)), 2))
        new.insert(j, new.pop(i))
    if new and rnd.random() < 0.3:
        new.pop(rnd.randrange(len(new)))
    if rnd.random() < 0.3:
        new.insert(rnd.randint(0, len(new)), [100, 0])
    c = sequence_changes(old, new, lambda item: item[0])
    before = {item[0]: item for item in old}
    assert c.changed == tuple(item[0] for item in new
                              if item[0] in before and before[item[0]] != item)


@pytest.mark.parametrize("edit", ["status", "move", "add"])
def test_a_thousand_clauses_are_compared_in_a_few_milliseconds(edit: str) -> None:
    d = draft_of(1000)
    new = {"status": lambda: dm.set_status(d, "u500", Status.AGREED),
           "move": lambda: dm.number_in_order(dm.move_clause(d, "u500", 501)),
           "add": lambda: dm.add_clause(d, "x", after="u10", uid="n")}[edit]()
    best = min(_timed(lambda: draft_changes(d, new)) for _ in range(5))
    assert best < 0.010, best


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def test_equal_but_rebuilt_items_are_not_changes() -> None:
    d = draft_of(3)
    rebuilt = dm.replace(d, clauses=tuple(dm.replace(c) for c in d.clauses))
    assert draft_changes(d, rebuilt).empty
