"""The shingle index: which library clauses hold each shingle key, in the library database.

The store calls `index_rows()` inside its import transaction (once, for every clause the
import added), `unindex_initiative()` inside its delete transaction, and `ensure_index()` when
it opens a library (which creates the index, and fills it once for a library written before it
existed). Queries only read.

SQLite (schema 4): `precedent_grams`, a contentless FTS5 table with one row per clause (rowid
= clause id) whose document is the clause's shingle keys (`text.index_terms`), detail=none.
FTS5 is a log-structured index: an import appends a segment and merges segments in the
background of later writes, so adding a clause costs the same in a library of a thousand
clauses or of a million (the schema-3 B-tree of one row per shingle had its rows written at
random places of a table larger than the cache: 150 to 300 paragraphs a second at 330k).
A lookup reads a key's doclist in rowid order and stops after `max_postings` clauses.
Beside it (schema 5), `precedent_frequent`: the keys held by at least MAX_POSTINGS clauses
with their first MAX_POSTINGS clause ids, one B-tree row each, filled by `optimize_index` (the
step after a bulk import) and read for all of a draft's keys in a few statements. Such a key's
lookup cannot change when clauses are added (their ids are larger), only when one of them is
deleted, and a delete removes its keys' rows. At 1M paragraphs 1,135 of a 20-paragraph
draft's 1,432 keys are such keys, each an FTS5 query of some 40 us (seeking the term, reading
50 rowids); a key without a row is only slower (an FTS5 query), never a different answer.

PostgreSQL (and a SQLite built without FTS5): `precedent_shingles (shingle_hash, clause_id,
position)`, the key's 64-bit hash (`text.key_hash`), a B-tree primary key; filled by COPY.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    Engine,
    Integer,
    MetaData,
    Table,
    bindparam,
    exc,
    inspect,
    select,
    text,
)

from dsrdraft.precedents.text import index_shingles, index_terms, key_hash
from dsrdraft.store.schema import clauses_table
from dsrdraft.store.search_sqlite import fts_merge, fts_segments

#: The FTS5 index (SQLite).
GRAMS = "precedent_grams"
#: The hashed-key table (PostgreSQL, or SQLite without FTS5).
TABLE = "precedent_shingles"
GRAMS_DDL = (f"CREATE VIRTUAL TABLE {GRAMS} USING fts5(grams, content='', columnsize=0, "
             "detail=none, tokenize='ascii tokenchars ''_''')")
#: The stored lookups of the keys that fill MAX_POSTINGS (SQLite, beside the FTS5 index):
#: `ids` the clause ids ascending, little-endian 64-bit integers.
FREQUENT = "precedent_frequent"
FREQUENT_DDL = (f"CREATE TABLE IF NOT EXISTS {FREQUENT} (key TEXT PRIMARY KEY, "
                "ids BLOB NOT NULL) WITHOUT ROWID")

metadata = MetaData()
shingles_table = Table(
    TABLE,
    metadata,
    Column("shingle_hash", BigInteger, primary_key=True, autoincrement=False),
    Column("clause_id", Integer, primary_key=True, autoincrement=False),
    Column("position", Integer, primary_key=True, autoincrement=False),
    sqlite_with_rowid=False,
)

#: At most this many library clauses are read back per shingle: a phrase repeated in more
#: library clauses than this is cited from the first ones imported (lowest clause ids).
MAX_POSTINGS = 50
#: SQLite allows 500 terms in a compound SELECT; lookups are cut into statements of this many.
_LOOKUP_CHUNK = 250
_BATCH = 20000


def uses_grams(conn: Connection) -> bool:
    """True when this library's index is the FTS5 table (remembered per DB connection)."""
    return conn.dialect.name == "sqlite" and _has_table(conn, GRAMS, "dsr_grams")


def _has_table(conn: Connection, name: str, key: str) -> bool:
    """Whether the SQLite table `name` exists, asked once per DB connection (remembered in
    its info under `key`, which creating or dropping the table pops)."""
    info = conn.connection.info
    if key not in info:
        info[key] = conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).first() is not None
    return bool(info[key])


def ensure_index(engine: Engine) -> None:
    """Create the index if missing; a library that predates it is indexed once, now."""
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
    if engine.dialect.name == "sqlite":
        if GRAMS in tables:
            return
        with engine.begin() as conn:
            try:
                with conn.begin_nested():
                    conn.exec_driver_sql(GRAMS_DDL)
                conn.exec_driver_sql(FREQUENT_DDL)
            except exc.OperationalError:  # SQLite built without FTS5: the B-tree table
                if TABLE in tables:
                    return
                metadata.create_all(conn, checkfirst=True)
            conn.connection.info.pop("dsr_grams", None)
            conn.connection.info.pop("dsr_frequent", None)
            rebuild_index(conn)
        return
    if TABLE in tables:
        return
    with engine.begin() as conn:
        metadata.create_all(conn, checkfirst=True)
        rebuild_index(conn)


def rebuild_index(conn: Connection) -> int:
    """Index every clause of the library (after emptying the index); returns clauses indexed."""
    conn.connection.info.pop("dsr_grams", None)
    conn.connection.info.pop("dsr_frequent", None)
    if uses_grams(conn):
        conn.exec_driver_sql(f"INSERT INTO {GRAMS}({GRAMS}) VALUES ('delete-all')")
    else:
        conn.execute(shingles_table.delete())
    rows = conn.execute(select(clauses_table.c.id, clauses_table.c.text)
                        .order_by(clauses_table.c.id))
    count = _index_rows(conn, rows)
    if uses_frequent(conn):
        fill_frequent(conn)
    return count


def index_rows(conn: Connection, rows: Iterable[Sequence[object]]) -> int:
    """Index the (clause id, text) rows given: the clauses an import or an upgrade added."""
    return _index_rows(conn, rows)


def unindex_initiative(conn: Connection, initiative_id: str) -> None:
    """Remove one initiative's clauses from the index (call before the clauses are deleted).

    The keys are recomputed from the clause texts: FTS5's contentless 'delete' takes the
    values indexed, and on the hashed table every delete is a primary-key lookup."""
    rows = conn.execute(select(clauses_table.c.id, clauses_table.c.text)
                        .where(clauses_table.c.initiative_id == initiative_id)).all()
    if uses_grams(conn):
        docs = [(clause_id, terms) for clause_id, body in rows if (terms := index_terms(body))]
        if docs:
            conn.exec_driver_sql(f"INSERT INTO {GRAMS}({GRAMS}, rowid, grams) "
                                 "VALUES ('delete', ?, ?)", docs)
            if uses_frequent(conn):  # their stored lookups may hold these clauses
                conn.exec_driver_sql(f"DELETE FROM {FREQUENT} WHERE key = ?", sorted(
                    {(key,) for _, terms in docs for key in terms.split(" ")}))
        return
    params = [{"h": key_hash(key), "c": clause_id, "p": pos}
              for clause_id, body in rows for key, pos, _ in index_shingles(body)]
    if params:
        conn.execute(text(f"DELETE FROM {TABLE} WHERE shingle_hash = :h AND clause_id = :c "
                          "AND position = :p"), params)


def _index_rows(conn: Connection, rows: Iterable[Sequence[object]]) -> int:
    count = 0
    grams = uses_grams(conn)
    batch: list[tuple[object, ...]] = []
    for clause_id, body in rows:
        count += 1
        if grams:
            terms = index_terms(str(body))
            if terms:
                batch.append((clause_id, terms))
        else:
            batch.extend({(key_hash(key), clause_id, pos)
                          for key, pos, _ in index_shingles(str(body))})
        if len(batch) >= _BATCH:
            _flush(conn, batch, grams)
            batch = []
    if batch:
        _flush(conn, batch, grams)
    return count


def segments(conn: Connection) -> int:
    """Segments of the FTS5 index (0 on the hashed table, which has none): what a lookup
    seeks once each."""
    return fts_segments(conn, GRAMS) if uses_grams(conn) else 0


def optimize_index(conn: Connection) -> bool:
    """Merge the FTS5 index into one segment (FTS5's 'optimize'); False when there was nothing
    to merge or the index is the hashed table (a B-tree: nothing to merge).

    Each import appends segments and automerge keeps some dozen of them, and a lookup seeks
    every one: at 1M paragraphs, 11 segments made a key's lookup cost about 2.3x what it costs
    in one (some 100 ms of a 20-paragraph draft's agreed language). The merge rewrites the
    whole index (at 1M some 190 MB, 5 s of CPU), so it is a maintenance step after a bulk
    import, not part of every import; lookups return the same clauses before and after."""
    merged = uses_grams(conn) and fts_merge(conn, GRAMS)
    if uses_frequent(conn) and (merged or conn.exec_driver_sql(
            f"SELECT 1 FROM {FREQUENT} LIMIT 1").first() is None):
        fill_frequent(conn)  # unmerged, e.g. a library of one import: stored when missing
    return merged


def uses_frequent(conn: Connection) -> bool:
    """True when this library stores the frequent keys' lookups (SQLite with FTS5, schema 5
    on), remembered per DB connection."""
    return uses_grams(conn) and _has_table(conn, FREQUENT, "dsr_frequent")


def create_frequent(conn: Connection) -> None:
    """Create (when missing) and fill the frequent keys' stored lookups: the upgrade to
    schema 5 of a library indexed by FTS5."""
    conn.exec_driver_sql(FREQUENT_DDL)
    conn.connection.info.pop("dsr_frequent", None)
    fill_frequent(conn)


def fill_frequent(conn: Connection) -> int:
    """Store the lookup of every key held by at least MAX_POSTINGS clauses (after emptying
    the table); returns the keys stored. At 1M paragraphs some 137,000 of 5.1M keys."""
    conn.exec_driver_sql(f"DELETE FROM {FREQUENT}")
    conn.exec_driver_sql(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{GRAMS}_rows "
                         f"USING fts5vocab(main, {GRAMS}, row)")
    raw = conn.connection.driver_connection
    # fts5vocab's counts only choose the keys to look up (a contentless index may count
    # deleted rows): what is stored is the lookup itself, when it fills MAX_POSTINGS.
    terms = [term for (term,) in raw.execute(
        f"SELECT term FROM temp.{GRAMS}_rows WHERE doc >= ?", (MAX_POSTINGS,))]
    rows = []
    for term in terms:
        ids = [r[0] for r in raw.execute(_GRAMS_LOOKUP, (_phrase(term), MAX_POSTINGS))]
        if len(ids) == MAX_POSTINGS:
            rows.append((term, _pack(ids)))
    for start in range(0, len(rows), _BATCH):
        conn.exec_driver_sql(f"INSERT INTO {FREQUENT} VALUES (?, ?)",
                             rows[start:start + _BATCH])
    return len(rows)


def _pack(ids: list[int]) -> bytes:
    packed = array("q", ids)
    if sys.byteorder == "big":
        packed.byteswap()
    return packed.tobytes()


def _unpack(blob: bytes) -> tuple[int, ...]:
    ids = array("q")
    ids.frombytes(blob)
    if sys.byteorder == "big":
        ids.byteswap()
    return tuple(ids)


def _stored(raw: Any, keys: list[str]) -> dict[str, tuple[int, ...]]:
    """The stored lookups of those of `keys` that have one, in statements of a few hundred."""
    out: dict[str, tuple[int, ...]] = {}
    for start in range(0, len(keys), _LOOKUP_CHUNK):
        chunk = keys[start:start + _LOOKUP_CHUNK]
        out.update((key, _unpack(blob)) for key, blob in raw.execute(
            f"SELECT key, ids FROM {FREQUENT} WHERE key IN ({','.join('?' * len(chunk))})",
            chunk))
    return out


def _flush(conn: Connection, batch: list[tuple[object, ...]], grams: bool) -> None:
    if grams:
        conn.exec_driver_sql(f"INSERT INTO {GRAMS}(rowid, grams) VALUES (?, ?)", batch)
    elif conn.dialect.name == "postgresql":
        # COPY: some 20x faster than row inserts, in the importing transaction all the same.
        with conn.connection.driver_connection.cursor() as cursor, cursor.copy(
                f"COPY {TABLE} (shingle_hash, clause_id, position) FROM STDIN") as copy:
            for row in batch:
                copy.write_row(row)
    else:
        batch.sort()  # key order: far fewer B-tree pages touched per insert
        conn.exec_driver_sql(f"INSERT OR IGNORE INTO {TABLE} VALUES (?, ?, ?)", batch)


def lookup(conn: Connection, keys: Sequence[str],
           max_postings: int = MAX_POSTINGS) -> dict[str, tuple[int, ...]]:
    """The library clauses holding each shingle key: at most `max_postings` per key, the
    lowest clause ids (first imported), ascending."""
    unique = list(dict.fromkeys(keys))
    if uses_grams(conn):
        raw = conn.connection.driver_connection  # the plain sqlite3 cursor: rows read 4x faster
        stored = (_stored(raw, unique) if max_postings <= MAX_POSTINGS and uses_frequent(conn)
                  else {})
        out: dict[str, tuple[int, ...]] = {}
        for key in unique:
            ids = stored.get(key)
            out[key] = ids[:max_postings] if ids is not None else tuple(
                [r[0] for r in raw.execute(_GRAMS_LOOKUP, (_phrase(key), max_postings))])
        return out
    found: dict[str, list[int]] = {key: [] for key in unique}
    for start in range(0, len(unique), _LOOKUP_CHUNK):
        chunk = unique[start:start + _LOOKUP_CHUNK]
        by_hash = {key_hash(key): key for key in chunk}
        arms = " UNION ALL ".join(
            f"SELECT * FROM (SELECT DISTINCT shingle_hash, clause_id FROM {TABLE} "
            f"WHERE shingle_hash = :h{n} ORDER BY clause_id "
            f"LIMIT {int(max_postings)}) AS s{n}" for n in range(len(by_hash)))
        stmt = text(arms).bindparams(*(bindparam(f"h{n}", type_=BigInteger)
                                       for n in range(len(by_hash))))
        for h, clause_id in conn.execute(stmt, {f"h{n}": h for n, h in enumerate(by_hash)}):
            found[by_hash[int(h)]].append(int(clause_id))
    return {key: tuple(sorted(ids)) for key, ids in found.items()}


#: One key's doclist in rowid order; FTS5 stops reading it after LIMIT rows.
_GRAMS_LOOKUP = f"SELECT rowid FROM {GRAMS} WHERE {GRAMS} MATCH ? ORDER BY rowid LIMIT ?"


def _phrase(key: str) -> str:
    return '"' + key.replace('"', '""') + '"'


def count_rows(conn: Connection) -> int:
    """Postings in the index: (shingle, clause) pairs on SQLite, shingle rows elsewhere."""
    if uses_grams(conn):
        conn.exec_driver_sql(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{GRAMS}_rows "
                             f"USING fts5vocab(main, {GRAMS}, row)")
        return int(conn.exec_driver_sql(
            f"SELECT coalesce(sum(doc), 0) FROM temp.{GRAMS}_rows").scalar_one())
    return int(conn.execute(text(f"SELECT count(*) FROM {TABLE}")).scalar_one())
