"""A comparison as plain frozen data: aligned pairs with their word diffs, and counts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from dsrdraft.compare.items import Item

KINDS = ("unchanged", "changed", "split", "merged", "added", "removed")


@dataclass(frozen=True, slots=True)
class AlignedPair:
    """One row of a comparison: which old items became which new items, and how.

    `old`/`new` index the comparison's items (units and division headings in document
    order; for texts without divisions, the units themselves)."""

    old: tuple[int, ...]
    new: tuple[int, ...]
    kind: str
    moved: bool
    similarity: float
    diff: tuple[tuple[str, str], ...]
    pinned: bool = False


@dataclass(frozen=True, slots=True)
class Comparison:
    """Aligned pairs in display order, counts per kind (and "moved"), how they were aligned
    ("text", or "structure" for texts in two languages) and the items the pairs index."""

    pairs: tuple[AlignedPair, ...]
    summary: dict[str, int]
    old_numbers: tuple[str, ...] = field(default=())
    new_numbers: tuple[str, ...] = field(default=())
    aligned_by: str = "text"
    old_items: tuple[Item, ...] = field(default=())
    new_items: tuple[Item, ...] = field(default=())

    def to_json(self, old_numbers: Sequence[str] | None = None,
                new_numbers: Sequence[str] | None = None) -> dict[str, Any]:
        """The compare shape of docs/design.md; numbers default to the ones filled in, else
        1, 2, 3…"""
        on = list(old_numbers if old_numbers is not None else self.old_numbers)
        nn = list(new_numbers if new_numbers is not None else self.new_numbers)

        def num(numbers: list[str], i: int) -> str:
            return str(numbers[i]) if i < len(numbers) else str(i + 1)

        def unit(items: tuple[Item, ...], indices: tuple[int, ...]) -> str:
            return items[indices[0]].kind if indices and indices[0] < len(items) else ""

        pairs = []
        for p in self.pairs:
            row: dict[str, Any] = {
                "old": [num(on, i) for i in p.old],
                "new": [num(nn, j) for j in p.new],
                "kind": p.kind,
                "moved": p.moved,
                "similarity": round(p.similarity, 4),
                "diff": [[op, text] for op, text in p.diff],
            }
            what = unit(self.new_items, p.new) or unit(self.old_items, p.old)
            if what:
                row["unit"] = what  # "preambular", "operative", "heading", …
            if p.pinned:
                row["pinned"] = True
            pairs.append(row)
        return {"pairs": pairs, "summary": {**self.summary, "aligned_by": self.aligned_by}}
