"""One key syntax for the texts a user picks (`dsrdraft.sources`)."""

from __future__ import annotations

import pytest

from dsrdraft.draft import model as dm
from dsrdraft.draft.compound import (
    LibraryClauseRef,
    add_description,
    add_library_clauses,
    replace_from_library,
    restored_draft,
)
from dsrdraft.draft.model import move_in_order
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


def test_library_units_land_where_their_kind_goes():
    d = dm.add_clause(dm.new_draft("T"), "Recalling one,", uid="p1", kind="preambular")
    d = dm.add_clause(d, "One.", uid="a")
    d = dm.add_clause(d, "Two.", uid="b")
    pp = LibraryClauseRef("lib", "PP2", "Recognizing two,", kind="preambular")
    op = LibraryClauseRef("lib", "3", "Three.")
    assert LibraryClauseRef.from_dict(pp.to_dict()) == pp
    appended, _ = add_library_clauses(d, [pp, op], uids=["x", "y"])
    assert [c.uid for c in appended.clauses] == ["p1", "x", "a", "b", "y"]
    assert appended.clause("x").kind is dm.DraftKind.PREAMBULAR
    assert appended.clause("x").label == "PP2" and appended.clause("y").label == "3"
    assert add_description([pp]) == "Add preambular paragraph lib:PP2"
    # dropped on the body's second row: the preambular paragraph stops at the preamble's end
    dropped, _ = add_library_clauses(d, [pp, op], 2, uids=["x", "y"])
    assert [c.uid for c in dropped.clauses] == ["p1", "x", "a", "y", "b"]
    assert [c.label for c in dropped.clauses] == ["PP1", "PP2", "1", "2", "3"]
    # dropped on the first row: the preambular one before it, the operative one after the
    # preamble
    on_top, _ = add_library_clauses(d, [pp, op], 0, uids=["x", "y"])
    assert [c.uid for c in on_top.clauses] == ["x", "p1", "y", "a", "b"]
    heading = LibraryClauseRef("lib", "Article 4", "Scope", kind="heading")
    with_heading, _ = add_library_clauses(d, [heading], uids=["h"])
    assert with_heading.clause("h").is_heading and with_heading.clause("h").label == "Article 4"
