"""Shared drafts in the library database: compare-and-swap saves, every version kept, the
unit-level merge of a refused save; on a SQLite file and on a real PostgreSQL server."""

from __future__ import annotations

import pytest

from dsrdraft.draft import model as m
from dsrdraft.draft.merge import merge_drafts
from dsrdraft.errors import DsrError
from dsrdraft.store import open_library
from dsrdraft.store.drafts import DraftConflict, SharedDrafts


def three_clauses() -> m.Draft:
    draft = m.new_draft("Digital Cooperation Initiative", symbol="DSR/2026/L.1")
    for body in ("Expand broadband access.", "Promote e-commerce.", "Bridge the divide."):
        draft = m.add_clause(draft, body)
    return draft


def uid(draft: m.Draft, label: str) -> str:
    return next(c.uid for c in draft.clauses if c.label == label)


# ------------------------------------------------------------------ the merge (pure)

def test_edits_to_different_units_merge_by_themselves():
    base = three_clauses()
    mine = m.edit_clause_text(base, uid(base, "1"), "Expand affordable broadband access.")
    theirs = m.set_status(base, uid(base, "2"), "agreed")
    theirs = m.edit_clause_text(theirs, uid(base, "3"), "Bridge the digital divide.")
    result = merge_drafts(base, mine, theirs, "CHN")
    texts = [c.text for c in result.draft.clauses]
    assert texts == ["Expand affordable broadband access.", "Promote e-commerce.",
                     "Bridge the digital divide."]
    assert result.draft.clauses[1].status is m.Status.AGREED
    assert result.conflicts == () and result.merged == (uid(base, "1"),)


def test_the_same_unit_edited_twice_becomes_attributed_alternatives():
    base = three_clauses()
    one = uid(base, "1")
    mine = m.edit_clause_text(base, one, "Expand affordable broadband access.")
    theirs = m.edit_clause_text(base, one, "Expand broadband access for all.")
    result = merge_drafts(base, mine, theirs, "THA")
    unit = result.draft.clause(one)
    assert unit.text == "Expand broadband access for all."  # the saved text stays
    assert unit.alternatives == (m.Alternative("Expand affordable broadband access.",
                                               ("THA",)),)
    (conflict,) = result.conflicts
    assert (conflict.field, conflict.kept_as) == ("text", "Alt 1")
    assert "Alt 1" in str(conflict)


def test_an_author_who_is_no_delegation_proposes_nothing():
    """A database user ("alice") is not a proposer: the merged draft must still be a draft
    a file can hold (it refuses proposers that are not delegations)."""
    from dsrdraft.draft.storage import draft_from_json, draft_to_json

    base = three_clauses()
    one = uid(base, "1")
    mine = m.edit_clause_text(base, one, "Expand affordable broadband access.")
    theirs = m.edit_clause_text(base, one, "Expand broadband access for all.")
    result = merge_drafts(base, mine, theirs, "alice")
    assert result.draft.clause(one).alternatives == (
        m.Alternative("Expand affordable broadband access.", ()),)
    assert draft_from_json(draft_to_json(result.draft)) == result.draft
    laos = merge_drafts(base, mine, theirs, "Laos").draft.clause(one).alternatives
    assert laos[0].proposers == ("LAO",)


def test_units_added_on_both_sides_and_lists_are_kept():
    base = three_clauses()
    two = uid(base, "2")
    mine = m.add_clause(base, "Mine: protect consumers.", after=two)
    mine = m.add_reservation(mine, two, "EGY", "Reserves its position.")
    theirs = m.add_clause(base, "Theirs: cooperate on skills.")
    theirs = m.add_reservation(theirs, two, "LAO", "Needs consultation.")
    result = merge_drafts(base, mine, theirs, "EGY")
    texts = [c.text for c in result.draft.clauses]
    assert texts == ["Expand broadband access.", "Promote e-commerce.",
                     "Mine: protect consumers.", "Bridge the divide.",
                     "Theirs: cooperate on skills."]
    assert [r.delegation for r in result.draft.clause(two).reservations] == ["LAO", "EGY"]
    assert result.conflicts == ()


def test_a_scalar_set_differently_keeps_the_saved_value_and_says_so():
    base = three_clauses()
    mine = m.set_status(base, uid(base, "1"), "agreed")
    theirs = m.set_status(base, uid(base, "1"), "ad_referendum")
    mine = m.set_metadata(mine, title="Mine")
    theirs = m.set_metadata(theirs, title="Theirs")
    result = merge_drafts(base, mine, theirs)
    assert result.draft.clauses[0].status is m.Status.AD_REFERENDUM
    assert result.draft.title == "Theirs"
    assert {(c.field, c.mine) for c in result.conflicts} == {("status", m.Status.AGREED),
                                                             ("title", "Mine")}


# ------------------------------------------------------------------ stored, both backends

@pytest.fixture
def shared(backend_url):
    library = open_library(backend_url, seed=False)
    yield SharedDrafts(library)
    library.close()


def test_create_load_and_save_keep_every_version(shared):
    draft = three_clauses()
    stored = shared.create("l1", draft, author="secretariat")
    assert (stored.version, stored.saved_by) == (1, "secretariat")
    assert shared.load("l1").draft == draft
    edited = m.edit_clause_text(draft, uid(draft, "1"), "Expand affordable broadband.")
    second = shared.save("l1", edited, 1, author="secretariat")
    assert second.version == 2
    assert shared.load("l1").draft == edited
    assert shared.load("l1", version=1).draft == draft  # every version kept
    assert [v.version for v in shared.versions("l1")] == [1, 2]
    with pytest.raises(DsrError, match="already exists"):
        shared.create("l1", draft)
    with pytest.raises(DsrError, match="no shared draft 'nope'"):
        shared.load("nope")


def test_a_save_from_an_old_version_is_refused_and_writes_nothing(shared):
    draft = three_clauses()
    shared.create("l1", draft, author="a")
    theirs = m.edit_clause_text(draft, uid(draft, "2"), "Promote cross-border e-commerce.")
    shared.save("l1", theirs, 1, author="alice")
    mine = m.edit_clause_text(draft, uid(draft, "1"), "Expand broadband for all.")
    with pytest.raises(DraftConflict) as refused:
        shared.save("l1", mine, 1, author="bob")
    message = str(refused.value)
    assert "not saved" in message and "version 2 was saved by alice" in message
    assert "version 1" in message and "nothing was written" in message
    assert refused.value.current.draft == theirs
    assert shared.load("l1").version == 2  # nothing written
    # the refused edit is not lost: merged into version 2 and saved as version 3
    base = shared.load("l1", version=1)
    stored, merge = shared.save_merging("l1", base, mine, author="bob")
    assert stored.version == 3 and merge is not None and merge.conflicts == ()
    assert [c.text for c in stored.draft.clauses][:2] == ["Expand broadband for all.",
                                                          "Promote cross-border e-commerce."]
    assert shared.versions("l1")[-1].note == "merged with version 2"


def test_two_processes_saving_at_once_one_wins_the_other_loses_nothing(backend_url):
    from benchmarks.bench_draft_race import race

    result = race(backend_url, trials=12)  # the README's figure: 200 trials
    assert result.errors == 0
    assert (result.wins, result.refused) == (12, 12)  # one winner and one refused per trial
    assert result.silent_losses == 0


# ------------------------------------------------------------------ the command line

def test_cli_tour_on_a_shared_draft(backend_url, capsys, tmp_path):
    from dsrdraft.cli import main

    def run(*args: str) -> str:
        assert main(["--db", backend_url, *args]) == 0, capsys.readouterr().err
        return capsys.readouterr().out

    open_library(backend_url).close()  # seeded with the bundled texts
    run("draft", "new", "Digital Cooperation Initiative", "--out", "db:dsr/l1",
        "--symbol", "DSR/2026/L.1")
    run("draft", "add", "db:dsr/l1", "obor-digital-economy-2017:1",
        "beijing-initiative-2023:16")
    run("draft", "edit", "db:dsr/l1", "2", "--text", "Promote [digital skills] for all.")
    run("draft", "reserve", "db:dsr/l1", "2", "EGY", "Reserves its position.")
    assert "now DSR/2026/L.1/Rev.1" in run("draft", "revise", "db:dsr/l1")
    run("draft", "edit", "db:dsr/l1", "2", "--text", "Promote [digital literacy] for all.")
    shown = run("draft", "show", "db:dsr/l1")
    assert "DSR/2026/L.1/Rev.1" in shown and "reservation 1 (EGY)" in shown
    assert "[digital literacy]" in shown
    assert "[digital skills]" in run("draft", "show", "db:dsr/l1@rev0")
    history = run("draft", "history", "db:dsr/l1")
    assert [line.split()[1] for line in history.splitlines()] == ["1", "2", "3", "4", "5", "6"]
    assert "db:dsr/l1  version 6" in run("draft", "list")
    out = tmp_path / "r.docx"
    run("export", "db:dsr/l1", "--out", str(out), "--mode", "redline",
        "--against", "db:dsr/l1@rev0")
    assert out.stat().st_size > 0
    assert '"changed"' in run("compare", "db:dsr/l1@rev0", "db:dsr/l1", "--json")


def test_cli_save_over_a_newer_version_is_refused_in_one_line(backend_url):
    from dsrdraft.cli.draft_refs import DraftTarget

    with open_library(backend_url, seed=False) as library:
        SharedDrafts(library).create("l1", three_clauses(), author="alice")
    with DraftTarget("db:l1", backend_url) as mine, DraftTarget("db:l1", backend_url) as other:
        draft = mine.load()
        other.save(m.set_status(other.load(), uid(draft, "1"), "agreed"))
        with pytest.raises(DraftConflict, match=r"^db:l1: not saved: version 2 was saved by"):
            mine.save(m.edit_clause_text(draft, uid(draft, "2"), "Changed."))
        assert DraftConflict.exit_code == 1
