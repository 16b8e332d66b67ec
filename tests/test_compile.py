"""Compilation text: three delegations edit the 2023 Beijing Initiative (issue 9)."""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs

from dsrdraft.compile import (
    Proposal,
    base_texts,
    compile_proposals,
    extract_proposal,
    load_base,
    load_proposal,
)
from dsrdraft.draft.model import Draft, DraftClause
from dsrdraft.draft.storage import load_draft, save_draft
from dsrdraft.errors import DsrError
from tests.conftest import SEED_2023

CODES = ("CHN", "THA", "EGY")
NEW_CLAUSE = "Promote digital skills for women and youth in rural areas."


def edit(text: str, old: str, new: str) -> str:
    assert text.count(old) >= 1, old
    return text.replace(old, new, 1)


@pytest.fixture(scope="module")
def base() -> Draft:
    return load_base(str(SEED_2023))


@pytest.fixture(scope="module")
def proposals(base) -> dict[str, list[str]]:
    t = [c.text for c in base.clauses]
    o = 1  # the preamble's paragraph PP1 comes first: clause n is t[n - 1 + o]
    chn, tha, egy = list(t), list(t), list(t)
    # CHN and THA make the same change (one alternative, both codes).
    chn[0 + o] = edit(chn[0 + o], "digital interconnection to build", "digital connectivity to build")
    tha[0 + o] = edit(tha[0 + o], "digital interconnection to build", "digital connectivity to build")
    # CHN and EGY change the same passage of one sentence differently.
    chn[1 + o] = edit(chn[1 + o], "on digital government, digital", "on e-government, digital")
    egy[1 + o] = edit(egy[1 + o], "on digital government, digital", "on digital public services, digital")
    # CHN edits clause 6, which THA deletes.
    chn[5 + o] = edit(chn[5 + o], "Coordinate digital transformation and green", "Coordinate digital and green")
    del tha[5 + o]
    # THA fixes a word; CHN inserts words; EGY deletes a word and adds a clause after 3.
    tha[7 - 1 + o] = tha[7 - 1 + o]  # (index shift after the deletion: clause 8 is tha[6 + o])
    tha[6 + o] = edit(tha[6 + o], "artificial intelligent,", "artificial intelligence,")
    chn[11 + o] = edit(chn[11 + o], "Explore inter-city cooperation", "Explore inter-city and inter-regional cooperation")
    egy[18 + o] = edit(egy[18 + o], "secure, open, cooperative", "secure, cooperative")
    egy.insert(3 + o, NEW_CLAUSE)
    return {"CHN": chn, "THA": tha, "EGY": egy}


@pytest.fixture(scope="module")
def compilation(base, proposals):
    return compile_proposals(base, [Proposal(code, tuple(proposals[code])) for code in CODES])


def by_label(draft: Draft, label: str) -> DraftClause:
    return next(c for c in draft.clauses if c.label == label)


def after(text: str, prefix: str) -> str:
    assert text.startswith(prefix)
    return text[len(prefix):]


def test_expected_compilation_of_touched_clauses(base, compilation):
    d = compilation.draft
    b = {c.label: c.text for c in base.clauses}
    assert by_label(d, "1").text == (
        "Strengthen digital [interconnection][connectivity (CHN, THA)] to build digital silk road."
        + after(b["1"], "Strengthen digital interconnection to build digital silk road."))
    assert by_label(d, "2").text == (
        "Promote cooperation on [digital government,][e-government, (CHN)]"
        "[digital public services, (EGY)] digital economy and digital society, etc.."
        + after(b["2"], "Promote cooperation on digital government, digital economy and digital society, etc.."))
    assert by_label(d, "6").text == (
        "[Coordinate digital [transformation (delete: CHN)] and green transformation."
        + after(b["6"], "Coordinate digital transformation and green transformation.")
        + " (delete: THA)]")
    assert "artificial [intelligent,][intelligence, (THA)] big data" in by_label(d, "8").text
    assert by_label(d, "12").text.startswith(
        "Explore inter-city [and inter-regional (CHN)] cooperation in digital economy.")
    assert "peaceful, secure, [open, (delete: EGY)] cooperative and orderly" in by_label(d, "19").text
    new = by_label(d, "3 bis")
    assert (new.text, new.proposers) == (NEW_CLAUSE, ("EGY",))
    assert [c.label for c in d.clauses][:6] == ["PP1", "1", "2", "3", "3 bis", "4"]
    touched = {"1", "2", "3 bis", "6", "8", "12", "19"}
    for c in d.clauses:
        if c.label not in touched:
            assert c.text == b[c.label], c.label  # untouched text stays as it is
    assert d.title == base.title and d.preamble == base.preamble


def test_report(compilation):
    reports = {r.label: r for r in compilation.clauses}
    assert list(reports) == ["1", "2", "3 bis", "6", "8", "12", "19"]
    assert reports["1"].delegations == ("CHN", "THA") and reports["1"].conflicts == 0
    assert reports["2"].conflicts == 1 and reports["2"].spans == 1
    assert reports["6"].deleted_by == ("THA",) and reports["6"].conflicts == 1  # CHN edits, THA deletes
    assert reports["3 bis"].kind == "new"
    assert compilation.summary() == {"clauses": 22, "with_proposals": 7, "changed": 6, "new": 1,
                                     "deletions": 1, "conflicts": 2}


@pytest.mark.parametrize("code", CODES)
def test_round_trip_rebuilds_each_proposal(compilation, proposals, code, tmp_path):
    assert extract_proposal(compilation, code) == proposals[code]
    path = tmp_path / "compilation.json"
    save_draft(compilation.draft, path)
    assert extract_proposal(load_draft(path), code) == proposals[code]


def test_base_comes_back(base, compilation):
    assert base_texts(compilation) == [c.text for c in base.clauses]


def test_no_proposal_changes_nothing(base):
    same = compile_proposals(base, [Proposal("CHN", tuple(c.text for c in base.clauses))])
    assert [c.text for c in same.draft.clauses] == [c.text for c in base.clauses]
    assert same.clauses == ()


def write_docx(path: Path, title: str, clauses: list[str]) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph(title)
    for i, text in enumerate(clauses, 1):
        document.add_paragraph(f"{i}. {text}")
    document.save(str(path))


def test_proposal_delivered_as_docx(base, proposals, tmp_path):
    path = tmp_path / "egy.docx"
    write_docx(path, base.title, proposals["EGY"])
    egy = load_proposal(str(path), "EGY")
    assert list(egy.clauses) == proposals["EGY"]
    chn = Proposal("CHN", tuple(proposals["CHN"]))
    result = compile_proposals(base, [chn, egy])
    assert extract_proposal(result, "EGY") == proposals["EGY"]
    assert extract_proposal(result, "CHN") == proposals["CHN"]
    assert by_label(result.draft, "3 bis").proposers == ("EGY",)


def test_identical_new_clauses_merge_and_keep_order(base):
    t = [c.text for c in base.clauses]
    a = [*t[:3], "New A.", "New B.", *t[3:]]  # after PP1 and clauses 1 and 2
    b = [*t[:3], "New B.", *t[3:]]
    result = compile_proposals(base, [Proposal("AAA", tuple(a)), Proposal("BBB", tuple(b))])
    new = [(c.label, c.text, c.proposers) for c in result.draft.clauses if c.proposers]
    assert new == [("2 bis", "New A.", ("AAA",)), ("2 ter", "New B.", ("AAA", "BBB"))]
    assert extract_proposal(result, "AAA") == a and extract_proposal(result, "BBB") == b


def test_moved_split_and_merged_clauses_round_trip(base):
    t = [c.text for c in base.clauses]
    moved = [t[5], *t[:5], *t[6:]]
    head, _, tail = t[2].partition(". ")
    split = [*t[:2], head + ".", tail, *t[3:]]
    merged = [*t[:3], t[3] + " " + t[4], *t[5:]]
    props = [Proposal("MOV", tuple(moved)), Proposal("SPL", tuple(split)),
             Proposal("MRG", tuple(merged))]
    result = compile_proposals(base, props)
    for p in props:
        assert extract_proposal(result, p.code) == list(p.clauses), p.code


def test_existing_brackets_of_the_base_are_never_cut(base):
    d = replace(base, clauses=(replace(base.clauses[0],
                                       text="States [shall][should] promote [open and [secure] data] flows."),))
    prop = Proposal("CHN", ("States [shall][should] promote [open and [trusted] data] flows.",))
    result = compile_proposals(d, [prop])
    assert result.draft.clauses[0].text == (
        "States [shall][should] promote [[open and [secure] data]][[open and [trusted] data] (CHN)] flows.")
    assert extract_proposal(result, "CHN") == list(prop.clauses)
    assert base_texts(result) == [d.clauses[0].text]


@pytest.mark.parametrize("codes, message", [
    (("CHN", "CHN"), "given twice"),
    (("CHN)",), "bad delegation label"),
    (("delete: CHN",), "bad delegation label"),
    ((), "at least one proposal"),
])
def test_bad_delegations_are_refused(base, codes, message):
    with pytest.raises(DsrError, match=re.escape(message)):
        compile_proposals(base, [Proposal(c, ()) for c in codes])


WORDS = ["digital", "economy", "shall", "should", "promote", "cooperation", "open,", "the",
         "[secure]", "data.", "(AI)"]


@settings(max_examples=80, deadline=None)
@given(hs.data())
def test_round_trip_property(data):
    base_clauses = data.draw(hs.lists(hs.lists(hs.sampled_from(WORDS), min_size=1, max_size=12)
                                      .map(" ".join), min_size=1, max_size=4))
    base = Draft(title="T", clauses=tuple(DraftClause(f"u{i}", t, str(i + 1))
                                          for i, t in enumerate(base_clauses)))
    props = []
    for code in ("AAA", "BBB", "CCC"):
        texts = []
        for t in base_clauses:
            words = t.split()
            for _ in range(data.draw(hs.integers(0, 3))):
                k = data.draw(hs.integers(0, len(words)))
                action = data.draw(hs.sampled_from(["ins", "del", "sub"]))
                if action == "ins" or not words[k:]:
                    words.insert(k, data.draw(hs.sampled_from(WORDS)))
                elif action == "del" and len(words) > 1:
                    del words[k]
                else:
                    words[k] = data.draw(hs.sampled_from(WORDS))
            texts.append(" ".join(words))
        if data.draw(hs.booleans()):
            texts.insert(data.draw(hs.integers(0, len(texts))), "an added clause (XYZ)")
        props.append(Proposal(code, tuple(texts)))
    result = compile_proposals(base, props)
    for p in props:
        assert extract_proposal(result, p.code) == list(p.clauses)
    assert base_texts(result) == base_clauses


def test_negotiation_export_shows_brackets_and_attributions(compilation, tmp_path):
    from dsrdraft.export.writer import export_draft

    out = tmp_path / "compilation.docx"
    export_draft(compilation.draft, out, mode="negotiation")
    with zipfile.ZipFile(out) as z:
        body = z.read("word/document.xml").decode("utf-8")
    paragraphs = re.findall(r"<w:p[ >].*?</w:p>", body, re.DOTALL)
    texts = ["".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", p)) for p in paragraphs]
    clause1 = next(t for t in texts if "(CHN, THA)" in t)
    assert "[interconnection][connectivity (CHN, THA)]" in clause1
    assert any("[e-government, (CHN)][digital public services, (EGY)]" in t for t in texts)
    assert any("(delete: THA)]" in t for t in texts)
    new = next(t for t in texts if NEW_CLAUSE in t)
    assert "3 bis." in new and "proposed by EGY" in new
    # the bracketed wording in the bracket style, the delegations in the attribution style
    p1 = next(p for p in paragraphs if "(CHN, THA)" in p)
    runs = [(m.group(1), "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", m.group(2))))
            for m in re.finditer(r'<w:r>(?:<w:rPr><w:rStyle w:val="([^"]+)"/>)?(.*?)</w:r>',
                                 p1, re.DOTALL)]
    k = runs.index(("DSRAttribution", " (CHN, THA)"))
    assert runs[k - 1] == ("DSRBracket", "[connectivity") and runs[k + 1] == ("DSRBracket", "]")
    assert ("DSRBracket", "[interconnection]") in runs
