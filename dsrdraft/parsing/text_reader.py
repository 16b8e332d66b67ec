"""Plain text and markdown into blocks: pages, furniture, footnotes, and lines rejoined by layout.

Text comes from many places: typed with one paragraph per line, copied from a web page,
hard-wrapped at 70 columns, or extracted from a PDF with its page furniture and footnotes. Lines
are rejoined into paragraphs by layout (a line that stops short ends its paragraph; a line that
fills the measure runs on), never by keywords, and nothing is dropped without a reason.
"""

from __future__ import annotations

import re
from dataclasses import replace

from dsrdraft.model import Dropped, Footnote
from dsrdraft.parsing import markdown as md
from dsrdraft.parsing.blocks import Block, ReadResult
from dsrdraft.parsing.furniture import PageLine, find_furniture
from dsrdraft.parsing.markers import opening_marker
from dsrdraft.textnorm import strip_illegal_xml

FOOTNOTE_OPEN = "\ue000"  # a footnote reference inside a block's text: \ue000key\ue001
FOOTNOTE_CLOSE = "\ue001"
_TERMINAL = re.compile(r"[.;:!?,。；：！？，]['\"”’)\]*_]*$")
_WORD = re.compile(r"[^\W\d_]+")
_HYPHENATED = re.compile(r"([^\W\d_]+)-$")
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


_REFERENCE = re.compile(f"{FOOTNOTE_OPEN}([^{FOOTNOTE_CLOSE}]*){FOOTNOTE_CLOSE}")


def footnote_ref(key: str) -> str:
    return f"{FOOTNOTE_OPEN}{key}{FOOTNOTE_CLOSE}"


def footnote_keys(text: str) -> list[str]:
    """The footnote reference keys in `text`, in order."""
    return _REFERENCE.findall(text)


def without_references(text: str) -> str:
    return _REFERENCE.sub("", text)


def read_text(text: str, *, markdown: bool = False) -> ReadResult:
    """Blocks of a decoded text; `markdown` also reads headings, emphasis, lists and tables."""
    result = ReadResult()
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if markdown:
        text = md.strip_comments(text, result.dropped)
    pages = _pages(text)
    furniture = find_furniture(pages)
    for page in pages:
        for line in page:
            if line.number in furniture:
                result.dropped.append(Dropped("page furniture (running head, footer or page "
                                              "number)", " ".join(line.text.split())))
    pages = [[ln for ln in page if ln.number not in furniture] for page in pages]
    footnotes: dict[str, Footnote] = {}
    if len(pages) >= 2:
        pages = _take_footnotes(pages, footnotes)
    lines = [ln for page in pages for ln in page]
    skip = md.front_matter([ln.text for ln in lines], result.dropped) if markdown else 0
    result.blocks = _blocks(lines[skip:], markdown, result.dropped)
    if footnotes:
        result.blocks = [_attach(b, footnotes) for b in result.blocks]
        for note in footnotes.values():  # a note whose citation was not found stays reported
            result.dropped.append(Dropped(f"footnote {note.marker} (its citation was not found)",
                                          note.text))
    return result


def _pages(text: str) -> list[list[PageLine]]:
    """Lines by page: a form feed opening a line starts a page (as PDF extractors write
    them); one inside a line is a stray control character."""
    pages: list[list[PageLine]] = [[]]
    for number, raw in enumerate(text.split("\n"), 1):
        while raw.startswith("\f"):
            pages.append([])
            raw = raw[1:]
        pages[-1].append(PageLine(strip_illegal_xml(raw.replace("\ufeff", "")), len(pages) - 1,
                                  number))
    return pages


# ---------------------------------------------------------------- footnotes at page bottoms

def _take_footnotes(pages: list[list[PageLine]],
                    footnotes: dict[str, Footnote]) -> list[list[PageLine]]:
    """Footnotes printed at the foot of PDF pages ("1 Resolution 69/313, annex."), cited in
    the page's text by a number glued to a word ("Development,1"), move out of the text flow;
    the citation becomes a reference the builder attaches to its unit. A note whose citation
    is not on its page stays text."""
    expected = 1
    out: list[list[PageLine]] = []
    for page in pages:
        body = [ln for ln in page if ln.text.strip()]
        start = _footnote_start(body, expected)
        if start is None:
            out.append(page)
            continue
        notes: list[tuple[str, list[PageLine]]] = []
        following = expected
        for ln in body[start:]:
            m = re.match(rf"^({following})\s+\S", ln.text.strip().translate(_SUPERSCRIPTS))
            if m:
                notes.append((m.group(1), [ln]))
                following += 1
            elif notes:
                notes[-1][1].append(ln)
        lines = list(page)
        first_note = body[start].number
        taken: set[int] = set()
        for marker, note_lines in notes:
            key = f"n{marker}"
            if not _cite(lines, first_note, marker, key):
                break
            text = " ".join(ln.text for ln in note_lines).translate(_SUPERSCRIPTS)
            text = re.sub(rf"^\s*{marker}\s+", "", text)
            footnotes[key] = Footnote(marker, " ".join(text.split()))
            taken.update(ln.number for ln in note_lines)
            expected += 1
        out.append([ln for ln in lines if ln.number not in taken])
    return out


def _footnote_start(body: list[PageLine], expected: int) -> int | None:
    if len(body) < 3:
        return None
    lower = max(1, int(len(body) * 0.4))
    for i in range(lower, len(body)):
        text = body[i].text.strip().translate(_SUPERSCRIPTS)
        if re.match(rf"^{expected}\s+\S", text) and _cited(body[:i], str(expected)):
            return i
    return None


def _citation(marker: str) -> re.Pattern[str]:
    return re.compile(rf"(?<=[^\W\d_]|[)\].,;:’”\"'])({marker})(?!\d)")


def _cited(lines: list[PageLine], marker: str) -> bool:
    pattern = _citation(marker)
    return any(pattern.search(ln.text) for ln in lines)


def _cite(lines: list[PageLine], before: int, marker: str, key: str) -> bool:
    """Replace the first citation of `marker` above line `before` with a footnote reference."""
    pattern = _citation(marker)
    for index, ln in enumerate(lines):
        if ln.number >= before:
            return False
        m = pattern.search(ln.text)
        if m:
            text = ln.text[: m.start()] + footnote_ref(key) + ln.text[m.end():]
            lines[index] = replace(ln, text=text)
            return True
    return False


def _attach(block: Block, footnotes: dict[str, Footnote]) -> Block:
    if FOOTNOTE_OPEN not in block.text:
        return block
    notes = tuple(footnotes.pop(k) for k in footnote_keys(block.text) if k in footnotes)
    return replace(block, footnotes=block.footnotes + notes)


# ---------------------------------------------------------------- lines into blocks

def _blocks(lines: list[PageLine], markdown: bool, dropped: list[Dropped]) -> list[Block]:
    vocabulary = {w.lower() for ln in lines for w in _WORD.findall(ln.text)}
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
            if text.strip():
                blocks.append(Block(text=" ".join(text.split()), heading_level=heading_level,
                                    bold=bold, page=current[0].page, line=current[0].number,
                                    in_table=table_id >= 0, table_id=table_id))
            current.clear()
        heading_level = 0

    previous: PageLine | None = None
    for ln in lines:
        raw = md.unquote(ln.text) if markdown else ln.text
        stripped = raw.strip()
        if not stripped:
            flush()
            table_id = -1
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
                current.append(replace(ln, text=found[1]))
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
                current.append(replace(ln, text=md.table_row(raw)))
                flush()
                previous = None
                continue
            table_id = -1
        if current and _breaks(current[-1].text, raw, width, markdown):
            flush()
        current.append(replace(ln, text=raw))
        previous = ln
    flush()
    return blocks


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


def _breaks(previous: str, line: str, width: int, markdown: bool) -> bool:
    """Whether `line` starts a new paragraph after `previous` in the same run of lines."""
    stripped = line.strip()
    if opening_marker(stripped.lstrip("*_ ")) is not None:
        return True
    prev = previous.rstrip()
    if markdown:
        return prev.endswith("  ") or prev.endswith("\\")  # markdown's hard line break
    if width:
        # A line that fills the measure runs on; one that stops short ends its paragraph
        # (or is a heading), unless the next line plainly continues a sentence.
        return len(prev) < 0.75 * width and not stripped[:1].islower()
    return not (stripped[:1].islower() and not _TERMINAL.search(prev))


def _join(parts: list[str], vocabulary: set[str]) -> str:
    out = parts[0].rstrip()
    for part in parts[1:]:
        part = part.strip()
        m = _HYPHENATED.search(out)
        first = _WORD.match(part)
        if m and first and part[:1].islower():
            whole = (m.group(1) + first.group(0)).lower()
            # "develop-" + "ment" when "development" is in the text; "follow-" + "up" keeps it
            out = out[:-1] + part if whole in vocabulary else out + part
            continue
        out = f"{out} {part}"
    return out
