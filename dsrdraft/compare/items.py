"""What a comparison aligns: a text's units and its division headings, in document order."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dsrdraft.model import Initiative

HEADING = "heading"


@dataclass(frozen=True, slots=True)
class Item:
    """A unit or a division heading of one text, as compare sees it.

    `number` is its address as people cite it in a comparison (a unit's number, "PP3", "4.19";
    a heading's division number, "Article 4"); `kind` is the unit's kind or "heading"; `text`
    is what is compared (a heading: its label and heading on two lines, as the Word export
    prints them); `division` is the index of the heading item it stands under (-1: none);
    `unit` is its index in `Initiative.clauses` (None for a heading).
    """

    number: str
    kind: str
    text: str
    language: str = "en"
    numbered: bool = True
    division: int = -1
    unit: int | None = None

    @property
    def is_heading(self) -> bool:
        return self.kind == HEADING


def heading_text(label: str, heading: str) -> str:
    """A heading item's text: "Article 4\\nScope", "Article 4" or "Scope"."""
    return "\n".join(x for x in (label, heading) if x)


def items_of(initiative: Initiative) -> tuple[Item, ...]:
    """Headings and units interleaved in document order (a heading before the unit at its
    `start`, nested headings in the order of the division tree)."""
    by_start: dict[int, list[tuple[str, str, str]]] = {}
    for _, division in initiative.all_divisions():
        by_start.setdefault(division.start, []).append(
            (division.number or division.name, division.label, division.heading))
    out: list[Item] = []
    current = -1

    def headings_at(k: int) -> None:
        nonlocal current
        for number, label, heading in by_start.get(k, ()):
            current = len(out)
            out.append(Item(number, HEADING, heading_text(label, heading),
                            initiative.language, bool(label)))
    for k, c in enumerate(initiative.clauses):
        headings_at(k)
        out.append(Item(c.number, c.kind.value, c.text, c.language, c.numbered, current, k))
    headings_at(len(initiative.clauses))
    return tuple(out)


def items_of_texts(texts: Sequence[str]) -> tuple[Item, ...]:
    """Plain unit texts (numbered 1, 2, 3…), all operative, no headings."""
    return tuple(Item(str(k + 1), "operative", t, unit=k) for k, t in enumerate(texts))


def dominant_language(items: Sequence[Item]) -> str:
    """The language most of the text is in (by characters)."""
    weight: dict[str, int] = {}
    for item in items:
        weight[item.language] = weight.get(item.language, 0) + len(item.text)
    return max(weight, key=weight.__getitem__) if weight else ""
