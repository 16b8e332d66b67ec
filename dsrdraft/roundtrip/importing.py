"""`draft import`: a Word file opened as a draft.

A dsrdraft export gives back the draft it carries, checked against what the file now says:
anything changed in Word since (tracked or not) comes back as attributed proposals, comments
as reservations, compiled on the exported draft exactly as `compile` does. Any other .docx is
imported as a new draft of its text (its tracked changes and comments, if any, compiled on the
text with all of them rejected, so none is silently accepted).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from dsrdraft.draft.model import Draft
from dsrdraft.errors import DsrError
from dsrdraft.roundtrip.compiling import ReturnedCompilation, Source, compile_returned
from dsrdraft.roundtrip.returned import ReturnedFile


@dataclass(slots=True)
class Imported:
    """The draft read from a Word file, and what was found in it."""

    draft: Draft
    kind: str  # "export" (unchanged), "export with changes", "document"
    mode: str = ""
    compiled: ReturnedCompilation | None = None
    notes: list[str] = field(default_factory=list)


def import_docx(path: str | Path, author_map: Mapping[str, str] | None = None,
                file_code: str | None = None) -> Imported:
    """The draft a .docx holds (see the module's docstring); DsrError for what cannot be
    read, UnmappedAuthors / UntrackedEdits when it cannot be said whose the changes are."""
    path = Path(path)
    file = ReturnedFile(path)
    mapping = author_map or {}
    if file.embedded is not None:
        return _from_export(file, mapping, file_code)
    return _from_document(file, mapping, file_code)


def _from_export(file: ReturnedFile, mapping: Mapping[str, str],
                 file_code: str | None) -> Imported:
    embedded = file.embedded
    assert embedded is not None
    if file.mode == "redline":
        if file.authors or file.comments or not _unchanged(file.path):
            raise DsrError(f"{file.path.name}: this redline export was changed since it was "
                           "written, and a redline cannot be read back unit by unit (open "
                           "the negotiation or clean export instead)")
        return Imported(embedded, "export", file.mode)
    result = compile_returned(embedded, [Source(str(file.path), file_code)], mapping)
    reading = result.files[0]
    if not reading.proposals and not reading.reservations and not reading.alternatives:
        notes = list(reading.warnings)
        if not _unchanged(file.path):
            notes.append(f"{file.path.name}: its look changed since the export (formatting, "
                         "not text: the draft is as exported)")
        return Imported(embedded, "export", file.mode, result, notes)
    # A compilation starts a text with no history: the draft keeps its kept revisions.
    draft = replace(result.draft, revisions=embedded.revisions)
    return Imported(draft, "export with changes", file.mode, result,
                    list(result.to_json()["warnings"]))


def _unchanged(path: Path) -> bool:
    from dsrdraft.export.fingerprint import verify_docx

    try:
        return verify_docx(path).ok
    except DsrError:
        return False


def _from_document(file: ReturnedFile, mapping: Mapping[str, str],
                   file_code: str | None) -> Imported:
    from dsrdraft.compile.sources import initiative_to_draft
    from dsrdraft.parsing import parse_file

    notes = [f"{file.path.name}: a dsrdraft export made before exports carried their "
             "draft: imported as a new draft of its text (statuses, proposers, alternatives "
             "and reservations are not recovered)"] if file.is_export else []
    if not file.authors and not file.comments:
        return Imported(initiative_to_draft(parse_file(file.path)), "document", notes=notes)
    # The text as it was before anyone's tracked changes; theirs become proposals.
    base = _rejected_draft(file)
    result = compile_returned(base, [Source(str(file.path), file_code)], mapping)
    draft = result.draft
    return Imported(draft, "document", "", result,
                    notes + list(result.to_json()["warnings"]))


def _rejected_draft(file: ReturnedFile) -> Draft:
    """The file's text with every tracked change rejected, as a draft."""
    from dsrdraft.compile.sources import initiative_to_draft

    return initiative_to_draft(file.parsed(set()))
