"""Footnotes of plain text and markdown: the reference marks a block's text carries, and the
notes found in the lines (at a PDF page's foot under a rule or without one, marked by a number
or a symbol, markdown `[^n]` notes, superscripts) attached to the lines that cite them.

Kept apart from the reading of lines into blocks (`text_reader`), which calls the finders here
before it rejoins lines; the Word reader uses the same reference marks.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cache

from dsrdraft.lazyre import lazy_compile
from dsrdraft.model import Dropped, Footnote
from dsrdraft.parsing.blocks import Block
from dsrdraft.parsing.furniture import PageLine
from dsrdraft.parsing.markers import DIVISION_WORDS
from dsrdraft.parsing.numerals import CIRCLED_CHARS, circled_value

FOOTNOTE_OPEN = "\ue000"  # a footnote reference inside a block's text: \ue000key\ue001
FOOTNOTE_CLOSE = "\ue001"
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_NOTE_DIGITS = frozenset("0123456789⁰¹²³⁴⁵⁶⁷⁸⁹")

_REFERENCE = lazy_compile(f"{FOOTNOTE_OPEN}([^{FOOTNOTE_CLOSE}]*){FOOTNOTE_CLOSE}")


def footnote_ref(key: str) -> str:
    return f"{FOOTNOTE_OPEN}{key}{FOOTNOTE_CLOSE}"


def footnote_keys(text: str) -> list[str]:
    """The footnote reference keys in `text`, in order."""
    return _REFERENCE.findall(text)


def without_references(text: str) -> str:
    return _REFERENCE.sub("", text) if FOOTNOTE_OPEN in text else text


def take_footnotes(pages: list[list[PageLine]], footnotes: dict[str, Footnote],
                    after_rule: set[int], dropped: list[Dropped],
                    markdown: bool = False) -> list[list[PageLine]]:
    """Footnotes printed at the foot of PDF pages ("1 Resolution 69/313, annex.", or the
    number alone on its line over the note's text), cited in the page's text by a number
    glued to a word ("Development,1"), move out of the text flow; the citation becomes a
    reference the builder attaches to its unit. A note whose citation is not on its page
    stays text. Notes marked with a symbol ("Note:* For reference …") follow."""
    expected = 1
    out: list[list[PageLine]] = []
    for page in pages:
        body = [ln for ln in page if ln.text.strip()]
        start = _footnote_start(body, expected, after_rule)
        if start is None:
            out.append(page if markdown else _take_symbol_notes(page, footnotes, dropped,
                                                                after_rule, body))
            continue
        ruled = body[start].number in after_rule
        notes: list[tuple[str, list[PageLine]]] = []
        following = expected
        for i, ln in enumerate(body[start:], start):
            m = _note_opening(body, i, following)
            if m:
                notes.append((m, [ln]))
                following += 1
            elif notes:
                notes[-1][1].append(ln)
        lines = list(page)
        first_note = body[start].number
        # a note standing as a short block at the page's foot may be cited by its number
        # set apart by spaces in Chinese text ("受保護成果 1 依據"), as PDF extraction writes
        # a superscript there
        at_foot = _at_foot(body, start)
        taken: set[int] = set()
        cited_at = 0
        for marker, note_lines in notes:
            key = f"n{marker}"
            cited = _cite(lines, first_note, marker, key, cited_at)
            if cited is None and at_foot:
                cited = _cite_spaced_cjk(lines, first_note, marker, key, cited_at)
            if cited is None and ruled:
                # Below a footnote rule the note is a note even when its citation was not
                # recognised: it goes with the text just above the rule.
                cited = _cite_at_end(lines, first_note, key)
            if cited is None:
                break
            lines, cited_at = cited
            text = " ".join(ln.text for ln in note_lines).translate(_SUPERSCRIPTS)
            text = re.sub(rf"^\s*{marker}\s*", "", text)
            footnotes[key] = Footnote(marker, " ".join(text.split()))
            taken.update(ln.number for ln in note_lines)
            expected += 1
        lines = [ln for ln in lines if ln.number not in taken]
        out.append(lines if markdown else _take_symbol_notes(lines, footnotes, dropped,
                                                             after_rule))
    return out


# Chinese words a number counts or orders ("第 1 類", "附表 6", "1 年", "48 小時"): a number
# next to one is text, never a note's citation.
_CJK_BEFORE_COUNT = frozenset("第表件錄录圖图號号至到及或和與与約约共逾達达近每")
_CJK_COUNTED = frozenset("年月日時时分秒天週周歲岁個个名位宗次項项條条款段節节章編编"
                         "部類类號号頁页份件人倍元米萬万億亿千百十小多餘余至到及或和與与、")
_CJK_CHAR = "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"


def _note_opening(body: list[PageLine], i: int, marker: int) -> str | None:
    """The note number `marker` (as a string) when line `i` of a page's text opens that
    note: followed by its text ("1 A/54/298."), glued to Chinese text ("1根據…"), or alone
    on its line over the text, in a short block at the page's foot ("1" / "根據…"); else
    None."""
    text = body[i].text.strip().translate(_SUPERSCRIPTS)
    opening, same = _openings(marker)
    m = opening.match(text)
    if m is None:
        return None
    if text == m.group(1):
        # alone on its line: a note only with its text after it, at the page's foot (and
        # not a page number standing over the note it prints as "1 …")
        if i + 1 >= len(body) or not _at_foot(body, i) or same.match(
                body[i + 1].text.strip().translate(_SUPERSCRIPTS)):
            return None
    elif not text[len(m.group(1)):][:1].isspace() and not _at_foot(body, i):
        return None  # "1根據…" glued: only in a note block at the page's foot
    return m.group(1)


@cache
def _openings(marker: int) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """How note `marker` opens (with its text, glued to Chinese, or alone), and a line
    opening with that number."""
    return (re.compile(rf"^({marker})(?:\s+\S|$|(?={_CJK_CHAR}))"),
            re.compile(rf"^{marker}(?!\d)"))


def _at_foot(body: list[PageLine], i: int) -> bool:
    """Whether the page's text from its line `i` down is a short block at the page's foot."""
    return len(body) - i <= _foot_lines(body)


def _foot_lines(body: list[PageLine]) -> int:
    """How many lines of a page's text its foot holds: a third of the page, and never more
    than a printed page's notes take (a "page" of a text without form feeds is the text)."""
    return max(4, min(len(body) // 3, 40))


def note_numbers(pages: list[list[PageLine]], furniture: set[int]) -> dict[int, int]:
    """Furniture lines that may be a footnote's number alone on its line (line number ->
    page index): a bare number at the page's foot with text after it on the page, cited in
    the text above it."""
    out: dict[int, int] = {}
    marks = sorted(furniture)
    for n, page in enumerate(pages):
        if not page:
            continue
        # a page's lines are numbered one after the other here: its furniture is found by
        # number, and the line numbered k is page[k - first]
        first = page[0].number
        if page[-1].number - first == len(page) - 1:
            lo, hi = bisect_left(marks, first), bisect_right(marks, page[-1].number)
            if not any(_BARE_NUMBER.match(page[k - first].text) and any(
                    ln.text.strip() and ln.number not in furniture
                    for ln in page[k - first + 1:]) for k in marks[lo:hi]):
                continue  # no bare number with text under it: most pages
        body = [ln for ln in page if ln.text.strip() and (
            ln.number not in furniture or _BARE_NUMBER.match(ln.text))]
        for i, ln in enumerate(body):
            if ln.number not in furniture or i + 1 >= len(body) or not _at_foot(body, i) \
                    or body[i + 1].number in furniture:
                continue
            marker = ln.text.strip()
            above = [x for x in body[:i] if x.number not in furniture]
            if _cited(above, marker) or _spaced_cjk_citations(above, marker, 0, len(above)):
                out[ln.number] = n
    return out


_BARE_NUMBER = lazy_compile(r"^\s*\d{1,3}\s*$")


def drop_spared(pages: list[list[PageLine]], spared: dict[int, int],
                 dropped: list[Dropped]) -> list[list[PageLine]]:
    """A number spared as a possible note number and not read as one: the page number it
    looked like. Only the pages that held one are gone through."""
    out = list(pages)
    for n in sorted(set(spared.values())):
        if n >= len(out) or not any(ln.number in spared for ln in out[n]):
            continue
        kept: list[PageLine] = []
        for ln in out[n]:
            if ln.number in spared:
                dropped.append(Dropped("page furniture (running head, footer or page number)",
                                       " ".join(ln.text.split())))
            else:
                kept.append(ln)
        out[n] = kept
    return out


def _spaced_cjk_citations(lines: list[PageLine], marker: str, start: int, stop: int
                          ) -> list[tuple[int, re.Match[str]]]:
    """Where `marker` stands set apart by spaces between Chinese characters, not counting
    or ordering anything (lines[start:stop])."""
    pattern = re.compile(rf"(?<={_CJK_CHAR} )({marker})(?= {_CJK_CHAR})")
    found: list[tuple[int, re.Match[str]]] = []
    for index in range(start, stop):
        text = lines[index].text
        if marker not in text:
            continue
        for m in pattern.finditer(text):
            if text[m.start() - 2] in _CJK_BEFORE_COUNT or text[m.end() + 1] in _CJK_COUNTED:
                continue
            found.append((index, m))
    return found


def _cite_spaced_cjk(lines: list[PageLine], before: int, marker: str, key: str,
                     start: int = 0) -> tuple[list[PageLine], int] | None:
    """As `_cite`, for a note number set apart by spaces in Chinese text: only where it is
    the one such number above the note (pdftotext sets every number apart there)."""
    stop = next((i for i, ln in enumerate(lines) if ln.number >= before), len(lines))
    found = _spaced_cjk_citations(lines, marker, start, stop)
    if len(found) != 1:
        return None
    index, m = found[0]
    return _referenced(lines, index, m, key), index


# A note marked with a symbol, opening a paragraph at a page's foot ("* For reference …",
# "Note:* …", "注：* …"); the word before the symbol labels the note.
_SYMBOL_NOTE = lazy_compile(r"^\s*(?P<label>(?:Notes?|Nota|Remarque|注|註|附注|附註)\s*[:：]?\s*)?"
                            r"(?P<mark>\*{1,3}|†{1,2}|‡|§)\s*(?=\S)")
_NO_SYMBOL = lazy_compile(r"^[^*†‡§]*$")


def _take_symbol_notes(page: list[PageLine], footnotes: dict[str, Footnote],
                       dropped: list[Dropped], after_rule: set[int],
                       body: list[PageLine] | None = None) -> list[PageLine]:
    """Notes marked with a symbol ("*", "†") in a short block at the page's foot, each cited
    by its symbol after a word or a closing quote above it ("…安全法》” *", "States*"): a
    note of the line citing it. Only when the citing symbol is found; else they stay text.
    `body` is the page's lines of text, when the caller has them."""
    if body is None:
        body = [ln for ln in page if ln.text.strip()]
    if len(body) < 2:
        return page
    openers: list[tuple[int, re.Match[str]]] = []
    foot = len(body) - _foot_lines(body)  # the first line at the foot
    for i in range(len(body) - 1, max(0, foot - 1), -1):
        ln = body[i]
        if _NO_SYMBOL.match(ln.text):
            continue  # most lines: no symbol anywhere
        m = _SYMBOL_NOTE.match(ln.text)
        # a note opens a paragraph: a blank line or a rule stands above it
        if m is None:
            continue
        at = page.index(ln)
        if at == 0 or not page[at - 1].text.strip() or ln.number in after_rule:
            openers.append((i, m))
    if not openers:
        return page
    openers.reverse()
    marks = [m.group("mark") for _, m in openers]
    lead_in = body[openers[0][0] - 1].text.rstrip()
    if len(set(marks)) < len(marks) or lead_in.endswith((":", "：")):
        return page  # "* …" lines under a lead-in, or twice the same symbol: a bulleted list
    lines = list(page)
    first = body[openers[0][0]].number
    taken: set[int] = set()
    for n, (i, m) in enumerate(openers):
        stop = openers[n + 1][0] if n + 1 < len(openers) else len(body)
        mark, key = m.group("mark"), f"s{body[i].number}"
        note_lines = body[i:stop]
        text = " ".join([note_lines[0].text[m.end():], *(x.text for x in note_lines[1:])])
        if not any(ch.isalpha() for ch in text):
            continue  # "* * *": a break between sections, no note
        cited = _cite_symbol(lines, first, mark, key)
        if cited is None:
            continue
        lines = cited
        footnotes[key] = Footnote(mark, " ".join(text.split()))
        if m.group("label"):
            dropped.append(Dropped(f"the label of footnote {mark}", m.group("label").strip()))
        taken.update(x.number for x in note_lines)
    return [ln for ln in lines if ln.number not in taken] if taken else page


def _cite_symbol(lines: list[PageLine], before: int, mark: str, key: str
                 ) -> list[PageLine] | None:
    """`lines` with the first citation of the note symbol `mark` above line `before` (glued
    to a word or a closing mark, or one space after a closing quote or bracket) replaced by
    a reference; None when there is none."""
    sym = re.escape(mark)
    closing = "[)\\]’”\"'》」』]"
    pattern = re.compile(rf"(?:(?<=[^\W_])|(?<=[)\].,;:’”\"'》」』])|(?<={closing} ))"
                         rf"(?<![*†‡§]){sym}(?![\w*†‡§])")
    cited = _cite_first(lines, before, pattern, key, needle=mark[0])
    return None if cited is None else cited[0]


def take_footnote_paragraphs(lines: list[PageLine],
                              footnotes: dict[str, Footnote]) -> list[PageLine]:
    """Footnotes of a text whose pages are lost (a PDF extracted without form feeds): a
    paragraph that opens with the next footnote number and a space ("1 A/54/298."), whose
    number is cited glued to a word since the last note ("…expenditures,1"), is that note."""
    expected = 1
    out = list(lines)
    taken: set[int] = set()
    searched_from = 0  # index in `out` from which the next citation is looked for
    i = 0
    while i < len(out):
        ln = out[i]
        starts_para = i == 0 or not out[i - 1].text.strip()
        text = ln.text.strip().translate(_SUPERSCRIPTS)
        if not (starts_para and re.match(rf"^{expected}\s+\S", text)):
            i += 1
            continue
        end = i
        while end < len(out) and out[end].text.strip():
            end += 1
        cited = _cite(out, out[i].number, str(expected), f"n{expected}", searched_from)
        if cited is None:
            i += 1
            continue
        out, searched_from = cited  # the next note is cited after this one
        note = " ".join(x.text for x in out[i:end]).translate(_SUPERSCRIPTS)
        note = re.sub(rf"^\s*{expected}\s+", "", note)
        footnotes[f"n{expected}"] = Footnote(str(expected), " ".join(note.split()))
        taken.update(x.number for x in out[i:end])
        expected += 1
        i = end
    return [ln for ln in out if ln.number not in taken]


# "<sup>1</sup>", and as converters write a bracketed note number, "<sup>\\[1\\]</sup>"
_SUP = lazy_compile(r"<sup>\s*(?:\\?\[)?\s*(\d{1,3})\s*(?:\\?\])?\s*</sup>", re.IGNORECASE)
_SUP_NOTE = lazy_compile(r"^\s{0,3}<sup>\s*(?:\\?\[)?\s*(\d{1,3})\s*(?:\\?\])?\s*</sup>\s*(.*)$",
                         re.IGNORECASE)
_SHORT_RULE = lazy_compile(r"^\s*[—–\-_]{2,}\s*$")


def superscript_notes(lines: list[PageLine], dropped: list[Dropped]) -> list[PageLine]:
    """Footnotes of texts converted from HTML: a paragraph opening with a superscript number
    ("<sup>1 </sup>Noting that …") is that note's text, any other superscript number cites
    it; both are rewritten as markdown footnotes ("[^1]: Noting …", "[^1]"). A short rule
    ("—–") standing right above a note is its separator line."""
    if not any("<sup" in ln.text.lower() for ln in lines):
        return lines
    out: list[PageLine] = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        m = _SUP_NOTE.match(ln.text)
        opens = not out or not out[-1].text.strip() or _SHORT_RULE.match(out[-1].text)
        if m and opens:
            if out and _SHORT_RULE.match(out[-1].text):
                dropped.append(Dropped("a rule drawn with characters (layout, not text)",
                                       out.pop().text.strip()))
            parts = [m.group(2)]
            while i + 1 < len(lines) and lines[i + 1].text.strip():
                i += 1
                parts.append(lines[i].text.strip())
            out.append(ln._replace(text=f"[^{m.group(1)}]: {' '.join(parts)}"))
            dropped.append(Dropped("markup (HTML tags)", "<sup> </sup>"))
        elif "<sup" in ln.text.lower():
            text, count = _SUP.subn(lambda x: f"[^{x.group(1)}]", ln.text)
            dropped.extend(Dropped("markup (HTML tags)", "<sup> </sup>") for _ in range(count))
            out.append(ln._replace(text=text))
        else:
            out.append(ln)
        i += 1
    return out


_MD_NOTE = lazy_compile(r"^\s{0,3}\[\^([^\]\s]+)\]:\s?(.*)$")
_MD_REF = lazy_compile(r"\[\^([^\]\s]+)\]")


def markdown_footnotes(lines: list[PageLine], footnotes: dict[str, Footnote]
                        ) -> list[PageLine]:
    """Markdown footnotes: "[^4]: A/50/377." definitions (with their indented continuation
    lines) leave the text; "[^4]" references become references; notes never referenced that
    way are looked for as numbers glued to a word ("…issues,8"), in order."""
    notes: dict[str, list[str]] = {}
    kept: list[PageLine] = []
    current: str | None = None
    for ln in lines:
        m = _MD_NOTE.match(ln.text)
        if m:
            current = m.group(1)
            notes[current] = [m.group(2)]
            continue
        if current is not None and ln.text.startswith(("    ", "\t")) and ln.text.strip():
            notes[current].append(ln.text.strip())
            continue
        if ln.text.strip():
            current = None
        kept.append(ln)
    if not notes:
        return lines
    referenced: set[str] = set()

    def ref(match: re.Match[str]) -> str:
        key = match.group(1)
        if key not in notes:
            return match.group(0)
        referenced.add(key)
        return footnote_ref(f"md{key}")

    kept = [ln._replace(text=_MD_REF.sub(ref, ln.text)) if "[^" in ln.text else ln
            for ln in kept]
    start = 0
    for key, parts in notes.items():
        footnotes[f"md{key}"] = Footnote(key, " ".join(" ".join(parts).split()))
        if key in referenced or not key.isdigit():
            continue
        cited = _cite(kept, 1 << 62, key, f"md{key}", start)
        if cited is not None:
            kept, start = cited
    where = {k: i for i, ln in enumerate(kept) if FOOTNOTE_OPEN in ln.text
             for k in footnote_keys(ln.text)}  # the line citing each note
    for key in notes:
        if key.isdigit() and f"md{key}" not in where:
            kept = _cite_between_neighbours(kept, key, "md", where)
    return kept


# A note number set apart by single spaces after a capitalised word and before a lowercase
# one ("the Rights of the Child 7 and its protocols"), as PDF extraction leaves a superscript.
_SPACED_NOTE = lazy_compile(r"\b([A-Z][^\W\d_]+) (\d{1,3})(?= [^\W\d_A-Z])")
# Words that take a number in running text ("Article 7 and", "Goal 7 and"): no citations.
_COUNTED = frozenset(DIVISION_WORDS) | {
    "paragraph", "paragraphs", "para", "goal", "goals", "target", "resolution", "decision",
    "no", "nos", "vol", "vols", "volume", "page", "pages", "rule", "principle", "item",
    "protocol", "recommendation", "phase", "step", "level", "figure", "table", "box", "point",
    "group", "round", "session", "meeting", "week", "day", "year", "class", "category"}


def _cite_between_neighbours(lines: list[PageLine], key: str, prefix: str,
                             where: dict[str, int]) -> list[PageLine]:
    """Note `key` cited by its number set apart by spaces ("…the Child 7 and …"), a form
    "Article 7 and" shares: read as the citation only where the notes before and after it
    are cited and it is the one such number between their citations (notes run in order).
    `where` gives the line citing each note, and learns this one's."""
    from dsrdraft.parsing.front import DATE  # front reads this module's references

    n = int(key)
    open_at, close_at = where.get(f"{prefix}{n - 1}"), where.get(f"{prefix}{n + 1}")
    if open_at is None or close_at is None or close_at < open_at:
        return lines
    before, after = footnote_ref(f"{prefix}{n - 1}"), footnote_ref(f"{prefix}{n + 1}")
    found: list[tuple[int, re.Match[str]]] = []
    for i in range(open_at, close_at + 1):
        text = lines[i].text
        lo = text.index(before) + len(before) if i == open_at else 0
        hi = text.index(after) if i == close_at else len(text)
        for m in _SPACED_NOTE.finditer(text, lo, hi):
            if m.group(2) != key or m.group(1).lower() in _COUNTED or any(
                    d.start() <= m.start(2) < d.end() for d in DATE.finditer(text)):
                continue
            found.append((i, m))
    if len(found) != 1:
        return lines
    i, m = found[0]
    out = list(lines)
    text = lines[i].text
    out[i] = lines[i]._replace(text=text[: m.start(2)] + footnote_ref(f"{prefix}{key}")
                               + text[m.end(2):])
    where[f"{prefix}{key}"] = i
    return out


def _footnote_start(body: list[PageLine], expected: int, after_rule: set[int]) -> int | None:
    if len(body) < 2:
        return None
    lower = max(1, int(len(body) * 0.4))
    marker = str(expected)
    for i in range(1, len(body)):
        first = body[i].text[:1]
        if first not in _NOTE_DIGITS and not first.isspace():
            continue  # most lines: no note number to read
        text = body[i].text.lstrip()
        if text[:1] not in _NOTE_DIGITS or _note_opening(body, i, expected) is None:
            continue
        if body[i].number in after_rule or (i >= lower and (_cited(body[:i], marker) or (
                _at_foot(body, i) and len(_spaced_cjk_citations(body, marker, 0, i)) == 1))):
            return i
    return None


def _cite_at_end(lines: list[PageLine], before: int, key: str
                 ) -> tuple[list[PageLine], int] | None:
    """A reference to `key` at the end of the last line of text above line `before`."""
    for index in range(len(lines) - 1, -1, -1):
        ln = lines[index]
        if ln.number < before and ln.text.strip():
            out = list(lines)
            out[index] = ln._replace(text=ln.text.rstrip() + footnote_ref(key))
            return out, index
    return None


def _citation(marker: str) -> re.Pattern[str]:
    """A footnote number glued to the word or punctuation before it ("Development,1"), or
    set apart as PDF extractors write superscripts ("Outcome, 1  sports"), or run on from a
    year ("of 25 November 20242"), where UN texts often cite their sources."""
    # (never after a lone letter: "E1.", "B2" are labels and names)
    return re.compile(rf"(?<=[^\W\d_]|[)\].,;:’”\"'])(?<![\s(][A-Za-z])(?<!^[A-Za-z])"
                      rf"({marker})(?![\d/]|[.,]\d)"
                      rf"|(?<=[\w)\]’”][,.;:]\s)({marker})(?=\s|$)"
                      rf"|(?<=\w\s)({marker})(?=\s\s)"
                      # after a date's year: "report of 25 November 20242 and …"
                      rf"|(?<=(?<!\d)(?:19|20)\d\d)({marker})(?![\d/]|[.,]\d)")


def _cited(lines: list[PageLine], marker: str) -> bool:
    pattern = _citation(marker)
    return any(pattern.search(ln.text) for ln in lines)


def _cite(lines: list[PageLine], before: int, marker: str, key: str,
          start: int = 0) -> tuple[list[PageLine], int] | None:
    """`lines` with the first citation of `marker` (from index `start`, above line `before`)
    replaced by a footnote reference, and the index of its line; None when there is none."""
    return _cite_first(lines, before, _citation(marker), key, start)


def _cite_first(lines: list[PageLine], before: int, pattern: re.Pattern[str], key: str,
                start: int = 0, needle: str = "") -> tuple[list[PageLine], int] | None:
    """`lines` with the first match of `pattern` (from index `start`, above line `before`;
    only in lines holding `needle`) replaced by a reference to `key`, and its line's index."""
    for index in range(start, len(lines)):
        ln = lines[index]
        if ln.number >= before:
            return None
        if needle not in ln.text:
            continue
        m = pattern.search(ln.text)
        if m:
            return _referenced(lines, index, m, key), index
    return None


def _referenced(lines: list[PageLine], index: int, m: re.Match[str], key: str
                ) -> list[PageLine]:
    """A copy of `lines` with the match `m` in line `index` replaced by a reference to `key`."""
    out = list(lines)
    text = lines[index].text
    out[index] = lines[index]._replace(text=text[: m.start()] + footnote_ref(key)
                                       + text[m.end():])
    return out


def lone_circled_notes(blocks: list[Block]) -> list[Block]:
    """"① 刑法…的施行日期…" standing alone after a paragraph, with no ② after it and no lead-in
    before it, is an editor's note on that paragraph (Chinese law texts print their notes so,
    often without the ① in the text): a footnote of the block before it."""
    out: list[Block] = []
    for i, block in enumerate(blocks):
        first = block.text[:1]
        value = circled_value(first) if first in CIRCLED_CHARS else None
        if value == 1 and out:
            nxt = blocks[i + 1].text[:1] if i + 1 < len(blocks) else ""
            prev = out[-1].text.rstrip()
            if circled_value(nxt) != 2 and not prev.endswith((":", "：")) and (
                    circled_value(prev[:1]) is None):
                note = Footnote(first, block.text[1:].strip())
                out[-1] = out[-1]._replace(footnotes=(*out[-1].footnotes, note))
                continue
        out.append(block)
    return out


def attach_footnotes(block: Block, footnotes: dict[str, Footnote]) -> Block:
    if FOOTNOTE_OPEN not in block.text:
        return block
    notes = tuple(footnotes.pop(k) for k in footnote_keys(block.text) if k in footnotes)
    return block._replace(footnotes=block.footnotes + notes)


# ---------------------------------------------------------------- lines into blocks
