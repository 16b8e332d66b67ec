"""The importer against the real-text corpus: words kept and structure, per file, against the
counts made by hand in tests/corpus/real/EXPECTED.json.

    python scripts/corpus_report.py [NAME-FRAGMENT…]          # one line per file
    python scripts/corpus_report.py --table [NAME-FRAGMENT…]  # DIFFERENCES.md's rows

A file is OK when every hand count matches (units per kind, footnotes, divisions per kind,
signatories, sample units) and no more than 1 % of its words are lost silently; the last line
also says how many files match on units, footnotes and divisions alone. `--table` prints the
rows DIFFERENCES.md needs now, keeping the reason recorded for a file's count (or, for a
count not yet recorded, the file's first reason, marked "(new)").
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dsrdraft.errors import DsrError  # noqa: E402
from dsrdraft.parsing import parse_file  # noqa: E402
from tests.corpus.hand_counts import (  # noqa: E402
    CORPUS,
    count_differences,
    expected,
    hand_value,
    recorded,
)
from tests.corpus.measure import kept_reported_lost  # noqa: E402

_STRUCTURE = ("preambular", "operative", "annex_units", "closing", "formulas", "footnotes")


def main(argv: list[str]) -> int:
    table = "--table" in argv
    wanted = [a for a in argv if a != "--table"]
    hand = expected()
    names = [n for n in hand if not wanted or any(w in n for w in wanted)]
    reasons = recorded()
    ok = structure_ok = 0
    for name in names:
        try:
            ini = parse_file(CORPUS / name)
        except DsrError as exc:
            print(f"   {name[:56]:56} refused: {exc}")
            continue
        diffs = count_differences(ini, hand[name])
        kept, reported, lost = kept_reported_lost(CORPUS / name, ini.to_json())
        good = not diffs and lost <= 0.01
        ok += good
        structure_ok += lost <= 0.01 and not any(
            k in _STRUCTURE or k.startswith("divisions.") for k in diffs)
        if table:
            rows = reasons.get(name, {})
            first = next(iter(rows.values()), ("", "importer:"))[1].removesuffix(" (new)")
            for count, got in diffs.items():
                why = rows[count][1] if count in rows else f"{first} (new)"
                print(f"| {name} | {count} | {got} | {hand_value(hand[name], count)} | {why} |")
            continue
        shown = {k: (v, hand_value(hand[name], k)) for k, v in diffs.items()}
        print(f"{'OK ' if good else '   '}{name[:56]:56} kept {kept:.1%}, reported "
              f"{reported:.1%}, lost {lost:.1%}  {shown or ''}")
    if not table:
        print(f"{ok}/{len(names)} files match every hand count ({structure_ok}/{len(names)} on "
              "units, footnotes and divisions alone)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
