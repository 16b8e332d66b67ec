"""Decode a text file, deciding the encoding on the whole file (charset-normalizer proposes).

UTF-8 wins whenever the file is UTF-8 but for a few stray bytes (those are read as
Windows-1252, where such bytes usually come from, and reported); otherwise charset-normalizer's
candidates are ranked by how plausible the decoded text is for the languages of negotiated
texts, so Windows-1252 apostrophes are not read as Chinese and French accents not as Czech.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from dsrdraft.errors import DsrError
from dsrdraft.lazyre import lazy_compile

# Candidates, in the order preferred when two decode a file equally well.
CANDIDATES = ("cp1252", "gb18030", "big5", "cp1251", "cp1256", "cp1250", "cp1253", "cp1254",
              "cp1255", "koi8_r", "mac_roman")
_WESTERN = set("àâäáãåæçéèêëíìîïñóòôöõøœùúûüýÿßÀÂÄÁÃÅÆÇÉÈÊËÍÌÎÏÑÓÒÔÖÕØŒÙÚÛÜÝŸ")
_TYPOGRAPHY = set("‘’“”–—…•€£°«»§¶·×")
_STRAY_LIMIT = 0.002  # share of a file's bytes that may be stray before it is not UTF-8
_UTF8_MULTIBYTE = lazy_compile(rb"[\xc2-\xf4][\x80-\xbf]+")


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    note: str = ""  # something the user should be told ("3 stray bytes read as cp1252")


def decode_bytes(data: bytes, source: str = "input") -> Decoded:
    """The text of a file, or a one-line DsrError when it is not text in any known encoding."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _utf8(data[3:], source)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return Decoded(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError:
            raise DsrError(f"{source}: damaged UTF-16 text (odd bytes after its byte-order "
                           "mark)") from None
    if _binary(data):
        raise DsrError(f"{source}: binary data, not a text document")
    if len(data) >= 4 and data[1::2].count(0) > len(data) // 4:  # UTF-16 without a BOM
        for encoding in ("utf-16-le", "utf-16-be"):
            try:
                return Decoded(data.decode(encoding), encoding)
            except UnicodeDecodeError:
                continue
    return _utf8(data, source)


def _binary(data: bytes) -> bool:
    # Text files hold no NUL bytes (UTF-16, which is half zeros, is handled by the caller);
    # a stray one is a control character the importer drops, a tenth of them is binary data.
    sample = data[:65536]
    return sample.count(0) > len(sample) // 10 and sample[1::2].count(0) <= len(sample) // 4


def _utf8(data: bytes, source: str) -> Decoded:
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    stray: list[int] = []

    def as_cp1252(error: UnicodeError) -> tuple[str, int]:
        assert isinstance(error, UnicodeDecodeError)
        bad = error.object[error.start:error.end]
        stray.append(len(bad))
        return bad.decode("cp1252", errors="replace"), error.end

    multibyte = len(_UTF8_MULTIBYTE.findall(data))
    if multibyte:
        import codecs

        codecs.register_error("dsrdraft-stray", as_cp1252)
        text = data.decode("utf-8", errors="dsrdraft-stray")
        if sum(stray) <= max(4, _STRAY_LIMIT * len(data)) and multibyte >= sum(stray):
            return Decoded(text, "utf-8", f"{sum(stray)} byte(s) that are not UTF-8 were "
                                          "read as Windows-1252")
    return _detect(data, source)


def _detect(data: bytes, source: str) -> Decoded:
    from charset_normalizer import from_bytes

    proposed = [r.encoding for r in from_bytes(data, cp_isolation=list(CANDIDATES))]
    best: tuple[float, int, str, str] | None = None
    for encoding in dict.fromkeys([*proposed, *CANDIDATES]):
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        score = plausibility(text)
        rank = (score, -_preference(encoding, proposed), encoding, text)
        if best is None or rank[:2] > best[:2]:
            best = rank
    if best is None or best[0] < 0.5:
        raise DsrError(f"{source}: cannot tell its text encoding (not UTF-8, UTF-16, "
                       "GB18030, Big5 or a Windows code page); save it as UTF-8")
    return Decoded(best[3], best[2])


def _preference(encoding: str, proposed: list[str]) -> int:
    """Rank among equally plausible decodings: charset-normalizer's order, except that
    Windows-1252 goes first among the Latin code pages (it mistakes French for Czech)."""
    order = list(proposed)
    latin = [e for e in order if e in _LATIN_PAGES]
    if latin and latin[0] != "cp1252":
        if "cp1252" in order:
            order.remove("cp1252")
        order.insert(order.index(latin[0]), "cp1252")
    order += [e for e in CANDIDATES if e not in order]
    return order.index(encoding) if encoding in order else len(order)


_LATIN_PAGES = frozenset({"cp1252", "cp1250", "cp1254", "mac_roman", "cp1257", "latin_1",
                          "iso8859_15", "iso8859_2"})


def plausibility(text: str) -> float:
    """Share of non-ASCII characters that belong to the scripts and punctuation of the texts
    dsrdraft reads, scripts not mixed: 1.0 for clean text, low for mojibake."""
    controls = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\t\n\r\f\x1b")
                   or 0x80 <= ord(ch) <= 0x9F)
    high = [ch for ch in text if ord(ch) > 0x9F]
    if not high:
        return 1.0 - 10 * controls / max(len(text), 1)
    scripts: dict[str, int] = {}
    good = 0
    for ch in high:
        script = _script(ch)
        if script:
            good += 1
            scripts[script] = scripts.get(script, 0) + 1
    main = max(scripts.values(), default=0)
    # Mixed scripts (Latin accents between Cyrillic letters, say) are what mojibake looks like;
    # punctuation and Latin accents may accompany any one script.
    mixed = good - main - scripts.get("punct", 0) - (
        scripts.get("western", 0) if main != scripts.get("western", 0) else 0)
    # Western accents stand inside words of ASCII letters ("États", "été"); whole words of
    # them ("ÇáÌãÚíÉ") are another script read through a Western code page.
    foreign = sum(len(w) for w in _ACCENTED_WORD.findall(text))
    return (good - 2 * max(mixed, 0) - foreign - 5 * controls) / (len(high) + controls)


_ACCENTED_WORD = lazy_compile(r"(?<![A-Za-z])[\u00c0-\u00ff\u0152\u0153\u0178]{3,}(?![A-Za-z])")


def _script(ch: str) -> str:
    if ch in _TYPOGRAPHY or ch == "\u00a0":
        return "punct"
    if ch in _WESTERN:
        return "western"
    code = ord(ch)
    if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x3000 <= code <= 0x303F \
            or 0xFF00 <= code <= 0xFFEF:
        return "cjk"
    if 0x0400 <= code <= 0x04FF:
        return "cyrillic"
    if 0x0600 <= code <= 0x06FF:
        return "arabic"
    if 0x0370 <= code <= 0x03FF:
        return "greek"
    if 0x0590 <= code <= 0x05FF:
        return "hebrew"
    category = unicodedata.category(ch)
    if category.startswith("L") and code < 0x0250:
        return "latin-other"
    if category in ("Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sc", "Zs"):
        return "punct"
    return ""
