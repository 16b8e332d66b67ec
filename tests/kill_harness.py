"""Kill real processes at random points while they write, then check nothing was damaged.

Used by tests/test_crash_safety.py (few kills) and scripts/torture.py (hundreds).
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# A child that saves a draft over and over; each version's clause text names its version.
SAVE_LOOP = """
import sys
from dsrdraft.draft.model import add_clause, new_draft
from dsrdraft.draft.storage import save_draft
path = sys.argv[1]
base = new_draft("Crash test")
for i in range(300):
    base = add_clause(base, "Clause text that is long enough to take a while to write. " * 20)
version = 0
while True:
    version += 1
    draft = add_clause(base, f"version {version}")
    save_draft(draft, path)
"""

EXPORT_LOOP = """
import sys
from dsrdraft.draft.model import add_clause, new_draft
from dsrdraft.draft.storage import save_draft
from dsrdraft.cli import main
draft_path, out = sys.argv[1], sys.argv[2]
draft = new_draft("Export crash test")
for i in range(150):
    draft = add_clause(draft, f"Clause {i}: promote [digital][data] cooperation. " * 5)
save_draft(draft, draft_path)
while True:
    main(["export", draft_path, "--out", out, "--mode", "negotiation", "--force"])
"""

IMPORT_LOOP = """
import sys
from dsrdraft.model import Clause, Initiative
from dsrdraft.store import open_library
library = open_library("sqlite:///" + sys.argv[1], seed=False)
n = int(sys.argv[2])
while True:
    n += 1
    clauses = tuple(Clause(str(i), f"Clause {i}.", f"Clause {i} of text {n}: cooperation "
                           f"on digital economy number {n * 1000 + i}.") for i in range(1, 201))
    library.import_initiative(Initiative(id="", title=f"Text {n}", language="en",
                                         clauses=clauses), id=f"text-{n}")
"""


@dataclass
class KillReport:
    kills: int
    damaged: int
    details: list[str]


def _spawn(code: str, *args: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", code, *args], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _kill_after(process: subprocess.Popen[bytes], seconds: float) -> None:
    time.sleep(seconds)
    if process.poll() is not None:
        _, err = process.communicate()
        raise RuntimeError(f"child ended early: {err.decode()[-500:]}")
    process.send_signal(signal.SIGKILL)
    process.communicate()  # reaps the child and closes its pipe


def _wait_for(path: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{path} never appeared")
        time.sleep(0.02)


def kill_during_draft_saves(folder: Path, kills: int, seed: int = 1) -> KillReport:
    from dsrdraft.draft.storage import load_draft

    rng = random.Random(seed)
    path = folder / "draft.json"
    damaged, details = 0, []
    for _ in range(kills):
        child = _spawn(SAVE_LOOP, str(path))
        _wait_for(path)
        _kill_after(child, rng.uniform(0.05, 0.6))
        try:
            draft = load_draft(path)
            if len(draft.clauses) != 301 or not draft.clauses[-1].text.startswith("version "):
                raise ValueError(f"{len(draft.clauses)} clauses")
        except Exception as exc:  # any failure to read back is damage
            damaged += 1
            details.append(f"draft unreadable after kill: {exc}")
        leftovers = [p.name for p in folder.iterdir() if p.name != "draft.json"]
        for name in leftovers:  # a killed writer may leave its temp file, never the target
            (folder / name).unlink()
    return KillReport(kills, damaged, details)


def kill_during_exports(folder: Path, kills: int, seed: int = 2) -> KillReport:
    import docx

    rng = random.Random(seed)
    out = folder / "out.docx"
    damaged, details = 0, []
    for _ in range(kills):
        child = _spawn(EXPORT_LOOP, str(folder / "d.json"), str(out))
        _wait_for(out, timeout=60)
        _kill_after(child, rng.uniform(0.05, 1.0))
        try:
            document = docx.Document(str(out))
            if len(document.paragraphs) < 150:
                raise ValueError("short document")
        except Exception as exc:
            damaged += 1
            details.append(f"export unreadable after kill: {exc}")
    return KillReport(kills, damaged, details)


def kill_during_imports(folder: Path, kills: int, seed: int = 3) -> KillReport:
    rng = random.Random(seed)
    db = folder / "library.sqlite"
    damaged, details, start = 0, [], 0
    for _ in range(kills):
        child = _spawn(IMPORT_LOOP, str(db), str(start))
        _wait_for(db)
        _kill_after(child, rng.uniform(0.2, 1.0))
        with sqlite3.connect(db) as conn:
            check = conn.execute("PRAGMA integrity_check").fetchone()[0]
            counts = conn.execute(
                "SELECT i.id, count(c.id) FROM initiatives i LEFT JOIN clauses c "
                "ON c.initiative_id = i.id GROUP BY i.id").fetchall()
        partial = [(i, n) for i, n in counts if n != 200]
        if check != "ok" or partial:
            damaged += 1
            details.append(f"integrity {check}; partial imports {partial[:3]}")
        start += 1000  # the next child's ids never collide with what is stored
    return KillReport(kills, damaged, details)


def two_writers(folder: Path, per_process: int = 15) -> dict[str, object]:
    """Two processes import into one library at once; every import must be there."""
    db = folder / "shared.sqlite"
    code = IMPORT_LOOP.replace("while True:", f"for _ in range({per_process}):")
    children = [_spawn(code, str(db), str(offset)) for offset in (0, 10_000)]
    errors = []
    for child in children:
        _, err = child.communicate(timeout=300)
        if child.returncode != 0:
            errors.append(err.decode()[-800:])
    with sqlite3.connect(db) as conn:
        ids = {row[0] for row in conn.execute("SELECT id FROM initiatives")}
        check = conn.execute("PRAGMA integrity_check").fetchone()[0]
    expected = {f"text-{n}" for off in (0, 10_000) for n in range(off + 1, off + per_process + 1)}
    return {"errors": errors, "missing": sorted(expected - ids), "integrity": check}


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        print(json.dumps(kill_during_draft_saves(Path(tmp), 3).__dict__))


OPEN_AND_LIST = """
import sys
from dsrdraft.store import open_library
library = open_library("sqlite:///" + sys.argv[1])
print(len(library.list_initiatives()))
"""


def simultaneous_first_start(folder: Path, processes: int = 4) -> dict[str, object]:
    """Several instances start at once on a library that does not exist yet."""
    db = folder / "new.sqlite"
    children = [_spawn(OPEN_AND_LIST, str(db)) for _ in range(processes)]
    errors = []
    for child in children:
        _, err = child.communicate(timeout=120)
        if child.returncode != 0:
            errors.append(err.decode()[-800:])
    with sqlite3.connect(db) as conn:
        count = conn.execute("SELECT count(*) FROM initiatives").fetchone()[0]
        seeded = conn.execute("SELECT count(*) FROM meta WHERE key = 'seeded'").fetchone()[0]
    return {"errors": errors, "initiatives": count, "seeded_flags": seeded}


# --------------------------------------------------------------------------------------------
# Two writers on one draft file at the same moment: no edit may be lost without a word.

# Both children import the CLI, then wait for the same instant, so their reads and writes
# overlap as they would for two scripts (or a script and the window) started together.
TIMED_CLI = """
import sys, time
from dsrdraft.cli import main
start = float(sys.argv[1])
time.sleep(max(0.0, start - time.time()))
sys.exit(main(sys.argv[2:]))
"""

# A window's way of saving: read, keep the draft a while, save through the DraftFile.
TIMED_WINDOW = """
import sys, time
from dsrdraft.draft.model import add_clause
from dsrdraft.draft.storage import DraftChangedError, DraftFile
start, path, text, keep = float(sys.argv[1]), sys.argv[2], sys.argv[3], float(sys.argv[4])
time.sleep(max(0.0, start - time.time()))
opened = DraftFile.open(path)
time.sleep(keep)
try:
    opened.save(add_clause(opened.draft, text))
except DraftChangedError as exc:
    print(f"dsrdraft: error: {exc}", file=sys.stderr)
    sys.exit(2)
"""

WRITERS: dict[str, list[str]] = {
    "add": ["draft", "add", "{d}", "--text", "Added by {who}."],
    "revise": ["draft", "revise", "{d}", "--note", "by {who}"],
    "edit": ["draft", "edit", "{d}", "1", "--text", "Edited by {who}."],
    "sign": ["draft", "sign", "{d}", "{code}"],
    "reserve": ["draft", "reserve", "{d}", "2", "{code}", "Reserved by {who}."],
    "status": ["draft", "status", "{d}", "2", "agreed"],
    "window": [],  # TIMED_WINDOW
}
PAIRS = [("add", "add"), ("add", "revise"), ("edit", "add"), ("sign", "add"),
         ("reserve", "edit"), ("status", "sign"), ("window", "add"), ("window", "edit")]
CODES = {"A": "THA", "B": "LAO"}


def _landed(kind: str, who: str, draft) -> bool:
    """Whether writer `who`'s edit of `kind` is in the draft read back."""
    texts = [c.text for c in draft.clauses]
    if kind in ("add", "window"):
        return f"Added by {who}." in texts
    if kind == "revise":
        return any(r.note == f"by {who}" for r in draft.revisions)
    if kind == "edit":
        return draft.clauses[0].text == f"Edited by {who}."
    if kind == "sign":
        return CODES[who] in {s.code for s in draft.signatories}
    if kind == "reserve":
        return any(r.text == f"Reserved by {who}." for c in draft.clauses
                   for r in c.reservations)
    if kind == "status":
        return draft.clauses[1].status.value == "agreed"
    raise ValueError(kind)


@dataclass
class WriterReport:
    trials: int
    edits: int  # edits attempted (two per trial)
    landed: int
    refused: int  # a clean one-line refusal: the user knows to run it again
    lost: int  # reported done, not in the file: the silent loss that must never happen
    errors: list[str]


def two_draft_writers(folder: Path, trials: int, seed: int = 4) -> WriterReport:
    from dsrdraft.draft.model import add_clause, new_draft
    from dsrdraft.draft.storage import load_draft, save_draft

    rng = random.Random(seed)
    report = WriterReport(trials, 0, 0, 0, 0, [])
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for trial in range(trials):
        path = folder / f"d{trial}.json"
        draft = add_clause(add_clause(new_draft("Two writers"), "First."), "Second.")
        save_draft(draft, path)
        pair = PAIRS[trial % len(PAIRS)]
        start = time.time() + 0.6 + rng.uniform(0, 0.01)
        children = []
        for kind, who in zip(pair, "AB", strict=True):
            if kind == "window":
                argv = [sys.executable, "-c", TIMED_WINDOW, str(start), str(path),
                        f"Added by {who}.", str(rng.uniform(0, 0.6))]
            else:
                args = [a.format(d=path, who=who, code=CODES[who]) for a in WRITERS[kind]]
                argv = [sys.executable, "-c", TIMED_CLI, str(start), *args]
            children.append((kind, who, subprocess.Popen(
                argv, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)))
        outcomes = [(kind, who, child.wait(timeout=120), child.stderr.read().decode())
                    for kind, who, child in children]
        for _, _, child in children:
            child.stderr.close()
        final = load_draft(path)
        for kind, who, code, err in outcomes:
            report.edits += 1
            if code == 0 and _landed(kind, who, final):
                report.landed += 1
            elif code == 0:
                report.lost += 1
                report.errors.append(f"trial {trial} {pair}: {kind} by {who} said done, lost")
            elif code == 2 and err.count("\n") == 1 and err.startswith("dsrdraft: error:"):
                report.refused += 1
            else:
                report.errors.append(f"trial {trial} {pair}: {kind} by {who} exit {code}: "
                                     f"{err[-300:]}")
    return report
