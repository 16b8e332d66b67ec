"""`dsrdraft precedents FILE [--json] [--min-words N]` on a draft file, a .md and a .docx."""

from __future__ import annotations

import json

import pytest

from dsrdraft.cli import main
from dsrdraft.draft.model import add_clause, new_draft
from dsrdraft.draft.storage import save_draft
from dsrdraft.parsing import parse_file
from dsrdraft.store import open_library

LIB_2017 = "resources/library/obor-digital-economy-2017.txt"
TEXT_2023 = "resources/library/beijing-initiative-2023.md"
ORDERLY = "of a peaceful, secure, open, cooperative and orderly cyberspace"
GOVERNANCE = ("promote the establishment of a multilateral, democratic and transparent "
              "international Internet governance system")


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    url = "sqlite:///" + str(tmp_path_factory.mktemp("cli") / "lib.sqlite")
    lib = open_library(url, seed=False)
    lib.import_initiative(parse_file(LIB_2017), id="obor-2017")
    lib._set_meta("seeded", "1")  # keep the bundled 2023 text out of this library
    lib.close()
    return url


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["precedents", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_contract(capsys, db):
    code, out, err = run(capsys, TEXT_2023, "--json", "--db", db)
    assert code == 0, err
    spans = json.loads(out)
    for span in spans:
        assert {"number", "start", "end", "text", "sources"} <= set(span)
        for source in span["sources"]:
            assert {"id", "number", "score"} <= set(source)
    by_clause = {}
    for span in spans:
        by_clause.setdefault(span["number"], []).append(span["text"])
    assert by_clause["19"] == [ORDERLY, GOVERNANCE]
    assert by_clause["18"] == ["historical and cultural traditions, national legal systems, "
                              "and national development strategies"]
    assert "9" not in by_clause and "16" not in by_clause
    text_19 = parse_file(TEXT_2023).clause("19").text
    first = next(s for s in spans if s["number"] == "19")
    assert text_19[first["start"]:first["end"]] == ORDERLY
    assert first["sources"][0]["id"] == "obor-2017" and first["sources"][0]["number"] == "14"


def test_readable_output_marks_spans_and_cites(capsys, db):
    code, out, _ = run(capsys, TEXT_2023, "--db", db)
    assert code == 0
    assert f"⟦{ORDERLY}⟧[1]" in out
    assert f"⟦{GOVERNANCE}⟧[2]" in out
    assert "[1] 9 words, agreed in obor-2017 14 0.97" in out
    assert out.rstrip().splitlines()[-1].startswith("8 agreed passage(s) in 5 of 21 paragraph(s)")


def test_min_words(capsys, db):
    _, out, _ = run(capsys, TEXT_2023, "--json", "--min-words", "6", "--db", db)
    texts = [s["text"] for s in json.loads(out)]
    assert "reduce, eliminate or prevent unnecessary differences in" in texts


def test_draft_file(capsys, db, tmp_path):
    beijing = parse_file(TEXT_2023)
    draft = new_draft("Test draft")
    draft = add_clause(draft, beijing.clause("16").text)
    draft = add_clause(draft, beijing.clause("19").text)
    path = tmp_path / "d.json"
    save_draft(draft, path)
    code, out, err = run(capsys, str(path), "--json", "--db", db)
    assert code == 0, err
    spans = json.loads(out)
    assert [(s["number"], s["text"]) for s in spans] == [("2", ORDERLY), ("2", GOVERNANCE)]


def test_docx(capsys, db, tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("Test Initiative on Cyberspace")
    document.add_paragraph("1. " + parse_file(TEXT_2023).clause("19").text)
    document.add_paragraph("2. Something entirely new about quantum computing cooperation.")
    path = tmp_path / "t.docx"
    document.save(str(path))
    code, out, err = run(capsys, str(path), "--json", "--db", db)
    assert code == 0, err
    assert [s["text"] for s in json.loads(out)] == [ORDERLY, GOVERNANCE]


@pytest.mark.parametrize("argv, message", [
    (["nope.txt"], "no such file"),
    ([TEXT_2023, "--min-words", "0"], "--min-words must be at least 1"),
])
def test_errors_are_one_line(capsys, db, argv, message):
    code, _, err = run(capsys, *argv, "--db", db)
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("dsrdraft: error:") and message in err
