"""Draft files: JSON with a format name and version, written atomically.

A revision of a draft file is referenced as ``PATH@revN`` (``@rev0`` is the original text,
``@current`` or no suffix the text as it stands now).
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from dsrdraft.atomicfile import write_bytes_atomically
from dsrdraft.draft import jsonio
from dsrdraft.draft.extras import Extras
from dsrdraft.draft.filelock import locked
from dsrdraft.draft.model import (
    Alternative,
    Draft,
    DraftClause,
    DraftKind,
    DraftSignatory,
    Provenance,
    Reservation,
    RevisionSnapshot,
    Status,
)
from dsrdraft.draft.schema import FORMAT, check_draft_json
from dsrdraft.draft_sniff import is_draft_file
from dsrdraft.errors import DsrError
from dsrdraft.model import Initiative

log = logging.getLogger("dsrdraft")
R = TypeVar("R")
#: 2: units carry a `kind` (preambular, operative, heading…); the preamble is its units.
#: Files of version 1 (a `preamble` string) open as version 2, their preamble split into
#: preambular paragraphs, and are written back as version 2.
VERSION = 2

_REV_SUFFIX = re.compile(r"^(?P<path>.+)@(?P<rev>rev(?P<n>\d+)|current)$", re.IGNORECASE)
_MAX_REV_DIGITS = 4  # schema.MAX_REVISION_NUMBER


# ---------------------------------------------------------------- JSON shapes

def _clause_to_json(c: DraftClause) -> dict[str, Any]:
    return {
        "uid": c.uid,
        "label": c.label,
        "text": c.text,
        "provenance": ({"library_id": c.provenance.library_id, "number": c.provenance.number}
                       if c.provenance else None),
        "status": c.status.value,
        "proposers": list(c.proposers),
        "alternatives": [{"text": a.text, "proposers": list(a.proposers)}
                         for a in c.alternatives],
        "reservations": [{"delegation": r.delegation, "text": r.text} for r in c.reservations],
        "deleted": c.deleted,
        "deleted_by": list(c.deleted_by),
        "kind": c.kind.value,
    }


def _clause_from_json(d: dict[str, Any]) -> DraftClause:
    """One clause of a file that passed the schema check (so every value has its type)."""
    prov = d.get("provenance")
    return DraftClause(
        uid=d["uid"],
        text=d["text"],
        label=d["label"],
        provenance=Provenance(prov["library_id"], prov["number"]) if prov else None,
        status=Status(d.get("status", "open")),
        proposers=tuple(d.get("proposers", ())),
        alternatives=tuple(Alternative(a["text"], tuple(a.get("proposers", ())))
                           for a in d.get("alternatives", ())),
        reservations=tuple(Reservation(r["delegation"], r["text"])
                           for r in d.get("reservations", ())),
        deleted=d.get("deleted", False),
        deleted_by=tuple(d.get("deleted_by", ())),
        kind=DraftKind(d.get("kind", "operative")),
    )


def _units(data: dict[str, Any]) -> tuple[DraftClause, ...]:
    """A draft's (or a revision's) units; a version-1 `preamble` string becomes preambular
    paragraphs PP1, PP2… before them."""
    clauses = [_clause_from_json(c) for c in data.get("clauses", ())]
    preamble = data.get("preamble") or ""
    if isinstance(preamble, str) and preamble.strip() and not any(
            c.kind is DraftKind.PREAMBULAR for c in clauses):
        paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n|\n", preamble)
                      if p.strip()]
        clauses[:0] = [DraftClause(_v1_uid(data, n), p, f"PP{n}",
                                   kind=DraftKind.PREAMBULAR)
                       for n, p in enumerate(paragraphs, 1)]
    return tuple(clauses)


def _v1_uid(data: dict[str, Any], n: int) -> str:
    """A stable uid for a preambular paragraph made from a version-1 preamble (the same in
    the draft and each of its revisions, so a compare pairs them)."""
    seed = f"{data.get('title', '')}\x00{n}".encode()
    return "pp" + hashlib.sha1(seed).hexdigest()[:10]


def _signatory_to_json(s: DraftSignatory) -> dict[str, Any]:
    return {"code": s.code, "representative": s.representative, "title": s.title,
            "date": s.date}


def _signatory_from_json(d: dict[str, Any]) -> DraftSignatory:
    return DraftSignatory(d["code"], d.get("representative", ""), d.get("title", ""),
                          d.get("date", ""))


def draft_to_json(draft: Draft) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "title": draft.title,
        "symbol": draft.symbol,
        "full_symbol": draft.full_symbol,
        "revision": draft.revision,
        "date": draft.date,
        "place": draft.place,
        "clauses": [_clause_to_json(c) for c in draft.clauses],
        "signatories": [_signatory_to_json(s) for s in draft.signatories],
        "revisions": [
            {"number": r.number, "date": r.date, "note": r.note, "title": r.title,
             "clauses": [_clause_to_json(c) for c in r.clauses],
             "signatories": [_signatory_to_json(s) for s in r.signatories]}
            for r in draft.revisions
        ],
    }


def draft_from_json(data: Any, source: str = "draft") -> Draft:
    """The draft a file's JSON holds, after the schema check (a damaged file is refused with
    one line naming the field)."""
    check_draft_json(data, source)
    return _draft_from_checked(data)


def _draft_from_checked(data: dict[str, Any]) -> Draft:
    return Draft(
        title=data["title"],
        symbol=data.get("symbol", ""),
        revision=data.get("revision", 0),
        date=data.get("date", ""),
        place=data.get("place", ""),
        clauses=_units(data),
        signatories=tuple(_signatory_from_json(s) for s in data.get("signatories", ())),
        revisions=tuple(
            RevisionSnapshot(r["number"], r.get("date", ""), r.get("note", ""),
                             r.get("title", ""), _units({**r, "title": data.get("title")}),
                             tuple(_signatory_from_json(s) for s in r.get("signatories", ())))
            for r in data.get("revisions", ())
        ),
    )


# ---------------------------------------------------------------- files

class DraftChangedError(DsrError):
    """The file changed on disk after it was read: saving would silently lose that change."""


class ReadOnlyDraftError(DsrError):
    """The file is opened read-only (written by a newer dsrdraft) and is never written."""


def stamp_of(path: str | os.PathLike[str]) -> str | None:
    """SHA-256 of the file's bytes as they are now (None when there is no file): what a
    save compares with the stamp taken when the file was read."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


def write_refusal(path: str | os.PathLike[str]) -> str:
    """Why the file system would refuse a save over `path` ("" when it would not): the file
    is read-only, or its folder is (a save writes a new file beside it and renames it)."""
    p = Path(path)
    if p.exists() and not os.access(p, os.W_OK):
        return f"{p} is read-only on disk (no permission to write it)"
    if not os.access(p.parent, os.W_OK | os.X_OK):
        return f"{p}: its folder {p.parent} cannot be written"
    return ""


@dataclass(frozen=True, slots=True)
class DraftFile:
    """A draft file as read: the draft, the stamp of the bytes it came from, the keys this
    version does not know (kept on save), and why it is read-only, if it is.

    Saving through it is the one safe way to write back: `save` takes the file's lock,
    refuses when the file changed since it was read (unless told to overwrite), and returns
    the DraftFile of what it wrote. `changed_on_disk` asks the same question without a
    watcher, for a window that keeps a draft open."""

    path: Path
    draft: Draft
    stamp: str | None
    extras: Extras = field(default_factory=Extras)
    read_only: str = ""  # the reason, shown as is; "" when the file may be saved

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> DraftFile:
        p = Path(path)
        try:
            raw = jsonio.read_bounded(p)
        except FileNotFoundError:
            raise DsrError(f"{p}: no such draft file") from None
        except IsADirectoryError:
            raise DsrError(f"{p}: is a folder, not a draft file") from None
        except OSError as exc:
            raise DsrError(f"{p}: cannot read draft file ({exc.strerror or exc})") from None
        data = jsonio.loads(raw, str(p))
        version = check_draft_json(data, str(p))
        read_only = ""
        if version > VERSION:
            read_only = (f"{p} is draft format {version}, newer than this dsrdraft writes "
                         f"({VERSION}): opened read-only; upgrade dsrdraft to edit it")
            log.warning(read_only)
        return cls(p, _draft_from_checked(data), hashlib.sha256(raw).hexdigest(),
                   Extras.collect(data), read_only)

    def changed_on_disk(self) -> bool:
        """True when the file is no longer the one read (rewritten, replaced or removed)."""
        return stamp_of(self.path) != self.stamp

    def reload(self) -> DraftFile:
        return DraftFile.open(self.path)

    def to_json(self, draft: Draft | None = None) -> dict[str, Any]:
        """`draft` (default: the one read) as this file would hold it, unknown keys kept."""
        return self.extras.apply(draft_to_json(self.draft if draft is None else draft))

    def save(self, draft: Draft, *, overwrite: bool = False) -> DraftFile:
        """Write `draft` over the file, unknown keys kept; refused with DraftChangedError
        when the file changed since it was read, unless `overwrite` (the user chose to keep
        their version)."""
        if self.read_only:
            raise ReadOnlyDraftError(self.read_only)
        with locked(self.path):
            if not overwrite and stamp_of(self.path) != self.stamp:
                raise DraftChangedError(f"{self.path} changed since it was read: run again")
            stamp = _write(self.path, self.to_json(draft))
        return DraftFile(self.path, draft, stamp, self.extras)

    def save_as(self, path: str | os.PathLike[str], draft: Draft) -> DraftFile:
        """Write `draft` to another file (replacing it: the caller asked), unknown keys kept;
        returns the DraftFile of the new file. A read-only file may be saved this way."""
        target = Path(path)
        with locked(target):
            stamp = _write(target, self.to_json(draft))
        return DraftFile(target, draft, stamp, self.extras)


def _write(path: Path, data: dict[str, Any]) -> str:
    """Check `data` as a file read would, write it atomically; returns the new stamp."""
    source = f"{path} (not saved)"
    jsonio.check_tree(data, source)
    check_draft_json(data, source)
    raw = jsonio.dumps(data).encode("utf-8")
    write_bytes_atomically(path, raw)
    return hashlib.sha256(raw).hexdigest()


def save_draft(draft: Draft, path: str | os.PathLike[str]) -> None:
    """Write a draft to `path` as a new file (replacing any file there: the caller decided).

    A file that was read and is written back goes through `DraftFile.save` (or
    `update_draft`), which keeps its unknown keys and refuses to overwrite a change."""
    with locked(path):
        _write(Path(path), draft_to_json(draft))


def load_draft(path: str | os.PathLike[str]) -> Draft:
    return DraftFile.open(path).draft


@contextmanager
def draft_session(path: str | os.PathLike[str]) -> Iterator[DraftFile]:
    """The file's lock held from reading to writing (one command's read-modify-write):
    yields the file as it is; `save` inside the block compares and writes under that lock."""
    if not Path(path).is_file():
        DraftFile.open(path)  # the one-line reason: no such file, a folder…
    with locked(path):
        yield DraftFile.open(path)


def update_draft(path: str | os.PathLike[str], change: Callable[[Draft], tuple[Draft, R]], *,
                 additive: bool = False, attempts: int = 3) -> tuple[DraftFile, R]:
    """Apply `change` (the draft -> (new draft, anything)) to the file under its lock.

    dsrdraft's own writers wait for the lock, so they take turns; a program that writes
    without it (a sync tool, an editor) is caught by the stamp: a pure addition (`additive`)
    is then applied again to the fresh file, any other change refused."""
    for attempt in range(attempts):
        with draft_session(path) as current:
            new, result = change(current.draft)
            try:
                return current.save(new), result
            except DraftChangedError:
                if not additive or attempt == attempts - 1:
                    raise
    raise AssertionError("unreachable")  # pragma: no cover



def split_revision_ref(ref: str) -> tuple[str, int | None]:
    """("draft.json", 1) for "draft.json@rev1"; None revision for "@current" or no suffix."""
    m = _REV_SUFFIX.match(ref)
    if not m:
        return ref, None
    number = m.group("n")
    if number is not None and len(number.lstrip("0")) > _MAX_REV_DIGITS:
        raise DsrError(f"{m.group('path')}: no revision rev{number[:8]}… (revision numbers "
                       "have at most 4 digits)")
    return m.group("path"), (int(number) if number is not None else None)


def load_draft_ref(ref: str) -> Draft | None:
    """The draft (at the revision asked for) a REF names, or None if REF is not a draft."""
    path, revision = split_revision_ref(ref)
    if path != ref and not Path(path).exists():
        raise DsrError(f"{path}: no such draft file")
    if not is_draft_file(path):
        if path != ref:
            raise DsrError(f"{path}: revision reference on a file that is not a draft")
        return None
    draft = load_draft(path)
    return draft if revision is None else draft.at_revision(revision)


def load_draft_initiative(ref: str) -> Initiative | None:
    """An Initiative view of a draft REF (``PATH``, ``PATH@revN``, ``PATH@current``)."""
    draft = load_draft_ref(ref)
    return None if draft is None else draft.to_initiative(id=ref)


def clause_to_json(clause: DraftClause) -> dict[str, Any]:
    """One draft clause as the draft file stores it (what the edit commands print)."""
    return _clause_to_json(clause)
