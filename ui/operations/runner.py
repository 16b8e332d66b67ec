"""The typed operation runner: named operations off the GUI thread, results back on it.

Like Anki's `aqt.operations`: an `Operation` is a name, a plain function and the lane it runs
in. The `DATABASE` lane is one thread, so library work is serialised and the GUI thread never
touches the database; the `CPU` lane is a pool for comparing, exporting, compiling. The
function never touches a widget; its result reaches `on_success` on the GUI thread, an
exception reaches `on_failure` *as the exception object* (callers test its type, never its
message). A CPU operation that needs the library asks the database lane
(`OpContext.on_database`). Operations that change the library return `LibraryChanges`, which
the runner announces (`library_changed`) so each view refreshes what it shows.

`LatestRequest` is the one "only the newest answer counts" helper: search as you type, the
compare view, similar clauses and agreed-language lookups each hold one.
"""

from __future__ import annotations

import os
import threading
import traceback
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Qt, Signal, Slot

from dsrdraft.errors import DsrError
from dsrdraft_ui.operations import activity
from dsrdraft_ui.workers import MainThreadGarbageCollector

T = TypeVar("T")
R = TypeVar("R")


class Lane(Enum):
    DATABASE = "database"  # one thread: every library read and write, in order
    CPU = "cpu"  # a pool: pure computation on immutable data


@dataclass(frozen=True, slots=True)
class LibraryChanges:
    """What a library operation changed (announced to every view that shows the library)."""

    added: tuple[str, ...] = ()  # initiative ids imported


@dataclass(frozen=True)
class Operation(Generic[T]):
    """A named piece of background work: `work(context)` in `lane`."""

    name: str
    work: Callable[[OpContext], T]
    lane: Lane = Lane.DATABASE


class OpContext:
    """What the work function may use: progress, cancellation, the database lane."""

    def __init__(self, runner: OperationRunner, ticket: Ticket) -> None:
        self._runner = runner
        self._ticket = ticket

    @property
    def cancelled(self) -> bool:
        return self._ticket.cancelled

    def step_aside(self) -> None:
        """Between two small steps of long work: wait while the user types or scrolls."""
        activity.wait_for_quiet()

    def checkpoint(self) -> None:
        """Between two steps of long work nobody may wait for any more: give it up once its
        answer was cancelled (a newer request replaced it), and step aside while the user
        types or scrolls."""
        if self._ticket.cancelled:
            raise _Cancelled
        activity.wait_for_quiet(stop=lambda: self._ticket.cancelled)
        if self._ticket.cancelled:
            raise _Cancelled

    def report(self, step: int, what: str) -> None:
        self._runner._post(lambda: self._ticket._progress(step, what))

    def on_database(self, fn: Callable[[], R]) -> R:
        """Run `fn` in the database lane and wait for it (from a CPU operation)."""
        if threading.current_thread() is self._runner._database_thread:
            return fn()
        return self._runner._database.submit(fn).result()


@dataclass(eq=False)
class Ticket:
    """One submitted operation; `cancel()` drops its answer (and tells the work)."""

    name: str
    on_success: Callable[[Any], None] | None = None
    on_failure: Callable[[Exception], None] | None = None
    on_progress: Callable[[int, str], None] | None = None
    cancelled: bool = False
    finished: bool = False
    future: Future | None = field(default=None, repr=False)

    def cancel(self) -> None:
        self.cancelled = True

    @property
    def pending(self) -> bool:
        return not self.finished and not self.cancelled

    def _progress(self, step: int, what: str) -> None:
        if not self.cancelled and self.on_progress is not None:
            self.on_progress(step, what)


def error_message(error: BaseException) -> str:
    """One line for the user: the core's own message, or the kind of error and its text."""
    if isinstance(error, DsrError):
        return str(error)
    if isinstance(error, OSError) and error.strerror:
        return f"{error.strerror}: {error.filename}" if error.filename else error.strerror
    return f"{type(error).__name__}: {error}"


class OperationRunner(QObject):
    """Runs operations in their lane; delivers results on the GUI thread."""

    library_changed = Signal(object)  # LibraryChanges
    failed = Signal(str, object)  # operation name, exception (when it has no on_failure)
    _posted = Signal()

    def __init__(self, parent: QObject | None = None, *, cpu_threads: int | None = None) -> None:
        super().__init__(parent)
        self._database = ThreadPoolExecutor(1, thread_name_prefix="dsrdraft-db",
                                            initializer=self._remember_database_thread)
        self._database_thread: threading.Thread | None = None
        self._cpu = ThreadPoolExecutor(cpu_threads or max(2, min(4, os.cpu_count() or 2)),
                                       thread_name_prefix="dsrdraft-cpu")
        self._mail: deque[Callable[[], None]] = deque()
        self._lock = threading.Lock()
        self._futures: set[Future] = set()
        self._closed = False
        self._posted.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        MainThreadGarbageCollector.install()

    def _remember_database_thread(self) -> None:
        self._database_thread = threading.current_thread()

    # ------------------------------------------------------------ submitting

    def run(self, op: Operation[T], *, on_success: Callable[[T], None] | None = None,
            on_failure: Callable[[Exception], None] | None = None,
            on_progress: Callable[[int, str], None] | None = None) -> Ticket:
        """Start `op`; exactly one of `on_success` / `on_failure` follows unless cancelled."""
        ticket = Ticket(op.name, on_success, on_failure, on_progress)
        if self._closed:  # shutting down: nothing new starts, nothing comes back
            ticket.cancel()
            return ticket
        context = OpContext(self, ticket)
        executor = self._database if op.lane is Lane.DATABASE else self._cpu

        def work() -> T:
            if ticket.cancelled:
                raise _Cancelled
            return op.work(context)

        future = executor.submit(work)
        ticket.future = future
        with self._lock:
            self._futures.add(future)
        future.add_done_callback(lambda f: self._post(lambda: self._finish(ticket, f)))
        return ticket

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._futures)

    def wait(self, msecs: int = 10_000) -> bool:
        """Wait until every submitted operation has run (shutdown and tests)."""
        import concurrent.futures

        with self._lock:
            futures = list(self._futures)
        _done, not_done = concurrent.futures.wait(futures, timeout=msecs / 1000)
        return not not_done

    def shutdown(self) -> None:
        self._closed = True
        self._database.shutdown(wait=True, cancel_futures=True)
        self._cpu.shutdown(wait=True, cancel_futures=True)

    # ------------------------------------------------------------ delivering

    def _post(self, closure: Callable[[], None]) -> None:
        with self._lock:
            self._mail.append(closure)
        self._posted.emit()

    @Slot()
    def _deliver(self) -> None:
        while True:
            with self._lock:
                if not self._mail:
                    return
                closure = self._mail.popleft()
            closure()

    def _finish(self, ticket: Ticket, future: Future) -> None:
        with self._lock:
            self._futures.discard(future)
        ticket.finished = True
        if ticket.cancelled:
            return
        error = future.exception()
        if isinstance(error, _Cancelled):
            return
        if error is not None:
            if not isinstance(error, DsrError):
                traceback.print_exception(type(error), error, error.__traceback__)
            if not isinstance(error, Exception):
                raise error
            if ticket.on_failure is not None:
                ticket.on_failure(error)
            else:
                self.failed.emit(ticket.name, error)
            return
        result = future.result()
        if ticket.on_success is not None:
            ticket.on_success(result)
        changes = getattr(result, "library_changes", None)
        if isinstance(changes, LibraryChanges):
            self.library_changed.emit(changes)


class _Cancelled(Exception):
    """Raised instead of starting (or going on with) work that was cancelled."""


class LatestRequest:
    """Requests of one kind where only the newest answer counts (search as you type…).

    Starting a request cancels the one before: an older answer, or an older failure, never
    replaces a newer result, and a failure does not hold back the request that follows it.
    """

    def __init__(self, runner: OperationRunner) -> None:
        self.runner = runner
        self.ticket: Ticket | None = None

    def run(self, op: Operation[T], on_success: Callable[[T], None],
            on_failure: Callable[[Exception], None] | None = None,
            on_progress: Callable[[int, str], None] | None = None) -> Ticket:
        self.cancel()
        self.ticket = self.runner.run(op, on_success=on_success, on_failure=on_failure,
                                      on_progress=on_progress)
        return self.ticket

    def cancel(self) -> None:
        if self.ticket is not None:
            self.ticket.cancel()
            self.ticket = None

    @property
    def pending(self) -> bool:
        return self.ticket is not None and self.ticket.pending
