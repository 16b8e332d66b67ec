"""The cyclic garbage collector paused around work that makes many objects that all live on."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Work that makes hundreds of thousands of small objects that all live until it ends (an
    import, a draft's agreed language) would have the collector walk them again and again (a
    fifth of the time on a 20 MB text, an eighth of agreed language at 1M paragraphs), so it
    waits until the work is done. Nested or already disabled: left as it was."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
