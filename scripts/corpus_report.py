"""The importer against the real-text corpus: words kept and structure, per file, against the
counts made by hand in tests/corpus/real/EXPECTED.json.

    python scripts/corpus_report.py [NAME-FRAGMENT…]

Prints one line per file (OK when every hand count matches) and the differences (got, wanted).
"""

from __future__ import annotations

import collections
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dsrdraft.errors import DsrError  # noqa: E402
from dsrdraft.parsing import parse_file  # noqa: E402
from tests.corpus.measure import kept_reported_lost  # noqa: E402

CORPUS = ROOT / "tests" / "corpus" / "real"
UNIT_KEYS = {"pp": ("preambular", "preambular"), "op": ("operative", "operative"),
             "annex": ("annex", "annex_units"), "closing": ("closing", "closing"),
             "formulas": ("formula", "formulas")}


def compare(name: str, expected: dict) -> tuple[bool, str]:
    try:
        ini = parse_file(CORPUS / name)
    except DsrError as exc:
        return False, f"refused: {exc}"
    counts = ini.counts()
    diffs = {}
    for short, (kind, key) in UNIT_KEYS.items():
        want = expected.get(key)
        if want is not None and counts.get(kind, 0) != want:
            diffs[short] = (counts.get(kind, 0), want)
    notes = sum(len(u.footnotes) for u in ini.clauses)
    if expected.get("footnotes") is not None and notes != expected["footnotes"]:
        diffs["footnotes"] = (notes, expected["footnotes"])
    got = collections.Counter(d.kind.value for _, d in ini.all_divisions())
    want_divs = expected.get("divisions") or {}
    for kind in sorted(set(got) | set(want_divs)):
        if got.get(kind, 0) != want_divs.get(kind, 0):
            diffs[f"div:{kind}"] = (got.get(kind, 0), want_divs.get(kind, 0))
    kept, reported, lost = kept_reported_lost(CORPUS / name, ini.to_json())
    line = f"kept {kept:.1%}, reported {reported:.1%}, lost {lost:.1%}"
    return not diffs and lost <= 0.01, f"{line}  {diffs or ''}"


def main() -> int:
    expected = json.loads((CORPUS / "EXPECTED.json").read_text(encoding="utf-8"))
    wanted = sys.argv[1:]
    ok = 0
    names = [n for n in expected if not wanted or any(w in n for w in wanted)]
    for name in names:
        good, detail = compare(name, expected[name])
        ok += good
        print(f"{'OK ' if good else '   '}{name[:56]:56} {detail}")
    print(f"{ok}/{len(names)} files match every hand count")
    return 0


if __name__ == "__main__":
    sys.exit(main())
