"""Comparing two structured texts: units by kind, headings by what they hold, pins, moves.

1. **Pins** (Meld's sync points) are pairs the user fixed: they pair first, and cut each
   kind's units into segments that align on their own, so the rest re-aligns around them.
2. **Units by kind** (text mode): preambular paragraphs with preambular paragraphs, operative
   with operative, annex with annex…, each kind's segments by the text matcher
   (`dsrdraft.compare.align`), then what is left of a kind across its segments (a unit moved
   past a pin), then what is left of every kind together (importers do not always agree where
   a preamble ends).
3. **Headings** pair by what they hold: a heading goes with the heading that holds most of its
   units' partners (an Article renumbered, or one inserted before it, still finds itself);
   headings with no unit to vote (a Part over Articles, an emptied Article) by their text.
4. **Across languages** (structure mode, chosen when the two texts' main languages differ and
   they share almost no words): one pass over all items in order by
   `dsrdraft.compare.structure` (lengths, addresses, anchors, kinds).
5. **Moves**: the longest increasing subsequence of pairs (in new order, by old position) stays
   in place, every other pair is `moved`; so is a unit whose division now pairs with another
   division than the one it stands in (a paragraph moved from Article 4 to Article 5).

A `checkpoint`, when given, is called between steps (each matched segment, each pair's word
diff): the application's worker uses it to give up a comparison nobody waits for any more and
to step aside while the user scrolls, since a worker thread shares the interpreter with the
GUI thread. It may raise; the comparison is then abandoned.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from itertools import pairwise

from dsrdraft.compare.align import (
    MATCH_MIN,
    Group,
    content_terms,
    dice,
    match_texts,
    normalise,
)
from dsrdraft.compare.items import Item, dominant_language
from dsrdraft.compare.result import KINDS, AlignedPair, Comparison
from dsrdraft.compare.worddiff import word_diff
from dsrdraft.sequences import longest_increasing

# Structure mode needs the whole texts to share fewer content-word stems than this (Dice over
# each text's set of stems). Measured: a text and its translation 0.000 (2017 English/Chinese
# clauses, zh/en data-flow initiative), 0.123 (French/Dutch cultural accord: names and
# loan-words); unrelated texts in one language 0.30 (news report/2023 initiative, two Chinese
# laws) to 0.36 (two UN resolutions, G20/G7 declarations); versions of one text 0.59 (seeds).
LANG_MIN = 0.2
# A unit that changes kind (a preambular paragraph become operative) needs more evidence than
# one that keeps it: two short paragraphs sharing "digital" score 0.33 already.
CROSS_KIND_MIN = 0.5
# A changed pair never shows as fully similar: the report prints two decimals.
CHANGED_MAX = 0.99

Checkpoint = Callable[[], None]  # between two steps of a comparison; may raise to abandon it


def _nothing() -> None:
    """The checkpoint of a comparison nobody interrupts."""


def choose_alignment(old: Sequence[Item], new: Sequence[Item]) -> str:
    """"structure" when the two texts are in different languages, else "text"."""
    if not old or not new or dominant_language(old) == dominant_language(new):
        return "text"

    def terms(items: Sequence[Item]) -> set[str]:
        out: set[str] = set()
        for item in items:
            out |= content_terms(item.text)
        return out

    return "structure" if dice(terms(old), terms(new)) < LANG_MIN else "text"


def compare_items(old: Sequence[Item], new: Sequence[Item],
                  pins: Iterable[tuple[int, int]] = (), aligned_by: str | None = None,
                  checkpoint: Checkpoint | None = None) -> Comparison:
    """Align two texts' items and diff every pair; `pins` are (old index, new index) pairs
    that must pair."""
    checkpoint = checkpoint or _nothing
    mode = aligned_by or choose_alignment(old, new)
    pins = list(dict.fromkeys(pins))
    groups: list[Group] = [([i], [j], _pin_score(old[i], new[j], mode)) for i, j in pins]
    pinned = {(i, j) for i, j in pins}
    if mode == "structure":
        groups += _structure_groups(old, new, pins)
    else:
        groups += _text_groups(old, new, pins, checkpoint)
    return _comparison(old, new, groups, pinned, mode, checkpoint)


def _pin_score(a: Item, b: Item, mode: str) -> float:
    """A pinned pair's similarity, as if the aligner had found it."""
    if mode == "structure":
        from dsrdraft.compare.structure import align_by_structure

        found = align_by_structure([a], [b])
        return found[0][2] if found else 0.0
    return dice(content_terms(a.text), content_terms(b.text))


# ---------------------------------------------------------------- text mode

def _segments(olds: list[int], news: list[int], pins: list[tuple[int, int]]
              ) -> list[tuple[list[int], list[int]]]:
    """Cut two index lists at the pins that keep document order on both sides."""
    ordered = sorted(pins, key=lambda p: p[1])
    keep = longest_increasing([i for i, _ in ordered])
    end = max([*olds, *news], default=0) + 1
    bounds = [(-1, -1), *(p for k, p in enumerate(ordered) if k in keep), (end, end)]
    out = []
    for (a0, b0), (a1, b1) in pairwise(bounds):
        segment = ([k for k in olds if a0 < k < a1], [k for k in news if b0 < k < b1])
        if segment[0] or segment[1]:
            out.append(segment)
    return out


def _match(old: Sequence[Item], new: Sequence[Item], olds: list[int], news: list[int],
           minimum: float = MATCH_MIN) -> list[Group]:
    if not olds or not news:
        return []
    found = match_texts([old[i].text for i in olds], [new[j].text for j in news], minimum)
    return [([olds[a] for a in os], [news[b] for b in ns], score) for os, ns, score in found]


def _text_groups(old: Sequence[Item], new: Sequence[Item], pins: list[tuple[int, int]],
                 checkpoint: Checkpoint) -> list[Group]:
    taken_old = {i for i, _ in pins}
    taken_new = {j for _, j in pins}
    groups: list[Group] = []

    def take(found: list[Group]) -> None:
        checkpoint()
        for os, ns, score in found:
            taken_old.update(os)
            taken_new.update(ns)
            groups.append((os, ns, score))

    def free(items: Sequence[Item], taken: set[int], kind: str | None) -> list[int]:
        return [k for k, it in enumerate(items) if k not in taken and not it.is_heading
                and (kind is None or it.kind == kind)]

    kinds = list(dict.fromkeys(it.kind for it in [*old, *new] if not it.is_heading))
    for kind in kinds:
        olds, news = free(old, taken_old, kind), free(new, taken_new, kind)
        here = [(i, j) for i, j in pins if old[i].kind == kind and new[j].kind == kind]
        segments = _segments(olds, news, here)
        for seg_old, seg_new in segments:
            take(_match(old, new, seg_old, seg_new))
        if len(segments) > 1:  # a unit moved past a pin
            take(_match(old, new, free(old, taken_old, kind), free(new, taken_new, kind)))
    if len(kinds) > 1:
        take(_match(old, new, free(old, taken_old, None), free(new, taken_new, None),
                    CROSS_KIND_MIN))
    take(_heading_groups(old, new, groups, taken_old, taken_new))
    return groups


def _heading_groups(old: Sequence[Item], new: Sequence[Item], unit_groups: list[Group],
                    taken_old: set[int], taken_new: set[int]) -> list[Group]:
    """Headings paired by the units they hold, then the rest by their text."""
    votes: dict[tuple[int, int], int] = {}
    for os, ns, _ in unit_groups:
        for i in os:
            for j in ns:
                h, g = old[i].division, new[j].division
                if h >= 0 and g >= 0:
                    votes[h, g] = votes.get((h, g), 0) + 1
    out: list[Group] = []
    used_old, used_new = set(taken_old), set(taken_new)
    for (h, g), _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0])):
        if h in used_old or g in used_new:
            continue
        used_old.add(h)
        used_new.add(g)
        out.append(([h], [g], dice(content_terms(old[h].text), content_terms(new[g].text))))
    olds = [k for k, it in enumerate(old) if it.is_heading and k not in used_old]
    news = [k for k, it in enumerate(new) if it.is_heading and k not in used_new]
    out += _match(old, new, olds, news)
    return out


# ---------------------------------------------------------------- structure mode

def _structure_groups(old: Sequence[Item], new: Sequence[Item], pins: list[tuple[int, int]]
                      ) -> list[Group]:
    from dsrdraft.compare.structure import align_by_structure

    olds = [k for k in range(len(old)) if k not in {i for i, _ in pins}]
    news = [k for k in range(len(new)) if k not in {j for _, j in pins}]
    groups: list[Group] = []
    for seg_old, seg_new in _segments(olds, news, pins):
        found = align_by_structure([old[i] for i in seg_old], [new[j] for j in seg_new])
        groups += [([seg_old[a] for a in os], [seg_new[b] for b in ns], score)
                   for os, ns, score in found]
    return groups


# ---------------------------------------------------------------- result

def _moved(old: Sequence[Item], new: Sequence[Item], groups: list[Group]) -> set[int]:
    """Indices (in `groups`) of the groups out of document order (headings among headings,
    units among units: a paragraph moved past a heading moves, not the heading) or out of
    their division."""
    moved: set[int] = set()
    for headings in (True, False):
        matched = sorted((k for k, g in enumerate(groups)
                          if g[0] and g[1] and old[g[0][0]].is_heading == headings),
                         key=lambda k: min(groups[k][1]))
        keep = longest_increasing([min(groups[k][0]) for k in matched])
        moved |= {k for pos, k in enumerate(matched) if pos not in keep}
    partner = {i: g[1][0] for g in groups if g[0] and g[1] for i in g[0]}
    for k, (os, ns, _) in enumerate(groups):
        if len(os) == 1 and len(ns) == 1 and not old[os[0]].is_heading:
            h = old[os[0]].division
            if h >= 0 and h in partner and partner[h] != new[ns[0]].division:
                moved.add(k)
    return moved


def _display_order(groups: list[Group]) -> list[int]:
    """New-document order; a removed item right after its nearest old predecessor that is
    shown, or first when it has none."""
    removed = sorted((k for k, g in enumerate(groups) if not g[1]), key=lambda k: groups[k][0][0])
    shown = sorted((k for k, g in enumerate(groups) if g[1]), key=lambda k: min(groups[k][1]))
    position_of_old: dict[int, int] = {}
    for pos, k in enumerate(shown):
        for i in groups[k][0]:
            position_of_old[i] = pos
    olds_shown = sorted(position_of_old)
    after: dict[int, list[int]] = {}
    for k in removed:
        i = groups[k][0][0]
        at = bisect.bisect_left(olds_shown, i)
        anchor = max((position_of_old[o] for o in olds_shown[:at]), default=-1)
        after.setdefault(anchor, []).append(k)
    ordered = list(after.get(-1, []))
    for pos, k in enumerate(shown):
        ordered.append(k)
        ordered.extend(after.get(pos, []))
    return ordered


def _comparison(old: Sequence[Item], new: Sequence[Item], groups: list[Group],
                pinned: set[tuple[int, int]], mode: str, checkpoint: Checkpoint = _nothing
                ) -> Comparison:
    matched_old = {i for g in groups for i in g[0]}
    matched_new = {j for g in groups for j in g[1]}
    groups = [*groups,
              *(([i], [], 0.0) for i in range(len(old)) if i not in matched_old),
              *(([], [j], 0.0) for j in range(len(new)) if j not in matched_new)]
    moved = _moved(old, new, groups)
    pairs = []
    for k in _display_order(groups):
        checkpoint()
        os, ns, score = groups[k]
        old_text = "\n".join(old[i].text for i in os)
        new_text = "\n".join(new[j].text for j in ns)
        same = normalise(old_text) == normalise(new_text)
        if mode == "structure" and not same:
            diff = tuple(d for d in (("-", old_text), ("+", new_text)) if d[1])
        else:
            diff = tuple(word_diff(old_text, new_text))
        if not ns:
            kind, similarity = "removed", 0.0
        elif not os:
            kind, similarity = "added", 0.0
        elif len(ns) > 1:
            kind = "split"
        elif len(os) > 1:
            kind = "merged"
        elif same:
            kind, similarity = "unchanged", 1.0
        else:
            kind = "changed"
        if kind in ("split", "merged", "changed"):
            similarity = min(CHANGED_MAX, score)
        pairs.append(AlignedPair(
            old=tuple(os), new=tuple(ns), kind=kind, moved=k in moved,
            similarity=float(max(0.0, similarity)), diff=diff,
            pinned=len(os) == 1 and len(ns) == 1 and (os[0], ns[0]) in pinned))
    summary = dict.fromkeys(KINDS, 0)
    for p in pairs:
        summary[p.kind] += 1
    summary["moved"] = sum(p.moved for p in pairs)
    return Comparison(pairs=tuple(pairs), summary=summary,
                      old_numbers=tuple(it.number for it in old),
                      new_numbers=tuple(it.number for it in new),
                      aligned_by=mode, old_items=tuple(old), new_items=tuple(new))
