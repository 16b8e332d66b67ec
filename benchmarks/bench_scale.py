"""The library at 100k, 330k and 1M paragraphs: search, agreed language, similar clauses,
re-shading, import, growth and peak memory, each next to a baseline measured in the same run.

    python -m benchmarks.bench_scale [--sizes 100000,330000,1000000] [--cache DIR] [--rebuild]
                                     [--build-only] [--only search,agreed,...] [--rounds N]
                                     [--processes N]

Libraries are built once and cached (default ~/.cache/dsrdraft-bench, 1.2 GB for 1M; a build
that was stopped is finished by the next run; a larger size starts as a copy of the largest
smaller one already built, which the deterministic generator makes the same library):
the real corpus (tests/corpus/real, every file the importer reads) plus synthetic initiatives
recombining 2 to 4 real sentences per paragraph (the bundled texts' and the corpus's), 20
paragraphs each (one preambular, one annex), two Chinese translated paragraphs per initiative,
years 1990-2025. Built in transactions of 1,000 initiatives with every index maintained (FTS5,
trigram, agreed-language shingles): "build/s" is paragraphs per second over the whole build,
which ends with the maintenance step after a bulk import, `Library.optimize()` (a library cached
before that step, or before it merged the search indexes too, is optimized once when it is
next measured).

Measured per size, in a fresh process (its peak memory is reported):
- import: 1,000 more initiatives (20,000 paragraphs and translations) in one transaction;
- search: 100 queries (words, pairs, five-letter prefixes, quoted phrases, Chinese terms, and
  the same filtered by year, language, kind or initiative), top 20 with snippets, against the
  baseline: the ranking before (fts5_ranked: FTS5's bm25 function over the newest 2,000
  matches), the two alternated query by query, `--rounds` times (the best of each);
- agreed language: the 2023 Beijing Initiative (20 paragraphs, its sentences recombined
  throughout the library: a worst case) through a new PrecedentFinder; baseline at the first
  size only: every draft paragraph against every library paragraph with rapidfuzz cdist;
- similar clauses: one paragraph, median over the draft's 20;
- re-shade: one paragraph with one word changed, through the finder that shaded the draft
  (what the editor does as the user types); baseline: the same through a new finder.
Each size's line ends with the measuring process's CPU and wall seconds and the load average
before and after it (the machine is shared: wall times move with the load, CPU time less).
`--only` measures some of import, search, agreed, similar, reshade, brute (the others print
as 0; brute, the agreed-language baseline, only at the first size); `--only search` measures
the search alone (and prints its CPU medians and p95 too). `--processes N` measures each size
in N fresh processes and prints each one's line and the medians ("agreed" is then the median
of N processes' medians of 3 finders).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus" / "real"
DRAFT = ROOT / "resources" / "library" / "beijing-initiative-2023.md"
PER_INITIATIVE = 20
BATCH = 1000  # initiatives per import transaction while building
GENERATOR = 1  # bump when the generator changes (the cache key)


def p95(values: list[float]) -> float:
    return sorted(values)[min(len(values) - 1, round(0.95 * (len(values) - 1)))]


def real_texts() -> list:
    """The corpus files the importer reads, parsed (unreadable ones are left out)."""
    from dsrdraft.errors import DsrError
    from dsrdraft.parsing import parse_file

    texts = []
    for path in sorted(CORPUS.iterdir()):
        if path.suffix not in (".md", ".txt", ".docx") or path.name.startswith("README"):
            continue
        try:
            texts.append(parse_file(path))
        except (DsrError, ValueError):
            continue
    return texts


def sentence_pool(real: list) -> tuple[list[str], list[str]]:
    from benchmarks.bench_library import source_sentences
    from dsrdraft.store.query import has_cjk

    english, chinese, _ = source_sentences()
    for ini in real:
        for c in ini.clauses:
            for s in c.text.split(". "):
                if len(s) > 30 and not has_cjk(s) and ini.language == "en":
                    english.append(s.strip().rstrip(".") + ".")
                elif has_cjk(s):
                    chinese.extend(x + "。" for x in s.split("。") if len(x) > 6)
    return english, chinese


def synthetic(start: int, count: int, english: list[str], chinese: list[str]) -> list:
    from dsrdraft.model import Clause, Initiative, Translation, UnitKind

    out = []
    for k in range(start, start + count):
        rng = random.Random(k)
        units = [Clause("PP1", "", " ".join(rng.sample(english, 2)), kind=UnitKind.PREAMBULAR)]
        units += [Clause(str(n), "", " ".join(rng.sample(english, rng.randint(2, 4))))
                  for n in range(1, PER_INITIATIVE - 1)]
        units.append(Clause("Annex.1", "", " ".join(rng.sample(english, 2)),
                            kind=UnitKind.ANNEX))
        zh = tuple(Translation(str(n), "".join(rng.sample(chinese, rng.randint(1, 3))))
                   for n in rng.sample(range(1, PER_INITIATIVE - 1), 2))
        out.append(Initiative(id=f"synthetic-{k:06d}", title=f"Synthetic Initiative {k}",
                              language="en", clauses=tuple(units), translations={"zh": zh},
                              year=1990 + k % 36))
    return out


def paragraphs(initiatives: list) -> int:
    return sum(len(i.clauses) + sum(len(t) for t in i.translations.values())
               for i in initiatives)


def build(path: Path, size: int) -> dict[str, float]:
    """Build (or finish building: every batch is committed) the library at `path`."""
    from sqlalchemy import text

    from dsrdraft.store import open_library

    real = real_texts()
    english, chinese = sentence_pool(real)
    start = time.perf_counter()
    with open_library(str(path), seed=False) as library:
        with library.engine.connect() as conn:
            k = conn.execute(text("SELECT count(*) FROM initiatives "
                                  "WHERE id LIKE 'synthetic-%'")).scalar_one()
            rows = conn.execute(text("SELECT count(*) FROM clauses "
                                     "WHERE kind != 'heading'")).scalar_one()
        if not library.has("real-000"):
            rows += paragraphs(real)
            library.import_initiatives((ini, f"real-{n:03d}") for n, ini in enumerate(real))
        first = rows
        while rows < size:
            count = min(BATCH, max(1, (size - rows) // (PER_INITIATIVE + 2) + 1))
            batch = synthetic(k, count, english, chinese)
            library.import_initiatives((i, i.id) for i in batch)
            rows += paragraphs(batch)
            k += count
            rate = (rows - first) / (time.perf_counter() - start)
            print(f"  built {rows:,} paragraphs ({rate:,.0f}/s)", file=sys.stderr, flush=True)
        seconds = time.perf_counter() - start
        optimize_s = optimize(library)
    info = {"paragraphs": rows, "build_s": seconds,
            "build_per_s": (rows - first) / seconds if rows > first else 0.0,
            "initiatives": k + len(real), "optimize_s": optimize_s, "search_merged": True}
    path.with_suffix(".json").write_text(json.dumps(info))
    return info


def optimize(library: Any) -> float:
    """The maintenance step after a bulk import (`Library.optimize`): the agreed-language
    and search indexes merged into one segment each. Seconds taken."""
    start = time.perf_counter()
    library.optimize()
    seconds = time.perf_counter() - start
    print(f"  optimized the agreed-language and search indexes in {seconds:.1f} s", file=sys.stderr,
          flush=True)
    return seconds


def finish(path: Path, info: dict) -> dict:
    """A library cached before builds ended with `optimize` (or before it merged the search
    indexes too): optimized now, once."""
    if info.get("search_merged"):
        return info
    from dsrdraft.store import open_library

    with open_library(str(path), seed=False) as library:
        info = {**info, "optimize_s": optimize(library), "search_merged": True}
    path.with_suffix(".json").write_text(json.dumps(info))
    return info


def grow_from(path: Path, cache: Path, size: int) -> None:
    """Start a library from the largest smaller one already built (SQLite's backup API): the
    generator is deterministic, so building on from it gives the same library as building
    from nothing, and 1M costs 670k paragraphs more than 330k instead of a million."""
    import sqlite3

    from dsrdraft.store import SCHEMA_VERSION

    built = []
    for meta in cache.glob(f"scale-*-s{SCHEMA_VERSION}-g{GENERATOR}.json"):
        smaller = int(meta.name.split("-")[1])
        if smaller < size and meta.with_suffix(".sqlite").exists():
            built.append((smaller, meta.with_suffix(".sqlite")))
    if not built:
        return
    source = sqlite3.connect(f"file:{max(built)[1]}?mode=ro", uri=True)
    target = sqlite3.connect(path)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


def queries(english: list[str], count: int = 100, seed: int = 19) -> list[tuple[str, dict]]:
    from benchmarks.bench_library import benchmark_queries

    rng = random.Random(seed)
    plain = benchmark_queries(count // 2, seed)
    phrases = []
    for _ in range(count // 10):
        words = rng.choice(english).split()
        at = rng.randrange(0, max(1, len(words) - 3))
        phrases.append('"' + " ".join(w.strip(".,;:()") for w in words[at:at + 3]) + '"')
    filters = [{"year": 2017}, {"language": "en"}, {"kind": "preambular"},
               {"initiative": "synthetic-000007"}, {"kind": "annex", "year": 2001}]
    base = plain + phrases
    out = [(q, {}) for q in base]
    out += [(q, filters[n % len(filters)]) for n, q in enumerate(base[: count - len(out)])]
    return out[:count]


class _RolledBack(Exception):
    pass


PARTS = ("import", "search", "agreed", "similar", "reshade", "brute")


def measure(path: Path, first: bool, only: tuple[str, ...] = PARTS,
            rounds: int = 1) -> dict[str, float | None]:
    """The query-side figures, run in this (fresh) process (`only`: those parts)."""
    from rapidfuzz import fuzz, process
    from sqlalchemy import select

    from dsrdraft.parsing import parse_file
    from dsrdraft.precedents import PrecedentFinder, similar_clauses
    from dsrdraft.store import open_library
    from dsrdraft.store.schema import clauses_table

    real = real_texts()
    english, chinese = sentence_pool(real)
    draft = parse_file(DRAFT)
    result: dict[str, float | None] = {
        key: 0.0 for key in ("import_per_s", "import_per_cpu_s", "search_median", "search_p95",
                             "baseline_median", "baseline_p95", "agreed_ms", "agreed_cpu_ms",
                             "spans", "similar_ms", "reshade_ms", "reshade_p95",
                             "reshade_cold_ms")}
    began = time.perf_counter()
    with open_library(str(path), seed=False) as library:
        if "import" in only:
            extra = synthetic(900_000, BATCH, english, chinese)
            try:  # one transaction, rolled back: the cached library stays as built
                with library._write() as conn:
                    start, cpu = time.perf_counter(), time.process_time()
                    library._import_in(conn, [(i, i.id) for i in extra])
                    result["import_per_s"] = paragraphs(extra) / (time.perf_counter() - start)
                    result["import_per_cpu_s"] = paragraphs(extra) / (time.process_time() - cpu)
                    raise _RolledBack
            except _RolledBack:
                pass

        if "search" in only:
            result.update(measure_search(library, queries(english), rounds))
        if only == ("search",):
            return finish_measure(result, began)

        runs, cpus = [], []
        for _ in range(3 if "agreed" in only else 0):
            finder = PrecedentFinder(library)
            t, cpu = time.perf_counter(), time.process_time()
            shaded = finder.find_initiative(draft)
            runs.append((time.perf_counter() - t) * 1000)
            cpus.append((time.process_time() - cpu) * 1000)
        if runs:
            result["agreed_ms"] = statistics.median(runs)
            result["agreed_cpu_ms"] = statistics.median(cpus)
            result["spans"] = sum(len(c.spans) for c in shaded)

        similar = []
        for clause in draft.clauses if "similar" in only else ():
            t = time.perf_counter()
            similar_clauses(library, clause.text, k=5)
            similar.append((time.perf_counter() - t) * 1000)
        result["similar_ms"] = statistics.median(similar) if similar else 0.0

        warm, cold = [], []
        if "reshade" in only and not runs:  # re-shading follows a shaded draft
            finder = PrecedentFinder(library)
            finder.find_initiative(draft)
        for clause in draft.clauses if "reshade" in only else ():
            words = clause.text.split()
            words[len(words) // 2] = "reworded"
            edited = " ".join(words)
            t = time.perf_counter()
            finder.find_text(edited, clause.number)
            warm.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            PrecedentFinder(library).find_text(edited, clause.number)
            cold.append((time.perf_counter() - t) * 1000)
        if warm:
            result["reshade_ms"] = statistics.median(warm)
            result["reshade_p95"] = p95(warm)
            result["reshade_cold_ms"] = statistics.median(cold)

        result["brute_ms"] = None
        if first and "brute" in only:
            t = time.perf_counter()
            with library.engine.connect() as conn:
                texts = list(conn.execute(select(clauses_table.c.text)).scalars())
            process.cdist([c.text for c in draft.clauses], texts, scorer=fuzz.token_set_ratio,
                          workers=-1)
            result["brute_ms"] = (time.perf_counter() - t) * 1000
            del texts
    return finish_measure(result, began)


def finish_measure(result: dict[str, float | None], began: float) -> dict[str, float | None]:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    result["peak_mb"] = usage.ru_maxrss / 1024
    result["cpu_s"] = usage.ru_utime + usage.ru_stime  # of the whole measuring process
    result["wall_s"] = time.perf_counter() - began
    return result


#: The window the ranking before had: FTS5's bm25 over the newest 2,000 matches.
BASELINE_WINDOW = 2_000


def fts5_ranked(conn: Any, words: tuple[str, ...], filters: Any,
                want: int) -> list[tuple[int, float, str | None]]:
    """The baseline: search_sqlite.word_group as it was before the window was ranked in
    Python, FTS5's bm25 function over the newest BASELINE_WINDOW matches (with its filtered
    case: words that alone match few rows ranked alone, the filter a rowid set)."""
    from sqlalchemy import text

    from dsrdraft.store import search_sqlite as s

    match = s.match_expression(words, filters)
    words_only = f"text : ({s.q.fts_and(words)})"
    bound = conn.execute(text(
        "SELECT rowid FROM clause_fts WHERE clause_fts MATCH :match "
        "ORDER BY rowid DESC LIMIT 1 OFFSET :window"),
        {"match": match, "window": BASELINE_WINDOW - 1}).scalar()
    recent = "" if bound is None else " AND rowid >= :bound"
    params = {"match": match, "bound": bound, "want": want, "open": s.q.MARK_OPEN,
              "close": s.q.MARK_CLOSE, "dots": s.q.ELLIPSIS, "ranked": words_only}
    ranked, only = ":match", ""
    if s._filter_tags(filters):
        beyond = conn.execute(text(
            "SELECT rowid FROM clause_fts WHERE clause_fts MATCH :m "
            "ORDER BY rowid DESC LIMIT 1 OFFSET :cap"),
            {"m": words_only, "cap": 4 * BASELINE_WINDOW}).scalar()
        if beyond is None or (bound is not None and beyond < bound):
            ranked = ":ranked"
            only = (" AND +rowid IN (SELECT rowid FROM clause_fts WHERE clause_fts MATCH "
                    f":match{recent})")
    rows = conn.execute(text(
        "SELECT rowid, rank, snippet(clause_fts, 0, :open, :close, :dots, 24) "
        f"FROM clause_fts WHERE clause_fts MATCH {ranked}{recent}{only} "
        "ORDER BY rank LIMIT :want"), params).all()
    return [(int(r[0]), -float(r[1]), r[2]) for r in rows]


def measure_search(library: Any, asked: list[tuple[str, dict]],
                   rounds: int) -> dict[str, float]:
    """Median and p95 (wall and CPU ms) of the 100 queries, this code and the baseline
    (fts5_ranked) alternated query by query; each query's best of `rounds`."""
    from dsrdraft.store import search_sqlite

    ranked_here = search_sqlite.word_group
    for q, f in asked[:10]:  # warm the page cache
        library.search(q, **f)
    times: dict[str, list[tuple[float, float]]] = {"search": [], "baseline": []}
    for n, (q, f) in enumerate(asked):
        order = ["search", "baseline"] if n % 2 else ["baseline", "search"]
        for name in order:
            search_sqlite.word_group = ranked_here if name == "search" else fts5_ranked
            best = (float("inf"), float("inf"))
            for _ in range(rounds):
                t, c = time.perf_counter(), time.process_time()
                library.search(q, limit=20, **f)
                best = min(best, ((time.perf_counter() - t) * 1000,
                                  (time.process_time() - c) * 1000))
            times[name].append(best)
    search_sqlite.word_group = ranked_here
    out = {}
    for name, pairs in times.items():
        for kind, values in (("", [w for w, _ in pairs]), ("_cpu", [c for _, c in pairs])):
            out[f"{name}{kind}_median"] = statistics.median(values)
            out[f"{name}{kind}_p95"] = p95(values)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_scale",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,330000,1000000")
    parser.add_argument("--cache", default=str(Path.home() / ".cache" / "dsrdraft-bench"))
    parser.add_argument("--rebuild", action="store_true", help="build the libraries again")
    parser.add_argument("--build-only", action="store_true",
                        help="build (or finish) the cached libraries, measure nothing")
    parser.add_argument("--only", default=",".join(PARTS),
                        help="measure only these of " + ", ".join(PARTS))
    parser.add_argument("--rounds", type=int, default=1,
                        help="search: each query's best of this many runs")
    parser.add_argument("--processes", type=int, default=1,
                        help="fresh measuring processes per size (medians printed)")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--first", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    only = tuple(part for part in args.only.split(",") if part)
    if set(only) - set(PARTS):
        parser.error(f"--only takes {', '.join(PARTS)}")
    search_only = only == ("search",)
    if args.measure:
        print(json.dumps(measure(Path(args.measure), args.first, only, args.rounds)))
        return 0
    from dsrdraft.store import SCHEMA_VERSION

    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    lines = []
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    for n, size in enumerate(sizes):
        path = cache / f"scale-{size}-s{SCHEMA_VERSION}-g{GENERATOR}.sqlite"
        meta = path.with_suffix(".json")
        if args.rebuild:
            path.unlink(missing_ok=True)
            meta.unlink(missing_ok=True)
        if not path.exists():
            grow_from(path, cache, size)
        # new, or a build that was stopped: (finish) building it
        info = finish(path, json.loads(meta.read_text())) if meta.exists() else build(path, size)
        if args.build_only:
            print(f"{size:,}: {info}", flush=True)
            continue
        measured = []
        for _ in range(args.processes):
            load = os.getloadavg()[0]
            done = subprocess.run([sys.executable, "-m", "benchmarks.bench_scale", "--measure",
                                   str(path), *(["--first"] if n == 0 and not measured else []),
                                   "--only", ",".join(only), "--rounds", str(args.rounds)],
                                  capture_output=True, text=True, cwd=ROOT, check=True,
                                  env={**os.environ, "PYTHONHASHSEED": "0"})
            r = json.loads(done.stdout.strip().splitlines()[-1])
            r["load"] = f"{load:.1f}-{os.getloadavg()[0]:.1f}"
            measured.append(r)
            lines.append(_line(info, path, r, search_only))
            print(lines[-1], flush=True)
        if len(measured) > 1:
            medians = {key: statistics.median(r[key] for r in measured)
                       for key, value in measured[0].items() if isinstance(value, float | int)}
            lines.append(_line(info, path, {**medians, "brute_ms": None, "load": "median"},
                               search_only))
            print(lines[-1], flush=True)
    print()
    if search_only:
        print(f"{'paragr.':>9} search, then baseline: wall median/p95 ms, CPU median/p95 ms; "
              "process cpu/wall s; load")
        print("\n".join(lines))
        return 0
    print(f"{'paragr.':>9} {'build/s':>8} {'import/s':>8} {'/cpu s':>6} {'search ms':>12} "
          f"{'baseline':>13} {'agreed':>6} {'cpu':>4} {'brute':>8} {'similar':>7} "
          f"{'reshade':>12} {'cold':>6} {'peakMB':>6} {'fileMB':>6} {'cpu/wall s':>11} "
          f"{'load':>9}")
    print("\n".join(lines))
    return 0


def _line(info: dict, path: Path, r: dict, search_only: bool) -> str:
    """One measuring process's figures (or their medians) as a line of the table."""
    if search_only:
        return (f"{info['paragraphs']:>9,} wall {r['search_median']:>6.1f}/"
                f"{r['search_p95']:<5.1f} baseline {r['baseline_median']:>6.1f}/"
                f"{r['baseline_p95']:<6.1f} cpu {r['search_cpu_median']:>6.1f}/"
                f"{r['search_cpu_p95']:<5.1f} baseline {r['baseline_cpu_median']:>6.1f}/"
                f"{r['baseline_cpu_p95']:<6.1f} {r['cpu_s']:>5.0f}/{r['wall_s']:<5.0f} "
                f"{r['load']:>9}")
    brute = f"{r['brute_ms'] / 1000:.1f} s" if r["brute_ms"] else "-"
    return (f"{info['paragraphs']:>9,} {info['build_per_s']:>8,.0f} {r['import_per_s']:>8,.0f} "
            f"{r['import_per_cpu_s']:>6,.0f} "
            f"{r['search_median']:>6.1f}/{r['search_p95']:<5.1f} "
            f"{r['baseline_median']:>6.1f}/{r['baseline_p95']:<6.1f} "
            f"{r['agreed_ms']:>6.0f} {r['agreed_cpu_ms']:>4.0f} {brute:>8} "
            f"{r['similar_ms']:>7.1f} "
            f"{r['reshade_ms']:>6.1f}/{r['reshade_p95']:<5.1f} {r['reshade_cold_ms']:>6.1f} "
            f"{r['peak_mb']:>6.0f} {path.stat().st_size / 1e6:>6.0f} "
            f"{r['cpu_s']:>5.0f}/{r['wall_s']:<5.0f} {r['load']:>9}")


if __name__ == "__main__":
    sys.exit(main())
