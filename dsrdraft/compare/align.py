"""Clause alignment of two documents: content decides, never clause numbers.

Pipeline (each step measured on the seed pair, 2017 proposal -> 2023 Beijing Initiative,
15 -> 20 clauses; figures in docs/compare.md):

1. **Anchors**: clauses whose whitespace-normalised text is identical pair up by hash
   (unique texts first-come), so long unchanged documents cost almost nothing.
2. **Similarity matrix** of the rest: `rapidfuzz.process.cdist` with `Indel.normalized_similarity`
   over each clause's *sorted set of content-word ids* (lower-cased, stop words dropped,
   words cut to 5 letters as a crude stem). The LCS of two sorted sets is their intersection, so
   this is the Dice coefficient 2|A&B|/(|A|+|B|) computed in C++. Measured on the seed pair
   (hand-checked mapping of the 15 old clauses):

   | scorer                               | row argmax right | min true | max vs added | ms  |
   |--------------------------------------|------------------|----------|--------------|-----|
   | fuzz.token_set_ratio (raw text)      | 15/15            | 59.7     | 58.9         | 5.0 |
   | fuzz.token_set_ratio (content words) | 15/15            | 63.6     | 62.2         | 4.0 |
   | fuzz.token_sort_ratio (content)      | 13/15            | 41.8     | 58.8         | 2.2 |
   | fuzz.ratio (raw)                     | 13/15            | 43.0     | 47.2         | 2.0 |
   | fuzz.WRatio (raw)                    | 1/15             | 56.7     | 85.5         | 263 |
   | word-shingle Jaccard k=1 / k=2       | 14/15 / 14/15    | .15/.01  | .14/.03      | 19  |
   | **Dice, content-word stems**         | 15/15            | 0.34     | 0.27         | 1.3 |

   Dice on content stems is the only scorer whose weakest true match (0.34; 0.33 with the final
   stop-word list) stays above every score of the clauses new in 2023 (green transformation,
   AI: at most 0.27; with agricultural/industrial/public-service clauses 3-5: 0.30), and it is
   the fastest.
3. **Assignment**: greedy best-first over the matrix (highest score first, both sides free,
   score >= `MATCH_MIN`). On the seed pair it gives exactly the maximum-total assignment (checked
   against a Hungarian solver in the measurement script, 15/15 same pairs); a pure-Python
   Hungarian is O(n^3) and would break the 2,000-clause budget.
4. **Splits and merges** from what is left: an unmatched new clause joins the pair of old clause
   i when most of its content words come from i (`CONTAINMENT_MIN`) *and* adding it raises the
   Dice score of the pair by more than `GAIN_MIN`; the mirror for unmatched old clauses gives
   merges.
5. **Moves**: the longest increasing subsequence of matched pairs (in new order, by old index)
   stays in place; every other matched pair is `moved`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import Indel

from dsrdraft.compare.worddiff import word_diff

# A pair needs at least this Dice score. Seed pair: weakest true continuation 0.33 (2017 11 ->
# 2023 15), strongest score of a clause new in 2023 (3, 4, 5, 6, 16) against any 2017 clause
# 0.30 (green transformation and AI alone: 0.27) -> midpoint 0.31 (test_compare_seeds checks it).
MATCH_MIN = 0.31
# Split/merge: share of the extra clause's content words found in the partner clause. Seed pair:
# background (all 300 clause pairs) median 0.16, 90th percentile 0.26; a true half of a split
# clause scores 1.0 -> 0.5 leaves room for edits made while splitting.
CONTAINMENT_MIN = 0.5
# ...and the Dice score of the pair must rise by more than this when the extra clause joins.
# Seed pair: adding any neighbouring clause to a true pair lowers Dice (best case -0.016); a
# synthetic half-split raises it by about +0.3.
GAIN_MIN = 0.02
# Candidates for a split/merge partner are pre-filtered on the matrix: a half of a clause has
# Dice about 0.67 with the whole, a third about 0.5; background on the seeds stays under 0.41.
PARTIAL_MIN = 0.25

KINDS = ("unchanged", "changed", "split", "merged", "added", "removed")

_STOP_WORDS = (
    "a an and are as at be been by for from has have in into is it its of on or such that the "
    "their them these they this those to through with will which so can all other etc should "
    "shall may we our"
)
_STOP = frozenset(_STOP_WORDS.split())
_CJK_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[^\W\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def normalise(text: str) -> str:
    return " ".join(text.split())


def content_terms(text: str) -> set[str]:
    """Stemmed content words; for Chinese, character bigrams (and single chars for 1-char text)."""
    lower = text.lower()
    terms = {w[:5] for w in _WORD.findall(lower) if w not in _STOP}
    chars = _CJK_CHAR.findall(lower)
    terms.update(a + b for a, b in pairwise(chars))
    if len(chars) == 1:
        terms.add(chars[0])
    return terms


def dice(a: set[str], b: set[str]) -> float:
    if not a and not b:
        return 1.0
    return 2 * len(a & b) / (len(a) + len(b))


@dataclass(frozen=True, slots=True)
class AlignedPair:
    """One row of a comparison: which old clauses became which new clauses, and how."""

    old: tuple[int, ...]
    new: tuple[int, ...]
    kind: str
    moved: bool
    similarity: float
    diff: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Comparison:
    """Aligned pairs in display order plus counts per kind (and "moved")."""

    pairs: tuple[AlignedPair, ...]
    summary: dict[str, int]
    old_numbers: tuple[str, ...] = field(default=())
    new_numbers: tuple[str, ...] = field(default=())

    def to_json(self, old_numbers: Sequence[str] | None = None,
                new_numbers: Sequence[str] | None = None) -> dict[str, Any]:
        """The compare shape of docs/design.md; numbers default to the ones filled in, else
        1, 2, 3…"""
        on = list(old_numbers if old_numbers is not None else self.old_numbers)
        nn = list(new_numbers if new_numbers is not None else self.new_numbers)

        def num(numbers: list[str], i: int) -> str:
            return str(numbers[i]) if i < len(numbers) else str(i + 1)

        return {
            "pairs": [
                {
                    "old": [num(on, i) for i in p.old],
                    "new": [num(nn, j) for j in p.new],
                    "kind": p.kind,
                    "moved": p.moved,
                    "similarity": round(p.similarity, 4),
                    "diff": [[op, text] for op, text in p.diff],
                }
                for p in self.pairs
            ],
            "summary": dict(self.summary),
        }


def _similarity_matrix(old_terms: list[set[str]], new_terms: list[set[str]]) -> Any:
    vocab: dict[str, int] = {}

    def ids(terms: set[str]) -> list[int]:
        return sorted(vocab.setdefault(t, len(vocab)) for t in terms)

    a = [ids(t) for t in old_terms]
    b = [ids(t) for t in new_terms]
    return process.cdist(a, b, scorer=Indel.normalized_similarity, score_cutoff=PARTIAL_MIN,
                         dtype="float32", workers=-1)


def _greedy_assign(matrix: Any, minimum: float) -> list[tuple[int, int, float]]:
    import numpy as np

    rows, cols = np.nonzero(matrix >= minimum)
    scores = matrix[rows, cols]
    # Highest score first; ties by document order so results are deterministic.
    order = np.lexsort((cols, rows, -scores))
    used_r: set[int] = set()
    used_c: set[int] = set()
    out = []
    for k in order.tolist():
        r, c = int(rows[k]), int(cols[k])
        if r in used_r or c in used_c:
            continue
        used_r.add(r)
        used_c.add(c)
        out.append((r, c, float(scores[k])))
    return out


def _lis_keep(seq: list[int]) -> set[int]:
    """Positions in `seq` forming one longest strictly increasing subsequence."""
    tails: list[int] = []
    tails_pos: list[int] = []
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


def align(old: Sequence[str], new: Sequence[str]) -> list[tuple[list[int], list[int], float]]:
    """Groups (old indices, new indices, score); unmatched clauses appear as one-sided groups."""
    old_norm = [normalise(t) for t in old]
    new_norm = [normalise(t) for t in new]
    groups: list[tuple[list[int], list[int], float]] = []
    old_group: dict[int, int] = {}
    new_group: dict[int, int] = {}

    def add_group(os: list[int], ns: list[int], score: float) -> None:
        for i in os:
            old_group[i] = len(groups)
        for j in ns:
            new_group[j] = len(groups)
        groups.append((os, ns, score))

    # 1. identical texts
    waiting: dict[str, list[int]] = {}
    for i, t in enumerate(old_norm):
        waiting.setdefault(t, []).append(i)
    for j, t in enumerate(new_norm):
        if waiting.get(t):
            add_group([waiting[t].pop(0)], [j], 1.0)

    rest_old = [i for i in range(len(old)) if i not in old_group]
    rest_new = [j for j in range(len(new)) if j not in new_group]
    if rest_old and rest_new:
        old_terms = {i: content_terms(old_norm[i]) for i in rest_old}
        new_terms = {j: content_terms(new_norm[j]) for j in rest_new}
        matrix = _similarity_matrix([old_terms[i] for i in rest_old],
                                    [new_terms[j] for j in rest_new])
        # 2-3. one-to-one assignment
        for r, c, score in _greedy_assign(matrix, MATCH_MIN):
            add_group([rest_old[r]], [rest_new[c]], score)
        # 4. splits (extra new clauses) and merges (extra old clauses)
        _attach_partials(groups, old_group, new_group, rest_old, rest_new, old_terms, new_terms,
                         matrix)

    for i in range(len(old)):
        if i not in old_group:
            add_group([i], [], 0.0)
    for j in range(len(new)):
        if j not in new_group:
            add_group([], [j], 0.0)
    return groups


def _attach_partials(groups, old_group, new_group, rest_old, rest_new, old_terms, new_terms,
                     matrix) -> None:
    """Join strong partial matches to existing one-sided-growing groups (mutates groups)."""
    import numpy as np

    def union(indices: list[int], terms: dict[int, set[str]]) -> set[str]:
        out: set[str] = set()
        for k in indices:
            out |= terms[k]
        return out

    candidates: list[tuple[str, int, int]] = []  # (side, extra index, partner index)
    for c, j in enumerate(rest_new):
        if j not in new_group:
            for r in np.nonzero(matrix[:, c] >= PARTIAL_MIN)[0].tolist():
                if rest_old[r] in old_group:
                    candidates.append(("new", j, rest_old[r]))
    for r, i in enumerate(rest_old):
        if i not in old_group:
            for c in np.nonzero(matrix[r, :] >= PARTIAL_MIN)[0].tolist():
                if rest_new[c] in new_group:
                    candidates.append(("old", i, rest_new[c]))

    changed = True
    while changed:
        changed = False
        best: tuple[float, str, int, int] | None = None
        for side, extra, partner in candidates:
            if side == "new":
                if extra in new_group or partner not in old_group:
                    continue
                g = old_group[partner]
                os, ns, _ = groups[g]
                if len(os) > 1:  # already a merge: do not make it many-to-many
                    continue
                whole, part_terms = old_terms[partner], new_terms[extra]
                before = union(ns, new_terms)
                after = before | part_terms
            else:
                if extra in old_group or partner not in new_group:
                    continue
                g = new_group[partner]
                os, ns, _ = groups[g]
                if len(ns) > 1:
                    continue
                whole, part_terms = new_terms[partner], old_terms[extra]
                before = union(os, old_terms)
                after = before | part_terms
            if not part_terms:
                continue
            containment = len(part_terms & whole) / len(part_terms)
            gain = dice(whole, after) - dice(whole, before)
            if containment >= CONTAINMENT_MIN and gain > GAIN_MIN and (best is None
                                                                       or gain > best[0]):
                best = (gain, side, extra, partner)
        if best is not None:
            _, side, extra, partner = best
            if side == "new":
                g = old_group[partner]
                os, ns, _ = groups[g]
                ns = sorted([*ns, extra])
                score = dice(union(os, old_terms), union(ns, new_terms))
                groups[g] = (os, ns, score)
                new_group[extra] = g
            else:
                g = new_group[partner]
                os, ns, _ = groups[g]
                os = sorted([*os, extra])
                score = dice(union(os, old_terms), union(ns, new_terms))
                groups[g] = (os, ns, score)
                old_group[extra] = g
            changed = True


def compare_texts(old: Sequence[str], new: Sequence[str]) -> Comparison:
    """Align two documents' clause texts (in document order) and diff every pair by words."""
    groups = align(old, new)
    matched = sorted((g for g in groups if g[0] and g[1]), key=lambda g: min(g[1]))
    keep = _lis_keep([min(g[0]) for g in matched])
    moved_ids = {id(g) for pos, g in enumerate(matched) if pos not in keep}

    # Display order: new-document order; a removed clause right after its nearest old
    # predecessor that is shown, or first when it has none.
    removed = sorted((g for g in groups if not g[1]), key=lambda g: g[0][0])
    shown = sorted((g for g in groups if g[1]), key=lambda g: min(g[1]))
    position_of_old: dict[int, int] = {}
    for pos, g in enumerate(shown):
        for i in g[0]:
            position_of_old[i] = pos
    after: dict[int, list[Any]] = {}
    for g in removed:
        i = g[0][0]
        anchor = max((position_of_old[k] for k in range(i) if k in position_of_old),
                     default=-1) if position_of_old else -1
        after.setdefault(anchor, []).append(g)
    ordered = list(after.get(-1, []))
    for pos, g in enumerate(shown):
        ordered.append(g)
        ordered.extend(after.get(pos, []))

    pairs = []
    for g in ordered:
        os, ns, score = g
        old_text = "\n".join(old[i] for i in os)
        new_text = "\n".join(new[j] for j in ns)
        if not ns:
            kind, similarity = "removed", 0.0
        elif not os:
            kind, similarity = "added", 0.0
        elif len(ns) > 1:
            kind, similarity = "split", score
        elif len(os) > 1:
            kind, similarity = "merged", score
        elif normalise(old_text) == normalise(new_text):
            kind, similarity = "unchanged", 1.0
        else:
            kind, similarity = "changed", score
        pairs.append(AlignedPair(
            old=tuple(os), new=tuple(ns), kind=kind, moved=id(g) in moved_ids,
            similarity=float(min(1.0, max(0.0, similarity))),
            diff=tuple(word_diff(old_text, new_text)),
        ))
    summary = {k: 0 for k in KINDS}
    for p in pairs:
        summary[p.kind] += 1
    summary["moved"] = sum(p.moved for p in pairs)
    return Comparison(pairs=tuple(pairs), summary=summary)
