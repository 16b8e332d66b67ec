"""Resolve what a user typed for OLD/NEW (compare, export --against) into an Initiative."""

from __future__ import annotations

from pathlib import Path

from dsrdraft.draft_sniff import is_draft_file
from dsrdraft.errors import DsrError
from dsrdraft.model import Initiative

#: A shared draft in the library database is named db:NAME (db:NAME@rev1 for a revision).
SHARED_PREFIX = "db:"


def is_shared(ref: str) -> bool:
    return ref.startswith(SHARED_PREFIX)


def load_initiative_ref(ref: str, db_url: str | None) -> Initiative:
    """An existing file is parsed; otherwise `ref` must be an id in the library at `db_url`.

    A draft file, or a revision of one (``DRAFT.json@rev1``, ``@rev0``, ``@current``), gives
    the Initiative view of that draft text; so does a shared draft, ``db:NAME[@revN]``.
    """
    if "@" not in ref and Path(ref).is_file() and not is_draft_file(ref):
        from dsrdraft.parsing import parse_file

        return parse_file(ref)  # a text file: no draft machinery to load
    from dsrdraft.draft.storage import load_draft_initiative

    if is_shared(ref):
        from dsrdraft.store.drafts import load_ref

        return load_ref(ref, db_url).to_initiative(id=ref)
    drafted = load_draft_initiative(ref)
    if drafted is not None:
        return drafted
    path = Path(ref)
    if path.is_file():
        from dsrdraft.parsing import parse_file

        return parse_file(path)
    if path.exists():
        raise DsrError(f"'{ref}' is not a file")
    from dsrdraft.store import open_library

    library = open_library(db_url)
    if library.has(ref):
        return library.get(ref)
    raise DsrError(f"'{ref}' is neither a file nor a library id")
