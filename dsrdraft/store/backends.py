"""What differs between the library's databases: how an engine is made, how writers are
serialised, which search indexes exist. SQLite is the default; PostgreSQL is first-class.
"""

from __future__ import annotations

import os
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, exc, text
from sqlalchemy.engine import URL

#: Seconds to wait for a server to answer a connection (a server that accepts and never
#: answers gives a one-line error in this time), and for one statement.
CONNECT_TIMEOUT = 5
STATEMENT_TIMEOUT = 60
#: Key of the advisory lock that serialises the library's writers on PostgreSQL, as SQLite's
#: BEGIN IMMEDIATE does: imports, seeding and schema changes.
_WRITE_LOCK = 0x64737264  # "dsrd"


def is_postgres(engine_or_conn: Engine | Connection) -> bool:
    return engine_or_conn.dialect.name == "postgresql"


def _seconds(name: str, default: int) -> int:
    try:
        return max(0, int(os.environ.get(name, default)))
    except ValueError:
        return default


def make_engine(url: URL) -> Engine:
    """An engine for `url`; on PostgreSQL with connect and statement timeouts (settings in
    the URL's query, such as `?connect_timeout=2`, win)."""
    if url.get_backend_name() != "postgresql":
        return create_engine(url)
    if url.get_driver_name() != "psycopg":
        url = url.set(drivername="postgresql+psycopg")
    try:
        import psycopg  # noqa: F401  (a clear message rather than SQLAlchemy's)
    except ImportError:
        from dsrdraft.errors import DsrError

        raise DsrError("PostgreSQL libraries need psycopg 3: pip install 'dsrdraft[postgres]'") \
            from None
    connect: dict[str, Any] = {}
    if "connect_timeout" not in url.query:
        connect["connect_timeout"] = _seconds("DSRDRAFT_CONNECT_TIMEOUT", CONNECT_TIMEOUT)
    if "options" not in url.query:
        statement = _seconds("DSRDRAFT_STATEMENT_TIMEOUT", STATEMENT_TIMEOUT)
        connect["options"] = f"-c statement_timeout={statement * 1000}"
    # pool_pre_ping: a pooled connection the server closed is replaced, not an error.
    return create_engine(url, connect_args=connect, pool_pre_ping=True)


#: SQLSTATEs of a statement the server refused (not a bug in dsrdraft): insufficient privilege,
#: a row-level security check.
_REFUSALS = ("42501",)


def refused(error: exc.DBAPIError) -> bool:
    """True for a database that could not, or would not, do what was asked: locked, gone,
    timed out, or the connected role lacking the right."""
    return isinstance(error, exc.OperationalError) or \
        getattr(error.orig, "sqlstate", None) in _REFUSALS


def lock_writers(conn: Connection) -> None:
    """Wait for the library's write lock (PostgreSQL; SQLite's BEGIN IMMEDIATE does it)."""
    if is_postgres(conn):
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _WRITE_LOCK})


def no_statement_timeout(conn: Connection) -> None:
    """Lift the statement timeout for this transaction (schema upgrades of big libraries)."""
    if is_postgres(conn):
        conn.execute(text("SET LOCAL statement_timeout = 0"))


def prepare_search(engine: Engine, write_engine: Engine) -> None:
    """Create the server's search indexes if missing (PostgreSQL: tsvector, GIN, pg_trgm),
    under the writers' lock only when something is missing: opening a ready library never
    waits for an import."""
    from dsrdraft.store import search_pg

    with engine.connect() as conn:
        if search_pg.ready(conn):
            return
    with write_engine.begin() as conn:
        search_pg.prepare(conn)
