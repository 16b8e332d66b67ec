"""Benchmark of `compile_proposals`: 10 delegations' proposals on a 50-clause base.

    python -m benchmarks.bench_compile

The base is the 2023 Beijing Initiative's 20 clauses, the 2017 proposal's 15, and 15 clauses
recombined from their sentences (seeded random.Random, so every run is the same). Each of the
10 proposals changes words in 8 clauses (drawn from a small pool of edits so that some
delegations make the same change and others conflicting ones), inserts a phrase in 2, deletes
one clause and adds one. The baseline, measured in the same run, is the compare engine alone
(`compare_texts`) on the same 10 base/proposal pairs: the part of the work a compilation cannot
avoid. Every proposal is rebuilt from the compilation and checked (not timed).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from benchmarks.timing import best_of
from dsrdraft.compare import compare_texts
from dsrdraft.compile import Proposal, compile_proposals, extract_proposal
from dsrdraft.draft.model import Draft, DraftClause
from dsrdraft.parsing import parse_file

LIBRARY = Path(__file__).resolve().parents[1] / "resources" / "library"
CODES = ("CHN", "THA", "EGY", "KEN", "LAO", "MYS", "CUB", "ARG", "KHM", "ETH")
SWAPS = [("Promote", "Encourage"), ("Strengthen", "Deepen"), ("digital", "smart"),
         ("cooperation", "collaboration"), ("and", "as well as"), ("the", "all")]
PHRASES = ["in accordance with national laws", "on a voluntary basis", "where appropriate"]



def base_draft(rng: random.Random) -> Draft:
    texts = [c.text for c in parse_file(LIBRARY / "beijing-initiative-2023.md").clauses]
    texts += [c.text for c in parse_file(LIBRARY / "obor-digital-economy-2017.txt").clauses]
    sentences = [s for t in texts for s in re.split(r"(?<=\.) ", t) if len(s.split()) > 4]
    while len(texts) < 50:
        texts.append(" ".join(rng.sample(sentences, 3)))
    return Draft(title="Benchmark base", clauses=tuple(
        DraftClause(f"c{i}", " ".join(t.split()), str(i + 1)) for i, t in enumerate(texts[:50])))


def proposal(base: Draft, code: str, rng: random.Random) -> Proposal:
    texts = [c.text for c in base.clauses]
    for i in rng.sample(range(len(texts)), 8):
        old, new = rng.choice(SWAPS)
        texts[i] = re.sub(rf"\b{old}\b", new, texts[i], count=1)
    for i in rng.sample(range(len(texts)), 2):
        words = texts[i].split()
        k = rng.randrange(1, len(words))
        texts[i] = " ".join([*words[:k], rng.choice(PHRASES), *words[k:]])
    del texts[rng.randrange(len(texts))]
    texts.insert(rng.randrange(len(texts)), f"{code} proposes cooperation on digital skills.")
    return Proposal(code, tuple(texts))


def main() -> None:
    rng = random.Random(20260514)
    base = base_draft(rng)
    proposals = [proposal(base, code, rng) for code in CODES]
    base_texts = [c.text for c in base.clauses]
    result = compile_proposals(base, proposals)
    for p in proposals:
        assert extract_proposal(result, p.code) == list(p.clauses), p.code
    t_compile = best_of(lambda: compile_proposals(base, proposals), 5)
    t_compare = best_of(lambda: [compare_texts(base_texts, list(p.clauses))
                                 for p in proposals], 5)
    s = result.summary()
    words = sum(len(t.split()) for t in base_texts)
    print(f"base: {len(base_texts)} clauses, {words} words; {len(proposals)} proposals")
    print(f"compilation: {s['clauses']} clauses, {s['with_proposals']} with proposals "
          f"({s['new']} new, {s['deletions']} with deletion proposed), "
          f"{s['conflicts']} conflicts; all {len(proposals)} proposals rebuilt exactly")
    print(f"compile_proposals (best of 5):            {t_compile * 1000:8.1f} ms  (target <= 1000)")
    print(f"baseline compare_texts x10 (best of 5):   {t_compare * 1000:8.1f} ms")
    print(f"merge overhead over the compare engine:   {(t_compile - t_compare) * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
