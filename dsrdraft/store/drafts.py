"""Shared drafts in the library database: every save a compare-and-swap on a version number.

A save names the version it was made from; it is written only if that is still the draft's
current version, else it is refused with `DraftConflict` (which carries the version saved
meanwhile, so the caller can merge with `dsrdraft.draft.merge` and save again). Every saved
version is kept in `draft_versions`. Drafts are stored as `draft_to_json` (the draft file
format), so a shared draft and a draft file hold exactly the same data.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, exc, insert, select, text, update

from dsrdraft.draft.merge import MergeResult, merge_drafts
from dsrdraft.draft.model import Draft
from dsrdraft.draft.storage import draft_from_json, draft_to_json
from dsrdraft.errors import DsrError
from dsrdraft.refs import SHARED_PREFIX as PREFIX
from dsrdraft.store.schema import contributions_table, draft_versions_table, drafts_table
from dsrdraft.urls import mask_secrets

NAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,199}")
CONTRIBUTION_KINDS = ("proposal", "reservation")


@dataclass(frozen=True, slots=True)
class StoredDraft:
    name: str
    version: int
    draft: Draft
    saved_by: str
    saved_at: str


@dataclass(frozen=True, slots=True)
class VersionInfo:
    version: int
    saved_by: str
    saved_at: str
    note: str


@dataclass(frozen=True, slots=True)
class Contribution:
    id: int
    delegation: str
    kind: str
    unit: str
    text: str
    created_at: str


class DraftConflict(DsrError):
    """A save made from a version that is no longer the current one: nothing was written."""

    exit_code = 1

    def __init__(self, name: str, expected: int, current: StoredDraft) -> None:
        self.name, self.expected, self.current = name, expected, current
        super().__init__(
            f"{PREFIX}{name}: not saved: version {current.version} was saved by "
            f"{current.saved_by} at {current.saved_at} after version {expected}, which this "
            "edit started from; nothing was written (apply the edit again to the new version, "
            "or merge)")


def check_name(name: str) -> str:
    if not NAME_PATTERN.fullmatch(name):
        raise DsrError(f"invalid shared draft name '{name}': letters, digits, '.', '_', '-' "
                       "and '/', starting with a letter or digit (at most 200)")
    return name


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


class SharedDrafts:
    """The shared drafts of one library (`SharedDrafts(library)`)."""

    def __init__(self, library: Any) -> None:
        self._engine: Engine = library.engine
        self._where = mask_secrets(library.url)
        self._pg = self._engine.dialect.name == "postgresql"

    # ---------------------------------------------------------------- reading

    def names(self) -> list[tuple[str, int, str, str]]:
        """(name, version, saved_by, saved_at) of every shared draft, by name."""
        d = drafts_table
        with self._read() as conn:
            return [tuple(r) for r in conn.execute(
                select(d.c.name, d.c.version, d.c.saved_by, d.c.saved_at).order_by(d.c.name))]

    def load(self, name: str, version: int | None = None) -> StoredDraft:
        """The draft as it stands, or as it was saved at `version`."""
        table = drafts_table if version is None else draft_versions_table
        stmt = select(table.c.version, table.c.data, table.c.saved_by, table.c.saved_at) \
            .where(table.c.name == check_name(name))
        if version is not None:
            stmt = stmt.where(table.c.version == version)
        with self._read() as conn:
            row = conn.execute(stmt).first()
        if row is None and version is None:
            raise DsrError(f"no shared draft '{name}' in the library (see 'dsrdraft draft "
                           "list')")
        if row is None:
            raise DsrError(f"no version {version} of shared draft '{name}'")
        return StoredDraft(name, row.version, draft_from_json(json.loads(row.data),
                                                               f"{PREFIX}{name}"),
                           row.saved_by, row.saved_at)

    def versions(self, name: str) -> list[VersionInfo]:
        v = draft_versions_table
        with self._read() as conn:
            return [VersionInfo(*r) for r in conn.execute(
                select(v.c.version, v.c.saved_by, v.c.saved_at, v.c.note)
                .where(v.c.name == check_name(name)).order_by(v.c.version))]

    # ---------------------------------------------------------------- writing

    def create(self, name: str, draft: Draft, author: str | None = None) -> StoredDraft:
        """A new shared draft at version 1; refused if the name is taken."""
        check_name(name)
        with self._begin() as conn:
            author = self._author(conn, author)
            at = _now()
            data = _dump(draft)
            try:
                with conn.begin_nested():
                    conn.execute(insert(drafts_table), [{
                        "name": name, "version": 1, "data": data, "saved_by": author,
                        "saved_at": at}])
            except exc.IntegrityError:
                raise DsrError(f"a shared draft named '{name}' already exists") from None
            self._keep(conn, name, 1, data, author, at, "created")
        return StoredDraft(name, 1, draft, author, at)

    def save(self, name: str, draft: Draft, expected_version: int, author: str | None = None,
             note: str = "") -> StoredDraft:
        """Write `draft` as the next version if `expected_version` is still the current one;
        else raise DraftConflict (nothing written)."""
        check_name(name)
        with self._begin() as conn:
            author = self._author(conn, author)
            at = _now()
            data = _dump(draft)
            d = drafts_table
            done = conn.execute(
                update(d).where(d.c.name == name, d.c.version == expected_version)
                .values(version=expected_version + 1, data=data, saved_by=author,
                        saved_at=at)).rowcount
            if done == 1:
                self._keep(conn, name, expected_version + 1, data, author, at, note)
                return StoredDraft(name, expected_version + 1, draft, author, at)
        current = self.load(name)  # raises for an unknown name
        raise DraftConflict(name, expected_version, current)

    def save_merging(self, name: str, base: StoredDraft, mine: Draft,
                     author: str | None = None) -> tuple[StoredDraft, MergeResult | None]:
        """Save `mine` (made from `base`); when refused, merge it unit by unit into the version
        saved meanwhile and save that, holding the draft locked while merging so the merged
        save always wins (no retry loop that a busy draft could starve)."""
        try:
            return self.save(name, mine, base.version, author), None
        except DraftConflict:
            pass
        d = drafts_table
        with self._begin(locked=True) as conn:
            who = self._author(conn, author)
            row = conn.execute(select(d.c.version, d.c.data).where(d.c.name == name)
                               .with_for_update()).one()
            theirs = draft_from_json(json.loads(row.data), f"{PREFIX}{name}")
            merge = merge_drafts(base.draft, mine, theirs, who)
            version, at, data = row.version + 1, _now(), _dump(merge.draft)
            conn.execute(update(d).where(d.c.name == name, d.c.version == row.version)
                         .values(version=version, data=data, saved_by=who, saved_at=at))
            note = "; ".join([f"merged with version {row.version}",
                              *(str(c) for c in merge.conflicts)])
            self._keep(conn, name, version, data, who, at, note)
        return StoredDraft(name, version, merge.draft, who, at), merge

    # ---------------------------------------------------------------- delegations

    def contribute(self, name: str, kind: str, unit: str, body: str,
                   delegation: str | None = None) -> Contribution:
        """A proposal or reservation by a delegation (on PostgreSQL: the connected role,
        which row-level security lets write only in its own name)."""
        if kind not in CONTRIBUTION_KINDS:
            raise DsrError(f"a contribution is a proposal or a reservation, not '{kind}'")
        with self._begin() as conn:
            who = self._author(conn, delegation)
            at = _now()
            row = conn.execute(insert(contributions_table).returning(contributions_table.c.id),
                               [{"name": check_name(name), "delegation": who, "kind": kind,
                                 "unit": unit, "text": body, "created_at": at}]).scalar_one()
        return Contribution(int(row), who, kind, unit, body, at)

    def contributions(self, name: str) -> list[Contribution]:
        c = contributions_table
        with self._read() as conn:
            return [Contribution(*r) for r in conn.execute(
                select(c.c.id, c.c.delegation, c.c.kind, c.c.unit, c.c.text, c.c.created_at)
                .where(c.c.name == check_name(name)).order_by(c.c.id))]

    # ---------------------------------------------------------------- helpers

    @staticmethod
    def default_author() -> str:
        return os.environ.get("DSRDRAFT_AUTHOR") or getpass.getuser()

    def _author(self, conn: Connection, author: str | None) -> str:
        if author:
            return author
        if self._pg:  # the server says who is connected: no client can pretend otherwise
            return str(conn.execute(text("SELECT current_user")).scalar_one())
        return self.default_author()

    @staticmethod
    def _keep(conn: Connection, name: str, version: int, data: str, author: str, at: str,
              note: str) -> None:
        conn.execute(insert(draft_versions_table), [{
            "name": name, "version": version, "data": data, "saved_by": author,
            "saved_at": at, "note": note}])

    def _read(self) -> Any:
        return _Translated(self._engine.connect(), self._where)

    def _begin(self, locked: bool = False) -> Any:
        """A write transaction; `locked` on SQLite takes the write lock at BEGIN (IMMEDIATE),
        as the row lock of SELECT … FOR UPDATE does on PostgreSQL."""
        engine = self._engine
        if locked and not self._pg:
            engine = engine.execution_options(dsrdraft_write=True)
        return _Translated(engine.begin(), self._where)


def load_ref(ref: str, db_url: str | None) -> Draft:
    """The shared draft `db:NAME` as it stands, or at a kept revision (`db:NAME@rev1`)."""
    from dsrdraft.draft.storage import split_revision_ref
    from dsrdraft.store import open_library

    base, revision = split_revision_ref(ref)
    with open_library(db_url) as library:
        draft = SharedDrafts(library).load(base[len(PREFIX):]).draft
    return draft if revision is None else draft.at_revision(revision)


def _dump(draft: Draft) -> str:
    return json.dumps(draft_to_json(draft), ensure_ascii=False)


class _Translated:
    """A connection context whose database errors become one-line DsrErrors (a delegation
    writing what the server refuses it: "permission denied", "row-level security")."""

    def __init__(self, inner: Any, where: str) -> None:
        self._inner, self._where = inner, where

    def __enter__(self) -> Connection:
        try:
            return self._inner.__enter__()
        except exc.DBAPIError as error:
            raise _error(error, self._where) from None

    def __exit__(self, kind: Any, value: Any, tb: Any) -> None:
        try:
            self._inner.__exit__(kind, value, tb)
        except exc.DBAPIError as error:
            raise _error(error, self._where) from None
        if isinstance(value, exc.DBAPIError):
            raise _error(value, self._where) from None


class RefusedByServer(DsrError):
    """The database refused the statement (a role without the right, a timeout)."""

    exit_code = 1


def _error(error: exc.DBAPIError, where: str) -> DsrError:
    detail = " ".join(str(error.orig).split())
    return RefusedByServer(f"shared drafts in {where}: {detail}")
