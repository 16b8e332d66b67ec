"""Compiling returned Word files: each file's delegations' proposals, then their reservations
and new alternatives on the compiled draft."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from dsrdraft.compile.merge import Compilation, Proposal, compile_proposals
from dsrdraft.draft.model import Alternative, Draft, Reservation
from dsrdraft.roundtrip.authors import UnmappedAuthors
from dsrdraft.roundtrip.returned import FileReading, ReturnedFile, read_returned


@dataclass(frozen=True, slots=True)
class Source:
    """One input of a compilation: a returned Word file (read for its authors), or a
    delegation's own version as before (`code` given, not returned)."""

    ref: str
    code: str | None = None
    returned: bool = True


@dataclass(slots=True)
class ReturnedCompilation:
    """A compilation plus what was read from each returned file."""

    compilation: Compilation
    files: list[FileReading] = field(default_factory=list)

    @property
    def draft(self) -> Draft:
        return self.compilation.draft

    def to_json(self) -> dict[str, Any]:
        data = self.compilation.to_json()
        data["returned"] = [{
            "file": f.path.name,
            "authors": [{"author": a.author, "delegation": f.authors.get(a.author),
                         "insertions": a.insertions, "deletions": a.deletions,
                         "moves": a.moves} for a in f.counts],
            "comment_authors": sorted({r.author for r in f.reservations}),
            "untracked": f.untracked,
            "reservations": [{"uid": r.uid, "delegation": r.code, "author": r.author,
                              "text": r.text} for r in f.reservations],
            "alternatives": [{"uid": u, "delegation": c, "text": t}
                             for u, c, t in f.alternatives],
        } for f in self.files]
        data["warnings"] = [*data["warnings"], *(w for f in self.files for w in f.warnings)]
        return data


def authors_of(refs: Sequence[str]) -> dict[str, list[str]]:
    """file -> the authors of its tracked changes and comments (for a dialog to map)."""
    out: dict[str, list[str]] = {}
    for ref in refs:
        file = ReturnedFile(ref)
        out[ref] = list(dict.fromkeys([a.author for a in file.authors] +
                                      [c.author for c in file.comments]))
    return out


def read_files(base: Draft, sources: Sequence[Source], author_map: Mapping[str, str],
               db_url: str | None = None) -> tuple[list[Proposal], list[FileReading]]:
    """Every source's proposals; the authors no source could map are listed together."""
    from dsrdraft.compile.sources import load_proposal

    proposals: list[Proposal] = []
    readings: list[FileReading] = []
    unmapped: list[str] = []
    for source in sources:
        if not source.returned:
            assert source.code is not None
            proposals.append(load_proposal(source.ref, source.code, db_url))
            continue
        try:
            reading = read_returned(ReturnedFile(source.ref), base, author_map, source.code)
        except UnmappedAuthors as exc:
            unmapped.extend(exc.authors)
            continue
        readings.append(reading)
        proposals.extend(reading.proposals)
    if unmapped:
        raise UnmappedAuthors(unmapped)
    return proposals, readings


def is_returned(ref: str) -> bool:
    return Path(ref).suffix.lower() == ".docx" and Path(ref).is_file()


def compile_returned(base: Draft, sources: Sequence[Source],
                     author_map: Mapping[str, str] | None = None,
                     db_url: str | None = None) -> ReturnedCompilation:
    """The compilation of every source on `base`, with the returned files' comments as
    reservations and their edited alternatives as new alternatives, attributed."""
    proposals, readings = read_files(base, sources, author_map or {}, db_url)
    if proposals:
        compilation = compile_proposals(base, proposals)
    else:  # returned files holding only comments, or nothing changed at all
        compilation = Compilation(replace(base, revisions=()), (), ())
    draft = add_reservations(compilation.draft, readings)
    return ReturnedCompilation(replace(compilation, draft=draft), readings)


def add_reservations(draft: Draft, readings: Sequence[FileReading]) -> Draft:
    """Reservations and alternatives read from returned files, on their units (those of a
    unit the draft no longer has go on its first unit, never lost)."""
    extra: dict[str, list[Reservation]] = {}
    alts: dict[str, list[Alternative]] = {}
    uids = {c.uid for c in draft.clauses}
    first = next((c.uid for c in draft.clauses if not c.is_heading), "")
    for reading in readings:
        for r in reading.reservations:
            uid = r.uid if r.uid in uids else first
            extra.setdefault(uid, []).append(Reservation(r.code, r.text))
        for uid, code, text in reading.alternatives:
            alts.setdefault(uid if uid in uids else first, []).append(
                Alternative(text, (code,)))
    if not extra and not alts:
        return draft
    clauses = []
    for c in draft.clauses:
        new_res = [r for r in extra.get(c.uid, []) if r not in c.reservations]
        new_alts = [a for a in alts.get(c.uid, []) if a not in c.alternatives]
        if new_res or new_alts:
            c = replace(c, reservations=(*c.reservations, *new_res),
                        alternatives=(*c.alternatives, *new_alts))
        clauses.append(c)
    return replace(draft, clauses=tuple(clauses))
