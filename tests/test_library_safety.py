"""Damaged, read-only and unreachable libraries: one line with the path, exit 2, never written;
a read-only library still lists, searches, shows and compares (issue 17, item 4)."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from dsrdraft.cli import main
from dsrdraft.store import open_library

ROOT = Path(__file__).resolve().parent.parent
LEGACY = Path(__file__).resolve().parent / "corpus" / "legacy" / "library-v1.sqlite"
NEWS = ROOT / "tests" / "corpus" / "news" / "000_b852518f2faac651.txt"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def library(tmp_path: Path) -> Path:
    path = tmp_path / "lib.sqlite"
    open_library(str(path)).close()
    return path


def damage(path: Path) -> None:
    """Random bytes over the middle of the file, as a failing disk or a bad copy leaves it."""
    with path.open("r+b") as handle:
        handle.seek(path.stat().st_size // 2)
        handle.write(os.urandom(16384))


def test_a_damaged_library_is_named_and_never_written(library, capsys):
    damage(library)
    before = digest(library)
    codes = [main(["--db", str(library), *argv]) for argv in (
        ["library", "search", "broadband"],
        ["library", "import", str(NEWS), "--id", "news"],
        ["library", "show", "beijing-initiative-2023"],
        # the search's window and the finder's clauses are read through the driver's cursor
        ["precedents", str(ROOT / "resources" / "library" / "beijing-initiative-2023.md"),
         "--similar", "2"],
    )]
    err = capsys.readouterr().err
    assert 3 not in codes and 1 not in codes
    errors = [line for line in err.splitlines() if line.startswith("dsrdraft: error:")]
    assert errors and all(f"library {library} is damaged (SQLite quick_check" in line
                          for line in errors), err
    assert "Broadband" not in err and "broadband access" not in err  # no library text
    assert digest(library) == before


def test_a_damaged_library_is_not_upgraded_nor_copied(tmp_path, capsys):
    old = tmp_path / "old.sqlite"
    shutil.copy(LEGACY, old)
    damage(old)
    before = digest(old)
    assert main(["--db", str(old), "library", "list"]) == 2
    assert "is damaged" in capsys.readouterr().err
    assert digest(old) == before
    assert not list(tmp_path.glob("*.bak"))


def _can_make_immutable(path: Path) -> bool:
    return shutil.which("chattr") is not None and subprocess.run(
        ["chattr", "+i", str(path)], capture_output=True).returncode == 0


def test_a_read_only_file_lists_searches_shows_and_compares(library, capsys):
    if os.geteuid() != 0:
        library.chmod(0o444)
    elif not _can_make_immutable(library):
        pytest.skip("cannot make a file read-only for root here (no chattr +i)")
    try:
        db = ["--db", str(library)]
        assert main([*db, "library", "list"]) == 0
        assert main([*db, "library", "search", "broadband", "--limit", "1"]) == 0
        assert main([*db, "library", "show", "beijing-initiative-2023"]) == 0
        assert main([*db, "compare", "obor-digital-economy-2017",
                     "beijing-initiative-2023", "--json"]) == 0
        out = capsys.readouterr().out
        assert "beijing-initiative-2023" in out and "«broadband»" in out
        assert main([*db, "library", "import", str(NEWS)]) == 2
        err = capsys.readouterr().err
        assert f"library {library} is opened read-only (the file is read-only)" in err
    finally:
        subprocess.run(["chattr", "-i", str(library)], capture_output=True)


READ_ONLY_MOUNT = """
set -e
mount -t tmpfs none "$1"
cp "$2" "$1/lib.sqlite"
mount -o remount,ro "$1"
shift 2
"$@"
"""


def test_a_library_on_a_read_only_file_system(library, tmp_path):
    """A library on a read-only share or disc: opened as an unchanging file."""
    mount = tmp_path / "ro"
    mount.mkdir()
    probe = subprocess.run(["unshare", "-m", "sh", "-c", "mount -t tmpfs none " + str(mount)],
                           capture_output=True)
    if probe.returncode != 0:
        pytest.skip("cannot mount a read-only file system here (needs unshare and mount)")
    db = f"{mount}/lib.sqlite"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def run(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["unshare", "-m", "sh", "-c", READ_ONLY_MOUNT, "sh", str(mount),
                               str(library), sys.executable, "-m", "dsrdraft", "--db", db,
                               *argv], capture_output=True, text=True, env=env, timeout=120)

    assert run("library", "list").returncode == 0
    found = run("library", "search", "digital divide", "--limit", "1")
    assert found.returncode == 0 and "«digital»" in found.stdout
    refused = run("library", "import", str(NEWS))
    assert refused.returncode == 2
    assert f"{db} is opened read-only (it is on a read-only file system)" in refused.stderr


def test_an_old_read_only_library_is_not_upgraded(tmp_path, capsys):
    old = tmp_path / "old.sqlite"
    shutil.copy(LEGACY, old)
    if os.geteuid() != 0:
        old.chmod(0o444)
    elif not _can_make_immutable(old):
        pytest.skip("cannot make a file read-only for root here (no chattr +i)")
    try:
        assert main(["--db", str(old), "library", "list"]) == 2
        err = capsys.readouterr().err
        assert "has schema 1" in err and "cannot be upgraded: the file is read-only" in err
    finally:
        subprocess.run(["chattr", "-i", str(old)], capture_output=True)
    assert not list(tmp_path.glob("*.bak"))


def test_a_server_that_never_answers_times_out(monkeypatch, capsys):
    pytest.importorskip("psycopg")
    monkeypatch.setenv("DSRDRAFT_CONNECT_TIMEOUT", "2")
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(4)
    accepted: list[socket.socket] = []
    done = threading.Event()

    def accept() -> None:  # takes the connection, says nothing
        server.settimeout(0.2)
        while not done.is_set():
            with contextlib.suppress(OSError):
                accepted.append(server.accept()[0])

    thread = threading.Thread(target=accept)
    thread.start()
    try:
        port = server.getsockname()[1]
        start = time.monotonic()
        code = main(["--db", f"postgresql+psycopg://who:hunter2@127.0.0.1:{port}/lib",
                     "library", "list"])
        elapsed = time.monotonic() - start
    finally:
        done.set()
        thread.join()
        for conn in accepted:
            conn.close()
        server.close()
    err = capsys.readouterr().err
    assert code == 2 and elapsed < 30, (code, elapsed)
    assert "hunter2" not in err and "who:***@127.0.0.1" in err and err.count("\n") == 1
