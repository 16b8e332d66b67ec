"""Search on PostgreSQL: a stored tsvector with a GIN index for alphabetic words (English
stemming, accents folded, no stop words: the same matching as SQLite's FTS5 `porter unicode61`
index), pg_trgm for CJK terms of three characters or more, and LIKE over the CJK rows for one
and two characters, as on SQLite. Queries are built from `query.ParsedQuery`, never from what
the user typed, so no input is ever tsquery syntax.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, text

from dsrdraft.store import query as q

CONFIG = "dsr_english"

#: Idempotent DDL: several processes may open a new library at once (they hold the writers'
#: advisory lock while this runs).
_DDL = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    """DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_ts_dict WHERE dictname = 'dsr_english_stem') THEN
        -- snowball English without a stop-word list: "AND" is searched as a word, as on SQLite
        CREATE TEXT SEARCH DICTIONARY dsr_english_stem (TEMPLATE = snowball, Language = english);
      END IF;
      IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'dsr_english') THEN
        CREATE TEXT SEARCH CONFIGURATION dsr_english (COPY = simple);
        ALTER TEXT SEARCH CONFIGURATION dsr_english
          ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
          WITH unaccent, dsr_english_stem;
      END IF;
    END $$""",
    # Stored, so a search never re-parses clause texts; kept in step by the server itself.
    "ALTER TABLE clauses ADD COLUMN IF NOT EXISTS tsv tsvector "
    f"GENERATED ALWAYS AS (to_tsvector('{CONFIG}'::regconfig, text)) STORED",
    "CREATE INDEX IF NOT EXISTS ix_clauses_tsv ON clauses USING gin (tsv)",
    "CREATE INDEX IF NOT EXISTS ix_clauses_trgm ON clauses USING gin (text gin_trgm_ops) "
    "WHERE has_cjk",
]


def ready(conn: Connection) -> bool:
    """True when the search indexes exist."""
    return conn.execute(text(
        "SELECT count(*) FROM pg_indexes WHERE tablename = 'clauses' "
        "AND indexname IN ('ix_clauses_tsv', 'ix_clauses_trgm')")).scalar_one() == 2


def prepare(conn: Connection) -> None:
    """Create the extensions, the text search configuration, the tsvector column and indexes
    (each statement idempotent: another process may have made some meanwhile)."""
    if ready(conn):
        return
    for statement in _DDL:
        conn.execute(text(statement))


def _tsquery(words: tuple[str, ...], params: dict[str, Any]) -> str:
    """A tsquery ANDing every word: a phrase of its tokens, or a stemmed prefix (`digit*`)."""
    parts = []
    for n, word in enumerate(words):
        if word.endswith("*"):
            core = word.rstrip("*").replace("\\", "\\\\").replace("'", "''")
            params[f"w{n}"] = f"'{core}':*"
            parts.append(f"to_tsquery('{CONFIG}', :w{n})")
        else:
            params[f"w{n}"] = word
            parts.append(f"phraseto_tsquery('{CONFIG}', :w{n})")
    return " && ".join(parts)


def word_group(conn: Connection, words: tuple[str, ...], where: list[str],
               params: dict[str, Any], want: int) -> list[tuple[int, float, str | None]]:
    """(clause id, score, None) of the best `want` clauses holding every word, ranked over the
    most recent query.RANK_WINDOW matches (as on SQLite)."""
    params = dict(params)
    tsquery = _tsquery(words, params)
    # ts_rank normalisation 1: divided by 1 + log(length), so long clauses do not win by size.
    rows = conn.execute(text(
        f"WITH t AS MATERIALIZED (SELECT {tsquery} AS query), "
        "m AS MATERIALIZED (SELECT c.id FROM clauses c JOIN initiatives i "
        f"ON i.id = c.initiative_id, t WHERE c.tsv @@ t.query"
        f"{''.join(' AND ' + w for w in where)} ORDER BY c.id DESC LIMIT :window) "
        "SELECT c.id, ts_rank(c.tsv, t.query, 1) AS score FROM m JOIN clauses c ON c.id = m.id, "
        "t ORDER BY score DESC, c.id LIMIT :want"),
        {**params, "want": want, "window": q.RANK_WINDOW}).all()
    return [(int(r[0]), float(r[1]), None) for r in rows]
