"""Words of a clause for the agreed-language index: tokens with offsets, stems, shingle keys.

A clause is cut into tokens (runs of letters and digits; every CJK ideograph is a token of its
own), each kept with its character offsets in the original text. Tokens are folded (lower
case, accents removed) and stemmed by a tiny suffix stemmer (-s, -es, -ies, -ed, -ing, -ly,
final -e), so "ordered" and "orderly" both become "order". Articles and the commonest function
words are left out of the *content* sequence that is shingled: a shingle is WORD_K content
words (CJK_K characters for Chinese), its key the words joined by "_" (one term of the SQLite
index; PostgreSQL's stores its 64-bit hash, `key_hash`). Each content token also has a code,
one character standing for its key, so that a text's shingles are substrings of its codes.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, compress, count, islice
from operator import add

#: Content words per shingle (Latin-script words) and characters per shingle (CJK).
WORD_K = 5
CJK_K = 4
#: A CJK character counts as this fraction of a word when a span's length is measured.
CJK_WORD_WEIGHT = 1 / 1.5

_CJK_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"

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
    # `text` split: [gap, token, gap, ..., gap]; or, when `at_each` is set, at every separator
    # character (`_ascii_pieces`: the tokens, with an empty string for each separator after
    # the first between two tokens).
    parts: list[str] = field(compare=False)
    cjk: tuple[bool, ...]
    content: tuple[int, ...]  # indices of the tokens that are shingled (not stop words)
    # Character offsets in `text` of every token, made on first use: a library clause read
    # back for verifying needs the offsets of a passage's two ends only (`start`, `end`).
    _starts: tuple[int, ...] | None = field(default=None, compare=False, repr=False)
    _ends: tuple[int, ...] | None = field(default=None, compare=False, repr=False)
    at_each: bool = field(default=False, compare=False, repr=False)
    # A character per content token, standing for its key (`shingle_code`), in order.
    codes: str = field(default="", compare=False, repr=False)

    def __len__(self) -> int:
        return len(self.words)

    @property
    def starts(self) -> tuple[int, ...]:
        """Each token's first character offset in `text`."""
        return self._starts if self._starts is not None else self._offsets()[0]

    @property
    def ends(self) -> tuple[int, ...]:
        """Each token's end (exclusive) character offset in `text`."""
        return self._ends if self._ends is not None else self._offsets()[1]

    def _offsets(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        if self.at_each:  # piece j starts after the j pieces and j separators before it
            lengths = list(map(len, self.parts))
            at = map(add, accumulate(lengths, initial=0), range(len(lengths)))
            starts = tuple(compress(at, self.parts))  # the non-empty pieces: the tokens
            ends = tuple(map(add, starts, filter(None, lengths)))
        else:
            bounds = list(accumulate(map(len, self.parts)))  # token i: bounds[2i]..[2i+1]
            starts, ends = tuple(bounds[0:-1:2]), tuple(bounds[1::2])
        object.__setattr__(self, "_starts", starts)  # a cache: the tokens do not change
        object.__setattr__(self, "_ends", ends)
        return starts, ends

    def start(self, token: int) -> int:
        """starts[token], without making every offset when they are not made yet."""
        if self._starts is not None:
            return self._starts[token]
        if self.at_each:  # the token's piece, after as many pieces and one separator each
            piece = self._piece(token)
            return sum(map(len, self.parts[:piece])) + piece
        return sum(map(len, self.parts[:2 * self._index(token) + 1]))

    def end(self, token: int) -> int:
        """ends[token], likewise."""
        if self._ends is not None:
            return self._ends[token]
        token = self._index(token)
        if self.at_each:  # an ASCII token: its word (folded) is as long
            return self.start(token) + len(self.words[token])
        return self.start(token) + len(self.parts[2 * token + 1])

    def _piece(self, token: int) -> int:
        """Which of `parts` (at_each) is token `token`: the token-th non-empty one."""
        return next(islice(compress(count(), self.parts), self._index(token), None))

    def _index(self, token: int) -> int:
        n = len(self.words)
        if not -n <= token < n:
            raise IndexError(f"token {token} of {n}")
        return token + n if token < 0 else token

    def content_index(self, token: int) -> int:
        """-1 for a stop word, else >= 0 (a cheap test; not the index into `content`)."""
        return -1 if not self.cjk[token] and self.words[token] in STOP_WORDS else token

    def weight(self, first: int, last: int) -> float:
        """Length in words of tokens first..last (inclusive); a CJK character is 2/3 word."""
        n_cjk = sum(self.cjk[first:last + 1])
        return (last + 1 - first - n_cjk) + n_cjk * CJK_WORD_WEIGHT

    def joined(self, first: int, last: int) -> str:
        """Normalised text of tokens first..last: words spaced, CJK characters run together."""
        if not any(self.cjk[first:last + 1]):
            return " ".join(self.words[first:last + 1])
        out: list[str] = []
        previous_cjk = False
        for i in range(first, last + 1):
            if out and not (previous_cjk and self.cjk[i]):
                out.append(" ")
            out.append(self.words[i])
            previous_cjk = self.cjk[i]
        return "".join(out)


_CJK_CHAR = re.compile(f"[{_CJK_CLASS}]")
_PLAIN = re.compile(rf"[^\W_{_CJK_CLASS}]+|[{_CJK_CLASS}]")
#: Splits a text into [gap, token, gap, token, …, gap] in one call (the offsets follow from the
#: lengths), so that tokenising is regular expressions and list operations at C speed.
_SPLIT = re.compile(rf"([^\W_{_CJK_CLASS}]+|[{_CJK_CLASS}])")
#: A text whose word characters are all ASCII (no CJK, and [^\W_] is [A-Za-z0-9] there;
#: other characters, such as ’ “ § –, separate words) is split by `_ascii_pieces` instead,
#: and nearly every library text is such a text (str.isascii() costs nothing: CPython records
#: it per string).
_NON_ASCII_WORD_CHAR = re.compile(r"[^\W\x00-\x7f]")


def _ascii_words(text: str) -> bool:
    """True when every word character of `text` is ASCII. Its non-ASCII characters (a few
    quotes and § in most library texts) are found by the encoder, each made "&#N;" at C
    speed, where the regular expression tested every character (a third of the
    instructions of tokenising those texts); a literal "&#" that does not parse leaves the
    answer to the regular expression, and one that does can only answer False (then the
    text is split by the regular expression, to the same tokens)."""
    if text.isascii():
        return True
    try:
        return not any(chr(int(piece[:piece.index(b";")])).isalnum() for piece in
                       text.encode("ascii", "xmlcharrefreplace").split(b"&#")[1:])
    except (ValueError, OverflowError):  # not a character's number
        return _NON_ASCII_WORD_CHAR.search(text) is None


#: Every byte that is not [A-Za-z0-9] made NUL (`_ascii_pieces`).
_SEPARATORS = bytes(b if chr(b).isascii() and chr(b).isalnum() else 0 for b in range(256))


def _ascii_pieces(text: str) -> list[str]:
    """A text whose word characters are all ASCII split at every separator character, without
    a regular expression: the tokens (the runs of [A-Za-z0-9]) and an empty string for each
    separator after the first between two tokens. Each non-ASCII character (a separator in
    such a text) becomes one "?", then every separator NUL: four C passes over the text, a
    third of the instructions of the regular expression's split."""
    return text.encode("ascii", "replace").translate(_SEPARATORS).decode("ascii").split("\0")


def _plain(text: str) -> list[str]:
    if _ascii_words(text):
        return list(filter(None, _ascii_pieces(text)))
    return _PLAIN.findall(text)


def _has_cjk(text: str) -> bool:
    return not text.isascii() and _CJK_CHAR.search(text) is not None


#: Keys given a code character of their own (chr(1) on, none a surrogate); then codes shared
#: by several keys, from _SHARED on, chosen by the key's hash (a find of them is checked).
_OWN_CODES = 0xD7FE
_SHARED = 0x10000


class _Codes(dict[str, str]):
    """Shingle key (cut to _KEY_CHARS) -> its code character (`shingle_code`)."""

    def __missing__(self, key: str) -> str:
        if len(self) < _OWN_CODES:  # threads may pass together: next() keeps codes distinct
            return self.setdefault(key, chr(next(_NEXT_CODE)))
        return chr(_SHARED + hash(key) % (0x110000 - _SHARED))


_CODES = _Codes()
_NEXT_CODE = count(1)


def shingle_code(key: str) -> str:
    """One character standing for a content key in `Tokens.codes` (its first _KEY_CHARS
    characters, as in shingles): one of its own (the first some 55,000 keys a process sees),
    else one that it shares (`is_shared`). A shingle is then a substring of a text's codes,
    found by one str.find in a string of a character per word, at its position."""
    return _CODES[key[:_KEY_CHARS]]


def is_shared(codes: str) -> bool:
    """True when some code of `codes` stands for several keys."""
    return bool(codes) and max(codes) >= chr(_SHARED)


class _Entries(dict[str, tuple[str, str, bool, bool, str]]):
    """raw token -> (word, key, is content, is CJK, code or "" for a stop word): the per-token
    work, done on first sight."""

    def __missing__(self, raw: str) -> tuple[str, str, bool, bool, str]:
        if len(raw) == 1 and _CJK_CHAR.match(raw):  # a CJK ideograph: a token of its own
            entry = (raw, raw, True, True, shingle_code(raw))
        else:
            word = fold(raw)
            key = stem(word)
            content = word not in STOP_WORDS
            entry = (word, key, content, False, shingle_code(key) if content else "")
        if len(self) < 500_000:
            self[raw] = entry
        return entry


_KEYS = _Entries()
_entry = _KEYS.__getitem__


def _entries(text: str) -> list[tuple[str, str, bool, bool, str]]:
    return list(map(_entry, _plain(text)))


def tokenize(text: str) -> Tokens:
    at_each = _ascii_words(text)
    if at_each:
        parts = _ascii_pieces(text)
        raw = list(filter(None, parts))
    else:
        parts = _SPLIT.split(text)
        raw = parts[1::2]
    if not raw:
        return Tokens(text, (), (), parts, (), (), (), (), at_each)
    words, keys, content, cjk, codes = zip(*map(_entry, raw), strict=True)
    return Tokens(text, words, keys, parts, cjk, tuple(compress(range(len(content)), content)),
                  at_each=at_each, codes="".join(codes))


#: Longest part of a word kept in a shingle key (an absurdly long "word" stays a short term).
_KEY_CHARS = 40


def _window_keys(keys: list[str], flags: list[bool]) -> list[tuple[str, int, int]]:
    """(key, position, size) of every shingle of a content-key sequence: its WORD_K words (or
    CJK_K characters) joined by "_", one term of the index. Only a suffix of positions has no
    shingle (a window past the end), so a shingle's position is its index in the list."""
    if not any(flags) or all(flags):
        size = CJK_K if flags and flags[0] else WORD_K
        return [(key, pos, size) for pos, key in enumerate(_joined_windows(keys, size))]
    return [("_".join(w), pos, len(w)) for pos, w in enumerate(_window_tuples(keys, flags))]


def _window_tuples(keys: list[str], flags: list[bool]) -> list[tuple[str, ...]]:
    """The content keys of every shingle of a content-key sequence (what `_window_keys` joins
    into its keys; no key holds a "_", so two shingles have equal tuples when their keys are
    equal)."""
    if not any(flags) or all(flags):
        return list(_windows(keys, CJK_K if flags and flags[0] else WORD_K))
    keys = _short(keys)
    m = len(keys)
    out: list[tuple[str, ...]] = []
    for pos in range(m):
        size = CJK_K if flags[pos] else WORD_K
        if pos + size > m:
            break
        out.append(tuple(keys[pos:pos + size]))
    return out


def _short(keys: list[str]) -> list[str]:
    if keys and max(map(len, keys)) > _KEY_CHARS:
        return [k[:_KEY_CHARS] for k in keys]
    return keys


def _windows(keys: list[str], size: int) -> Iterator[tuple[str, ...]]:
    """Every window of `size` keys of one script (each cut to _KEY_CHARS), at C level."""
    keys = _short(keys)
    return zip(*(keys[i:] for i in range(size)), strict=False)


def _joined_windows(keys: list[str], size: int) -> list[str]:
    """The keys of every window of `size` tokens of one script, in one C-level pass."""
    return list(map("_".join, _windows(keys, size)))


def shingles(tokens: Tokens) -> list[tuple[str, int, int]]:
    """(key, position, size) for every shingle; position and size count content tokens."""
    return _window_keys(list(map(tokens.keys.__getitem__, tokens.content)),
                        list(map(tokens.cjk.__getitem__, tokens.content)))


def shingle_windows(tokens: Tokens) -> list[tuple[str, ...]]:
    """Each shingle's content keys, in the order of `shingles` (its key is them joined by
    "_"): what a find of shared codes is checked against (`Needles`)."""
    return _window_tuples(list(map(tokens.keys.__getitem__, tokens.content)),
                          list(map(tokens.cjk.__getitem__, tokens.content)))


@dataclass(frozen=True, slots=True)
class Needles:
    """A text's shingles as a ShingledText is searched for them: each one's codes and length
    (content tokens), and when some code stands for several keys, each one's content keys
    (shingle_windows) to check a find against."""

    codes: list[str]
    sizes: list[int]
    windows: list[tuple[str, ...]] | None

    @classmethod
    def of(cls, tokens: Tokens, sizes: list[int]) -> Needles:
        """`sizes`: the length of each of its shingles (`shingles`)."""
        codes = tokens.codes
        return cls([codes[q:q + size] for q, size in enumerate(sizes)], sizes,
                   shingle_windows(tokens) if is_shared(codes) else None)


@dataclass(slots=True)
class ShingledText:
    """A text looked into for shingles (a library clause read back to verify a run): a
    shingle stands at content position p where its codes (`Tokens.codes`) occur at p and
    the shingle there is as long. A few searches of a string of a character per word, per
    run of a draft's shingles, where a dictionary of every shingle of the clause made a
    tuple of WORD_K keys per word, for some 15 of a clause's 55 shingles looked up (at 1M,
    550 million instructions per 20-paragraph draft instead of 629)."""

    tokens: Tokens
    size: int  # the length of every shingle of the text, 0 when they differ (mixed scripts)

    @classmethod
    def of(cls, tokens: Tokens) -> ShingledText:
        cjk = not tokens.at_each and any(tokens.cjk)  # an ASCII-worded text has none
        return cls(tokens, 0 if cjk and not all(tokens.cjk) else CJK_K if cjk else WORD_K)

    def pairs(self, needles: Needles, first: int, end: int) -> list[tuple[int, int]]:
        """(q, p) for each shingle q of first..end-1 of another text and each content
        position p of it here."""
        found, size, tokens = self.tokens.codes.find, self.size, self.tokens
        sizes, windows = needles.sizes, needles.windows
        out = []
        for q in range(first, min(end, len(sizes))):
            needle = needles.codes[q]
            p = found(needle)
            while p >= 0:
                # The shingle here is as long, or these keys begin a longer or shorter one
                # (a character that folds to an ideograph begins a shingle of WORD_K).
                if (size or shingle_size(tokens, p)) == sizes[q] and (
                        windows is None or windows[q] == self._window(p, sizes[q])):
                    out.append((q, p))
                p = found(needle, p + 1)
        return out

    def _window(self, position: int, size: int) -> tuple[str, ...]:
        """The content keys of `size` tokens from content `position` (cut as in shingles)."""
        tokens = self.tokens
        return tuple(tokens.keys[i][:_KEY_CHARS]
                     for i in tokens.content[position:position + size])


class _ContentKeys(dict[str, str]):
    """raw token -> its key when it is a content token, else "" (filled on first sight)."""

    def __missing__(self, raw: str) -> str:
        entry = _entry(raw)
        key = entry[1] if entry[2] else ""
        if len(self) < 500_000:
            self[raw] = key
        return key


_CONTENT_KEYS = _ContentKeys()


def _index_keys(text: str) -> tuple[list[str], list[bool]]:
    """The content keys of `text` and which are CJK ([] when none is: the common case), with
    one regular expression and one dictionary lookup per token, no tuples."""
    if _ascii_words(text):  # then no CJK either (ideographs are non-ASCII word characters)
        return list(filter(None, map(_CONTENT_KEYS.__getitem__, _ascii_pieces(text)))), []
    keys = list(filter(None, map(_CONTENT_KEYS.__getitem__, _PLAIN.findall(text))))
    if _CJK_CHAR.search(text) is None:
        return keys, []
    return keys, [len(k) == 1 and _CJK_CHAR.match(k) is not None for k in keys]


def index_shingles(text: str) -> list[tuple[str, int, int]]:
    """The shingles of `text` without building its Tokens (the fast path of the indexer)."""
    return _window_keys(*_index_keys(text))


def index_terms(text: str) -> str:
    """The shingle keys of `text` as one space-separated document (what the index stores)."""
    keys, flags = _index_keys(text)
    if not any(flags):
        return " ".join(_joined_windows(keys, WORD_K))
    return " ".join(key for key, _, _ in _window_keys(keys, flags))


def key_hash(key: str) -> int:
    """A shingle key as a signed 64-bit integer (the PostgreSQL index stores hashes)."""
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


def similarity_text(text: str) -> str:
    """What similar clauses compare: the content keys (folded, stemmed, stop words out) spaced,
    or for a CJK text its characters and words spaced; without building its Tokens."""
    if not _has_cjk(text):
        return " ".join(filter(None, map(_CONTENT_KEYS.__getitem__, _plain(text))))
    return " ".join([e[0] for e in _entries(text)])  # characters as tokens, every word kept


def shingle_size(tokens: Tokens, position: int) -> int:
    """The length (content tokens) of the shingle at content `position` of `tokens`."""
    return CJK_K if tokens.cjk[tokens.content[position]] else WORD_K


def has_cjk_text(text: str) -> bool:
    """True when the text holds CJK ideographs (it is then matched by characters)."""
    return _has_cjk(text)
