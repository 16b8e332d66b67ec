"""Real successive versions: what the word diff marks against a character-level minimal edit.

The corpus's SARIF working drafts are Word files with their editors' tracked changes: all
changes rejected is one version, all accepted the next (tests/corpus/real/MANIFEST.json). On
both pairs, paragraphs no change touched must be reported unchanged and in place, and the word
diff of the changed ones must mark at most 1.5 times the characters a minimal edit would
(rapidfuzz's Indel distance: characters inserted plus deleted). With the first pass alone
(whole words, islands folded) the ratio was 4.8 on the ballot draft (typos like "Credentaial").
`python -m benchmarks.bench_compare` prints the same figures.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from ooxml_views import W, body_paragraphs, document_root, paragraph_view
from rapidfuzz.distance import Indel

from dsrdraft.compare import compare_texts, marked_chars, rebuild

REAL = Path(__file__).resolve().parent / "corpus" / "real"
VERSIONS = sorted(REAL.glob("docx-word-oasis-*.docx"))
MAX_RATIO = 1.5


def versions(path: Path) -> tuple[list[str], list[str], set[str]]:
    """The rejected and accepted texts (non-empty paragraphs, tables included) and the texts,
    on either side, of the paragraphs a tracked change touches."""
    root = document_root(path)
    old = [t for _, t in body_paragraphs(root, "old", top_level_only=False) if t.strip()]
    new = [t for _, t in body_paragraphs(root, "new", top_level_only=False) if t.strip()]
    touched: set[str] = set()
    revision = (f"{W}ins", f"{W}del", f"{W}moveFrom", f"{W}moveTo")
    paragraphs = list(root.iter(f"{W}p"))
    for k, p in enumerate(paragraphs):
        if any(True for _ in p.iter(*revision)):
            # a tracked paragraph mark joins its paragraph to the next: both are touched
            for q in paragraphs[k:k + 2]:
                touched.update(paragraph_view(q, side) for side in ("old", "new"))
    return old, new, touched


def measure(path: Path) -> dict[str, float]:
    old, new, touched = versions(path)
    result = compare_texts(old, new)
    marked = minimal = 0
    for pair in result.pairs:
        if pair.kind == "changed":
            a, b = rebuild(pair.diff, "-"), rebuild(pair.diff, "+")
            marked += marked_chars(pair.diff)
            minimal += Indel.distance(a, b)
    untouched_wrong = [p for p in result.pairs if (p.kind != "unchanged" or p.moved) and not any(
        t in touched or any(t in x or x in t for x in touched if x)
        for t in [*(old[i] for i in p.old), *(new[j] for j in p.new)])]
    return {"paragraphs": len(old), "unchanged": result.summary["unchanged"],
            "changed": result.summary["changed"], "moved": result.summary["moved"],
            "marked": marked, "minimal": minimal, "untouched_wrong": len(untouched_wrong)}


@pytest.mark.parametrize("path", VERSIONS, ids=[p.stem for p in VERSIONS])
def test_unchanged_paragraphs_stay_unchanged_and_marks_stay_near_minimal(path: Path) -> None:
    figures = measure(path)
    assert figures["moved"] == 0
    assert figures["untouched_wrong"] == 0
    assert figures["changed"] > 0 and figures["minimal"] > 0
    assert figures["marked"] <= MAX_RATIO * figures["minimal"], figures


def test_the_corpus_has_both_versions() -> None:
    assert len(VERSIONS) == 2
