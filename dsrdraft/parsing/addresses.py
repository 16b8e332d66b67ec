"""Addresses of units and divisions, unique in the document, in the form negotiators cite them.

Preambular paragraphs are PP1, PP2…; numbered paragraphs keep their number ("12", "12 bis");
paragraphs of an Article are "4.19" (cited "Article 4.19"), an Article with one unnumbered
paragraph is "4" (so are those of a Section of an Article: "2.03.2" of "Section 2.03",
"III.1.2" of Section 1 of Article III); unnumbered paragraphs are OP<n> by position; annex
paragraphs are "Annex I.2"; formulas F1…, closing lines C1…. Where numbering restarts in each
Section or Part, the division's number qualifies the paragraph's ("II.3"); whatever still
collides gets a counter ("3 [2]"), so every address is unique whatever the input.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, NamedTuple

from dsrdraft.model import DivisionKind, UnitKind
from dsrdraft.parsing.numerals import roman_value


def _short(div: Any) -> str:
    """"4" for Article 4, "II" for Part II, "I" for Annex I, "" for an unnumbered annex."""
    part = div.number_part or ""
    if part and not part[:1].isdigit() and roman_value(part) is None and len(part) > 2:
        return part  # "premier", "One": written out
    return part


def assign_numbers(units: list[Any], top: list[Any]) -> tuple[list[str], dict[int, str]]:
    """(unit numbers in order, division number by id(division))."""
    division_numbers = _division_numbers(top)
    chains: dict[int, _Chain] = {}
    per_article: Counter[int] = Counter()
    for unit in units:
        if unit.kind in (UnitKind.OPERATIVE, UnitKind.ANNEX):
            article = _chain(unit.divisions, chains).article
            if article is not None:
                per_article[id(article)] += 1
    sections = _Sections(units, chains)
    counters: Counter[str] = Counter()
    seen_in: Counter[int] = Counter()
    numbers: list[str] = []
    for unit in units:
        if getattr(unit, "follows", None) is not None:
            numbers.append("")  # numbered once its item's number is final
            continue
        numbers.append(sections.qualified(unit, _number(unit, counters, per_article, seen_in,
                                                        chains)))
    numbers = _unique(numbers, units, chains)
    by_unit = {id(u): n for u, n in zip(units, numbers, strict=True)}
    paragraphs: Counter[int] = Counter()  # further paragraphs seen, per numbered item
    for i, unit in enumerate(units):
        item = getattr(unit, "follows", None)
        if item is not None:
            paragraphs[id(item)] += 1  # "3.1.2": the second paragraph of item 1 of section 3
            numbers[i] = by_unit[id(unit)] = f"{by_unit[id(item)]}.{paragraphs[id(item)] + 1}"
    return _unique(numbers, units, chains), division_numbers


class _Chain(NamedTuple):
    """What addressing asks of a chain of divisions (see `_chain`)."""

    article: Any  # the innermost Article (or a Section of one, which frames its paragraphs)
    article_short: str  # how that frame is cited: "4", "2.03", "III.1" (Section 1 of Art. III)
    annex: Any  # the outermost annex
    section: Any  # the innermost numbered section, when no Article or annex holds it
    qualifier: str | None  # what tells a repeated number apart ("II", a heading)


def _chain(divisions: tuple[Any, ...], known: dict[int, _Chain]) -> _Chain:
    """What addressing asks of a unit's divisions, worked out once per chain: the units of
    one division share one tuple of divisions, and a 20 MB text has tens of thousands of
    units. `known` holds the chains worked out, by id of the tuple (alive in its units)."""
    found = known.get(id(divisions))
    if found is None:
        article = annex = section = holder = None
        article_short = ""
        framed = False  # inside an Article or an annex, which address their own units
        for d in divisions:  # outermost first: the last one found is the innermost
            kind = d.kind
            if kind is DivisionKind.ARTICLE:
                article, article_short, framed = d, _short(d), True
            elif article is not None and kind is DivisionKind.SECTION and d.number_part:
                # a Section of an Article frames its paragraphs as an Article does: "2.03"
                # when its number carries the Article's ("Section 2.03"), else "III.1"
                short = _short(d)
                article_short = short if "." in short or not article_short else \
                    f"{article_short}.{short}"
                article = d
            elif kind is DivisionKind.ANNEX:
                annex, framed = annex or d, True
            elif _short(d) or d.heading:
                holder = d
            if d.number_part and kind is not DivisionKind.HEADING:
                section = d
        qualifier = None if holder is None else _short(holder) or holder.heading[:40].rstrip()
        found = known[id(divisions)] = _Chain(article, article_short, annex,
                                              None if framed else section, qualifier)
    return found


class _Sections:
    """Numbered sections that are not Articles ("三、", "（二）", "II."): where their
    paragraphs' numbering restarts, the section's number qualifies each paragraph ("3.20");
    their unnumbered paragraphs are counted in them ("1.2", or "1.OP2" where numbered items
    or sub-sections share the section's numbering)."""

    def __init__(self, units: list[Any], chains: dict[int, _Chain]) -> None:
        self.chains = chains
        self.prefixes: dict[int, str] = {}  # id of a section -> its qualifying prefix
        self.restarting: set[str] = set()
        self.numbered_inside: set[int] = set()  # sections holding numbered units or sections
        self.items_in_sections = False
        # kinds of section whose paragraphs are numbered on from one section to the next
        # (2-40 through parts A-G): numbered through the document, not in each section
        self.running_on: set[str] = set()
        last: dict[str, tuple[int, int]] = {}  # type key -> (section, last value) seen
        for unit in units:
            holder = self.holder(unit)
            if holder is None:
                continue
            for outer in self.path(holder)[:-1]:
                self.numbered_inside.add(id(outer))
            marker = unit.marker
            if marker is None or marker.value is None or unit.kind is not UnitKind.OPERATIVE:
                continue
            self.items_in_sections = True
            self.numbered_inside.add(id(holder))
            seen = last.get(holder.type_key)
            if seen is not None and seen[0] != id(holder):
                if marker.value <= seen[1]:
                    self.restarting.add(holder.type_key)
                self.running_on.add(holder.type_key)
            last[holder.type_key] = (id(holder), marker.value)
        self.running_on -= self.restarting
        self.counts: Counter[int] = Counter()

    def holder(self, unit: Any) -> Any:
        """The innermost numbered section holding an operative unit, outside Articles and
        annexes (which have addresses of their own)."""
        if unit.kind is not UnitKind.OPERATIVE:
            return None
        return _chain(unit.divisions, self.chains).section

    @staticmethod
    def path(holder: Any) -> list[Any]:
        chain = []
        div = holder
        while div is not None:
            if div.number_part and div.kind is not DivisionKind.HEADING:
                chain.append(div)
            div = div.parent
        return chain[::-1]

    def qualified(self, unit: Any, number: str) -> str:
        holder = self.holder(unit)
        if holder is None:
            return number
        prefix = self.prefixes.get(id(holder))
        if prefix is None:
            prefix = self.prefixes[id(holder)] = ".".join(_short(d) for d in self.path(holder))
        marker = unit.marker
        if marker is not None and marker.value is not None:
            if number.startswith(f"{prefix}."):
                return number  # "5.3" in section 5 says so itself
            return f"{prefix}.{number}" if holder.type_key in self.restarting else number
        if holder.type_key in self.running_on:
            return number  # "OP1" of the document, as its numbered paragraphs are its own
        self.counts[id(holder)] += 1
        k = self.counts[id(holder)]
        crowded = id(holder) in self.numbered_inside or self.items_in_sections
        return f"{prefix}.OP{k}" if crowded else f"{prefix}.{k}"


def _number(unit: Any, counters: Counter[str], per_article: Counter[int],
            seen_in: Counter[int], chains: dict[int, _Chain]) -> str:
    if unit.kind is UnitKind.PREAMBULAR:
        counters["PP"] += 1
        return f"PP{counters['PP']}"
    if unit.kind is UnitKind.FORMULA:
        counters["F"] += 1
        return f"F{counters['F']}"
    if unit.kind is UnitKind.CLOSING:
        counters["C"] += 1
        return f"C{counters['C']}"
    marker = unit.marker
    local = marker.number if marker is not None and marker.value is not None else ""
    chain = _chain(unit.divisions, chains)
    annex, article = chain.annex, chain.article
    scope = "annex:" + str(id(annex)) if annex is not None else "body"
    counters[scope] += 1
    if not local:  # OP7 is the seventh unnumbered paragraph, whatever is numbered around it
        counters["unnumbered:" + scope] += 1
    if article is not None:
        seen_in[id(article)] += 1
        art = chain.article_short or str(seen_in[id(article)])
        if local:
            number = f"{art}.{local}"
        elif per_article[id(article)] == 1:
            number = art
        else:
            number = f"{art}.{seen_in[id(article)]}"
    elif local:
        number = local
    elif annex is not None:
        number = str(counters['unnumbered:' + scope])
    else:
        number = f"OP{counters['unnumbered:' + scope]}"
    if annex is not None:
        label = f"Annex {_short(annex)}".strip() if _short(annex) else "Annex"
        number = f"{label}.{number}"
    return number


def _unique(numbers: list[str], units: list[Any], chains: dict[int, _Chain]) -> list[str]:
    """Qualify numbers that repeat with the division that holds them ("II.3"), then count.
    Addresses are cited regardless of case (`Initiative.clause`), so "a" (Article a) and "A"
    (item A) repeat each other."""
    keys = [n.casefold() for n in numbers]
    counts = Counter(keys)
    out = list(numbers)
    for i, (number, unit) in enumerate(zip(numbers, units, strict=True)):
        if counts[keys[i]] < 2:
            continue
        prefix = _chain(unit.divisions, chains).qualifier
        if prefix is not None:
            out[i] = f"{prefix}.{number}"
            keys[i] = out[i].casefold()
    counts = Counter(keys)
    seen: Counter[str] = Counter()
    for i, key in enumerate(keys):
        if counts[key] > 1:
            seen[key] += 1
            if seen[key] > 1:
                out[i] = f"{out[i]} [{seen[key]}]"
    return out


def _division_numbers(top: list[Any]) -> dict[int, str]:
    numbers: dict[int, str] = {}
    used: set[str] = set()
    next_free: dict[str, int] = {}  # the next counter to try for a number already taken

    def walk(div: Any, parent: str) -> None:
        base = div.label or " ".join(div.heading.split()[:12]) or div.kind.value.title()
        number = base
        if number in used and parent:
            number = f"{parent} / {base}"
        candidate, k = number, next_free.get(number, 2)
        while candidate in used:  # still taken: count ("Article 1 [2]"), never collide
            candidate = f"{number} [{k}]"
            k += 1
        next_free[number] = k  # a compilation repeats "Article 1" thousands of times
        used.add(candidate)
        numbers[id(div)] = candidate
        for child in div.children:
            walk(child, number)

    for div in top:
        walk(div, "")
    return numbers
