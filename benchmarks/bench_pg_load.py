"""Load test of a shared library: client processes searching and saving shared drafts at once.

    python -m benchmarks.bench_pg_load [--clients 20] [--seconds 60] [--clauses 100000]

A throwaway PostgreSQL cluster is started on a Unix socket (tests/pgserver.py: no TCP port,
nothing leaves the machine) and filled with the synthetic library of benchmarks.bench_library
(`--clauses` clauses); the same library goes into a SQLite file, the baseline. Then, per
backend, `--clients` processes run for `--seconds` seconds: each loop is a search (the
benchmark queries, top 20 with snippets) four times out of five, else an edit of one of four
shared drafts (a reservation with a text unique to the client and the edit, saved by
compare-and-swap, merged and saved again when refused). Reported per backend: searches, their
median and p95 latency, saves, refused saves, errors, and lost edits (an edit whose save was
reported done but whose text is not in the final draft).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import statistics
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DRAFTS = 4


def client(url: str, number: int, seconds: float, start: float, queries: list[str],
           out: mp.Queue) -> None:
    from dsrdraft.draft import model as m
    from dsrdraft.store import open_library
    from dsrdraft.store.drafts import SharedDrafts

    rng = random.Random(number)
    latencies: list[float] = []
    saved: list[str] = []
    refused = errors = 0
    first_error = ""
    library = open_library(url, seed=False)
    shared = SharedDrafts(library)
    while time.time() < start:
        time.sleep(0.01)
    deadline = start + seconds
    edits = 0
    while time.time() < deadline:
        try:
            if rng.random() < 0.8:
                t = time.perf_counter()
                library.search(rng.choice(queries), limit=20)
                latencies.append((time.perf_counter() - t) * 1000)
                continue
            name = f"load-{rng.randrange(DRAFTS)}"
            base = shared.load(name)
            unit = rng.choice(base.draft.clauses).uid
            marker = f"client {number} edit {edits}"
            edits += 1
            mine = m.add_reservation(base.draft, unit, "CHN", marker)
            _, merge = shared.save_merging(name, base, mine, author=f"client{number}")
            refused += merge is not None
            saved.append(marker)
        except Exception:  # counted, and the first one shown: the test wants zero
            errors += 1
            first_error = first_error or traceback.format_exc(limit=3)
    library.close()
    out.put((latencies, saved, refused, errors, first_error))


def run_load(url: str, clients: int, seconds: float, queries: list[str]) -> dict[str, float]:
    from dsrdraft.draft import model as m
    from dsrdraft.store import open_library
    from dsrdraft.store.drafts import SharedDrafts

    with open_library(url, seed=False) as library:
        shared = SharedDrafts(library)
        draft = m.new_draft("Load")
        for n in range(10):
            draft = m.add_clause(draft, f"Clause {n}.")
        for n in range(DRAFTS):
            shared.create(f"load-{n}", draft, author="secretariat")
    context = mp.get_context("spawn")
    out: mp.Queue = context.Queue()
    start = time.time() + 5 + clients * 0.3  # every client connected before the clock runs
    procs = [context.Process(target=client, args=(url, n, seconds, start, queries, out))
             for n in range(clients)]
    for p in procs:
        p.start()
    results = [out.get(timeout=seconds + 300) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    latencies = [x for r in results for x in r[0]]
    saved = {marker for r in results for marker in r[1]}
    with open_library(url, seed=False) as library:
        shared = SharedDrafts(library)
        kept = {r.text for n in range(DRAFTS) for c in shared.load(f"load-{n}").draft.clauses
                for r in c.reservations}
    for r in results:
        if r[4]:
            print(r[4], file=sys.stderr)
            break
    return {"searches": len(latencies), "median": statistics.median(latencies),
            "p95": sorted(latencies)[int(0.95 * (len(latencies) - 1))],
            "saves": len(saved), "refused": sum(r[2] for r in results),
            "errors": sum(r[3] for r in results), "lost": len(saved - kept)}


def build(url: str, clauses: int) -> float:
    """Import the synthetic library in one transaction; returns clause rows per second."""
    from benchmarks.bench_library import rows_of, synthetic_initiatives
    from dsrdraft.store import open_library

    initiatives = synthetic_initiatives(clauses)
    with open_library(url, seed=False) as library:
        start = time.perf_counter()
        library.import_initiatives((i, i.id) for i in initiatives)
        return rows_of(initiatives) / (time.perf_counter() - start)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_pg_load",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--clauses", type=int, default=100_000)
    args = parser.parse_args(argv)
    clients = max(1, min(args.clients, 50))  # bounded: the server allows 100 connections
    seconds = max(1.0, min(args.seconds, 600.0))
    sys.path.insert(0, str(ROOT / "tests"))
    import pgserver

    from benchmarks.bench_library import benchmark_queries

    queries = benchmark_queries(50)
    folder = tempfile.mkdtemp(prefix="dsrdraft-load-")
    cluster = pgserver.start_cluster()
    try:
        pgserver.create_database(cluster.url(), "load")
        targets = {"postgresql": cluster.url("load"), "sqlite": f"{folder}/load.sqlite"}
        lines = []
        for backend, url in targets.items():
            rate = build(url, args.clauses)
            print(f"{backend}: {args.clauses:,} clauses imported at {rate:,.0f} rows/s",
                  flush=True)
            r = run_load(url, clients, seconds, queries)
            lines.append(f"{backend:<11} {clients:>7} {seconds:>4.0f}s {r['searches']:>9,} "
                         f"{r['median']:>7.1f}ms {r['p95']:>7.1f}ms {r['saves']:>6,} "
                         f"{r['refused']:>8,} {r['errors']:>7} {r['lost']:>5}")
            print(lines[-1], flush=True)
        print()
        print(f"{'backend':<11} {'clients':>7} {'time':>5} {'searches':>9} {'median':>9} "
              f"{'p95':>9} {'saves':>6} {'refused':>8} {'errors':>7} {'lost':>5}")
        print("\n".join(lines))
    finally:
        cluster.remove()
    return 0


if __name__ == "__main__":
    sys.exit(main())
