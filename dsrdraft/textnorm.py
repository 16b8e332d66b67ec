"""Text normalisation shared by the importer, the store and the comparers: whitespace, scripts."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from operator import itemgetter
from typing import Any

from dsrdraft.lazyre import lazy_compile

# Characters Word's XML cannot hold (C0 controls but tab/newline/CR, surrogates, U+FFFE/FFFF).
_ILLEGAL_XML = lazy_compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_CJK = lazy_compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
_CJK_IDEOGRAPH = lazy_compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Letters of the scripts told apart by counting (anything else is read as a Latin language).
_NON_LATIN = lazy_compile(r"[\u0400-\u04ff\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff"
                          r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

# Full stops that end a sentence; a CJK full stop needs no following space. The match opens
# with the stop itself (the sentence ends just after it): a pattern that opens with a set of
# characters is scanned for quickly, one that opens with a look-behind is tried everywhere.
_SENTENCE_END = lazy_compile(
    r"[.!?](?:[\"'”’)\]]*)\s+(?=[\"'“‘(\[]?[A-Z0-9\u00c0-\u024f])"  # ". Next"
    r"|[。！？]"
)
_ABBREVIATIONS = frozenset({
    "e.g", "i.e", "etc", "no", "art", "para", "paras", "mr", "mrs", "ms", "dr", "st", "vs",
    "cf", "op", "cit", "ibid", "approx", "fig", "vol", "ch", "sec",
})


def normalise_whitespace(text: str) -> str:
    """Collapse every run of whitespace (including newlines and NBSP) to one space."""
    # str.split() splits at every Unicode space (NBSP included), faster than a regex
    return " ".join(text.replace("\u200b", "").split())


def strip_illegal_xml(text: str) -> str:
    """Drop control characters that no .docx or XML file may contain."""
    return _ILLEGAL_XML.sub("", text)


#: The field names of each dataclass `scrub_for_xml` met, () for any other type: asking
#: `dataclasses.fields` for every object was most of its time (17 ms of a redline's 20).
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def scrub_for_xml(value: Any) -> Any:
    """`value` with every string inside it (dataclasses, tuples, lists, dicts) cleaned by
    `strip_illegal_xml`; objects with nothing to clean come back as they are."""
    kind = type(value)
    if kind is str:  # not str enums (a status), which hold no free text
        return value if _ILLEGAL_XML.search(value) is None else strip_illegal_xml(value)
    names = _FIELD_NAMES.get(kind)
    if names is None:  # a class (kind: its metaclass) is no dataclass instance
        names = _FIELD_NAMES[kind] = tuple(f.name for f in dataclasses.fields(kind)) \
            if dataclasses.is_dataclass(kind) else ()
    if names:
        changes = {}
        for name in names:
            old = getattr(value, name)
            new = scrub_for_xml(old)
            if new is not old:
                changes[name] = new
        return dataclasses.replace(value, **changes) if changes else value
    if isinstance(value, (tuple, list)):
        items = [scrub_for_xml(v) for v in value]
        if all(a is b for a, b in zip(items, value, strict=True)):
            return value
        return type(value)(items)
    if isinstance(value, dict):
        cleaned = {k: scrub_for_xml(v) for k, v in value.items()}
        return value if all(cleaned[k] is value[k] for k in value) else cleaned
    return value


def has_cjk(text: str) -> bool:
    return _CJK_IDEOGRAPH.search(text) is not None


def detect_language(text: str) -> str:
    """A coarse language tag from the script: zh, ar, ru, else en (or fr, es, nl, de by stop
    words)."""
    return language_evidence(text)[0]


_STOP_WORDS = {
    "en": frozenset({
        "the", "and", "of", "to", "in", "is", "for", "on", "that", "with", "by", "are", "be",
        "as", "this"}),
    "fr": frozenset({
        "le", "la", "les", "des", "et", "du", "une", "un", "est", "dans", "pour", "sur", "par",
        "que", "qui", "au", "aux"}),
    "es": frozenset({
        "el", "los", "las", "del", "y", "una", "un", "es", "en", "para", "por", "que", "con",
        "se", "al"}),
    # treaties are often printed with their Dutch or German version after the original
    "nl": frozenset({
        "het", "een", "van", "voor", "met", "zijn", "niet", "aan", "door", "wordt", "worden",
        "bij", "deze", "dit", "naar", "ook", "tot", "zal", "dat", "hun", "zich", "overeenkomstig"}),
    "de": frozenset({
        "der", "die", "das", "und", "des", "dem", "ist", "nicht", "mit", "von", "zu", "auf",
        "für", "sich", "eine", "wird", "werden", "im", "zum", "zur"}),
}


_STOP_INDEX: dict[str, tuple[str, ...]] = {}
for _lang, _words in _STOP_WORDS.items():
    for _word in _words:
        _STOP_INDEX[_word] = (*_STOP_INDEX.get(_word, ()), _lang)


def language_evidence(text: str) -> tuple[str, bool]:
    """(language tag, whether the text says so clearly). Scripts other than Latin are clear
    from a few letters; Latin languages only from a sentence or more of stop words, so a short
    English line is never taken for another language."""
    sample = text[:600]  # a paragraph's opening says which script and language it is in
    if sample.isascii() or not _NON_LATIN.search(sample):
        return _latin_language(sample)
    # counted by deleting what is not counted (no list of matches to build)
    cjk = len(_NOT_CJK.sub("", sample))
    if cjk > 0.3 * len(sample):  # more than enough whatever the letters: Chinese
        return "zh", cjk >= 2
    letters = len(_NOT_LETTER.sub("", sample))
    if not letters:
        return "en", False
    if cjk / letters > 0.3:
        return "zh", cjk >= 2
    if len(_NOT_ARABIC.sub("", sample)) / letters > 0.3:
        return "ar", letters >= 3
    if len(_NOT_CYRILLIC.sub("", sample)) / letters > 0.3:
        return "ru", letters >= 3
    return _latin_language(sample)


_NOT_LETTER = lazy_compile(r"[\W\d_]+")
_NOT_CJK = lazy_compile(r"[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_NOT_ARABIC = lazy_compile(r"[^\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]+")
_NOT_CYRILLIC = lazy_compile(r"[^\u0400-\u04ff]+")


_LATIN_WORD = lazy_compile(r"[a-zà-ÿ]+")


def _latin_language(text: str) -> tuple[str, bool]:
    if text.count(" ") < 7:
        return "en", False  # fewer than eight words: too short to tell
    words = _LATIN_WORD.findall(text[:400].lower())  # some sixty words tell
    if len(words) < 8:
        return "en", False
    counts = dict.fromkeys(_STOP_WORDS, 0)
    for word in filter(_STOP_INDEX.__contains__, words):  # the stop words, picked out in C
        for lang in _STOP_INDEX[word]:
            counts[lang] += 1
    # most stop words first; a tie goes to the language listed first (the sort is stable)
    ranked = sorted(counts.items(), key=itemgetter(1), reverse=True)
    (language, best), (_, second) = ranked[0], ranked[1]
    if best == 0:
        return "en", False
    return language, best >= 3 and best >= 2 * second


def short_line_language(text: str) -> str | None:
    """The language a line too short to tell by `language_evidence` leans to: the one whose
    stop words it holds when it holds no other language's ("Wordt voorlopig toegepast per
    16-10-2002" is Dutch); None when it holds none or several."""
    words = _LATIN_WORD.findall(text.lower())
    if not 3 <= len(words) <= 12:
        return None
    found = {lang for lang, stop in _STOP_WORDS.items() if any(w in stop for w in words)}
    return found.pop() if len(found) == 1 else None


def script_of(text: str) -> str:
    """"cjk", "arabic", "cyrillic" or "latin" (also for text without letters)."""
    language = detect_language(text)
    return {"zh": "cjk", "ar": "arabic", "ru": "cyrillic"}.get(language, "latin")


_INITIAL = lazy_compile(r"(?:^|\b|(?<=\W))[A-Z]\.$")


def first_sentence(text: str) -> str:
    """The first sentence of `text`, abbreviation-aware ("e.g." and "etc." do not end it early).

    Linear in the text: each candidate sentence end is judged on the few characters before it.
    """
    for match in _SENTENCE_END.finditer(text):
        end = match.start() + 1  # just after the stop
        window = text[max(0, end - 40): end].rstrip()
        last_word = window.rstrip("\"'”’)]").rstrip(".").rsplit(" ", 1)[-1].lower()
        if last_word in _ABBREVIATIONS and not window.endswith(".."):
            continue
        if _INITIAL.search(window[-3:]):  # an initial ("U.N.", "J. Smith")
            continue
        return text[:end].rstrip()
    return text.strip()


def fold_for_match(text: str) -> str:
    """Lower-case, accent-free, apostrophe-normalised form for name lookups."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("’", "'").replace("‘", "'").lower()
    text = re.sub(r"[^a-z0-9' ]+", " ", text)
    return normalise_whitespace(text)
