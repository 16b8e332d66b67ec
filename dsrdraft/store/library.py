"""The clause library: initiatives stored with SQLAlchemy, searched with SQLite FTS5 or, on
PostgreSQL, tsvector and pg_trgm indexes (`store/search_pg.py`; backend hooks in `backends.py`).

`open_library()` returns a `Library`; every method takes and returns plain immutable data
(`dsrdraft.model.Initiative`, and the small result dataclasses below). No Qt in here.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import (
    Connection,
    Engine,
    and_,
    bindparam,
    create_engine,
    delete,
    event,
    exc,
    func,
    insert,
    inspect,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.engine import make_url

from dsrdraft.errors import DsrError
from dsrdraft.model import (
    Clause,
    Division,
    Dropped,
    Footnote,
    Initiative,
    Signatory,
    Translation,
    UnitKind,
)
from dsrdraft.store import backends
from dsrdraft.store import query as q
from dsrdraft.store.schema import (
    FTS_TABLES,
    SCHEMA_VERSION,
    Base,
    clauses_table,
    initiatives_table,
    meta_table,
    signatories_table,
)
from dsrdraft.urls import as_url, mask_secrets

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]*")
MAX_ID_LENGTH = 100
SLUG_LENGTH = 60
SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass(frozen=True, slots=True)
class ImportResult:
    id: str
    created: bool  # False: the same text was already in the library under `id`


#: Units counted as a text's clauses: its operative and annex paragraphs.
_CLAUSE_KINDS = (UnitKind.OPERATIVE.value, UnitKind.ANNEX.value)

#: A search's hits with their initiatives, built once: building the statement for each query
#: cost some 0.25 ms of a 10 ms search at 1M paragraphs.
_HIT_ROWS = (select(clauses_table.c.id, clauses_table.c.initiative_id, clauses_table.c.number,
                    clauses_table.c.text, clauses_table.c.language, clauses_table.c.kind,
                    initiatives_table.c.title, initiatives_table.c.year)
             .join(initiatives_table, initiatives_table.c.id == clauses_table.c.initiative_id)
             .where(clauses_table.c.id.in_(bindparam("ids", expanding=True))))
#: `kind` of the rows that index a division's heading ("Article 4" / "Scope") for search; they
#: are not units of the text and `read_initiative` leaves them out.
HEADING_KIND = "heading"


@dataclass(frozen=True, slots=True)
class InitiativeSummary:
    id: str
    title: str
    year: int | None
    clauses: int  # operative and annex paragraphs of the main text
    languages: tuple[str, ...]  # main language first, then translation languages
    preambular: int = 0  # preambular paragraphs

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "year": self.year, "clauses": self.clauses,
                "preambular": self.preambular, "languages": list(self.languages)}


@dataclass(frozen=True, slots=True)
class SearchHit:
    id: str  # library id of the initiative
    number: str  # clause number (for a translation: the number of the clause it translates)
    text: str
    score: float  # higher is better
    snippet: str  # matches wrapped in « »
    language: str
    title: str
    year: int | None
    kind: str = UnitKind.OPERATIVE.value  # a UnitKind value, "heading", or "translation"

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "number": self.number, "text": self.text,
                "score": round(self.score, 6), "snippet": self.snippet,
                "language": self.language, "title": self.title, "year": self.year,
                "kind": self.kind}


# --------------------------------------------------------------------------------------------
# URLs and opening


def default_db_url() -> str:
    """$DSRDRAFT_DB if set, else library.sqlite in the user data directory (created)."""
    env = os.environ.get("DSRDRAFT_DB")
    if env:
        return as_url(env)
    folder = Path(platformdirs.user_data_dir("dsrdraft", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return as_url(str(folder / "library.sqlite"))


def open_library(url: str | None = None, *, seed: bool = True) -> Library:
    """Open (creating if needed) the library at `url`; seed it once with the bundled texts."""
    library = Library(as_url(url) if url else default_db_url())
    if seed:
        library._seed_once()
    return library


#: SQLite result codes of a damaged file (SQLITE_CORRUPT, SQLITE_NOTADB) and of a failing
#: disk (SQLITE_IOERR).
_CORRUPT = {11, 26}
_IOERR = 10


def _read_only_reason(path: Path) -> str:
    """Why dsrdraft cannot write the SQLite file at `path` ("" when it can): SQLite needs
    the file and, for its journal, the folder."""
    if not path.exists():
        return ""
    try:
        if os.statvfs(path).f_flag & os.ST_RDONLY:
            return "it is on a read-only file system"
    except (OSError, AttributeError):  # no statvfs on this platform
        pass
    if not os.access(path, os.W_OK):
        return "the file is read-only"
    if not os.access(path.parent, os.W_OK):
        return f"its folder {path.parent} is read-only"
    return ""


def _sqlite_file(url: str) -> Path | None:
    parsed = make_url(url)
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    if database.startswith("file:"):
        return None
    return Path(database)


class Library:
    """A clause library in one database. Create it with `open_library()`."""

    url: str

    def __init__(self, url: str) -> None:
        self.url = url = as_url(url)
        try:
            parsed = make_url(url)
        except (exc.ArgumentError, ValueError):
            # Not parsed: said without the parser's own words, the password masked.
            raise DsrError(mask_secrets(f"invalid library URL '{url}'")) from None
        self._where = str(_sqlite_file(url) or parsed.render_as_string(hide_password=True))
        file = _sqlite_file(url)
        self._check_file(file)
        #: Why the library cannot be written ("" when it can): a read-only file or folder,
        #: or damage found; every write then says so instead of trying.
        self.read_only = _read_only_reason(file) if file is not None else ""
        self._file = file
        self._checked = False
        engine_url: Any = url
        if file is not None and self.read_only:
            # SQLite's own read-only mode; a folder it cannot even make its WAL index in
            # is read as an unchanging file.
            immutable = "&immutable=1" if not os.access(file.parent, os.W_OK) else ""
            engine_url = f"sqlite:///file:{file}?mode=ro{immutable}&uri=true"
        try:
            if file is not None and self.read_only:
                self._engine: Engine = create_engine(engine_url)
            else:
                self._engine = backends.make_engine(parsed)
        except (exc.ArgumentError, exc.NoSuchModuleError, ImportError, ValueError) as error:
            raise DsrError(mask_secrets(f"cannot open library URL '{self._where}': "
                                        f"{error.__class__.__name__}")) from None
        self._sqlite = self._engine.dialect.name == "sqlite"
        self._pg = backends.is_postgres(self._engine)
        event.listen(self._engine, "handle_error", self._on_error)
        # Writes take SQLite's write lock when they begin (BEGIN IMMEDIATE): a deferred
        # transaction that upgrades after another process wrote fails at once with
        # "database is locked" instead of waiting out the busy timeout.
        self._write_engine: Engine = self._engine.execution_options(dsrdraft_write=True)
        if self._sqlite:
            event.listen(self._engine, "connect", _sqlite_on_connect_read_only
                         if self.read_only else _sqlite_on_connect)
            event.listen(self._engine, "begin", _sqlite_on_begin)
        elif self._pg:
            event.listen(self._engine, "begin", _pg_on_begin)
        self._fts: dict[str, bool] = dict.fromkeys(FTS_TABLES, False)
        try:
            self._prepare()
        except DsrError:
            self._engine.dispose()
            raise
        except exc.DBAPIError as error:
            self._engine.dispose()
            detail = mask_secrets(" ".join(str(error.orig).split()))
            if "not a database" in detail:
                raise DsrError(f"{self._where} is not a dsrdraft library (not a database)") \
                    from None
            raise DsrError(f"cannot open library {self._where}: {_driver_message(error)}") \
                from None

    # ---------------------------------------------------------------- damage

    def _on_error(self, context: Any) -> None:
        """SQLAlchemy's hook for every database error: a damaged SQLite file is reported in
        one line with its path (SQLite's quick check run once, when the first error appears)
        and the library is never written again; other errors go their usual way."""
        self._raise_if_damaged(context.original_exception)

    @contextmanager
    def damage_checked(self) -> Iterator[None]:
        """Around reads through the SQLite driver's own cursor (the search's window, the
        agreed-language finder's clauses), which SQLAlchemy's error hook does not see: a
        damaged file is reported as every other read reports it."""
        try:
            yield
        except sqlite3.DatabaseError as error:
            self._raise_if_damaged(error)
            raise

    def _raise_if_damaged(self, original: BaseException) -> None:
        """DsrError when `original`, an error of the SQLite driver, says the file is damaged
        or unreadable (also for the search's reads through the driver's own cursor, which
        SQLAlchemy's hook does not see)."""
        code = getattr(original, "sqlite_errorcode", None)
        if self._file is None or code is None:
            return
        if code == _IOERR:
            raise DsrError(f"cannot read library {self._where}: the disk reports an error "
                           "(SQLite I/O error)")
        if code not in _CORRUPT and not isinstance(original, sqlite3.DatabaseError):
            return
        if code not in _CORRUPT and isinstance(original, sqlite3.OperationalError):
            return  # locked, busy, read-only, a missing table: not damage
        check = quick_check(self._file)
        if check == "ok" and code not in _CORRUPT:
            return
        self.read_only = "it is damaged"
        raise DsrError(f"library {self._where} is damaged (SQLite quick_check: {check}); "
                       "nothing was written to it: restore it from a backup, or move it "
                       "aside and a new library is made")

    # ---------------------------------------------------------------- opening and schema

    def _check_file(self, path: Path | None) -> None:
        if path is None:
            return
        if path.is_dir():
            raise DsrError(f"{path} is not a dsrdraft library (it is a folder)")
        if path.exists():
            with path.open("rb") as handle:
                header = handle.read(len(SQLITE_MAGIC))
            if header and header != SQLITE_MAGIC:  # an empty file is a new database
                raise DsrError(f"{path} is not a dsrdraft library (not a database)")
        elif not path.parent.is_dir():
            raise DsrError(f"cannot create library {path}: folder {path.parent} does not exist")

    def _prepare(self) -> None:
        with self._engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
        if not tables - {"sqlite_sequence"} and self.read_only:
            raise DsrError(f"{self._where} is not a dsrdraft library, and cannot be made "
                           f"one: {self.read_only}")
        if not tables - {"sqlite_sequence"}:
            with self._write_engine.begin() as conn:
                # Another process may have created the schema meanwhile: look again under
                # the write lock before creating it.
                if "meta" not in inspect(conn).get_table_names():
                    Base.metadata.create_all(conn)
                    conn.execute(insert(meta_table),
                                 [{"key": "schema_version", "value": str(SCHEMA_VERSION)}])
            with self._engine.connect() as conn:
                tables = set(inspect(conn).get_table_names())
        if "meta" in tables:
            with self._engine.connect() as conn:
                row = conn.execute(select(meta_table.c.value)
                                   .where(meta_table.c.key == "schema_version")).scalar()
            try:
                version = int(row) if row is not None else 0
            except ValueError:
                version = 0
            if version > SCHEMA_VERSION:
                raise DsrError(
                    f"library at {self._where} was written by a newer dsrdraft "
                    f"(schema {version}); this version reads up to {SCHEMA_VERSION}")
            if version < 1:
                raise DsrError(f"{self._where} is not a dsrdraft library (no schema version)")
        else:
            raise DsrError(f"{self._where} is not a dsrdraft library "
                           f"(it holds other tables: {', '.join(sorted(tables)[:3])})")
        if version < SCHEMA_VERSION and self.read_only:
            raise DsrError(f"library {self._where} has schema {version}, older than this "
                           f"dsrdraft reads ({SCHEMA_VERSION}), and cannot be upgraded: "
                           f"{self.read_only}")
        if self.read_only:
            if self._sqlite:
                with self._engine.connect() as conn:  # search falls back to LIKE without
                    existing = set(conn.execute(text(  # the full-text tables
                        "SELECT name FROM sqlite_master WHERE type = 'table'")).scalars())
                self._fts = {name: name in existing for name in FTS_TABLES}
            return
        if version < SCHEMA_VERSION:
            # Before anything is written: a damaged file is refused, a sound one copied.
            self._back_up_before_upgrade(version)
        if self._sqlite:
            self._prepare_fts()
        elif self._pg:
            backends.prepare_search(self._engine, self._write_engine)
        from dsrdraft.precedents.index import ensure_index  # agreed-language shingle index

        ensure_index(self._write_engine)
        if version < SCHEMA_VERSION:
            self._upgrade()
            if self._sqlite and not all(self._fts.values()):
                self._prepare_fts()  # an index that needs the upgraded tables

    def _back_up_before_upgrade(self, version: int) -> None:
        """A copy of a library file about to be upgraded; a damaged file is neither copied
        (the copy would be as damaged) nor upgraded."""
        from dsrdraft.store.migrations import backup_sqlite

        path = _sqlite_file(self.url)
        if path is not None and path.exists():
            check = quick_check(path)
            if check != "ok":
                self.read_only = "it is damaged"
                raise DsrError(f"library {self._where} is damaged (SQLite quick_check: "
                               f"{check}); it was not upgraded, nothing was written to it")
        self.backup = backup_sqlite(path, version) if path is not None and path.exists() \
            else None

    def _upgrade(self) -> None:
        """Bring a library written by an earlier dsrdraft up to this schema (backed up)."""
        from dsrdraft.store.migrations import upgrade

        with self._write() as conn:
            current = conn.execute(select(meta_table.c.value)
                                   .where(meta_table.c.key == "schema_version")).scalar()
            if int(current or 0) < SCHEMA_VERSION:  # not upgraded by another process meanwhile
                upgrade(conn, int(current or 0), SCHEMA_VERSION, self._fts)

    def _prepare_fts(self) -> None:
        with self._write_engine.begin() as conn:
            existing = set(conn.execute(text(
                "SELECT name FROM sqlite_master WHERE type = 'table'")).scalars())
            for name in FTS_TABLES:
                if name in existing:
                    self._fts[name] = True
                    continue
                try:
                    from dsrdraft.store.search_sqlite import create_index

                    with conn.begin_nested():
                        create_index(conn, name)
                    self._fts[name] = True
                except exc.OperationalError:  # SQLite built without FTS5 / trigram (< 3.34)
                    self._fts[name] = False

    def _seed_once(self) -> None:
        if self.read_only or self._meta("seeded") is not None:
            return
        try:
            from dsrdraft.bundled import bundled_initiatives
        except ModuleNotFoundError as error:
            if error.name not in ("dsrdraft.bundled", "dsrdraft"):
                raise
            return  # nothing to seed from yet; try again next time
        with self._write_engine.begin() as conn:
            if conn.execute(select(meta_table.c.value)
                            .where(meta_table.c.key == "seeded")).scalar() is not None:
                return  # another process seeded it while this one was parsing
            self._import_in(conn, [(i, i.id or None) for i in bundled_initiatives()])
            conn.execute(insert(meta_table), [{"key": "seeded", "value": "1"}])

    def _meta(self, key: str) -> str | None:
        with self._engine.connect() as conn:
            return conn.execute(select(meta_table.c.value)
                                .where(meta_table.c.key == key)).scalar()

    @property
    def seeded(self) -> bool:
        """True once the bundled initiatives have been imported (they are never re-added)."""
        return self._meta("seeded") is not None

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, for modules that keep tables of their own in the library
        (the agreed-language index): reads only; writes go through the store's methods."""
        return self._engine

    @property
    def full_text(self) -> bool:
        """True when searches use indexes (SQLite's FTS5, PostgreSQL's tsvector), False for the
        LIKE fallback of other databases."""
        return self._pg or (self._sqlite and self._fts["clause_fts"])

    @property
    def dialect(self) -> str:
        """"sqlite", "postgresql", …: which backend's indexes the library has."""
        return str(self._engine.dialect.name)

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        if self.read_only:
            raise DsrError(f"library {self._where} is opened read-only ({self.read_only}): "
                           "it can be listed, searched and shown, not changed")
        if self._file is not None and not self._checked:
            # Damage that no read has run into yet must not be written over: the first
            # write of a session looks at the whole file first.
            self._checked = True
            check = quick_check(self._file) if self._file.exists() else "ok"
            if check != "ok":
                self.read_only = "it is damaged"
                raise DsrError(f"library {self._where} is damaged (SQLite quick_check: "
                               f"{check}); nothing was written to it")
        try:
            with self._write_engine.begin() as conn:
                yield conn
        except exc.DBAPIError as error:
            if not (isinstance(error, exc.OperationalError) or backends.refused(error)):
                raise
            raise DsrError(f"cannot write to library {self._where}: "
                           f"{mask_secrets(_driver_message(error))}") from None

    # ---------------------------------------------------------------- import, read, delete

    def import_initiative(self, initiative: Initiative, id: str | None = None) -> ImportResult:
        """Store `initiative` under `id` (or a slug of its title and year, made unique).

        Importing a text already in the library (same title, clauses and translations,
        whitespace aside) stores nothing and returns the existing id with created=False.
        """
        return self.import_initiatives([(initiative, id)])[0]

    def import_initiatives(
        self, items: Iterable[tuple[Initiative, str | None]]
    ) -> list[ImportResult]:
        """Import several initiatives in one transaction: all of them or, on error, none.

        One commit for the batch is what makes bulk imports fast: each commit of a WAL
        database pays for its index pages again (measured in benchmarks/bench_library.py).
        """
        items = list(items)
        for _, wanted in items:
            if wanted is not None:
                _check_id(wanted)
        with self._write() as conn:
            return self._import_in(conn, items)

    def _import_in(self, conn: Connection,
                   items: list[tuple[Initiative, str | None]]) -> list[ImportResult]:
        # Every clause inserted below gets an id above the largest now (the write lock is
        # held): the indexes take them in one statement each at the end. Per initiative, each
        # FTS5 statement flushed a tiny segment and merged it (13 ms an initiative, the import
        # to some 450 paragraphs a second).
        first_id = (conn.execute(select(func.max(clauses_table.c.id))).scalar() or 0) + 1
        results: list[ImportResult] = []
        # The rows are written at the end, three statements for the whole import (one per
        # table) instead of three per initiative: what this import adds is looked up here.
        added: dict[str, str] = {}  # content hash -> id, of this import's initiatives
        taken: set[str] = set()  # the ids of those
        rows: _Rows = ([], [], [])
        digests = [content_hash(initiative) for initiative, _wanted in items]
        # What the library already holds, asked for the whole import at once (a statement
        # per initiative, twice, was a fifth of a 1,000-initiative import's time at 1M).
        stored = self._lookup(conn, initiatives_table.c.content_hash, initiatives_table.c.id,
                              digests)
        in_use = set(self._lookup(conn, initiatives_table.c.id, initiatives_table.c.id,
                                  [w for _i, w in items if w is not None]))
        for (initiative, wanted), digest in zip(items, digests, strict=True):
            existing = added.get(digest) or stored.get(digest)
            if existing is not None:
                results.append(ImportResult(existing, False))
                continue
            if wanted is not None:
                if wanted in taken or wanted in in_use:
                    raise DsrError(f"library id '{wanted}' is already taken by another "
                                   "initiative")
                new_id = wanted
            else:
                new_id = self._unique_id(conn, slugify(initiative.title, initiative.year),
                                         taken)
            self._rows(rows, new_id, initiative, digest)
            added[digest] = new_id
            taken.add(new_id)
            results.append(ImportResult(new_id, True))
        for table, table_rows in zip(
                (initiatives_table, signatories_table, clauses_table), rows, strict=True):
            if table_rows:  # initiatives first: the others refer to them
                if self._sqlite:
                    _insert_rows(conn, table.name, table_rows)
                else:
                    conn.execute(insert(table), table_rows)
        if added:
            self._index_new(conn, first_id)
        return results

    def _index_new(self, conn: Connection, first_id: int) -> None:
        """Add the clauses from id `first_id` on (this transaction's) to every index."""
        from dsrdraft.precedents.index import GRAMS, index_rows, uses_grams

        if self._sqlite:
            from dsrdraft.store import search_sqlite

            search_sqlite.reserve_hash(conn, [name for name, present in self._fts.items()
                                              if present] + ([GRAMS] if uses_grams(conn) else []))
            search_sqlite.index(conn, self._fts, "id >= :first_id", {"first_id": first_id})

        index_rows(conn, conn.execute(select(clauses_table.c.id, clauses_table.c.text)
                                      .where(clauses_table.c.id >= first_id)
                                      .order_by(clauses_table.c.id)))

    @staticmethod
    def _rows(rows: _Rows, new_id: str, ini: Initiative, digest: str) -> None:
        """Add one initiative's rows to (initiatives, signatories, clauses) `rows`."""
        document = {"front_matter": list(ini.front_matter),
                    "divisions": [d.to_json() for d in ini.divisions],
                    "dropped": [d.to_json() for d in ini.dropped]}
        rows[0].append({
            "id": new_id, "title": ini.title, "year": ini.year, "date": ini.date,
            "place": ini.place, "language": ini.language, "preamble": ini.preamble,
            "source": _displayable(ini.source), "content_hash": digest, "symbol": ini.symbol,
            "body": ini.body, "document": json.dumps(document, ensure_ascii=False)})
        rows[1].extend({"initiative_id": new_id, "position": i, "code": s.code, "name": s.name}
                       for i, s in enumerate(ini.signatories))
        units = [{"initiative_id": new_id, "position": i, "number": c.number,
                 "heading": c.heading, "text": c.text, "language": c.language,
                 "is_translation": False, "has_cjk": q.has_cjk(c.text),
                 "kind": c.kind.value, "label": c.label,
                 # "[]" without json.dumps: most units have neither (0.2 s an import of 22,000)
                 "path": json.dumps(list(c.path), ensure_ascii=False) if c.path else "[]",
                 "numbered": c.numbered,
                 "footnotes": json.dumps([f.to_json() for f in c.footnotes],
                                         ensure_ascii=False) if c.footnotes else "[]"}
                for i, c in enumerate(ini.clauses)]
        for language, items in ini.translations.items():
            units.extend({"initiative_id": new_id, "position": len(units), "number": t.number,
                          "heading": "", "text": t.text, "language": language,
                          "is_translation": True, "has_cjk": q.has_cjk(t.text),
                          "kind": "translation", "label": "", "path": "[]", "numbered": True,
                          "footnotes": "[]"}
                         for t in items)
        units.extend(_heading_rows(new_id, ini, len(units)))
        rows[2].extend(units)  # indexed by _index_new, with the other initiatives of the import

    def delete(self, id: str) -> None:
        """Remove an initiative (a seeded one is not re-added later)."""
        with self._write() as conn:
            if not self._exists(conn, id):
                raise _unknown(id)
            if self._sqlite:
                from dsrdraft.store import search_sqlite

                search_sqlite.unindex(conn, self._fts, "initiative_id = :id", {"id": id})
            from dsrdraft.precedents.index import unindex_initiative

            unindex_initiative(conn, id)
            conn.execute(delete(clauses_table).where(clauses_table.c.initiative_id == id))
            conn.execute(delete(signatories_table)
                         .where(signatories_table.c.initiative_id == id))
            conn.execute(delete(initiatives_table).where(initiatives_table.c.id == id))

    def optimize(self) -> bool:
        """Merge the agreed-language index's and the search indexes' segments into one each
        (a maintenance step after a bulk import: lookups then seek one segment instead of a
        dozen); True when one was merged. The results of every query are the same before
        and after."""
        from dsrdraft.precedents.index import optimize_index
        from dsrdraft.store import search_sqlite

        with self._write() as conn:
            merged = optimize_index(conn)
            if self._sqlite:
                merged = search_sqlite.optimize(conn, self._fts) or merged
            return merged

    @staticmethod
    def _lookup(conn: Connection, key: Any, value: Any, keys: list[str]) -> dict[str, str]:
        """{key: value} of the initiatives whose `key` column is one of `keys` (in chunks: a
        statement's parameters are limited)."""
        found: dict[str, str] = {}
        wanted = sorted(set(keys))
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            found.update((k, v) for k, v in conn.execute(select(key, value)
                                                         .where(key.in_(chunk))))
        return found

    def has(self, id: str) -> bool:
        with self._engine.connect() as conn:
            return self._exists(conn, id)

    @staticmethod
    def _exists(conn: Connection, id: str) -> bool:
        return conn.execute(select(initiatives_table.c.id)
                            .where(initiatives_table.c.id == id)).first() is not None

    @staticmethod
    def _unique_id(conn: Connection, base: str, pending: Iterable[str] = ()) -> str:
        """`base`, or `base-2`, `base-3`… the first not in the library nor in `pending`."""
        taken = set(conn.execute(select(initiatives_table.c.id)
                                 .where(initiatives_table.c.id.startswith(base))).scalars())
        taken.update(pending)
        if base not in taken:
            return base
        n = 2
        while f"{base}-{n}" in taken:
            n += 1
        return f"{base}-{n}"

    def get(self, id: str) -> Initiative:
        with self._engine.connect() as conn:
            return read_initiative(conn, id)

    def list_initiatives(self) -> list[InitiativeSummary]:
        c = clauses_table
        i = initiatives_table
        with self._engine.connect() as conn:
            counts = dict(conn.execute(
                select(c.c.initiative_id, func.count())
                .where(c.c.is_translation.is_(False), c.c.kind.in_(_CLAUSE_KINDS))
                .group_by(c.c.initiative_id)).all())
            preambular = dict(conn.execute(
                select(c.c.initiative_id, func.count())
                .where(c.c.is_translation.is_(False), c.c.kind == UnitKind.PREAMBULAR.value)
                .group_by(c.c.initiative_id)).all())
            extra: dict[str, set[str]] = {}
            for ini_id, language in conn.execute(
                    select(c.c.initiative_id, c.c.language).distinct()
                    .where(c.c.is_translation.is_(True))):
                extra.setdefault(ini_id, set()).add(language)
            heads = conn.execute(select(i.c.id, i.c.title, i.c.year, i.c.language)
                                 .order_by(i.c.year.is_(None), i.c.year, i.c.id)).all()
        return [InitiativeSummary(
                    h.id, h.title, h.year, counts.get(h.id, 0),
                    (h.language, *sorted(extra.get(h.id, set()) - {h.language})),
                    preambular.get(h.id, 0))
                for h in heads]

    def count_clauses(self) -> int:
        """Operative and annex paragraphs of main texts in the whole library (preambular
        paragraphs, formulas, closing lines and translated units not counted)."""
        with self._engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(clauses_table)
                                .where(clauses_table.c.is_translation.is_(False),
                                       clauses_table.c.kind.in_(_CLAUSE_KINDS))).scalar_one()

    # ---------------------------------------------------------------- search

    def search(self, query: str, *, limit: int = 20, initiative: str | None = None,
               year: int | None = None, language: str | None = None,
               kind: str | None = None, offset: int = 0) -> list[SearchHit]:
        """Clauses matching every alphabetic word of `query`, or every CJK term, best first.

        Words are matched whole (`digit*` for a prefix); CJK terms as substrings. A query
        mixing both scripts returns clauses matching either group (an English clause and
        its Chinese translation both). Empty or punctuation-only queries return [].
        """
        parsed = q.parse_query(query)
        if parsed.empty or limit <= 0:
            return []
        offset = max(0, offset)
        filters = _Filters(initiative, year, language, kind)
        if not self.full_text:
            return self._search_scan(parsed, filters, limit, offset)
        want = offset + limit
        found: dict[int, tuple[float, str | None]] = {}
        with self._engine.connect() as conn:
            groups: list[list[tuple[int, float, str | None]]] = []
            if parsed.words and self._pg:
                from dsrdraft.store import search_pg

                groups.append(search_pg.word_group(conn, parsed.words, *filters.sql(), want))
            elif parsed.words:
                from dsrdraft.store import search_sqlite

                with self.damage_checked():  # it reads through the driver's cursor
                    groups.append(search_sqlite.word_group(conn, parsed.words, filters, want))
            if parsed.cjk and self._sqlite and self._fts["clause_bigram"]:
                from dsrdraft.store import search_sqlite

                groups.append(search_sqlite.cjk_group(conn, parsed.cjk, filters, want))
            elif parsed.cjk_long and self._sqlite and self._fts["clause_cjk"]:
                groups.append(_cjk_trigram_group(conn, parsed, filters, want))
            elif parsed.cjk:  # PostgreSQL: pg_trgm's index serves this LIKE for 3+ characters
                groups.append(self._like_group(conn, parsed.cjk, filters, want))
            for group in groups:
                for clause_id, score, snippet in group:
                    if clause_id not in found or found[clause_id][0] < score:
                        found[clause_id] = (score, snippet)
            ranked = sorted(found.items(), key=lambda item: (-item[1][0], item[0]))
            ranked = ranked[offset:offset + limit]
            rows = self._hit_rows(conn, [clause_id for clause_id, _ in ranked])
        hits = []
        for clause_id, (score, snippet) in ranked:
            row = rows[clause_id]
            if snippet is None:
                snippet = q.stemmed_snippet(row.text, parsed)
            else:
                snippet = q.highlight(snippet, parsed.cjk_short)
            hits.append(SearchHit(row.initiative_id, row.number, row.text, score, snippet,
                                  row.language, row.title, row.year, str(row.kind)))
        return hits

    def _like_group(self, conn: Connection, terms: tuple[str, ...], filters: _Filters,
                    want: int) -> list[tuple[int, float, str | None]]:
        """CJK terms too short for the trigram index: LIKE over the (few) CJK clauses."""
        where, params = filters.sql()
        where.append("c.has_cjk = :cjk")
        params["cjk"] = True
        for n, term in enumerate(terms):
            where.append(f"c.text LIKE :like{n} ESCAPE '\\'")
            params[f"like{n}"] = q.like_pattern(term)
        score = _occurrence_score_sql(terms, params)
        params["want"] = want
        rows = conn.execute(text(
            f"SELECT c.id, {score} AS score FROM clauses c "
            "JOIN initiatives i ON i.id = c.initiative_id "
            f"WHERE {' AND '.join(where)} ORDER BY score DESC, c.id LIMIT :want"), params).all()
        return [(int(r[0]), float(r[1]), None) for r in rows]

    def _search_scan(self, parsed: q.ParsedQuery, filters: _Filters, limit: int,
                     offset: int) -> list[SearchHit]:
        """Portable LIKE scan (non-SQLite databases; also the benchmark's baseline)."""
        c = clauses_table
        i = initiatives_table
        groups = [g for g in (tuple(w.rstrip("*") for w in parsed.words), parsed.cjk) if g]
        conditions = [and_(*(func.lower(c.c.text).like(q.like_pattern(t.lower()), escape="\\")
                             for t in group)) for group in groups]
        stmt = (select(c.c.id, c.c.initiative_id, c.c.number, c.c.text, c.c.language,
                       c.c.kind, i.c.title, i.c.year)
                .join(i, i.c.id == c.c.initiative_id).where(or_(*conditions)))
        if filters.initiative is not None:
            stmt = stmt.where(c.c.initiative_id == filters.initiative)
        if filters.year is not None:
            stmt = stmt.where(i.c.year == filters.year)
        if filters.language is not None:
            stmt = stmt.where(c.c.language == filters.language)
        if filters.kind is not None:
            stmt = stmt.where(c.c.kind == filters.kind)
        with self._engine.connect() as conn:
            rows = conn.execute(stmt).all()
        terms = parsed.plain_terms()
        scored = sorted(((_like_score(r.text, terms), r) for r in rows),
                        key=lambda item: (-item[0], item[1].id))
        return [SearchHit(r.initiative_id, r.number, r.text, score,
                          q.make_snippet(r.text, terms), r.language, r.title, r.year,
                          str(r.kind))
                for score, r in scored[offset:offset + limit]]

    @staticmethod
    def _hit_rows(conn: Connection, ids: list[int]) -> dict[int, Any]:
        if not ids:
            return {}
        return {r.id: r for r in conn.execute(_HIT_ROWS, {"ids": ids}).all()}

    def _set_meta(self, key: str, value: str) -> None:  # used by tests and future migrations
        with self._write() as conn:
            done = conn.execute(update(meta_table).where(meta_table.c.key == key)
                                .values(value=value)).rowcount
            if not done:
                conn.execute(insert(meta_table), [{"key": key, "value": value}])


#: Rows an import writes at its end: (initiatives, signatories, clauses).
_Rows = tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]


@dataclass(frozen=True, slots=True)
class _Filters:
    initiative: str | None
    year: int | None
    language: str | None
    kind: str | None = None

    def sql(self) -> tuple[list[str], dict[str, Any]]:
        where: list[str] = []
        params: dict[str, Any] = {}
        if self.initiative is not None:
            where.append("c.initiative_id = :f_initiative")
            params["f_initiative"] = self.initiative
        if self.year is not None:
            where.append("i.year = :f_year")
            params["f_year"] = self.year
        if self.language is not None:
            where.append("c.language = :f_language")
            params["f_language"] = self.language
        if self.kind is not None:
            where.append("c.kind = :f_kind")
            params["f_kind"] = self.kind
        return where, params


def _like_score(text_: str, terms: tuple[str, ...]) -> float:
    """Occurrences of the terms, a little less for long clauses (a plain, stable score)."""
    return q.count_occurrences(text_, terms) / (1.0 + len(text_) / 1000.0)


def quick_check(path: Path) -> str:
    """SQLite's quick integrity check of a library file, read-only: "ok", or its first
    complaint (which names pages and tables, never their content)."""
    immutable = "" if os.access(path.parent, os.W_OK) else "&immutable=1"
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro{immutable}", uri=True)
        try:
            rows = conn.execute("PRAGMA quick_check(1)").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        return " ".join(str(error).split())[:200]
    first = str(rows[0][0]) if rows else "no answer"
    return " ".join(first.split())[:200]


def _driver_message(error: exc.DBAPIError) -> str:
    """The database's own message, without the statement and values SQLAlchemy adds (they
    may quote library text) and without a URL's password."""
    return " ".join(str(error.orig).split())[:300]


def _sqlite_on_connect_read_only(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA busy_timeout = 5000")
        cursor.execute("PRAGMA query_only = ON")
    finally:
        cursor.close()


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN (pysqlite's own handling is unreliable).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA busy_timeout = 5000")
        cursor.execute("PRAGMA foreign_keys = ON")
        _retry_locked(lambda: cursor.execute("PRAGMA journal_mode = WAL"))
        # Safe with WAL (no corruption on power loss; the last commit may be lost) and
        # it avoids an fsync per committed import.
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA cache_size = -65536")
    finally:
        cursor.close()


def _retry_locked(statement: Callable[[], object], seconds: float = 10.0) -> None:
    """Run `statement`, retrying while the database is locked.

    Switching a new database to WAL needs an exclusive lock and SQLite answers "database is
    locked" at once, without its busy handler, when two instances start together."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            statement()
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _sqlite_on_begin(conn: Connection) -> None:
    write = conn.get_execution_options().get("dsrdraft_write", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _pg_on_begin(conn: Connection) -> None:
    if conn.get_execution_options().get("dsrdraft_write", False):
        backends.lock_writers(conn)


def _insert_rows(conn: Connection, table: str, rows: list[dict[str, Any]]) -> None:
    """Insert rows of the same columns on SQLite as one prepared statement of tuples, through
    SQLAlchemy's driver-level call (its errors reported as every other statement's): the
    expression layer processed every parameter of every row (some 0.5 s of an import of
    22,000 paragraphs, a tenth of it)."""
    columns = list(rows[0])
    values = list(map(itemgetter(*columns), rows))  # a missing column raises, not NULL
    if len(columns) == 1:  # itemgetter of one key gives the value, not a tuple
        values = [(value,) for value in values]
    conn.exec_driver_sql(f"INSERT INTO {table} ({', '.join(columns)}) "
                         f"VALUES ({', '.join('?' * len(columns))})", values)


def _heading_rows(initiative_id: str, ini: Initiative, first: int) -> list[dict[str, Any]]:
    """Rows indexing the headings of `ini`'s divisions ("Scope" of "Article 4"), so search
    finds them; `number` is the division's address, `path` the divisions above it."""
    rows: list[dict[str, Any]] = []
    stack: list[str] = []
    for top in ini.divisions:
        for depth, division in top.walk():
            del stack[depth:]
            if division.heading.strip():
                rows.append({"initiative_id": initiative_id, "position": first + len(rows),
                             "number": division.number or division.name, "heading": "",
                             "text": division.heading, "language": ini.language,
                             "is_translation": False, "has_cjk": q.has_cjk(division.heading),
                             "kind": HEADING_KIND, "label": division.label,
                             "path": json.dumps(stack, ensure_ascii=False), "numbered": False,
                             "footnotes": "[]"})
            stack.append(division.name)
    return rows


def _unknown(id: str) -> DsrError:
    return DsrError(f"unknown library id '{id}' (see 'dsrdraft library list')")


def _check_id(id: str) -> None:
    if not ID_PATTERN.fullmatch(id) or len(id) > MAX_ID_LENGTH:
        raise DsrError(f"invalid library id '{id}': use lowercase letters, digits, '.', '_' "
                       f"and '-', starting with a letter or digit (at most {MAX_ID_LENGTH})")


def _displayable(path: str | None) -> str | None:
    """A file name as text: one that is not UTF-8 reaches Python as surrogate escapes, which
    no database can store; its odd bytes are kept as backslash escapes."""
    if path is None:
        return None
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _norm(value: str | None) -> str:
    return " ".join((value or "").split())


def read_initiative(conn: Connection, id: str) -> Initiative:
    """One initiative as stored, with its units, divisions and translations."""
    head = conn.execute(select(initiatives_table)
                        .where(initiatives_table.c.id == id)).mappings().first()
    if head is None:
        raise _unknown(id)
    signatories = tuple(
        Signatory(r.code, r.name) for r in conn.execute(
            select(signatories_table.c.code, signatories_table.c.name)
            .where(signatories_table.c.initiative_id == id)
            .order_by(signatories_table.c.position)))
    c = clauses_table
    rows = conn.execute(
        select(c.c.number, c.c.heading, c.c.text, c.c.language, c.c.is_translation,
               c.c.kind, c.c.label, c.c.path, c.c.numbered, c.c.footnotes)
        .where(c.c.initiative_id == id).order_by(c.c.position)).all()
    clauses = tuple(
        Clause(r.number, r.heading, r.text, r.language, UnitKind(r.kind), tuple(_json(r.path)),
               r.label, bool(r.numbered),
               tuple(Footnote(str(f["marker"]), str(f["text"])) for f in _json(r.footnotes)))
        for r in rows if not r.is_translation and r.kind != HEADING_KIND)
    translations: dict[str, list[Translation]] = {}
    for r in rows:
        if r.is_translation:
            translations.setdefault(r.language, []).append(Translation(r.number, r.text))
    document = _json(head["document"]) if head.get("document") else {}
    return Initiative(
        id=head["id"], title=head["title"], language=head["language"], clauses=clauses,
        signatories=signatories,
        translations={lang: tuple(items) for lang, items in translations.items()},
        year=head["year"], date=head["date"], place=head["place"], source=head["source"],
        symbol=head.get("symbol"), body=head.get("body"),
        front_matter=tuple(document.get("front_matter", ())),
        divisions=tuple(Division.from_json(d) for d in document.get("divisions", ())),
        dropped=tuple(Dropped(str(d["reason"]), str(d["text"]))
                      for d in document.get("dropped", ())))


def _json(value: str | None) -> Any:
    return json.loads(value) if value else []


def content_hash(initiative: Initiative) -> str:
    """SHA-256 of title, units (number, text, language, kind) and translations, whitespace
    normalised."""
    payload = {
        "title": _norm(initiative.title),
        "clauses": [[c.number, _norm(c.text), c.language, c.kind.value]
                    for c in initiative.clauses],
        "translations": {lang: [[t.number, _norm(t.text)] for t in items]
                         for lang, items in sorted(initiative.translations.items())},
    }
    blob = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


def slugify(title: str, year: int | None = None, length: int = SLUG_LENGTH) -> str:
    """A readable id: ascii words of the title, cut at a word boundary, then the year."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_title.lower())
    suffix = f"-{year}" if year is not None else ""
    if year is not None and words and words[-1] == str(year):
        words.pop()
    budget = max(8, length - len(suffix))
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > budget:
            break
        slug = candidate
    if not slug:
        slug = words[0][:budget] if words else "initiative"
    return slug + suffix


def id_of_text(library: Library, initiative: Initiative) -> str | None:
    """The id under which the library already holds this text (same `content_hash`), or None."""
    with library.engine.connect() as conn:
        return conn.execute(
            select(initiatives_table.c.id)
            .where(initiatives_table.c.content_hash == content_hash(initiative))).scalar()


def _occurrence_score_sql(terms: tuple[str, ...], params: dict[str, Any]) -> str:
    """The score of `_like_score` as SQL over clauses `c` (binding the terms into `params`),
    so that only the top rows leave SQLite."""
    occurrences = []
    for n, term in enumerate(terms):
        params[f"term{n}"] = term
        occurrences.append(f"(length(c.text) - length(replace(c.text, :term{n}, '')))"
                           f" / {float(len(term))}")
    return f"({' + '.join(occurrences)}) / (1.0 + length(c.text) / 1000.0)"


def _cjk_trigram_group(conn: Connection, parsed: q.ParsedQuery, filters: _Filters,
                       want: int) -> list[tuple[int, float, str | None]]:
    """CJK terms: found through the trigram index, scored by occurrences like short terms.

    Not by bm25: the trigram index holds only the CJK clauses, so a term found in half of
    them or more gets an inverse document frequency of about zero, and every hit scored 0.00.
    """
    where, params = filters.sql()
    for n, term in enumerate(parsed.cjk_short):
        where.append(f"c.text LIKE :like{n} ESCAPE '\\'")
        params[f"like{n}"] = q.like_pattern(term)
    score = _occurrence_score_sql(parsed.cjk, params)
    params.update(match=q.fts_and(parsed.cjk_long), want=want)
    rows = conn.execute(text(
        f"SELECT c.id, {score} AS score FROM clause_cjk "
        "JOIN clauses c ON c.id = clause_cjk.rowid JOIN initiatives i ON i.id = c.initiative_id "
        f"WHERE clause_cjk MATCH :match{''.join(' AND ' + w for w in where)} "
        "ORDER BY score DESC, c.id LIMIT :want"), params).all()
    return [(int(r[0]), float(r[1]), None) for r in rows]
