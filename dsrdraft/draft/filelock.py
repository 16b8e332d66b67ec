"""Writers of one draft file take turns: an advisory lock on a hidden file beside it.

The draft itself cannot carry the lock: it is replaced by a rename on every save, and a lock
on the old inode would not stop a writer that opened the new one. The lock file is removed
by the holder before it lets go; a writer that waited on a removed lock file sees that its
inode is gone and locks the new one. A killed holder's lock is released by the kernel.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from dsrdraft.errors import DsrError

#: How long a writer waits for another to finish before giving up with a clear line.
LOCK_TIMEOUT = 30.0

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


class DraftLockedError(DsrError):
    """Another program kept the draft file locked for longer than the timeout."""


# Threads of one process take turns through this lock, and a thread that holds a file's lock
# may take it again (a command that reads and saves under one lock calls save inside it).
_guard = threading.Lock()
_held: dict[str, tuple[threading.RLock, list[int]]] = {}


def lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


def _try_lock(fd: int) -> bool:
    if fcntl is None:  # pragma: no cover - Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def _acquire(path: Path, timeout: float) -> int:
    lock = lock_path(path)
    deadline = time.monotonic() + timeout
    delay = 0.005
    while True:
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o666)
        except FileNotFoundError:
            raise DsrError(f"{path}: folder {path.parent} does not exist") from None
        except PermissionError:
            raise DsrError(f"{path}: cannot write in {path.parent} (permission denied)") \
                from None
        if _try_lock(fd):
            try:
                same = os.fstat(fd).st_ino == os.stat(lock).st_ino
            except FileNotFoundError:
                same = False
            if same:
                with contextlib.suppress(OSError):
                    os.ftruncate(fd, 0)
                    os.write(fd, str(os.getpid()).encode())
                return fd
        os.close(fd)  # locked by another writer, or a lock file its holder removed
        if time.monotonic() > deadline:
            raise DraftLockedError(f"{path}: another program has been saving it for more "
                                   f"than {timeout:.0f} s (lock {lock.name}): try again")
        time.sleep(delay)
        delay = min(delay * 2, 0.1)


def _release(path: Path, fd: int) -> None:
    with contextlib.suppress(OSError):
        os.unlink(lock_path(path))  # before unlocking: a waiter then sees the inode gone
    os.close(fd)


@contextlib.contextmanager
def locked(path: str | os.PathLike[str], timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the lock of the draft file `path` for the duration of the block."""
    target = Path(path)
    key = os.path.abspath(target)
    with _guard:
        rlock, depth = _held.setdefault(key, (threading.RLock(), [0]))
    if not rlock.acquire(timeout=timeout):
        raise DraftLockedError(f"{target}: another thread has been saving it for more than "
                               f"{timeout:.0f} s: try again")
    try:
        fd = _acquire(target, timeout) if depth[0] == 0 else None
        depth[0] += 1
        try:
            yield
        finally:
            depth[0] -= 1
            if fd is not None:
                _release(target, fd)
    finally:
        rlock.release()
