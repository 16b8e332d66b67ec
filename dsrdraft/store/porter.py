"""The Porter stemmer as SQLite's FTS5 `porter` tokenizer applies it (the ranking's term counts)."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

# Written from the algorithm (M. F. Porter, 1980) with the departures FTS5 makes: "logi" ->
# "log" and "bli" -> "ble" in step 2, `y` a vowel anywhere but first in the *v* test, and
# tokens shorter than 3 or longer than 64 bytes left alone. tests/test_search.py checks it
# against FTS5 itself, word for word.

_VOWELS = frozenset("aeiou")


def _is_vowel(c: str, y_is_vowel: bool) -> bool:
    return c in _VOWELS or (y_is_vowel and c == "y")


def _gobble_vc(stem: str, previous_consonant: bool) -> int:
    """Length of the leading [C]VC of `stem` (0 if it has none): one step of the measure m."""
    consonant = previous_consonant
    i = 0
    n = len(stem)
    while i < n:
        consonant = not _is_vowel(stem[i], consonant)
        if not consonant:
            break
        i += 1
    i += 1
    while i < n:
        consonant = not _is_vowel(stem[i], consonant)
        if consonant:
            return i + 1
        i += 1
    return 0


def _m_gt0(stem: str) -> bool:
    return _gobble_vc(stem, False) > 0


def _m_gt1(stem: str) -> bool:
    n = _gobble_vc(stem, False)
    return n > 0 and _gobble_vc(stem[n:], True) > 0


def _m_eq1(stem: str) -> bool:
    n = _gobble_vc(stem, False)
    return n > 0 and _gobble_vc(stem[n:], True) == 0


def _o_star(stem: str) -> bool:
    """Ends consonant-vowel-consonant, the last not w, x or y."""
    if stem[-1] in "wxy":
        return False
    mask = 0
    consonant = False
    for c in stem:
        consonant = not _is_vowel(c, consonant)
        mask = (mask << 1) | consonant
    return mask & 0b111 == 0b101


def _m_gt1_s_or_t(stem: str) -> bool:
    return stem[-1] in "st" and _m_gt1(stem)


def _has_vowel(stem: str) -> bool:
    return any(_is_vowel(c, i > 0) for i, c in enumerate(stem))


_Rule = tuple[str, Callable[[str], bool] | None, str]

# Each step tries the first suffix of its list that the word ends with (and is longer than);
# if that suffix's condition fails, no other is tried.
_STEP2: tuple[_Rule, ...] = (
    ("ational", _m_gt0, "ate"), ("tional", _m_gt0, "tion"), ("enci", _m_gt0, "ence"),
    ("anci", _m_gt0, "ance"), ("izer", _m_gt0, "ize"), ("logi", _m_gt0, "log"),
    ("bli", _m_gt0, "ble"), ("alli", _m_gt0, "al"), ("entli", _m_gt0, "ent"),
    ("eli", _m_gt0, "e"), ("ousli", _m_gt0, "ous"), ("ization", _m_gt0, "ize"),
    ("ation", _m_gt0, "ate"), ("ator", _m_gt0, "ate"), ("alism", _m_gt0, "al"),
    ("iveness", _m_gt0, "ive"), ("fulness", _m_gt0, "ful"), ("ousness", _m_gt0, "ous"),
    ("aliti", _m_gt0, "al"), ("iviti", _m_gt0, "ive"), ("biliti", _m_gt0, "ble"))
_STEP3: tuple[_Rule, ...] = (
    ("ical", _m_gt0, "ic"), ("ness", _m_gt0, ""), ("icate", _m_gt0, "ic"),
    ("iciti", _m_gt0, "ic"), ("ful", _m_gt0, ""), ("ative", _m_gt0, ""),
    ("alize", _m_gt0, "al"))
_STEP4: tuple[_Rule, ...] = (
    ("al", _m_gt1, ""), ("ance", _m_gt1, ""), ("ence", _m_gt1, ""), ("er", _m_gt1, ""),
    ("ic", _m_gt1, ""), ("able", _m_gt1, ""), ("ible", _m_gt1, ""), ("ant", _m_gt1, ""),
    ("ement", _m_gt1, ""), ("ment", _m_gt1, ""), ("ent", _m_gt1, ""),
    ("ion", _m_gt1_s_or_t, ""), ("ou", _m_gt1, ""), ("ism", _m_gt1, ""), ("ate", _m_gt1, ""),
    ("iti", _m_gt1, ""), ("ous", _m_gt1, ""), ("ive", _m_gt1, ""), ("ize", _m_gt1, ""))


def _apply(word: str, rules: tuple[_Rule, ...]) -> str:
    for suffix, condition, output in rules:
        # FTS5 picks the rule group by the word's second-last letter, which is the suffix's
        # own: so within a step only the first suffix the word ends with is ever tried.
        if len(word) > len(suffix) and word.endswith(suffix):
            stem = word[:-len(suffix)]
            return stem + output if condition is None or condition(stem) else word
    return word


@lru_cache(maxsize=65536)
def porter(token: str) -> str:
    """The stem FTS5's porter tokenizer indexes for one lower-case, unaccented token."""
    if not 3 <= len(token.encode()) <= 64:
        return token
    w = token
    # step 1a
    if w.endswith("s"):
        if w.endswith("es"):
            w = w[:-2] if (len(w) > 4 and w.endswith("sses")) or (
                len(w) > 3 and w.endswith("ies")) else w[:-1]
        elif not w.endswith("ss"):
            w = w[:-1]
    # step 1b
    removed = False
    if len(w) > 3 and w.endswith("eed"):
        if _m_gt0(w[:-3]):
            w = w[:-1]
    elif len(w) > 2 and w.endswith("ed"):
        if _has_vowel(w[:-2]):
            w, removed = w[:-2], True
    elif len(w) > 3 and w.endswith("ing") and _has_vowel(w[:-3]):
        w, removed = w[:-3], True
    if removed:
        if len(w) > 2 and w.endswith(("at", "bl", "iz")):
            w += "e"
        elif len(w) > 1 and not _is_vowel(w[-1], False) and w[-1] not in "lsz" \
                and w[-1] == w[-2]:
            w = w[:-1]
        elif _m_eq1(w) and _o_star(w):
            w += "e"
    # step 1c
    if w.endswith("y") and _has_vowel(w[:-1]):
        w = w[:-1] + "i"
    w = _apply(_apply(_apply(w, _STEP2), _STEP3), _STEP4)
    # step 5
    if w.endswith("e") and (_m_gt1(w[:-1]) or (_m_eq1(w[:-1]) and not _o_star(w[:-1]))):
        w = w[:-1]
    if len(w) > 1 and w.endswith("ll") and _m_gt1(w[:-1]):
        w = w[:-1]
    return w
