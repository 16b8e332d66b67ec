"""Benchmark of the agreed-language finder: index build rate and query time as the library grows.

    python -m benchmarks.bench_precedents [--sizes 10000,100000,300000] [--quick] [--runs 5]

Per size, a deterministic synthetic library (benchmarks.bench_library.synthetic_initiatives:
random.Random(2017) recombining 2 to 4 real sentences of the bundled clauses per clause, plus
two Chinese translated clauses per 20-clause initiative) is written straight into the clauses
table of a temporary SQLite file, then:
- build:   rebuild_index() over every clause row, clauses per second (the same code the store
           runs per import; also what an existing library pays once, on first open);
- import:  Library.import_initiative() of 10 more 20-clause initiatives, clause rows per second
           with the index maintained in the import transaction;
- query:   the 2023 Beijing Initiative (20 clauses, every sentence of it recombined throughout
           the library: a worst case, most shingles hit the per-shingle cap) through a fresh
           PrecedentFinder, median of --runs runs (first run reported separately: cold cache);
- similar: similar_clauses() for each of the 20 clauses, median per clause;
- brute:   the baseline: every draft clause against every library clause with rapidfuzz
           process.cdist(token_set_ratio, all cores), texts read from the database included;
           only up to --brute-max clauses (it grows linearly).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from rapidfuzz import fuzz, process
from sqlalchemy import insert, select, text

from benchmarks.bench_library import synthetic_initiatives
from dsrdraft.parsing import parse_file
from dsrdraft.precedents import PrecedentFinder, similar_clauses
from dsrdraft.precedents.index import count_rows, rebuild_index
from dsrdraft.store import open_library
from dsrdraft.store.query import has_cjk
from dsrdraft.store.schema import clauses_table, initiatives_table

DRAFT = Path(__file__).resolve().parent.parent / "resources/library/beijing-initiative-2023.md"


def fill(library, initiatives) -> int:
    """Write initiatives and clauses with plain inserts (no per-import hooks), then FTS."""
    rows = 0
    with library._engine.begin() as conn:
        conn.execute(insert(initiatives_table), [
            {"id": i.id, "title": i.title, "year": i.year, "language": "en", "preamble": "",
             "content_hash": i.id} for i in initiatives])
        batch = []
        for i in initiatives:
            items = [(c.number, c.text, "en", False) for c in i.clauses]
            items += [(t.number, t.text, "zh", True) for t in i.translations.get("zh", ())]
            batch.extend({"initiative_id": i.id, "position": p, "number": n, "heading": "",
                          "text": body, "language": lang, "is_translation": tr,
                          "has_cjk": has_cjk(body)}
                         for p, (n, body, lang, tr) in enumerate(items))
            if len(batch) > 20000:
                conn.execute(insert(clauses_table), batch)
                rows += len(batch)
                batch = []
        if batch:
            conn.execute(insert(clauses_table), batch)
            rows += len(batch)
        for name in ("clause_fts", "clause_cjk"):
            if library._fts.get(name):
                conn.execute(text(f"INSERT INTO {name}({name}) VALUES ('rebuild')"))
    return rows


def ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000.0


def run_size(size: int, folder: Path, runs: int, brute_max: int) -> dict[str, float | None]:
    draft = parse_file(DRAFT)
    path = folder / f"prec-{size}.sqlite"
    library = open_library(str(path), seed=False)
    try:
        initiatives = synthetic_initiatives(size + 200)
        rows = fill(library, initiatives[:-10])
        start = time.perf_counter()
        with library._engine.begin() as conn:
            built = rebuild_index(conn)
        build_s = time.perf_counter() - start
        with library.engine.connect() as conn:
            shingle_rows = count_rows(conn)
        extra = [i for i in initiatives[-10:]]
        start = time.perf_counter()
        for initiative in extra:
            library.import_initiative(initiative, id=initiative.id)
        import_rate = sum(len(i.clauses) + 2 for i in extra) / (time.perf_counter() - start)

        times = []
        spans = 0
        for _ in range(runs + 1):
            start = time.perf_counter()
            result = PrecedentFinder(library).find_initiative(draft)
            times.append(ms(start))
            spans = sum(len(c.spans) for c in result)
        similar = []
        for clause in draft.clauses:
            start = time.perf_counter()
            similar_clauses(library, clause.text, k=5)
            similar.append(ms(start))

        brute = None
        if size <= brute_max:
            start = time.perf_counter()
            with library.engine.connect() as conn:
                texts = list(conn.execute(select(clauses_table.c.text)).scalars())
            process.cdist([c.text for c in draft.clauses], texts, scorer=fuzz.token_set_ratio,
                          workers=-1)
            brute = ms(start)
        return {"clauses": rows, "built": built, "build_per_s": built / build_s,
                "build_s": build_s, "shingles": shingle_rows, "import_per_s": import_rate,
                "first": times[0], "median": statistics.median(times[1:]),
                "max": max(times[1:]), "similar": statistics.median(similar),
                "brute": brute, "spans": spans, "mb": path.stat().st_size / 1e6}
    finally:
        library.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_precedents",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,300000",
                        help="comma-separated clause counts (default: %(default)s)")
    parser.add_argument("--quick", action="store_true", help="10000 clauses only")
    parser.add_argument("--runs", type=int, default=5, help="timed query runs per size")
    parser.add_argument("--brute-max", type=int, default=100000,
                        help="largest size for the brute-force baseline (default %(default)s)")
    args = parser.parse_args(argv)
    sizes = [10000] if args.quick else [int(s) for s in args.sizes.split(",") if s.strip()]
    header = (f"{'clauses':>8} {'build/s':>8} {'build':>7} {'shingles':>10} {'import/s':>9} "
              f"{'query 1st':>10} {'query med':>10} {'query max':>10} {'similar':>8} "
              f"{'brute':>9} {'spans':>6} {'MB':>6}")
    lines = []
    with tempfile.TemporaryDirectory(prefix="dsrdraft-bench-") as folder:
        for size in sizes:
            r = run_size(size, Path(folder), max(1, args.runs), args.brute_max)
            brute = f"{r['brute']:>7.0f}ms" if r["brute"] is not None else f"{'-':>9}"
            line = (f"{r['clauses']:>8} {r['build_per_s']:>8,.0f} {r['build_s']:>6.1f}s "
                    f"{r['shingles']:>10,} {r['import_per_s']:>9,.0f} {r['first']:>8.0f}ms "
                    f"{r['median']:>8.0f}ms {r['max']:>8.0f}ms {r['similar']:>6.0f}ms "
                    f"{brute} {r['spans']:>6} {r['mb']:>6.0f}")
            lines.append(line)
            print(line, flush=True)
    print()
    print("20-clause draft (2023 Beijing Initiative); times per whole draft except 'similar' "
          "(per clause)")
    print(header)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
