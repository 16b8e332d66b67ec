"""Benchmark of the Word export.

    python -m benchmarks.bench_export

1. A 200-clause negotiation draft (brackets, alternatives, status, attribution, a reservation
   comment every 10 clauses, five signatories) exported with `export_draft` (target <= 1 s).
2. The redline of the 2017 initiative against the 2023 one (compare + tracked changes).
Baselines in the same run: a plain python-docx document of the same text (one paragraph per
clause, default template, no processing) saved to disk; and for the redline, python-redlines
with its Docxodus engine (`pip install '.[bench]'`: the engine's binary comes inside the
python-redlines-docxodus wheel) comparing plain .docx files of the same two texts.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from docx import Document

from benchmarks.timing import best_of
from dsrdraft.compare import compare_initiatives
from dsrdraft.draft import model as m
from dsrdraft.draft.sample import sample_draft
from dsrdraft.export.redline import write_redline_docx
from dsrdraft.export.writer import export_draft
from dsrdraft.parsing import parse_file

LIBRARY = Path(__file__).resolve().parents[1] / "resources" / "library"



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
        t_redline = best_of(lambda: write_redline_docx(old, new, compare_initiatives(old, new),
                                                       out / "r.docx"))
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


if __name__ == "__main__":
    main()
