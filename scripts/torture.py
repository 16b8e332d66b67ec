"""Robustness run for the README table: fuzzed inputs, hostile files, damaged drafts, the
attack suite, kills, two writers on one draft, two instances on one library.

    python scripts/torture.py [--inputs 10000] [--draft-mutations 3000] [--writer-trials 200]
                              [--save-kills 200] [--export-kills 50] [--import-kills 100]
                              [--concurrent 20]
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
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "attacks")]

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


def mutate_drafts(count: int, seed: int = 17) -> tuple[int, int, int]:
    """(opened, refused in one line, internal errors) over drafts with one value replaced
    by another of a random type, read and written back through the storage layer."""
    import json

    from dsrdraft.draft.storage import DraftFile

    rng = random.Random(seed)
    good = json.loads((ROOT / "tests" / "attacks" / "files" / "good.json").read_text())
    values = [None, True, False, 0, -1, 10**12, 1.5, "", "x", "CHN", "CHM", "open", [], [1],
              ["CHN"], {}, {"a": 1}, "[" * 20 + "]" * 20, "\u0000", "é" * 300]
    opened = refused = crashed = 0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "d.json"
        for _ in range(count):
            data = json.loads(json.dumps(good))
            node, paths = data, []
            while isinstance(node, dict | list) and node:  # walk down to a random place
                key = rng.choice(list(node)) if isinstance(node, dict) else \
                    rng.randrange(len(node))
                paths.append((node, key))
                node = node[key]
                if rng.random() < 0.3:
                    break
            parent, key = paths[-1]
            parent[key] = rng.choice(values)
            path.write_text(json.dumps(data))
            try:
                opened_file = DraftFile.open(path)
                opened_file.save(opened_file.draft)
                opened += 1
            except DsrError as exc:
                refused += "\n" not in str(exc)
            except Exception:
                crashed += 1
                traceback.print_exc()
    return opened, refused, crashed


def attack_suite() -> dict[str, int]:
    """The committed attack suite once through: its cases and how their outcomes came out."""
    import runner

    counts = {"cases": 0, "as expected": 0, "clean errors": 0, "internal": 0, "hangs": 0,
              "verify cases": 0, "verify caught": 0, "skipped": 0}
    for case in runner.load_cases():
        with tempfile.TemporaryDirectory() as tmp:
            outcome = runner.run_case(case, Path(tmp))
        if outcome.problems and outcome.problems[0].startswith("skipped:"):
            counts["skipped"] += 1
            continue
        counts["cases"] += 1
        counts["as expected"] += outcome.ok
        counts["clean errors"] += outcome.code == 2 and outcome.ok
        counts["internal"] += "internal error" in outcome.problems
        counts["hangs"] += "hang" in outcome.problems
        if case["argv"][:1] == ["verify"] and case["exit"] == 1:
            counts["verify cases"] += 1
            counts["verify caught"] += outcome.ok
        if not outcome.ok:
            print(f"{case['id']}: {outcome.problems}", file=sys.stderr)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--save-kills", type=int, default=200)
    parser.add_argument("--export-kills", type=int, default=50)
    parser.add_argument("--import-kills", type=int, default=100)
    parser.add_argument("--concurrent", type=int, default=20)
    parser.add_argument("--draft-mutations", type=int, default=3000)
    parser.add_argument("--writer-trials", type=int, default=200)
    args = parser.parse_args()
    rows = []
    counts = attack_suite()
    rows.append(("the attack suite (tests/attacks/cases.toml: damaged drafts, bad JSON, "
                 "damaged and read-only libraries, a server that never answers, a full disk, "
                 "tampered exports)", counts["cases"],
                 f"{counts['as expected']} as expected ({counts['clean errors']} clean "
                 f"one-line errors), {counts['internal']} internal errors, {counts['hangs']} "
                 f"hangs; verify catches {counts['verify caught']}/{counts['verify cases']} "
                 f"tampered files" + (f"; {counts['skipped']} skipped" if counts["skipped"]
                                      else "")))
    opened, refused, crashed = mutate_drafts(args.draft_mutations)
    rows.append(("drafts with one value replaced by a random one, opened and saved",
                 args.draft_mutations, f"{opened} valid and saved, {refused} refused in one "
                 f"line naming the field, {crashed} internal errors"))
    with tempfile.TemporaryDirectory() as tmp:
        w = harness.two_draft_writers(Path(tmp), args.writer_trials)
    rows.append(("two writers on one draft at the same moment (add, revise, edit, sign, "
                 "reserve, status, a window's stale save)", w.trials,
                 f"{w.edits} edits: {w.landed} landed, {w.refused} refused in one line "
                 f"(\"changed since it was read\"), {w.lost} silent losses"
                 + (f", {len(w.errors)} other failures" if w.errors else "")))
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
