"""Work around a PySide6 6.12 reference-count bug on Python < 3.12.

With PySide6 6.12 on CPython 3.11, a Python `data()` override that returns None, called through
C++ (every item view does this), and `Signal(object).emit(None)` each drop one reference to None
or True/False that was never taken. After a few hundred thousand calls (minutes of scrolling
a large result list) the interpreter aborts with "none_dealloc: deallocating None". Python 3.12
made these singletons immortal, which hides the bug there. Here we give the three singletons a
huge reference count at import time, which is what 3.12 does. `tests/ui/test_refcount_guard.py`
reproduces the drift.
"""

from __future__ import annotations

import ctypes
import sys

_PADDING = 1 << 40


def install() -> bool:
    """Make None, True and False effectively immortal (no-op on Python >= 3.12)."""
    if sys.version_info >= (3, 12) or getattr(sys, "_dsrdraft_refcount_guard", False):
        return False
    for obj in (None, True, False):
        # ob_refcnt is the first field of every PyObject in release builds of CPython.
        ctypes.c_ssize_t.from_address(id(obj)).value += _PADDING
    sys._dsrdraft_refcount_guard = True  # type: ignore[attr-defined]
    return True
