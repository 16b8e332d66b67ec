"""Replaying the core's changes on a model: exact signals, the rows end in the new order."""

from __future__ import annotations

from typing import ClassVar

import pytest
from PySide6.QtCore import Qt

from dsrdraft.draft.changes import sequence_changes
from dsrdraft_ui import model_sync
from dsrdraft_ui.model_sync import runs, sync_rows
from dsrdraft_ui.table_model import ColumnTableModel


class ListModel(ColumnTableModel):
    """A one-column model over a Python list, changed only through sync_rows."""

    COLUMNS: ClassVar[list[str]] = ["item"]

    def __init__(self, rows: list[str]) -> None:
        super().__init__()
        self.rows = list(rows)

    def row_count(self) -> int:
        return len(self.rows)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if index.isValid() and role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()]
        return None


def test_runs():
    assert runs([5, 1, 2, 3, 7]) == [(1, 3), (5, 5), (7, 7)]
    assert runs([]) == []


@pytest.mark.parametrize("big", [False, True])
@pytest.mark.parametrize(("old", "new"), [
    ("abcdef", "abxcdef"), ("abcdef", "acdef"), ("abcdef", "bacdef"), ("abcdef", "bcdefa"),
    ("abcdef", "fedcba"), ("abcdef", "xbcdey"), ("abc", ""), ("", "abc"),
])
def test_signals_replayed_give_the_new_rows(qtmodeltester, monkeypatch, old, new, big):
    if big:  # the paths of large models: short moves as repaints, long ones re-inserted
        monkeypatch.setattr(model_sync, "REINSERT_ABOVE", 0)
    model = ListModel(list(old))
    qtmodeltester.check(model)
    seen: list[str] = []
    model.rowsInserted.connect(lambda *_a: seen.append("insert"))
    model.rowsRemoved.connect(lambda *_a: seen.append("remove"))
    model.rowsMoved.connect(lambda *_a: seen.append("move"))
    model.modelReset.connect(lambda: seen.append("reset"))
    changes = sequence_changes(list(old), list(new), lambda k: k)
    sync_rows(model, model.rows, list(new), changes, lambda k: k)
    assert "".join(model.rows) == new
    assert "reset" not in seen
    qtmodeltester.check(model)
