"""PySide6 6.12 drops references to None/True/False; the guard keeps the process alive."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QAbstractListModel, QObject, QSortFilterProxyModel, Qt, Signal

import ui  # noqa: F401  (installs the guard)


class _NoneModel(QAbstractListModel):
    def rowCount(self, parent=None) -> int:
        return 1

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return None


class _Emitter(QObject):
    fired = Signal(object)


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_many_none_returns_and_emits_do_not_abort(qapp):
    assert getattr(sys, "_dsrdraft_refcount_guard", False)
    model = _NoneModel()
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    index = proxy.index(0, 0)
    emitter = _Emitter()
    seen = []
    emitter.fired.connect(seen.append)
    # Far more than None's natural reference count: without the guard this aborts.
    for _ in range(300_000):
        proxy.data(index, Qt.ItemDataRole.FontRole)
    for _ in range(100_000):
        emitter.fired.emit(None)
    assert len(seen) == 100_000
    assert sys.getrefcount(None) > 1 << 39
