"""The command-line contract: JSON shapes, one-line errors, exit codes (real processes)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def dsrdraft(*args: str, db: Path | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "dsrdraft", *args]
    if db is not None:
        command += ["--db", f"sqlite:///{db}"]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=60)


def test_parse_json_shape(seed_2023: Path) -> None:
    result = dsrdraft("parse", str(seed_2023), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"title", "language", "preamble", "clauses", "signatories", "translations",
            "preamble_paragraphs", "divisions", "dropped"} <= set(data)
    operative = [c for c in data["clauses"] if c["kind"] == "operative"]
    assert [c["number"] for c in operative] == [str(n) for n in range(1, 21)]
    assert data["clauses"][0]["number"] == "PP1" and data["clauses"][0]["kind"] == "preambular"
    assert data["preamble_paragraphs"] == [data["clauses"][0]["text"]]
    assert set(data["clauses"][0]) >= {"number", "heading", "text", "path", "kind", "numbered",
                                       "footnotes"}
    assert {"code": "THA", "name": "Thailand"} in data["signatories"]


def test_parse_readable_output(seed_2017: Path) -> None:
    result = dsrdraft("parse", str(seed_2017))
    assert result.returncode == 0
    assert "1 preambular paragraph, 15 clauses" in result.stdout
    assert "zh: clauses 3, 4, 8" in result.stdout
    assert "12  Strengthening confidence and trust." in result.stdout


def test_library_list_show_search_on_the_bundled_library(tmp_path: Path) -> None:
    db = tmp_path / "lib.sqlite"
    listed = json.loads(dsrdraft("library", "list", "--json", db=db).stdout)
    assert [(i["id"], i["year"], i["clauses"]) for i in listed] == [
        ("obor-digital-economy-2017", 2017, 15), ("beijing-initiative-2023", 2023, 20)]
    assert listed[0]["languages"] == ["en", "zh"]

    shown = json.loads(dsrdraft("library", "show", "obor-digital-economy-2017", "--json",
                                db=db).stdout)
    assert [t["number"] for t in shown["translations"]["zh"]] == ["3", "4", "8"]
    assert shown["date"] == "2017-12-03"

    hits = json.loads(dsrdraft("library", "search", "cybercrime", "--json", "--limit", "3",
                               db=db).stdout)
    assert hits and set(hits[0]) >= {"id", "number", "text", "score"}
    assert all("cybercrime" in h["text"].lower() for h in hits)
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)

    zh = json.loads(dsrdraft("library", "search", "电子商务", "--json", db=db).stdout)
    assert ("obor-digital-economy-2017", "3") in {(h["id"], h["number"]) for h in zh}


def test_library_import_twice_does_not_duplicate(tmp_path: Path, seed_2023: Path) -> None:
    db = tmp_path / "lib.sqlite"
    copy = tmp_path / "beijing.md"
    copy.write_bytes(seed_2023.read_bytes())
    first = dsrdraft("library", "import", str(copy), db=db)
    assert first.returncode == 0, first.stderr
    # the bundled library already holds this text: recognised, not duplicated
    assert first.stdout.startswith("beijing-initiative-2023: already in the library")
    # a new --id for a text already there is refused, naming the id it is under
    renamed = dsrdraft("library", "import", str(copy), "--id", "beijing-copy", db=db)
    assert renamed.returncode == 2 and renamed.stdout == ""
    assert renamed.stderr.count("\n") == 1
    assert "already in the library as 'beijing-initiative-2023'" in renamed.stderr
    assert "not imported again as 'beijing-copy'" in renamed.stderr
    # the same --id again is the same import: nothing to do, exit 0
    again = dsrdraft("library", "import", str(copy), "--id", "beijing-initiative-2023", db=db)
    assert again.returncode == 0 and "already in the library" in again.stdout
    listed = json.loads(dsrdraft("library", "list", "--json", db=db).stdout)
    assert len(listed) == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["parse", "no-such-file.txt"], "no such file"),
        (["library", "show", "no-such-id"], "unknown library id"),
        (["library", "search"], "required"),
        (["library", "search", "x", "--limit", "zero"], "not a number"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_errors_are_one_line_and_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    result = dsrdraft(*args, db=tmp_path / "lib.sqlite")
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("dsrdraft: error: ")
    assert message in lines[0]
    assert "Traceback" not in result.stderr


def test_news_report_imports_and_unreadable_docx_is_refused(tmp_path: Path) -> None:
    news = tmp_path / "news.txt"
    news.write_text("Headline\n\nChina and seven other countries launched an initiative.\n")
    result = dsrdraft("library", "import", str(news), db=tmp_path / "lib.sqlite")
    assert result.returncode == 0, result.stderr
    assert "imported (1 clause from" in result.stdout
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip at all")
    result = dsrdraft("library", "import", str(bad), db=tmp_path / "lib.sqlite")
    assert result.returncode == 2
    assert "not a .docx" in result.stderr and len(result.stderr.splitlines()) == 1


def test_bad_db_is_refused_and_left_alone(tmp_path: Path) -> None:
    not_a_db = tmp_path / "notes.sqlite"
    not_a_db.write_bytes(b"my precious notes, not a database" * 100)
    before = not_a_db.read_bytes()
    result = dsrdraft("library", "list", db=not_a_db)
    assert result.returncode == 2
    assert result.stderr.startswith("dsrdraft: error: ") and len(result.stderr.splitlines()) == 1
    assert not_a_db.read_bytes() == before
    result = dsrdraft("library", "list", "--db", "nonsense://")
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1


def test_db_from_environment(tmp_path: Path, seed_2017: Path) -> None:
    db = tmp_path / "env.sqlite"
    env = {**__import__("os").environ, "DSRDRAFT_DB": f"sqlite:///{db}"}
    result = subprocess.run([sys.executable, "-m", "dsrdraft", "library", "list"], cwd=ROOT,
                            capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0
    assert db.exists()


def test_library_search_says_when_the_ranking_window_was_reached(tmp_path, monkeypatch,
                                                                  capsys) -> None:
    """A search asked for more hits than the ranking window holds notes on stderr that only
    the newest matches were ranked (in-process: the window is a constant of the store)."""
    from dsrdraft.cli import main
    from dsrdraft.store import query

    monkeypatch.setattr(query, "RANK_WINDOW", 3)
    db = f"sqlite:///{tmp_path / 'lib.sqlite'}"
    assert main(["library", "search", "digital", "--limit", "50", "--db", db]) == 0
    out = capsys.readouterr()
    assert out.err.count("\n") == 1 and out.err.startswith(
        "dsrdraft: note: the 3 newest matching clauses were ranked; more may match")
    assert main(["library", "search", "digital", "--limit", "2", "--db", db]) == 0
    assert capsys.readouterr().err == ""  # asked for fewer than the window holds
