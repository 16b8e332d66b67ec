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
from itertools import pairwise

from dsrdraft.compare.items import Item
from dsrdraft.sequences import longest_increasing

#: Cost of leaving an item unpaired (Gale-Church's 1-0 / 0-1 steps).
SKIP = 1.6
#: Cost of an unpaired item before the first pair or after the last one.
EDGE_SKIP = 0.5
#: Extra cost of a split or merge step.
SPLIT = 0.9
#: Address agreement: numbered items with the same number / with different numbers.
SAME_NUMBER = -1.2
OTHER_NUMBER = 3.0
#: Up to this much off for anchors (numbers, acronyms) shared by the two items.
ANCHOR = 0.6
#: Two units of different kinds.
OTHER_KIND = 0.3
#: Half-width of the band around the diagonal (plus the difference in lengths).
BAND = 40

#: A list item's own marker at the start of its text: a dash, bullet, "(a)", "a)", "1.", "(一)".
_MARKER = re.compile(r"\s*(?:——|—|[-•●▪◦·*]|\(?[0-9a-zA-Z]{1,3}[).]|[（(][^)）]{1,3}[)）])")
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
        self.old_num = [number_value(i.number) if i.numbered else None for i in old]
        self.new_num = [number_value(i.number) if i.numbered else None for i in new]
        self.old_anchor = [_anchors(i.text) for i in old]
        self.new_anchor = [_anchors(i.text) for i in new]
        self.old_marked = [bool(_MARKER.match(i.text)) for i in old]
        self.new_marked = [bool(_MARKER.match(i.text)) for i in new]
        # The length ratio of the two languages: from items whose numbers agree when there
        # are some (a translation of a few clauses only, as the seed's Chinese 3, 4 and 8),
        # else from the totals; align_by_structure refines it from its first pass.
        by_number = {n: k for k, n in enumerate(self.new_num) if n is not None}
        same = [(len(old[i].text), len(new[by_number[n]].text))
                for i, n in enumerate(self.old_num) if n is not None and n in by_number]
        if len(same) >= 2:
            self.ratio = median_ratio(same)
        else:
            self.ratio = (sum(len(i.text) for i in new) or 1) / (sum(len(i.text) for i in old)
                                                                 or 1)

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
        # a numbered or listed item ("——", "(a)") merged into another, or split off it, loses
        # its number or its place in the list
        cost += OTHER_NUMBER * sum(1 for i in olds[1:]
                                   if self.old_num[i] is not None or self.old_marked[i])
        cost += OTHER_NUMBER * sum(1 for j in news[1:]
                                   if self.new_num[j] is not None or self.new_marked[j])
        anchors_old = set().union(*(self.old_anchor[i] for i in olds))
        anchors_new = set().union(*(self.new_anchor[j] for j in news))
        if anchors_old and anchors_new:
            shared = len(anchors_old & anchors_new)
            cost -= ANCHOR * 2 * shared / (len(anchors_old) + len(anchors_new))
        return cost


_STEPS = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2))


def median_ratio(lengths: Sequence[tuple[int, int]]) -> float:
    """Median of new length / old length over (old, new) pairs."""
    ratios = sorted((b + 1) / (a + 1) for a, b in lengths)
    return ratios[len(ratios) // 2]


def align_by_structure(old: Sequence[Item], new: Sequence[Item]) -> list[Group]:
    """Groups (old indices, new indices, similarity) pairing `old` with its translation `new`;
    items in no group were left unpaired. Similarity is the length agreement, exp(-cost of
    the lengths), not a word overlap.

    Numbered items whose numbers agree (once on each side, in order) pair first, as anchors:
    a translation carries its original's numbers over, and a partial one (the seed's Chinese
    clauses 3, 4 and 8) has nothing else to go by. The stretches between anchors go through
    the dynamic programme twice, the second time with the length ratio of the pairs the first
    found."""
    if not old or not new:
        return []
    costs = _Costs(old, new)
    anchors = _anchors_by_number(old, new, costs)
    groups = _between(old, new, costs, anchors)
    ones = [(len(old[os[0]].text), len(new[ns[0]].text)) for os, ns, _ in groups
            if len(os) == 1 and len(ns) == 1 and not old[os[0]].is_heading]
    if len(ones) >= 2:
        costs.ratio = median_ratio(ones)
        groups = _between(old, new, costs, anchors)
    return groups


def _anchors_by_number(old: Sequence[Item], new: Sequence[Item], costs: _Costs
                       ) -> list[tuple[int, int]]:
    def unique(numbers: list[tuple[int, ...] | None], items: Sequence[Item]
               ) -> dict[tuple[object, ...], int]:
        seen: dict[tuple[object, ...], list[int]] = {}
        for k, n in enumerate(numbers):
            if n is not None:
                seen.setdefault((items[k].is_heading, *n), []).append(k)
        return {key: ks[0] for key, ks in seen.items() if len(ks) == 1}

    a, b = unique(costs.old_num, old), unique(costs.new_num, new)
    pairs = sorted((a[key], b[key]) for key in a.keys() & b.keys())
    keep = _increasing(pairs)
    return [p for k, p in enumerate(pairs) if k in keep]


def _increasing(pairs: list[tuple[int, int]]) -> set[int]:
    """Positions of a longest run of pairs increasing on both sides (pairs sorted by old)."""
    return longest_increasing([j for _, j in pairs])


def _between(old: Sequence[Item], new: Sequence[Item], costs: _Costs,
             anchors: list[tuple[int, int]]) -> list[Group]:
    groups: list[Group] = []
    bounds = [(-1, -1), *anchors, (len(old), len(new))]
    for k, ((a0, b0), (a1, b1)) in enumerate(pairwise(bounds)):
        olds, news = list(range(a0 + 1, a1)), list(range(b0 + 1, b1))
        groups += _dp(old, new, costs, olds, news, lead_edge=k == 0,
                      trail_edge=k == len(bounds) - 2)
        if k < len(anchors):
            i, j = anchors[k]
            groups.append(([i], [j], _agreement(old, new, costs, [i], [j])))
    return groups


def _agreement(old: Sequence[Item], new: Sequence[Item], costs: _Costs, olds: list[int],
               news: list[int]) -> float:
    return math.exp(-costs.length(sum(len(old[k].text) for k in olds),
                                  sum(len(new[k].text) for k in news)))


def _dp(old: Sequence[Item], new: Sequence[Item], costs: _Costs, olds: list[int],
        news: list[int], lead_edge: bool, trail_edge: bool) -> list[Group]:
    """Gale-Church over old[olds] and new[news]; leading (trailing) items with no
    counterpart cost EDGE_SKIP instead of SKIP when the stretch opens (closes) the text: a
    translation that stops early (two of the corpus's bilingual texts do)."""
    n, m = len(olds), len(news)
    if not n or not m:
        return []
    band = BAND + abs(n - m)
    inf = float("inf")
    lead = EDGE_SKIP if lead_edge else SKIP
    trail = EDGE_SKIP if trail_edge else SKIP
    best: dict[tuple[int, int], tuple[float, int, int]] = {(0, 0): (0.0, 0, 0)}
    for i in range(1, min(n, band) + 1):
        best[i, 0] = (i * lead, 1, 0)
    for j in range(1, min(m, band) + 1):
        best[0, j] = (j * lead, 0, 1)
    for i in range(1, n + 1):
        centre = i * m / n
        for j in range(max(1, int(centre) - band), min(m, int(centre) + band) + 1):
            choice = (inf, 0, 0)
            for di, dj in _STEPS:
                prev = best.get((i - di, j - dj))
                if prev is None:
                    continue
                if di and dj:
                    step = costs.pair([olds[x] for x in range(i - di, i)],
                                      [news[y] for y in range(j - dj, j)])
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
    ends = [(best[i, m][0] + (n - i) * trail, i, m) for i in range(n + 1) if (i, m) in best]
    ends += [(best[n, j][0] + (m - j) * trail, n, j) for j in range(m + 1) if (n, j) in best]
    _, i, j = min(ends)
    groups: list[Group] = []
    while (i, j) != (0, 0):
        _, di, dj = best[i, j]
        if di and dj:
            os = [olds[x] for x in range(i - di, i)]
            ns = [news[y] for y in range(j - dj, j)]
            groups.append((os, ns, _agreement(old, new, costs, os, ns)))
        i, j = i - di, j - dj
    groups.reverse()
    return groups
