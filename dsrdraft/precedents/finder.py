"""Agreed-language finder: passages of a draft that earlier initiatives already agreed.

For each clause of the draft: read which library clauses hold each of its shingles from the
index (at most max_postings each), group the hits by library clause into runs of the draft's
shingles, and verify the longest runs first: in the library clause (tokenised once per finder)
find where each shingle stands, chain the hits on nearby diagonals into runs that
tolerate small insertions or substitutions (at most MAX_GAP content words on either side),
widen each run over words that match exactly at both ends (articles included), keep runs of at
least `min_words` words, score them by rapidfuzz's ratio of the two normalised passages, and
merge overlapping spans from several sources into one span citing them all.

Offsets are character offsets into the clause text exactly as given (not normalised).
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from rapidfuzz import fuzz
from sqlalchemy import Connection, select

from dsrdraft.collector import collector_paused
from dsrdraft.model import Initiative
from dsrdraft.precedents.index import MAX_POSTINGS, lookup
from dsrdraft.precedents.text import (
    CJK_K,
    WORD_K,
    Needles,
    ShingledText,
    Tokens,
    shingles,
    tokenize,
)
from dsrdraft.store.schema import clauses_table, initiatives_table

DEFAULT_MIN_WORDS = 8
#: Content words that may be inserted, dropped or replaced between two matching runs.
MAX_GAP = 2
#: Sources listed per span, best first.
DEFAULT_MAX_SOURCES = 10
#: Library clauses read back (and tokenised) per round when verifying chains.
_VERIFY_BATCH = 64
#: Shingle hashes whose postings a finder keeps (then it starts again): a few MB.
_POSTINGS_CACHE = 200_000


@dataclass(frozen=True, slots=True)
class Source:
    """Where a span was agreed: a library clause (or translated clause) and the passage in it."""

    id: str          # library id of the initiative
    number: str      # clause number (of the translated clause for a translation)
    score: float     # similarity of the two passages, 0..1 (1.0: same words)
    language: str
    start: int       # the passage in the library clause text (character offsets)
    end: int
    text: str
    year: int | None = None
    title: str = ""
    citation: str = ""  # the unit's address as negotiators cite it: "OP14", "Article 4.19"

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "number": self.number, "citation": self.citation or self.number,
                "score": round(self.score, 4), "language": self.language, "year": self.year,
                "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Span:
    """A passage of a draft clause found in the library: text[start:end] of that clause."""

    number: str
    start: int
    end: int
    text: str
    words: float     # length in words (a CJK character counts 2/3)
    sources: tuple[Source, ...]  # best first

    @property
    def score(self) -> float:
        return max((s.score for s in self.sources), default=0.0)

    def to_json(self) -> dict[str, Any]:
        return {"number": self.number, "start": self.start, "end": self.end, "text": self.text,
                "score": round(self.score, 4), "words": round(self.words, 1),
                "sources": [s.to_json() for s in self.sources]}


@dataclass(frozen=True, slots=True)
class ClausePrecedents:
    """A draft clause and its spans in text order."""

    number: str
    text: str
    spans: tuple[Span, ...]

    @property
    def agreed_fraction(self) -> float:
        """Share of the clause's characters covered by spans (0..1)."""
        return sum(s.end - s.start for s in self.spans) / len(self.text) if self.text else 0.0


@dataclass(slots=True)
class _Chain:
    q_first: int
    l_first: int
    q_last: int
    l_last: int
    q_end: int   # exclusive end in content tokens
    l_end: int


def _chains(pairs: list[tuple[int, int]], sizes: Sequence[int]) -> list[_Chain]:
    """Chain the (draft, library) shingle positions `pairs` (sizes[q]: the draft shingle's
    length): a pair joins the first chain it follows in both texts, at most MAX_GAP content
    words after its end in each, on a diagonal at most MAX_GAP from the chain's last pair;
    else it starts a chain. (The inner loop of verifying: written out, no method calls.)"""
    pairs = sorted(pairs)
    n = len(pairs)
    if n > 1:
        (q0, l0), (q1, l1) = pairs[0], pairs[-1]
        # The common case, a passage repeated with nothing changed: the pairs stand one after
        # the other on one diagonal (consecutive distinct q, then consecutive lp), and so make
        # one chain, ending at the last pair's end (WORD_K and CJK_K differ by at most one).
        if q1 - q0 == n - 1 == l1 - l0 and [lp for _, lp in pairs] == list(range(l0, l1 + 1)):
            return [_Chain(q0, l0, q1, l1, q1 + sizes[q1], l1 + sizes[q1])]
    chains: list[_Chain] = []
    for q, lp in pairs:
        size = sizes[q]
        for chain in chains:
            if (q > chain.q_last and lp > chain.l_last and q - chain.q_end <= MAX_GAP
                    and lp - chain.l_end <= MAX_GAP
                    and abs((q - lp) - (chain.q_last - chain.l_last)) <= MAX_GAP):
                chain.q_last, chain.l_last = q, lp
                if q + size > chain.q_end:
                    chain.q_end = q + size
                if lp + size > chain.l_end:
                    chain.l_end = lp + size
                break
        else:
            chains.append(_Chain(q, lp, q, lp, q + size, lp + size))
    return chains


def _candidate_runs(keys: Sequence[str], sizes: Sequence[int],
                    postings: dict[str, tuple[int, ...]]) -> list[tuple[tuple[int, int], int]]:
    """((first, end), clause id) of every run of the draft's shingles held by one library
    clause: its shingle positions (keys[q], of length sizes[q]) lying at most MAX_GAP content
    words apart, as one chain may span them (end exclusive); longest runs first, then by
    clause id and position.

    The (clause, position) hits are sorted and cut into runs by numpy: at 1M paragraphs a
    draft of 20 has some 57,000 hits in 5,000 clauses, a fifth of agreed language's time
    in Python loops. A run's end is its last hit's end: positions are distinct within a
    clause and WORD_K and CJK_K differ by at most one, so no earlier hit ends later."""
    import numpy as np  # here: the CLI's other commands do not pay for importing it

    lists = list(map(postings.__getitem__, keys))  # the clause ids, per draft position
    counts = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
    total = int(counts.sum())
    if not total:
        return []
    ids = np.fromiter(itertools.chain.from_iterable(lists), dtype=np.int64, count=total)
    n = len(lists)
    qs = np.repeat(np.arange(n, dtype=np.int64), counts)
    if int(ids.max()) < (1 << 62) // n:
        # By clause, then position, in one sort of numbers (clause * positions + position;
        # no two hits are equal: a key's clauses are distinct), where a sort by two keys
        # and indexing three arrays cost 8 of a draft's 537 million instructions at 1M.
        ids, qs = np.divmod(np.sort(ids * n + qs), n)
    else:  # clause ids too large to combine (none that a library numbers itself)
        order = np.lexsort((qs, ids))
        ids, qs = ids[order], qs[order]
    ends = qs + np.asarray(sizes, dtype=np.int64)[qs]
    new = np.empty(total, dtype=bool)
    new[0] = True
    np.not_equal(ids[1:], ids[:-1], out=new[1:])
    new[1:] |= qs[1:] - ends[:-1] > MAX_GAP
    starts = np.flatnonzero(new)
    firsts, run_ends = qs[starts], ends[np.append(starts[1:], total) - 1]
    clause_ids = ids[starts]
    order = np.lexsort((firsts, clause_ids, firsts - run_ends))
    return list(zip(zip(firsts[order].tolist(), run_ends[order].tolist(), strict=True),
                    clause_ids[order].tolist(), strict=True))


#: `_candidate_runs` takes a run's last hit's end as the run's end, which needs this.
if abs(WORD_K - CJK_K) > 1:
    raise ImportError("WORD_K and CJK_K must differ by at most one (see _candidate_runs)")


def _extend(query: Tokens, lib: Tokens, q: int, lp: int, step: int) -> tuple[int, int]:
    """Widen a matched passage from token (q, lp) in direction `step` over equal words, and
    over a small insertion or substitution (at most MAX_GAP words on either side) when at least
    RESUME words match again after it, two of them content words."""
    qk, lk = query.keys, lib.keys
    nq, nl = len(qk), len(lk)

    def same(a: int, b: int) -> bool:  # token a of the draft is token b of the library clause
        return 0 <= a < nq and 0 <= b < nl and qk[a] == lk[b]

    while True:
        a, b = q + step, lp + step  # over equal words (inlined: the commonest step)
        while 0 <= a < nq and 0 <= b < nl and qk[a] == lk[b]:
            q, lp = a, b
            a, b = a + step, b + step
        for dq, dl in _SKIPS:
            qi, li = q + step * (1 + dq), lp + step * (1 + dl)
            run = 0
            content = 0
            while run < RESUME and same(qi + step * run, li + step * run):
                content += query.content_index(qi + step * run) >= 0
                run += 1
            if run >= RESUME and content >= 2:
                q, lp = qi, li
                break
        else:
            return q, lp


#: Words that must match again after a skipped insertion or substitution at a span's end.
RESUME = 3
_SKIPS = sorted(((dq, dl) for dq in range(MAX_GAP + 1) for dl in range(MAX_GAP + 1)
                 if dq or dl), key=lambda d: (d[0] + d[1], d))


@dataclass(slots=True)
class _LibraryClause:
    clause_id: int
    initiative_id: str
    number: str
    language: str
    year: int | None
    title: str
    tokens: Tokens
    row: Any  # the stored unit (kind, path, numbering): its citation, made when first cited
    shingled: ShingledText  # where it holds a shingle
    _citation: str | None = None

    @property
    def citation(self) -> str:
        if self._citation is None:
            self._citation = citation_of(self.row)
        return self._citation


def citation_of(row: Any) -> str:
    """A library unit's citation from its stored number, kind, path and numbering: "Article
    4.19" for paragraph 19 of Article 4, "OP14", "PP3", "Annex I.2" (a translated unit: the
    number of the unit it translates)."""
    return _citation(row.number, row.kind, row.path, bool(row.numbered))


@lru_cache(maxsize=4096)
def _citation(number: str, kind: str | None, path: str | None, numbered: bool) -> str:
    # Memoised: a library's units share a few numbers, kinds and paths, and a draft cites
    # some 800 units at 1M (the JSON and the Clause made for each were 5 % of the time).
    import json

    from dsrdraft.model import Clause, UnitKind

    try:
        unit_kind = UnitKind(kind or "operative")
        parts = tuple(str(p) for p in json.loads(path or "[]"))
    except ValueError:
        return number
    return Clause(number, "", "", kind=unit_kind, path=parts, numbered=numbered).citation


class PrecedentFinder:
    """Finds agreed language for one library. Cheap to create; safe to use from one thread at
    a time (make one per worker thread). Tokenised library clauses and shingle postings are
    cached per finder: make a new one when the library changes."""

    def __init__(self, library: Any, *, min_words: int = DEFAULT_MIN_WORDS,
                 max_sources: int = DEFAULT_MAX_SOURCES,
                 max_postings: int = MAX_POSTINGS, exclude: Collection[str] = ()) -> None:
        """`exclude`: library ids never cited (the text's own entry, when it is in the library,
        would otherwise be found agreed word for word)."""
        if min_words < 1:
            from dsrdraft.errors import DsrError

            raise DsrError(f"the shortest passage must be at least 1 word (got {min_words})")
        self._library = library
        self._engine = library.engine
        self.exclude = frozenset(exclude)
        self.min_words = min_words
        self.max_sources = max_sources
        self.max_postings = max_postings
        self._cache: dict[int, _LibraryClause] = {}
        self._postings: dict[str, tuple[int, ...]] = {}

    # ------------------------------------------------------------------ public

    def find_initiative(self, initiative: Initiative) -> list[ClausePrecedents]:
        """Spans for every clause of `initiative` (a parsed file or `Draft.to_initiative()`)."""
        return self.find_clauses((c.number, c.text) for c in initiative.clauses)

    def find_clauses(self, clauses: Iterable[tuple[str, str]]) -> list[ClausePrecedents]:
        """Spans for (number, text) pairs, in the order given."""
        with self._library.damage_checked(), self._engine.connect() as conn, \
                collector_paused():
            return [ClausePrecedents(number, body, self._find(conn, number, body))
                    for number, body in clauses]

    def find_text(self, body: str, number: str = "") -> tuple[Span, ...]:
        """Spans of one clause text (what an editor asks after each pause in typing)."""
        with self._library.damage_checked(), self._engine.connect() as conn, \
                collector_paused():
            return self._find(conn, number, body)

    # ------------------------------------------------------------------ work

    def _find(self, conn: Connection, number: str, body: str) -> tuple[Span, ...]:
        query = tokenize(body)
        grams = shingles(query)
        if not grams:
            return ()
        keys = [key for key, _, _ in grams]
        sizes = [size for _, _, size in grams]
        # The index says which clauses hold a shingle, not where: runs of the draft's shingles
        # held by one clause are the candidates, longest first; a run whose words already have
        # max_sources verified sources is not read back (a phrase repeated in a thousand
        # library clauses costs ten). Verifying a run finds where in the library clause.
        runs = _candidate_runs(keys, sizes, self._postings_of(conn, list(dict.fromkeys(keys))))
        needles = Needles.of(query, sizes)  # what a library clause is searched for
        covered = [0] * len(query.content)
        found: list[tuple[int, int, float, Source]] = []
        todo = iter(runs)
        while True:
            batch: list[tuple[tuple[int, int], int]] = []
            for run, clause_id in todo:
                if min(covered[run[0]:run[1]]) >= self.max_sources:
                    continue
                batch.append((run, clause_id))
                for p in range(run[0], run[1]):
                    covered[p] += 1  # counted as verified now, given back if it fails
                if len(batch) >= _VERIFY_BATCH:
                    break
            if not batch:
                break
            library = self._library_clauses(conn, [clause_id for _, clause_id in batch])
            for (first, end), clause_id in batch:
                target = library.get(clause_id)
                spans = ([] if target is None or target.initiative_id in self.exclude
                         else self._verify(query, needles, target, first, end))
                if not spans:
                    for p in range(first, end):
                        covered[p] -= 1
                found.extend(spans)
        return self._merge(number, body, found)

    def _verify(self, query: Tokens, needles: Needles, target: _LibraryClause, first: int,
                end: int) -> list[tuple[int, int, float, Source]]:
        """The spans of the draft's shingles first..end-1 in one library clause: every place
        the clause holds each of them, chained along nearby diagonals, each chain widened
        and checked (`_span`)."""
        pairs = target.shingled.pairs(needles, first, end)
        return [span for chain in _chains(pairs, needles.sizes)
                if (span := self._span(query, target, chain)) is not None]

    def _span(self, query: Tokens, target: _LibraryClause,
              chain: _Chain) -> tuple[int, int, float, Source] | None:
        lib = target.tokens
        if chain.l_end > len(lib.content):
            return None  # the index and the text disagree (should not happen)
        q0, q1 = query.content[chain.q_first], query.content[chain.q_end - 1]
        l0, l1 = lib.content[chain.l_first], lib.content[chain.l_end - 1]
        if query.keys[q0] != lib.keys[l0] or query.keys[q1] != lib.keys[l1]:
            return None
        q0, l0 = _extend(query, lib, q0, l0, -1)
        q1, l1 = _extend(query, lib, q1, l1, 1)
        words = query.weight(q0, q1)
        if words < self.min_words:
            return None
        score = fuzz.ratio(query.joined(q0, q1), lib.joined(l0, l1)) / 100.0
        source = Source(target.initiative_id, target.number, score, target.language,
                        (start := lib.start(l0)), (end := lib.end(l1)), lib.text[start:end],
                        target.year, target.title, target.citation)
        return query.starts[q0], query.ends[q1], words, source

    def _merge(self, number: str, body: str,
               found: list[tuple[int, int, float, Source]]) -> tuple[Span, ...]:
        found.sort(key=lambda item: (item[0], -item[1]))
        groups: list[list[tuple[int, int, float, Source]]] = []
        end = -1
        for item in found:
            if groups and item[0] < end:
                groups[-1].append(item)
                end = max(end, item[1])
            else:
                groups.append([item])
                end = item[1]
        spans = []
        for group in groups:
            start = min(i[0] for i in group)
            stop = max(i[1] for i in group)
            best: dict[tuple[str, str, str], Source] = {}
            for _, _, _, source in group:
                key = (source.id, source.number, source.language)
                if key not in best or best[key].score < source.score:
                    best[key] = source
            ranked = sorted(best.values(), key=lambda s: (-s.score, -(s.end - s.start),
                                                          s.year or 0, s.id, s.number))
            words = max(i[2] for i in group)
            if len(group) > 1:
                merged = tokenize(body[start:stop])
                words = merged.weight(0, len(merged) - 1)
            spans.append(Span(number, start, stop, body[start:stop], words,
                              tuple(ranked[:self.max_sources])))
        return tuple(spans)

    def _postings_of(self, conn: Connection, keys: list[str]) -> dict[str, tuple[int, ...]]:
        """The library clauses holding each shingle key, read once per finder: after an edit
        only the paragraph's new shingles are looked up (what makes re-shading one edited
        paragraph cheap)."""
        missing = [k for k in keys if k not in self._postings]
        if missing:
            if len(self._postings) > _POSTINGS_CACHE:
                self._postings.clear()
            self._postings.update(lookup(conn, missing, self.max_postings))
        return {k: self._postings[k] for k in keys}

    def _library_clauses(self, conn: Connection, ids: list[int]) -> dict[int, _LibraryClause]:
        missing = [i for i in ids if i not in self._cache]
        c, i = clauses_table, initiatives_table
        for start in range(0, len(missing), 500):
            chunk = missing[start:start + 500]
            rows: Iterable[Any]
            if conn.dialect.name == "sqlite":
                # The plain sqlite3 cursor and a prepared statement: at 1M some 900 rows per
                # draft, a fifth of agreed language's time through the SQL expression layer.
                raw = conn.connection.driver_connection
                rows = map(_Row._make, raw.execute(
                    _CLAUSES_SQL.format(",".join("?" * len(chunk))), chunk))
            else:
                rows = conn.execute(
                    select(c.c.id, c.c.initiative_id, c.c.number, c.c.language, c.c.text,
                           c.c.kind, c.c.path, c.c.numbered, i.c.year, i.c.title)
                    .join(i, i.c.id == c.c.initiative_id).where(c.c.id.in_(chunk)))
            for row in rows:
                tokens = tokenize(row.text)
                self._cache[row.id] = _LibraryClause(
                    row.id, row.initiative_id, row.number, row.language, row.year, row.title,
                    tokens, row, ShingledText.of(tokens))
        return {n: self._cache[n] for n in ids if n in self._cache}


class _Row(NamedTuple):
    """A library clause as read for verification (the columns of `_CLAUSES_SQL`)."""

    id: int
    initiative_id: str
    number: str
    language: str
    text: str
    kind: str
    path: str
    numbered: bool
    year: int | None
    title: str


_CLAUSES_SQL = (f"SELECT c.id, c.initiative_id, c.number, c.language, c.text, c.kind, c.path, "
                f"c.numbered, i.year, i.title FROM {clauses_table.name} AS c "
                f"JOIN {initiatives_table.name} AS i ON i.id = c.initiative_id "
                "WHERE c.id IN ({})")


def find_precedents(library: Any, initiative: Initiative, *,
                    min_words: int = DEFAULT_MIN_WORDS) -> list[ClausePrecedents]:
    """Agreed language in every clause of `initiative`, found in `library`."""
    return PrecedentFinder(library, min_words=min_words).find_initiative(initiative)


def spans_to_json(results: Sequence[ClausePrecedents]) -> list[dict[str, Any]]:
    """The CLI contract: one object per span, clauses in order, spans in text order."""
    return [span.to_json() for clause in results for span in clause.spans]
