"""When the user last typed or scrolled in a view: long background work steps aside meanwhile.

Worker threads share one interpreter with the GUI thread. While the draft's agreed-language
shading ran, every call the GUI thread made into Qt gave the interpreter up and waited to
get it back, so a scroll step of 20 ms of GUI work took 40-50 ms. Work that runs in many
small steps asks `wait_for_quiet` between them and sleeps, interpreter released, until the
user has paused; it is only delayed, never dropped.
"""

from __future__ import annotations

import time

QUIET_S = 0.15  # the user has paused when nothing happened for this long
_last = 0.0


def note() -> None:
    """The user just did something in a view (an edit, a scroll)."""
    global _last
    _last = time.perf_counter()


def busy() -> bool:
    return time.perf_counter() - _last < QUIET_S


def wait_for_quiet(limit_s: float = 5.0) -> None:
    """From a worker thread: sleep while the user is at work, at most `limit_s`."""
    end = time.perf_counter() + limit_s
    while busy() and time.perf_counter() < end:
        time.sleep(0.005)
