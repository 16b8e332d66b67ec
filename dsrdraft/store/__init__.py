"""The clause library: SQLAlchemy storage of initiatives and SQLite FTS5 search."""

from dsrdraft.store.library import (
    ImportResult,
    InitiativeSummary,
    Library,
    SearchHit,
    content_hash,
    default_db_url,
    open_library,
    slugify,
)
from dsrdraft.store.query import MARK_CLOSE, MARK_OPEN
from dsrdraft.store.schema import SCHEMA_VERSION

__all__ = [
    "MARK_CLOSE",
    "MARK_OPEN",
    "SCHEMA_VERSION",
    "ImportResult",
    "InitiativeSummary",
    "Library",
    "SearchHit",
    "content_hash",
    "default_db_url",
    "open_library",
    "slugify",
]
