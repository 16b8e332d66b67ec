"""Checked edits by address (dsrdraft.draft.edits) and the address resolver behind them."""

from __future__ import annotations

import pytest

from dsrdraft.draft import edits
from dsrdraft.draft import model as m
from dsrdraft.draft.addressing import UnknownUnitError, resolve_unit
from dsrdraft.draft.delegations import check_delegation, check_delegations
from dsrdraft.errors import DsrError


@pytest.fixture
def draft() -> m.Draft:
    d = m.new_draft("T", symbol="X/1")
    for text in ("First clause.", "Second clause.", "Third clause."):
        d = m.add_clause(d, text)
    return m.add_clause(d, "Inserted clause.", after=d.clauses[1].uid)  # "2 bis"


@pytest.mark.parametrize(("address", "text"), [
    ("2", "Second clause."),
    ("2 bis", "Inserted clause."),
    ("  2   BIS ", "Inserted clause."),
    ("3", "Third clause."),
])
def test_addresses_match_labels_case_and_spacing_aside(draft, address, text):
    assert resolve_unit(draft, address).text == text


def test_a_uid_is_an_address_too(draft):
    uid = draft.clauses[2].uid
    assert resolve_unit(draft, uid).label == "2 bis"


def test_unknown_address_names_the_known_labels(draft):
    with pytest.raises(UnknownUnitError) as info:
        resolve_unit(draft, "12")
    assert str(info.value) == "no clause '12' in the draft (clauses: 1, 2, 2 bis, 3)"


def test_long_drafts_are_named_in_part():
    d = m.new_draft("T")
    for n in range(60):
        d = m.add_clause(d, f"Clause {n}.")
    with pytest.raises(UnknownUnitError) as info:
        resolve_unit(d, "99")
    message = str(info.value)
    assert "clauses: 1, 2," in message and "…" in message and message.endswith("59, 60)")


def test_a_shared_label_asks_for_the_uid(draft):
    d = m.renumber(m.delete_clause(draft, draft.clauses[1].uid))  # deleted "2" keeps its label
    with pytest.raises(UnknownUnitError, match=r"shared by 2 clauses .*deleted.*give the uid"):
        resolve_unit(d, "2")


@pytest.mark.parametrize(("code", "stored"), [
    ("chn", "CHN"), ("THA", "THA"), ("G77/China", "G77/China"), ("EU", "EU"),
    ("African Group", "African Group"),
])
def test_delegations(code, stored):
    assert check_delegation(code) == stored


@pytest.mark.parametrize(("code", "message"), [
    ("CHM", "'CHM' is not an ISO 3166 alpha-3 country code"),
    ("CN", "'CN' is an ISO 3166 alpha-2 code: write the alpha-3 code CHN"),
    ("CHN (lead)", "bad delegation label"),
    ("", "bad delegation label"),
])
def test_bad_delegations(code, message):
    with pytest.raises(DsrError, match=message.replace("(", r"\(").replace(")", r"\)")):
        check_delegation(code)


def test_duplicate_delegations_are_dropped_in_order():
    assert check_delegations(["tha", "CHN", "THA"]) == ("THA", "CHN")


def test_text_with_unbalanced_brackets_is_refused_naming_clause_and_position(draft):
    with pytest.raises(DsrError) as info:
        edits.set_text(draft, "2 bis", "States [shall promote] [trade.")
    assert str(info.value) == "unbalanced brackets: clause 2 bis: unclosed '[' at position 23"
    with pytest.raises(DsrError, match=r"clause 3 Alt 1: unbalanced '\]' at position 4"):
        edits.add_alternative(draft, "3", "Some] text")


def test_each_edit_returns_the_clause_and_says_what_it_did(draft):
    e = edits.set_text(draft, "1", "  New   [text]. ")
    assert (e.clause().text, e.summary) == ("New [text].", "clause 1: text set")
    e = edits.set_status(e.draft, "1", "ad_referendum")
    assert e.clause().status is m.Status.AD_REFERENDUM
    e = edits.add_alternative(e.draft, "1", "Other text.", ["chn", "G77/China"])
    assert e.clause().alternatives == (m.Alternative("Other text.", ("CHN", "G77/China")),)
    assert e.summary == "clause 1: added Alt 1 (CHN, G77/China)"
    e = edits.remove_alternative(e.draft, "1", 1)
    assert e.clause().alternatives == ()
    e = edits.add_reservation(e.draft, "2", "egy", "Reserves its position.")
    assert e.clause().reservations == (m.Reservation("EGY", "Reserves its position."),)
    e = edits.remove_reservation(e.draft, "2", 1)
    assert e.summary == "clause 2: removed reservation 1 (EGY)"
    e = edits.set_proposers(e.draft, "3", ["THA"])
    assert e.clause().proposers == ("THA",)
    e = edits.delete(e.draft, "3", ["EGY"])
    assert (e.clause().deleted, e.clause().deleted_by) == (True, ("EGY",))
    e = edits.restore(e.draft, "3")
    assert not e.clause().deleted


@pytest.mark.parametrize(("call", "message"), [
    (lambda d: edits.remove_alternative(d, "1", 1), "clause 1 has no alternatives"),
    (lambda d: edits.remove_reservation(d, "1", 2), "clause 1 has no reservations"),
    (lambda d: edits.restore(d, "1"), "clause 1 is not deleted"),
    (lambda d: edits.delete(edits.delete(d, "1").draft, "1"), "clause 1 is already deleted"),
    (lambda d: edits.set_status(d, "1", "done"), "unknown status 'done'"),
    (lambda d: edits.set_text(d, "1", "   "), "clause 1: the text is empty"),
    (lambda d: edits.move(d, "1", to=9), r"the draft has no position 9 \(positions 1 to 4\)"),
    (lambda d: edits.move(d, "1", before="1"), "cannot be moved next to itself"),
    (lambda d: edits.relabel(d, "1", "2 bis"), "'2 bis' is already used"),
    (lambda d: edits.set_meta(d), "no metadata to change"),
    (lambda d: edits.set_preamble(d, "Recalling [its"), "unbalanced brackets: preamble"),
])
def test_refusals(draft, call, message):
    with pytest.raises(DsrError, match=message):
        call(draft)


def test_move_numbers_in_order_and_keeps_bis(draft):
    e = edits.move(draft, "1", after="3")
    assert [c.text for c in e.draft.clauses] == [
        "Second clause.", "Inserted clause.", "Third clause.", "First clause."]
    assert [c.label for c in e.draft.clauses] == ["1", "1 bis", "2", "3"]
    assert e.summary == "clause 1: moved to position 4 (now clause 3)"
    assert [c.label for c in edits.move(draft, "3", before="1").draft.clauses] == [
        "1", "2", "3", "3 bis"]
    assert edits.move(draft, "3", to=1).draft.clauses[0].text == "Third clause."


def test_bis_renumber_preamble_meta(draft):
    e = edits.insert_bis(draft, "2", "Another [inserted] clause.", ["THA"])
    assert (e.clause().label, e.clause().proposers) == ("2 ter", ("THA",))
    assert [c.label for c in e.draft.clauses] == ["1", "2", "2 ter", "2 bis", "3"]
    e = edits.renumber(e.draft)
    assert [c.label for c in e.draft.clauses] == ["1", "2", "3", "4", "5"]
    assert e.summary == "renumbered: 2 ter → 3, 2 bis → 4, 3 → 5"
    e = edits.set_preamble(e.draft, "Recalling [the] Declaration,")
    assert e.draft.preamble == "Recalling [the] Declaration,"
    e = edits.set_meta(e.draft, title="New title", place="Beijing", symbol=None)
    assert (e.draft.title, e.draft.place, e.draft.symbol) == ("New title", "Beijing", "X/1")
    assert e.summary == "title: New title; place: Beijing"
    e = edits.add_text(e.draft, "A new [last] clause.", ["chn"])
    assert (e.clause().label, e.clause().proposers) == ("6", ("CHN",))
