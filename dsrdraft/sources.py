"""One syntax for the texts a user can pick to compare or redline against.

``lib:ID`` (a library initiative), ``rev:N`` (a kept revision of the open draft),
``draft:current`` (the open draft as it stands) and ``file:PATH`` (a .txt, .md, .docx or draft
file). `resolve_source` turns a key into the Initiative the compare engine and the exporter
read; only ``lib:`` and ``file:`` keys need the library (`needs_library`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dsrdraft.draft.model import Draft
from dsrdraft.errors import DsrError
from dsrdraft.model import Initiative
from dsrdraft.store import Library

CURRENT_DRAFT = "draft:current"
KINDS = ("lib", "rev", "draft", "file")


def library_key(initiative_id: str) -> str:
    return f"lib:{initiative_id}"


def revision_key(number: int) -> str:
    return f"rev:{number}"


def file_key(path: Path | str) -> str:
    return f"file:{path}"


@dataclass(frozen=True, slots=True)
class SourceKey:
    kind: str  # one of KINDS
    value: str

    @classmethod
    def parse(cls, key: str) -> SourceKey:
        kind, sep, value = key.partition(":")
        if not sep or kind not in KINDS or not value:
            raise DsrError(f"not a text key: {key!r} (lib:ID, rev:N, draft:current or "
                           "file:PATH)")
        if kind == "rev" and not value.isdigit():
            raise DsrError(f"not a revision number: {key!r}")
        return cls(kind, value)

    def __str__(self) -> str:
        return f"{self.kind}:{self.value}"


def needs_library(key: str) -> bool:
    return SourceKey.parse(key).kind in ("lib", "file")


def resolve_source(key: str, *, library: Library | None = None,
                   draft: Draft | None = None) -> Initiative:
    """The Initiative `key` names (the open `draft` for rev: and draft: keys)."""
    source = SourceKey.parse(key)
    if source.kind == "lib":
        if library is None:
            raise DsrError(f"{key}: no library")
        return library.get(source.value)
    if source.kind == "file":
        from dsrdraft.refs import load_initiative_ref

        return load_initiative_ref(source.value, library.url if library else None)
    if draft is None:
        raise DsrError(f"{key}: no draft is open")
    if source.kind == "rev":
        base = draft.at_revision(int(source.value))
        return base.to_initiative(id=base.full_symbol or f"Rev.{source.value}")
    return draft.to_initiative(id="current draft")
