"""One delegation's word edits moved from the text it edited onto the base it came from.

A returned file may hold edits made without change tracking (the file's delegation's) and
tracked edits by another delegation. Each tracked author's version, read from the file, also
holds the untracked edits; `rebase` takes only what the author changed (against the file's
untracked text) and makes the same change to the base wording, so no delegation is credited
with another's words.
"""

from __future__ import annotations

from difflib import SequenceMatcher


def rebase(base: str, edited: str, proposal: str) -> str | None:
    """`proposal`'s changes to `edited` applied to `base` (which `edited` was made from), or
    None when a change touches words that are not in `base` as they are in `edited`."""
    b, e, p = base.split(), edited.split(), proposal.split()
    to_base: dict[int, int] = {}
    for i, j, n in SequenceMatcher(None, e, b, autojunk=False).get_matching_blocks():
        for k in range(n):
            to_base[i + k] = j + k
    out = list(b)
    changes: list[tuple[int, int, list[str]]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, e, p, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if i1 < i2:  # a replacement or deletion: every word must be in the base, in a row
            try:
                start, last = to_base[i1], to_base[i2 - 1]
            except KeyError:
                return None
            if last - start != i2 - 1 - i1:
                return None
            changes.append((start, last + 1, p[j1:j2]))
        else:  # an insertion: between two words that stand side by side in the base too
            before = to_base.get(i1 - 1) if i1 > 0 else -1
            after = to_base.get(i1) if i1 < len(e) else len(b)
            if before is None or after is None or after != before + 1:
                return None
            changes.append((after, after, p[j1:j2]))
    for start, end, words in reversed(changes):
        out[start:end] = words
    return " ".join(out)
