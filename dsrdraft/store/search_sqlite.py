"""Word search on SQLite: the FTS5 index `clause_fts` (porter-stemmed text, and filter tags).

Filters are tokens of the index's second column (`y2017`, `len`, `koperative`, `i<id> iend`:
schema.SEARCH_TAGS), so a filtered query is one intersection of doclists inside FTS5, never a
scan of the matches against the clauses table. FTS5 finds the most recently imported
query.RANK_WINDOW matches (walking the doclists newest first, which costs no ranking); they are
ranked here by FTS5's own bm25 formula (word_group), not by FTS5's bm25 function, which first
counts every row of the library matching each phrase of the query, the filter tags' too
(`inter*`: 174,552 rows at 1M paragraphs; `"value is a"` 110,287, 140 ms), so its cost grew
with the library even when the window was small. A prefix is asked as the OR of the index's
terms under it (prefix_match), which FTS5 walks newest first too, not merged in full.
"""

from __future__ import annotations

import heapq
import math
import re
import unicodedata
from typing import Any

from sqlalchemy import Connection, text

from dsrdraft.store import fts5_terms
from dsrdraft.store import query as q
from dsrdraft.store.porter import porter


def tag_phrase(prefix: str, value: str) -> str:
    """The FTS5 phrase of one filter tag, as schema.SEARCH_TAGS writes it."""
    body = f"{prefix}{value}" + (" iend" if prefix == "i" else "")
    return '"' + body.replace('"', '""') + '"'


def match_expression(words: tuple[str, ...], filters: Any, raw: Any = None) -> str:
    """`text : (w1 AND w2 …)` and one `tags : "…"` per filter given; with `raw` (a plain
    sqlite3 connection that has not written to the index), each prefix as its terms
    (prefix_match)."""
    return _match([prefix_match(raw, word) for word in words], filters)


def _match(phrases: list[str], filters: Any) -> str:
    """`match_expression` of the words' phrases (`prefix_match`, made once a query)."""
    return " AND ".join([f"text : ({' AND '.join(phrases)})", *_tag_expressions(filters)])


def _tag_expressions(filters: Any) -> list[str]:
    return [f"tags : {tag_phrase(prefix, str(value))}" for prefix, value in _filter_tags(filters)]


def _filter_tags(filters: Any) -> list[tuple[str, object]]:
    return [(prefix, value) for prefix, value in (
        ("y", filters.year), ("l", filters.language), ("k", filters.kind),
        ("i", filters.initiative)) if value is not None]


#: Most index terms a prefix is asked for as its terms (prefix_match); more, as a prefix.
PREFIX_TERMS = 256
_ASCII_TERM = re.compile("[a-z0-9]+")


def prefix_match(raw: Any | None, word: str) -> str:
    """The FTS5 phrase of one query word; a prefix (`inter*`) as the OR of the index's terms
    that start with it, which FTS5 finds the same rows for, far sooner.

    FTS5 answers a prefix by merging the whole doclists of every term under it into one, in
    memory, whatever rowid range or LIMIT is asked (`inter*`: 46 terms, 174,552 rows at 1M
    paragraphs, 29 to 53 ms for the newest 500), but walks an OR of terms lazily from the
    newest (1.2 ms). The terms are read from the index's pages (fts5_terms). FTS5 stems the
    query's prefix and each quoted word as it stems the text (porter): the prefix's stem is
    the one looked for, and each term is asked as a word whose stem it is (_word_for). A
    prefix that is not one ASCII word, has no term or more than PREFIX_TERMS, or a term no
    word is found for, stays a prefix; so does every word without `raw`."""
    plain = q.fts_phrase(word)
    core = word[:-1].lower() if word.endswith("*") else ""
    if raw is None or not _ASCII_TERM.fullmatch(core):
        return plain
    stem = porter(core)
    terms = fts5_terms.prefix_terms(raw, "clause_fts", stem, PREFIX_TERMS)
    if not terms:
        return plain
    asked = [_word_for(term) for term in terms]
    if None in asked:
        return plain
    return "(" + " OR ".join(f'"{w}"' for w in asked) + ")"


#: Endings porter's last step removes whole: a term t that is not its own stem (it was one
#: step from a longer word: "development" from "developmental") is the stem of t + one of
#: them (all 388 such terms of the 1M-paragraph library's 7,372 under single letters).
_ENDINGS = ("al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent",
            "ion", "ou", "ism", "ate", "iti", "ous", "ive", "ize", "s", "e")


def _word_for(term: str) -> str | None:
    """An ASCII word FTS5 stems to exactly `term` (an index term), or None."""
    if not _ASCII_TERM.fullmatch(term):
        return None
    if porter(term) == term:
        return term
    return next((term + end for end in _ENDINGS if porter(term + end) == term), None)


#: FTS5's bm25 constants (fts5_aux.c).
_K1 = 1.2
_B = 0.75
#: Matches walked, newest first, to estimate how many clauses of the library hold a word.
_SAMPLE = 500
#: A query of one plain word held by at most this many clauses is ranked by FTS5's bm25
#: itself, which first counts them (some 0.1 µs each: 2 ms), cheaper then than reading the
#: window's texts here; the same scores and order either way.
BM25_COUNTED = 20_000
_SNIPPET_TOKENS = 24

_WINDOW_SQL = "SELECT rowid FROM clause_fts WHERE clause_fts MATCH ? ORDER BY rowid DESC LIMIT ?"


def word_group(conn: Connection, words: tuple[str, ...], filters: Any,
               want: int) -> list[tuple[int, float, str | None]]:
    """(clause id, score, snippet) of the best `want` of the newest query.RANK_WINDOW clauses
    holding every word (all of them when fewer match).

    The score is FTS5's bm25 (k1 1.2, b 0.75, the text column only): per clause the sum over
    the query's words (phrases, prefixes) of idf * tf (k1 + 1) / (tf + k1 (1 - b + b len /
    avglen)), with tf the word's occurrences in the clause (the index's porter stems, counted
    in its text), len its tokens in both columns and avglen the library's mean (both as FTS5
    stores them), idf log((N - n + 0.5) / (n + 0.5)) (1e-6 when not positive) for n clauses of
    the N holding the word. FTS5's bm25 function computes the same but first counts the n of
    every phrase of the query, the filter tags' too, walking all their rows (`inter*`: 174,552
    at 1M paragraphs; `"value is a"` 110,287, 140 ms): here n is exact when the window holds
    every match of a one-word query, else estimated from how densely the newest matches lie
    among the clauses (_frequencies); a one-word query is ranked in the same order either way
    (its idf is a common factor). FTS5 ranks only one plain word in at most BM25_COUNTED
    clauses. Ties: the lowest id first. Only the clauses whose bound can still reach the best
    `want` are stemmed (_best). Snippets are marked at the same stemmed occurrences (None,
    made by the caller, when folding the text moved its characters).
    """
    raw = conn.connection.driver_connection  # the plain sqlite3 cursor: 500 rows read faster
    # A write connection may hold index entries FTS5 has not put on pages yet (prefix_match).
    reader = None if conn.get_execution_options().get("dsrdraft_write") else raw
    phrases = [prefix_match(reader, word) for word in words]  # a prefix's terms read once
    match = _match(phrases, filters)
    window = [r[0] for r in raw.execute(_WINDOW_SQL, (match, q.RANK_WINDOW)).fetchall()]
    if not window:
        return []
    rows, average = _statistics(raw)
    held = _frequencies(raw, words, phrases, filters, window, rows,
                        conn.connection.info.setdefault("dsr_word_samples", {}))
    terms = [_Term(word) for word in words]
    if (not _filter_tags(filters) and len(terms) == 1 and len(terms[0].stems) == 1
            and not terms[0].prefix and held[0] <= BM25_COUNTED):
        found = raw.execute(
            "SELECT rowid, rank, snippet(clause_fts, 0, ?, ?, ?, ?) FROM clause_fts WHERE "
            "clause_fts MATCH ? AND rowid >= ? ORDER BY rank LIMIT ?",
            (q.MARK_OPEN, q.MARK_CLOSE, q.ELLIPSIS, _SNIPPET_TOKENS, match,
             min(window), want)).fetchall()
        # FTS5 sorts by rank itself and stops after LIMIT rows: snippet() runs only for them.
        return [(int(r[0]), -float(r[1]), r[2]) for r in found]
    # The lengths (FTS5's docsize records) only here: FTS5's own bm25 above reads its own.
    texts = raw.execute(
        "SELECT c.id, lower(c.text), d.sz FROM clauses c JOIN clause_fts_docsize d "
        "ON d.id = c.id WHERE c.id IN (" + ",".join(map(str, window)) + ")"  # integers only
    ).fetchall()
    idf = [_idf(rows, n) for n in held]
    best, folded = _best(texts, terms, idf, average or 1.0, want)
    if not best:  # an index row without its clause: nothing to show
        return []
    bodies = dict(raw.execute("SELECT id, text FROM clauses WHERE id IN ("
                              + ",".join(str(rowid) for _, rowid in best) + ")").fetchall())
    out: list[tuple[int, float, str | None]] = []
    for score, rowid in best:
        body, text_folded = bodies[rowid], folded[rowid]
        snippet = None
        if len(text_folded) == len(body):
            snippet = q.span_snippet(body, [span for term in terms
                                            for span in term.occurrences(text_folded)])
        out.append((rowid, -score, snippet))
    return out


def _best(texts: list[tuple[int, str, bytes]], terms: list[_Term], idf: list[float],
          average: float, want: int) -> tuple[list[tuple[float, int]], dict[int, str]]:
    """The best `want` of `texts` (id, lower(text), FTS5 docsize record) as sorted (-score,
    id), and the folded text of each clause scored exactly.

    Each clause's score is first bounded from above by counting each term's literal lead in
    its text (every occurrence starts with it at a token's start, so the count is at least the
    occurrences: str.count, some 0.3 µs a clause); the clauses are then scored exactly (the
    regular expressions and stems, some 8 µs a clause) in the order of their bounds, until the
    `want`-th best score so far exceeds the next bound. The same scores, order and ties as
    scoring every clause; a window of 500 needs some 20 to 60 exact scores."""
    scored: list[tuple[float, int]] = []
    folded: dict[int, str] = {}
    bounds: list[tuple[float, int, float, str]] = []
    weights = list(zip(terms, idf, strict=True))
    # One word or prefix (most queries): its one lead, without the loops over terms and leads.
    only = terms[0].leads[0] if len(terms) == 1 and len(terms[0].leads) == 1 else None
    weight = idf[0]
    normalized = unicodedata.is_normalized
    for rowid, lowered, sz in texts:
        length = sz[0] + sz[1] if len(sz) == 2 else _tokens(sz)  # two one-byte varints, mostly
        norm = _K1 * (1 - _B + _B * length / average)
        # SQLite's lower() folds ASCII letters only; texts with accents (not NFKD already) are
        # folded as the index folds them. Other non-ASCII capitals (Ø, Greek, Cyrillic) stay:
        # such a word counts once, as matched (lowering every text cost 1.5 ms a query).
        # A text so folded is bounded as any other (its leads counted in its folded text):
        # a window of 500 holds some 180 of them at 1M paragraphs (no-break spaces, dashes
        # and ellipses decompose), each scored exactly before.
        if not (lowered.isascii() or normalized("NFKD", lowered)):
            lowered = _unaccented(lowered)
        if only is not None:  # the bound is _score's formula with the lead's count
            tf = lowered.count(only) or 1
            bound = weight * tf * (_K1 + 1) / (tf + norm)
        else:
            bound = 0.0
            for term, each in weights:
                tf = min([lowered.count(lead) for lead in term.leads], default=1) or 1
                bound += each * tf * (_K1 + 1) / (tf + norm)
        bounds.append((-bound, rowid, norm, lowered))
    bounds.sort()
    heap: list[tuple[float, int]] = []  # the best `want` (score, -id): worst on top
    for bound, rowid, norm, lowered in bounds:
        if len(heap) >= want and heap[0][0] > -bound:
            break  # no clause left can reach the `want`-th best score (nor tie it)
        folded[rowid] = lowered
        score = _score(lowered, weights, norm)
        scored.append((-score, rowid))
        if len(heap) < want:
            heapq.heappush(heap, (score, -rowid))
        else:
            heapq.heappushpop(heap, (score, -rowid))
    scored.sort()
    return scored[:want], folded


def _score(text_folded: str, weights: list[tuple[_Term, float]], norm: float) -> float:
    """bm25 of one clause (folded text, k1 (1 - b + b len / avglen)) for the query's terms."""
    score = 0.0
    for term, weight in weights:
        tf = term.count(text_folded) or 1  # the clause matched: at least once
        score += weight * tf * (_K1 + 1) / (tf + norm)
    return score


#: Combining marks that FTS5's remove_diacritics drops after decomposition.
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def _fold(body: str) -> str:
    """`body` as the index folds it: lower case, decomposed, without accents. (As
    precedents.text.fold does for a word; its per-character loop costs 0.5 ms a clause.)"""
    if body.isascii() or unicodedata.is_normalized("NFKD", body):  # nothing to decompose
        return body.lower()  # (casefold() costs twice as much on non-ASCII text)
    return _unaccented(body)


def _unaccented(body: str) -> str:
    """`_fold` of a text known not to be NFKD-normalized."""
    return _COMBINING.sub("", unicodedata.normalize("NFKD", body)).lower()


_TOKEN = r"[^\W_]+"  # unicode61: runs of letters and digits
_SEPARATOR = r"[\W_]+"


class _Term:
    """A query word, phrase or prefix as the index's stems, found in folded text."""

    def __init__(self, word: str) -> None:
        self.prefix = word.endswith("*")
        self._known: dict[str | tuple[str, ...], bool] = {}
        tokens = re.findall(_TOKEN, _fold(word.rstrip("*")))
        self.stems = [porter(t) for t in tokens]
        #: Literal text each word of an occurrence starts with, at a token's start (so each
        #: lead occurs at least as often as the term: a bound of its count).
        self.leads = [stem[:max(1, len(stem) - 2)] for stem in self.stems]
        if not self.stems:
            self.pattern = re.compile(r"(?!)")
            return
        # A token whose stem is s starts with all of s but its last two letters (porter only
        # rewrites endings), so the first word's candidates are found as a literal; the words
        # after it are captured by a lookahead (occurrences may overlap, as FTS5 counts them),
        # each starting with its own lead: the regular expression, not a stem of every word
        # after, turns away a phrase's candidates (`"the names of"`: every word starting with
        # "t" was captured with its next two words and stemmed, some 60 µs a clause).
        lead = re.escape(self.leads[0])
        self.pattern = re.compile(f"({lead}(?<![^\\W_]{lead})[^\\W_]*)" + (
            "(?=" + "".join(f"{_SEPARATOR}({re.escape(after)}[^\\W_]*)"
                            for after in self.leads[1:]) + ")"
            if len(self.stems) > 1 else ""))

    def count(self, folded: str) -> int:
        """Occurrences in `folded`."""
        known = self._known
        n = 0
        for found in self.pattern.findall(folded):
            ok = known.get(found)
            if ok is None:
                ok = known[found] = self._stems_match(
                    found if isinstance(found, tuple) else (found,))
            n += ok
        return n

    def _stems_match(self, tokens: tuple[str, ...]) -> bool:
        last = len(self.stems) - 1
        for n, stem in enumerate(self.stems):
            found = porter(tokens[n])
            if not (found.startswith(stem) if self.prefix and n == last else found == stem):
                return False
        return True

    def occurrences(self, folded: str) -> list[tuple[int, int]]:
        """(start, end) of each occurrence in `folded`."""
        last = len(self.stems) - 1
        return [(m.start(), m.end(last + 1) if last else m.end())
                for m in self.pattern.finditer(folded) if self._stems_match(m.groups())]


def _tokens(sz: bytes) -> int:
    """Tokens of a clause in both columns, from its FTS5 docsize record (a varint a column)."""
    return sum(fts5_terms.varints(sz))


def _statistics(raw: Any) -> tuple[int, float]:
    """(clauses indexed, their mean tokens) from FTS5's averages record (data row 1: varints
    of the row count, then each column's total tokens), as its bm25 reads them."""
    found = raw.execute("SELECT block FROM clause_fts_data WHERE id = 1").fetchone()
    values = fts5_terms.varints(found[0] if found else b"")
    if len(values) < 2 or values[0] <= 0:
        return 0, 0.0
    return values[0], sum(values[1:]) / values[0]


def _idf(rows: int, n: float) -> float:
    """FTS5's inverse document frequency of a phrase held by `n` of `rows` clauses."""
    idf = math.log((rows - n + 0.5) / (n + 0.5)) if rows else 0.0
    return idf if idf > 0 else 1e-6


#: Word samples (_frequencies) kept per connection, keyed by the library's state.
_SAMPLES_KEPT = 4096


def _frequencies(raw: Any, words: tuple[str, ...], phrases: list[str], filters: Any,
                 window: list[int], rows: int,
                 kept: dict[Any, float] | None = None) -> list[float]:
    """How many clauses hold each word (`phrases`: their FTS5 phrases, `prefix_match`), exact
    or estimated without counting them all.

    One word without filters: the window's size when it holds every match, else the window's
    density (RANK_WINDOW matches over the newest ids down to its oldest) times the library's
    ids. Several words, or one plain word with filters: each word's own newest _SAMPLE matches,
    the same way (a walk of at most _SAMPLE rows each). A prefix or a phrase with filters: the
    window's estimate for it and the filters together, divided by the filters' share of the
    library (their own newest _SAMPLE rows' density).

    A sample is kept in `kept` (a connection's) under the library's state: its lowest and
    highest ids and FTS5's averages record (the clauses and tokens indexed), which every
    import or removal changes; a query's words are then not walked again (0.3 to 1 ms a
    query of two words at 1M paragraphs) until the library changes."""
    low, high, averages = raw.execute(  # apart: min() and max() together read the whole table
        "SELECT (SELECT min(id) FROM clause_fts_docsize), "
        "(SELECT max(id) FROM clause_fts_docsize), "
        "(SELECT block FROM clause_fts_data WHERE id = 1)").fetchone()
    if low is None:
        return [1.0] * len(words)

    def density(found: int, oldest: int, limit: int) -> float:
        if found < limit:
            return float(found)  # every match seen
        return found * (high - low + 1) / max(1, high - oldest + 1)

    def sample(match: str) -> float:
        key = (low, high, averages, match)
        if kept is not None and key in kept:
            return kept[key]
        found, oldest = raw.execute(
            "SELECT count(*), min(rowid) FROM (SELECT rowid FROM clause_fts WHERE clause_fts "
            "MATCH ? ORDER BY rowid DESC LIMIT ?)", (match, _SAMPLE)).fetchone()
        value = density(found, oldest or high, _SAMPLE)
        if kept is not None:
            if len(kept) >= _SAMPLES_KEPT:
                kept.clear()
            kept[key] = value
        return value

    word = words[0]
    if len(words) > 1 or (_filter_tags(filters) and not word.endswith("*")
                          and len(re.findall(_TOKEN, word)) == 1):
        return [sample(f"text : ({phrase})") for phrase in phrases]
    together = density(len(window), min(window), q.RANK_WINDOW)
    if not _filter_tags(filters):
        return [together]
    # A prefix or a phrase with filters: its own walk may cost what the window's did (a prefix
    # merges its terms' doclists first), so the filters are taken as independent of it (a
    # common factor of the scores either way: the order is the same).
    share = sample(" AND ".join(_tag_expressions(filters))) / max(1, rows)
    return [min(float(rows), together / max(share, 1e-9))]


def create_index(conn: Connection, name: str) -> None:
    """Create and fill one FTS5 index (and the view `clause_fts` reads from)."""
    from dsrdraft.store import schema

    if name == "clause_fts":
        conn.execute(text(schema.search_view_ddl()))
    conn.execute(text(schema.fts_ddl(name)))
    configure = schema.fts_configure_sql(name)
    if configure:
        conn.execute(text(configure))
    index(conn, {name: True}, "1 = 1", {})


def fts_segments(conn: Connection, name: str) -> int:
    """Segments of the FTS5 index `name`: what a lookup seeks once each."""
    return int(conn.exec_driver_sql(
        f"SELECT count(DISTINCT segid) FROM {name}_idx").scalar_one())


def fts_merge(conn: Connection, name: str) -> bool:
    """Merge the FTS5 index `name` into one segment (FTS5's 'optimize') if it is in several;
    True when it was. Lookups find the same rows before and after."""
    if fts_segments(conn, name) <= 1:
        return False
    conn.exec_driver_sql(f"INSERT INTO {name}({name}) VALUES ('optimize')")
    return True


def optimize(conn: Connection, available: dict[str, bool]) -> bool:
    """Merge each search index that is in several segments into one; True when one was
    merged. Every import leaves segments that automerge keeps some dozen of, and a phrase or
    a common word's lookup seeks each: at 1M paragraphs the merge took the slowest phrases
    from 34 to 17 ms. The hits are the same before and after."""
    merged = [fts_merge(conn, name) for name, present in available.items() if present]
    return any(merged)


#: Bytes of new entries an FTS5 index holds in memory before writing them as a segment
#: (FTS5's default is 1 MB). An import's rows go in at the end of its transaction, one
#: statement per index: with 1 MB, 22,000 paragraphs were written as dozens of small segments
#: that automerge merged again in the same transaction (at 1M paragraphs 1.5 s of the 3.2 s
#: the agreed-language index took; with 64 MB 0.8 s). Memory is used only as the entries come.
HASHSIZE = 64 * 1024 * 1024


def reserve_hash(conn: Connection, names: list[str]) -> None:
    """Give each FTS5 index in `names` HASHSIZE (a persistent setting, written once per
    library inside the caller's write transaction; checked once per connection)."""
    info = conn.connection.info
    for name in names:
        if info.get(("dsr_hashsize", name)) == HASHSIZE:
            continue
        value = conn.exec_driver_sql(
            f"SELECT v FROM {name}_config WHERE k = 'hashsize'").scalar()
        if value != HASHSIZE:
            conn.exec_driver_sql(f"INSERT INTO {name}({name}, rank) VALUES ('hashsize', ?)",
                                 (HASHSIZE,))
        info[("dsr_hashsize", name)] = HASHSIZE


def bigrams(body: str) -> str:
    """The CJK runs of `body` as overlapping character pairs, each run's last character
    alone too (so a one-character prefix query finds it): "电子商务" -> "电子 子商 商务 务"."""
    grams: list[str] = []
    for run in q.cjk_runs(body):
        grams.extend(run[i:i + 2] for i in range(len(run) - 1))
        grams.append(run[-1])
    return " ".join(grams)


def _bigram_rows(conn: Connection, where: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    from dsrdraft.store.schema import SEARCH_TAGS

    rows = conn.execute(text(
        f"SELECT c.id, c.text, {SEARCH_TAGS} FROM (SELECT * FROM clauses WHERE {where} "
        # "+": not through ix_clauses_cjk, which would read every CJK clause of the library
        # for one initiative's few (18 ms an import at 100k paragraphs, 60 ms at 330k)
        "AND +has_cjk = 1) AS c JOIN initiatives i ON i.id = c.initiative_id"), params).all()
    return [{"id": r[0], "grams": bigrams(r[1]), "tags": r[2]} for r in rows]


def index(conn: Connection, available: dict[str, bool], where: str,
          params: dict[str, Any]) -> None:
    """Add the clauses selected by `where` (over clauses' columns) to every FTS5 index."""
    from dsrdraft.store.schema import fts_populate_sql

    for name, present in available.items():
        if not present:
            continue
        if name == "clause_bigram":
            rows = _bigram_rows(conn, where, params)
            if rows:
                conn.execute(text("INSERT INTO clause_bigram(rowid, grams, tags) "
                                  "VALUES (:id, :grams, :tags)"), rows)
        else:
            conn.execute(text(fts_populate_sql(name, where)), params)


def unindex(conn: Connection, available: dict[str, bool], where: str,
            params: dict[str, Any]) -> None:
    """Remove the clauses selected by `where` from every FTS5 index (before deleting them)."""
    from dsrdraft.store.schema import fts_unindex_sql

    for name, present in available.items():
        if not present:
            continue
        if name == "clause_bigram":  # contentless: 'delete' with the values indexed
            rows = _bigram_rows(conn, where, params)
            if rows:
                conn.execute(text("INSERT INTO clause_bigram(clause_bigram, rowid, grams, tags) "
                                  "VALUES ('delete', :id, :grams, :tags)"), rows)
        else:
            conn.execute(text(fts_unindex_sql(name, where)), params)


def cjk_group(conn: Connection, terms: tuple[str, ...], filters: Any,
              want: int) -> list[tuple[int, float, str | None]]:
    """Clauses holding every CJK term, through the bigram index (a term is the phrase of its
    pairs; a single character, a prefix), scored by occurrences per length over the most
    recent query.RANK_WINDOW matches."""
    from dsrdraft.store.library import _occurrence_score_sql

    phrases = []
    for term in terms:
        grams = bigrams(term).split()
        phrases.append(f'"{grams[0]}"*' if len(term) == 1 else
                       '"' + " ".join(grams[:-1]) + '"')
    match = "grams : (" + " AND ".join(phrases) + ")" + "".join(
        f" AND tags : {tag_phrase(prefix, str(value))}"
        for prefix, value in _filter_tags(filters))
    params: dict[str, Any] = {"match": match, "window": q.RANK_WINDOW, "want": want}
    score = _occurrence_score_sql(terms, params)
    rows = conn.execute(text(
        f"SELECT c.id, {score} AS score FROM clauses c WHERE c.id IN (SELECT rowid FROM "
        "clause_bigram WHERE clause_bigram MATCH :match ORDER BY rowid DESC LIMIT :window) "
        "ORDER BY score DESC, c.id LIMIT :want"), params).all()
    return [(int(r[0]), float(r[1]), None) for r in rows]
