"""Numbers, labels and bullets that open a paragraph, as negotiated texts write them.

"1." "1)" "(1)" "1 " "1.Strengthen" "12 bis." "2 Alt" "1.1" "(a)" "a)" "(iv)" "IV." "A."
"一、" "（一）" "①" "——" "•", and division labels: "Article 4", "Art. 4", "PART II",
"Chapter 3", "Section A", "Annex I", "Appendix", "第一章", "第三条", "附件". A marker says
what it is (`family`), its place in its sequence (`value`) and how sure the reader can be
(`strength`); the structure builder decides from the context which role it plays.
"""

from __future__ import annotations

import re
from functools import lru_cache  # a line is asked for its marker by several passes
from typing import NamedTuple

from dsrdraft.lazyre import lazy_compile
from dsrdraft.model import DivisionKind
from dsrdraft.parsing.numerals import (
    CIRCLED_CHARS,
    CJK_NUMERAL_CHARS,
    arabic,
    circled_value,
    cjk_value,
    letter_value,
    roman_value,
)

SUFFIXES = ("bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies",
            "decies")
# a whole word: "1 Territorial" is no "1 ter" ("ritorial"), "3 Bismarck" no "3 bis"
_SUFFIX = (r"(?:(?:bis|ter|quater|quinquies|sexies|septies|octies|novies|decies)(?![^\W\d_])"
           r"|alt\b\.?)")

_WORDS = {
    "part": DivisionKind.PART, "partie": DivisionKind.PART, "parte": DivisionKind.PART,
    "book": DivisionKind.PART, "title": DivisionKind.PART, "titre": DivisionKind.PART,
    "título": DivisionKind.PART, "titulo": DivisionKind.PART,
    "chapter": DivisionKind.CHAPTER, "chapitre": DivisionKind.CHAPTER,
    "capítulo": DivisionKind.CHAPTER, "capitulo": DivisionKind.CHAPTER,
    "глава": DivisionKind.CHAPTER,
    "section": DivisionKind.SECTION, "sección": DivisionKind.SECTION,
    "seccion": DivisionKind.SECTION, "sub-section": DivisionKind.SECTION,
    "subsection": DivisionKind.SECTION, "раздел": DivisionKind.SECTION,
    "article": DivisionKind.ARTICLE, "art.": DivisionKind.ARTICLE,
    "artículo": DivisionKind.ARTICLE, "articulo": DivisionKind.ARTICLE,
    "artigo": DivisionKind.ARTICLE, "статья": DivisionKind.ARTICLE,
    "annex": DivisionKind.ANNEX, "annexe": DivisionKind.ANNEX, "anexo": DivisionKind.ANNEX,
    "appendix": DivisionKind.ANNEX, "apéndice": DivisionKind.ANNEX,
    "attachment": DivisionKind.ANNEX, "schedule": DivisionKind.ANNEX,
    "enclosure": DivisionKind.ANNEX, "addendum": DivisionKind.ANNEX,
    "exhibit": DivisionKind.ANNEX, "bijlage": DivisionKind.ANNEX, "anhang": DivisionKind.ANNEX,
    "anlage": DivisionKind.ANNEX, "artikel": DivisionKind.ARTICLE,
    "hoofdstuk": DivisionKind.CHAPTER, "kapitel": DivisionKind.CHAPTER,
    "afdeling": DivisionKind.SECTION, "abschnitt": DivisionKind.SECTION,
    "deel": DivisionKind.PART, "teil": DivisionKind.PART,
    "приложение": DivisionKind.ANNEX,
}
DIVISION_WORDS = frozenset(_WORDS)  # "article", "annex", …: words that label a division
_NUMBER_WORDS = {w: i for i, w in enumerate((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty"))}
_NUMBER_WORDS.update({"premier": 1, "first": 1, "primero": 1, "unique": 1, "única": 1,
                      "único": 1, "second": 2, "third": 3})
_DIVISION = lazy_compile(
    r"^(?P<word>sub-section|subsection|" + "|".join(
        re.escape(w) for w in sorted(_WORDS, key=len, reverse=True) if w not in (
            "sub-section", "subsection")) + r")"
    r"(?:\s+(?P<num>\d{1,3}(?:\.\d{1,3})*|[IVXLCDM]{1,7}|[A-Z]|[a-z]|"
    + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")\b)?"
    r"(?:\s*(?P<suffix>" + _SUFFIX + r"))?"
    r"\s*(?P<punct>[.:\-–—)]|\s)?\s*(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
# "第一百二十条之一": an Article inserted after Article 120 by an amendment (as "120 bis")
_CJK_DIVISION = lazy_compile(
    r"^第\s*(?P<num>[" + CJK_NUMERAL_CHARS + r"\d０-９]+)\s*(?P<unit>编|編|部分|章|节|節|条|條)"
    r"(?:之(?P<sub>[" + CJK_NUMERAL_CHARS + r"]{1,3})(?![" + CJK_NUMERAL_CHARS + r"]))?"
    r"\s*[、.．:：]?\s*(?P<rest>.*)$", re.DOTALL)
_CJK_UNITS = {"编": DivisionKind.PART, "編": DivisionKind.PART, "部分": DivisionKind.PART,
              "章": DivisionKind.CHAPTER, "节": DivisionKind.SECTION,
              "節": DivisionKind.SECTION, "条": DivisionKind.ARTICLE, "條": DivisionKind.ARTICLE}
# "附件一", "附录", and "附：" alone on its line ("attached:", over an attached list or form)
_CJK_ANNEX = lazy_compile(r"^(?P<word>附件|附录|附錄|附表|附(?=\s*[:：]\s*$))\s*(?P<num>[\d０-９"
                          + CJK_NUMERAL_CHARS + r"]*)\s*[:：、.]?\s*(?P<rest>.*)$", re.DOTALL)

# "12.", "12)", "(12)", "12 bis.", "12、", "12:", "1.Strengthen", and a bare "12 " (weak).
_ARABIC = lazy_compile(
    r"^(?P<open>[(（\[])?(?P<num>\d{1,6}|[０-９]{1,6})"
    r"(?:\s*(?P<suffix>" + _SUFFIX + r")(?:\.(?P<sub>\d{1,3})(?=\s))?)?"
    r"(?P<close>[)）\]])?(?P<punct>[.．、:：)）](?![\d０-９])|\s+[-–—]\s)?(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_MULTI = lazy_compile(r"^(?P<num>\d{1,3}(?:\.\d{1,3}){1,4})(?P<dot>\.)?(?=\s|$)(?P<rest>.*)$",
                      re.DOTALL)
_ROMAN = lazy_compile(r"^(?P<open>[(（])?(?P<num>[ivxlcdm]{1,7}|[IVXLCDM]{1,7})"
                      r"(?P<close>[)）])?(?P<punct>[.．)）])?(?=\s|$)(?P<rest>.*)$", re.DOTALL)
_LETTER = lazy_compile(r"^(?P<open>[(（])?(?P<num>[a-z]{1,2}|[A-Z])"
                       r"(?P<close>[)）])?(?P<punct>[.．)）])?(?=\s|$)(?P<rest>.*)$", re.DOTALL)
_CJK = lazy_compile(r"^(?P<open>[(（])?(?P<num>[" + CJK_NUMERAL_CHARS + r"]{1,4})"
                    r"(?P<close>[)）])?(?P<punct>[、.．,，])?(?P<rest>.*)$", re.DOTALL)
_CIRCLED = lazy_compile(r"^(?P<num>[" + CIRCLED_CHARS + r"])\s*(?P<rest>.*)$", re.DOTALL)
_DASH = lazy_compile(r"^(?P<mark>——|—|–|-{1,2}|－－?|─+)(?=\s|[^\W\d_])\s*(?P<rest>.*)$",
                     re.DOTALL)
# "C1." "D2.": a section of lettered part C or D, numbered after its letter (guidelines and
# codes of practice), alone on its line or joined to the heading on the next.
_PART_SECTION = lazy_compile(r"^(?P<letter>[A-Z])(?P<num>\d{1,2})[.．](?:\s+(?P<rest>.*))?$",
                             re.DOTALL)
# A bullet glyph that PDF extraction leaves alone on its line, its item's text on the next.
LONE_BULLETS = frozenset("•●○◦▪■□◆◇►▶➢➤❖∙‣")
_BULLET = lazy_compile(r"^(?P<mark>[•·●○◦▪■□◆◇►▶➢➤✓✔❖∙⁃‣*+])\s*(?P<rest>.*)$", re.DOTALL)


class Marker(NamedTuple):
    """What opens a paragraph. `family` groups markers that number one sequence
    ("arabic.", "(letter)", "dash"…); `value` is the position in it (None for bullets).
    A tuple, immutable and cheap to make: every line of a text may be asked for one."""

    family: str
    value: int | None
    label: str  # as printed, without the text: "12.", "(a)", "三、", "Article 4"
    number: str  # for addresses: "12", "12 bis", "a", "iv", "3" (三), "1.2"
    rest: str  # the paragraph's text after the marker
    strength: int  # 2: punctuated or worded ("1.", "Article 1"); 1: a bare "1 "
    suffix: str = ""  # "bis", "ter"… or "Alt"
    division: DivisionKind | None = None  # Article, Part, Annex…: a division label
    alternatives: tuple[Marker, ...] = ()  # other readings ("(i)": letter i or roman one)

    @property
    def sub_level(self) -> bool:
        """Families that hold sub-paragraphs in the genre: (a), (i), a), a., i), bullets,
        dashes."""
        return self.family in ("(letter)", "letter)", "(roman)", "roman)", "(letterupper)",
                               "letter.", "roman.", "bullet", "dash", "circled", "(cjk)")


def _suffix(raw: str | None) -> str:
    if not raw:
        return ""
    raw = raw.rstrip(".").lower()
    return "Alt" if raw == "alt" else raw


@lru_cache(maxsize=4096)
def division_marker(text: str) -> Marker | None:
    """"Article 4", "PART II", "Annex I", "第三章": a division label opening `text`."""
    if text[:1] not in ("第", "附") and not text[:14].lower().startswith(_WORD_STARTS):
        return None  # most paragraphs open with no division word: no pattern to try
    m = _CJK_DIVISION.match(text)
    if m:
        value = cjk_value(m.group("num")) or arabic(m.group("num"))
        unit = m.group("unit")
        label = f"第{m.group('num')}{unit}"
        number = str(value or m.group("num"))
        sub = m.group("sub")
        if sub:  # cited "Article 120-1"
            label += f"之{sub}"
            number += f"-{cjk_value(sub) or sub}"
        return Marker(f"cjk-{unit}", value, label, number,
                      m.group("rest").strip(), 2, division=_CJK_UNITS[unit])
    m = _CJK_ANNEX.match(text)
    if m:
        rest = m.group("rest")
        if _CJK_DIVISION.match(rest) or "，" in rest[:40]:
            # "附表 6 第 2 條列出…" (Schedule 6, section 2), "附表 6 規定，凡…": a sentence
            # citing the schedule, not its label and title
            return None
        num = m.group("num")
        value = (cjk_value(num) or arabic(num)) if num else None
        label = f"{m.group('word')}{num}"
        # 附件一 is cited by its numeral as printed: "附件一第1项"
        return Marker("cjk-annex", value, label, num if value else "",
                      m.group("rest").strip(), 2, division=DivisionKind.ANNEX)
    m = _DIVISION.match(text)
    if not m:
        return None
    word = m.group("word")
    kind = _WORDS.get(word.lower(), DivisionKind.SECTION)
    num = m.group("num") or ""
    rest = m.group("rest").strip()
    punct = m.group("punct")
    if not num and kind is not DivisionKind.ANNEX:
        return None  # "Part of the problem…", "Section headings…"
    if rest and not (punct and punct.strip()) and (rest[:1].islower() or rest[:1] in ",;"):
        return None  # "Article 12 of the Convention applies…", "article 12, paragraph 2"
    if not num and rest and not (punct and punct.strip()) and (
            len(rest) > 200 or not (rest[:1].isupper() or rest[:1].isdigit() or rest[:1] in "(")):
        return None  # "Annex 2025 Political Declaration …" is an annex with its title
    value = _value(num)
    suffix = _suffix(m.group("suffix"))
    number = f"{num} {suffix}" if suffix else num
    label = " ".join(x for x in (_label_word(word), num, suffix) if x)
    return Marker(kind.value, value, label, number, rest, 2, suffix, division=kind)


def _label_word(word: str) -> str:
    if word.isupper() or word.islower():
        return word[:1].upper() + word[1:].lower()
    return word


def _value(num: str) -> int | None:
    if not num:
        return None
    if num.isdigit():
        return int(num)
    if "." in num:
        return int(num.split(".")[0])
    lower = num.lower()
    if lower in _NUMBER_WORDS:
        return _NUMBER_WORDS[lower]
    return roman_value(num) or letter_value(num)


@lru_cache(maxsize=4096)
def paragraph_marker(text: str) -> Marker | None:
    """The paragraph number, letter or bullet opening `text`, or None."""
    first = text[:1]
    if first not in _MARK_STARTS:
        if not ("a" <= first.lower() <= "z"):
            return None  # a word or a character no marker opens with
        # a letter opens a marker only as "a." "iv)" "B.": a few letters, then . or )
        if _LETTERS_THEN_MARK.match(text, 1) is None:
            return _part_section(text) if text[1:2].isdigit() else None
    m = _MULTI.match(text)
    if m and (m.group("rest")[:1].isspace() or not m.group("rest")):
        rest = m.group("rest").strip()
        if not rest or rest[:1].isupper() or rest[:1] in "([“\"'" or not rest[:1].isascii():
            num = m.group("num")
            return Marker("multi", int(num.split(".")[-1]), num + (m.group("dot") or ""),
                          num, rest, 2)
    m = _ARABIC.match(text)
    if m:
        marker = _arabic(m)
        if marker is not None:
            return marker
    m = _CIRCLED.match(text)
    if m:
        return Marker("circled", circled_value(m.group("num")), m.group("num"),
                      str(circled_value(m.group("num"))), m.group("rest").strip(), 2)
    m = _CJK.match(text)
    if m and (m.group("punct") or (m.group("open") and m.group("close"))) and \
            bool(m.group("open")) == bool(m.group("close")):
        value = cjk_value(m.group("num"))
        if value is not None:
            family = "(cjk)" if m.group("open") else "cjk、"
            label = text[: m.start("rest")].strip()
            return Marker(family, value, label, str(value), m.group("rest").strip(), 2)
    roman = _ROMAN.match(text)
    letter = _LETTER.match(text)
    found = [mk for mk in (_lettered(roman, "roman"), _lettered(letter, "letter")) if mk]
    if found:
        first, *others = found
        return Marker(first.family, first.value, first.label, first.number, first.rest,
                      first.strength, alternatives=tuple(others))
    m = _DASH.match(text)
    if m and m.group("rest"):
        return Marker("dash", None, m.group("mark"), "", m.group("rest").strip(), 2)
    m = _BULLET.match(text)
    if m and m.group("rest") and not text.startswith(("**", "*)", "+)")):
        return Marker("bullet", None, m.group("mark"), "", m.group("rest").strip(), 2)
    return None


def _part_section(text: str) -> Marker | None:
    """"C1.": section 1 of the lettered part C."""
    if not text[1:2].isdigit():
        return None
    m = _PART_SECTION.match(text)
    if m is None:
        return None
    label = text[:m.end("num") + 1]
    return Marker("part-section", int(m.group("num")), label, label[:-1],
                  (m.group("rest") or "").strip(), 2)


def _arabic(m: re.Match[str]) -> Marker | None:
    opened, closed = bool(m.group("open")), bool(m.group("close"))
    if opened and not closed:
        return None
    rest = m.group("rest")
    punct = m.group("punct")
    suffix = _suffix(m.group("suffix"))
    explicit = bool(punct or closed or suffix)
    if not explicit:
        # A bare number must be followed by a space and text that starts like a sentence;
        # otherwise "2030 Agenda…" or "5G networks" would open a paragraph.
        if not rest[:1].isspace() or not rest.strip()[:1].isupper():
            return None
    elif punct in (".", "．") and rest[:1].isdigit():
        return None  # "1.5 per cent"
    elif punct in (":", "：") and rest[:1].isdigit():
        return None  # "10:30"
    if rest.strip()[:1] in (",", ";", "，", "；"):
        return None  # "resolution 1314 / (2000), as well as": a sentence runs on
    value = arabic(m.group("num"))
    if value is None:
        return None
    if not explicit and value >= 1900 and value <= 2100:
        return None  # a year opening a sentence
    shape = ("(" if opened else "") + "N" + (")" if closed and opened else "") + (
        (punct or "").strip()[:1] if punct and punct.strip() not in ("-", "–", "—") else
        ("-" if punct else ""))
    if closed and not opened:
        shape = "N)"
    shape = shape.replace("．", ".").replace("）", ")").replace("：", ":")
    label = m.group(0)[: m.start("rest")].strip()
    number = f"{value} {suffix}" if suffix else str(value)
    if m.group("sub"):
        number = f"{number}.{m.group('sub')}"  # "18 ter.2": paragraph 2 of 18 ter
    return Marker(f"arabic{shape}", value, label, number, rest.strip(), 2 if explicit else 1,
                  suffix)


def _lettered(m: re.Match[str] | None, kind: str) -> Marker | None:
    if m is None:
        return None
    opened, closed, punct = bool(m.group("open")), bool(m.group("close")), m.group("punct")
    if opened != closed and not (closed and not opened):
        return None
    if not (closed or punct):
        return None
    num = m.group("num")
    value = roman_value(num) if kind == "roman" else letter_value(num)
    if value is None or (kind == "roman" and value > 89):
        return None
    if kind == "letter" and len(num) == 2 and not opened:
        return None  # "al." / "et." are words
    rest = m.group("rest").strip()
    if punct in (".", "．") and not opened and not rest and not num.isupper():
        return None  # "e." alone is a broken word; "I." or "A." alone labels the next line
    case = "upper" if num.isupper() else ""
    if opened:
        family = f"({kind}{case})"
    elif closed or punct in (")", "）"):
        family = f"{kind}{case})"
    else:
        family = f"{kind}{case}."
    label = m.group(0)[: m.start("rest")].strip()
    return Marker(family, value, label, num, rest, 2)


# What a marker other than a letter can open with: digits, brackets, numerals, dashes, bullets.
_MARK_STARTS = frozenset("0123456789０１２３４５６７８９([（［" + CIRCLED_CHARS + CJK_NUMERAL_CHARS
                         + "—–-－─•·●○◦▪■□◆◇►▶➢➤✓✔❖∙⁃‣*+")
_WORD_STARTS = tuple(_WORDS)


# After a marker's first letter: up to seven more ASCII letters, then its stop ("iv)", "B.").
_LETTERS_THEN_MARK = lazy_compile(r"[A-Za-z]{0,7}[.)．）]")


def opening_marker(text: str) -> Marker | None:
    """A division label or a paragraph marker opening `text` (division labels first)."""
    first = text[:1]
    if first not in _MARK_STARTS and first not in "第附гсрпГСРП":
        if not ("a" <= first.lower() <= "z"):
            return None  # asked of every line: most open with a character no marker has
        # Most lines open with a word. Without a division word ("Article") or a letter
        # marker ("a)", "iv.") that is plain: the two lookups' own first tests, made here
        # before their caches, which lines of a big text only fill (each is asked once).
        if not text[:14].lower().startswith(_WORD_STARTS) and \
                _LETTERS_THEN_MARK.match(text, 1) is None:
            return _part_section(text) if text[1:2].isdigit() else None
    return division_marker(text) or paragraph_marker(text)


# A marker in the middle of a line, right after a sentence end: "…合作。 4.支持…".
# After a footnote reference too ("…in persons.8 6. We recall": the note cited, then 6.).
INLINE_MARKER = lazy_compile(
    r"(?<=[。；;.!?！？\ue001])\s*(?=(?:\*\*)?\d{1,4}\s*[.．、)](?![\d０-９]))")
