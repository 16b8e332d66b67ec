"""Robustness run for the README table: fuzzed inputs, hostile files, kills, two instances.

    python scripts/torture.py [--inputs 10000] [--save-kills 200] [--export-kills 50]
                              [--import-kills 100] [--concurrent 20]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import kill_harness as harness  # noqa: E402

from dsrdraft.errors import DsrError  # noqa: E402
from dsrdraft.parsing import parse_file, parse_text  # noqa: E402

PIECES = ["1.", "2)", "(3)", "Article 4", "5 bis.", "**6.**", "[", "]", "[shall][should]",
          "digital", "cooperation", "宽带", "合作。", "\n", "\n\n", "\t", "\x00", "\x07", "«",
          "“", "Signed by China and Laos", "the Kingdom of Thailand propose", "2030", "é", "؟"]


def fuzz_inputs(count: int, seed: int = 11) -> tuple[int, int, int, float]:
    """(parsed, refused, tracebacks, slowest seconds) over generated texts and random bytes."""
    rng = random.Random(seed)
    parsed = refused = crashed = 0
    slowest = 0.0
    for i in range(count):
        if i % 2:
            data: bytes | str = bytes(rng.randrange(256) for _ in range(rng.randrange(4000)))
        else:
            data = " ".join(rng.choice(PIECES) for _ in range(rng.randrange(400)))
        start = time.perf_counter()
        try:
            parse_text(data)
            parsed += 1
        except DsrError:
            refused += 1
        except Exception:
            crashed += 1
            traceback.print_exc()
        slowest = max(slowest, time.perf_counter() - start)
    return parsed, refused, crashed, slowest


def hostile_files() -> tuple[int, int, int]:
    corpus = sorted((ROOT / "tests" / "corpus" / "hostile").iterdir())
    parsed = refused = crashed = 0
    for path in corpus:
        try:
            parse_file(path)
            parsed += 1
        except DsrError:
            refused += 1
        except Exception:
            crashed += 1
    return len(corpus), parsed + refused, crashed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--save-kills", type=int, default=200)
    parser.add_argument("--export-kills", type=int, default=50)
    parser.add_argument("--import-kills", type=int, default=100)
    parser.add_argument("--concurrent", type=int, default=20)
    args = parser.parse_args()
    rows = []
    parsed, refused, crashed, slowest = fuzz_inputs(args.inputs)
    rows.append(("generated texts and random bytes through the importer", args.inputs,
                 f"{parsed} parsed, {refused} refused in one line, {crashed} tracebacks, "
                 f"slowest {slowest * 1000:.0f} ms"))
    total, handled, crashed = hostile_files()
    rows.append(("committed hostile files (zip bomb, XXE, billion laughs, truncated, encodings)",
                 total, f"{handled} handled, {crashed} tracebacks"))
    with tempfile.TemporaryDirectory() as tmp:
        r = harness.kill_during_draft_saves(Path(tmp), args.save_kills)
        rows.append(("SIGKILL during a draft save", r.kills, f"{r.damaged} damaged drafts"))
    with tempfile.TemporaryDirectory() as tmp:
        r = harness.kill_during_exports(Path(tmp), args.export_kills)
        rows.append(("SIGKILL during a Word export", r.kills, f"{r.damaged} broken .docx"))
    with tempfile.TemporaryDirectory() as tmp:
        r = harness.kill_during_imports(Path(tmp), args.import_kills)
        rows.append(("SIGKILL during a library import", r.kills,
                     f"{r.damaged} corrupt or partial libraries"))
    failures = 0
    for _ in range(args.concurrent):
        with tempfile.TemporaryDirectory() as tmp:
            result = harness.two_writers(Path(tmp), per_process=8)
            failures += bool(result["errors"] or result["missing"]
                             or result["integrity"] != "ok")
        with tempfile.TemporaryDirectory() as tmp:
            result = harness.simultaneous_first_start(Path(tmp), processes=4)
            failures += bool(result["errors"] or result["initiatives"] != 2)
    rows.append(("two writers importing at once + four instances starting together",
                 args.concurrent * 2, f"{failures} runs with an error or a lost write"))
    print("| what was tried | cases | outcome |\n|---|---:|---|")
    for what, cases, outcome in rows:
        print(f"| {what} | {cases:,} | {outcome} |")


if __name__ == "__main__":
    main()
