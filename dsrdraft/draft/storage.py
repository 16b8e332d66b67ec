"""Draft files: JSON with a format name and version, written atomically.

A revision of a draft file is referenced as ``PATH@revN`` (``@rev0`` is the original text,
``@current`` or no suffix the text as it stands now).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from dsrdraft.atomicfile import write_text_atomically
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
from dsrdraft.errors import DsrError
from dsrdraft.model import Initiative

FORMAT = "dsrdraft-draft"
#: 2: units carry a `kind` (preambular, operative, heading…); the preamble is its units.
#: Files of version 1 (a `preamble` string) open as version 2, their preamble split into
#: preambular paragraphs, and are written back as version 2.
VERSION = 2

_REV_SUFFIX = re.compile(r"^(?P<path>.+)@(?P<rev>rev(?P<n>\d+)|current)$", re.IGNORECASE)


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
    prov = d.get("provenance")
    return DraftClause(
        uid=str(d["uid"]),
        text=str(d["text"]),
        label=str(d["label"]),
        provenance=Provenance(str(prov["library_id"]), str(prov["number"])) if prov else None,
        status=Status(d.get("status", "open")),
        proposers=tuple(d.get("proposers", ())),
        alternatives=tuple(Alternative(a["text"], tuple(a.get("proposers", ())))
                           for a in d.get("alternatives", ())),
        reservations=tuple(Reservation(r["delegation"], r["text"])
                           for r in d.get("reservations", ())),
        deleted=bool(d.get("deleted", False)),
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
    import hashlib

    seed = f"{data.get('title', '')}\x00{n}".encode()
    return "pp" + hashlib.sha1(seed).hexdigest()[:10]


def _signatory_to_json(s: DraftSignatory) -> dict[str, Any]:
    return {"code": s.code, "representative": s.representative, "title": s.title,
            "date": s.date}


def _signatory_from_json(d: dict[str, Any]) -> DraftSignatory:
    return DraftSignatory(str(d["code"]), d.get("representative", ""), d.get("title", ""),
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
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise DsrError(f"{source}: not a dsrdraft draft file")
    version = data.get("version")
    if not isinstance(version, int) or version < 1:
        raise DsrError(f"{source}: draft file has no valid format version")
    if version > VERSION:
        raise DsrError(f"{source}: draft file format version {version} is newer than this "
                       f"dsrdraft understands ({VERSION}); upgrade dsrdraft")
    try:
        return Draft(
            title=str(data["title"]),
            symbol=data.get("symbol", ""),
            revision=int(data.get("revision", 0)),
            date=data.get("date", ""),
            place=data.get("place", ""),
            clauses=_units(data),
            signatories=tuple(_signatory_from_json(s) for s in data.get("signatories", ())),
            revisions=tuple(
                RevisionSnapshot(int(r["number"]), r.get("date", ""), r.get("note", ""),
                                 r.get("title", ""), _units({**r, "title": data.get("title")}),
                                 tuple(_signatory_from_json(s)
                                       for s in r.get("signatories", ())))
                for r in data.get("revisions", ())
            ),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise DsrError(f"{source}: damaged draft file ({exc!r})") from None


# ---------------------------------------------------------------- files

def save_draft(draft: Draft, path: str | os.PathLike[str]) -> None:
    write_text_atomically(path, json.dumps(draft_to_json(draft), ensure_ascii=False, indent=2)
                          + "\n")


def load_draft(path: str | os.PathLike[str]) -> Draft:
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DsrError(f"{p}: no such draft file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DsrError(f"{p}: cannot read draft file ({exc})") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise DsrError(f"{p}: not a draft file (bad JSON at line {exc.lineno})") from None
    return draft_from_json(data, str(p))


def is_draft_file(path: str | os.PathLike[str]) -> bool:
    """True when `path` is a JSON file that says it is a dsrdraft draft (cheap sniff)."""
    p = Path(path)
    if not p.is_file():
        return False
    try:
        with open(p, encoding="utf-8") as fh:
            head = fh.read(4096)
    except (OSError, UnicodeDecodeError):
        return False
    return head.lstrip().startswith("{") and f'"{FORMAT}"' in head


def split_revision_ref(ref: str) -> tuple[str, int | None]:
    """("draft.json", 1) for "draft.json@rev1"; None revision for "@current" or no suffix."""
    m = _REV_SUFFIX.match(ref)
    if not m:
        return ref, None
    return m.group("path"), (int(m.group("n")) if m.group("n") is not None else None)


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
