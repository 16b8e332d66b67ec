"""A draft's structure for the editor and its outline (`dsrdraft.draft.outline`)."""

from __future__ import annotations

import dataclasses
import time

from dsrdraft.draft import model as dm
from dsrdraft.draft.changes import draft_changes
from dsrdraft.draft.outline import draft_structure, preamble_lead, same_structure

H, PP = dm.DraftKind.HEADING, dm.DraftKind.PREAMBULAR


def treaty() -> dm.Draft:
    units = [dm.DraftClause("f", "The Parties,", "", kind=dm.DraftKind.FORMULA),
             dm.DraftClause("p1", "Recalling the 2017 Proposal,", "PP1", kind=PP),
             dm.DraftClause("p2", "Noting with concern the digital divide,", "PP2", kind=PP),
             dm.DraftClause("part", "General provisions", "Part I", kind=H),
             dm.DraftClause("a1", "Scope", "Article 1", kind=H),
             dm.DraftClause("x1", "This Agreement applies to…", "1"),
             dm.DraftClause("x1a", "data flows;", "(a)"),
             dm.DraftClause("x2", "It does not apply to…", "2"),
             dm.DraftClause("a2", "Definitions", "Article 2", kind=H),
             dm.DraftClause("y1", "For the purposes…", "1"),
             dm.DraftClause("annex", "Model clauses", "Annex I", kind=H),
             dm.DraftClause("z1", "Clause one.", "1", kind=dm.DraftKind.ANNEX)]
    return dataclasses.replace(dm.new_draft("Treaty"), clauses=tuple(units))


def test_addresses_depths_and_outline():
    s = draft_structure(treaty())
    assert s.addresses == dm.unit_addresses(treaty())  # the core's addresses, not others
    assert [s.addresses[u] for u in ("p2", "x1", "x2", "y1", "z1")] == \
        ["PP2", "1.1", "1.2", "2.1", "1"]
    assert [s.depths[u] for u in ("p1", "part", "a1", "x1", "x1a", "a2", "annex", "z1")] == \
        [0, 0, 1, 2, 3, 1, 0, 1]
    assert [(e.text, e.depth, e.kind) for e in s.outline] == [
        ("Preamble", 0, "preamble"), ("Part I — General provisions", 0, "part"),
        ("Article 1 — Scope", 1, "article"), ("Article 2 — Definitions", 1, "article"),
        ("Annex I — Model clauses", 0, "annex")]
    assert s.outline[0].uid == "p1"


def test_a_resolution_without_divisions_has_preamble_and_operative_part():
    d = dm.add_clause(dm.new_draft("R"), "Recalling its resolution 70/1,", kind=PP)
    d = dm.add_clause(dm.add_clause(d, "Decides…"), "Requests…")
    assert [e.label for e in draft_structure(d).outline] == ["Preamble", "Operative part"]


def test_same_structure_tells_which_edits_need_no_recount():
    d = treaty()
    for edited, same in ((dm.set_status(d, "x1", "agreed"), True),
                         (dm.edit_clause_text(d, "x1", "New text."), True),
                         (dm.edit_clause_text(d, "a1", "Scope of application"), False),
                         (dm.set_label(d, "a1", "Article 7"), False),
                         (dm.delete_clause(d, "a2"), False),
                         (dm.move_clause(d, "y1", 5), False),
                         (dm.add_clause(d, "More."), False)):
        assert same_structure(d, edited, draft_changes(d, edited).clauses) is same


def test_preamble_lead_is_the_italic_opening_phrase():
    lead = {t: t[:preamble_lead(t)] for t in (
        "Recalling its resolution 70/1,", "Noting with deep concern that…",
        "Bearing in mind the Charter,", "Deeply concerned about…", "Having considered the report",
        "Taking into account", "Recognizing also that", "认识到数字经济", "(a) not a lead")}
    assert list(lead.values()) == ["Recalling", "Noting with deep concern", "Bearing in mind",
                                   "Deeply concerned", "Having considered",
                                   "Taking into account", "Recognizing also", "", ""]


def test_structure_of_a_thousand_paragraphs_is_fast():
    units = []
    for a in range(50):
        units.append(dm.DraftClause(f"h{a}", f"Title {a}", f"Article {a + 1}", kind=H))
        units += [dm.DraftClause(f"u{a}.{p}", "Text.", str(p + 1)) for p in range(20)]
    d = dataclasses.replace(dm.new_draft("Big"), clauses=tuple(units))
    draft_structure(d)
    start = time.perf_counter()
    for _ in range(10):
        draft_structure(d)
    assert (time.perf_counter() - start) / 10 < 0.010  # well under a frame (about 2 ms)


def test_a_library_treaty_in_a_draft_keeps_its_addresses():
    """Library numbers inside an Article ("5.1") become the draft's paragraph labels ("1"),
    which `unit_addresses` qualifies again: the Article's paragraphs read 5.1, 5.2, never
    5.5.1, and a move numbers them in order instead of calling them "bis"."""
    from dsrdraft.model import Clause, Division, DivisionKind, Initiative

    ini = Initiative(
        id="t", title="Treaty", language="en",
        clauses=(Clause("5.1", "", "One.", path=("Article 5",), label="1."),
                 Clause("5.2", "", "Two.", path=("Article 5",), label="2."),
                 Clause("6", "", "Only.", path=("Article 6",), label="")),
        divisions=(Division(DivisionKind.ARTICLE, "Article 5", "Immunity", "Article 5", 0),
                   Division(DivisionKind.ARTICLE, "Article 6", "Taxes", "Article 6", 2)))
    d = dataclasses.replace(dm.new_draft("T"), clauses=dm.units_from_initiative(ini))
    addresses = dm.unit_addresses(d)
    assert [addresses[c.uid] for c in d.clauses] == ["Article 5", "5.1", "5.2", "Article 6",
                                                     "6.1"]
    assert [str(c.provenance) for c in d.clauses if not c.is_heading] == ["t:5.1", "t:5.2",
                                                                          "t:6"]
    moved = dm.number_in_order(dm.move_clause(d, d.clauses[2].uid, 1))
    assert [c.label for c in moved.clauses if not c.is_heading] == ["1", "2", "1"]


def test_enclosing_entry_is_the_division_a_unit_is_in():
    from dsrdraft.draft.outline import enclosing_entry

    d = treaty()
    s = draft_structure(d)
    at = {c.uid: i for i, c in enumerate(d.clauses)}
    names = [e.text for e in s.outline]

    def holder(uid: str) -> str | None:
        i = enclosing_entry(s.outline, at.__getitem__, at[uid])
        return None if i is None else names[i]

    assert holder("p2") == "Preamble"
    assert holder("x1a") == "Article 1 — Scope"
    assert holder("a2") == "Article 2 — Definitions"
    assert holder("z1") == "Annex I — Model clauses"
    assert enclosing_entry(s.outline, at.__getitem__, at["f"]) is None  # before the preamble
