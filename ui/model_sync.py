"""Turn the rows of a list-backed item model into a new list with precise model signals.

The core says what changed (`dsrdraft.draft.changes.SequenceChanges`: keys removed, added,
moved, changed); `sync_rows` replays that on the model as `rowsRemoved`, `rowsMoved`,
`rowsInserted` and `dataChanged` for exactly those rows, so views keep their selection,
scroll position and cached row heights everywhere else. A model reset is left to opening a
different document.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from itertools import count
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex

from dsrdraft.draft.changes import SequenceChanges

MOVE_LIMIT = 64  # more moved rows than this: one layout change instead of single moves
# Above this many rows a moved row is sent as removed + inserted: on a move (or a layout
# change) Qt's header keeps every resized section as a persistent index, two calls into
# the Python model per row (some 5 ms for 1,000 rows), while a removal and an insertion
# cost a few microseconds. Views keep their selection through `select` after the edit.
REINSERT_ABOVE = 300
# In such a model a short move (Alt+Down: the next row) is sent as the few rows between its
# old and new place showing other data: two rows repainted, nothing laid out again. Callers
# select the moved unit again (persistent indexes stay with the row numbers).
SHORT_MOVE = 16


def runs(positions: Iterable[int]) -> list[tuple[int, int]]:
    """Sorted positions as (first, last) runs of consecutive numbers."""
    out: list[tuple[int, int]] = []
    for p in sorted(positions):
        if out and p == out[-1][1] + 1:
            out[-1] = (out[-1][0], p)
        else:
            out.append((p, p))
    return out


def sync_rows(model: QAbstractItemModel, rows: list[Any], new: Sequence[Any],
              changes: SequenceChanges, key: Callable[[Any], Hashable]) -> None:
    """Make `rows` (the model's own list, changed in place) equal to `new`, signalling each step."""
    root = QModelIndex()
    if changes.removed:
        gone = set(changes.removed)
        for first, last in reversed(runs(i for i, r in enumerate(rows) if key(r) in gone)):
            model.beginRemoveRows(root, first, last)
            del rows[first:last + 1]
            model.endRemoveRows()
    if changes.moved:
        added = set(changes.added)
        kept_new = [x for x in new if key(x) not in added] if added else list(new)
        if len(changes.moved) > MOVE_LIMIT:
            _relayout(model, rows, kept_new, key)
        else:
            _move_each(model, rows, kept_new, set(changes.moved), key,
                       reinsert=len(rows) > REINSERT_ABOVE)
    if changes.added:
        position = dict(zip(map(key, new), count()))
        for first, last in runs(position[k] for k in changes.added):
            model.beginInsertRows(root, first, last)
            rows[first:first] = new[first:last + 1]
            model.endInsertRows()
    rows[:] = new
    if changes.changed:
        position = dict(zip(map(key, new), count()))
        last_column = model.columnCount() - 1
        for first, last in runs(position[k] for k in changes.changed):
            model.dataChanged.emit(model.index(first, 0), model.index(last, last_column))


def _move_each(model: QAbstractItemModel, rows: list[Any], kept_new: list[Any],
               moved: set[Hashable], key: Callable[[Any], Hashable], *,
               reinsert: bool = False) -> None:
    """Move each moved row to just after its predecessor in the new order."""
    root = QModelIndex()
    keys = list(map(key, rows))
    for i, item in enumerate(kept_new):
        k = key(item)
        if k not in moved:
            continue
        source = keys.index(k)
        after = keys.index(key(kept_new[i - 1])) if i else -1
        destination = after + 1  # before which row, counted before the move
        if destination in (source, source + 1):
            continue
        target = destination if destination < source else destination - 1
        if reinsert and abs(target - source) <= SHORT_MOVE:
            rows.insert(target, rows.pop(source))
            first, last = min(source, target), max(source, target)
            model.dataChanged.emit(model.index(first, 0),
                                   model.index(last, model.columnCount() - 1))
        elif reinsert:
            model.beginRemoveRows(root, source, source)
            row = rows.pop(source)
            model.endRemoveRows()
            model.beginInsertRows(root, target, target)
            rows.insert(target, row)
            model.endInsertRows()
        else:
            model.beginMoveRows(root, source, source, root, destination)
            rows.insert(target, rows.pop(source))
            model.endMoveRows()
        keys.insert(target, keys.pop(source))


def _relayout(model: QAbstractItemModel, rows: list[Any], kept_new: list[Any],
              key: Callable[[Any], Hashable]) -> None:
    """Reorder everything in one layout change, persistent indexes following their rows."""
    model.layoutAboutToBeChanged.emit()
    persistent = model.persistentIndexList()
    keys = [key(rows[p.row()]) for p in persistent]
    rows[:] = kept_new
    position = {key(x): i for i, x in enumerate(kept_new)}
    model.changePersistentIndexList(
        persistent, [model.index(position[k], p.column()) for p, k in zip(persistent, keys,
                                                                              strict=True)])
    model.layoutChanged.emit()
