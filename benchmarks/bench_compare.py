"""Benchmark of the compare engine: the seed pair, synthetic documents of growing size, two
2,000-paragraph texts with every paragraph edited, and the word diff against a minimal edit on
real successive versions.

    python -m benchmarks.bench_compare

Synthetic documents recombine real clause sentences from both seeds deterministically (seeded
random.Random): the new version changes words in 10 % of clauses, moves 3 %, removes 2 %, adds
2 %, splits 1 % and merges 1 %; in the last case every paragraph has three words replaced. The
baseline is `difflib.HtmlDiff().make_table` over the same texts (one paragraph per line),
measured in the same run. The word-diff cache is cleared before every timed run: the figures
are the work, not the cache. The minimal edit is rapidfuzz's Indel distance (characters
inserted plus deleted) between each changed pair of the SARIF drafts' rejected and accepted
texts (tests/test_compare_minimal_edit.py asserts marked <= 1.5x minimal).
"""

from __future__ import annotations

import difflib
import random
import re
from pathlib import Path

from benchmarks.timing import best_of
from dsrdraft.compare import compare_texts
from dsrdraft.compare.worddiff import clear_cache
from dsrdraft.parsing import parse_file

LIBRARY = Path(__file__).resolve().parents[1] / "resources" / "library"
SIZES = (100, 500, 2000)
WORDS = ["digital", "cooperation", "promote", "strengthen", "secure", "inclusive", "regional",
         "partners", "innovation", "infrastructure", "jointly", "sustainable"]



def seed_texts() -> tuple[list[str], list[str]]:
    old = parse_file(LIBRARY / "obor-digital-economy-2017.txt")
    new = parse_file(LIBRARY / "beijing-initiative-2023.md")
    return [c.text for c in old.clauses], [c.text for c in new.clauses]


def synthetic(n: int, sentences: list[str], seed: int = 7) -> tuple[list[str], list[str]]:
    rng = random.Random(seed + n)
    old = [" ".join(rng.sample(sentences, rng.randint(2, 4))) for _ in range(n)]
    new = list(old)
    for k in rng.sample(range(n), n // 10):  # word edits
        words = new[k].split(" ")
        for _ in range(3):
            words[rng.randrange(len(words))] = rng.choice(WORDS)
        new[k] = " ".join(words)
    for k in sorted(rng.sample(range(n), n // 50), reverse=True):  # removals
        del new[k]
    for _ in range(n // 50):  # additions (fresh combinations)
        new.insert(rng.randrange(len(new)), " ".join(rng.sample(sentences, 3)))
    for _ in range(max(1, n * 3 // 100)):  # moves
        new.insert(rng.randrange(len(new)), new.pop(rng.randrange(len(new))))
    for _ in range(max(1, n // 100)):  # splits
        k = rng.randrange(len(new))
        parts = re.split(r"(?<=\.) ", new[k], maxsplit=1)
        if len(parts) == 2:
            new[k:k + 1] = parts
    for _ in range(max(1, n // 100)):  # merges
        k = rng.randrange(len(new) - 1)
        new[k:k + 2] = [new[k] + " " + new[k + 1]]
    return old, new


def every_paragraph_edited(n: int, sentences: list[str], seed: int = 11
                           ) -> tuple[list[str], list[str]]:
    rng = random.Random(seed)
    old = [" ".join(rng.sample(sentences, rng.randint(2, 4))) for _ in range(n)]
    new = []
    for text in old:
        words = text.split(" ")
        for _ in range(3):
            words[rng.randrange(len(words))] = rng.choice(WORDS)
        new.append(" ".join(words))
    return old, new


def difflib_word_diffs(a: list[str], b: list[str]) -> None:
    """The baseline: difflib's SequenceMatcher over the tokens of each pair in order."""
    from dsrdraft.compare import tokenize

    for x, y in zip(a, b, strict=True):
        difflib.SequenceMatcher(str.isspace, tokenize(x), tokenize(y),
                                autojunk=False).get_opcodes()


def cold(a: list[str], b: list[str]) -> object:
    clear_cache()
    return compare_texts(a, b)


def minimal_edit_line() -> str:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from test_compare_minimal_edit import VERSIONS, measure

    parts = []
    for path in VERSIONS:
        f = measure(path)
        parts.append(f"{path.stem.removeprefix('docx-word-oasis-sarif-')}: {f['paragraphs']} "
                     f"paragraphs, {f['unchanged']} unchanged, {f['changed']} changed, "
                     f"{f['moved']} moved; marked {f['marked']} characters against a minimal "
                     f"edit of {f['minimal']} ({f['marked'] / f['minimal']:.2f}x)")
    return "\n".join(parts)


def main() -> None:
    old, new = seed_texts()
    compare_texts(old, new)  # warm up (imports, thread pool)
    seed_time = best_of(lambda: cold(old, new), 20)
    seed_base = best_of(lambda: difflib.HtmlDiff().make_table(old, new), 5)
    print(f"seed pair ({len(old)} -> {len(new)} clauses): compare {seed_time * 1000:.1f} ms, "
          f"HtmlDiff {seed_base * 1000:.1f} ms, ratio {seed_time / seed_base:.2f} "
          f"(target <= 20 ms)")

    sentences = sorted({s for text in old + new for s in re.split(r"(?<=\.) ", text)
                        if len(s.split()) >= 5})
    print()
    print(f"{'clauses':>8} {'compare':>10} {'HtmlDiff':>10} {'ratio':>7}  summary")
    for n in SIZES:
        a, b = synthetic(n, sentences)
        repeat = 3 if n <= 500 else 1
        result = compare_texts(a, b)
        t = best_of(lambda a=a, b=b: cold(a, b), repeat)
        base = best_of(lambda a=a, b=b: difflib.HtmlDiff().make_table(a, b), 1)
        counts = ", ".join(f"{k} {v}" for k, v in result.summary.items() if v)
        print(f"{n:>8} {t * 1000:>8.0f}ms {base * 1000:>8.0f}ms {t / base:>7.2f}  {counts}")
    # HtmlDiff takes minutes here (its intra-line diff of 2,000 changed lines), so the baseline
    # is the word diff alone as compare did it before: difflib over each pair's tokens.
    a, b = every_paragraph_edited(2000, sentences)
    t = best_of(lambda: cold(a, b), 3)
    base = best_of(lambda: difflib_word_diffs(a, b), 1)
    counts = ", ".join(f"{k} {v}" for k, v in cold(a, b).summary.items() if v)
    print(f"\n2,000 paragraphs, every one edited: compare {t * 1000:.0f} ms (target <= 1000 ms); "
          f"difflib word diffs of the same 2,000 pairs alone {base * 1000:.0f} ms "
          f"(ratio {t / base:.2f}); {counts}")
    print("\ntarget: 2000 clauses <= 2 s; 2000 with every paragraph edited <= 1 s")
    print("\nreal successive versions (SARIF working drafts, changes rejected -> accepted):")
    print(minimal_edit_line())


if __name__ == "__main__":
    main()
