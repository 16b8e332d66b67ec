"""Compare two texts or versions: units and headings aligned by structure and content, word
diffs, moves (no Qt here).

`compare_initiatives(old, new, pins=[("9", "1")])` takes two `Initiative`s (and pairs the user
fixed, by address as the comparison prints them); `compare_texts(old, new)` takes plain unit
texts in document order. Results are frozen data: the GUI paints them side by side, the Word
exporter writes them as tracked changes, the CLI prints them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from dsrdraft.compare.engine import Checkpoint, compare_items
from dsrdraft.compare.items import Item, items_of, items_of_texts
from dsrdraft.compare.result import KINDS, AlignedPair, Comparison
from dsrdraft.compare.worddiff import marked_chars, rebuild, tokenize, word_diff
from dsrdraft.errors import DsrError
from dsrdraft.model import Initiative

__all__ = ["KINDS", "AlignedPair", "Checkpoint", "Comparison", "Item", "PinError",
           "compare_initiatives", "compare_items", "compare_texts", "items_of", "marked_chars",
           "rebuild", "resolve_pins", "tokenize", "word_diff"]


class PinError(DsrError):
    """A pin names an address the text does not have, or pins one item twice."""


def compare_texts(old: Sequence[str], new: Sequence[str]) -> Comparison:
    """Align two lists of unit texts (in document order) and diff every pair by words."""
    return compare_items(items_of_texts(old), items_of_texts(new))


def compare_initiatives(old: Initiative, new: Initiative,
                        pins: Iterable[tuple[str, str]] = (),
                        aligned_by: str | None = None,
                        checkpoint: Checkpoint | None = None) -> Comparison:
    """Compare two texts unit by unit and heading by heading; `pins` pair addresses
    ("9", "PP2", "Article 4", "4.19", or a citation such as "OP9") that must pair;
    `checkpoint` is called between steps (see `dsrdraft.compare.engine`)."""
    old_items, new_items = items_of(old), items_of(new)
    return compare_items(old_items, new_items,
                         resolve_pins(pins, old, new, old_items, new_items), aligned_by,
                         checkpoint)


def resolve_pins(pins: Iterable[tuple[str, str]], old: Initiative, new: Initiative,
                 old_items: Sequence[Item], new_items: Sequence[Item]) -> list[tuple[int, int]]:
    """Item indices of pinned addresses; PinError for an unknown address or one pinned twice."""
    out: list[tuple[int, int]] = []
    seen: dict[str, set[int]] = {"old": set(), "new": set()}
    for a, b in pins:
        i = _find(a, old, old_items)
        j = _find(b, new, new_items)
        for side, address, index in (("old", a, i), ("new", b, j)):
            if index is None:
                raise PinError(f"pin {a}={b}: the {side} text has no unit or heading "
                               f"'{address}'")
            if index in seen[side]:
                raise PinError(f"pin {a}={b}: {side} '{address}' is pinned twice")
            seen[side].add(index)
        out.append((i, j))  # type: ignore[arg-type]
    return out


def _find(address: str, initiative: Initiative, items: Sequence[Item]) -> int | None:
    wanted = " ".join(address.split()).casefold()
    for k, item in enumerate(items):
        if item.number.casefold() == wanted:
            return k
    for k, item in enumerate(items):
        if item.unit is not None and \
                initiative.clauses[item.unit].citation.casefold() == wanted:
            return k
    return None
