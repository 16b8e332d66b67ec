"""The shingle index: one row per (shingle hash, library clause, position), in the library.

The store calls `index_initiative()` inside its import transaction and `unindex_initiative()`
inside its delete transaction, and `ensure_index()` when it opens a library (which creates the
table, and fills it once for a library written before the index existed). Queries only read.

The table is a SQLite WITHOUT ROWID table whose primary key (shingle_hash, clause_id,
position) is the lookup index itself; on other databases an ordinary composite key.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    Engine,
    Integer,
    MetaData,
    Table,
    bindparam,
    inspect,
    select,
    text,
)

from dsrdraft.precedents.text import index_shingles
from dsrdraft.store.schema import clauses_table

TABLE = "precedent_shingles"

metadata = MetaData()
shingles_table = Table(
    TABLE,
    metadata,
    Column("shingle_hash", BigInteger, primary_key=True, autoincrement=False),
    Column("clause_id", Integer, primary_key=True, autoincrement=False),
    Column("position", Integer, primary_key=True, autoincrement=False),
    sqlite_with_rowid=False,
)

#: At most this many clauses are read back per shingle: a phrase repeated in more library
#: clauses than this is cited from the first ones imported (lowest clause ids).
MAX_POSTINGS = 50
#: SQLite allows 500 terms in a compound SELECT; lookups are cut into statements of this many.
_LOOKUP_CHUNK = 250
_BATCH = 20000


def ensure_index(engine: Engine) -> None:
    """Create the table if missing; a library that predates it is indexed once, now."""
    with engine.connect() as conn:
        exists = TABLE in inspect(conn).get_table_names()
    if exists:
        return
    with engine.begin() as conn:
        metadata.create_all(conn, checkfirst=True)
        rebuild_index(conn)


def rebuild_index(conn: Connection) -> int:
    """Index every clause of the library (after emptying the table); returns clauses indexed.

    On SQLite the rows are appended to a temporary table first and copied over in key order
    (one external sort in SQLite, then sequential B-tree appends)."""
    conn.execute(shingles_table.delete())
    rows = conn.execute(select(clauses_table.c.id, clauses_table.c.text)
                        .order_by(clauses_table.c.id))
    if conn.dialect.name != "sqlite":
        return _index_rows(conn, rows)
    conn.exec_driver_sql(f"CREATE TEMP TABLE {_LOAD} (h INTEGER, c INTEGER, p INTEGER)")
    try:
        count = _index_rows(conn, rows, into=_LOAD)
        conn.exec_driver_sql(f"INSERT INTO {TABLE} SELECT h, c, p FROM {_LOAD} "
                             "ORDER BY h, c, p")
    finally:
        conn.exec_driver_sql(f"DROP TABLE temp.{_LOAD}")
    return count


_LOAD = "precedent_load"


def index_initiative(conn: Connection, initiative_id: str) -> int:
    """Index the clauses (and translated clauses) of one initiative just inserted."""
    rows = conn.execute(select(clauses_table.c.id, clauses_table.c.text)
                        .where(clauses_table.c.initiative_id == initiative_id))
    return _index_rows(conn, rows)


def index_rows(conn: Connection, rows: Iterable[Sequence[object]]) -> int:
    """Index the (clause id, text) rows given (clauses added to an initiative by an upgrade)."""
    return _index_rows(conn, rows)


def unindex_initiative(conn: Connection, initiative_id: str) -> None:
    """Remove the rows of one initiative's clauses (call before the clauses are deleted).

    The shingles are recomputed from the clause texts so that every delete is a primary-key
    lookup (no second index on clause_id is needed)."""
    rows = conn.execute(select(clauses_table.c.id, clauses_table.c.text)
                        .where(clauses_table.c.initiative_id == initiative_id)).all()
    params = [{"h": h, "c": clause_id, "p": pos}
              for clause_id, body in rows for h, pos, _ in index_shingles(body)]
    if params:
        conn.execute(text(f"DELETE FROM {TABLE} WHERE shingle_hash = :h AND clause_id = :c "
                          "AND position = :p"), params)


def _index_rows(conn: Connection, rows: Iterable[Sequence[object]],
                into: str = TABLE) -> int:
    count = 0
    batch: list[tuple[int, int, int]] = []
    for clause_id, body in rows:
        count += 1
        batch.extend((h, clause_id, pos) for h, pos, _ in index_shingles(body))
        if len(batch) >= _BATCH:
            _flush(conn, batch, into)
            batch = []
    if batch:
        _flush(conn, batch, into)
    return count


def _flush(conn: Connection, batch: list[tuple[int, int, int]], into: str = TABLE) -> None:
    if conn.dialect.name == "sqlite":
        if into == TABLE:
            batch.sort()  # key order: far fewer B-tree pages touched per insert
        conn.exec_driver_sql(f"INSERT OR IGNORE INTO {into} VALUES (?, ?, ?)", batch)
    elif conn.dialect.name == "postgresql":
        # COPY: some 20x faster than row inserts, in the importing transaction all the same.
        with conn.connection.driver_connection.cursor() as cursor, cursor.copy(
                f"COPY {into} (shingle_hash, clause_id, position) FROM STDIN") as copy:
            for row in batch:
                copy.write_row(row)
    else:
        conn.execute(shingles_table.insert(),
                     [{"shingle_hash": h, "clause_id": c, "position": p} for h, c, p in batch])


def lookup(conn: Connection, hashes: Sequence[int],
           max_postings: int = MAX_POSTINGS) -> list[tuple[int, int, int]]:
    """(hash, clause_id, position) rows for `hashes`: one statement per clause of the draft,
    at most `max_postings` rows per hash (the lowest clause ids)."""
    found: list[tuple[int, int, int]] = []
    unique = list(dict.fromkeys(hashes))
    raw = conn.connection.driver_connection if conn.dialect.name == "sqlite" else None
    for start in range(0, len(unique), _LOOKUP_CHUNK):
        chunk = unique[start:start + _LOOKUP_CHUNK]
        if raw is not None:  # the plain sqlite3 cursor: rows are read 4x faster
            arms = " UNION ALL ".join([_ARM_SQLITE] * len(chunk))
            found.extend(raw.execute(arms, [v for h in chunk for v in (h, max_postings)]))
            continue
        arms = " UNION ALL ".join(
            f"SELECT * FROM (SELECT shingle_hash, clause_id, position FROM {TABLE} "
            f"WHERE shingle_hash = :h{n} ORDER BY clause_id, position "
            f"LIMIT {int(max_postings)}) AS s{n}" for n in range(len(chunk)))
        stmt = text(arms).bindparams(*(bindparam(f"h{n}", type_=BigInteger)
                                       for n in range(len(chunk))))
        found.extend((int(h), int(c), int(p)) for h, c, p in
                     conn.execute(stmt, {f"h{n}": h for n, h in enumerate(chunk)}))
    return found


_ARM_SQLITE = (f"SELECT * FROM (SELECT shingle_hash, clause_id, position FROM {TABLE} "
               "WHERE shingle_hash = ? ORDER BY clause_id, position LIMIT ?)")


def count_rows(conn: Connection) -> int:
    return int(conn.execute(text(f"SELECT count(*) FROM {TABLE}")).scalar_one())
