"""Aligning a text with its translation: by structure and position, never by shared words.

Two texts in different languages share almost no words (the seed's English and Chinese
clauses share none), so the text matcher would call everything removed and added. A text and
its translation keep their order, their numbering and, roughly, the proportion of their
paragraphs' lengths; this is Gale and Church's sentence aligner (1993) over items with the
evidence negotiated texts add:

- **length**: the cost of a pair is how far the length ratio is from the two texts' overall
  ratio (|log(l_new / (c * l_old))|, c = total new length / total old length: about 3 for
  English against Chinese characters, about 1 for French against Dutch);
- **addresses**: numbered items whose numbers agree ("3" and "3", "Article I" and "Artikel I",
  "Article 4" and "第四条") cost less, numbers that disagree cost more;
- **anchors**: numbers, years and Latin acronyms that occur on both sides ("2030", "CPTPP");
- **kinds**: a heading only pairs with a heading; a preambular paragraph with an operative
  one costs a little more (importers do not always agree on where a preamble ends).

Dynamic programming over 1-1, 1-0, 0-1, 2-1 and 1-2 steps (a paragraph the translator split or
merged) inside a band around the diagonal, so 2,000 items stay linear-ish. The result never
has moves: a translation keeps the order of its original.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from dsrdraft.compare.items import Item

#: Cost of leaving an item unpaired (Gale-Church's 1-0 / 0-1 steps).
SKIP = 1.6
#: Extra cost of a split or merge step.
SPLIT = 0.9
#: Address agreement: numbered items with the same number / with different numbers.
SAME_NUMBER = -1.2
OTHER_NUMBER = 0.8
#: Up to this much off for anchors (numbers, acronyms) shared by the two items.
ANCHOR = 0.6
#: Two units of different kinds.
OTHER_KIND = 0.5
#: Half-width of the band around the diagonal (plus the difference in lengths).
BAND = 40

_ANCHOR = re.compile(r"\d+(?:[.,]\d+)*|\b[A-Z]{2,}\b")
_NUMERAL = re.compile(r"[0-9０-９]+|\b[IVXLCDMivxlcdm]+\b|[〇零一二三四五六七八九十百千两]+")

Group = tuple[list[int], list[int], float]


def number_value(address: str) -> tuple[int, ...] | None:
    """The numbers in an address, as integers: "Article IV" (4,), "4.19" (4, 19), "第四条"
    (4,); None when it holds none (a generated "OP7" is positional, not a number)."""
    from dsrdraft.parsing.numerals import arabic, cjk_value, roman_value

    values = []
    for token in _NUMERAL.findall(address):
        value = arabic(token) or roman_value(token) or cjk_value(token)
        if value is not None:
            values.append(value)
    return tuple(values) or None


def _anchors(text: str) -> set[str]:
    return set(_ANCHOR.findall(text))


class _Costs:
    def __init__(self, old: Sequence[Item], new: Sequence[Item]) -> None:
        self.old, self.new = old, new
        total_old = sum(len(i.text) for i in old) or 1
        total_new = sum(len(i.text) for i in new) or 1
        self.ratio = total_new / total_old
        self.old_num = [number_value(i.number) if i.numbered else None for i in old]
        self.new_num = [number_value(i.number) if i.numbered else None for i in new]
        self.old_anchor = [_anchors(i.text) for i in old]
        self.new_anchor = [_anchors(i.text) for i in new]

    def length(self, old_len: int, new_len: int) -> float:
        return abs(math.log((new_len + 10) / (self.ratio * old_len + 10)))

    def pair(self, olds: Sequence[int], news: Sequence[int]) -> float | None:
        """Cost of pairing these old items with these new ones; None when they cannot pair."""
        kinds_old = {self.old[i].kind for i in olds}
        kinds_new = {self.new[j].kind for j in news}
        if ("heading" in kinds_old) != ("heading" in kinds_new) or len(kinds_old | kinds_new) > 2:
            return None
        cost = self.length(sum(len(self.old[i].text) for i in olds),
                           sum(len(self.new[j].text) for j in news))
        if kinds_old != kinds_new:
            cost += OTHER_KIND
        a, b = self.old_num[olds[0]], self.new_num[news[0]]
        if a is not None and b is not None:
            cost += SAME_NUMBER if a == b else OTHER_NUMBER
        anchors_old = set().union(*(self.old_anchor[i] for i in olds))
        anchors_new = set().union(*(self.new_anchor[j] for j in news))
        if anchors_old and anchors_new:
            shared = len(anchors_old & anchors_new)
            cost -= ANCHOR * 2 * shared / (len(anchors_old) + len(anchors_new))
        return cost


_STEPS = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2))


def align_by_structure(old: Sequence[Item], new: Sequence[Item]) -> list[Group]:
    """Groups (old indices, new indices, similarity) pairing `old` with its translation `new`;
    items in no group were left unpaired. Similarity is the length agreement, exp(-cost of
    the lengths), not a word overlap."""
    n, m = len(old), len(new)
    if not n or not m:
        return []
    costs = _Costs(old, new)
    band = BAND + abs(n - m)
    inf = float("inf")
    best: dict[tuple[int, int], tuple[float, int, int]] = {(0, 0): (0.0, 0, 0)}
    for i in range(n + 1):
        centre = i * m / n
        for j in range(max(0, int(centre) - band), min(m, int(centre) + band) + 1):
            if (i, j) == (0, 0):
                continue
            choice = (inf, 0, 0)
            for di, dj in _STEPS:
                prev = best.get((i - di, j - dj))
                if prev is None:
                    continue
                if di and dj:
                    step = costs.pair(range(i - di, i), range(j - dj, j))
                    if step is None:
                        continue
                    if di + dj > 2:
                        step += SPLIT
                else:
                    step = SKIP
                total = prev[0] + step
                if total < choice[0]:
                    choice = (total, di, dj)
            if choice[0] < inf:
                best[i, j] = choice
    groups: list[Group] = []
    i, j = n, m
    if (i, j) not in best:  # the band excluded the corner (cannot happen with BAND >= 1)
        return groups
    while (i, j) != (0, 0):
        _, di, dj = best[i, j]
        if di and dj:
            olds, news = list(range(i - di, i)), list(range(j - dj, j))
            agreement = math.exp(-costs.length(sum(len(old[k].text) for k in olds),
                                               sum(len(new[k].text) for k in news)))
            groups.append((olds, news, agreement))
        i, j = i - di, j - dj
    groups.reverse()
    return groups
