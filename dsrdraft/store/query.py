"""Turning what the user typed into safe FTS5 queries, and highlighting matches in Python.

Free words are never passed to FTS5 as syntax: each word becomes a quoted phrase (a trailing
`*` makes it a prefix), and the phrases are ANDed. Runs of CJK characters are separated from
alphabetic words: CJK runs of three or more characters go to the trigram index, shorter ones
are matched with LIKE (the trigram tokenizer cannot match fewer than three characters).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Matches ranked at most per query, on every backend: a query matching more clauses is ranked
#: over the most recently imported RANK_WINDOW of them, so its cost stops growing with the
#: library (ranking costs some 5 to 10 µs a match: on SQLite each one's text is read and its
#: words stemmed, search_sqlite.word_group; 2,000 before that, when FTS5's bm25 ranked).
RANK_WINDOW = 500


def window_full(found: int) -> bool:
    """Whether `found` hits of one query fill its ranking window, so more clauses may match
    than were ranked: the GUI and the CLI say so rather than pass them for every match."""
    return found >= RANK_WINDOW

#: Markers around matched text in snippets. Square brackets mean unagreed text in negotiated
#: documents, so guillemets are used instead.
MARK_OPEN = "«"
MARK_CLOSE = "»"
ELLIPSIS = "…"

_CJK = ("\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3040-\u30ff\u3100-\u312f\u3131-\u318e"
        "\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f")
_CJK_RUN = re.compile(f"[{_CJK}]+")
_TOKEN = re.compile(rf"[{_CJK}]+|[^\s{_CJK}]+")
_WORD_CHAR = re.compile(r"\w")


def has_cjk(text: str) -> bool:
    return _CJK_RUN.search(text) is not None


def cjk_runs(text: str) -> list[str]:
    """The runs of CJK characters in `text`, in order."""
    return _CJK_RUN.findall(text)


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """Terms of a user query, by where they are looked up."""

    words: tuple[str, ...] = ()       # alphabetic words (or phrases); may end with "*"
    cjk_long: tuple[str, ...] = ()    # CJK runs of >= 3 characters: trigram index
    cjk_short: tuple[str, ...] = ()   # CJK runs of 1-2 characters: LIKE over CJK rows

    @property
    def empty(self) -> bool:
        return not (self.words or self.cjk_long or self.cjk_short)

    @property
    def cjk(self) -> tuple[str, ...]:
        return self.cjk_long + self.cjk_short

    def plain_terms(self) -> tuple[str, ...]:
        """Every term as literal text (prefix stars removed), for substring matching."""
        return tuple(w.rstrip("*") for w in self.words) + self.cjk


_PHRASE = re.compile(r'"([^"]*)"')


def parse_query(query: str) -> ParsedQuery:
    """Words (`digit*` a prefix, `"digital divide"` a phrase of adjacent words), and CJK runs
    by length."""
    words: list[str] = []
    long: list[str] = []
    short: list[str] = []
    query = query or ""
    for quoted in _PHRASE.findall(query):
        inner = parse_query(quoted.replace("*", " "))
        phrase = " ".join(inner.words)
        if phrase and phrase not in words:
            words.append(phrase)
        long += [t for t in inner.cjk_long if t not in long]
        short += [t for t in inner.cjk_short if t not in short]
    for token in _TOKEN.findall(_PHRASE.sub(" ", query)):
        if _CJK_RUN.fullmatch(token):
            target = long if len(token) >= 3 else short
            if token not in target:
                target.append(token)
            continue
        prefix = token.endswith("*")
        core = token.rstrip("*")
        # Strip quotes and brackets around a word; words without a letter or digit are dropped.
        core = core.strip("\"'()[]{}«»“”‘’,;:!?.")
        if not _WORD_CHAR.search(core):
            continue
        word = core + ("*" if prefix else "")
        if word not in words:
            words.append(word)
    return ParsedQuery(tuple(words), tuple(long), tuple(short))


def fts_phrase(term: str) -> str:
    """One quoted FTS5 phrase; `term*` becomes a prefix phrase."""
    prefix = term.endswith("*")
    core = term.rstrip("*").replace('"', '""')
    return f'"{core}"' + ("*" if prefix else "")


def fts_and(terms: tuple[str, ...]) -> str:
    return " AND ".join(fts_phrase(t) for t in terms)


def like_pattern(term: str) -> str:
    """A LIKE pattern matching `term` anywhere (with `\\` as the escape character)."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def count_occurrences(text: str, terms: tuple[str, ...]) -> int:
    lowered = text.casefold()
    return sum(lowered.count(t.casefold()) for t in terms if t)


def highlight(text: str, terms: tuple[str, ...]) -> str:
    """Wrap case-insensitive occurrences of `terms` in «», leaving marked spans alone."""
    terms = tuple(t for t in terms if t)
    if not terms:
        return text
    alternation = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    pattern = re.compile(f"({re.escape(MARK_OPEN)}[^{MARK_CLOSE}]*{MARK_CLOSE})|({alternation})",
                         re.IGNORECASE)

    def mark(m: re.Match[str]) -> str:
        return m.group(1) or f"{MARK_OPEN}{m.group(2)}{MARK_CLOSE}"

    return pattern.sub(mark, text)


def make_snippet(text: str, terms: tuple[str, ...], width: int = 120) -> str:
    """A window of about `width` characters around the first match, matches highlighted."""
    lowered = text.casefold()
    positions = [p for p in (lowered.find(t.casefold()) for t in terms if t) if p >= 0]
    if len(text) <= width or not positions:
        window = text[:width]
        suffix = ELLIPSIS if len(text) > width else ""
        return highlight(window, terms) + suffix
    first = min(positions)
    start = max(0, first - width // 3)
    end = min(len(text), start + width)
    start = max(0, end - width)
    if start > 0:  # begin on a word boundary for alphabetic text
        space = text.find(" ", start, first)
        if space != -1:
            start = space + 1
    window = text[start:end]
    return ((ELLIPSIS if start > 0 else "") + highlight(window, terms)
            + (ELLIPSIS if end < len(text) else ""))


_WORD = re.compile(rf"[^\W_{_CJK}]+")


def stemmed_snippet(text: str, parsed: ParsedQuery, width: int = 120) -> str:
    """A snippet like FTS5's where the index stems words (PostgreSQL): words of `text` whose
    stem is a query word's stem ("divides" for "divide"), or that start with a prefix term,
    are marked, and CJK terms as substrings."""
    from dsrdraft.precedents.text import fold, stem  # the index's own folding and stemmer

    tokens = [(m.start(), m.end(), fold(m.group())) for m in _WORD.finditer(text)]
    keys = [stem(word) for _, _, word in tokens]
    spans: list[tuple[int, int]] = []
    for term in parsed.words:  # a word or a phrase: marked whole, as FTS5 marks a phrase
        prefix = term.endswith("*")
        wanted = [fold(w) for w in term.rstrip("*").split()]
        n = len(wanted)
        for i in range(len(tokens) - n + 1):
            if all(keys[i + j] == stem(w) for j, w in enumerate(wanted[:-1])) and (
                    tokens[i + n - 1][2].startswith(wanted[-1]) if prefix
                    else keys[i + n - 1] == stem(wanted[-1])):
                spans.append((tokens[i][0], tokens[i + n - 1][1]))
    lowered = text.casefold()
    for term in parsed.cjk:
        at = lowered.find(term.casefold())
        while at >= 0:
            spans.append((at, at + len(term)))
            at = lowered.find(term.casefold(), at + len(term))
    return span_snippet(text, spans, width)


def span_snippet(text: str, spans: list[tuple[int, int]], width: int = 120) -> str:
    """A window of about `width` characters of `text` from the first of `spans` (character
    offsets of matches), each span inside it marked with « »."""
    spans = sorted(spans)
    if not spans:
        return make_snippet(text, ())
    start, end = 0, len(text)
    if len(text) > width:
        start = max(0, spans[0][0] - width // 3)
        end = min(len(text), start + width)
        start = max(0, end - width)
        if start > 0:  # begin on a word boundary for alphabetic text
            space = text.find(" ", start, spans[0][0])
            if space != -1:
                start = space + 1
        space = text.find(" ", end, end + 20)  # and end on one: no word cut in half
        end = space if space != -1 else end
    out: list[str] = [ELLIPSIS] if start > 0 else []
    at = start
    for first, last in spans:
        if first < at or last > end:
            continue
        out += [text[at:first], MARK_OPEN, text[first:last], MARK_CLOSE]
        at = last
    out.append(text[at:end])
    if end < len(text):
        out.append(ELLIPSIS)
    return "".join(out)
