"""Reading a compilation's inputs: the base and the proposals (draft files, .docx, .txt, .md)."""

from __future__ import annotations

from pathlib import Path

from dsrdraft.compile.merge import Proposal, normalise
from dsrdraft.draft.delegations import check_label
from dsrdraft.draft.model import Draft, DraftSignatory, units_from_initiative
from dsrdraft.model import Initiative


def initiative_to_draft(initiative: Initiative) -> Draft:
    """A draft holding an initiative's text (unit numbers become labels, divisions headings)."""
    return Draft(
        title=initiative.title,
        date=initiative.date or "",
        place=initiative.place or "",
        clauses=units_from_initiative(initiative),
        signatories=tuple(DraftSignatory(s.code) for s in initiative.signatories),
    )


def load_base(ref: str, db_url: str | None = None) -> Draft:
    """The base as a draft: a draft file (or DRAFT@revN) as is, a dsrdraft export as the
    draft it carries, any other text parsed."""
    from dsrdraft.draft.storage import load_draft_ref
    from dsrdraft.refs import load_initiative_ref

    draft = load_draft_ref(ref)
    if draft is not None:
        return draft
    if Path(ref).suffix.lower() == ".docx" and Path(ref).is_file():
        from dsrdraft.export.embedded import read_embedded_draft
        from dsrdraft.ooxml.package import DocxPackage

        with DocxPackage(Path(ref)) as package:
            carried = read_embedded_draft(package)
        if carried is not None:
            return carried
    return initiative_to_draft(load_initiative_ref(ref, db_url))


def load_proposal(ref: str, code: str, db_url: str | None = None) -> Proposal:
    """One delegation's proposal: a draft file's live clauses, or a parsed .docx/.txt/.md."""
    from dsrdraft.refs import load_initiative_ref

    initiative = load_initiative_ref(ref, db_url)
    return Proposal(check_label(code), tuple(normalise(c.text) for c in initiative.clauses),
                    source=Path(ref).name)
