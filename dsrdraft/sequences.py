"""Order within sequences: one longest increasing run, the basis of "fewest items moved"."""

from __future__ import annotations

import bisect
from collections.abc import Sequence


def longest_increasing(seq: Sequence[int]) -> set[int]:
    """Positions in `seq` forming one longest strictly increasing subsequence (O(n log n))."""
    tails: list[int] = []  # smallest tail value of an increasing run of each length
    tails_pos: list[int] = []  # position in `seq` of that tail
    prev = [-1] * len(seq)
    for pos, v in enumerate(seq):
        k = bisect.bisect_left(tails, v)
        if k == len(tails):
            tails.append(v)
            tails_pos.append(pos)
        else:
            tails[k] = v
            tails_pos[k] = pos
        prev[pos] = tails_pos[k - 1] if k else -1
    keep: set[int] = set()
    pos = tails_pos[-1] if tails_pos else -1
    while pos != -1:
        keep.add(pos)
        pos = prev[pos]
    return keep
