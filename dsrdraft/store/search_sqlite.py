"""Word search on SQLite: the FTS5 index `clause_fts` (porter-stemmed text, and filter tags).

Filters are tokens of the index's second column (`y2017`, `len`, `koperative`, `i<id> iend`:
schema.SEARCH_TAGS), so a filtered query is one intersection of doclists inside FTS5, never a
scan of the matches against the clauses table. Ranking is bm25 over the text column, bounded:
a query matching more than query.RANK_WINDOW clauses is ranked over the most recently imported
RANK_WINDOW of them (found by walking the doclist in rowid order, which costs no ranking), so
its cost stops growing with the library. Below that, every match is ranked, as before.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, text

from dsrdraft.store import query as q

_SNIPPET_TOKENS = 24


def tag_phrase(prefix: str, value: str) -> str:
    """The FTS5 phrase of one filter tag, as schema.SEARCH_TAGS writes it."""
    body = f"{prefix}{value}" + (" iend" if prefix == "i" else "")
    return '"' + body.replace('"', '""') + '"'


def match_expression(words: tuple[str, ...], filters: Any) -> str:
    """`text : (w1 AND w2 …)` and one `tags : "…"` per filter given."""
    match = f"text : ({q.fts_and(words)})"
    for prefix, value in _filter_tags(filters):
        match += f" AND tags : {tag_phrase(prefix, str(value))}"
    return match


def _filter_tags(filters: Any) -> list[tuple[str, object]]:
    return [(prefix, value) for prefix, value in (
        ("y", filters.year), ("l", filters.language), ("k", filters.kind),
        ("i", filters.initiative)) if value is not None]


def word_group(conn: Connection, words: tuple[str, ...], filters: Any,
               want: int) -> list[tuple[int, float, str | None]]:
    """(clause id, score, snippet) of the best `want` clauses holding every word."""
    match = match_expression(words, filters)
    bound = conn.execute(text(
        "SELECT rowid FROM clause_fts WHERE clause_fts MATCH :match "
        "ORDER BY rowid DESC LIMIT 1 OFFSET :window"),
        {"match": match, "window": q.RANK_WINDOW - 1}).scalar()
    recent = "" if bound is None else " AND rowid >= :bound"
    params = {"match": match, "bound": bound, "want": want, "open": q.MARK_OPEN,
              "close": q.MARK_CLOSE, "dots": q.ELLIPSIS}
    ranked, only = match, ""
    if _filter_tags(filters) and _few_text_matches(conn, words, bound):
        # bm25 counts every row matching each phrase of the expression before ranking, the
        # filter tags' too (weight 0 or not): "len" is in nearly every row, 139 ms at 1M
        # paragraphs against 5.7 ms without it. When the words alone match few rows in the
        # window, those are ranked (the same scores: tags weigh nothing) and the filter is
        # a set of rowids from the cheap, unranked match.
        ranked = f"text : ({q.fts_and(words)})"
        only = (" AND +rowid IN (SELECT rowid FROM clause_fts WHERE clause_fts MATCH :match"
                f"{recent})")
        params["ranked"] = ranked
    rows = conn.execute(text(
        f"SELECT rowid, rank, snippet(clause_fts, 0, :open, :close, :dots, {_SNIPPET_TOKENS}) "
        f"FROM clause_fts WHERE clause_fts MATCH {':ranked' if only else ':match'}{recent}"
        f"{only} ORDER BY rank LIMIT :want"), params).all()
    # FTS5 sorts by rank itself and stops after LIMIT rows, so snippet() runs only for them.
    return [(int(r[0]), -float(r[1]), r[2]) for r in rows]


#: The words alone may match this many times the window's rows and still be ranked by
#: themselves (the filter then applied as a rowid set).
_UNFILTERED_RANKED = 4


def _few_text_matches(conn: Connection, words: tuple[str, ...], bound: int | None) -> bool:
    """True when the words without the filters match at most _UNFILTERED_RANKED windows' worth
    of rows from `bound` on (found by walking their doclist newest first, unranked)."""
    beyond = conn.execute(text(
        "SELECT rowid FROM clause_fts WHERE clause_fts MATCH :match "
        "ORDER BY rowid DESC LIMIT 1 OFFSET :cap"),
        {"match": f"text : ({q.fts_and(words)})",
         "cap": _UNFILTERED_RANKED * q.RANK_WINDOW}).scalar()
    return beyond is None or (bound is not None and beyond < bound)


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
