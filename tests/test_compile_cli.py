"""`dsrdraft compile`: draft files and .docx/.txt proposals, summary, table view, errors."""

from __future__ import annotations

import json
import zipfile
from dataclasses import replace
from pathlib import Path

import docx
import pytest

from dsrdraft.cli import main
from dsrdraft.compile import extract_proposal, load_base
from dsrdraft.draft.storage import load_draft, save_draft
from tests.conftest import SEED_2023


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    """base.json; chn.json (a draft file), egy.docx and tha.txt (parsed proposals)."""
    base = load_base(str(SEED_2023))
    save_draft(base, tmp_path / "base.json")
    clauses = list(base.clauses)
    first = next(i for i, c in enumerate(clauses) if c.label == "1")  # after PP1
    clauses[first] = replace(clauses[first], text=clauses[first].text.replace(
        "digital interconnection to build", "digital connectivity to build"))
    save_draft(replace(base, clauses=tuple(clauses)), tmp_path / "chn.json")
    preamble = [c.text for c in base.clauses[:first]]
    texts = [c.text for c in base.clauses[first:]]
    egy = list(texts)
    egy[0] = egy[0].replace("digital interconnection to build", "digital links to build")
    del egy[4]
    document = docx.Document()
    document.add_paragraph(base.title)
    for text in preamble:
        document.add_paragraph(text)
    for i, text in enumerate(egy, 1):
        document.add_paragraph(f"{i}. {text}")
    document.save(str(tmp_path / "egy.docx"))
    tha = [*texts[:2], "Promote digital skills for women and youth.", *texts[2:]]
    (tmp_path / "tha.txt").write_text(
        base.title + "\n\n" + "\n\n".join(preamble) + "\n\n"
        + "\n\n".join(f"{i}. {t}" for i, t in enumerate(tha, 1)) + "\n", encoding="utf-8")
    egy, tha = [*preamble, *egy], [*preamble, *tha]
    return {"dir": tmp_path, "texts": texts, "egy": egy, "tha": tha,
            **{k: tmp_path / f for k, f in (("base", "base.json"), ("chn", "chn.json"),
                                             ("egy_docx", "egy.docx"), ("tha_txt", "tha.txt"))}}


def run(*args: str) -> int:
    return main(["compile", *map(str, args)])


def test_compile_draft_docx_and_txt_with_table(files, capsys):
    out, table = files["dir"] / "comp.json", files["dir"] / "table.docx"
    assert run(files["base"], files["chn"], files["egy_docx"], files["tha_txt"],
               "--as", "CHN", "EGY", "THA", "--out", out, "--table", table) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith("3 of 22 clauses with proposals (2 changed, 1 new, "
                             "1 with deletion proposed), 1 conflict(s)")
    assert lines[1:4] == ["  1 (changed): CHN, EGY; 1 conflict(s)",
                          "  2 bis (new): THA",
                          "  5 (deleted): EGY; delete: EGY"]
    draft = load_draft(out)
    assert draft.clauses[1].text.startswith(
        "Strengthen digital [interconnection][connectivity (CHN)][links (EGY)] to build")
    assert extract_proposal(draft, "EGY") == files["egy"]
    assert extract_proposal(draft, "THA") == files["tha"]
    # the compilation is a draft file the export command takes
    neg = files["dir"] / "neg.docx"
    assert main(["export", str(out), "--out", str(neg), "--mode", "negotiation"]) == 0
    with zipfile.ZipFile(neg) as z:
        body = z.read("word/document.xml").decode("utf-8")
    assert ">[links</w:t>" in body and "> (EGY)</w:t>" in body
    # the table view: header row repeated, one row per clause, each delegation's text
    t = docx.Document(str(table)).tables[0]
    assert [c.text for c in t.rows[0].cells] == ["No.", "Base text", "CHN", "EGY", "THA"]
    assert len(t.rows) == 1 + len(draft.clauses)
    assert t.rows[0]._tr.trPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader") is not None
    row1 = [c.text for c in next(r for r in t.rows if r.cells[0].text == "1").cells]
    assert row1[0] == "1" and row1[1] == files["texts"][0]
    assert "digital connectivity to build" in row1[2] and "digital links to build" in row1[3]
    assert row1[4] == files["texts"][0]
    row5 = next(r for r in t.rows if r.cells[0].text == "5")
    assert row5.cells[3].text == "(deletion proposed)"
    new = next(r for r in t.rows if r.cells[0].text == "2 bis")
    assert [c.text for c in new.cells][1:] == ["(new clause)", "", "",
                                               "Promote digital skills for women and youth."]
    assert main(["verify", str(table)]) == 0


def test_json_summary_and_repeated_as(files, capsys):
    out = files["dir"] / "comp.json"
    assert run(files["base"], files["chn"], files["tha_txt"], "--as", "CHN", "--as", "THA",
               "--out", out, "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["codes"] == ["CHN", "THA"]
    assert data["summary"]["with_proposals"] == 2 and data["summary"]["conflicts"] == 0
    assert [c["label"] for c in data["clauses"]] == ["1", "2 bis"]


@pytest.mark.parametrize("extra, message", [
    (["--as", "CHN"], "2 proposal(s) but 1 --as code(s)"),
    (["--as", "CHN", "EGY", "THA"], "2 proposal(s) but 3 --as code(s)"),
    (["--as", "CHN", "CHN"], "delegation CHN is given twice"),
    (["--as", "CHN", "E(GY"], "bad delegation label"),
])
def test_errors_are_one_line(files, capsys, extra, message):
    out = files["dir"] / "comp.json"
    assert run(files["base"], files["chn"], files["egy_docx"], *extra, "--out", out) == 2
    err = capsys.readouterr().err
    assert err.startswith("dsrdraft: error: ") and message in err and err.count("\n") == 1
    assert not out.exists()


def test_file_errors(files, capsys):
    d = files["dir"]
    cases = [
        ([files["base"], d / "missing.docx", "--as", "CHN", "--out", d / "c.json"], "missing"),
        ([files["base"], files["chn"], "--as", "CHN", "--out", d / "c.docx"], "--out is the"),
        ([files["base"], files["chn"], "--as", "CHN", "--out", d / "c.json",
          "--table", d / "t.pdf"], "must end in .docx"),
        ([files["base"], files["chn"], "--as", "CHN", "--out", files["chn"]], "already exists"),
    ]
    for args, message in cases:
        assert run(*args) == 2
        err = capsys.readouterr().err
        assert err.startswith("dsrdraft: error: ") and message in err, err
    # Without --as only returned Word files can say whose their edits are.
    assert run(files["base"], files["chn"], "--out", d / "x.json") == 2
    err = capsys.readouterr().err
    assert err.startswith("dsrdraft: error: ") and "needs its delegation" in err, err
    assert not (d / "x.json").exists()
