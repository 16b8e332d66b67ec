import json
from pathlib import Path

from dsrdraft.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_draft_commands_end_to_end(tmp_path, capsys, monkeypatch):
    db = f"sqlite:///{tmp_path / 'lib.sqlite'}"
    d = str(tmp_path / "d.json")
    code, out, _ = run(capsys, "draft", "new", "Digital Cooperation", "--out", d,
                       "--symbol", "DSR/2026/L.1", "--place", "Beijing", "--date", "2026-05-14")
    assert code == 0
    code, out, _ = run(capsys, "draft", "add", d, "obor-digital-economy-2017:1",
                       "beijing-initiative-2023:3", "--db", db)
    assert code == 0 and "as clause 2" in out
    code, _, err = run(capsys, "draft", "add", d, "obor-digital-economy-2017:99", "--db", db)
    assert code == 2 and err.startswith("dsrdraft: error:") and "99" in err
    code, _, err = run(capsys, "draft", "add", d, "no-colon", "--db", db)
    assert code == 2 and "LIBRARY_ID:NUMBER" in err
    code, _, _ = run(capsys, "draft", "sign", d, "THA", "chn", "--representative", "X")
    assert code == 0
    code, _, err = run(capsys, "draft", "sign", d, "ZZZ")
    assert code == 2 and "ZZZ" in err
    code, out, _ = run(capsys, "draft", "revise", d, "--note", "first issue")
    assert code == 0 and "rev0" in out and "Rev.1" in out
    code, out, _ = run(capsys, "draft", "show", d, "--json")
    data = json.loads(out)
    assert data["format"] == "dsrdraft-draft" and data["version"] == 2
    assert data["full_symbol"] == "DSR/2026/L.1/Rev.1"
    assert [s["code"] for s in data["signatories"]] == ["THA", "CHN"]
    assert data["clauses"][0]["provenance"] == {"library_id": "obor-digital-economy-2017",
                                                "number": "1"}
    assert data["revisions"][0]["note"] == "first issue"
    code, out, _ = run(capsys, "draft", "show", d)
    assert "DSR/2026/L.1/Rev.1" in out

    # export and compare against a revision
    docx = str(tmp_path / "r.docx")
    code, out, err = run(capsys, "export", d, "--out", docx, "--mode", "redline",
                         "--against", f"{d}@rev0", "--db", db)
    assert code == 0, err
    code, out, err = run(capsys, "export", d, "--out", str(tmp_path / "c.docx"), "--mode",
                         "clean")
    assert code == 0, err
    code, out, err = run(capsys, "export", d, "--out", docx, "--mode", "redline")
    assert code == 2 and "--against" in err
    code, out, err = run(capsys, "compare", f"{d}@rev0", d, "--json", "--db", db)
    assert code == 0, err
    assert json.loads(out)["summary"]["unchanged"] == 2
    code, out, err = run(capsys, "compare", f"{d}@rev5", d, "--db", db)
    assert code == 2 and "rev5" in err


def test_compare_docx_writes_the_redline(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'lib.sqlite'}"
    out = tmp_path / "cmp.docx"
    code, _, err = run(capsys, "compare", "obor-digital-economy-2017", "beijing-initiative-2023",
                       "--docx", str(out), "--db", db)
    assert code == 0, err
    assert main(["verify", str(out)]) == 0


def test_export_redline_author_and_revision_date(tmp_path, capsys) -> None:
    import zipfile

    from dsrdraft.cli import main

    draft = tmp_path / "d.json"
    assert main(["draft", "new", "Digital cooperation", "--out", str(draft)]) == 0
    assert main(["draft", "add", str(draft), "--text", "Promote digital skills."]) == 0
    out = tmp_path / "r.docx"
    against = Path(__file__).resolve().parents[1] / "resources" / "library" / \
        "obor-digital-economy-2017.txt"
    assert main(["export", str(draft), "--out", str(out), "--mode", "redline", "--against",
                 str(against), "--author", "Secretariat",
                 "--revision-date", "2026-05-14T10:00:00+02:00"]) == 0
    with zipfile.ZipFile(out) as z:
        body = z.read("word/document.xml").decode()
    assert 'w:author="Secretariat"' in body and 'w:date="2026-05-14T08:00:00Z"' in body
    capsys.readouterr()
    assert main(["export", str(draft), "--out", str(tmp_path / "c.docx"),
                 "--revision-date", "2026-05-14"]) == 2
    assert "--revision-date is only used with --mode redline" in capsys.readouterr().err


def test_draft_new_from_a_whole_structured_text(tmp_path, capsys):
    """A treaty to amend: its preamble, Article headings and paragraphs become the draft."""
    root = Path(__file__).resolve().parent
    treaty = root / "corpus" / "real" / "coe-convention-insider-trading-1989.md"
    d = str(tmp_path / "d.json")
    code, _, err = run(capsys, "draft", "new", "--from", str(treaty), "--out", d,
                       "--symbol", "DSR/2026/L.2")
    assert code == 0, err
    from dsrdraft.draft.model import DraftKind, unit_addresses
    from dsrdraft.draft.storage import load_draft

    draft = load_draft(Path(d))
    kinds = [c.kind for c in draft.clauses]
    addresses = [unit_addresses(draft)[c.uid] for c in draft.clauses]
    assert draft.title == "Verdrag inzake handel met voorkennis"  # the text's own title
    assert kinds.count(DraftKind.PREAMBULAR) == 5 and DraftKind.HEADING in kinds
    assert addresses.index("Article 4") < addresses.index("4.1") < addresses.index("4.2")
    code, _, err = run(capsys, "draft", "edit", d, "4.2", "--text", "Each Party shall "
                       "[indicate][notify] the authority.")
    assert code == 0, err
    code, _, err = run(capsys, "draft", "new", "Title", "--from", str(treaty), "--out",
                       str(tmp_path / "e.json"), "--preamble", "Recalling X,")
    assert code == 2 and err.startswith("dsrdraft: error:") and "--from" in err
    code, _, err = run(capsys, "draft", "new", "--out", str(tmp_path / "f.json"))
    assert code == 2 and "needs a title" in err
