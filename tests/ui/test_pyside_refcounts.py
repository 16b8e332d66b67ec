"""PySide6 6.12.0 drops a reference to None on each data() returning None or emit(None);
the pin in pyproject.toml keeps such a release out. This fails (the process aborts) if one
comes back."""

from __future__ import annotations

import subprocess
import sys
import textwrap

CHILD = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import (QAbstractListModel, QCoreApplication, QObject,
                                QSortFilterProxyModel, Qt, Signal)
    app = QCoreApplication([])

    class NoneModel(QAbstractListModel):
        def rowCount(self, parent=None):
            return 1
        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            return None

    class Emitter(QObject):
        fired = Signal(object)

    model = NoneModel()
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    index = proxy.index(0, 0)
    emitter = Emitter()
    seen = [0]

    def count(value):
        seen[0] += value is None

    emitter.fired.connect(count)
    before = sys.getrefcount(None)
    for _ in range(200_000):
        proxy.data(index, Qt.ItemDataRole.FontRole)
    for _ in range(50_000):
        emitter.fired.emit(None)
    print(seen[0], sys.getrefcount(None) - before)
    """
)


def test_returning_none_to_qt_keeps_none_alive() -> None:
    result = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True,
                            timeout=120, env={"QT_QPA_PLATFORM": "offscreen",
                                              "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr[-500:]
    emitted, drift = map(int, result.stdout.split())
    assert emitted == 50_000
    assert abs(drift) < 1000  # a leak or a lost reference per call would show as ~200k
