"""Edits recomputed only where they touched the draft: the numbering after a move
(`number_in_order(near=…)`) and the structure after an edit (`updated_structure`) agree with
the computation from scratch on random drafts and random edits."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from dsrdraft.draft import model as dm
from dsrdraft.draft.outline import draft_structure, updated_structure
from dsrdraft.errors import DsrError

K = dm.DraftKind
HEADINGS = ["Article 1", "Article 2", "Article 3", "Annex I", "Part II", "Chapter 4",
            "Section 2", "", "第五条"]
LABELS = ["1", "2", "3", "7", "", "(a)", "(iv)", "2 bis", "3 ter", "4.2.1", "PP1", "PP2",
          "PP3 bis", "IV"]
KINDS = [K.OPERATIVE, K.OPERATIVE, K.PREAMBULAR, K.ANNEX, K.FORMULA, K.CLOSING, K.HEADING]


@st.composite
def drafts(draw: st.DrawFn) -> dm.Draft:
    n = draw(st.integers(1, 40))
    units = []
    for i in range(n):
        kind = draw(st.sampled_from(KINDS))
        label = draw(st.sampled_from(HEADINGS if kind is K.HEADING else LABELS))
        units.append(dm.DraftClause(f"u{i}", f"Text {i}.", label, kind=kind,
                                    deleted=draw(st.booleans()) and i % 5 == 0))
    return dataclasses.replace(dm.new_draft("T"), clauses=tuple(units))


def edits(d: dm.Draft, data: st.DataObject) -> dm.Draft:
    n = len(d.clauses)
    uid = d.clauses[data.draw(st.integers(0, n - 1))].uid
    what = data.draw(st.sampled_from(["move", "label", "text", "status", "kind"]))
    if what == "move":
        return dm.move_clause(d, uid, data.draw(st.integers(0, n - 1)))
    if what == "label":
        return dm.set_label(d, uid, data.draw(st.sampled_from(LABELS + HEADINGS)))
    if what == "text":
        return dm.edit_clause_text(d, uid, "Edited.")
    if what == "status":
        return dm.set_status(d, uid, "agreed")
    c = d.clause(uid)
    return dataclasses.replace(d, clauses=tuple(
        dataclasses.replace(x, kind=data.draw(st.sampled_from(KINDS))) if x is c else x
        for x in d.clauses))


@settings(max_examples=400, deadline=None)
@given(drafts(), st.data())
def test_updated_structure_equals_the_structure_from_scratch(d: dm.Draft,
                                                            data: st.DataObject) -> None:
    before = draft_structure(d)
    after = edits(d, data)
    if data.draw(st.booleans()):
        after = edits(after, data)  # two edits at once: two stretches, or a longer one
    got, want = updated_structure(d, after, before), draft_structure(after)
    assert dict(got.addresses) == dict(want.addresses)
    assert dict(got.depths) == dict(want.depths)
    assert got.outline == want.outline
    if got.restated is not None:
        assert got.restated == {u for u in want.addresses
                                if before.addresses.get(u) != want.addresses[u]
                                or before.depths.get(u) != want.depths[u]}


@settings(max_examples=400, deadline=None)
@given(drafts(), st.data())
def test_a_move_numbers_the_divisions_it_touched_as_numbering_everything_would(
        d: dm.Draft, data: st.DataObject) -> None:
    d = dm.number_in_order(d)  # a draft kept in order while negotiating
    n = len(d.clauses)
    uid = d.clauses[data.draw(st.integers(0, n - 1))].uid
    to = data.draw(st.integers(0, n - 1))
    assert dm.move_in_order(d, uid, to) == dm.number_in_order(dm.move_clause(d, uid, to))


def test_a_move_leaves_other_articles_numbered_as_written() -> None:
    units = [dm.DraftClause("h1", "Scope", "Article 1", kind=K.HEADING),
             dm.DraftClause("a", "One.", "1"), dm.DraftClause("b", "Two.", "2"),
             dm.DraftClause("h2", "Rules", "Article 2", kind=K.HEADING),
             # the text's own numbering: a gap left by a deleted paragraph, a dotted label
             dm.DraftClause("c", "One.", "1"), dm.DraftClause("d", "Three.", "3"),
             dm.DraftClause("e", "Sub.", "3.1")]
    d = dataclasses.replace(dm.new_draft("T"), clauses=tuple(units))
    moved = dm.move_in_order(d, "b", 1)
    assert [c.label for c in moved.clauses] == ["Article 1", "1", "2", "Article 2", "1", "3",
                                                "3.1"]
    assert [c.uid for c in moved.clauses[1:3]] == ["b", "a"]
    # numbering everything keeps the dotted label as written, not "3 bis" or "0 bis"
    assert dm.number_in_order(d).clause("e").label == "3.1"


def test_a_division_moves_with_its_paragraphs_and_sub_divisions() -> None:
    units = [dm.DraftClause("pp", "Recalling…", "PP1", kind=K.PREAMBULAR),
             dm.DraftClause("part", "General", "Part I", kind=K.HEADING),
             dm.DraftClause("a1", "Scope", "Article 1", kind=K.HEADING),
             dm.DraftClause("x1", "One.", "1"), dm.DraftClause("x2", "Two.", "2"),
             dm.DraftClause("a2", "Rules", "Article 2", kind=K.HEADING),
             dm.DraftClause("y1", "One.", "1"), dm.DraftClause("y1b", "Inserted.", "1 bis"),
             dm.DraftClause("part2", "Final", "Part II", kind=K.HEADING),
             dm.DraftClause("a3", "Entry", "Article 3", kind=K.HEADING),
             dm.DraftClause("z1", "One.", "1")]
    d = dataclasses.replace(dm.new_draft("T"), clauses=tuple(units))
    assert dm.division_span(d.clauses, 2) == (2, 5)
    assert dm.division_span(d.clauses, 1) == (1, 8)  # Part I holds both Articles
    up = dm.move_division(d, "a2", -1)
    assert [c.uid for c in up.clauses] == ["pp", "part", "a2", "y1", "y1b", "a1", "x1", "x2",
                                           "part2", "a3", "z1"]
    assert [c.label for c in up.clauses][3:5] == ["1", "1 bis"]  # numbered in its Article
    assert dm.move_division(up, "a2", 1) == d
    down = dm.move_division(d, "part", 1)  # a Part moves with its Articles
    assert [c.uid for c in down.clauses] == ["pp", "part2", "a3", "z1", "part", "a1", "x1",
                                             "x2", "a2", "y1", "y1b"]
    for uid, step, why in (("a1", -1, "first"), ("a2", 1, "last"), ("a3", -1, "first"),
                           ("x1", 1, "paragraph")):
        try:
            dm.move_division(d, uid, step)
        except DsrError as e:
            assert why in str(e)
        else:
            raise AssertionError(f"{uid} {step} moved")
