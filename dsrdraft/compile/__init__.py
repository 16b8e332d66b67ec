"""Compilation text: several delegations' proposals on one base draft merged into one bracketed,
attributed draft (no Qt here). See docs/compile.md."""

from dsrdraft.compile.attribution import extract_text
from dsrdraft.compile.merge import (
    ClauseReport,
    Compilation,
    Proposal,
    base_texts,
    compile_proposals,
    extract_proposal,
    is_proposed_clause,
)
from dsrdraft.compile.sources import initiative_to_draft, load_base, load_proposal
from dsrdraft.draft.delegations import check_label

__all__ = ["ClauseReport", "Compilation", "Proposal", "base_texts", "check_label",
           "compile_proposals", "extract_proposal", "extract_text", "initiative_to_draft",
           "is_proposed_clause", "load_base", "load_proposal"]
