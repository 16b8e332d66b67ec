"""SHA-256 hex digests without loading OpenSSL for the small texts an export seals.

`import hashlib` loads OpenSSL's libcrypto (some 4-5 ms of every export and of `compare
--docx`); CPython's own SHA-256 gives the same digests and is as fast on the few kilobytes
a block of text or a seal is. Large data (pictures) still goes to hashlib, whose SHA-256
uses the processor's instructions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

#: Below this many bytes the interpreter's own SHA-256 is used (about 2 ms for 256 KB, where
#: importing hashlib costs 4-5 ms; its SHA-256 is 5-10x faster on large data).
BUILTIN_LIMIT = 1 << 18


def _builtin() -> Callable[[bytes], Any] | None:
    try:
        from _sha256 import sha256  # CPython 3.11
    except ImportError:
        try:
            from _sha2 import sha256  # type: ignore[import-not-found,no-redef]  # 3.12+
        except ImportError:
            return None
    return sha256  # type: ignore[no-any-return]


_BUILTIN = _builtin()


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of `data` in hex, as `hashlib.sha256(data).hexdigest()` gives it."""
    if _BUILTIN is not None and len(data) < BUILTIN_LIMIT:
        return str(_BUILTIN(data).hexdigest())
    import hashlib

    return hashlib.sha256(data).hexdigest()
