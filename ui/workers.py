"""Background work: small task objects on a single worker thread, results back by signal.

Like Anki's operations: a task is a plain callable run off the GUI thread; it never touches a
widget. Its result (or a one-line error) comes back to the GUI thread through a Qt signal,
queued across threads. One thread keeps database work serialised.
"""

from __future__ import annotations

import gc
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

from dsrdraft.errors import DsrError


class TaskSignals(QObject):
    """Signals of one task (a QRunnable cannot emit signals itself)."""

    finished = Signal(object)  # the task's return value
    failed = Signal(str)  # a one-line message
    progress = Signal(int, str)  # step done, what


class Task(QRunnable):
    """Run `fn(report)` on the pool; `report(step, text)` emits progress from the worker."""

    def __init__(self, fn: Callable[[Callable[[int, str], None]], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = TaskSignals()
        self.cancelled = False
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.fn(self.report)
        except DsrError as error:
            self.signals.failed.emit(str(error))
        except Exception as error:  # shown as a dialog by the GUI, never as a traceback
            traceback.print_exc()
            self.signals.failed.emit(f"{type(error).__name__}: {error}")
        else:
            self.signals.finished.emit(result)

    def report(self, step: int, what: str) -> None:
        self.signals.progress.emit(step, what)


class _Relay(QObject):
    """Lives in the GUI thread, so signals from the worker reach the callbacks there."""

    def __init__(self, parent: QObject, on_done: Callable[[Any], None] | None,
                 on_error: Callable[[str], None] | None,
                 on_progress: Callable[[int, str], None] | None) -> None:
        super().__init__(parent)
        self.on_done, self.on_error, self.on_progress = on_done, on_error, on_progress

    @Slot(object)
    def done(self, result: Any) -> None:
        self.deleteLater()
        if self.on_done is not None:
            self.on_done(result)

    @Slot(str)
    def error(self, message: str) -> None:
        self.deleteLater()
        if self.on_error is not None:
            self.on_error(message)

    @Slot(int, str)
    def progress(self, step: int, what: str) -> None:
        if self.on_progress is not None:
            self.on_progress(step, what)


class MainThreadGarbageCollector(QObject):
    """Python's cyclic garbage collection, run on the GUI thread only.

    Left automatic, a collection starts in whichever thread happens to allocate, so a worker
    busy in python-docx could destroy a Qt wrapper from the GUI thread's leftovers (a dialog
    in a reference cycle) and crash the GUI thread. Automatic collection is switched off and
    a timer on the GUI thread collects with the same generation thresholds instead.
    """

    INTERVAL_MS = 500

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

    @Slot()
    def check(self) -> None:
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self.thresholds[generation]:
                gc.collect(generation)
                return


class TaskRunner(QObject):
    """A one-thread pool. `submit` returns the task so callers can connect to its signals."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        MainThreadGarbageCollector.install()

    def submit(self, fn: Callable[..., Any], *, on_done: Callable[[Any], None] | None = None,
               on_error: Callable[[str], None] | None = None,
               on_progress: Callable[[int, str], None] | None = None,
               with_report: bool = False) -> Task:
        task = Task(fn if with_report else (lambda _report: fn()))
        # The relay lives in the GUI thread, so the connections are queued.
        relay = _Relay(self, on_done, on_error, on_progress)
        task.signals.finished.connect(relay.done)
        task.signals.failed.connect(relay.error)
        task.signals.progress.connect(relay.progress)
        self.pool.start(task)
        return task

    def wait(self, msecs: int = 10_000) -> bool:
        """Wait for queued tasks (used on shutdown and in tests)."""
        return self.pool.waitForDone(msecs)
