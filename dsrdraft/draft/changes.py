"""What an edit changed: old and new drafts compared by unit id and object identity.

Every edit of a draft returns a new frozen `Draft` built with `dataclasses.replace`, so the
clauses an edit did not touch are the *same objects* in the old and the new draft. Comparing
the two clause tuples by uid and identity tells, in one pass, which clauses were added,
removed, moved or changed; item views turn that into row insertions, removals, moves and
repaints of exactly those rows instead of redrawing everything.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from itertools import compress, count
from operator import attrgetter, is_not, ne
from typing import Any, TypeVar

from dsrdraft.draft.model import Draft
from dsrdraft.sequences import longest_increasing

T = TypeVar("T")

SEQUENCES = ("clauses", "signatories", "revisions")
_uid, _code, _number = attrgetter("uid"), attrgetter("code"), attrgetter("number")


@dataclass(frozen=True, slots=True)
class SequenceChanges:
    """How the items of a keyed sequence differ between an old and a new version."""

    removed: tuple[Hashable, ...] = ()  # keys gone, in the old order
    added: tuple[Hashable, ...] = ()  # keys new, in the new order
    moved: tuple[Hashable, ...] = ()  # kept keys whose place among the kept ones changed
    changed: tuple[Hashable, ...] = ()  # kept keys whose item differs, in the new order

    @property
    def empty(self) -> bool:
        return not (self.removed or self.added or self.moved or self.changed)

    @property
    def same_keys(self) -> bool:
        """Nothing added, removed or moved: at most some items changed in place."""
        return not (self.removed or self.added or self.moved)


@dataclass(frozen=True, slots=True)
class DraftChanges:
    """What differs between two drafts: clauses, signatories, revisions, other fields."""

    clauses: SequenceChanges = SequenceChanges()
    signatories: SequenceChanges = SequenceChanges()
    revisions: SequenceChanges = SequenceChanges()
    fields: frozenset[str] = frozenset()  # other Draft fields whose value changed
    replaced: bool = False  # a different draft altogether (opened, new, recovered)

    @property
    def empty(self) -> bool:
        return (not self.replaced and not self.fields and self.clauses.empty
                and self.signatories.empty and self.revisions.empty)

    def inverted(self) -> DraftChanges:
        """The change back from the new draft to the old one (for undo)."""
        return DraftChanges(_invert(self.clauses), _invert(self.signatories),
                            _invert(self.revisions), self.fields, self.replaced)

    @classmethod
    def replacing(cls) -> DraftChanges:
        """The change of opening another draft: every view starts afresh."""
        return cls(replaced=True)


def _invert(c: SequenceChanges) -> SequenceChanges:
    # The kept items outside `moved` are in the same relative order in both versions, so the
    # same `moved` keys undo the moves.
    return SequenceChanges(c.added, c.removed, c.moved, c.changed)


def _same(a: Any, b: Any) -> bool:
    return a is b or a == b


def _changed_in_place(keys: Sequence[Hashable], old: Sequence[T], new: Sequence[T],
                      offset: int = 0) -> list[Hashable]:
    """Keys of the items at the same places of `old` and `new` that differ. Untouched items
    are the same objects: `compress` and `map` find the few that are not in C, and only
    those are compared by value (a Python loop over 1,000 items cost a key's frame)."""
    return [keys[i] for i in compress(count(offset), map(is_not, old, new))
            if old[i - offset] != new[i - offset]]


def first_difference(a: Sequence[Any], b: Sequence[Any],
                     differ: Callable[[Any, Any], bool] = ne) -> int:
    """The first position where `a` and `b` differ by `differ` (by value; `is_not`: by
    identity), the shorter one's length if none: found in C, not a Python loop."""
    return next(compress(count(), map(differ, a, b)), min(len(a), len(b)))


def fewest_moves(order: Sequence[int]) -> set[int]:
    """Positions of `order` outside one longest increasing run: the fewest items to move."""
    keep = longest_increasing(order)
    return set(range(len(order))) - keep


def sequence_changes(old: Sequence[T], new: Sequence[T],
                     key: Callable[[T], Hashable]) -> SequenceChanges:
    """Compare two sequences of items with unique keys (O(n), O(n log n) when items moved)."""
    if old is new:
        return SequenceChanges()
    old_keys = list(map(key, old))
    new_keys = list(map(key, new))
    if old_keys == new_keys:  # the usual edit: the same units in the same order
        return SequenceChanges(changed=tuple(_changed_in_place(new_keys, old, new)))
    if len(old_keys) == len(new_keys) and set(old_keys) == set(new_keys):
        return _permuted(old, new, old_keys, new_keys)
    old_at = {k: i for i, k in enumerate(old_keys)}
    new_at = {k: i for i, k in enumerate(new_keys)}
    removed = tuple(k for k in old_keys if k not in new_at)
    added = tuple(k for k in new_keys if k not in old_at)
    kept_new = [k for k in new_keys if k in old_at]
    kept_old = [k for k in old_keys if k in new_at] if removed else old_keys
    moved: tuple[Hashable, ...] = ()
    if kept_new != kept_old:
        # Only the stretch between the common start and the common end can hold moves.
        start = 0
        while kept_new[start] == kept_old[start]:
            start += 1
        end = len(kept_new)
        while kept_new[end - 1] == kept_old[end - 1]:
            end -= 1
        window_old, window_new = kept_old[start:end], kept_new[start:end]
        rank = {k: i for i, k in enumerate(window_old)}
        order = [rank[k] for k in window_new]
        moved = tuple(window_new[i] for i in sorted(fewest_moves(order)))
    changed = tuple(k for k in kept_new if not _same(old[old_at[k]], new[new_at[k]]))
    return SequenceChanges(removed, added, moved, changed)


def _permuted(old: Sequence[T], new: Sequence[T], old_keys: list[Hashable],
              new_keys: list[Hashable]) -> SequenceChanges:
    """The same keys in another order (a move): only the stretch between the common start
    and the common end is looked at key by key; outside it items are compared in place."""
    n = len(old_keys)
    start = first_difference(old_keys, new_keys)
    end = n - first_difference(old_keys[::-1], new_keys[::-1])
    window_old, window_new = old_keys[start:end], new_keys[start:end]
    rank = {k: i for i, k in enumerate(window_old)}
    moved = tuple(window_new[i] for i in sorted(fewest_moves([rank[k] for k in window_new])))
    old_in_window = dict(zip(window_old, old[start:end], strict=True))
    changed = _changed_in_place(new_keys, old[:start], new[:start])
    changed += [k for k, b in zip(window_new, new[start:end], strict=True)
                if not _same(old_in_window[k], b)]
    changed += _changed_in_place(new_keys, old[end:], new[end:], end)
    return SequenceChanges(moved=moved, changed=tuple(changed))


def draft_changes(old: Draft, new: Draft) -> DraftChanges:
    """What turned `old` into `new` (clauses by uid, signatories by code, revisions by number)."""
    if old is new:
        return DraftChanges()
    fields = frozenset(
        f.name for f in dataclasses.fields(Draft)
        if f.name not in SEQUENCES and not _same(getattr(old, f.name), getattr(new, f.name)))
    return DraftChanges(
        clauses=sequence_changes(old.clauses, new.clauses, _uid),
        signatories=sequence_changes(old.signatories, new.signatories, _code),
        revisions=sequence_changes(old.revisions, new.revisions, _number),
        fields=fields,
    )
