"""Returned Word files in `compile` (issue 16): each tracked change's author is a delegation,
edits without tracking are the file's own delegation's, comments are reservations; every
delegation's text is rebuilt from the compilation (the rebuild test of test_compile.py, on
returned files), and the real Word files of the corpus compile with nothing lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from word_edits import Edit, add_comment

from dsrdraft.cli import main
from dsrdraft.compile import base_texts, extract_proposal, load_base
from dsrdraft.compile.sources import initiative_to_draft
from dsrdraft.draft.model import Draft, Reservation
from dsrdraft.draft.storage import load_draft, save_draft
from dsrdraft.export.writer import export_draft
from dsrdraft.roundtrip.authors import UnmappedAuthors, parse_author_map
from dsrdraft.roundtrip.compiling import Source, compile_returned
from dsrdraft.roundtrip.returned import ReturnedFile
from tests.conftest import SEED_2023

NEW_CLAUSE = "Promote digital skills for women and youth in rural areas."
CORPUS = Path(__file__).resolve().parent / "corpus" / "real"

# (delegation, label, old, new): what each delegation changes (new "" deletes the unit).
EDITS = [
    ("CHN", "1", "digital interconnection to build", "digital connectivity to build"),
    ("CHN", "2", "on digital government, digital", "on e-government, digital"),
    ("CHN", "6", "Coordinate digital transformation and green", "Coordinate digital and green"),
    ("CHN", "12", "Explore inter-city cooperation", "Explore inter-city and inter-regional "
                                                    "cooperation"),
    ("THA", "1", "digital interconnection to build", "digital connectivity to build"),
    ("THA", "6", None, ""),
    ("THA", "8", "artificial intelligent,", "artificial intelligence,"),
    ("EGY", "2", "on digital government, digital", "on digital public services, digital"),
    ("EGY", "19", "secure, open, cooperative", "secure, cooperative"),
    ("LAO", "2", "digital society", "digital societies"),
]


@pytest.fixture(scope="module")
def scenario(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("returned")
    base = load_base(str(SEED_2023))
    save_draft(base, folder / "base.json")
    sent = folder / "sent.docx"
    export_draft(base, sent, "negotiation")
    text = {c.label: c.text for c in base.clauses}
    # CHN's file: its own changes, tracked under its code.
    chn = Edit(sent, folder / "chn.docx")
    for code, _label, old, new in EDITS:
        if code == "CHN":
            chn.replace_tracked(old, new, "CHN")
    chn.save()
    # Thailand's file: tracked under the country's name, a whole clause deleted.
    tha = Edit(sent, folder / "tha.docx")
    tha.replace_tracked("digital interconnection to build", "digital connectivity to build",
                        "Thailand")
    tha.delete_paragraph_tracked(text["6"][:40], "Thailand")
    tha.replace_tracked("artificial intelligent,", "artificial intelligence,", "Thailand")
    tha.save()
    # Egypt's file: typed without tracking (EGY's, named by --as), a tracked new clause by
    # "Egypt", a tracked edit by a Lao desk officer in a clause Egypt also edited, a comment.
    egy = Edit(sent, folder / "egy.docx")
    egy.replace_untracked("on digital government, digital", "on digital public services, digital")
    egy.replace_untracked("secure, open, cooperative", "secure, cooperative")
    egy.insert_paragraph_after(text["3"][:40], NEW_CLAUSE, "Egypt")
    egy.replace_tracked("digital society", "digital societies", "Desk officer")
    egy.save()
    add_comment(folder / "egy.docx", text["5"][:40], "Reservation: subject to national law.",
                "Egypt")
    expected: dict[str, list[str]] = {}
    for code in ("CHN", "THA", "EGY", "LAO"):
        texts = dict(text)
        for c, label, old, new in EDITS:
            if c == code:
                texts[label] = "" if new == "" else texts[label].replace(old, new, 1)
        out = []
        for clause in base.clauses:
            if clause.is_heading:
                continue
            if texts[clause.label]:
                out.append(" ".join(texts[clause.label].split()))
            if code == "EGY" and clause.label == "3":
                out.append(NEW_CLAUSE)
        expected[code] = out
    return {"folder": folder, "base": base, "expected": expected}


@pytest.fixture(scope="module")
def compiled(scenario):
    f = scenario["folder"]
    return compile_returned(scenario["base"],
                            [Source(str(f / "chn.docx")), Source(str(f / "tha.docx")),
                             Source(str(f / "egy.docx"), "EGY")],
                            parse_author_map(["Desk officer=LAO"]))


@pytest.mark.parametrize("code", ["CHN", "THA", "EGY", "LAO"])
def test_returned_files_rebuild_each_delegation(scenario, compiled, code, tmp_path):
    assert extract_proposal(compiled.compilation, code) == scenario["expected"][code]
    save_draft(compiled.draft, tmp_path / "c.json")
    assert extract_proposal(load_draft(tmp_path / "c.json"), code) == \
        scenario["expected"][code]


def test_the_compiled_text(scenario, compiled):
    d: Draft = compiled.draft
    got = {c.label: c for c in d.clauses}
    assert got["1"].text.startswith(
        "Strengthen digital [interconnection][connectivity (CHN, THA)] to build")
    assert "[digital government,][e-government, (CHN)][digital public services, (EGY)]" in \
        got["2"].text
    assert "digital [society,][societies, (LAO)] etc.." in got["2"].text
    assert got["6"].deleted_by == ("THA",)
    assert (got["3 bis"].text, got["3 bis"].proposers) == (NEW_CLAUSE, ("EGY",))
    assert got["5"].reservations == (Reservation("EGY", "subject to national law."),)
    assert base_texts(compiled.compilation) == [" ".join(c.text.split())
                                                for c in scenario["base"].clauses
                                                if not c.is_heading]
    authors = {f.path.name: f.authors for f in compiled.files}
    assert authors == {"chn.docx": {"CHN": "CHN"}, "tha.docx": {"Thailand": "THA"},
                       "egy.docx": {"Egypt": "EGY", "Desk officer": "LAO"}}


def test_cli_lists_authors_and_refuses_what_it_cannot_attribute(scenario, tmp_path, capsys):
    f = scenario["folder"]
    args = ["compile", str(f / "base.json"), str(f / "chn.docx"), str(f / "tha.docx"),
            str(f / "egy.docx")]
    # Egypt's file holds untracked edits: without --as it is refused, naming the file.
    assert main([*args, "--author-map", "Desk officer=LAO", "--out",
                 str(tmp_path / "a.json")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("dsrdraft: error: egy.docx: edited without change tracking (2, 19)")
    assert not (tmp_path / "a.json").exists()
    # An author no one mapped: listed, nothing written.
    assert main([*args, "--as", "-", "-", "EGY", "--out", str(tmp_path / "b.json")]) == 2
    err = capsys.readouterr().err
    assert "name no delegation: 'Desk officer'" in err and not (tmp_path / "b.json").exists()
    assert main([*args, "--as", "-", "-", "EGY", "--author-map", "Desk officer=LAO",
                 "--out", str(tmp_path / "c.json")]) == 0
    out = capsys.readouterr().out
    assert "tha.docx: Thailand = THA (2 insertion(s), 6 deletion(s))" in out
    assert "Egypt = EGY" in out and "Desk officer = LAO" in out
    assert "reservation by EGY on 5" in out
    assert main(["export", str(tmp_path / "c.json"), "--out", str(tmp_path / "c.docx")]) == 0


def test_the_sent_export_is_a_base_too(scenario, tmp_path, capsys):
    f = scenario["folder"]
    assert load_base(str(f / "sent.docx")) == scenario["base"]
    assert main(["compile", str(f / "sent.docx"), str(f / "chn.docx"), "--out",
                 str(tmp_path / "c.json")]) == 0
    assert extract_proposal(load_draft(tmp_path / "c.json"), "CHN") == \
        scenario["expected"]["CHN"]


def test_a_returned_file_with_only_a_comment(scenario, tmp_path):
    sent = scenario["folder"] / "sent.docx"
    path = tmp_path / "note.docx"
    path.write_bytes(sent.read_bytes())
    add_comment(path, "Strengthen digital", "Please wait.", "Jane Doe")
    with pytest.raises(UnmappedAuthors, match="Jane Doe"):
        compile_returned(scenario["base"], [Source(str(path))])
    result = compile_returned(scenario["base"], [Source(str(path))],
                              parse_author_map(["Jane Doe=THA"]))
    assert result.compilation.codes == ()
    got = {c.label: c for c in result.draft.clauses}
    assert got["1"].reservations == (Reservation("THA", "Please wait."),)


CORPUS_FILES = {  # the real Word files of the corpus with tracked changes or comments
    "docx-googledocs-ronin-code-of-conduct-draft-2025.docx": ["Alex Lancaster=USA",
                                                              "Rami Saydjari=CAN"],
    "docx-word-oasis-sarif-v2-ballot3-comments.docx": ["Paul Anderson=GBR"],
    "docx-word-oasis-sarif-wd02-issue131-tracked.docx": ["Laurence Golding=IRL"],
}


@pytest.mark.parametrize("name", sorted(CORPUS_FILES))
def test_real_word_files_compile_with_their_authors_and_nothing_lost(name, tmp_path, capsys):
    file = ReturnedFile(CORPUS / name)
    mapping = parse_author_map(CORPUS_FILES[name])
    # The text before anyone's tracked changes is the base they were made on.
    base = initiative_to_draft(file.parsed(set()))
    save_draft(base, tmp_path / "base.json")
    argv = ["compile", str(tmp_path / "base.json"), str(CORPUS / name), "--json",
            "--out", str(tmp_path / "c.json")]
    for item in CORPUS_FILES[name]:
        argv += ["--author-map", item]
    assert main(argv) == 0
    report = json.loads(capsys.readouterr().out)
    listed = {a["author"]: a["delegation"] for a in report["returned"][0]["authors"]}
    tracked = {a.author for a in file.authors}
    assert set(listed) == tracked and all(listed.values())
    compiled = load_draft(tmp_path / "c.json")
    for author in tracked:
        code = mapping[author.casefold()]
        theirs = [" ".join(c.text.split()) for c in file.parsed({author}).clauses]
        assert extract_proposal(compiled, code) == [t for t in theirs if t]
    reservations = [r for c in compiled.clauses for r in c.reservations]
    assert len(reservations) == sum(1 for c in file.comments if c.text)
    assert {r.delegation for r in reservations} == {mapping[c.author.casefold()]
                                                    for c in file.comments if c.text}
