import json

import pytest

from dsrdraft.draft import DraftSignatory, Provenance, Status
from dsrdraft.draft import model as m
from dsrdraft.draft.storage import (
    load_draft,
    load_draft_initiative,
    load_draft_ref,
    save_draft,
    split_revision_ref,
)
from dsrdraft.errors import DsrError


def sample():
    d = m.new_draft("Digital Cooperation", symbol="DSR/2026/L.1", place="Beijing",
                    date="2026-05-01")
    d = m.add_clause(d, "Expand broadband access.", Provenance("obor-digital-economy-2017", "1"))
    d = m.add_clause(d, "Promote [digital][e-] commerce.", proposers=["CHN"])
    d = m.add_clause(d, "Strengthen cybersecurity.")
    return d


def test_labels_bis_ter_and_renumber():
    d = sample()
    first = d.clauses[0].uid
    d = m.add_clause(d, "Inserted A.", after=first)
    d = m.add_clause(d, "Inserted B.", after=first)
    assert [c.label for c in d.clauses] == ["1", "1 ter", "1 bis", "2", "3"]
    d = m.add_clause(d, "Appended.")
    assert d.clauses[-1].label == "4"
    d = m.delete_clause(d, d.clauses[3].uid, by=["USA"])
    r = m.renumber(d)
    assert [c.label for c in r.clauses] == ["1", "2", "3", "2", "4", "5"]
    assert r.clauses[3].deleted and r.clauses[3].deleted_by == ("USA",)


def test_edits_are_pure():
    d = sample()
    uid = d.clauses[1].uid
    d2 = m.set_status(d, uid, "ad_referendum")
    d3 = m.add_alternative(d2, uid, "Facilitate e-commerce.", ["LAO", "G77/China"])
    d4 = m.add_reservation(d3, uid, "THA", "Subject to domestic law.")
    assert d.clauses[1].status is Status.OPEN
    assert d4.clauses[1].status is Status.AD_REFERENDUM
    assert d4.clauses[1].alternatives[0].proposers == ("LAO", "G77/China")
    assert d4.clauses[1].reservations[0].delegation == "THA"
    assert m.remove_alternative(d4, uid, 0).clauses[1].alternatives == ()
    d5 = m.move_clause(d4, uid, 0)
    assert d5.clauses[0].uid == uid
    d6 = m.add_signatory(d5, DraftSignatory("THA", "A"))
    d6 = m.add_signatory(d6, DraftSignatory("THA", "B"))
    assert d6.signatories == (DraftSignatory("THA", "B"),)


def test_revise_and_roundtrip(tmp_path):
    d = sample()
    assert d.full_symbol == "DSR/2026/L.1"
    d = m.revise(d, note="issued", date="2026-05-02")
    assert d.revision == 1 and d.full_symbol == "DSR/2026/L.1/Rev.1"
    d = m.edit_clause_text(d, d.clauses[0].uid, "Expand  affordable broadband access.")
    d = m.revise(d, note="second", date="2026-05-03")
    path = tmp_path / "d.json"
    save_draft(d, path)
    back = load_draft(path)
    assert back == d
    assert [r.number for r in back.revisions] == [0, 1]
    assert back.at_revision(0).clauses[0].text == "Expand broadband access."
    assert load_draft_initiative(f"{path}@rev1").clauses[0].text == (
        "Expand affordable broadband access.")
    assert load_draft_ref(f"{path}@current").revision == 2
    with pytest.raises(DsrError, match="no revision rev7"):
        load_draft_ref(f"{path}@rev7")
    assert load_draft_ref(str(tmp_path / "other.txt")) is None
    assert not list(tmp_path.glob("*.tmp"))


@pytest.mark.parametrize(
    ("ref", "expected"),
    [("a.json", ("a.json", None)), ("a.json@rev0", ("a.json", 0)),
     ("a.json@rev12", ("a.json", 12)), ("a.json@current", ("a.json", None)),
     ("me@x.json", ("me@x.json", None))],
)
def test_split_revision_ref(ref, expected):
    assert split_revision_ref(ref) == expected


@pytest.mark.parametrize(
    ("content", "message"),
    [("not json", "bad JSON"), ('{"format": "other"}', "not a dsrdraft draft"),
     ('{"format": "dsrdraft-draft", "version": 1}', "title: missing")],
)
def test_bad_files(tmp_path, content, message):
    p = tmp_path / "bad.json"
    p.write_text(content)
    with pytest.raises(DsrError, match=message):
        load_draft(p)


def test_to_initiative_skips_deleted():
    d = sample()
    d = m.delete_clause(d, d.clauses[2].uid)
    ini = d.to_initiative()
    assert [c.number for c in ini.clauses] == ["1", "2"]
    assert json.dumps(ini.to_json())


def test_number_in_order_keeps_inserted_labels_attached_to_the_clause_before() -> None:
    from dsrdraft.draft import model as dm

    d = dm.new_draft("T")
    for text in ("a", "b", "c", "d"):
        d = dm.add_clause(d, text)
    d = dm.add_clause(d, "inserted after b")
    inserted = d.clauses[-1].uid
    d = dm.set_label(d, inserted, dm.inserted_label(d, "2"))
    d = dm.move_clause(d, inserted, 2)
    assert [c.label for c in dm.number_in_order(d).clauses] == ["1", "2", "2 bis", "3", "4"]
    # move "a" to the end: the numbers follow, "bis" stays with "b"
    d = dm.number_in_order(dm.move_clause(d, d.clauses[0].uid, 4))
    assert [(c.label, c.text) for c in d.clauses] == [
        ("1", "b"), ("1 bis", "inserted after b"), ("2", "c"), ("3", "d"), ("4", "a")]
    # two inserted clauses that end up after the same clause get bis and ter
    d = dm.add_clause(d, "another")
    d = dm.set_label(d, d.clauses[-1].uid, "4 bis")
    d = dm.number_in_order(dm.move_clause(d, d.clauses[-1].uid, 2))
    assert [c.label for c in d.clauses] == ["1", "1 bis", "1 ter", "2", "3", "4"]
    # the final renumbering still gives plain numbers
    assert [c.label for c in dm.renumber(d).clauses] == ["1", "2", "3", "4", "5", "6"]
