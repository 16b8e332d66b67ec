"""`compare A B --docx` as a whole process: what it imports, and the notes still reach stderr."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = ROOT / "resources" / "library"
#: Modules the command has no use for (their imports cost 4-10 ms each): logging only for
#: the draft files' notes, traceback for an internal error, tempfile (atomicfile names its
#: own temporary files) and hashlib (OpenSSL: the seal's digests are CPython's own SHA-256).
NOT_IMPORTED = ("logging", "traceback", "tempfile", "hashlib", "_hashlib")


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, DSRDRAFT_DB=f"sqlite:///{cwd / 'never.sqlite'}")
    return subprocess.run([sys.executable, "-X", "importtime", "-m", "dsrdraft", *args],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)


def test_compare_docx_imports_nothing_it_does_not_use(tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    result = run("compare", str(LIBRARY / "obor-digital-economy-2017.txt"),
                 str(LIBRARY / "beijing-initiative-2023.md"), "--docx", str(out),
                 cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines()
                if line.startswith("import time:")}
    assert "lxml.etree" in imported and "dsrdraft.export.fingerprint" in imported
    assert sorted(set(NOT_IMPORTED) & imported) == []
    assert out.stat().st_size > 10_000
    assert not (tmp_path / "never.sqlite").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["r.docx"]  # no temporary file left


def test_a_core_warning_is_still_a_note_when_logging_loads_late(tmp_path: Path) -> None:
    draft = tmp_path / "d.json"
    made = run("draft", "new", "A title", "--out", str(draft), cwd=tmp_path)
    assert made.returncode == 0, made.stderr[-2000:]
    data = json.loads(draft.read_text(encoding="utf-8"))
    data["version"] = 99  # a newer format: opened read-only, with a note
    draft.write_text(json.dumps(data), encoding="utf-8")
    shown = run("draft", "show", str(draft), cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr[-2000:]
    notes = [line for line in shown.stderr.splitlines() if not line.startswith("import time:")]
    assert len(notes) == 1 and notes[0].startswith("dsrdraft: note: ")
    assert "opened read-only" in notes[0]
