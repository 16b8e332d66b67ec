"""Benchmark of the Word export.

    python -m benchmarks.bench_export

1. A 200-clause negotiation draft (brackets, alternatives, status, attribution, a reservation
   comment every 10 clauses, five signatories) exported with `export_draft` (target <= 1 s).
2. The redline of the 2017 initiative against the 2023 one (compare + tracked changes).
3. The same redline as a user gets it, whole processes side by side: `dsrdraft compare
   OLD NEW --docx OUT` against a Python process running python-redlines' Docxodus engine
   on the same two texts as plain .docx files (target: dsrdraft >= 10x faster). The runs
   alternate, best of several each; bytecode is compiled first, as an installed package has
   it, and the first run (which caches the regular expressions' compiled code) is shown
   apart.
Baselines in the same run: a plain python-docx document of the same text (one paragraph per
clause, default template, no processing) saved to disk; and for the redline, python-redlines
with its Docxodus engine (`pip install '.[bench]'`: the engine's binary comes inside the
python-redlines-docxodus wheel) comparing plain .docx files of the same two texts.
"""

from __future__ import annotations

import compileall
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from docx import Document

from benchmarks.timing import best_of
from dsrdraft.compare import compare_initiatives
from dsrdraft.compare.worddiff import clear_cache
from dsrdraft.draft import model as m
from dsrdraft.draft.sample import sample_draft
from dsrdraft.export.redline import write_redline_docx
from dsrdraft.export.writer import export_draft
from dsrdraft.parsing import parse_file

LIBRARY = Path(__file__).resolve().parents[1] / "resources" / "library"
ROOT = Path(__file__).resolve().parents[1]
PROCESS_RUNS = 7
DOCXODUS_SCRIPT = """
import sys
from pathlib import Path
from python_redlines.engines import DocxodusEngine
out = DocxodusEngine().run_redline("dsrdraft", Path(sys.argv[1]).read_bytes(),
                                   Path(sys.argv[2]).read_bytes())
Path(sys.argv[3]).write_bytes(out[0])
"""



def big_draft(n: int = 200) -> m.Draft:
    d = sample_draft(extra_clauses=n - 7)
    for i, c in enumerate(d.clauses):
        if i % 10 == 5:
            d = m.add_reservation(d, c.uid, "USA", "Reserves its position.")
        if i % 7 == 3:
            d = m.add_alternative(d, c.uid, "Alternative [wording] for this clause.", ["EGY"])
    return d


def plain_docx(texts: list[str], out: Path) -> None:
    doc = Document()
    for t in texts:
        doc.add_paragraph(t)
    doc.save(str(out))


def seeds():
    old = parse_file(LIBRARY / "obor-digital-economy-2017.txt")
    new = parse_file(LIBRARY / "beijing-initiative-2023.md")
    return old, new


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        draft = big_draft()
        texts = [draft.title, draft.preamble, *(c.text for c in draft.clauses)]
        t_export = best_of(lambda: export_draft(draft, out / "n.docx", mode="negotiation"))
        t_plain = best_of(lambda: plain_docx(texts, out / "plain.docx"))
        print(f"negotiation draft, {len(draft.clauses)} clauses: export {t_export * 1000:.0f} ms "
              f"(target <= 1000 ms); plain python-docx save of the same text "
              f"{t_plain * 1000:.0f} ms")

        old, new = seeds()

        def redline() -> None:
            clear_cache()  # the work, not the word-diff cache
            write_redline_docx(old, new, compare_initiatives(old, new), out / "r.docx")

        t_redline = best_of(redline)
        comparison = compare_initiatives(old, new)
        t_write = best_of(lambda: write_redline_docx(old, new, comparison, out / "r.docx"))
        t_plain2 = best_of(lambda: plain_docx([c.text for c in new.clauses], out / "p2.docx"))
        print(f"redline 2017 -> 2023 ({len(old.clauses)} -> {len(new.clauses)} clauses): "
              f"compare + write {t_redline * 1000:.0f} ms, write only {t_write * 1000:.0f} ms; "
              f"plain python-docx save of the 2023 text {t_plain2 * 1000:.0f} ms")
        try:
            from python_redlines.engines import DocxodusEngine
        except ImportError:
            print("python-redlines (Docxodus): not installed (pip install '.[bench]')")
            return
        plain_docx([old.title, *(c.text for c in old.clauses)], out / "old.docx")
        plain_docx([new.title, *(c.text for c in new.clauses)], out / "new.docx")
        engine = DocxodusEngine()
        old_bytes = (out / "old.docx").read_bytes()
        new_bytes = (out / "new.docx").read_bytes()
        t_docxodus = best_of(lambda: engine.run_redline("dsrdraft", old_bytes, new_bytes))
        print(f"python-redlines (Docxodus) on the same two texts: {t_docxodus * 1000:.0f} ms; "
              f"dsrdraft compare + write is {t_docxodus / t_redline:.1f}x faster")
        whole_processes(out)


def dsrdraft_command() -> list[str]:
    """How a user starts dsrdraft: the console script beside this interpreter."""
    script = Path(sys.executable).with_name("dsrdraft")
    return [str(script)] if script.exists() else [sys.executable, "-m", "dsrdraft"]


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process and its children: user + system)."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def whole_processes(out: Path) -> None:
    """`dsrdraft compare A B --docx` and python-redlines/Docxodus as whole processes."""
    compileall.compile_dir(str(ROOT / "dsrdraft"), quiet=1)
    env = dict(os.environ, DSRDRAFT_DB=f"sqlite:///{out / 'never-opened.sqlite'}")
    old = str(LIBRARY / "obor-digital-economy-2017.txt")
    new = str(LIBRARY / "beijing-initiative-2023.md")
    ours = [*dsrdraft_command(), "compare", old, new, "--docx", str(out / "p.docx"), "--force"]
    theirs = [sys.executable, "-c", DOCXODUS_SCRIPT, str(out / "old.docx"),
              str(out / "new.docx"), str(out / "d.docx")]
    bare = [sys.executable, "-c", "pass"]
    # A user's first run leaves the regular expressions' compiled code beside the bytecode
    # (dsrdraft/lazyre.py; never under PYTHONDONTWRITEBYTECODE, as for .pyc): that run once,
    # from no cache, then the runs after it.
    for cached in (ROOT / "dsrdraft" / "__pycache__").glob("lazyre.*.marshal"):
        cached.unlink()
    first_env = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
    first_wall, first_cpu = timed(ours, first_env)
    times: dict[str, list[tuple[float, float]]] = {"ours": [], "theirs": [], "bare": []}
    for _ in range(PROCESS_RUNS):
        for name, cmd in (("ours", ours), ("theirs", theirs), ("bare", bare)):
            times[name].append(timed(cmd, env))
    if (out / "never-opened.sqlite").exists():
        raise SystemExit("compare of two files opened a library database")
    wall = {name: min(w for w, _ in values) for name, values in times.items()}
    cpu = {name: min(c for _, c in values) for name, values in times.items()}
    print(f"whole process, best of {PROCESS_RUNS} alternating runs: dsrdraft compare --docx "
          f"{wall['ours'] * 1000:.0f} ms; python-redlines (Docxodus) "
          f"{wall['theirs'] * 1000:.0f} ms: {wall['theirs'] / wall['ours']:.1f}x faster "
          f"(target >= 10x); CPU time {cpu['ours'] * 1000:.0f} ms against "
          f"{cpu['theirs'] * 1000:.0f} ms ({cpu['theirs'] / cpu['ours']:.1f}x); "
          f"bare `python -c pass` {wall['bare'] * 1000:.0f} ms")
    print(f"first run (the patterns compiled, their code cached): {first_wall * 1000:.0f} ms "
          f"wall, {first_cpu * 1000:.0f} ms CPU")
    print(f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores while measuring)")


if __name__ == "__main__":
    main()
