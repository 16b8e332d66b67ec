"""A delegation's returned Word file, read as the proposals and reservations it holds.

Each author of tracked changes (insertions, deletions, moves) is a delegation; the file read
with only that author's changes accepted is its proposal. Edits made without tracking (the
file against the base, all tracked changes rejected) are the file's own delegation's. Word
comments are reservations by their author on the unit they are anchored in. A dsrdraft export
is read unit by unit through the bookmarks naming its paragraphs and the draft it carries; any
other file through the importer.
"""

from __future__ import annotations

import copy
import re
import tempfile
import zipfile
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from dsrdraft.compile.merge import Proposal, normalise
from dsrdraft.draft.model import Draft
from dsrdraft.errors import DsrError
from dsrdraft.export.embedded import read_embedded_draft
from dsrdraft.model import Initiative
from dsrdraft.ooxml.comments import WordComment, comment_anchors, read_comments
from dsrdraft.ooxml.look import package_style_sheet
from dsrdraft.ooxml.ns import qn
from dsrdraft.ooxml.package import DocxPackage
from dsrdraft.ooxml.revisions import AuthorCount, resolve, tracked_authors
from dsrdraft.ooxml.text import read_paragraph
from dsrdraft.roundtrip.authors import map_authors
from dsrdraft.roundtrip.rebase import rebase
from dsrdraft.roundtrip.view import ExportView, Printed, live_units, read_view

# "Reservation (EGY): …" is how dsrdraft prints one; "Reservation: …" how people write one.
_RESERVATION = re.compile(r"^\s*Reservation\s*(\([^()]*\))?\s*:\s*", re.IGNORECASE)


class UntrackedEdits(DsrError):
    """A file edited without change tracking, with no delegation named for it."""

    def __init__(self, path: Path, where: list[str]) -> None:
        self.path = path
        shown = ", ".join(where[:8]) + (f" and {len(where) - 8} more" if len(where) > 8 else "")
        super().__init__(f"{path.name}: edited without change tracking ({shown}), and no "
                         "delegation is named for the file: say whose edits they are")


@dataclass(frozen=True, slots=True)
class ReturnedReservation:
    """A comment read as a reservation: by `code` (its author `author`) on unit `uid`."""

    uid: str
    code: str
    author: str
    text: str


@dataclass(slots=True)
class FileReading:
    """What one returned file proposes."""

    path: Path
    proposals: list[Proposal] = field(default_factory=list)
    reservations: list[ReturnedReservation] = field(default_factory=list)
    alternatives: list[tuple[str, str, str]] = field(default_factory=list)  # uid, code, text
    authors: dict[str, str] = field(default_factory=dict)  # author -> delegation
    counts: list[AuthorCount] = field(default_factory=list)
    untracked: list[str] = field(default_factory=list)  # units edited without tracking
    warnings: list[str] = field(default_factory=list)


class ReturnedFile:
    """An opened .docx: its body, tracked-change authors, comments, and the draft it carries
    when it is a dsrdraft export."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if self.path.suffix.lower() != ".docx":
            raise DsrError(f"{self.path}: a returned file must be a Word .docx file")
        with DocxPackage(self.path) as package:
            self.root = package.part_xml(package.main)
            self.sheet = package_style_sheet(package)
            self.comments: list[WordComment] = read_comments(package)
            props = package.custom_properties()
            self.mode = props.get("dsrdraft.mode", "")
            # A redline's own tracked changes are its text (exports before the author was
            # recorded used the default author).
            self.export_author = props.get("dsrdraft.author", "dsrdraft") \
                if self.mode == "redline" else ""
            self.is_export = "dsrdraft.format" in props
            self.embedded: Draft | None = read_embedded_draft(package)
            self.main = package.main
            self.parts = {name: package.read_bytes(name) for name in package.names}
        self.authors = [a for a in tracked_authors(self.root) if a.author != self.export_author
                        or not self.export_author]
        _marks_stay_home(self.root)

    @property
    def body(self) -> Any:
        return self.root.find(qn("w:body"))

    def resolved(self, authors: set[str]) -> Any:
        """The document with `authors`' tracked changes accepted, everyone else's rejected
        (a redline's own changes always accepted: they are the exported text)."""
        own = self.export_author
        return resolve(self.root, lambda a: a in authors or (bool(own) and a == own))

    def view(self, authors: set[str]) -> ExportView:
        assert self.embedded is not None
        return read_view(self.resolved(authors).find(qn("w:body")), self.sheet, self.embedded,
                         self.mode)

    def parsed(self, authors: set[str]) -> Initiative:
        """The file as `authors` see it, read by the importer (from a copy of the package
        whose main document is resolved)."""
        from dsrdraft.parsing import parse_file

        document = etree.tostring(self.resolved(authors), xml_declaration=True,
                                  encoding="UTF-8", standalone=True)
        with tempfile.TemporaryDirectory(prefix="dsrdraft-") as folder:
            copy = Path(folder) / self.path.name
            with zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as out:
                for name, data in self.parts.items():
                    out.writestr(name, document if name == self.main else data)
            return parse_file(copy)

    def imported_texts(self, authors: set[str]) -> tuple[list[str], list[str]]:
        """(unit texts, unit numbers) of the file as `authors` see it, through the importer."""
        initiative = self.parsed(authors)
        return ([normalise(c.text) for c in initiative.clauses],
                [c.number for c in initiative.clauses])


def _marks_stay_home(root: Any) -> None:
    """A unit's bookmark that a tracked move carried along goes back to where the paragraph
    came from (its move-from range of the same name): a moved unit then reads, for the
    mover, as its deletion plus a new paragraph at the new place (as `compile` shows moves),
    and for everyone else as the unit where it always was."""
    from dsrdraft.export.embedded import moved_mark, parse_mark

    starts = {el.get(qn("w:name")): el for el in root.iter(qn("w:moveFromRangeStart"))}
    current = ""
    for el in list(root.iter(qn("w:moveToRangeStart"), qn("w:bookmarkStart"))):
        if el.tag == qn("w:moveToRangeStart"):
            current = el.get(qn("w:name"), "")
            continue
        mark = parse_mark(el.get(qn("w:name"), ""))
        if mark is None or not _moved_here(el):
            continue
        home = starts.get(current)
        if home is None:
            continue
        bid = el.get(qn("w:id"))
        ends = [e for e in root.iter(qn("w:bookmarkEnd")) if e.get(qn("w:id")) == bid]
        stay = copy.deepcopy(el)  # the new place: what moved there, and from where
        stay.set(qn("w:name"), moved_mark(mark.uid))
        el.addprevious(stay)
        if home.getparent().tag == qn("w:p"):
            home.addnext(el)
        else:  # a range opened between paragraphs: the start of the next one
            p = home.getnext()
            while p is not None and p.tag != qn("w:p"):
                p = p.getnext()
            if p is None:
                continue
            ppr = p.find(qn("w:pPr"))
            p.insert(0 if ppr is None else p.index(ppr) + 1, el)
        for end in ends:
            el.addnext(end)


def _moved_here(el: Any) -> bool:
    """In a move's new place: inside a w:moveTo, or in a paragraph whose mark moved there."""
    node = el.getparent()
    while node is not None:
        if node.tag == qn("w:moveTo"):
            return True
        if node.tag == qn("w:p"):
            return node.find(f"{qn('w:pPr')}/{qn('w:rPr')}/{qn('w:moveTo')}") is not None
        node = node.getparent()
    return False


def _strip_reservation(text: str) -> str:
    return _RESERVATION.sub("", text, count=1).strip()


def _mapped(file: ReturnedFile, author_map: Mapping[str, str], comments: list[WordComment]
            ) -> dict[str, str]:
    names = [a.author for a in file.authors] + [c.author for c in comments]
    return map_authors(dict.fromkeys(names), author_map)


def read_returned(file: ReturnedFile, base: Draft, author_map: Mapping[str, str],
                  file_code: str | None) -> FileReading:
    """The proposals (one per delegation), reservations and new alternatives of `file`
    against `base`; UnmappedAuthors or UntrackedEdits when it cannot say whose they are."""
    embedded = file.embedded
    if embedded is not None and file.mode == "redline":
        raise DsrError(f"{file.path.name}: a redline export cannot be read back unit by unit "
                       "(return the negotiation or clean export instead)")
    base_uids = {c.uid for c in base.clauses}
    if embedded is not None and {c.uid for c in live_units(embedded)} <= base_uids:
        return _read_export(file, base, embedded, author_map, file_code)
    return _read_foreign(file, base, author_map, file_code)


# ---------------------------------------------------------------- a dsrdraft export

def _read_export(file: ReturnedFile, base: Draft, embedded: Draft,
                 author_map: Mapping[str, str], file_code: str | None) -> FileReading:
    out = FileReading(file.path, counts=list(file.authors))
    printed = Printed.of(embedded, file.mode)
    expected = {uid: normalise(t) for uid, t in printed.text.items()}
    rejected = file.view(set())
    units = live_units(embedded)
    labels = {c.uid: c.label or c.uid for c in embedded.clauses}
    untracked = [labels[c.uid] for c in units if rejected.units.get(c.uid) != expected.get(c.uid)]
    untracked += ["a new paragraph"] * sum(1 for uid, _ in rejected.order if not uid)
    out.untracked = untracked
    own = {(c.uid, normalise(f"Reservation ({r.delegation}): {r.text}"))
           for c in embedded.clauses for r in c.reservations}
    comments = [c for c in file.comments
                if (rejected.comments.get(c.id, ""), c.text) not in own]
    out.authors = _mapped(file, author_map, comments)
    if untracked and file_code is None:
        raise UntrackedEdits(file.path, untracked)
    codes = list(dict.fromkeys(out.authors[a.author] for a in file.authors))
    if untracked and file_code is not None and file_code not in codes:  # (None raised above)
        codes.append(file_code)
    base_text = {c.uid: normalise(c.text) for c in base.clauses}
    rejected_new = Counter(text for uid, text in rejected.order if not uid)
    for code in codes:
        authors = {a for a, c in out.authors.items() if c == code}
        own_file = code == file_code
        seen = file.view(authors)
        by_uid: dict[str, str] = {}
        for c in units:
            text = seen.units.get(c.uid, "")
            before = rejected.units.get(c.uid, "")
            if not own_file and before != expected.get(c.uid):
                # The file's delegation edited this unit untracked: only `code`'s own edits.
                if text == before:
                    text = expected.get(c.uid, "")
                else:
                    moved = rebase(expected.get(c.uid, ""), before, text)
                    if moved is None:
                        out.warnings.append(
                            f"{file.path.name}: unit {labels[c.uid]}: {code}'s tracked edits "
                            f"overlap edits made there without tracking; {code}'s version "
                            "includes them")
                    else:
                        text = moved
            by_uid[c.uid] = base_text.get(c.uid, text) if text == expected.get(c.uid) else text
        new = Counter() if own_file else Counter(rejected_new)
        added: list[tuple[str, str]] = []
        after = ""
        for uid, text in seen.order:
            if uid:
                after = uid
            elif new[text] > 0:
                new[text] -= 1  # the file's own new paragraph, not this delegation's
            else:
                added.append((after, text))
        out.proposals.append(Proposal(code, (), file.path.name, by_uid, tuple(added)))
        for (uid, index), (alt_text, _) in printed.alternatives.items():
            now = seen.alternatives.get((uid, index))
            if now is not None and now != normalise(alt_text) and (
                    own_file or now != rejected.alternatives.get((uid, index))):
                out.alternatives.append((uid, code, now))
        for c in embedded.clauses:
            if (c.deleted or c.is_heading) and c.uid in seen.units and \
                    seen.units[c.uid] != expected.get(c.uid) and (
                        own_file or seen.units[c.uid] != rejected.units.get(c.uid)):
                what = "heading" if c.is_heading else "deleted unit"  # not compiled
                out.warnings.append(f"{file.path.name}: {what} {labels[c.uid]} was edited by "
                                    f"{code}; only live units' texts are compiled, so that "
                                    "edit is not in the result")
        if seen.title != rejected.title or (own_file and seen.title != normalise(embedded.title)):
            out.warnings.append(f"{file.path.name}: the title was edited by {code}; titles are "
                                "not compiled, so that edit is not in the result")
    _reservations(out, comments, rejected.comments, units[0].uid if units else "")
    return out


def _reservations(out: FileReading, comments: list[WordComment], anchors: Mapping[str, str],
                  first: str) -> None:
    last = first
    for c in comments:
        uid = anchors.get(c.id) or last  # a reply in a thread: where the thread is
        last = uid
        text = _strip_reservation(c.text)
        if text:
            out.reservations.append(ReturnedReservation(uid, out.authors[c.author], c.author,
                                                        text))


# ---------------------------------------------------------------- any other Word file

def _read_foreign(file: ReturnedFile, base: Draft, author_map: Mapping[str, str],
                  file_code: str | None) -> FileReading:
    out = FileReading(file.path, counts=list(file.authors))
    live = live_units(base)
    base_list = [normalise(c.text) for c in live]
    rejected, numbers = file.imported_texts(set())
    known = set(base_list)
    out.untracked = [n for n, t in zip(numbers, rejected, strict=True) if t not in known]
    if len(rejected) != len(base_list) and not out.untracked:
        out.untracked = ["the number of units"]
    out.authors = _mapped(file, author_map, file.comments)
    if out.untracked and file_code is None:
        raise UntrackedEdits(file.path, out.untracked)
    codes = list(dict.fromkeys(out.authors[a.author] for a in file.authors))
    if out.untracked and file_code is not None and file_code not in codes:
        codes.append(file_code)
    for code in codes:
        authors = {a for a, c in out.authors.items() if c == code}
        texts, _ = file.imported_texts(authors)
        if code != file_code and out.untracked:
            moved = [rebase(b, r, t) for b, r, t in zip(base_list, rejected, texts,
                                                        strict=False)] \
                if len(texts) == len(rejected) == len(base_list) else [None]
            if all(m is not None for m in moved):
                texts = [m or "" for m in moved]
            else:
                out.warnings.append(f"{file.path.name}: {code}'s tracked edits could not be "
                                    "told apart from the edits made without tracking; "
                                    f"{code}'s version includes them")
        out.proposals.append(Proposal(code, tuple(texts), file.path.name))
    body = file.resolved(set()).find(qn("w:body"))
    anchors = {cid: _best_unit(read_paragraph(p).text, live)
               for cid, p in comment_anchors(body).items()}
    _reservations(out, file.comments, anchors, live[0].uid if live else "")
    return out


def _best_unit(text: str, live: list[Any]) -> str:
    """The base unit a comment's paragraph is most like (a comment is never dropped)."""
    from rapidfuzz import fuzz

    text = normalise(text)
    if not live:
        return ""
    return max(live, key=lambda c: fuzz.ratio(text, normalise(c.text))).uid
