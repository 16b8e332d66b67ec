"""Where a draft command reads and writes: a draft file, or `db:NAME`, a shared draft in the
library database (`--db`), saved by compare-and-swap on the version it was read at."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from dsrdraft.errors import DsrError
from dsrdraft.refs import SHARED_PREFIX as PREFIX
from dsrdraft.refs import is_shared

if TYPE_CHECKING:
    from dsrdraft.draft.model import Draft

__all__ = ["DraftTarget", "is_shared", "load_ref"]

R = TypeVar("R")
_ATTEMPTS = 3


class DraftTarget:
    """One draft to read and write back: `load()`, then `save(new)` (which refuses, for a
    shared draft, when someone saved another version in between)."""

    def __init__(self, ref: str, db: str | None) -> None:
        self.ref = ref
        self._db = db
        self._library: Any = None
        self._stored: Any = None

    def shared(self) -> Any:
        """The library's SharedDrafts (the library is opened once, closed with the target)."""
        from dsrdraft.store import open_library
        from dsrdraft.store.drafts import SharedDrafts

        if self._library is None:
            self._library = open_library(self._db)
        return SharedDrafts(self._library)

    @property
    def name(self) -> str:
        from dsrdraft.store.drafts import check_name

        return check_name(self.ref[len(PREFIX):])

    def load(self) -> Draft:
        if not is_shared(self.ref):
            from dsrdraft.draft.storage import load_draft

            return load_draft(self.ref)
        self._stored = self.shared().load(self.name)
        return self._stored.draft

    def create(self, draft: Draft) -> None:
        """Write a new draft (a file already checked for --force, or a new shared name)."""
        if not is_shared(self.ref):
            from dsrdraft.draft.storage import save_draft

            save_draft(draft, self.ref)
            return
        self._stored = self.shared().create(self.name, draft)

    def save(self, draft: Draft, note: str = "") -> None:
        if not is_shared(self.ref):
            from dsrdraft.draft.storage import save_draft

            save_draft(draft, self.ref)
            return
        if self._stored is None:
            raise DsrError(f"{self.ref}: saved before it was read")  # a bug, not bad input
        self._stored = self.shared().save(self.name, draft, self._stored.version, note=note)

    def update(self, change: Callable[[Draft], tuple[Draft, R]], *, additive: bool = False,
               note: str = "") -> tuple[Draft, R]:
        """Read, apply `change` (draft -> (new draft, anything)), write back, without losing
        anyone's edit: a file under its lock with its stamp checked, a shared draft by
        compare-and-swap on its version. When someone saved in between, a pure addition
        (`additive`) is applied again to what they saved; any other change is refused."""
        if not is_shared(self.ref):
            from dsrdraft.draft.storage import update_draft

            saved, result = update_draft(self.ref, change, additive=additive)
            return saved.draft, result
        from dsrdraft.store.drafts import DraftConflict

        for attempt in range(_ATTEMPTS):
            new, result = change(self.load())
            try:
                self.save(new, note=note)
                return new, result
            except DraftConflict:
                if not additive or attempt == _ATTEMPTS - 1:
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    @property
    def version(self) -> int | None:
        """The shared draft's version after the last load or save (None for a file)."""
        return None if self._stored is None else self._stored.version

    def close(self) -> None:
        if self._library is not None:
            self._library.close()

    def __enter__(self) -> DraftTarget:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def load_ref(ref: str, db: str | None) -> Draft | None:
    """The draft a REF names at the revision asked for (`@revN`), or None if REF names no
    draft: a draft file, or `db:NAME[@revN]`."""
    from dsrdraft.draft.storage import load_draft_ref

    if not is_shared(ref):
        return load_draft_ref(ref)
    from dsrdraft.store.drafts import load_ref as load_shared

    return load_shared(ref, db)
