"""Write files so that a crash or a kill leaves either the old file or the new one, whole."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path

from dsrdraft.errors import CannotWrite, DsrError


class WriteError(DsrError, OSError):
    """Writing failed (disk full, quota, I/O error); the previous file is unchanged."""


def atomic_write(path: str | os.PathLike[str], write: Callable[[Path], object]) -> None:
    """Call `write(tmp)` on a temporary file beside `path`, fsync it, rename it over `path`.

    The previous file keeps its permissions; a new one gets the usual umask ones (mkstemp
    would leave it readable by its owner only). The folder is synced too, so the rename
    survives a power cut.
    """
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise DsrError(f"{target}: folder {directory} does not exist")
    if target.is_dir():
        raise DsrError(f"{target}: is a folder, not a file")
    try:
        fd, tmp_name = _new_temporary(directory, target.name)
    except PermissionError:
        raise CannotWrite(f"{target}: cannot write in {directory} (permission denied)") from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, DsrError):
            raise
        reason = exc.strerror or str(exc) or exc.__class__.__name__
        previous = "the previous file is unchanged" if target.exists() else "nothing written"
        raise WriteError(f"{target}: cannot write it ({reason}); {previous}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _sync_folder(directory)


def write_text_atomically(path: str | os.PathLike[str], text: str) -> None:
    """`atomic_write` of a UTF-8 text."""
    write_bytes_atomically(path, text.encode("utf-8"))


def write_bytes_atomically(path: str | os.PathLike[str], data: bytes) -> None:
    """`atomic_write` of bytes made in memory first (a Word file, say): a failing disk then
    fails one plain write, not a half-written zip whose clean-up fails again later."""
    atomic_write(path, lambda tmp: tmp.write_bytes(data))


def _new_temporary(directory: Path, name: str) -> tuple[int, str]:
    """A new file `.NAME.XXXXXXXX.tmp` in `directory`, opened as `tempfile.mkstemp` opens
    it (created, never an existing file or link followed): importing tempfile, for its
    random names, took some 8 ms of every command that writes a file."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | \
        getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        tmp_name = os.path.join(directory, f".{name}.{os.urandom(6).hex()}.tmp")
        try:
            return os.open(tmp_name, flags, 0o600), tmp_name
        except FileExistsError:
            continue
    raise FileExistsError(f"{directory}: no free temporary name")


def _mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _sync_folder(directory: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform or file system allows it
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
