"""Plain text and markdown into blocks: pages, furniture, footnotes, and lines rejoined by layout.

Text comes from many places: typed with one paragraph per line, copied from a web page,
hard-wrapped at 70 columns, or extracted from a PDF with its page furniture and footnotes. Lines
are rejoined into paragraphs by layout (a line that stops short ends its paragraph; a line that
fills the measure runs on), never by keywords, and nothing is dropped without a reason.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import partial
from itertools import repeat

from dsrdraft.lazyre import lazy_compile
from dsrdraft.model import Dropped, Footnote
from dsrdraft.parsing import markdown as md
from dsrdraft.parsing.blocks import Block, ReadResult
from dsrdraft.parsing.columns import drop_doubled, split_columns
from dsrdraft.parsing.displaced import put_back
from dsrdraft.parsing.footnotes import (
    attach_footnotes,
    drop_spared,
    lone_circled_notes,
    markdown_footnotes,
    note_numbers,
    superscript_notes,
    take_footnote_paragraphs,
    take_footnotes,
)
from dsrdraft.parsing.furniture import RULE, PageLine, find_furniture, infer_pages
from dsrdraft.parsing.markers import opening_marker
from dsrdraft.parsing.recitals import OPERATIVE_VERB, PREAMBULAR_WORD

_TERMINAL = lazy_compile(r"[.;:!?,。；：！？，]['\"”’)\]*_]*$")
_WORD = lazy_compile(r"[^\W\d_]+")
_STRAY_CLOSER = lazy_compile(r"\s*[”’」』）)]+\s*$")
_HYPHENATED = lazy_compile(r"([^\W\d_]+)-$")


def read_text(text: str, *, markdown: bool = False) -> ReadResult:
    """Blocks of a decoded text; `markdown` also reads headings, emphasis, lists and tables."""
    result = ReadResult()
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if markdown:
        text = md.strip_comments(text, result.dropped)
    pages = _pages(text)
    if len(pages) == 1:
        pages = infer_pages(pages[0])
    furniture = find_furniture(pages)
    # a footnote's number alone on its line at a page's foot looks like a page number: it
    # stays in the text while the notes are read, and goes as furniture if it opens none
    spared = note_numbers(pages, furniture) if len(pages) >= 2 and furniture else {}
    furniture -= spared.keys()
    if furniture:
        # only the pages holding furniture are gone through (a page's lines are numbered in
        # order, so its first and last numbers say whether it holds any)
        marks = sorted(furniture)
        for n, page in enumerate(pages):
            if not page:
                continue
            k = bisect_left(marks, page[0].number)
            if k == len(marks) or marks[k] > page[-1].number:
                continue
            for line in page:
                if line.number in furniture:
                    result.dropped.append(Dropped("page furniture (running head, footer or "
                                                  "page number)", " ".join(line.text.split())))
            pages[n] = [ln for ln in page if ln.number not in furniture]
    if not markdown:
        pages = drop_doubled(split_columns(pages, result.dropped), result.dropped)
    # A metadata block ("---" / "title: …" / "---") opens many files exported from systems.
    skip = md.front_matter([ln.text for ln in pages[0]], result.dropped)
    metadata = [ln.text for ln in pages[0][:skip]]
    result.title_hint = md.metadata_field(metadata, "title")
    result.publisher = md.metadata_field(metadata, "source")
    pages[0] = pages[0][skip:]
    rules: set[int] = set()  # line numbers just after a rule: where footnotes begin
    pages = [_without_rules(page, result.dropped, rules, markdown) for page in pages]
    footnotes: dict[str, Footnote] = {}
    if markdown:
        pages = [markdown_footnotes(superscript_notes(page, result.dropped), footnotes)
                 for page in pages]
    pages = take_footnotes(pages, footnotes, rules, result.dropped, markdown) \
        if len(pages) >= 2 else [take_footnote_paragraphs(pages[0], footnotes)]
    if spared:
        pages = drop_spared(pages, spared, result.dropped)
    lines = [ln for page in pages for ln in page]
    blocks = _blocks(lines, markdown, result.dropped)
    if not markdown:  # rows moved out of order are an extractor's, markdown was written so
        blocks = put_back(blocks)
    result.blocks = lone_circled_notes(blocks)
    if footnotes:
        result.blocks = [attach_footnotes(b, footnotes) for b in result.blocks]
        for note in footnotes.values():  # a note whose citation was not found stays reported
            result.dropped.append(Dropped(f"footnote {note.marker} (its citation was not found)",
                                          note.text))
    return result


def _pages(text: str) -> list[list[PageLine]]:
    """Lines by page: a form feed opening a line starts a page (as PDF extractors write
    them); one inside a line is a stray control character."""
    pages: list[list[PageLine]] = [[]]
    text = _ILLEGAL_BUT_FORM_FEED.sub("", text.replace("\ufeff", ""))
    lines = text.split("\n")
    start = 0  # the first line not placed yet
    for index in _lines_with_form_feeds(text):
        # the lines before it, made in one go (a big text has hundreds of thousands)
        pages[-1].extend(map(_PAGE_LINE, zip(lines[start:index], repeat(len(pages) - 1),
                                             range(start + 1, index + 1))))
        raw = lines[index]
        while raw.startswith("\f"):
            pages.append([])
            raw = raw[1:]
        # a stray form feed: gone, but it still parts two words ("A\fB" is "A B")
        raw = re.sub(r"\f(?=\w)", " ", raw).replace("\f", "")
        pages[-1].append(PageLine(raw, len(pages) - 1, index + 1))
        start = index + 1
    pages[-1].extend(map(_PAGE_LINE, zip(lines[start:], repeat(len(pages) - 1),
                                         range(start + 1, len(lines) + 1))))
    return pages


_PAGE_LINE = partial(tuple.__new__, PageLine)  # a PageLine from a (text, page, number) tuple


def _lines_with_form_feeds(text: str) -> list[int]:
    """Indexes of the lines that hold a form feed, found without visiting every line."""
    found: list[int] = []
    line, counted_to = 0, 0
    at = text.find("\f")
    while at >= 0:
        line += text.count("\n", counted_to, at)
        counted_to = at
        if not found or found[-1] != line:
            found.append(line)
        at = text.find("\f", at + 1)
    return found


# What no text may hold (as strip_illegal_xml), except the form feeds that separate pages.
_ILLEGAL_BUT_FORM_FEED = lazy_compile("[\x00-\x08\x0b\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


# Markdown's thematic break: "---", "***" or "___" after a blank line (under a line of text,
# "---" underlines a heading instead).
_MD_BREAK = lazy_compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")


# What a rule (RULE, _MD_BREAK) opens with, besides spaces: the patterns wait for such lines.
_RULE_STARTS = frozenset("_-=*─━")


def _without_rules(page: list[PageLine], dropped: list[Dropped],
                   after_rule: set[int], markdown: bool = False) -> list[PageLine]:
    """Lines drawn with underscores or dashes (footnote separators, horizontal rules); the
    first line of text after each goes into `after_rule`."""
    kept: list[PageLine] = []
    pending = False
    for ln in page:
        first = ln.text[:1]
        if (first in _RULE_STARTS or first.isspace()) and (RULE.match(ln.text) or (
                markdown and _MD_BREAK.match(ln.text) and (
                    not kept or not kept[-1].text.strip()))):
            dropped.append(Dropped("a rule drawn with characters (layout, not text)",
                                   ln.text.strip()))
            pending = True
            continue
        if pending and ln.text.strip():
            after_rule.add(ln.number)
            pending = False
        kept.append(ln)
    return kept


# ---------------------------------------------------------------- footnotes at page bottoms

_BLOCK = partial(tuple.__new__, Block)  # a Block from a tuple of all its fields, in order

def _blocks(lines: list[PageLine], markdown: bool, dropped: list[Dropped]) -> list[Block]:
    vocabulary = _Vocabulary(lines)
    width = _measure(lines)
    blocks: list[Block] = []
    current: list[PageLine] = []
    heading_level = 0
    table_id = -1
    tables = 0

    def flush() -> None:
        nonlocal heading_level
        if current:
            text = _join([ln.text for ln in current], vocabulary)
            bold = False
            if markdown:
                text, bold = md.inline(text, dropped)
            text = " ".join(text.split())
            if text:
                first = current[0]
                # every field given, in order: one tuple made, no keywords matched
                blocks.append(_BLOCK((text, heading_level, False, "", -1, False, bold, False,
                                      table_id >= 0, table_id, first.page, (), False,
                                      first.number)))
            current.clear()
        heading_level = 0

    previous: PageLine | None = None
    head = 0  # non-empty lines read so far: the columns of a title block come first
    for ln in lines:
        raw = md.unquote(ln.text) if markdown else ln.text
        stripped = raw.strip()
        if not stripped:
            flush()
            table_id = -1
            previous = None
            continue
        head += 1
        if head <= HEAD_LINES and (ln.page != lines[0].page or (len(stripped) > 60
                                   and not _COLUMN_GAP.search(stripped))):
            head = HEAD_LINES + 1  # past the first page, or the text has begun
        columns = _head_columns(stripped) if head <= HEAD_LINES and not markdown else None
        if columns:
            # "United Nations          A/C.2/79/L.12": a title block laid out in two columns
            # (a PDF extracted with its layout); each column is a line of that block, never
            # run on into the next line.
            flush()
            for column in columns:
                current.append(ln._replace(text=column))
                flush()
            previous = None
            continue
        if markdown:
            rule = md.setext_rule(raw)
            if rule and len(current) == 1 and previous is not None:
                heading_level = rule
                flush()
                previous = None
                continue
            found = md.heading(raw)
            if found:
                flush()
                heading_level = found[0]
                current.append(ln._replace(text=found[1]))
                flush()
                previous = None
                continue
            if md.is_table_rule(raw):
                continue  # "|---|---|": markup only
            if stripped.startswith("|") and stripped.count("|") >= 2:
                flush()
                if table_id < 0:
                    table_id = tables
                    tables += 1
                current.append(ln._replace(text=md.table_row(raw)))
                flush()
                previous = None
                continue
            table_id = -1
        # a closing quote set on a line of its own ("…“港人治" / "”" / "港、…") is a piece of
        # the line before it, which says whether the paragraph runs on
        last = current[-2] if len(current) >= 2 and _STRAY_CLOSER.match(
            current[-1].text) else current[-1] if current else None
        if last is not None and _breaks(last.text, stripped, width, markdown, current[0].text):
            flush()
        current.append(ln if raw is ln.text else ln._replace(text=raw))
        previous = ln
    flush()
    return blocks


# How far into a text its title block can reach, and the gap that parts two of its columns.
HEAD_LINES = 30
_COLUMN_GAP = re.compile(r"\S( {6,}|\t+)\S")


def _head_columns(line: str) -> list[str] | None:
    """The columns of a title-block line laid out side by side ("General Assembly   Distr.:
    Limited"), or None for an ordinary line; each column is short, as a title block's are."""
    if not _COLUMN_GAP.search(line):
        return None
    columns = [c.strip() for c in re.split(r" {6,}|\t+", line) if c.strip()]
    if len(columns) < 2 or any(len(c) > 60 for c in columns):
        return None
    return columns


def _measure(lines: list[PageLine]) -> int:
    """The line length a hard-wrapped text fills (0 when lines are paragraphs of any length)."""
    lengths = sorted(len(ln.text.rstrip()) for ln in lines if len(ln.text.strip()) >= 20)
    if len(lengths) < 8:
        return 0
    p75 = lengths[int(len(lengths) * 0.75)]
    near = sum(1 for n in lengths if abs(n - p75) <= max(8, p75 // 6))
    # Wrapped text: most lines end within a few characters of the measure, and the measure
    # is a line, not a paragraph (web text has no measure: its lines are whole paragraphs).
    return p75 if near >= 0.45 * len(lengths) and p75 <= 200 else 0


def _breaks(previous: str, stripped: str, width: int, markdown: bool, first: str = "") -> bool:
    """Whether a line (`stripped` of its spaces) starts a new paragraph after `previous` in
    the same run of lines (`first` is the first line of the paragraph)."""
    prev = previous.rstrip()
    marker = opening_marker(stripped.lstrip("*_ "))
    if marker is not None:
        # "…the atomic bombings of" / "1945. In a solemn moment": a year carried onto the
        # next line runs the sentence on; paragraph numbers are never that large
        if marker.value is not None and marker.value >= 1000 and marker.family.startswith(
                "arabic") and not _TERMINAL.search(prev):
            return False
        # "…and those letters dated" / "3 March …": a bare number (no stop after it) carried
        # onto the next line of a sentence that runs on is a date or a count, not a number
        return not (marker.strength < 2 and prev[-1:].islower()
                    and prev[prev.rfind(" ") + 1:][:1].islower())
    if markdown:
        # markdown's hard line break: two spaces or a backslash at the end of the line
        return previous.endswith("  ") or prev.endswith("\\")
    if width:
        # A line that fills the measure runs on; one that stops short ends its paragraph
        # (or is a heading), unless the next line plainly continues a sentence. A recital
        # opens its own paragraph after one that ended with its comma, however long that
        # line ("…in these efforts," / "Convinced that …").
        if prev.endswith((",", ";")) and PREAMBULAR_WORD.match(stripped):
            return True
        if prev.endswith(",") and OPERATIVE_VERB.match(stripped) and PREAMBULAR_WORD.match(
                first.strip()) and not PREAMBULAR_WORD.match(stripped):
            return True  # the last recital, then "Decides that …": the operative part
        if prev.isupper() and not stripped.isupper() and stripped[:1].isupper() and \
                sum(ch.isalpha() for ch in prev) >= 8:
            return True  # a heading in capitals, then the text under it
        if prev.endswith(("，", "、")):
            return False  # a Chinese sentence never ends with its comma: the line runs on
        return len(prev) < 0.75 * width and not stripped[:1].islower()
    # Lines are paragraphs here; one that cannot open a paragraph (it starts in lower case,
    # with a digit or with punctuation) runs on from the line before, and so does the line
    # after a Chinese comma (hard-wrapped "除文意另有所指外，" / "《…》所採用的詞語的釋義，")
    if prev.endswith(("，", "、")):
        return False
    first = stripped[:1]
    return not (first.islower() or first.isdigit() or first in ",.;:)]}”’")


class _Vocabulary:
    """Whether a word occurs in the text, for the rare line that ends with a hyphen: looked
    up in the text itself (a few hyphenated line ends cost less than listing every word of a
    20 MB text), each answer kept."""

    def __init__(self, lines: list[PageLine]) -> None:
        self._lines: list[PageLine] | None = lines
        self._text = ""
        self._known: dict[str, bool] = {}

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        if word not in self._known:
            if self._lines is not None:
                # lowered line by line: an ASCII line takes str.lower's fast path, where the
                # whole text, Chinese in it, would take the slow one (4x slower on 20 MB);
                # the same result, no casing rule reaching across a line break
                self._text = "\n".join([ln.text.lower() for ln in self._lines])
                self._lines = None
            self._known[word] = self._whole_word(word)
        return self._known[word]

    def _whole_word(self, word: str) -> bool:
        at = self._text.find(word)
        while at >= 0:
            before = self._text[at - 1: at] if at else " "
            after = self._text[at + len(word): at + len(word) + 1] or " "
            if not before.isalpha() and not after.isalpha():
                return True
            at = self._text.find(word, at + 1)
        return False


def _join(parts: list[str], vocabulary: _Vocabulary) -> str:
    if len(parts) == 1:
        return parts[0].rstrip()
    pieces = [parts[0].rstrip()]  # joined once at the end: no string rebuilt per line
    for part in parts[1:]:
        part = part.strip()
        last = pieces[-1]
        if last.endswith("-") and part[:1].islower():
            m = _HYPHENATED.search(last[-60:])
            first = _WORD.match(part)
            if m and first:
                whole = (m.group(1) + first.group(0)).lower()
                # "develop-" + "ment" when "development" is in the text; "follow-" + "up" stays
                pieces[-1] = last[:-1] + part if whole in vocabulary else last + part
                continue
        pieces.append(part)
    return " ".join(pieces)
