"""Benchmark of the desktop application: time until the main window is shown, peak memory.

    python -m benchmarks.bench_gui [--clauses 100000] [--db PATH] [--runs 3]

Builds (once, cached in the temp folder) a library of synthetic initiatives with the library
benchmark's generator (`benchmarks.bench_library.synthetic_initiatives`), then launches fresh
Python processes and measures, from just before the process is started:
- baseline: a bare QMainWindow shown (interpreter + PySide6 start-up);
- dsrdraft: the real window (`dsrdraft_ui.main_window.MainWindow`) on that library, shown and
  exposed,
  and separately the moment the first page of the library list is on screen, and one search
  ("digital") round trip through the worker.
Peak memory is the child's `resource.getrusage(RUSAGE_SELF).ru_maxrss`. Qt runs on the
offscreen platform unless QT_QPA_PLATFORM says otherwise (set it to xcb under Xvfb).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def build_library(path: Path, clauses: int) -> float:
    """Create the synthetic library at `path` (if missing); seconds spent building it."""
    from benchmarks.bench_library import synthetic_initiatives
    from dsrdraft.store import open_library

    if path.exists():
        library = open_library(str(path), seed=False)
        have = library.count_clauses()
        library.close()
        if have >= clauses:
            return 0.0
        path.unlink()
    start = time.perf_counter()
    library = open_library(str(path))  # the bundled initiatives too, as a user has them
    for initiative in synthetic_initiatives(clauses):
        library.import_initiative(initiative, id=initiative.id)
    library.close()
    return time.perf_counter() - start


def child(kind: str, db: str, started: float) -> None:
    """Runs in the measured process: show the window, print timings as JSON."""
    import resource

    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication([sys.argv[0]])
    out: dict[str, float] = {}
    if kind == "bare":
        window = QMainWindow()
        window.resize(1280, 740)
        window.show()
        QTest.qWaitForWindowExposed(window)
        out["shown"] = time.time() - started
    else:
        from PySide6.QtCore import QSettings

        from dsrdraft.store import open_library
        from dsrdraft_ui.app import configure_application
        from dsrdraft_ui.main_window import MainWindow

        configure_application(app)
        folder = Path(tempfile.mkdtemp(prefix="dsrdraft-bench-"))
        library = open_library(db, seed=False)
        settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(library, settings=settings, recovery_dir=folder / "recovery")
        window.show()
        QTest.qWaitForWindowExposed(window)
        out["shown"] = time.time() - started
        panel = window.library_panel
        while panel.pending:
            app.processEvents()
        out["first_page"] = time.time() - started
        t0 = time.perf_counter()
        panel.search("digital")
        while panel.pending:
            app.processEvents()
        out["search_digital"] = time.perf_counter() - t0
        out["rows"] = panel.model.rowCount()
        window.runner.wait()
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("RESULT " + json.dumps(out), flush=True)


def launch(kind: str, db: str) -> dict[str, float]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.time()
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_gui", "--child", kind, "--db", db,
         "--started", repr(started)],
        capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=300,
        check=False)
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT "):])
    raise SystemExit(f"bench_gui: child '{kind}' failed:\n{proc.stderr[-2000:]}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_gui")
    parser.add_argument("--clauses", type=int, default=100_000)
    parser.add_argument("--db", help="library file (default: cached in the temp folder)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", choices=["bare", "app"], help=argparse.SUPPRESS)
    parser.add_argument("--started", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, args.db, args.started)
        return
    db = Path(args.db or Path(tempfile.gettempdir()) / f"dsrdraft-bench-gui-{args.clauses}.sqlite")
    built = build_library(db, args.clauses)
    from dsrdraft.store import open_library

    library = open_library(str(db), seed=False)
    n = library.count_clauses()
    k = len(library.list_initiatives())
    library.close()
    print(f"library: {db} ({k} initiatives, {n:,} clauses"
          + (f", built in {built:.1f} s)" if built else ", cached)"))
    print(f"platform: {os.environ.get('QT_QPA_PLATFORM', 'offscreen')}, runs: {args.runs}")
    for kind, label in (("bare", "baseline: bare QMainWindow"), ("app", "dsrdraft window")):
        results = [launch(kind, str(db)) for _ in range(args.runs)]
        shown = statistics.median(r["shown"] for r in results)
        peak = max(r["peak_mb"] for r in results)
        line = f"{label:30s} shown {shown:6.3f} s   peak memory {peak:6.1f} MB"
        if kind == "app":
            first = statistics.median(r["first_page"] for r in results)
            search = statistics.median(r["search_digital"] for r in results)
            line += (f"   first library page {first:.3f} s   search 'digital' "
                     f"{search * 1000:.0f} ms ({int(results[0]['rows'])} rows)")
        print(line)


if __name__ == "__main__":
    main()
