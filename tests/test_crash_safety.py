"""Real processes killed (SIGKILL) while they write, two instances on one library, no network.

The counts here keep the suite quick; `python scripts/torture.py` runs hundreds (README)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import kill_harness as harness
import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")


def test_killed_draft_saves_never_damage_the_draft(tmp_path: Path) -> None:
    report = harness.kill_during_draft_saves(tmp_path, kills=8)
    assert report.damaged == 0, report.details


def test_killed_exports_never_leave_a_broken_docx(tmp_path: Path) -> None:
    report = harness.kill_during_exports(tmp_path, kills=4)
    assert report.damaged == 0, report.details


def test_killed_imports_leave_the_library_whole(tmp_path: Path) -> None:
    report = harness.kill_during_imports(tmp_path, kills=6)
    assert report.damaged == 0, report.details


def test_two_processes_importing_at_once_lose_nothing(tmp_path: Path) -> None:
    result = harness.two_writers(tmp_path, per_process=8)
    assert result == {"errors": [], "missing": [], "integrity": "ok"}


def test_instances_starting_together_on_a_new_library(tmp_path: Path) -> None:
    result = harness.simultaneous_first_start(tmp_path, processes=4)
    assert result == {"errors": [], "initiatives": 2, "seeded_flags": 1}


# Any socket the process creates or any name it looks up fails the command.
NO_NETWORK = """
import sys
def refuse(event, args):
    if event.startswith(("socket.", "urllib.")) or event in ("http.client.connect",):
        raise SystemExit(f"network access: {event} {args!r:.80}")
sys.addaudithook(refuse)
from dsrdraft.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_no_network_access_at_run_time(tmp_path: Path, seed_2017: Path, seed_2023: Path) -> None:
    db = f"sqlite:///{tmp_path / 'lib.sqlite'}"
    draft = tmp_path / "d.json"
    commands = [
        ["library", "list"],
        ["library", "search", "digital divide"],
        ["parse", str(seed_2023), "--json"],
        ["compare", str(seed_2017), str(seed_2023), "--html", str(tmp_path / "c.html")],
        ["precedents", str(seed_2023)],
        ["draft", "new", "Test", "--out", str(draft)],
        ["draft", "add", str(draft), "obor-digital-economy-2017:1"],
        ["export", str(draft), "--out", str(tmp_path / "d.docx")],
        ["verify", str(tmp_path / "d.docx")],
    ]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # The guard itself works: a socket opened under it fails the command.
    control = NO_NETWORK.replace("from dsrdraft.cli import main",
                                 "import socket\nsocket.socket()\nfrom dsrdraft.cli import main")
    result = subprocess.run([sys.executable, "-c", control, "library", "list", "--db", db],
                            capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert result.returncode != 0 and "network access: socket.__new__" in result.stderr
    for command in commands:
        result = subprocess.run([sys.executable, "-c", NO_NETWORK, *command, "--db", db],
                                capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
        assert result.returncode == 0, (command, result.stderr[-500:])
        assert "network access" not in result.stderr


def test_atomic_write_keeps_the_old_file_when_writing_fails(tmp_path: Path) -> None:
    from dsrdraft.atomicfile import atomic_write

    target = tmp_path / "draft.json"
    target.write_text("old")
    target.chmod(0o640)

    def failing(tmp: Path) -> None:
        tmp.write_text("half-writ")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        atomic_write(target, failing)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["draft.json"]  # no temp file left
    atomic_write(target, lambda tmp: tmp.write_text("new"))
    assert target.read_text() == "new"
    assert target.stat().st_mode & 0o777 == 0o640  # permissions kept


def test_atomic_write_into_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    from dsrdraft.atomicfile import write_text_atomically
    from dsrdraft.errors import DsrError

    with pytest.raises(DsrError, match="does not exist"):
        write_text_atomically(tmp_path / "nowhere" / "x.json", "text")


@pytest.mark.parametrize("mode", ["negotiation", "clean", "redline"])
def test_control_characters_are_cleaned_at_export(tmp_path: Path, mode: str) -> None:
    """Text pasted from other programs may hold characters Word's XML cannot: exported
    without them, and the export verifies."""
    import docx

    from dsrdraft.draft.model import add_clause, new_draft
    from dsrdraft.draft.storage import save_draft

    draft = add_clause(new_draft("Bell\x07 title"), "Text with a bell \x07, a NUL \x00 and \ufffe.")
    path = tmp_path / "d.json"
    save_draft(draft, path)
    out = tmp_path / f"{mode}.docx"
    args = ["export", str(path), "--out", str(out), "--mode", mode]
    if mode == "redline":
        args += ["--against", str(path)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "dsrdraft", *args], capture_output=True,
                            text=True, env=env, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    body = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "Text with a bell , a NUL" in body
    assert "\x07" not in body and "\x00" not in body
    verify = subprocess.run([sys.executable, "-m", "dsrdraft", "verify", str(out)],
                            capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)
    assert verify.returncode == 0, verify.stdout + verify.stderr
