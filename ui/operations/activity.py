"""When the user last typed or scrolled in a view: the one clock that idle work and long
background work both wait on.

Idle measuring of row heights pauses in every view while the user works in any of them (two
views measuring a slice each per event-loop turn doubled the work between scroll steps). And
worker threads share one interpreter with the GUI thread: while the draft's agreed-language
shading ran, every call the GUI thread made into Qt gave the interpreter up and waited to get
it back, so a scroll step of 20 ms of GUI work took 40-50 ms. Work that runs in many small
steps asks `wait_for_quiet` between them and sleeps, interpreter released, until the user
has paused; it is only delayed, never dropped.
"""

from __future__ import annotations

import time
from collections.abc import Callable

QUIET_S = 0.15  # the user has paused when nothing happened for this long
STOP_CHECK_S = 0.05  # how often a sleeping worker asks whether its work is still wanted
_quiet_at = 0.0  # perf_counter time from which the user counts as paused


def note(hold_s: float = QUIET_S) -> None:
    """The user just did something in a view (an edit, a scroll); idle work waits `hold_s`."""
    global _quiet_at
    _quiet_at = max(_quiet_at, time.perf_counter() + hold_s)


def remaining() -> float:
    """Seconds until the user counts as paused (0 when paused)."""
    return max(0.0, _quiet_at - time.perf_counter())


def wait_for_quiet(limit_s: float = 5.0, stop: Callable[[], bool] | None = None) -> None:
    """From a worker thread: sleep while the user is at work, at most `limit_s`, and not
    after `stop()` says the work is no longer wanted.

    It sleeps to the end of the user's pause in one go (then looks again: a key pressed
    meanwhile moves the end), waking every STOP_CHECK_S only to ask `stop`. Polled every
    5 ms, each wake-up took the interpreter from the GUI thread in the middle of a key
    press: a forced switch there and back, two context switches on a busy machine."""
    end = time.perf_counter() + limit_s
    while not (stop is not None and stop()):
        left = min(remaining(), end - time.perf_counter())
        if left <= 0:
            return
        time.sleep(left if stop is None else min(left, STOP_CHECK_S))
