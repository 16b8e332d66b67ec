"""Run the attack suite's cases (cases.toml) and judge their outcomes: used by
tests/test_attacks.py and scripts/torture.py."""

from __future__ import annotations

import contextlib
import hashlib
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
FILES = HERE / "files"
NON_UTF8_NAME = os.fsdecode(b"caf\xe9 d\xe9claration.txt")


def load_cases() -> list[dict[str, Any]]:
    return tomllib.loads((HERE / "cases.toml").read_text(encoding="utf-8"))["case"]


@dataclass
class Outcome:
    case: str
    code: int | None  # None: it had to be stopped (a hang)
    seconds: float
    problems: list[str] = field(default_factory=list)
    stdout: str = ""
    stderr: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems


@contextlib.contextmanager
def _silent_server() -> Iterator[int]:
    """A server that accepts connections and never says a word."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.2)
    stop = threading.Event()
    held: list[socket.socket] = []

    def serve() -> None:
        while not stop.is_set():
            with contextlib.suppress(OSError):
                held.append(server.accept()[0])

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1]
    finally:
        stop.set()
        thread.join()
        for conn in held:
            conn.close()
        server.close()


def _limit_file_size(limit: int):  # type: ignore[no-untyped-def]
    def apply() -> None:  # in the child: writes past `limit` fail as a full disk does
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def _immutable(path: Path) -> bool:
    if os.geteuid() != 0:
        path.chmod(0o444)
        return True
    return shutil.which("chattr") is not None and subprocess.run(
        ["chattr", "+i", str(path)], capture_output=True).returncode == 0


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_case(case: dict[str, Any], tmp: Path) -> Outcome:
    """Run one case in the empty folder `tmp` and list every way its outcome is wrong."""
    setup = case.get("setup", "")
    if setup.startswith("two-writers"):
        return _two_writers(case, tmp, int(setup.split(":")[1]))
    for name, source in case.get("copy", {}).items():
        shutil.copy(FILES / source, tmp / name)
    if "{nonutf8}" in " ".join(case["argv"]):
        shutil.copy(ROOT / "tests" / "corpus" / "news" / "000_b852518f2faac651.txt",
                    tmp / NON_UTF8_NAME)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("DSRDRAFT_DEBUG", None)
    env["DSRDRAFT_DB"] = str(tmp / "default.sqlite")
    frozen: list[Path] = []
    if setup.startswith(("immutable:", "upgrade-then-immutable:")):
        target = tmp / setup.split(":", 1)[1]
        if setup.startswith("upgrade-then"):  # a current library, then made read-only
            subprocess.run([sys.executable, "-m", "dsrdraft", "--db", str(target), "library",
                            "list"], env=env, capture_output=True, check=True, timeout=120)
            for extra in tmp.glob("*.bak"):
                extra.unlink()
        if not _immutable(target):
            return Outcome(case["id"], None, 0.0, ["skipped: cannot make a file read-only"])
        frozen.append(target)
    before = {name: _digest(tmp / name) for name in case.get("unchanged", ())}
    preexec = _limit_file_size(int(setup.split(":")[1])) if setup.startswith("fsize:") \
        else None
    with contextlib.ExitStack() as stack:
        port = stack.enter_context(_silent_server()) if setup == "silent-server" else 0
        argv = [a.replace("{tmp}", str(tmp)).replace("{port}", str(port))
                .replace("{nonutf8}", str(tmp / NON_UTF8_NAME)) for a in case["argv"]]
        limit = float(case.get("seconds", 60))
        start = time.monotonic()
        try:
            done = subprocess.run([sys.executable, "-m", "dsrdraft", *argv], cwd=tmp, env=env,
                                  capture_output=True, timeout=limit + 30,
                                  preexec_fn=preexec)
        except subprocess.TimeoutExpired:
            return Outcome(case["id"], None, time.monotonic() - start, ["hang"])
        seconds = time.monotonic() - start
    for path in frozen:
        subprocess.run(["chattr", "-i", str(path)], capture_output=True)
    out = done.stdout.decode("utf-8", "backslashreplace")
    err = done.stderr.decode("utf-8", "backslashreplace")
    outcome = Outcome(case["id"], done.returncode, seconds, [], out, err)
    problems = outcome.problems
    if done.returncode != case["exit"]:
        problems.append(f"exit {done.returncode}, expected {case['exit']}")
    if done.returncode == 3 or "internal error" in err:
        problems.append("internal error")
    if "Traceback" in err or "Exception ignored" in err:
        problems.append("traceback")
    errors = [line for line in err.splitlines() if line.startswith("dsrdraft: error:")]
    stray = [line for line in err.splitlines() if not line.startswith("dsrdraft: ")]
    if done.returncode == 2 and len(errors) != 1:
        problems.append(f"{len(errors)} error lines, expected one")
    if stray:
        problems.append(f"stray stderr: {stray[0][:120]}")
    for key, text in (("stderr", err), ("stdout", out)):
        if case.get(key) and case[key] not in text:
            problems.append(f"{key} lacks {case[key]!r}: {text[-300:]!r}")
    for text in case.get("absent", ()):
        if text in out or text in err:
            problems.append(f"output holds {text!r}")
    for name, digest in before.items():
        if _digest(tmp / name) != digest:
            problems.append(f"{name} was written")
    for name, text in case.get("contains", {}).items():
        if text not in (tmp / name).read_text(encoding="utf-8"):
            problems.append(f"{name} lost {text!r}")
    if seconds > limit:
        problems.append(f"took {seconds:.1f} s (at most {limit:.0f})")
    return outcome


def _two_writers(case: dict[str, Any], tmp: Path, trials: int) -> Outcome:
    sys.path.insert(0, str(ROOT / "tests"))
    import kill_harness

    start = time.monotonic()
    report = kill_harness.two_draft_writers(tmp, trials)
    summary = (f"{report.edits} edits: {report.landed} landed, {report.refused} refused, "
               f"{report.lost} lost")
    problems = [*report.errors]
    if case["stdout"] not in summary:
        problems.append(summary)
    return Outcome(case["id"], 0, time.monotonic() - start, problems, summary)
