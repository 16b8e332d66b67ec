"""Garbage collection on the GUI thread (background work itself: `dsrdraft_ui.operations`)."""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Slot


class MainThreadGarbageCollector(QObject):
    """Python's cyclic garbage collection, run on the GUI thread only.

    Left automatic, a collection starts in whichever thread happens to allocate, so a worker
    busy in python-docx could destroy a Qt wrapper from the GUI thread's leftovers (a dialog
    in a reference cycle) and crash the GUI thread. Automatic collection is switched off and
    a timer on the GUI thread collects with the same generation thresholds instead.
    """

    INTERVAL_MS = 500
    BACKLOG = 40  # times the youngest generation's threshold: collect even while the user works

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(self.INTERVAL_MS)

    @classmethod
    def install(cls) -> MainThreadGarbageCollector | None:
        """Once per application, from the GUI thread; None without a QCoreApplication."""
        app = QCoreApplication.instance()
        if app is None:
            return None
        existing = app.findChild(cls)
        return existing if existing is not None else cls(app)

    def settle(self, *_args: object) -> None:
        """After opening a draft or a comparison: set what is alive aside.

        Long-lived objects (the draft, a comparison's rows, the modules, Qt wrappers) are
        moved out of the collector's way (`gc.freeze`, which costs nothing), so the periodic
        collection walks only what is new and never costs a frame; frozen objects are still
        freed by reference counting (only cycles among them would stay).
        """
        gc.freeze()

    @Slot()
    def check(self) -> None:
        # Imported here: the operations package imports this module.
        from dsrdraft_ui.operations import activity

        counts = gc.get_count()
        # A collection walks everything allocated since the last one, and with automatic
        # collection off a busy half-second leaves tens of thousands of objects: run on a
        # key press or a scroll step, it cost that step several milliseconds. So it waits
        # for the user's pause, unless garbage has piled up far past the thresholds.
        if activity.remaining() and counts[0] < self.thresholds[0] * self.BACKLOG:
            return
        for generation in (2, 1, 0):
            if counts[generation] > self.thresholds[generation]:
                gc.collect(generation)
                return
