"""A text printed twice, in one language and then another: where the second version begins.

Treaties are published with their translation after the original (a French agreement, then
its Dutch version from "Overeenkomst …" to "Gedaan te …"), and Chinese initiatives with the
English version after the Chinese. The second version is the same text again: its units are
translations of the first's, never units of their own. A version is recognised by the
languages of its paragraphs alone: everything before the cut is (nearly) one language,
everything after it another, and each side holds a fair share of the words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dsrdraft.model import Clause, Division, Translation
from dsrdraft.parsing.blocks import Block
from dsrdraft.textnorm import language_evidence

_PURE = 0.9  # the share of a side's clear-language words in its language
_SHARE = 0.2  # the least share of all clear-language words each version holds


@dataclass(slots=True)
class Versions:
    main: list[Block]
    language: str = ""  # the second version's language, "" when the text is printed once
    second: list[Block] = field(default_factory=list)


def block_weight(block: Block, language: str) -> float:
    """How many words a block holds (a Chinese character carries about two thirds of one)."""
    # words counted by their spaces: close enough to weigh, and no list to build
    return len(block.text) * 0.65 if language == "zh" else block.text.count(" ") + 1


def split_versions(blocks: list[Block], evidence: list[tuple[str, bool]] | None = None
                   ) -> Versions:
    """The first version and, when the text goes on in another language, the second;
    `evidence` is each block's `language_evidence`, when the caller has it already."""
    if evidence is None:
        evidence = [language_evidence(b.text) for b in blocks]
    # block_weight written out: asked of every block of the text
    clear: list[tuple[int, str, float]] = [
        (i, language, len(block.text) * 0.65 if language == "zh" else block.text.count(" ") + 1)
        for i, (block, (language, sure)) in enumerate(zip(blocks, evidence, strict=True))
        if sure]
    total = sum(w for _, _, w in clear)
    if len(clear) < 6 or not total:
        return Versions(blocks)
    after: dict[str, float] = {}
    for _, language, w in clear:
        after[language] = after.get(language, 0.0) + w
    before: dict[str, float] = {}
    best: tuple[float, int, str] | None = None
    for j, (_, language, w) in enumerate(clear):
        if j and language != clear[j - 1][1]:
            best = _better(best, before, after, language, total, j)
        before[language] = before.get(language, 0.0) + w
        after[language] -= w
    if best is None:
        return Versions(blocks)
    _, j, language = best
    cut = _start_of_version(blocks, clear[j - 1][0], clear[j][0])
    return Versions(blocks[:cut], language, blocks[cut:])


def _better(best: tuple[float, int, str] | None, before: dict[str, float],
            after: dict[str, float], language: str, total: float, j: int
            ) -> tuple[float, int, str] | None:
    """The cut before clear block `j` if it parts two versions better than `best` does."""
    first = max(before, key=before.__getitem__)
    if first == language:
        return best
    ahead, behind = after.get(language, 0.0), before[first]
    purity = min(behind / sum(before.values()), ahead / (sum(after.values()) or 1))
    if purity < _PURE or min(ahead, behind) < _SHARE * total:
        return best
    if best is None or purity > best[0]:
        return purity, j, language
    return best


def _start_of_version(blocks: list[Block], last_first: int, first_second: int) -> int:
    """Where the second version begins between the last paragraph clearly in the first
    language and the first clearly in the second: at its title or heading, when one stands
    between them (a short line without a full stop opens the version; lines that close the
    first, its signatures and date, stay with it)."""
    for i in range(last_first + 1, first_second):
        block = blocks[i]
        text = block.text.strip()
        if block.heading_level or block.title_style or block.bold or (
                len(text) <= 120 and not text.endswith((".", ";", ",", ":", "。", "；"))
                and text[:1].isupper()):
            return i
    return first_second


def version_translations(units: list[Clause], divisions: list[Division], title: str,
                         second_units: list[Clause], second_divisions: list[Division],
                         second_title: str, second_front: list[str]) -> list[Translation]:
    """The second version's units and headings as translations of the first's: a unit with
    the same address translates it; otherwise the n-th unit of a kind translates the n-th of
    that kind, and the n-th division the n-th division."""
    out: list[Translation] = []
    if second_title:
        out.append(Translation("title" if title else second_title, second_title))
    if second_front:
        out.append(Translation("front matter", " ".join(second_front)))
    numbers = {u.number for u in units}
    by_kind: dict[str, list[str]] = {}
    for u in units:
        by_kind.setdefault(u.kind.value, []).append(u.number)
    seen: dict[str, int] = {}
    for u in second_units:
        n = seen.get(u.kind.value, 0)
        seen[u.kind.value] = n + 1
        if u.number in numbers:
            number, text = u.number, u.text
        else:  # linked by position: its own label stays with it ("18. …")
            same_kind = by_kind.get(u.kind.value, [])
            number = same_kind[n] if n < len(same_kind) else u.number
            text = f"{u.label} {u.text}" if u.label else u.text
        notes = " ".join(f"[{n.marker}] {n.text}" for n in u.footnotes)  # its notes go too
        out.append(Translation(number, f"{text} {notes}".strip()))
    first = [d for top in divisions for _, d in top.walk()]
    for n, (_, d) in enumerate(x for top in second_divisions for x in top.walk()):
        text = " ".join(x for x in (d.label, d.heading) if x)
        if text:
            out.append(Translation(first[n].number if n < len(first) else d.number, text))
    return out
