"""`--db` before or after the command group, honoured wherever it appears, for every subcommand.

The library named by --db holds a text nothing else holds ("only-here"); $DSRDRAFT_DB names
another file. A read succeeds only if it went to the --db library, and the $DSRDRAFT_DB file
must not even be created. Every leaf subcommand appears in the table below (a test fails on
one that does not), so a new subcommand cannot skip this.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import types
from pathlib import Path

import pytest

from dsrdraft.cli import build_parser, main
from dsrdraft.draft import model as m
from dsrdraft.draft.storage import save_draft
from dsrdraft.parsing import parse_file
from dsrdraft.store import open_library

ROOT = Path(__file__).resolve().parent.parent
ONLY_HERE = """Accord on Quokka Cooperation

1. The parties shall promote quokka conservation through joint research on marsupial habitats and sustainable island tourism.

2. The parties shall exchange zoologists every year.
"""
PROPOSAL = ONLY_HERE.replace("every year", "every second year")


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Files and a library shared by the tests; nothing here is written by a command."""
    folder = tmp_path_factory.mktemp("db-world")
    text = folder / "quokka.txt"
    text.write_text(ONLY_HERE, encoding="utf-8")
    (folder / "proposal.txt").write_text(PROPOSAL, encoding="utf-8")
    library = open_library(f"sqlite:///{folder / 'target.sqlite'}", seed=False)
    library.import_initiative(parse_file(text), id="only-here")
    from dsrdraft.store.drafts import SharedDrafts

    shared = SharedDrafts(library)  # a shared draft only this library holds
    shared.create("only-here-draft", m.new_draft("Quokka shared draft"), author="quokka")
    shared.contribute("only-here-draft", "reservation", "", "Quokka note.", delegation="AUS")
    library.close()
    draft = m.add_clause(m.new_draft("Quokka draft"), parse_file(text).clauses[0].text)
    save_draft(draft, folder / "draft.json")
    return {"folder": folder, "text": text, "draft": folder / "draft.json",
            "proposal": folder / "proposal.txt", "target": folder / "target.sqlite"}


@pytest.fixture
def env_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """$DSRDRAFT_DB: where a command that ignored --db would go."""
    path = tmp_path / "env.sqlite"
    monkeypatch.setenv("DSRDRAFT_DB", f"sqlite:///{path}")
    return path


def leaf_commands() -> set[tuple[str, ...]]:
    """("library", "import"), ("compare",), … for every subcommand the parser has."""
    found: set[tuple[str, ...]] = set()

    def walk(parser: argparse.ArgumentParser, path: tuple[str, ...]) -> None:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs:
            found.add(path)
        for action in subs:
            for name, child in action.choices.items():
                walk(child, (*path, name))

    walk(build_parser(), ())
    return found


def variants(command: tuple[str, ...], rest: list[str], url: str) -> list[list[str]]:
    """--db before the group, after the group (for grouped commands), and at the end."""
    out = [["--db", url, *command, *rest], [*command, *rest, "--db", url]]
    if len(command) == 2:
        out.append([command[0], "--db", url, command[1], *rest])
    return out


# ---------------------------------------------------------------- commands that read

# (command, arguments, what stdout must show: proof the read came from the --db library)
READS = {
    ("library", "list"): (lambda w: [], "only-here"),
    ("library", "search"): (lambda w: ["quokka"], "only-here 1"),
    ("library", "show"): (lambda w: ["only-here"], "Accord on Quokka Cooperation"),
    ("compare",): (lambda w: ["only-here", str(w["proposal"])], "1 changed"),
    ("precedents",): (lambda w: [str(w["draft"])], "agreed in only-here 1"),
    ("draft", "list"): (lambda w: [], "db:only-here-draft  version 1  saved by quokka"),
    ("draft", "history"): (lambda w: ["db:only-here-draft"], "quokka  (created)"),
    ("draft", "contributions"): (lambda w: ["db:only-here-draft"], "AUS  reservation: Quokka"),
}


@pytest.mark.parametrize("command", sorted(READS))
def test_reads_go_to_the_db_given(command, world, env_db, capsys):
    make_args, proof = READS[command]
    url = f"sqlite:///{world['target']}"
    for argv in variants(command, make_args(world), url):
        assert main(argv) == 0, (argv, capsys.readouterr().err)
        assert proof in capsys.readouterr().out, argv
    assert not env_db.exists()


def test_draft_add_reads_the_db_given(world, env_db, tmp_path, capsys):
    url = f"sqlite:///{world['target']}"
    for n, argv in enumerate(variants(("draft", "add"), [], url)):
        draft = tmp_path / f"d{n}.json"
        save_draft(m.new_draft("D"), draft)
        argv.insert(argv.index("add") + 1, str(draft))
        argv.insert(argv.index(str(draft)) + 1, "only-here:2")
        assert main(argv) == 0, (argv, capsys.readouterr().err)
        assert "added only-here:2 as clause 1" in capsys.readouterr().out
    assert not env_db.exists()


def test_export_against_reads_the_db_given(world, env_db, tmp_path, capsys):
    url = f"sqlite:///{world['target']}"
    for n, argv in enumerate(variants(("export",), [str(world["draft"]), "--mode", "redline",
                                                    "--against", "only-here"], url)):
        argv += ["--out", str(tmp_path / f"r{n}.docx")]
        assert main(argv) == 0, (argv, capsys.readouterr().err)
        assert f"wrote {tmp_path / f'r{n}.docx'}" in capsys.readouterr().out
    assert not env_db.exists()


def test_compile_base_from_the_db_given(world, env_db, tmp_path, capsys):
    url = f"sqlite:///{world['target']}"
    for n, argv in enumerate(variants(("compile",), ["only-here", str(world["proposal"]),
                                                     "--as", "CHN"], url)):
        argv += ["--out", str(tmp_path / f"c{n}.json")]
        assert main(argv) == 0, (argv, capsys.readouterr().err)
        assert "on only-here: 1 of 2 clauses with proposals" in capsys.readouterr().out
    assert not env_db.exists()


def test_gui_hands_the_db_to_the_application(env_db, monkeypatch):
    seen: list[list[str]] = []
    stand_in = types.ModuleType("dsrdraft_ui.app")
    stand_in.main = lambda argv: seen.append(argv) or 0
    monkeypatch.setitem(sys.modules, "dsrdraft_ui.app", stand_in)  # no window in this test
    for argv in variants(("gui",), [], "sqlite:///x.sqlite"):
        assert main(argv) == 0
    assert seen == [["dsrdraft-gui", "--db", "sqlite:///x.sqlite"]] * 2


# ---------------------------------------------------------------- the write

def test_library_import_writes_to_the_db_given(world, env_db, tmp_path):
    """The issue's three spellings, as real processes: each creates its own library file."""
    spellings = {
        "before": lambda url: ["--db", url, "library", "import", str(world["text"])],
        "group": lambda url: ["library", "--db", url, "import", str(world["text"])],
        "end": lambda url: ["library", "import", str(world["text"]), "--db", url],
    }
    for name, spell in spellings.items():
        db = tmp_path / f"{name}.sqlite"
        result = subprocess.run([sys.executable, "-m", "dsrdraft", *spell(f"sqlite:///{db}")],
                                capture_output=True, text=True, cwd=ROOT, timeout=60)
        assert result.returncode == 0, result.stderr
        assert "imported (2 clauses" in result.stdout
        listed = json.loads(subprocess.run(
            [sys.executable, "-m", "dsrdraft", "library", "list", "--json", "--db", str(db)],
            capture_output=True, text=True, cwd=ROOT, timeout=60).stdout)
        assert "accord-on-quokka-cooperation" in {i["id"] for i in listed}, name
    assert not env_db.exists()


def test_two_different_urls_are_refused(world, env_db, capsys):
    argv = ["--db", "sqlite:///a.sqlite", "library", "list", "--db", "sqlite:///b.sqlite"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--db given with different URLs" in err
    assert main(["--db", f"sqlite:///{world['target']}", "library", "--db",
                 f"sqlite:///{world['target']}", "list"]) == 0  # the same URL twice is fine


# ---------------------------------------------------------------- commands that do not use it

def _draft(world: dict[str, Path], tmp_path: Path) -> str:
    path = tmp_path / "edit.json"
    draft = m.add_clause(m.new_draft("D"), "One clause.")
    save_draft(m.add_signatory(draft, m.DraftSignatory("THA")), path)
    return str(path)


UNUSED = {
    ("parse",): lambda w, t: [str(w["text"])],
    ("verify",): lambda w, t: [str(w["folder"] / "nothing.docx")],
    ("draft", "new"): lambda w, t: ["T", "--out", str(t / "new.json")],
    ("draft", "import"): lambda w, t: [str(w["folder"] / "nothing.docx"), "--out",
                                       str(t / "imported.json")],
    ("draft", "sign"): lambda w, t: [_draft(w, t), "CHN"],
    ("draft", "unsign"): lambda w, t: [_draft(w, t), "THA"],
    ("draft", "revise"): lambda w, t: [_draft(w, t)],
    ("draft", "show"): lambda w, t: [_draft(w, t)],
    ("draft", "edit"): lambda w, t: [_draft(w, t), "1", "--text", "New."],
    ("draft", "status"): lambda w, t: [_draft(w, t), "1", "agreed"],
    ("draft", "alt"): lambda w, t: [_draft(w, t), "1", "--add", "Other."],
    ("draft", "propose"): lambda w, t: [_draft(w, t), "1", "CHN"],
    ("draft", "reserve"): lambda w, t: [_draft(w, t), "1", "CHN", "A note."],
    ("draft", "unreserve"): lambda w, t: [_draft(w, t), "1", "1"],
    ("draft", "delete"): lambda w, t: [_draft(w, t), "1"],
    ("draft", "restore"): lambda w, t: [_draft(w, t), "1"],
    ("draft", "move"): lambda w, t: [_draft(w, t), "1", "--to", "1"],
    ("draft", "move-division"): lambda w, t: [_draft(w, t), "1", "--up"],
    ("draft", "bis"): lambda w, t: [_draft(w, t), "1", "--text", "Inserted."],
    ("draft", "label"): lambda w, t: [_draft(w, t), "1", "1 bis"],
    ("draft", "renumber"): lambda w, t: [_draft(w, t)],
    ("draft", "preamble"): lambda w, t: [_draft(w, t), "--text", "Recalling."],
    ("draft", "meta"): lambda w, t: [_draft(w, t), "--place", "Beijing"],
    ("keys", "new"): lambda w, t: ["--out", str(t / "k"), "--force"],
    ("keys", "show"): lambda w, t: [str(t / "none.pub")],
}


@pytest.mark.parametrize("command", sorted(UNUSED))
def test_commands_without_a_library_accept_db_and_open_nothing(command, world, env_db,
                                                               tmp_path, capsys):
    never = tmp_path / "never.sqlite"
    # Run one after another on the same files, a later run may be refused ("already
    # deleted"): only where the library went matters here.
    for argv in variants(command, UNUSED[command](world, tmp_path), f"sqlite:///{never}"):
        main(argv)
        assert "--db" not in capsys.readouterr().err
    assert not never.exists() and not env_db.exists()


def test_every_subcommand_is_in_a_table():
    # draft contribute and library grant: with --db in tests/test_roles.py (a real server)
    covered = set(READS) | set(UNUSED) | {("draft", "add"), ("export",), ("compile",),
                                          ("gui",), ("library", "import"),
                                          ("library", "optimize"),
                                          ("draft", "contribute"), ("library", "grant")}
    assert leaf_commands() == covered


def test_library_optimize_merges_the_db_given(tmp_path, env_db, capsys):
    from dsrdraft.precedents.index import segments

    target = tmp_path / "bulk.sqlite"
    library = open_library(f"sqlite:///{target}", seed=False)
    for n in range(3):  # three imports: three segments of the agreed-language index
        text = tmp_path / f"t{n}.txt"
        text.write_text(ONLY_HERE.replace("Quokka", f"Quokka{n}"), encoding="utf-8")
        library.import_initiative(parse_file(text), id=f"t{n}")
    with library._engine.connect() as conn:
        assert segments(conn) > 1
    library.close()
    assert main(["library", "--db", f"sqlite:///{target}", "optimize"]) == 0
    assert "Merged" in capsys.readouterr().out
    assert main(["library", "optimize", "--db", f"sqlite:///{target}"]) == 0
    assert "Nothing to merge" in capsys.readouterr().out
    assert not env_db.exists()
