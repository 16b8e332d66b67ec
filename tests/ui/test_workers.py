"""The worker: results reach the GUI thread; garbage is collected on the GUI thread only."""

from __future__ import annotations

import gc
import threading
import weakref

from dsrdraft_ui.operations import Lane, Operation, OperationRunner
from dsrdraft_ui.workers import MainThreadGarbageCollector


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_garbage_cycles_are_collected_on_the_gui_thread(qtbot, runner: OperationRunner) -> None:
    assert not gc.isenabled()  # a worker thread never starts a collection
    collector = MainThreadGarbageCollector.install()
    assert collector is MainThreadGarbageCollector.install()  # one per application
    where: list[str] = []
    gc.callbacks.append(lambda phase, _info: phase == "start" and where.append(
        threading.current_thread().name))
    try:
        probe = _Cycle()
        gone = weakref.ref(probe)
        del probe
        # enough allocations to pass the thresholds, made in the worker thread
        done: list[bool] = []
        runner.run(Operation("garbage", lambda _ctx: [_Cycle() for _ in range(50_000)]
                             and None, Lane.CPU), on_success=lambda _r: done.append(True))
        qtbot.wait_until(lambda: bool(done), timeout=5000)
        qtbot.wait_until(lambda: gone() is None, timeout=5000)
    finally:
        gc.callbacks.pop()
    assert where and set(where) == {threading.main_thread().name}


def test_collection_waits_while_the_user_works(qtbot) -> None:
    """No collection while a view notes user activity (a key press, a scroll step), unless
    garbage piles up far past the thresholds; one soon after the user pauses."""
    from dsrdraft_ui.operations import activity

    collector = MainThreadGarbageCollector.install()
    assert collector is not None
    starts: list[int] = []
    gc.callbacks.append(lambda phase, info: phase == "start" and starts.append(
        info["generation"]))
    keep = []
    try:
        gc.collect()
        starts.clear()
        activity.note(0.6)  # the user at work for the next 0.6 s
        keep = [[] for _ in range(collector.thresholds[0] * 2)]  # past the threshold
        collector.check()
        assert starts == []  # put off
        keep += [[] for _ in range(collector.thresholds[0] * collector.BACKLOG)]
        collector.check()
        assert starts  # too much garbage waiting: collected all the same
        starts.clear()
        keep += [[] for _ in range(collector.thresholds[0] * 2)]
        qtbot.wait_until(lambda: bool(starts), timeout=3000)  # after the pause, by the timer
        assert activity.remaining() == 0
    finally:
        gc.callbacks.pop()
    del keep
