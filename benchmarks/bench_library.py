"""Benchmark of the clause library: import throughput and search latency, FTS5 vs LIKE.

    python -m benchmarks.bench_library [--sizes 1000,10000,100000] [--quick] [--queries 50]

Builds a deterministic synthetic library (random.Random(seed) recombining sentences of the real
bundled clauses, English and Chinese) in a temporary SQLite file per size, then measures:
- import: clause rows per second through Library.import_initiative (one transaction per
  initiative), and through Library.import_initiatives (one transaction for all, as
  `dsrdraft library import FILE…` does), with the precedents index; per initiative twice:
  "store" with the precedents shingle index (dsrdraft.precedents, which hooks into the import)
  switched off for the measurement, and "full" with it, as users get it
  (on at most 10,000 clauses: it is the slow part);
- search: median and p95 over the same queries of
  FTS   Library.search (bm25 ranking, snippets, top 20),
  LIKE  a bare SQL scan `SELECT count(*) FROM clauses WHERE text LIKE '%t1%' AND ...` (the
        minimum any LIKE search must pay, before ranking: a conservative baseline),
  scan  the full LIKE fallback used on non-SQLite databases (scan + ranking + snippets).
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import text

from dsrdraft.model import Clause, Initiative, Translation, preambular_units
from dsrdraft.store import Library, open_library
from dsrdraft.store.library import _Filters
from dsrdraft.store.query import has_cjk, like_pattern, parse_query

CLAUSES_PER_INITIATIVE = 20
ZH_PER_INITIATIVE = 2  # Chinese translated clauses per initiative (CJK text is a small share)


def source_sentences() -> tuple[list[str], list[str], str]:
    """(English sentences, Chinese sentences, where they came from): the bundled library."""
    from dsrdraft.bundled import bundled_initiatives

    initiatives = bundled_initiatives()
    english = [s.strip().rstrip(".") + "." for i in initiatives for c in i.clauses
               for s in c.text.split(". ") if len(s.strip()) > 20 and not has_cjk(s)]
    chinese = [s.strip() + "。" for i in initiatives for items in i.translations.values()
               for t in items for s in t.text.split("。") if has_cjk(s)]
    return english, chinese, "dsrdraft.bundled"


def synthetic_initiatives(n_clauses: int, seed: int = 2017) -> list[Initiative]:
    rng = random.Random(seed)
    english, chinese, _ = source_sentences()
    result = []
    for k in range(max(1, n_clauses // CLAUSES_PER_INITIATIVE)):
        clauses = tuple(
            Clause(str(n), "", " ".join(rng.sample(english, rng.randint(2, 4))))
            for n in range(1, CLAUSES_PER_INITIATIVE + 1))
        zh = tuple(Translation(str(n), "".join(rng.sample(chinese, rng.randint(1, 3))))
                   for n in rng.sample(range(1, CLAUSES_PER_INITIATIVE + 1), ZH_PER_INITIATIVE))
        result.append(Initiative(
            id=f"synthetic-{k:06d}", title=f"Synthetic Digital Cooperation Initiative {k}",
            language="en",
            clauses=(*preambular_units("On a voluntary and non-binding basis:"), *clauses),
            translations={"zh": zh}, year=2000 + k % 25))
    return result


def benchmark_queries(count: int, seed: int = 7) -> list[str]:
    """English words (single, pairs, prefixes) and Chinese terms of 2 to 4 characters."""
    rng = random.Random(seed)
    english, chinese, _ = source_sentences()
    words = sorted({w.strip(".,;:()“”\"'").lower() for s in english for w in s.split()
                    if len(w.strip(".,;:()“”\"'")) >= 5 and w.isascii()})
    zh_text = "".join(chinese)
    runs = [r for r in zh_text.replace("、", "。").replace(",", "。").split("。") if len(r) >= 4]
    queries = []
    for n in range(count):
        kind = n % 5
        if kind == 4:  # Chinese: alternate 2-character (LIKE fallback) and 3-4 (trigram) terms
            run = rng.choice(runs)
            size = 2 if n % 10 == 4 else rng.choice((3, 4))
            start = rng.randrange(0, len(run) - size + 1)
            queries.append(run[start:start + size])
        elif kind == 3:
            queries.append(f"{rng.choice(words)} {rng.choice(words)}")
        elif kind == 2:
            queries.append(rng.choice(words)[:5] + "*")
        else:
            queries.append(rng.choice(words))
    return queries


def like_count(library: Library, query: str) -> int:
    parsed = parse_query(query)
    terms = [w.rstrip("*") for w in parsed.words] + list(parsed.cjk)
    where = " AND ".join(f"text LIKE :t{n} ESCAPE '\\'" for n in range(len(terms)))
    params = {f"t{n}": like_pattern(t) for n, t in enumerate(terms)}
    with library.engine.connect() as conn:
        return conn.execute(text(f"SELECT count(*) FROM clauses WHERE {where}"),
                            params).scalar_one()


def timed(fn, *args) -> float:
    start = time.perf_counter()
    fn(*args)
    return (time.perf_counter() - start) * 1000.0


def p95(values: list[float]) -> float:
    return sorted(values)[min(len(values) - 1, round(0.95 * (len(values) - 1)))]


@contextmanager
def precedents_index_off() -> Iterator[None]:
    """Measure the store alone: the precedents shingle index (another module) is skipped."""
    try:
        from dsrdraft.precedents import index
    except ImportError:
        yield
        return
    saved = index.index_rows
    index.index_rows = lambda conn, rows: 0
    try:
        yield
    finally:
        index.index_rows = saved


def rows_of(initiatives: list[Initiative]) -> int:
    return sum(len(i.clauses) + sum(len(t) for t in i.translations.values())
               for i in initiatives)


def import_all(path: Path, initiatives: list[Initiative], *,
               batch: bool = False) -> tuple[Library, float]:
    """Import one transaction per initiative, or all in one (Library.import_initiatives)."""
    library = open_library(str(path), seed=False)
    start = time.perf_counter()
    if batch:
        library.import_initiatives((i, i.id) for i in initiatives)
    else:
        for initiative in initiatives:
            library.import_initiative(initiative, id=initiative.id)
    return library, rows_of(initiatives) / (time.perf_counter() - start)


def run_size(size: int, queries: list[str], folder: Path) -> dict[str, float]:
    initiatives = synthetic_initiatives(size)
    one_by_one, full_rate = import_all(folder / f"full-{size}.sqlite",
                                       initiatives[:10_000 // CLAUSES_PER_INITIATIVE])
    one_by_one.close()
    batched, batch_rate = import_all(folder / f"batch-{size}.sqlite", initiatives, batch=True)
    batched.close()
    path = folder / f"bench-{size}.sqlite"
    with precedents_index_off():
        library, store_rate = import_all(path, initiatives)
    try:
        for query in queries[:5]:  # warm the page cache
            library.search(query)
            like_count(library, query)
        fts, like, scan = [], [], []
        no_filters = _Filters(None, None, None)
        for query in queries:
            fts.append(timed(library.search, query))
            like.append(timed(like_count, library, query))
            scan.append(timed(library._search_scan, parse_query(query), no_filters, 20, 0))
        return {
            "clauses": library.count_clauses(), "rows": rows_of(initiatives),
            "import_per_s": store_rate, "full_import_per_s": full_rate,
            "batch_import_per_s": batch_rate,
            "fts_median": statistics.median(fts), "fts_p95": p95(fts),
            "like_median": statistics.median(like), "like_p95": p95(like),
            "scan_median": statistics.median(scan), "scan_p95": p95(scan),
            "mb": path.stat().st_size / 1e6,
        }
    finally:
        library.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_library",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000",
                        help="comma-separated clause counts (default: %(default)s)")
    parser.add_argument("--quick", action="store_true", help="1000 clauses only")
    parser.add_argument("--queries", type=int, default=50, help="queries per size")
    args = parser.parse_args(argv)
    sizes = [1000] if args.quick else [int(s) for s in args.sizes.split(",") if s.strip()]
    queries = benchmark_queries(args.queries)
    _, _, origin = source_sentences()
    print(f"sentences from {origin}; {len(queries)} queries, e.g. {queries[:5] + queries[9:10]}")
    header = (f"{'clauses':>8} {'rows':>8} {'store/s':>8} {'full/s':>7} {'batch/s':>8} "
              f"{'FTS med':>8} "
              f"{'FTS p95':>8} {'LIKE med':>9} {'LIKE p95':>9} {'ratio':>6} {'scan med':>9} "
              f"{'ratio':>6} {'MB':>6}")
    lines = []
    with tempfile.TemporaryDirectory(prefix="dsrdraft-bench-") as folder:
        for size in sizes:
            r = run_size(size, queries, Path(folder))
            ratio = r["like_median"] / r["fts_median"]
            scan_ratio = r["scan_median"] / r["fts_median"]
            lines.append(f"{r['clauses']:>8} {r['rows']:>8} {r['import_per_s']:>8,.0f} "
                         f"{r['full_import_per_s']:>7,.0f} {r['batch_import_per_s']:>8,.0f} "
                         f"{r['fts_median']:>6.2f}ms {r['fts_p95']:>6.2f}ms "
                         f"{r['like_median']:>7.2f}ms {r['like_p95']:>7.2f}ms {ratio:>5.0f}x "
                         f"{r['scan_median']:>7.1f}ms {scan_ratio:>5.0f}x {r['mb']:>6.1f}")
            print(f"{size} clauses: import {r['import_per_s']:,.0f} clause rows/s (store), "
                  f"{r['full_import_per_s']:,.0f} (with precedents index, one commit per "
                  f"initiative), {r['batch_import_per_s']:,.0f} (with index, one batch); "
                  f"FTS median {r['fts_median']:.2f} ms, LIKE {r['like_median']:.2f} ms, "
                  f"{ratio:.0f}x; LIKE search {r['scan_median']:.1f} ms, {scan_ratio:.0f}x",
                  flush=True)
    print()
    print(header)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
