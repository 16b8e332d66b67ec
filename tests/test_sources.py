"""One key syntax for the texts a user picks (`dsrdraft.sources`)."""

from __future__ import annotations

import pytest

from dsrdraft.draft import model as dm
from dsrdraft.draft.compound import (
    LibraryClauseRef,
    add_description,
    add_library_clauses,
    move_in_order,
    replace_from_library,
    restored_draft,
)
from dsrdraft.errors import DsrError
from dsrdraft.sources import (
    CURRENT_DRAFT,
    SourceKey,
    file_key,
    library_key,
    needs_library,
    resolve_source,
    revision_key,
)


def test_keys_round_trip():
    for key in (library_key("beijing-2023"), revision_key(2), CURRENT_DRAFT, file_key("/a/b.docx")):
        assert str(SourceKey.parse(key)) == key
    assert needs_library(library_key("x")) and needs_library(file_key("x.txt"))
    assert not needs_library(revision_key(0)) and not needs_library(CURRENT_DRAFT)


@pytest.mark.parametrize("bad", ["", "lib:", "rev:x", "nope:1", "beijing-2023"])
def test_bad_keys_are_refused(bad):
    with pytest.raises(DsrError):
        SourceKey.parse(bad)


def test_draft_keys_resolve_without_a_library():
    d = dm.add_clause(dm.new_draft("T", symbol="DSR/1"), "First.")
    d = dm.revise(d, date="2026-01-01")
    d = dm.edit_clause_text(d, d.clauses[0].uid, "First, changed.")
    assert resolve_source(revision_key(0), draft=d).clauses[0].text == "First."
    assert resolve_source(CURRENT_DRAFT, draft=d).clauses[0].text == "First, changed."
    with pytest.raises(DsrError):
        resolve_source(CURRENT_DRAFT)


def test_compound_edits():
    d = dm.add_clause(dm.add_clause(dm.new_draft("T"), "One.", uid="a"), "Two.", uid="b")
    refs = [LibraryClauseRef("lib", "3", "Three."), LibraryClauseRef("lib", "4", "Four.")]
    at_start, uids = add_library_clauses(d, refs, 0, uids=["x", "y"])
    assert [c.uid for c in at_start.clauses] == ["x", "y", "a", "b"]
    assert [c.label for c in at_start.clauses] == ["1", "2", "3", "4"]
    assert uids == ["x", "y"] and add_description(refs) == "Add 2 clauses"
    moved = move_in_order(d, "a", 5)
    assert [c.uid for c in moved.clauses] == ["b", "a"] and moved.clauses[0].label == "1"
    replaced = replace_from_library(d, "a", refs[0])
    assert replaced.clause("a").text == "Three." and str(replaced.clause("a").provenance) == "lib:3"
    kept = dm.revise(d, date="2026-01-01")
    assert restored_draft(kept, 0).revisions == () and restored_draft(kept, 0).clauses == d.clauses
