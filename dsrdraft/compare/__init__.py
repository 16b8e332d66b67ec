"""Compare two initiatives or versions: clause alignment plus word-level diff (no Qt here).

`compare_texts(old, new)` takes clause texts in document order; `compare_initiatives` takes two
`Initiative`s and also records their clause numbers. Results are frozen data: the GUI paints
them side by side, the Word exporter writes them as tracked changes, the CLI prints them.
"""

from __future__ import annotations

from dsrdraft.compare.align import KINDS, AlignedPair, Comparison, compare_texts
from dsrdraft.compare.worddiff import rebuild, tokenize, word_diff
from dsrdraft.model import Initiative

__all__ = ["KINDS", "AlignedPair", "Comparison", "compare_initiatives", "compare_texts",
           "rebuild", "tokenize", "word_diff"]


def compare_initiatives(old: Initiative, new: Initiative) -> Comparison:
    """Compare the clauses of two initiatives; the result carries their clause numbers."""
    result = compare_texts([c.text for c in old.clauses], [c.text for c in new.clauses])
    return Comparison(
        pairs=result.pairs,
        summary=result.summary,
        old_numbers=tuple(c.number for c in old.clauses),
        new_numbers=tuple(c.number for c in new.clauses),
    )
