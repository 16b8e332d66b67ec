"""The draft edit subcommands: one per GUI edit, --json output, --keep-revision, refusals."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from dsrdraft.cli import main
from dsrdraft.draft.storage import load_draft

ROOT = Path(__file__).resolve().parent.parent


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def draft(tmp_path: Path, capsys) -> str:
    path = str(tmp_path / "d.json")
    assert run(capsys, "draft", "new", "Digital Cooperation", "--out", path,
               "--symbol", "DSR/2026/L.1", "--date", "2026-05-14")[0] == 0
    for text in ("Promote broadband access.", "Strengthen [capacity building][training].",
                 "Encourage exchanges of experience."):
        assert run(capsys, "draft", "add", path, "--text", text)[0] == 0
    return path


def test_every_edit_changes_the_file_and_prints_the_clause(draft, capsys):
    steps = [
        (["edit", draft, "1", "--text", "Promote [affordable] broadband access."],
         lambda c: c["text"] == "Promote [affordable] broadband access."),
        (["status", draft, "2", "ad_referendum"], lambda c: c["status"] == "ad_referendum"),
        (["alt", draft, "2", "--add", "Strengthen training.", "--by", "THA,LAO"],
         lambda c: c["alternatives"] == [{"text": "Strengthen training.",
                                          "proposers": ["THA", "LAO"]}]),
        (["alt", draft, "2", "--remove", "1"], lambda c: c["alternatives"] == []),
        (["propose", draft, "3", "chn", "G77/China"],
         lambda c: c["proposers"] == ["CHN", "G77/China"]),
        (["propose", draft, "3", "--clear"], lambda c: c["proposers"] == []),
        (["reserve", draft, "3", "EGY", "Reserves its position."],
         lambda c: c["reservations"] == [{"delegation": "EGY",
                                          "text": "Reserves its position."}]),
        (["unreserve", draft, "3", "1"], lambda c: c["reservations"] == []),
        (["delete", draft, "3", "--by", "EGY", "--by", "IND"],
         lambda c: c["deleted"] and c["deleted_by"] == ["EGY", "IND"]),
        (["restore", draft, "3"], lambda c: not c["deleted"] and c["deleted_by"] == []),
        (["bis", draft, "1", "--text", "Bridge the [digital] divide.", "--by", "KEN"],
         lambda c: c["label"] == "1 bis" and c["position"] == 2 and c["proposers"] == ["KEN"]),
        (["move", draft, "1 bis", "--to", "4"], lambda c: c["position"] == 4),
        (["move", draft, "3 bis", "--before", "1"],
         lambda c: c["position"] == 1 and c["label"] == "0 bis"),
        (["label", draft, "0 bis", "Intro"], lambda c: c["label"] == "Intro"),
    ]
    for argv, check in steps:
        code, out, err = run(capsys, "draft", *argv, "--json")
        assert code == 0, (argv, err)
        clause = json.loads(out)
        assert check(clause), (argv, clause)
        on_disk = load_draft(draft).clause(clause["uid"])
        assert on_disk.label == clause["label"] and on_disk.text == clause["text"]


def test_edits_of_the_whole_draft_print_the_draft(draft, capsys):
    run(capsys, "draft", "bis", draft, "2", "--text", "Inserted.")
    code, out, _ = run(capsys, "draft", "renumber", draft, "--json")
    assert code == 0
    assert [c["label"] for c in json.loads(out)["clauses"]] == ["1", "2", "3", "4"]
    code, out, _ = run(capsys, "draft", "preamble", draft, "--text", "Recalling [the] Charter,",
                       "--json")
    units = json.loads(out)["clauses"]
    assert [(c["kind"], c["label"], c["text"]) for c in units if c["kind"] == "preambular"] == [
        ("preambular", "PP1", "Recalling [the] Charter,")]
    code, out, _ = run(capsys, "draft", "meta", draft, "--title", "New title", "--place",
                       "Beijing", "--date", "2026-06-01", "--symbol", "DSR/2026/L.2", "--json")
    data = json.loads(out)
    assert (data["title"], data["place"], data["date"], data["symbol"]) == (
        "New title", "Beijing", "2026-06-01", "DSR/2026/L.2")


def test_readable_output_says_what_was_done(draft, capsys):
    assert run(capsys, "draft", "status", draft, "2", "agreed")[1] == "clause 2: agreed\n"
    assert run(capsys, "draft", "delete", draft, "3", "--by", "EGY")[1] == (
        "clause 3: deleted (by EGY)\n")
    assert run(capsys, "draft", "bis", draft, "2", "--text", "X.")[1] == (
        "inserted clause 2 bis after clause 2\n")
    assert run(capsys, "draft", "renumber", draft)[1] == "renumbered: 2 bis → 3\n"
    shown = run(capsys, "draft", "show", draft)[1]
    assert "3. X.  (open)" in shown and "3. Encourage" in shown  # deleted 3 keeps its label


def test_keep_revision_keeps_the_text_before_the_edit(draft, capsys):
    code, out, _ = run(capsys, "draft", "edit", draft, "1", "--text", "Changed.",
                       "--keep-revision", "--note", "before the Chinese proposal")
    assert code == 0
    assert out.splitlines() == ["kept rev0; now DSR/2026/L.1/Rev.1", "clause 1: text set"]
    d = load_draft(draft)
    assert d.revision == 1 and d.clauses[0].text == "Changed."
    assert d.at_revision(0).clauses[0].text == "Promote broadband access."
    assert d.revisions[0].note == "before the Chinese proposal"
    # with --json the kept revision is named on stderr, stdout stays the clause
    code, out, err = run(capsys, "draft", "status", draft, "1", "agreed", "--keep-revision",
                         "--json")
    assert json.loads(out)["status"] == "agreed" and err == "kept rev1; now DSR/2026/L.1/Rev.2\n"
    assert load_draft(draft).revisions[-1].note == "before status"


@pytest.mark.parametrize(("argv", "message"), [
    (["edit", "{d}", "2", "--text", "Strengthen [capacity."],
     "unbalanced brackets: clause 2: unclosed '[' at position 11"),
    (["edit", "{d}", "12", "--text", "X."], "no clause '12' in the draft (clauses: 1, 2, 3)"),
    (["status", "{d}", "1", "done"], "argument STATUS: invalid choice: 'done'"),
    (["alt", "{d}", "1", "--add", "X.", "--by", "CHM"], "'CHM' is not an ISO 3166 alpha-3"),
    (["alt", "{d}", "1", "--remove", "1"], "clause 1 has no alternatives"),
    (["alt", "{d}", "1", "--remove", "1", "--by", "CHN"], "not used with --remove"),
    (["alt", "{d}", "1"], "one of the arguments --add --remove is required"),
    (["propose", "{d}", "1"], "give the proposing delegations"),
    (["reserve", "{d}", "1", "CN", "Note."], "write the alpha-3 code CHN"),
    (["unreserve", "{d}", "1", "0"], "must be at least 1"),
    (["restore", "{d}", "1"], "clause 1 is not deleted"),
    (["move", "{d}", "1", "--to", "7"], "the draft has no position 7 (positions 1 to 3)"),
    (["move", "{d}", "1", "--to", "2", "--after", "3"], "not allowed with argument"),
    (["bis", "{d}", "9", "--text", "X."], "no clause '9'"),
    (["meta", "{d}"], "no metadata to change"),
    (["meta", "{d}", "--date", "14 May"], "not an ISO date"),
    (["edit", "{d}@rev0", "1", "--text", "X."], "a kept revision cannot be edited"),
    (["edit", "{d}", "1", "--text", "X.", "--note", "n"], "--note is the note of the revision"),
    (["edit", "/no/such.json", "1", "--text", "X."], "no such draft file"),
    (["unsign", "{d}", "THA"], "not a signatory of the draft: THA"),
])
def test_bad_input_is_one_line_exit_2_and_nothing_written(draft, capsys, argv, message):
    before = Path(draft).read_bytes()
    argv = [a.replace("{d}", draft) for a in argv]
    try:
        code = main(["draft", *argv])
    except SystemExit as exc:  # argparse's own refusals exit from inside parse_args
        code = exc.code
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("dsrdraft: error: ") and message in err
    assert Path(draft).read_bytes() == before


def test_a_real_process_edits_and_refuses(draft):
    """The contract as a script sees it: exit codes, stdout, stderr."""
    def dsrdraft(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "dsrdraft", "draft", *args],
                              capture_output=True, text=True, cwd=ROOT, timeout=60)

    ok = dsrdraft("edit", draft, "2", "--text", "Strengthen [capacity building].", "--json")
    assert ok.returncode == 0 and ok.stderr == ""
    assert json.loads(ok.stdout)["text"] == "Strengthen [capacity building]."
    bad = dsrdraft("edit", draft, "2", "--text", "Strengthen ]capacity.")
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr == ("dsrdraft: error: unbalanced brackets: clause 2: unbalanced ']' "
                          "at position 11\n")


def test_move_division_moves_an_article_with_its_paragraphs(tmp_path, capsys):
    source = tmp_path / "treaty.md"
    source.write_text("# Agreement\n\n## Article 1\n\nScope.\n\n1. First of one.\n\n"
                      "2. Second of one.\n\n## Article 2\n\nRules.\n\n1. First of two.\n",
                      encoding="utf-8")
    path = str(tmp_path / "d.json")
    assert run(capsys, "draft", "new", "--from", str(source), "--out", path)[0] == 0
    before = [c.text for c in load_draft(Path(path)).clauses]
    code, out, err = run(capsys, "draft", "move-division", path, "Article 2", "--up")
    assert code == 0 and "moved up with its division" in out, err
    after = [c.text for c in load_draft(Path(path)).clauses]
    i, j = before.index("Scope."), before.index("Rules.")
    assert after == before[:i - 1] + before[j - 1:] + before[i - 1:j - 1]
    code, out, err = run(capsys, "draft", "move-division", path, "Article 2", "--up")
    assert code == 2 and err.startswith("dsrdraft: error: ") and "first division" in err
    code, _, err = run(capsys, "draft", "move-division", path, "2.1", "--down")
    assert code == 2 and "is a paragraph" in err
