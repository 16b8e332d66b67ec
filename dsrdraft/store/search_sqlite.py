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
    for prefix, value in (("y", filters.year if filters.year is not None else None),
                          ("l", filters.language), ("k", filters.kind),
                          ("i", filters.initiative)):
        if value is not None:
            match += f" AND tags : {tag_phrase(prefix, str(value))}"
    return match


def word_group(conn: Connection, words: tuple[str, ...], filters: Any,
               want: int) -> list[tuple[int, float, str | None]]:
    """(clause id, score, snippet) of the best `want` clauses holding every word."""
    match = match_expression(words, filters)
    bound = conn.execute(text(
        "SELECT rowid FROM clause_fts WHERE clause_fts MATCH :match "
        "ORDER BY rowid DESC LIMIT 1 OFFSET :window"),
        {"match": match, "window": q.RANK_WINDOW - 1}).scalar()
    recent = "" if bound is None else " AND rowid >= :bound"
    rows = conn.execute(text(
        f"SELECT rowid, rank, snippet(clause_fts, 0, :open, :close, :dots, {_SNIPPET_TOKENS}) "
        f"FROM clause_fts WHERE clause_fts MATCH :match{recent} ORDER BY rank LIMIT :want"),
        {"match": match, "bound": bound, "want": want, "open": q.MARK_OPEN,
         "close": q.MARK_CLOSE, "dots": q.ELLIPSIS}).all()
    # FTS5 sorts by rank itself and stops after LIMIT rows, so snippet() runs only for them.
    return [(int(r[0]), -float(r[1]), r[2]) for r in rows]


def create_index(conn: Connection, name: str) -> None:
    """Create and fill one FTS5 index (and the view `clause_fts` reads from)."""
    from dsrdraft.store import schema

    if name == "clause_fts":
        conn.execute(text(schema.search_view_ddl()))
    conn.execute(text(schema.fts_ddl(name)))
    configure = schema.fts_configure_sql(name)
    if configure:
        conn.execute(text(configure))
    conn.execute(text(schema.fts_populate_sql(name, "1 = 1")))
