"""Text normalisation shared by the importer, the store and the comparers: whitespace, scripts."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from typing import Any

_WS = re.compile(r"\s+")
# Characters Word's XML cannot hold (C0 controls but tab/newline/CR, surrogates, U+FFFE/FFFF).
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
_CJK_IDEOGRAPH = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LETTER = re.compile(r"[^\W\d_]")

# Full stops that end a sentence; a CJK full stop needs no following space.
_SENTENCE_END = re.compile(
    r"(?<=[.!?])(?:[\"'”’)\]]*)\s+(?=[\"'“‘(\[]?[A-Z0-9\u00c0-\u024f])"  # ". Next"
    r"|(?<=[。！？])"
)
_ABBREVIATIONS = frozenset({
    "e.g", "i.e", "etc", "no", "art", "para", "paras", "mr", "mrs", "ms", "dr", "st", "vs",
    "cf", "op", "cit", "ibid", "approx", "fig", "vol", "ch", "sec",
})


def normalise_whitespace(text: str) -> str:
    """Collapse every run of whitespace (including newlines and NBSP) to one space."""
    return _WS.sub(" ", text.replace("\u00a0", " ").replace("\u200b", "")).strip()


def strip_illegal_xml(text: str) -> str:
    """Drop control characters that no .docx or XML file may contain."""
    return _ILLEGAL_XML.sub("", text)


def scrub_for_xml(value: Any) -> Any:
    """`value` with every string inside it (dataclasses, tuples, lists, dicts) cleaned by
    `strip_illegal_xml`; objects with nothing to clean come back as they are."""
    if type(value) is str:  # not str enums (a status), which hold no free text
        cleaned = strip_illegal_xml(value)
        return value if cleaned == value else cleaned
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in dataclasses.fields(value):
            old = getattr(value, f.name)
            new = scrub_for_xml(old)
            if new is not old:
                changes[f.name] = new
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
    """A coarse language tag from the script: zh, ar, ru, else en (or fr/es by stop words)."""
    if text.isascii():
        return _latin_language(text)
    letters = len(_LETTER.findall(text))
    if not letters:
        return "en"
    cjk = len(_CJK_IDEOGRAPH.findall(text))
    if cjk / letters > 0.3:
        return "zh"
    if len(_ARABIC.findall(text)) / letters > 0.3:
        return "ar"
    if len(_CYRILLIC.findall(text)) / letters > 0.3:
        return "ru"
    return _latin_language(text)


def _latin_language(text: str) -> str:
    words = re.findall(r"[a-zà-ÿ]+", text[:2000].lower())
    if len(words) >= 8:
        counts = {
            "en": sum(w in {"the", "and", "of", "to", "in", "is"} for w in words),
            "fr": sum(w in {"le", "la", "les", "des", "et", "du", "une"} for w in words),
            "es": sum(w in {"el", "los", "las", "del", "y", "una", "para"} for w in words),
        }
        return max(counts, key=lambda k: counts[k])
    return "en"


def first_sentence(text: str) -> str:
    """The first sentence of `text`, abbreviation-aware ("e.g." and "etc." do not end it early)."""
    for match in _SENTENCE_END.finditer(text):
        head = text[: match.start()].rstrip()
        last_word = re.sub(r"[\"'”’)\]]+$", "", head).rstrip(".").rsplit(" ", 1)[-1].lower()
        if last_word in _ABBREVIATIONS and not head.endswith(".."):
            continue
        if re.search(r"\b[A-Z]\.$", head):  # an initial ("U.N.", "J. Smith")
            continue
        return head
    return text.strip()


def fold_for_match(text: str) -> str:
    """Lower-case, accent-free, apostrophe-normalised form for name lookups."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("’", "'").replace("‘", "'").lower()
    text = re.sub(r"[^a-z0-9' ]+", " ", text)
    return normalise_whitespace(text)
