"""Two processes saving the same shared draft at the same moment, many times over.

    python -m benchmarks.bench_draft_race [--trials 200] [--db URL]

Without --db, a throwaway PostgreSQL cluster is started (tests/pgserver.py) and a SQLite file
is raced too. Per trial a new shared draft is created; both workers read version 1, wait for
each other (a file barrier), edit (the same unit in odd trials, different units in even ones)
and save. Expected: exactly one save wins, the other is refused (DraftConflict), merges unit
by unit into the winner's version and saves; afterwards both edits are in the draft, as its
text or as an attributed alternative. A "silent loss" is a trial where an edit is missing.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class RaceResult:
    trials: int
    wins: int
    refused: int
    silent_losses: int
    errors: int
    seconds: float


def _texts(draft) -> set[str]:
    return {c.text for c in draft.clauses} | {a.text for c in draft.clauses
                                              for a in c.alternatives}


def worker(url: str, who: str, barrier: Path, trials: int) -> None:
    """One side of every trial; prints `won` or `refused` per trial."""
    from dsrdraft.draft import model as m
    from dsrdraft.store import open_library
    from dsrdraft.store.drafts import DraftConflict, SharedDrafts

    shared = SharedDrafts(open_library(url, seed=False))
    for trial in range(trials):
        name = f"race-{trial}"
        base = shared.load(name)
        label = "1" if who == "alice" or trial % 2 else "3"
        unit = next(c.uid for c in base.draft.clauses if c.label == label)
        mine = m.edit_clause_text(base.draft, unit, f"Edited by {who} in trial {trial}.")
        folder = barrier / str(trial)
        folder.mkdir(exist_ok=True)
        (folder / who).touch()
        while len(list(folder.iterdir())) < 2:
            time.sleep(0.0005)
        try:
            shared.save(name, mine, base.version, author=who)
            print("won", flush=True)
        except DraftConflict:
            shared.save_merging(name, base, mine, author=who)
            print("refused", flush=True)


def race(url: str, trials: int) -> RaceResult:
    """Run `trials` races between two worker processes on the library at `url`."""
    from dsrdraft.draft import model as m
    from dsrdraft.store import open_library
    from dsrdraft.store.drafts import SharedDrafts

    library = open_library(url, seed=False)
    shared = SharedDrafts(library)
    draft = m.new_draft("Race")
    for body in ("One.", "Two.", "Three."):
        draft = m.add_clause(draft, body)
    for trial in range(trials):
        shared.create(f"race-{trial}", draft, author="secretariat")
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="dsrdraft-race-") as barrier:
        procs = [subprocess.Popen(
            [sys.executable, "-m", "benchmarks.bench_draft_race", "--worker", who, "--db", url,
             "--barrier", barrier, "--trials", str(trials)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
            for who in ("alice", "bob")]
        outputs = [p.communicate(timeout=60 + trials) for p in procs]
    seconds = time.perf_counter() - start
    lines = [line for out, _ in outputs for line in out.split()]
    errors = sum(p.returncode != 0 for p in procs)
    losses = 0
    for trial in range(trials):
        stored = shared.load(f"race-{trial}")
        wanted = {f"Edited by {who} in trial {trial}." for who in ("alice", "bob")}
        losses += not wanted <= _texts(stored.draft) or stored.version != 3
    library.close()
    if errors:
        sys.stderr.write("".join(err for _, err in outputs))
    return RaceResult(trials, lines.count("won"), lines.count("refused"), losses, errors,
                      seconds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_draft_race",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=200)
    parser.add_argument("--db", help="library URL (default: a throwaway PostgreSQL cluster "
                                     "and a SQLite file)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--barrier", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.db, args.worker, Path(args.barrier), args.trials)
        return 0
    targets: list[tuple[str, str]] = []
    cluster = None
    folder = tempfile.mkdtemp(prefix="dsrdraft-race-")
    if args.db:
        targets.append(("given", args.db))
    else:
        sys.path.insert(0, str(ROOT / "tests"))
        import pgserver

        cluster = pgserver.start_cluster()
        pgserver.create_database(cluster.url(), "race")
        targets += [("postgresql", cluster.url("race")), ("sqlite", f"{folder}/race.sqlite")]
    try:
        print(f"{'backend':<11} {'trials':>6} {'won':>5} {'refused':>8} {'silent losses':>14} "
              f"{'errors':>7} {'seconds':>8}")
        for backend, url in targets:
            r = race(url, args.trials)
            print(f"{backend:<11} {r.trials:>6} {r.wins:>5} {r.refused:>8} "
                  f"{r.silent_losses:>14} {r.errors:>7} {r.seconds:>8.1f}", flush=True)
    finally:
        if cluster is not None:
            cluster.remove()
    return 0


if __name__ == "__main__":
    sys.exit(main())
