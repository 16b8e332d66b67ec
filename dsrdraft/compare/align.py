"""Aligning two lists of unit texts by content (numbers never decide); the text-mode matcher.

Pipeline (each step measured on the seed pair, 2017 proposal -> 2023 Beijing Initiative,
15 -> 20 clauses, and on the corpus's real successive versions; figures in docs/compare.md):

1. **Sequence pass** (Meld's first pass): `difflib.SequenceMatcher` over the
   whitespace-normalised texts finds the runs of units that stand unchanged in the same order,
   so a long document with a few edits costs almost nothing and repeated texts (a "}" line in a
   code sample, "Agreed as follows:") pair in order instead of first-come: on the SARIF
   working draft (3,779 -> 3,815 paragraphs) hashing alone reported 329 unchanged paragraphs
   as moved.
2. **Identical texts** left over pair up by hash (a unit moved unchanged).
3. **Similarity matrix** of the rest: the Dice coefficient 2|A&B|/(|A|+|B|) over each unit's
   set of content-word stems (lower-cased, stop words dropped, words cut to 5 letters; Chinese:
   character bigrams); for large inputs `rapidfuzz.process.cdist` with
   `Indel.normalized_similarity` over the sorted term ids (the LCS of two sorted sets is their
   intersection, so this is Dice computed in C++), for small ones plain set arithmetic, which
   spares a short command the import of numpy. Measured on the seed pair (hand-checked mapping
   of the 15 old clauses):

   | scorer                               | row argmax right | min true | max vs added | ms  |
   |--------------------------------------|------------------|----------|--------------|-----|
   | fuzz.token_set_ratio (raw text)      | 15/15            | 59.7     | 58.9         | 5.0 |
   | fuzz.token_set_ratio (content words) | 15/15            | 63.6     | 62.2         | 4.0 |
   | fuzz.token_sort_ratio (content)      | 13/15            | 41.8     | 58.8         | 2.2 |
   | fuzz.ratio (raw)                     | 13/15            | 43.0     | 47.2         | 2.0 |
   | fuzz.WRatio (raw)                    | 1/15             | 56.7     | 85.5         | 263 |
   | word-shingle Jaccard k=1 / k=2       | 14/15 / 14/15    | .15/.01  | .14/.03      | 19  |
   | **Dice, content-word stems**         | 15/15            | 0.34     | 0.27         | 1.3 |

4. **Assignment**: greedy best-first over the matrix (highest score first, both sides free,
   score >= `MATCH_MIN`). On the seed pair it gives exactly the maximum-total assignment.
5. **Splits and merges** from what is left: an unmatched new unit joins the pair of old unit
   i when most of its content words come from i (`CONTAINMENT_MIN`) *and* adding it raises the
   Dice score of the pair by more than `GAIN_MIN`; the mirror for unmatched old units gives
   merges.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from difflib import SequenceMatcher
from itertools import pairwise
from typing import Any

from dsrdraft.lazyre import lazy_compile

# A pair needs at least this Dice score. Seed pair: weakest true continuation 0.33 (2017 11 ->
# 2023 15), strongest score of a clause new in 2023 (3, 4, 5, 6, 16) against any 2017 clause
# 0.30 (green transformation and AI alone: 0.27) -> midpoint 0.31 (test_compare_seeds checks it).
MATCH_MIN = 0.31
# Split/merge: share of the extra unit's content words found in the partner unit. Seed pair:
# background (all 300 clause pairs) median 0.16, 90th percentile 0.26; a true half of a split
# clause scores 1.0 -> 0.5 leaves room for edits made while splitting.
CONTAINMENT_MIN = 0.5
# ...and the Dice score of the pair must rise by more than this when the extra unit joins.
# Seed pair: adding any neighbouring clause to a true pair lowers Dice (best case -0.016); a
# synthetic half-split raises it by about +0.3.
GAIN_MIN = 0.02
# Candidates for a split/merge partner are pre-filtered on the matrix: a half of a clause has
# Dice about 0.67 with the whole, a third about 0.5; background on the seeds stays under 0.41.
PARTIAL_MIN = 0.25
# A unit at the same place in a block the sequence pass found different pairs with its
# counterpart at once when they share this much (3 words edited in a 60-word paragraph: about
# 0.9); the rest goes to the matrix. On the seed pair no in-place pair reaches it (best 0.58),
# so the paraphrased clauses are still matched by the matrix.
IN_PLACE_MIN = 0.7
# Above this many unit pairs the matrix is computed by rapidfuzz's cdist (C++, numpy out);
# below it set arithmetic in Python is as fast (about 1 µs a pair) and imports nothing.
SMALL_MATRIX = 40_000

_STOP_WORDS = (
    "a an and are as at be been by for from has have in into is it its of on or such that the "
    "their them these they this those to through with will which so can all other etc should "
    "shall may we our"
)
_STOP = frozenset(_STOP_WORDS.split())
_CJK_CHAR = lazy_compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD = lazy_compile(r"[^\W\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_ASCII_WORD = lazy_compile(r"\w+")

Group = tuple[list[int], list[int], float]


def normalise(text: str) -> str:
    return " ".join(text.split())


def content_terms(text: str) -> set[str]:
    """Stemmed content words; for Chinese, character bigrams (and single chars for 1-char text)."""
    lower = text.lower()
    if lower.isascii():  # the common case, without the CJK scan
        return {w[:5] for w in _ASCII_WORD.findall(lower) if w not in _STOP}
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


class _Scores:
    """Dice scores >= PARTIAL_MIN between the leftover old (rows) and new (columns) units."""

    def __init__(self, old_terms: list[set[str]], new_terms: list[set[str]]) -> None:
        self.dense: Any = None
        self.rows: dict[int, dict[int, float]] = {}
        self.cols: dict[int, dict[int, float]] = {}
        if len(old_terms) * len(new_terms) > SMALL_MATRIX:
            self.dense = _cdist(old_terms, new_terms)
            return
        index: dict[str, list[int]] = {}
        for c, terms in enumerate(new_terms):
            for t in terms:
                index.setdefault(t, []).append(c)
        for r, terms in enumerate(old_terms):
            shared: dict[int, int] = {}
            for t in terms:
                for c in index.get(t, ()):
                    shared[c] = shared.get(c, 0) + 1
            for c, n in shared.items():
                score = 2 * n / (len(terms) + len(new_terms[c]))
                if score >= PARTIAL_MIN:
                    self.rows.setdefault(r, {})[c] = score
                    self.cols.setdefault(c, {})[r] = score

    def best_first(self, minimum: float) -> list[tuple[int, int, float]]:
        """Greedy one-to-one pairs (row, column, score) with score >= minimum, highest first,
        ties in document order."""
        if self.dense is not None:
            return _greedy_dense(self.dense, minimum)
        found = [(r, c, s) for r, row in self.rows.items() for c, s in row.items() if s >= minimum]
        found.sort(key=lambda x: (-x[2], x[0], x[1]))
        return _greedy(found)

    def partners(self, side: str, index: int) -> list[int]:
        """Indices on the other side scoring >= PARTIAL_MIN with row (side "old") or column."""
        if self.dense is not None:
            import numpy as np

            line = self.dense[index, :] if side == "old" else self.dense[:, index]
            return np.nonzero(line >= PARTIAL_MIN)[0].tolist()
        table = self.rows if side == "old" else self.cols
        return sorted(table.get(index, {}))


def _greedy(ordered: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """Take candidates best first while both sides are free."""
    used_r: set[int] = set()
    used_c: set[int] = set()
    out = []
    for r, c, score in ordered:
        if r not in used_r and c not in used_c:
            used_r.add(r)
            used_c.add(c)
            out.append((r, c, score))
    return out


def _greedy_dense(matrix: Any, minimum: float) -> list[tuple[int, int, float]]:
    """The greedy assignment on a dense matrix, by rounds of mutual best pairs: the best pair
    left is always the best of its row and of its column, so taking every such pair at once
    picks what best-first would. Materialising every candidate pair instead took 0.45 s on
    two 2,000-unit texts whose units all share sentences."""
    import numpy as np

    m = np.where(matrix >= minimum, matrix, -1.0).astype("float32")
    out: list[tuple[int, int, float]] = []
    rows = np.arange(m.shape[0])
    for _ in range(32):
        best_col = m.argmax(axis=1)
        best_val = m[rows, best_col]
        best_row = m.argmax(axis=0)
        mutual = (best_val >= minimum) & (best_row[best_col] == rows)
        picked = np.nonzero(mutual)[0]
        if not len(picked):
            return out
        cols = best_col[picked]
        out.extend((int(r), int(c), float(best_val[r])) for r, c in zip(picked, cols, strict=True))
        m[picked, :] = -1.0
        m[:, cols] = -1.0
    # Long chains of near-ties: finish what is left best first.
    r_idx, c_idx = np.nonzero(m >= minimum)
    scores = m[r_idx, c_idx]
    order = np.lexsort((c_idx, r_idx, -scores))
    out.extend(_greedy([(int(r_idx[k]), int(c_idx[k]), float(scores[k]))
                        for k in order.tolist()]))
    return out


def _cdist(old_terms: list[set[str]], new_terms: list[set[str]]) -> Any:
    from rapidfuzz import process
    from rapidfuzz.distance import Indel

    vocab: dict[str, int] = {}

    def ids(terms: set[str]) -> list[int]:
        return sorted(vocab.setdefault(t, len(vocab)) for t in terms)

    a = [ids(t) for t in old_terms]
    b = [ids(t) for t in new_terms]
    return process.cdist(a, b, scorer=Indel.normalized_similarity, score_cutoff=PARTIAL_MIN,
                         dtype="float32", workers=-1)


def match_texts(old: Sequence[str], new: Sequence[str], minimum: float = MATCH_MIN
                ) -> list[Group]:
    """Groups (old indices, new indices, score) of units that correspond (a changed pair needs
    a Dice score of `minimum`); units in no group are removed (old) or added (new)."""
    old_norm = [normalise(t) for t in old]
    new_norm = [normalise(t) for t in new]
    groups: list[Group] = []
    old_group: dict[int, int] = {}
    new_group: dict[int, int] = {}

    def add_group(os: list[int], ns: list[int], score: float) -> None:
        for i in os:
            old_group[i] = len(groups)
        for j in ns:
            new_group[j] = len(groups)
        groups.append((os, ns, score))

    # 1. unchanged runs in order
    matcher = SequenceMatcher(None, old_norm, new_norm, autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            add_group([a + k], [b + k], 1.0)
    # 2. identical texts elsewhere (moved unchanged), in document order
    waiting: dict[str, list[int]] = {}
    for i, t in enumerate(old_norm):
        if i not in old_group:
            waiting.setdefault(t, []).append(i)
    for j, t in enumerate(new_norm):
        if j not in new_group and waiting.get(t):
            add_group([waiting[t].pop(0)], [j], 1.0)

    # 3. units edited in place: same offset in a block the sequence pass left different
    terms: dict[tuple[str, int], set[str]] = {}

    def terms_of(side: str, k: int) -> set[str]:
        key = (side, k)
        if key not in terms:
            terms[key] = content_terms(old_norm[k] if side == "old" else new_norm[k])
        return terms[key]

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "replace":
            continue
        for k in range(min(i2 - i1, j2 - j1)):
            i, j = i1 + k, j1 + k
            if i in old_group or j in new_group:
                continue
            score = dice(terms_of("old", i), terms_of("new", j))
            if score >= IN_PLACE_MIN:
                add_group([i], [j], score)
    in_place = [g for g in groups if g[2] < 1.0]

    rest_old = [i for i in range(len(old)) if i not in old_group]
    rest_new = [j for j in range(len(new)) if j not in new_group]
    scores = _Scores([terms_of("old", i) for i in rest_old], [terms_of("new", j) for j in rest_new])
    # 4. one-to-one assignment
    for r, c, score in scores.best_first(minimum):
        add_group([rest_old[r]], [rest_new[c]], score)
    # 5. splits (extra new units) and merges (extra old units)
    candidates: list[tuple[str, int, int]] = []  # (side, extra index, partner index)
    for c, j in enumerate(rest_new):
        if j not in new_group:
            candidates += [("new", j, rest_old[r]) for r in scores.partners("new", c)
                           if rest_old[r] in old_group]
    for r, i in enumerate(rest_old):
        if i not in old_group:
            candidates += [("old", i, rest_new[c]) for c in scores.partners("old", r)
                           if rest_new[c] in new_group]
    for (i,), (j,), _ in in_place:  # their neighbours, which are not in the matrix
        for d in (-2, -1, 1, 2):
            if 0 <= j + d < len(new) and j + d not in new_group:
                candidates.append(("new", j + d, i))
            if 0 <= i + d < len(old) and i + d not in old_group:
                candidates.append(("old", i + d, j))
    _attach_partials(groups, old_group, new_group, candidates, terms_of)
    return groups


def _attach_partials(groups: list[Group], old_group: dict[int, int], new_group: dict[int, int],
                     candidates: list[tuple[str, int, int]],
                     terms_of: Callable[[str, int], set[str]]) -> None:
    """Join strong partial matches to existing one-to-one groups (mutates groups)."""

    def union(indices: list[int], side: str) -> set[str]:
        out: set[str] = set()
        for k in indices:
            out |= terms_of(side, k)
        return out

    changed = True
    while changed:
        changed = False
        best: tuple[float, str, int, int] | None = None
        for side, extra, partner in candidates:
            if side == "new":
                if extra in new_group or partner not in old_group:
                    continue
                os, ns, _ = groups[old_group[partner]]
                if len(os) > 1:  # already a merge: do not make it many-to-many
                    continue
                whole, part_terms = terms_of("old", partner), terms_of("new", extra)
                before = union(ns, "new")
            else:
                if extra in old_group or partner not in new_group:
                    continue
                os, ns, _ = groups[new_group[partner]]
                if len(ns) > 1:
                    continue
                whole, part_terms = terms_of("new", partner), terms_of("old", extra)
                before = union(os, "old")
            if not part_terms:
                continue
            containment = len(part_terms & whole) / len(part_terms)
            gain = dice(whole, before | part_terms) - dice(whole, before)
            if containment >= CONTAINMENT_MIN and gain > GAIN_MIN and (best is None
                                                                       or gain > best[0]):
                best = (gain, side, extra, partner)
        if best is not None:
            _, side, extra, partner = best
            g = old_group[partner] if side == "new" else new_group[partner]
            os, ns, _ = groups[g]
            if side == "new":
                ns = sorted([*ns, extra])
                new_group[extra] = g
            else:
                os = sorted([*os, extra])
                old_group[extra] = g
            groups[g] = (os, ns, dice(union(os, "old"), union(ns, "new")))
            changed = True
