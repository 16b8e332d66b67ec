"""Schema upgrades of a library written by an earlier dsrdraft, one step per version.

A library file is copied first (SQLite's backup API, beside the file: `library.sqlite.schema1
.bak`), then every step runs in one write transaction: the library opens upgraded or, on any
error, exactly as it was. Step 1 -> 2: units gain kind, label, path, numbered and footnotes;
each initiative's preamble string becomes preambular units PP1, PP2… (indexed for search and
agreed language like every unit), and content hashes are recomputed on the upgraded texts.
Step 2 -> 3: division headings get their search rows and the shared-draft tables are
created; after the steps, an upgrade from before 3 rebuilds the FTS5 word index (porter
stemmer, filter tags: store/search_sqlite.py). Step 3 -> 4: the agreed-language index keys
shingles by their words: on SQLite the FTS5 table `precedent_grams` (filled when the library
was opened, before the steps) replaces the B-tree `precedent_shingles`, which is dropped; on
PostgreSQL `precedent_shingles` is filled anew with the keys' hashes. Step 4 -> 5: on SQLite,
the stored lookups of the keys held by many clauses (`precedent_frequent`) are created and
filled from the FTS5 index; PostgreSQL has nothing to change.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Connection, func, insert, select, text, update

from dsrdraft.errors import DsrError
from dsrdraft.model import preambular_units
from dsrdraft.store import query as q
from dsrdraft.store.schema import (
    clauses_table,
    initiatives_table,
    meta_table,
)


def backup_sqlite(path: Path, from_version: int) -> Path:
    """A consistent copy of the library file before it is upgraded; returns its path."""
    target = path.with_name(f"{path.name}.schema{from_version}.bak")
    n = 2
    while target.exists():
        target = path.with_name(f"{path.name}.schema{from_version}.{n}.bak")
        n += 1
    try:
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            destination = sqlite3.connect(target)
            try:
                source.backup(destination)
            finally:
                destination.close()
        finally:
            source.close()
    except (sqlite3.Error, OSError) as error:
        target.unlink(missing_ok=True)
        raise DsrError(f"cannot back up library {path} before upgrading it: {error}") from None
    return target


def _columns(conn: Connection, table: str) -> set[str]:
    from sqlalchemy import inspect

    return {c["name"] for c in inspect(conn).get_columns(table)}


def _v1_to_v2(conn: Connection, fts: dict[str, bool]) -> None:
    true = "TRUE" if conn.dialect.name == "postgresql" else "1"
    added = {
        "initiatives": (("symbol", "TEXT"), ("body", "TEXT"), ("document", "TEXT")),
        "clauses": (("kind", "VARCHAR(16) NOT NULL DEFAULT 'operative'"),
                    ("label", "TEXT NOT NULL DEFAULT ''"),
                    ("path", "TEXT NOT NULL DEFAULT '[]'"),
                    ("numbered", f"BOOLEAN NOT NULL DEFAULT {true}"),
                    ("footnotes", "TEXT NOT NULL DEFAULT '[]'")),
    }
    for table, columns in added.items():
        present = _columns(conn, table)
        for name, ddl in columns:
            if name not in present:
                conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {name} {ddl}"))
    c, i = clauses_table, initiatives_table
    for ini_id, preamble, language in conn.execute(
            select(i.c.id, i.c.preamble, i.c.language)).all():
        units = preambular_units(preamble or "", language)
        if not units:
            continue
        # Room at the front of the initiative's positions for its preambular units.
        conn.execute(update(c).where(c.c.initiative_id == ini_id)
                     .values(position=c.c.position + len(units)))
        first_new = (conn.execute(select(func.max(c.c.id))).scalar() or 0) + 1
        conn.execute(insert(c), [
            {"initiative_id": ini_id, "position": n, "number": u.number, "heading": u.heading,
             "text": u.text, "language": u.language, "is_translation": False,
             "has_cjk": q.has_cjk(u.text), "kind": u.kind.value, "label": "", "path": "[]",
             "numbered": False, "footnotes": "[]"}
            for n, u in enumerate(units)])
        where = f"initiative_id = '{_quote(ini_id)}' AND id >= {int(first_new)}"
        from dsrdraft.store.search_sqlite import index

        index(conn, fts, where, {})
        from dsrdraft.precedents.index import index_rows

        index_rows(conn, conn.execute(select(c.c.id, c.c.text).where(
            c.c.initiative_id == ini_id, c.c.id >= first_new)))
    _rehash(conn)


def _quote(value: str) -> str:
    return value.replace("'", "''")


def _rehash(conn: Connection) -> None:
    """Content hashes of every initiative, recomputed on its upgraded units."""
    from dsrdraft.store.library import content_hash, read_initiative

    ids = [r[0] for r in conn.execute(select(initiatives_table.c.id))]
    hashes = {ini_id: content_hash(read_initiative(conn, ini_id)) for ini_id in ids}
    # Two passes: a unique column must never hold the same value twice, even in between.
    for ini_id in ids:
        conn.execute(update(initiatives_table).where(initiatives_table.c.id == ini_id)
                     .values(content_hash=f"migrating:{ini_id}"))
    for ini_id, digest in hashes.items():
        conn.execute(update(initiatives_table).where(initiatives_table.c.id == ini_id)
                     .values(content_hash=digest))


def _v2_to_v3(conn: Connection, fts: dict[str, bool]) -> None:
    from dsrdraft.precedents.index import index_rows
    from dsrdraft.store.backends import no_statement_timeout
    from dsrdraft.store.library import _heading_rows, read_initiative
    from dsrdraft.store.schema import DRAFT_TABLES, Base

    no_statement_timeout(conn)
    Base.metadata.create_all(conn, tables=list(DRAFT_TABLES), checkfirst=True)
    c = clauses_table
    ids = [r[0] for r in conn.execute(select(initiatives_table.c.id))]
    for ini_id in ids:
        rows = _heading_rows(ini_id, read_initiative(conn, ini_id), conn.execute(
            select(func.count()).where(c.c.initiative_id == ini_id)).scalar_one())
        if not rows:
            continue
        first_new = (conn.execute(select(func.max(c.c.id))).scalar() or 0) + 1
        conn.execute(insert(c), rows)
        where = f"initiative_id = '{_quote(ini_id)}' AND id >= {int(first_new)}"
        from dsrdraft.store.search_sqlite import index

        index(conn, fts, where, {})
        index_rows(conn, conn.execute(select(c.c.id, c.c.text).where(
            c.c.initiative_id == ini_id, c.c.id >= first_new)))


def _v3_to_v4(conn: Connection, fts: dict[str, bool]) -> None:
    from dsrdraft.precedents import index
    from dsrdraft.store.backends import no_statement_timeout

    if index.uses_grams(conn):
        conn.execute(text(f"DROP TABLE IF EXISTS {index.TABLE}"))
        return
    no_statement_timeout(conn)
    index.rebuild_index(conn)


def _v4_to_v5(conn: Connection, fts: dict[str, bool]) -> None:
    from dsrdraft.precedents import index

    if index.uses_grams(conn) and not index.uses_frequent(conn):  # (made with a new index)
        index.create_frequent(conn)


#: version -> the step that takes a library from it to the next version
STEPS: dict[int, Callable[[Connection, dict[str, bool]], None]] = {
    1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4, 4: _v4_to_v5}


def upgrade(conn: Connection, from_version: int, to_version: int,
            fts: dict[str, bool]) -> None:
    """Run every step from `from_version` up to `to_version` in the caller's transaction."""
    steps_fts = dict(fts)
    rebuild = from_version < 3 and fts.get("clause_fts", False)
    if rebuild:  # schema 3 stems and tags the word index: filled anew after the steps
        conn.execute(text("DROP TABLE clause_fts"))
        steps_fts["clause_fts"] = False
    for version in range(from_version, to_version):
        step = STEPS.get(version)
        if step is None:
            raise DsrError(f"no upgrade from library schema {version}")
        step(conn, steps_fts)
    if rebuild:
        from dsrdraft.store.search_sqlite import create_index

        create_index(conn, "clause_fts")
    conn.execute(update(meta_table).where(meta_table.c.key == "schema_version")
                 .values(value=str(to_version)))
