"""Pages laid out in two columns side by side (`pdftotext -layout` of a bilingual gazette).

Hong Kong's gazette prints the Chinese text in the left column and the English in the right;
where a text has no English version (a national law in its schedule) the Chinese is printed
in both. Read line by line, the two columns interleave. Each column is read on its own: a
paragraph of the left column, then the paragraphs of the right column that begin beside it
(its translation, a parallel text); a right column that repeats its page's left column
character for character (but for a stray line) is reported, not read twice.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from typing import NamedTuple

from dsrdraft.lazyre import lazy_compile
from dsrdraft.model import Dropped
from dsrdraft.parsing.furniture import (
    EDGE,
    EDGE_LINE,
    PageLine,
    find_furniture,
    furniture_key,
)

_GAP = lazy_compile(r" {3,}")
_MIN_WIDTH = 60  # a page narrower than this has no room for two columns of text
_MIN_LINES = 6
_SAMPLE = 60  # the first lines of a page, which say whether it is laid out so
_BAND = (0.3, 0.75, 0.95)  # where, as shares of the page's width, a right column may begin
_SHARE = 0.6  # the least share of a page's lines split at its gutter
_DOUBLED = 0.3  # the least share of a page's text repeated for the page to be printed twice
_EDGE_ROWS = 4 * EDGE  # rows that hold a page's edge, blank ones among them
_PAGE_NUMBER_KEY = 8  # a page number's key ("b#" for "B2349"), not a running head's
_COPY_WINDOW = 10  # how many paragraphs down a page the other column's copy may stand
_STRAY = 0.1  # the share of a page's characters a stray line may move across the gutter
DUPLICATE = "the other column (the same text printed twice, side by side)"
OTHER_HEAD = "page furniture (the other column's running head or page number)"


def split_columns(pages: list[list[PageLine]], dropped: list[Dropped]
                  ) -> list[list[PageLine]]:
    """The pages with two-column pages read column by column (see the module's docstring);
    pages in one column stay as they are, in their place."""
    if len(pages) < 2:
        return pages  # no form feeds: no layout of pages to read (most big texts)
    gutters = [_gutter(page) for page in pages]
    if sum(g is not None for g in gutters) < 2:
        return pages  # one page in columns may be a table: only a layout of many is read so
    # among pages in columns, a short one (the signatures' last page) is too when nearly
    # every line of it is
    gutters = [g if g is not None or _lines(page) >= _MIN_LINES else _gutter(
        page, least=2, share=0.7) for page, g in zip(pages, gutters, strict=True)]
    out: list[list[PageLine]] = []
    for page, gutter in zip(pages, gutters, strict=True):
        if gutter is None:
            out.append(page)
            continue
        first, second = _split(page, gutter)
        if _same_text(_plain(first), _plain(second)):
            dropped.extend(Dropped(DUPLICATE, " ".join(ln.text.split()))
                           for ln in second if ln.text.strip())
            out.append(first)
        else:
            out.append(_side_by_side(first, second))
    return out


def _paragraphs(lines: list[PageLine]) -> list[list[PageLine]]:
    paragraphs: list[list[PageLine]] = [[]]
    for ln in lines:
        if ln.text.strip():
            paragraphs[-1].append(ln)
        elif paragraphs[-1]:
            paragraphs.append([])
    return [p for p in paragraphs if p]


def _side_by_side(left: list[PageLine], right: list[PageLine]) -> list[PageLine]:
    """Each paragraph of the left column, then the right column's paragraphs that begin
    before the next one does, blank lines between: a text and its translation."""
    theirs = _paragraphs(right)
    ours = _paragraphs(left)
    # a blank line first, as the page had: its first paragraph never runs on from the last
    # page's (the signatures after the last article)
    out: list[PageLine] = [ours[0][0]._replace(text="")] if ours else []
    k = 0
    for n, paragraph in enumerate(ours):
        following = ours[n + 1][0].number if n + 1 < len(ours) else None
        for chunk in [paragraph] + [theirs[j] for j in range(k, len(theirs)) if following
                                    is None or theirs[j][0].number < following]:
            out.extend(chunk)
            out.append(chunk[-1]._replace(text=""))
            k += chunk is not paragraph
    for chunk in theirs[k:]:  # a right column longer than the left
        out.extend(chunk)
        out.append(chunk[-1]._replace(text=""))
    return out


def _lines(page: list[PageLine]) -> int:
    """How many lines of text a page has, counted up to a few more than a short page's."""
    return sum(1 for ln in page[:_SAMPLE] if ln.text.strip())


def _same_text(left: str, right: str) -> bool:
    """Whether two columns print one text: the same characters but for the few a line that
    strays over the gutter moves from one column to the other (counted, not aligned: a
    stray line changes their order, not their number)."""
    if left == right:
        return True
    if not left or not right or abs(len(left) - len(right)) > _STRAY * max(len(left), len(right)):
        return False
    ours, theirs = Counter(left), Counter(right)
    differing = sum(((ours - theirs) + (theirs - ours)).values())
    return differing <= _STRAY * (len(left) + len(right))


def _plain(page: list[PageLine]) -> str:
    return "".join("".join(ln.text.split()) for ln in page)


class _Band(NamedTuple):
    """Where on a page's lines the right column may begin (in characters)."""

    start: float  # the gutter ends here at the earliest…
    end: float  # …and here at the latest, for a line of the right column alone
    far: float  # …and here for a line with text on both sides (a centred title)


def _gutter(page: list[PageLine], least: int = _MIN_LINES, share: float = _SHARE
            ) -> _Band | None:
    """The band of columns where the page's right column begins, or None for a page in one
    column: most of its lines have a wide gap there. (Chinese characters are laid out two
    cells wide but counted as one, so the gutter's column differs from line to line.)"""
    # the cheap test first, on the page's first lines: wide gaps in most of them
    sample = [t for t in (ln.text for ln in page[:_SAMPLE]) if t.strip()]
    if len(sample) < least or sum("   " in t.rstrip() for t in sample) < share * len(sample):
        return None  # (most pages: no pattern run)
    lines = [ln.text.rstrip() for ln in page if ln.text.strip()]
    width = max(len(t) for t in lines)
    if width < _MIN_WIDTH:
        return None
    band = _Band(width * _BAND[0], width * _BAND[1], width * _BAND[2])
    split = sum(_gap(text, band) is not None for text in lines)
    return band if split >= share * len(lines) else None


def _gap(text: str, band: _Band) -> re.Match[str] | None:
    """The widest run of spaces between two pieces of text in the band (the gutter's, not
    one inside a column), else the indentation of a line of the right column alone."""
    inner = max((m for m in _GAP.finditer(text) if m.start() > 0
                 and band.start <= m.end() <= band.far),
                key=lambda m: m.end() - m.start(), default=None)
    if inner is not None:
        return inner
    lead = _GAP.match(text)
    return lead if lead is not None and band.start <= lead.end() <= band.end else None


def _split(page: list[PageLine], band: _Band) -> tuple[list[PageLine], list[PageLine]]:
    """The page's left and right columns, line by line; a line with no gap in the band stays
    whole in the left column (no word is moved where it may not belong)."""
    left: list[PageLine] = []
    right: list[PageLine] = []
    for ln in page:
        text = ln.text.rstrip()
        if not text:  # a blank line parts paragraphs in both columns
            left.append(ln)
            right.append(ln)
            continue
        gap = _gap(text, band)
        if gap is None:
            left.append(ln)
            continue
        if text[:gap.start()].strip():
            left.append(ln._replace(text=text[:gap.start()]))
        right.append(ln._replace(text=text[gap.end():]))
    return left, right


def drop_doubled(pages: list[list[PageLine]], dropped: list[Dropped]) -> list[list[PageLine]]:
    """Pages of such a layout read row by row (`pdftotext` without `-layout`): the text
    printed in both columns comes out twice, each paragraph (or label and heading) right
    after itself. Where most of a page is so, each second copy is reported, and so is the
    second column's running head (see `_other_heads`)."""
    if len(pages) < 2:
        return pages
    first = {n: found for n, page in enumerate(pages) if (found := _doubled(page)) is not None}
    if len(first) < 2:
        return pages  # a repeated line or two is the text's own
    out = list(pages)
    for n, page in zip(first, _other_heads([pages[n] for n in first], dropped), strict=True):
        # a page that lost a running head is read again: its copies may now stand together
        found = first[n] if page is pages[n] else _doubled(page, known=True)
        if found is None:
            out[n] = page
            continue
        paragraphs, repeats = found
        kept: list[PageLine] = []
        for j, paragraph in enumerate(paragraphs):
            if j in repeats:
                dropped.extend(Dropped(DUPLICATE, " ".join(ln.text.split()))
                               for ln in paragraph)
                continue
            kept.extend(paragraph)
            kept.append(paragraph[-1]._replace(text=""))
        out[n] = kept
    return out


def _doubled(page: list[PageLine], *, known: bool = False
             ) -> tuple[list[list[PageLine]], set[int]] | None:
    """A page's paragraphs and those that repeat others (see `_repeats`), when enough of its
    text repeats so for the page to be printed twice (None when not); `known` when its lines
    were found to repeat so already (the cheap test is not made again)."""
    if not known and not _lines_repeat(page):
        return None
    paragraphs = _paragraphs(page)
    lines = [tuple("".join(ln.text.split()) for ln in p) for p in paragraphs]
    repeats = _repeats(lines)
    sizes = [sum(map(len, p)) for p in lines]  # characters but spaces, as `_plain` counts
    if sum(sizes[j] for j in repeats) < _DOUBLED * (sum(sizes) or 1):
        return None
    return paragraphs, repeats


def _other_heads(pages: list[list[PageLine]], dropped: list[Dropped]
                 ) -> list[list[PageLine]]:
    """The pages printed twice, without their second column's running head and page number
    (only those pages are looked at: a compilation's other texts are not). Read row by
    row, that head stands below the first column's and after the first column's first lines
    ("附表" / "第一章" / "總則" / "L.N. 136 of 2020" / "B2349" / "Schedule"), as far down as
    the first paragraph runs. Found by repetition across pages: with the first column's heads
    gone, the second's stand at the page's edge on many pages; elsewhere, a page number of
    the kind found so ("B2367") in the page's upper half, where both columns' top rows come
    out, with the lines of running heads in its paragraph and the paragraphs beside it (the
    part's name "Schedule" under it, but not the part's title further down)."""
    # the first search, on whole pages, found what stands anywhere (job numbers, barcodes):
    # only the pages' edges are left to look at
    found = find_furniture([page if len(page) <= 2 * _EDGE_ROWS else
                            page[:_EDGE_ROWS] + page[-_EDGE_ROWS:] for page in pages])
    keys = {furniture_key(d.text) for d in dropped if d.reason.startswith("page furniture")}
    keys.update(furniture_key(ln.text) for page in pages for ln in page if ln.number in found)
    keys = {k for k in keys if any(ch.isalpha() for ch in k)}  # "#" would take any number
    numbers = {k for k in keys if "#" in k and len(k) <= _PAGE_NUMBER_KEY}  # "b#"
    out: list[list[PageLine]] = []
    for page in pages:
        heads = {ln.number for ln in page if ln.number in found}
        paragraphs = _paragraphs(page[:len(page) // 2]) if numbers else []
        for n, paragraph in enumerate(paragraphs):
            if not any(furniture_key(ln.text) in numbers for ln in paragraph):
                continue
            heads.update(ln.number for near in paragraphs[max(0, n - 1):n + 2] for ln in near
                         if len(ln.text) <= EDGE_LINE and furniture_key(ln.text) in keys)
        if not heads:
            out.append(page)
            continue
        dropped.extend(Dropped(OTHER_HEAD, " ".join(ln.text.split()))
                       for ln in page if ln.number in heads)
        out.append([ln for ln in page if ln.number not in heads])
    return out


def _lines_repeat(page: list[PageLine]) -> bool:
    """The cheap test first: whether lines repeating among the page's first hold enough of
    its text for it to be printed twice."""
    lines = [t for t in (ln.text.strip() for ln in page[:_SAMPLE]) if t]
    counts = Counter(lines)
    total = sum(len(t) for t in lines) or 1
    return sum(len(t) * (n - 1) for t, n in counts.items() if n > 1) >= _DOUBLED * total


def _repeats(lines: list[tuple[str, ...]]) -> set[int]:
    """Indexes of paragraphs that repeat, line for line, lines of one of the few before them
    not yet repeated: the second column's copy, which comes out right after the first
    column's ("A A"), after a run of them ("A B A B": a label and its heading; "A B C A B C"),
    between them where the two columns' rows alternate ("A B A C B C"), or in pieces where
    the first column's rows ran together into one paragraph (an Article's last lines, the
    next chapter's label and its first Article's, as one). `lines`: each paragraph's lines,
    without their spaces."""
    used = [[False] * len(p) for p in lines]  # lines of a paragraph already repeated
    # a line -> where it stands in the paragraphs before, earliest first (copies left out;
    # those further up than a copy may stand are let go, so a line met on every paragraph
    # of a long page is not looked through again and again)
    places: dict[str, deque[tuple[int, int]]] = {}
    found: set[int] = set()
    for j, copy in enumerate(lines):
        n = len(copy)
        if j and copy == lines[j - 1] and j - 1 not in found and not any(used[j - 1]):
            used[j - 1] = [True] * n  # "A A", most copies: the paragraph just before
            found.add(j)
            continue
        earlier = places.get(copy[0])
        while earlier and j - earlier[0][0] > _COPY_WINDOW:
            earlier.popleft()
        for k, i in earlier or ():
            if lines[k][i:i + n] == copy and not any(used[k][i:i + n]):
                used[k][i:i + n] = [True] * n
                found.add(j)
                break
        else:
            for i, line in enumerate(copy):
                places.setdefault(line, deque()).append((j, i))
    return found
