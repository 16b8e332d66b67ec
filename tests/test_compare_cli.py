"""`dsrdraft compare`: text report, JSON contract, HTML page, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dsrdraft.atomicfile import write_text_atomically
from dsrdraft.cli import main
from dsrdraft.compare import compare_texts
from dsrdraft.compare.html import render_html

LIBRARY = Path(__file__).resolve().parents[1] / "resources" / "library"
OLD = str(LIBRARY / "obor-digital-economy-2017.txt")
NEW = str(LIBRARY / "beijing-initiative-2023.md")
NEWS_2017 = Path(__file__).resolve().parent / "corpus" / "news" / "000_b852518f2faac651.txt"


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'lib.sqlite'}"


def test_json_contract(capsys, db: str) -> None:
    assert main(["compare", OLD, NEW, "--json", "--db", db]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"pairs", "summary"}
    pair = data["pairs"][-1]
    assert set(pair) >= {"old", "new", "kind", "moved", "similarity", "diff"}
    assert (pair["old"], pair["new"], pair["kind"]) == (["15"], ["20"], "changed")
    assert all(isinstance(n, str) for p in data["pairs"] for n in p["old"] + p["new"])
    assert data["summary"]["added"] == 5


def test_text_report_against_library_id(capsys, db: str) -> None:
    assert main(["compare", OLD, "beijing-initiative-2023", "--db", db]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith("16 changed, 5 added")
    assert any(line.split()[1:5] == ["12", "→", "2023", "17"] for line in lines)
    assert any(line.split()[1:5] == ["PP1", "→", "2023", "PP1"] for line in lines)
    assert len(lines) == 22


def test_html_report(tmp_path: Path, capsys, db: str) -> None:
    out = tmp_path / "report.html"
    assert main(["compare", OLD, NEW, "--html", str(out), "--db", db]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page and "http" not in page.split("<body>")[0]
    assert page.count("<tr class=") == 21
    assert page.count('<td class="empty"></td>') == 5
    assert "<del>" in page and "<ins>" in page and "@media print" in page
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]


def test_html_escapes_text_and_labels_moves_and_splits() -> None:
    old = ["Use <b>bold</b> & more. Second sentence here.", "Other clause about trade."]
    new = ["Other clause about trade.", "Use <b>bold</b> & more.", "Second sentence here."]
    page = render_html(compare_texts(old, new), "A<1>", "B&2")
    assert "<b>" not in page and "&lt;b&gt;bold&lt;/b&gt; &amp; more" in page
    assert "A&lt;1&gt; → B&amp;2" in page
    assert '<span class="label split">split</span>' in page
    assert '<span class="label moved">moved</span>' in page


def test_write_atomically_replaces(tmp_path: Path) -> None:
    target = tmp_path / "r.html"
    target.write_text("old")
    write_text_atomically(target, "new ✓")
    assert target.read_text(encoding="utf-8") == "new ✓"
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["/no/such/file.txt", NEW], "neither a file nor a library id"),
        ([OLD, "no-such-id"], "'no-such-id' is neither a file nor a library id"),
    ],
)
def test_bad_input_is_one_line_exit_2(capsys, db: str, args: list[str], message: str) -> None:
    assert main(["compare", *args, "--db", db]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("dsrdraft: error: ") and message in err


def test_a_news_report_compares_as_unnumbered_paragraphs(capsys, db: str) -> None:
    assert main(["compare", str(NEWS_2017), NEW, "--json", "--db", db]) == 0
    data = json.loads(capsys.readouterr().out)
    assert all(n.startswith("OP") for p in data["pairs"] for n in p["old"])


def test_pin_realigns_and_is_reported(capsys, db: str) -> None:
    # the user insists that 2017 clause 2 continues as 2023 clause 3 (not 2023 2)
    assert main(["compare", OLD, NEW, "--json", "--db", db, "--pin", "2=3"]) == 0
    data = json.loads(capsys.readouterr().out)
    pinned = [(p["old"], p["new"]) for p in data["pairs"] if p.get("pinned")]
    assert pinned == [(["2"], ["3"])]
    assert data["summary"]["aligned_by"] == "text"
    assert main(["compare", OLD, NEW, "--db", db, "--pin", "2=3"]) == 0
    assert any(line.split()[:5] == ["old", "2", "→", "new", "3"] and line.endswith("pinned")
               for line in capsys.readouterr().out.splitlines())


def exit_code(args: list[str]) -> int:
    """main()'s return value, or the code argparse exits with on a bad option."""
    try:
        return main(args)
    except SystemExit as exc:
        return int(exc.code or 0)


@pytest.mark.parametrize(("pin", "message"), [
    ("2", "argument --pin: not OLD=NEW: '2'"),
    ("99=1", "pin 99=1: the old text has no unit or heading '99'"),
])
def test_bad_pins_are_one_line(capsys, db: str, pin: str, message: str) -> None:
    assert exit_code(["compare", OLD, NEW, "--db", db, "--pin", pin]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err


def test_docx_revisions_carry_author_and_date(tmp_path: Path, capsys, db: str) -> None:
    import zipfile

    out = tmp_path / "r.docx"
    assert main(["compare", OLD, NEW, "--docx", str(out), "--db", db, "--author", "Secretariat",
                 "--revision-date", "2026-05-14"]) == 0
    with zipfile.ZipFile(out) as z:
        body = z.read("word/document.xml").decode()
        header = z.read("word/header1.xml").decode()
    assert 'w:author="Secretariat"' in body and 'w:author="dsrdraft"' not in body
    assert 'w:date="2026-05-14T00:00:00Z"' in body
    # the header names the texts by title, not by an internal id
    assert "Redline against Proposal for International Cooperation" in header
    assert exit_code(["compare", OLD, NEW, "--db", db, "--revision-date", "May 14"]) == 2
    assert "not an ISO date" in capsys.readouterr().err


def test_compare_of_two_files_opens_no_library(tmp_path: Path, capsys) -> None:
    """Both sides are files: nothing is read from, or created as, a library."""
    url = f"sqlite:///{tmp_path / 'never.sqlite'}"
    assert main(["compare", OLD, NEW, "--db", url]) == 0
    assert not (tmp_path / "never.sqlite").exists()


def test_compare_docx_of_two_files_loads_no_heavy_library(tmp_path: Path) -> None:
    """The whole-process budget (issue 13, item 6): comparing two files into a Word redline
    imports neither SQLAlchemy nor numpy nor Qt nor python-docx."""
    import os
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from dsrdraft.cli import main\n"
        f"code = main(['compare', {OLD!r}, {NEW!r}, '--docx', {str(tmp_path / 'r.docx')!r}])\n"
        "heavy = sorted(m for m in ('sqlalchemy', 'numpy', 'PySide6', 'docx') if m in sys.modules)\n"
        "print(code, heavy)\n")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         env={**os.environ,
                              "DSRDRAFT_DB": f"sqlite:///{tmp_path / 'no.sqlite'}"})
    assert run.stdout.splitlines()[-1] == "0 []", run.stderr
    assert not (tmp_path / "no.sqlite").exists()
