"""Benchmark of the command line's start-up: `dsrdraft --help` and `--version` against a bare
interpreter that imports argparse, measured in the same run.

    python -m benchmarks.bench_startup

Each command runs as a fresh process (the installed `dsrdraft` script beside this Python, or
`python -m dsrdraft` without one); the figure is the best of REPEAT runs, the least disturbed
by other work. The target is 3x the bare interpreter. For scale, the last line times what
every start-up paid before the command modules imported the core lazily: the library store
and the importer.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from benchmarks.timing import best_of

REPEAT = 15
TARGET = 3.0


def dsrdraft_command() -> list[str]:
    script = Path(sys.executable).parent / "dsrdraft"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "dsrdraft"]


def timed(command: list[str]) -> float:
    def run() -> None:
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)

    run()  # warm the file cache
    return best_of(run, REPEAT)


def main() -> None:
    cli = dsrdraft_command()
    bare = timed([sys.executable, "-c", "import argparse"])
    rows = [
        ("dsrdraft --help", timed([*cli, "--help"])),
        ("dsrdraft --version", timed([*cli, "--version"])),
        ("dsrdraft draft edit --help", timed([*cli, "draft", "edit", "--help"])),
        ("eager import of the store and importer (before)",
         timed([sys.executable, "-c", "import argparse, dsrdraft.store, dsrdraft.parsing"])),
    ]
    baseline = 'python -c "import argparse" (baseline)'
    print(f"{baseline:<50} {bare * 1000:7.1f} ms")
    for name, seconds in rows:
        print(f"{name:<50} {seconds * 1000:7.1f} ms  {seconds / bare:5.1f}x")
    worst = max(seconds for _, seconds in rows[:2]) / bare
    verdict = "within" if worst <= TARGET else "over"
    print(f"--help and --version: at most {worst:.1f}x the bare interpreter ({verdict} the "
          f"{TARGET:g}x target; best of {REPEAT} runs)")


if __name__ == "__main__":
    main()
