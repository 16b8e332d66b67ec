"""Honest options: help for every option, --version, start-up imports, --force, "wrote FILE",
library list columns, --id rules, precedents without the text's own entry, Chinese scores."""

from __future__ import annotations

import argparse
import ast
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from dsrdraft import __version__
from dsrdraft.cli import build_parser, main
from dsrdraft.draft import model as m
from dsrdraft.draft.storage import save_draft

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("sqlalchemy", "numpy", "rapidfuzz", "docx", "lxml", "pycountry", "platformdirs",
         "PySide6", "dsrdraft.store", "dsrdraft.parsing", "dsrdraft.draft", "dsrdraft.export")


def dsrdraft(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dsrdraft", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=120)


def every_parser() -> list[argparse.ArgumentParser]:
    found = []

    def walk(parser: argparse.ArgumentParser) -> None:
        found.append(parser)
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for child in action.choices.values():
                    walk(child)

    walk(build_parser())
    return found


# ---------------------------------------------------------------- help, defaults, version

def test_every_option_and_argument_has_help_and_states_its_default():
    missing, silent_defaults = [], []
    for parser in every_parser():
        for action in parser._actions:
            if isinstance(action, (argparse._HelpAction, argparse._SubParsersAction)):
                continue
            name = f"{parser.prog} {'/'.join(action.option_strings) or action.dest}"
            if not action.help or action.help == argparse.SUPPRESS:
                missing.append(name)
                continue
            default = action.default
            shown = default not in (None, False, "", [], argparse.SUPPRESS)
            if shown and "default" not in action.help:
                silent_defaults.append(f"{name} (default {default!r})")
    assert missing == []
    assert silent_defaults == []


def test_every_subcommand_has_a_description():
    for parser in every_parser():
        assert parser.description, parser.prog


def test_version_is_the_package_version():
    result = dsrdraft("--version")
    assert result.returncode == 0 and result.stderr == ""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert result.stdout == f"dsrdraft {project['version']}\n"
    assert __version__ == project["version"]


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["draft", "edit", "--help"],
                                  ["library", "--help"]])
def test_start_up_imports_none_of_the_heavy_packages(argv):
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "dsrdraft", *argv],
                            capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines()
                if line.startswith("import time:")}
    heavy = sorted(name for name in imported
                   if any(name == h or name.startswith(h + ".") for h in HEAVY))
    assert heavy == []


def test_constants_copied_for_start_up_match_the_core():
    from dsrdraft.cli import draft_edit_cmd, export_cmd, precedents_cmd
    from dsrdraft.draft.model import Status
    from dsrdraft.export.writer import MODES
    from dsrdraft.precedents import DEFAULT_MIN_WORDS

    assert export_cmd.MODES == MODES
    from dsrdraft.export.body import RESERVATIONS

    assert export_cmd.RESERVATIONS == RESERVATIONS
    assert tuple(s.value for s in Status) == draft_edit_cmd.STATUSES
    assert precedents_cmd.DEFAULT_MIN_WORDS == DEFAULT_MIN_WORDS


def test_core_errors_name_no_command_line_flags():
    """Messages raised outside dsrdraft/cli/ are shown by the GUI too: no "--force" in them."""
    offenders = []
    for path in (ROOT / "dsrdraft").rglob("*.py"):
        if "cli" in path.relative_to(ROOT / "dsrdraft").parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Raise) or node.exc is None:
                continue
            for const in ast.walk(node.exc):
                if isinstance(const, ast.Constant) and isinstance(const.value, str) \
                        and re.search(r"(^|\s|\()--[a-z]", const.value):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}: {const.value}")
    assert offenders == []


# ---------------------------------------------------------------- --force and "wrote FILE"

@pytest.fixture
def bracketed_draft(tmp_path: Path) -> Path:
    draft = m.new_draft("Test", symbol="T/1")
    draft = m.add_clause(draft, "States [shall][should] cooperate.")
    path = tmp_path / "d.json"
    save_draft(draft, path)
    return path


def test_export_never_overwrites_without_force(bracketed_draft: Path, tmp_path: Path):
    out = tmp_path / "d.docx"
    out.write_bytes(b"someone's file")
    refused = dsrdraft("export", str(bracketed_draft), "--out", str(out))
    assert refused.returncode == 2 and refused.stdout == ""
    assert refused.stderr == f"dsrdraft: error: {out}: already exists (use --force to overwrite)\n"
    assert out.read_bytes() == b"someone's file"
    forced = dsrdraft("export", str(bracketed_draft), "--out", str(out), "--force")
    assert forced.returncode == 0, forced.stderr
    assert forced.stdout.startswith(f"wrote {out} (negotiation, fingerprint ")
    assert out.read_bytes()[:2] == b"PK"


def test_clean_export_with_brackets_needs_allow_brackets_not_force(bracketed_draft, tmp_path):
    out = tmp_path / "c.docx"
    refused = dsrdraft("export", str(bracketed_draft), "--out", str(out), "--mode", "clean",
                       "--force")
    assert refused.returncode == 2 and not out.exists()
    assert "clean text refused: clauses still in brackets: 1" in refused.stderr
    assert "use --allow-brackets" in refused.stderr
    allowed = dsrdraft("export", str(bracketed_draft), "--out", str(out), "--mode", "clean",
                       "--allow-brackets")
    assert allowed.returncode == 0, allowed.stderr
    assert allowed.stdout.startswith(f"wrote {out} (clean, ")


def test_compare_says_what_it_wrote_and_refuses_to_overwrite(tmp_path: Path):
    html, docx = tmp_path / "r.html", tmp_path / "r.docx"
    args = ["compare", "resources/library/obor-digital-economy-2017.txt",
            "resources/library/beijing-initiative-2023.md", "--db", str(tmp_path / "l.sqlite")]
    first = dsrdraft(*args, "--html", str(html), "--docx", str(docx))
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines()[-2:] == [f"wrote {html}", f"wrote {docx}"]
    again = dsrdraft(*args, "--html", str(html))
    assert again.returncode == 2 and "already exists (use --force to overwrite)" in again.stderr
    as_json = dsrdraft(*args, "--html", str(html), "--force", "--json")
    assert as_json.returncode == 0
    assert json.loads(as_json.stdout)["summary"]  # stdout stays pure JSON ...
    assert as_json.stderr == f"wrote {html}\n"    # ... and the file is named on stderr


def test_draft_new_and_compile_say_what_they_wrote(tmp_path: Path, capsys):
    draft = tmp_path / "base.json"
    assert main(["draft", "new", "Base", "--out", str(draft)]) == 0
    assert capsys.readouterr().out == f"wrote {draft}\n"
    for text in ("States shall cooperate.", "States shall exchange experts."):
        assert main(["draft", "add", str(draft), "--text", text]) == 0
    proposal = tmp_path / "chn.txt"
    proposal.write_text("Base\n\n1. States shall cooperate closely.\n\n"
                        "2. States shall exchange experts.\n", encoding="utf-8")
    out = tmp_path / "c.json"
    capsys.readouterr()
    argv = ["compile", str(draft), str(proposal), "--as", "CHN", "--out", str(out)]
    assert main(argv) == 0
    assert capsys.readouterr().out.endswith(f"wrote {out}\n")
    assert main(argv) == 2
    assert "already exists (use --force to overwrite)" in capsys.readouterr().err
    assert main([*argv, "--force"]) == 0


# ---------------------------------------------------------------- library list and --id

def test_library_list_columns_align_and_a_missing_year_is_blank(tmp_path: Path):
    db = tmp_path / "l.sqlite"
    text = tmp_path / "t.txt"
    text.write_text("Undated Text\n\n1. A first clause here.\n\n2. A second clause.\n",
                    encoding="utf-8")
    long_id = "a-very-long-library-id-for-an-undated-text-of-the-secretariat"
    imported = dsrdraft("library", "import", str(text), "--id", long_id, "--db", str(db))
    assert imported.returncode == 0, imported.stderr
    lines = dsrdraft("library", "list", "--db", str(db)).stdout.splitlines()
    assert [line.split()[0] for line in lines] == [
        "obor-digital-economy-2017", "beijing-initiative-2023", long_id]
    starts = {line.index(" clauses") for line in lines}
    assert len(starts) == 1  # the clause counts line up, whatever the id's length
    assert "----" not in lines[2]
    assert re.fullmatch(r" +2 clauses  en +Undated Text", lines[2][len(long_id):])


def test_id_with_several_files_is_refused_saying_why(tmp_path: Path):
    result = dsrdraft("library", "import", "a.txt", "b.txt", "--id", "x",
                      "--db", str(tmp_path / "l.sqlite"))
    assert result.returncode == 2
    assert "--id names one initiative but 2 files were given" in result.stderr
    assert "--id" in dsrdraft("library", "import", "--help").stdout


def test_id_taken_by_another_text_is_refused(tmp_path: Path):
    text = tmp_path / "t.txt"
    text.write_text("Other Text\n\n1. A first clause here.\n\n2. A second clause.\n",
                    encoding="utf-8")
    result = dsrdraft("library", "import", str(text), "--id", "beijing-initiative-2023",
                      "--db", str(tmp_path / "l.sqlite"))
    assert result.returncode == 2
    assert result.stderr == ("dsrdraft: error: library id 'beijing-initiative-2023' is already "
                             "taken by another initiative: choose another --id\n")


# ---------------------------------------------------------------- precedents and search

def test_precedents_leave_out_the_texts_own_library_entry(tmp_path: Path):
    db = str(tmp_path / "l.sqlite")
    text = "resources/library/beijing-initiative-2023.md"
    own = json.loads(dsrdraft("precedents", text, "--json", "--db", db).stdout)
    assert own and all(s["id"] != "beijing-initiative-2023"
                       for span in own for s in span["sources"])
    readable = dsrdraft("precedents", text, "--db", db).stdout
    assert "not citing 'beijing-initiative-2023'" in readable
    kept = json.loads(dsrdraft("precedents", text, "--json", "--include-self",
                               "--db", db).stdout)
    assert any(s["id"] == "beijing-initiative-2023" for span in kept for s in span["sources"])


def test_chinese_search_scores_are_ranked_and_not_zero(tmp_path: Path):
    for query in ("电子商务", "数字经济合作", "电子商务 医疗", "合作"):
        hits = json.loads(dsrdraft("library", "search", query, "--json",
                                   "--db", str(tmp_path / "l.sqlite")).stdout)
        assert hits, query
        scores = [h["score"] for h in hits]
        assert all(s > 0 for s in scores), (query, scores)
        assert scores == sorted(scores, reverse=True)
    readable = dsrdraft("library", "search", "电子商务", "--db", str(tmp_path / "l.sqlite"))
    assert "(0.00)" not in readable.stdout
