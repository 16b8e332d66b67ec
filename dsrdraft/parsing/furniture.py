"""Page furniture in text extracted from PDFs: running heads, footers, page and job numbers.

Found by repetition: a line that stands at the top or bottom of many pages (digits ignored, so
"A/RES/70/1 2/35" and "A/RES/70/1 3/35" are one) is furniture; so is a page number alone at a
page's edge. Pages are what form feeds separate. Without pages only page numbers standing alone
between blank lines are taken, so no sentence of the text is ever mistaken for furniture.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from dsrdraft.lazyre import lazy_compile
from dsrdraft.parsing.markers import opening_marker

EDGE = 6  # lines at the top and at the bottom of a page that may be furniture…
EDGE_LINE = 100  # …as long as they are short: a line of text ends the page's edge
_DIGITS = lazy_compile(r"\d+")
_PAGE_NUMBER = lazy_compile(
    r"^\s*(?:(?:page|p\.|seite|página|страница)\s*)?[-–—]?\s*(\d{1,4}|[ivxlc]{1,6})\s*[-–—]?"
    r"\s*(?:(?:/|of|de|sur|из)\s*\d{1,4})?\s*$", re.IGNORECASE)
# Lines UN and treaty PDFs print once on a page edge: barcodes, job numbers, "Please recycle".
_KNOWN = lazy_compile(
    r"^\s*(\*\d{5,}\*|please recycle\W*|GE\.\d{2}-\d{4,6}\s*(\([A-Z]\))?|\d{2}-\d{4,6}\s*"
    r"\([A-Z]\)(\s+\d{6})?(\s+\d{6})?|\*\s*\d{7,}\s*\*)\s*$", re.IGNORECASE)
# What such a line opens with, besides a space or a digit.
_KNOWN_STARTS = frozenset("*pPgG")

_JOB_NUMBER = lazy_compile(r"^\s*(?:GE\.)?\d{2}-\d{4,6}\s*(?:\([A-Z]\))?(?:\s+\d{6}){0,2}\s*$")
_BARE_JOB = lazy_compile(r"^\s*\d{2}-\d{5}\s*$")
# The date stamps of a UN job number ("24-07462 (E) 260424 290424"), which pdftotext may put on
# lines of their own after it.
_DATE_STAMP = lazy_compile(r"^\s*\d{6}\s*$")


def _date_stamps(pages: list[list[PageLine]], found: set[int]) -> set[int]:
    """Lines of six digits alone right after a job number (blank lines between): its date
    stamps, split off by the PDF's layout."""
    out: set[int] = set()
    if not found:
        return out  # no job number: nothing to look for (most big texts)
    for page in pages:
        after_job = False
        for ln in page:
            if after_job and _DATE_STAMP.match(ln.text):
                out.add(ln.number)
                continue
            if ln.text.strip():
                after_job = ln.number in found and _JOB_NUMBER.match(ln.text) is not None
    return out


# A line drawn with underscores or dashes: a footnote separator or a rule, never furniture
# (the text reader needs it to find where a page's footnotes begin).
RULE = lazy_compile(r"^\s*(?:[_\-=*─━]\s?){5,}\s*$")


class PageLine(NamedTuple):
    """A line of the input and the page it stands on (a tuple: there are hundreds of
    thousands of them in a big text, and tuples are the cheapest to make)."""

    text: str
    page: int
    number: int  # 1-based line number in the input


def furniture_key(text: str) -> str:
    """What a running head or footer keeps from page to page: its words lower-cased, its
    numbers as "#" ("A/RES/70/1 2/35" and "A/RES/70/1 3/35" are one key)."""
    return _DIGITS.sub("#", " ".join(text.lower().split()))


def _spread(text: str) -> int:
    """A line's length without the spaces a PDF's layout spreads it with ("2020 年第 136 號
    法律公告      附表   Schedule      L.N. 136 of 2020" across the page): a short line still."""
    return len(" ".join(text.split()))


def _edge(page: list[PageLine]) -> list[PageLine]:
    """The short lines at the top and the bottom of a page, where furniture stands."""
    # read from both ends only: a page without form feeds can be a whole text
    top: list[PageLine] = []
    top_end = -1  # index in the page of the last line looked at from the top
    seen = 0
    for index, ln in enumerate(page):
        if seen == EDGE:
            break
        stripped = ln.text.strip()
        if not stripped:
            continue
        seen += 1
        if len(stripped) > EDGE_LINE and _spread(stripped) > EDGE_LINE:
            break
        top.append(ln)
        top_end = index
    bottom: list[PageLine] = []
    seen = 0
    for index in range(len(page) - 1, top_end, -1):  # the lines after the top's
        if seen == EDGE:
            break
        ln = page[index]
        stripped = ln.text.strip()
        if not stripped:
            continue
        seen += 1
        if len(stripped) > EDGE_LINE and _spread(stripped) > EDGE_LINE:
            break
        bottom.append(ln)
    return top + bottom[::-1]


_PAGE_OF = lazy_compile(r"^\s*(?:page\s+)?(\d{1,4})\s*(?:/|of)\s*(\d{1,4})\s*$", re.IGNORECASE)


def infer_pages(lines: list[PageLine]) -> list[list[PageLine]]:
    """Pages of a PDF's text that lost its form feeds, cut after each "2/6"-style page
    number when those run in sequence (2/6, 3/6 …); else the lines as one page."""
    cuts: list[int] = []
    total: str | None = None
    last = 0
    for i, ln in enumerate(lines):
        m = _PAGE_OF.match(ln.text)
        if m and int(m.group(1)) > last and (total is None or m.group(2) == total) \
                and int(m.group(1)) <= int(m.group(2)):
            cuts.append(i)
            total, last = m.group(2), int(m.group(1))
    if len(cuts) < 2:
        return [lines]
    pages: list[list[PageLine]] = []
    start = 0
    for cut in cuts:
        # The page number belongs to the page it numbers: with its running head and job
        # number around it; what follows it on the same run of short lines is the next head.
        pages.append(lines[start:cut + 1])
        start = cut + 1
    pages.append(lines[start:])
    return [[PageLine(ln.text, n, ln.number) for ln in page] for n, page in enumerate(pages)]


def _shortened_heads(edges: list[list[PageLine]], on_pages: Counter[str],
                     found: set[int]) -> None:
    """A running head without the part's name ("2020 年第 136 號法律公告  L.N. 136 of 2020"
    on the first and last pages, where the others read "… 附表 Schedule …"): an edge line
    on two pages or more whose words all stand, in order, in a running head found."""
    heads = {tuple(furniture_key(ln.text).split()) for edge in edges for ln in edge
             if ln.number in found}
    heads = {h for h in heads if len(h) >= 3}
    if not heads:
        return
    for edge in edges:
        for ln in edge:
            key = furniture_key(ln.text)
            words = key.split()
            if ln.number in found or len(words) < 2 or on_pages[key] < 2:
                continue
            if any(len(h) > len(words) and _in_order(words, h) for h in heads):
                found.add(ln.number)


def _in_order(words: list[str], head: tuple[str, ...]) -> bool:
    rest = iter(head)
    return all(w in rest for w in words)  # each word found after the one before


def find_furniture(pages: list[list[PageLine]]) -> set[int]:
    """Line numbers of furniture lines."""
    # Barcodes, job numbers and "Please recycle" are never text, wherever they stand.
    # (only lines opening as such a line can are asked: most open with a letter)
    found = {ln.number for page in pages for ln in page
             if (ln.text[:1] in _KNOWN_STARTS or ln.text[:1].isdigit()
                 or ln.text[:1].isspace()) and _KNOWN.match(ln.text)}
    edges = [_edge(page) for page in pages]
    # An older job number has no language code ("71-19641"): known by its place, a page's edge.
    found.update(ln.number for edge in edges for ln in edge if _BARE_JOB.match(ln.text))
    if len(pages) >= 2:
        on_pages: Counter[str] = Counter()
        for edge in edges:
            for key in {furniture_key(ln.text) for ln in edge}:
                on_pages[key] += 1
        exact: Counter[str] = Counter()
        for edge in edges:
            for text in {" ".join(ln.text.split()) for ln in edge}:
                exact[text] += 1
        needed = max(2, round(0.3 * len(pages)))
        for edge in edges:
            for ln in edge:
                text = " ".join(ln.text.split())
                if RULE.match(text):
                    continue
                if _PAGE_NUMBER.match(text) or _KNOWN.match(text):
                    found.add(ln.number)
                elif on_pages[furniture_key(text)] >= needed and len(text) <= 120 and (
                        opening_marker(text) is None or exact[text] >= max(needed, 3)):
                    # "Article 7" heading a page is text even when many pages start with an
                    # Article; a running head repeats exactly or is no heading at all. A
                    # label ("D2.", "第二章 附則") stands twice where a table of contents
                    # lists it: a running head only when it repeats as often as one.
                    found.add(ln.number)
        _shortened_heads(edges, on_pages, found)
        return found | _date_stamps(pages, found)
    lines = pages[0] if pages else []
    alone = [i for i, ln in enumerate(lines) if _PAGE_NUMBER.match(ln.text) and ln.text.strip()
             and (i == 0 or not lines[i - 1].text.strip())
             and (i + 1 == len(lines) or not lines[i + 1].text.strip())]
    numbers = [lines[i] for i in alone if _DIGITS.search(lines[i].text)]
    if len(numbers) >= 3:
        found.update(ln.number for ln in numbers)
    return found | _date_stamps(pages, found)
