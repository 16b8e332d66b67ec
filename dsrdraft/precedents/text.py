"""Words of a clause for the agreed-language index: tokens with offsets, stems, shingle hashes.

A clause is cut into tokens (runs of letters and digits; every CJK ideograph is a token of its
own), each kept with its character offsets in the original text. Tokens are folded (lower
case, accents removed) and stemmed by a tiny suffix stemmer (-s, -es, -ies, -ed, -ing, -ly,
final -e), so "ordered" and "orderly" both become "order". Articles and the commonest function
words are left out of the *content* sequence that is shingled: a shingle is WORD_K content
words (CJK_K characters for Chinese) hashed to a signed 64-bit integer.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

#: Content words per shingle (Latin-script words) and characters per shingle (CJK).
WORD_K = 5
CJK_K = 4
#: A CJK character counts as this fraction of a word when a span's length is measured.
CJK_WORD_WEIGHT = 1 / 1.5

_CJK_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_TOKEN = re.compile(rf"([{_CJK_CLASS}])|[^\W_{_CJK_CLASS}]+")
_TOKEN_PAIRS = re.compile(rf"([{_CJK_CLASS}])|([^\W_{_CJK_CLASS}]+)")

#: Left out of shingles (still part of spans and of the similarity score).
STOP_WORDS = frozenset({
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "with", "and", "as", "that",
    "which", "its", "their", "be", "is", "are", "s", "t",
})


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lower case without accents."""
    word = word.casefold()
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A folded word without its commonest English inflection (a deliberately tiny stemmer)."""
    w = word
    if len(w) <= 3 or not w.isalpha() or not w.isascii():
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith(("sses", "ches", "shes", "xes", "zes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if w.endswith("ly") and len(w) > 5:
        w = w[:-2]
    elif w.endswith("ing") and len(w) > 5:
        w = _undouble(w[:-3])
    elif w.endswith("ied") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("ed") and len(w) > 4:
        w = _undouble(w[:-2])
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    return w


def _undouble(w: str) -> str:
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouls":
        return w[:-1]
    return w


@dataclass(frozen=True, slots=True)
class Tokens:
    """The tokens of one text, in parallel tuples, and its content (shingled) tokens."""

    text: str
    words: tuple[str, ...]   # folded, not stemmed (used for the similarity score)
    keys: tuple[str, ...]    # folded and stemmed (used for matching)
    starts: tuple[int, ...]  # character offsets in `text`
    ends: tuple[int, ...]
    cjk: tuple[bool, ...]
    content: tuple[int, ...]  # indices of the tokens that are shingled (not stop words)

    def __len__(self) -> int:
        return len(self.words)

    def content_index(self, token: int) -> int:
        """-1 for a stop word, else >= 0 (a cheap test; not the index into `content`)."""
        return -1 if not self.cjk[token] and self.words[token] in STOP_WORDS else token

    def weight(self, first: int, last: int) -> float:
        """Length in words of tokens first..last (inclusive); a CJK character is 2/3 word."""
        n_cjk = sum(self.cjk[first:last + 1])
        return (last + 1 - first - n_cjk) + n_cjk * CJK_WORD_WEIGHT

    def joined(self, first: int, last: int) -> str:
        """Normalised text of tokens first..last: words spaced, CJK characters run together."""
        out: list[str] = []
        previous_cjk = False
        for i in range(first, last + 1):
            if out and not (previous_cjk and self.cjk[i]):
                out.append(" ")
            out.append(self.words[i])
            previous_cjk = self.cjk[i]
        return "".join(out)


_KEYS: dict[str, tuple[str, str, bool]] = {}  # raw token -> (word, key, is content)


def _entry(raw: str) -> tuple[str, str, bool]:
    entry = _KEYS.get(raw)
    if entry is None:
        word = fold(raw)
        entry = (word, stem(word), word not in STOP_WORDS)
        if len(_KEYS) < 500_000:
            _KEYS[raw] = entry
    return entry


def tokenize(text: str) -> Tokens:
    words: list[str] = []
    keys: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    cjk: list[bool] = []
    content: list[int] = []
    get = _KEYS.get
    for n, match in enumerate(_TOKEN.finditer(text)):
        raw = match.group()
        start, end = match.span()
        if match.lastindex:  # a CJK character
            words.append(raw)
            keys.append(raw)
            cjk.append(True)
            content.append(n)
        else:
            word, key, is_content = get(raw) or _entry(raw)
            words.append(word)
            keys.append(key)
            cjk.append(False)
            if is_content:
                content.append(n)
        starts.append(start)
        ends.append(end)
    return Tokens(text, tuple(words), tuple(keys), tuple(starts), tuple(ends), tuple(cjk),
                  tuple(content))


_MASK = (1 << 64) - 1
_SIGN = 1 << 63
_P = 0x100000001B3  # the FNV-1a 64-bit prime, as a polynomial base
_KEY_HASHES: dict[str, int] = {}


def _key_hash(key: str) -> int:
    value = _KEY_HASHES.get(key)
    if value is None:
        digest = hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()
        value = int.from_bytes(digest, "little") | 1
        if len(_KEY_HASHES) < 500_000:
            _KEY_HASHES[key] = value
    return value


def _window_hashes(keys: list[str], flags: list[bool]) -> list[tuple[int, int, int]]:
    """(hash, position, size) of every shingle of a content-key sequence."""
    get = _KEY_HASHES.get
    values = [get(k) or _key_hash(k) for k in keys]
    m = len(values)
    out: list[tuple[int, int, int]] = []
    for pos in range(m):
        size = CJK_K if flags[pos] else WORD_K
        if pos + size > m:
            continue
        h = 0
        for v in values[pos:pos + size]:
            h = ((h ^ v) * _P) & _MASK
        out.append((h - (1 << 64) if h & _SIGN else h, pos, size))
    return out


def shingles(tokens: Tokens) -> list[tuple[int, int, int]]:
    """(hash, position, size) for every shingle; position and size count content tokens."""
    return _window_hashes([tokens.keys[i] for i in tokens.content],
                          [tokens.cjk[i] for i in tokens.content])


def index_shingles(text: str) -> list[tuple[int, int, int]]:
    """The shingles of `text` without building its Tokens (the fast path of the indexer)."""
    keys: list[str] = []
    flags: list[bool] = []
    get = _KEYS.get
    for cjk, raw in _TOKEN_PAIRS.findall(text):
        if cjk:
            keys.append(cjk)
            flags.append(True)
        else:
            _, key, is_content = get(raw) or _entry(raw)
            if is_content:
                keys.append(key)
                flags.append(False)
    return _window_hashes(keys, flags)


def similarity_text(text: str) -> str:
    """What similar clauses compare: the content keys (folded, stemmed, stop words out) spaced,
    or for a CJK text its characters and words spaced; without building its Tokens."""
    get = _KEYS.get
    pairs = _TOKEN_PAIRS.findall(text)
    if any(cjk for cjk, _ in pairs):  # characters as tokens, every word kept (as folded)
        return " ".join(cjk or (get(raw) or _entry(raw))[0] for cjk, raw in pairs)
    out = []
    for _, raw in pairs:
        _, key, is_content = get(raw) or _entry(raw)
        if is_content:
            out.append(key)
    return " ".join(out)


def shingle_size(tokens: Tokens, position: int) -> int:
    return CJK_K if tokens.cjk[tokens.content[position]] else WORD_K


def has_cjk_text(text: str) -> bool:
    """True when the text holds CJK ideographs (it is then matched by characters)."""
    return re.search(f"[{_CJK_CLASS}]", text) is not None
