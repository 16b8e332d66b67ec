"""Recognise the structure of a negotiated text from its blocks, once, for every input format.

The builder reads the title block, then the preamble (a chapeau such as "The General Assembly,",
preambular paragraphs, an enacting formula such as "Have agreed as follows:"), then the body:
divisions (Parts, Chapters, Sections, Articles, Annexes, plain headings) nesting as deep as the
text goes, and paragraphs, numbered or not, with their sub-paragraphs (a), (i), bullets and
dashes inside them. Numbering may have gaps and restart in each division; a number only opens
a paragraph where it can (a bare "2030 Agenda" never does). Closing lines ("Done at …") are
units of their own; signature lines name the signatories. Whatever is not text (a table of
contents, page furniture, web debris) is reported in `dropped`, so no word is lost silently.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from dsrdraft.errors import NotAnInitiativeError
from dsrdraft.lazyre import lazy_compile
from dsrdraft.model import (
    Clause,
    Division,
    DivisionKind,
    Dropped,
    Footnote,
    Initiative,
    Signatory,
    UnitKind,
)
from dsrdraft.parsing import signatories as sig
from dsrdraft.parsing.addresses import assign_numbers
from dsrdraft.parsing.blocks import Block, ReadResult
from dsrdraft.parsing.footnotes import without_references
from dsrdraft.parsing.front import (
    DATE,
    PLACE_AND_DAY,
    FrontMatter,
    chapeau,
    fuller_title,
    read_front,
)
from dsrdraft.parsing.front import PREAMBLE_HEADING as _PREAMBLE_HEADING
from dsrdraft.parsing.markers import (
    DIVISION_WORDS,
    INLINE_MARKER,
    LONE_BULLETS,
    Marker,
    opening_marker,
    paragraph_marker,
)
from dsrdraft.parsing.numerals import letter_value, roman_value
from dsrdraft.parsing.recitals import (
    ENACTING,
    OPERATIVE_VERB,
    PREAMBULAR_WORD,
    THEREFORE,
    run_on_formula,
    treaty_preamble,
)
from dsrdraft.parsing.translations import split_languages, translations_of
from dsrdraft.parsing.versions import split_versions, version_translations
from dsrdraft.parsing.web import drop_debris, dropped_text
from dsrdraft.textnorm import (
    detect_language,
    first_sentence,
    has_cjk,
    language_evidence,
    normalise_whitespace,
)

_TERMINAL = lazy_compile(r"[.;:!?,。；：！？，][\"'”’)\]*_»]*$")
_CONNECTOR_END = lazy_compile(r"\b(the|of|and|to|in|for|a|an|with|on|by|or|as|at|its|their|from|"
                              r"that|which|such|this|these|between|among|into|through|under|"
                              r"de|la|le|les|des|et|du|en|el|los|las|y|del)$", re.IGNORECASE)
# "…their economic and trade relationship; and": an item of a list, ended
_ITEM_END = lazy_compile(r"[;；,]\s*(?:and|or|et|ou|y|o|und|oder)$", re.IGNORECASE)
_TOC_LINE = lazy_compile(r"^.{2,160}?(?:\s*\.{3,}|\s*…{2,}|\s*_{3,}|\t)\s*\d{1,4}$")
_CLOSING = lazy_compile(
    r"^(?:(?:done|signed|adopted|made|issued|approved|concluded|agreed)\s+(?:at|in|on|by)\b|"
    r"in witness whereof|en foi de quoi|fait à|hecho en|en fe de lo cual|"
    r"\(?signed\)?\s|adopted by (?:consensus|acclamation)|\d+(?:st|nd|rd|th) plenary meeting|"
    r"\d+(?:st|nd|rd|th) meeting\b|"
    r"本(?:倡议|协定|协议|声明|宣言|公约|条约).{0,40}(?:签署|签订|通过|发布|生效)|"
    r".{0,30}于.{2,40}(?:签订|签署)[，,。].{0,80}|ten blijke waarvan|gedaan te|zu urkund dessen|"
    r"geschehen zu)", re.IGNORECASE)
# A signer's name in a signature block: "S. SHUSHKEVICH", "(s.) LOUIS JOXE", "(Sd) M. FAWZY".
_SIGNER = lazy_compile(r"^(?:\((?:s|sd|signed|w\.g\.)\.?\)\s*)?(?:[A-Z][a-z]?\.\s*){0,3}"
                       r"[A-ZÀ-Ý][A-ZÀ-Ý'’\- ]{2,40}$")
# …or written with initials and the surname in small letters: "A. Mutalibov", "L. Ter-Petrosyan".
_SIGNER_INITIALS = lazy_compile(r"^(?:[A-Z]\.\s*){1,3}[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?[A-Za-z]?$")
# A heading over the signature block, and a signer's line under it: "Russel Morgan, President".
_SIGNATURES = lazy_compile(r"^(?:signatures?|signatories|signature page|signed)[:：]?$",
                           re.IGNORECASE)
_SIGNER_AND_ROLE = lazy_compile(r"^(?:[A-Z][\w'’.\-]*\s){1,3}[A-Z][\w'’\-]+,\s*[A-Z][\w\-]*"
                                r"(?:\s[A-Z][\w\-]*){0,4}$")
# A field of a signature block: "Print Name: ＿＿＿", "Signature of AOR<tab>", "Date:".
_SIGNATURE_FIELD = lazy_compile(
    r"^(?:[_＿.…]{3,}\s*)?(?:print(?:ed)? name|name|signature|sign|signed|date|title|by|"
    r"position|institution|witness|place|initials)\b[^:：\n]{0,60}?(?:[:：][\s_＿.…]*|"
    r"[\t_＿.…]+\s*)$", re.IGNORECASE)
# "我们，中华人民共和国和…成员国，于…齐聚…": the actor of a Chinese declaration
_CHINESE_CHAPEAU = lazy_compile(r"^我们，[^。]{4,200}[，。]$")
# "_______ Initials of AOR": where a form's signer initials each part, no text of it.
_INITIALS = lazy_compile(r"^[_＿.…]{3,}\s*initials\b[^:：]{0,60}$|^initials\b[^:：]{0,60}[:：]?\s*"
                         r"[_＿.…]{3,}$", re.IGNORECASE)
# The signer speaking in an attestation: "I acknowledge …", "my signature below …".
_SIGNER_SPEAKS = lazy_compile(r"\bI\b|\b(?:my signature|signature below|signing below|"
                              r"undersigned)\b")
# The parties' consent that opens the terms of an agreement written as prose.
_CONSENT = lazy_compile(r"^By (?:signing|executing|accepting) (?:this|the) (?:[A-Z][\w-]* ){0,3}"
                        r"(?:Agreement|Contract|Arrangement|Memorandum)\b")
# Item labels that a lead-in ending ':' may hold: "A." "B." …, "I." "II." …
_LEAD_IN_ITEMS = frozenset({"letterupper.", "romanupper.", "letterupper)", "romanupper)"})
# The parties speaking in a Chinese statement: "我们鼓励…", "中方愿…", "双方同意…".
_ACTOR_SPEAKS = lazy_compile(r"^(?:我们|中方|双方|各方|与会各方)")
_STRUCTURED_RANK = {DivisionKind.ANNEX: 0.0, DivisionKind.PART: 1.0,
                    DivisionKind.CHAPTER: 2.0, DivisionKind.SECTION: 3.0,
                    DivisionKind.ARTICLE: 4.0}
_MAX_HEADING_WORDS = 16
# A label a word processor's user makes a heading of in bold: "Be kind:", "Purpose:".
_BOLD_LABEL = lazy_compile(r"^[^\W\d_](?:[^\W_]|[ ’'\-])*[:：]$")
# A section letter or roman numeral alone on its line over numbered paragraphs ("A" … "I"
# in Security Council resolution 687): a section label without a heading.
_LONE_SECTION_LABEL = lazy_compile(r"^(?:[A-Z]|[IVX]{1,5})\.?$")
# A month and year alone ("2020 年 7 月", "July 2020"), and how many lines a signed close has.
_MONTH_YEAR = lazy_compile(r"^\d{4}\s*年\s*\d{1,2}\s*月$|^(?:January|February|March|April|May|"
                           r"June|July|August|September|October|November|December)\s+\d{4}$",
                           re.IGNORECASE)
_CLOSING_LINES = 6
_NEXT_TEXT = 100  # a line this long after a closing, on a new page, begins another text
_TITLE_LETTERS = 8  # the fewest letters of a title in capitals ("AGREEMENT"), not "ANNEX I"
_SUB_HEADS = 12  # the most sub-heads without text that an excerpt lists one after another
_SIGNER_LINE = 40  # a signer's office and name, a date: short lines
# A surname after a signer's initial, in capitals or not: "SHUSHKEVICH", "Ter-Petrosyan".
_SURNAME = lazy_compile(r"^[A-Z][A-Za-z'’]+(?:-[A-Z][A-Za-z'’]+)?$")
_NAME_GAP = 3  # blocks between two names of one signature block (an office, a place and date)
# A signer's office under the name: in words, not in capitals ("Chairman of the Supreme Soviet
# of the Republic of Belarus", "President of Ukraine"); a title in capitals is the next text's.
_OFFICE = lazy_compile(r"^[A-Z][a-z]+(?: (?:of|the|and|for|[A-Z][\w\-]*))*$")
_OFFICE_LINE = 80
# No Chinese sentence ends with a comma: the paragraph goes on after "，" or "、".
_CJK_RUN_ON = ("，", "、")
# A lead-in that ends with a dash instead of a colon (Hong Kong and Commonwealth drafting).
_DASH_LEAD_IN = ("——", "—", "–")
# The items of a list after a lead-in end with these until the last, which ends the sentence.
_LIST_SEPARATORS = (",", ";", "，", "；", "、", "; and", "; or", "；和", "；或")


@dataclass(slots=True)
class _Div:
    kind: DivisionKind
    label: str
    heading: str
    rank: float
    start: int
    type_key: str
    number_part: str  # the label's number ("4", "II"), for addresses
    parent: _Div | None = None
    children: list[_Div] = field(default_factory=list)
    family: str | None = None  # the numbering family of paragraphs directly inside
    marker_family: str = ""  # the numbering family of its own label ("arabic." for "5.")
    last: int | None = None
    units: int = 0
    numbered_heading: bool = False  # opened by a numbered heading line ("一、背景", "A. Scope")
    numbered_units: int = 0  # numbered paragraphs directly inside

    @property
    def name(self) -> str:
        return self.label or self.heading


@dataclass(slots=True)
class _Unit:
    kind: UnitKind
    marker: Marker | None
    parts: list[str]
    divisions: tuple[_Div, ...]
    footnotes: list[Footnote] = field(default_factory=list)
    list_level: int = -1
    blocks: list[int] = field(default_factory=list)
    index: int = 0
    listing: bool = False  # inside the list a lead-in ending with ':' opened
    follows: _Unit | None = None  # the numbered item this further paragraph belongs to
    item_family: str = ""  # the lettered items a lead-in ending ':' holds ("A.", "B." …)
    item_last: int = 0

    @property
    def text(self) -> str:
        return " ".join(self.parts)

    @property
    def tail(self) -> str:
        """The last piece of the text: how the unit ends, without joining all of it."""
        return self.parts[-1] if self.parts else ""


def build_initiative(read: ReadResult, *, source: str, fallback_title: str) -> Initiative:
    """The document model of what a reader found; NotAnInitiativeError when there is no text."""
    dropped = list(read.dropped)
    blocks, after_title_page = _without_contents(read.blocks, dropped)
    blocks = drop_debris(blocks, dropped, read.publisher)
    if not blocks:
        raise NotAnInitiativeError(f"{source}: empty document, no text found")
    evidence = [language_evidence(b.text) for b in blocks]  # once, for both splits
    versions = split_versions(blocks, evidence)
    main_language, main_blocks, others = split_languages(
        versions.main, evidence[:len(versions.main)])
    known = {id(b): e for b, e in zip(blocks, evidence, strict=True) if e[1]}
    builder = _Builder(main_language, dropped, known)
    builder.build(main_blocks, read.title_hint, after_title_page)
    units, divisions = builder.result()
    translations, units = translations_of(others, builder.block_units, units, main_blocks)
    front = builder.front
    title = fuller_title(front.title, read.title_hint) or fallback_title
    signatories = sig.read_signatories(builder.signatories, units, title, front.sponsors,
                                       front.lines)
    if versions.second:
        second = _Builder(versions.language, dropped, known)
        second.build(versions.second)
        second_units, second_divisions = second.result()
        translations.setdefault(versions.language, ())
        translations[versions.language] += tuple(version_translations(
            units, divisions, front.title, second_units, second_divisions, second.front.title,
            second.front.lines))
        signatories = signatories or sig.unique(second.signatories)
    year = _year(title) or _year(front.date or "")
    return Initiative(
        id="", title=title, language=main_language, clauses=tuple(units),
        signatories=tuple(sig.unique(signatories)), translations=translations, year=year,
        date=front.date, source=source, symbol=front.symbol, body=front.body,
        front_matter=tuple(front.lines), divisions=tuple(divisions), dropped=tuple(dropped))


def _year(text: str) -> int | None:
    m = re.search(r"\b(19[5-9]\d|20\d\d)\b", text)
    return int(m.group(1)) if m else None


def _without_contents(blocks: list[Block], dropped: list[Dropped]
                      ) -> tuple[list[Block], Block | None]:
    """Tables of contents: Word's TOC field or styles, or runs of dot-leader lines, with the
    title over them ("Contents"); and the first block after a title page, the short lines a
    document opens with before its table of contents (None when there is none)."""
    kept: list[Block] = []
    i, end = 0, len(blocks)
    contents_at: int | None = None  # where the first table of contents stood among `kept`
    no_outline_before = 0  # a run of labels and notes that is no outline ends here

    def contents_found() -> None:
        nonlocal contents_at
        if contents_at is None:
            if kept and _CONTENTS_TITLE.match(kept[-1].text.strip()):
                dropped.append(Dropped("table of contents (its title)",
                                       dropped_text(kept.pop())))
            contents_at = len(kept)

    while i < end:
        block = blocks[i]
        if block.toc:
            contents_found()
            dropped.append(Dropped("table of contents", dropped_text(block)))
            i += 1
            continue
        raw = block.text
        bare = 0
        if (len(raw) < 16 or raw.find("[", 0, _NOTED_LABEL) >= 0) and \
                raw.lstrip()[:1] in _LABEL_STARTS:
            bare, looked = _bare_labels(blocks, i, noted=i >= no_outline_before)
            no_outline_before = max(no_outline_before, i + looked)
        if bare:
            # "Art. 1" / "Art. 2" / "Art. 3" with nothing under any, or only an editor's
            # bracketed notes ("Art. 1 [JOINT FORCES]" / "[Noting that …]"): an outline
            reason = "table of contents (labels listed with no text under them)" if all(
                len(b.text) < 16 and "[" not in b.text for b in blocks[i:i + bare]) else (
                "table of contents (an editor's outline: labels with only bracketed notes "
                "under them)")
            dropped.extend(Dropped(reason, dropped_text(b)) for b in blocks[i:i + bare])
            i += bare
            continue
        listed = _labels_listed(blocks, i) if len(block.text) < 24 else 0
        if listed:
            # "目錄" over "第一章 總則" / "第一節 職責" …: a contents table with no page numbers
            dropped.append(Dropped("table of contents (its title)", dropped_text(block)))
            dropped.extend(Dropped("table of contents", dropped_text(b))
                           for b in blocks[i + 1:i + 1 + listed])
            contents_at = len(kept) if contents_at is None else contents_at
            i += 1 + listed
            continue
        last = block.text[-1:]
        if not (last.isdigit() or last.isspace() or (last == "." and (
                block.text.endswith(_LEADER) or len(block.text) <= 4
                or _contents_entry(block.text.strip())))):
            kept.append(block)  # no page number at its end: no contents line (most blocks)
            i += 1
            continue
        j, lines = i, 0
        while j < end:
            text = blocks[j].text.strip()
            if _contents_entry(text):
                lines += 1
            elif not (_CONTENTS_LABEL.match(text) or (
                    lines and len(text) <= 40 and not _terminated(text))) or not any(
                        _contents_entry(b.text.strip()) for b in blocks[j + 1:j + 3]):
                break  # a lone label ("D1.") or, inside the table, an entry's first line
            j += 1
        if lines >= 3:
            contents_found()
            dropped.extend(Dropped("table of contents", dropped_text(b)) for b in blocks[i:j])
            i = j
            continue
        kept.append(block)
        i += 1
    title_page = None
    if contents_at is not None and 0 < contents_at < len(kept) and \
            contents_at <= _TITLE_PAGE_BLOCKS and all(
                len(b.text) <= _TITLE_PAGE_LINE and not b.heading_level and not b.list_label
                for b in kept[:contents_at]):
        title_page = kept[contents_at]
    return kept, title_page


# The title over a table of contents, and what a title page before one may hold.
_CONTENTS_TITLE = lazy_compile(r"^(?:table of contents|contents|table des matières|sommaire|"
                               r"índice|inhalt|inhoud|目录|目錄)[:：]?$", re.IGNORECASE)
_TITLE_PAGE_BLOCKS = 20
# A contents entry whose page number went astray still ends in its dot leader; the labels of
# a table of contents laid out in columns ("D1." / "一般規則 ……") stand on lines of their own.
_LEADER = ".........."
_CONTENTS_LABEL = lazy_compile(r"^(?:[A-Z]\d{0,2}|\d{1,3}|[IVXL]{1,6})\.$")
_TRAILING_LABEL = lazy_compile(r"\s(?:[A-Z]\d{0,2}|[IVXL]{1,6})\.$")
_TITLE_PAGE_LINE = 120


# What a division label opens with: a division word's first letter, or 第 / 附.
_LABEL_STARTS = frozenset("第附" + "".join(w[:1] + w[:1].upper() for w in DIVISION_WORDS))


def _bare_labels(blocks: list[Block], i: int, *, noted: bool = True) -> tuple[int, int]:
    """How many blocks from `i` list division labels numbered in sequence (0 for fewer than
    three labels): labels alone on their lines, a list of labels, no divisions of a text; or,
    when `noted`, labels with only an editor's bracketed notes beside and under them ("Art. 1
    [JOINT FORCES]" / "[Noting that …]" / "Art. 2 [NON-FIRST-USE]"), an outline the way law
    reports print one before the instrument, when the instrument then carries the same labels
    in order (in a draft, an Article whose text is all in square brackets is text not yet
    agreed, and no label of it is printed twice). Second, how many blocks a run of labels and
    notes that is no outline spans: no label inside it begins one either."""
    n, last, family, taken, notes, depth = 0, None, None, 0, False, 0
    under = 0  # note blocks under the current label
    for j in range(i, len(blocks)):  # a run is walked once: no label in it is asked again
        text = blocks[j].text.strip()
        marker = opening_marker(text) if len(text) < _NOTED_LABEL * 4 and \
            text[:1] in _LABEL_STARTS else None
        if marker is not None and marker.division is not None and marker.value is not None \
                and (not marker.rest or marker.rest.startswith("[")) and (
                    family is None or (marker.family == family and last is not None
                                       and marker.value == last + 1)):
            if marker.rest and (len(marker.rest) > _NOTED_LABEL * 4 or not noted or (
                    notes is False and n)):
                break  # a long bracketed rest is bracketed text; bare labels stay bare
            n, last, family, under = n + 1, marker.value, marker.family, 0
            notes = notes or bool(marker.rest)
            depth = max(0, marker.rest.count("[") - marker.rest.count("]"))
            taken = j + 1 - i
            continue
        if not n or not noted or not (text.startswith("[") or depth) or \
                under >= _NOTE_BLOCKS or len(text) > _NOTE_CHARS:
            break
        if not notes and n >= 3:
            break  # bare labels, then a bracketed line: the list ends before it
        notes, under = True, under + 1
        depth = max(0, depth + text.count("[") - text.count("]"))
        taken = j + 1 - i
    if n < 3:
        return 0, taken if notes else 0
    if notes and not _labels_again(blocks, i + taken, blocks[i:i + taken]):
        return 0, taken
    return taken, 0


# An editor's outline: a label's bracketed title stays short, and under it a few bracketed
# lines of summary, each far shorter than a provision.
_NOTED_LABEL = 40
_NOTE_BLOCKS = 4
_NOTE_CHARS = 400
_OUTLINE_REACH = 5000  # blocks after an outline within which its instrument begins


def _labels_again(blocks: list[Block], start: int, outline: list[Block]) -> bool:
    """Whether the division labels of `outline` stand again after `start`, in the same order
    and each over text of its own ("Article 1" / "The Parties …"): the instrument itself."""
    wanted = [(m.division, m.value) for m in (opening_marker(b.text.strip()) for b in outline
                                               if b.text.strip()[:1] in _LABEL_STARTS)
              if m is not None and m.division is not None]
    k = 0
    for j in range(start, min(len(blocks), start + _OUTLINE_REACH) - 1):
        text = blocks[j].text.strip()
        if text[:1] not in _LABEL_STARTS or len(text) > _NOTED_LABEL * 4:
            continue
        marker = opening_marker(text)
        if marker is not None and (marker.division, marker.value) == wanted[k] and not \
                blocks[j + 1].text.lstrip().startswith("["):
            k += 1
            if k == len(wanted):
                return True
    return False


def _labels_listed(blocks: list[Block], i: int) -> int:
    """How many lines of division labels with their headings alone ("第一章 總則", "Part II
    Definitions", or the label and the heading on lines of their own) follow a contents title
    at `i` before the text begins (0 for none, or fewer than three entries): a table of
    contents without page numbers."""
    if not _CONTENTS_TITLE.match(blocks[i].text.strip()):
        return 0
    n = entries = 0
    listed: set[str] = set()
    j = i + 1
    while j < len(blocks):
        block = blocks[j]
        text = " ".join(block.text.split())
        marker = opening_marker(text)
        if block.toc or marker is None or marker.division is None or (
                marker.rest and not _heading_words(marker.rest)):
            break
        size = 1
        if not marker.rest and j + 1 < len(blocks):
            # "第一章" / "總則": a label and its heading laid out on lines of their own
            heading = " ".join(blocks[j + 1].text.split())
            if opening_marker(heading) is None and _heading_words(heading):
                text, size = f"{text} {heading}", 2
        if text in listed:
            break  # the text begins (with the first entry again: "第一章 總則")
        listed.add(text)
        n, entries, j = n + size, entries + 1, j + size
    return n if entries >= 3 else 0


def _toc_line(text: str) -> bool:
    # a contents line ends with its page number: only those are worth the pattern
    return text[-1:].isdigit() and bool(_TOC_LINE.match(text))


def _contents_entry(text: str) -> bool:
    """A line of a table of contents: "Scope …… 3", or its dot leader without the page
    number, or with the next entry's label run on after it ("訂明授權 …… 1774 C1.")."""
    if text.endswith(_LEADER) or _toc_line(text):
        return True
    tail = text[-8:]
    label = _TRAILING_LABEL.search(tail) if text[-1:] == "." else None
    return label is not None and _toc_line(
        text[:len(text) - len(tail) + label.start()].rstrip())


def _connector_end(tail: str) -> bool:
    """Whether `tail` ends with a word that joins it to what follows ("… of the")."""
    # only a tail ending with a letter (or a line break, before which "$" matches) can
    return (tail[-1:].isalpha() or tail.endswith("\n")) and bool(_CONNECTOR_END.search(tail))


def _terminated(text: str) -> bool:
    # the end says it: searching a whole long paragraph for "$" would scan all of it
    return bool(_TERMINAL.search(without_references(text).rstrip()[-16:]))


def _heading_words(text: str) -> bool:
    """Text after a division label that is its heading ("Scope", "Entry into force"), not the
    first sentence of its paragraph. Chinese has no spaces to count words by: a heading there
    is a short phrase without a full stop ("总则"), "第一条 各方应当合作。" is a paragraph."""
    if has_cjk(text):
        return len(text) <= 40 and not _terminated(text)
    return _short(text) and (not _terminated(text) or len(text.split()) <= 3)


def _stray_marks(text: str) -> bool:
    """A line of no word: one letter or a few marks ("«", "'", "N", "}"), as scans and code
    listings leave them. A CJK character is a word."""
    return len(text) <= 3 and sum(ch.isalnum() for ch in text) < 2 and not has_cjk(text)


def _note(text: str) -> bool:
    """A line wholly in parentheses ("(Adopted on 30 June 2020)"): a note, no heading."""
    return text[:1] in "(（" and text[-1:] in ")）" and len(text) <= 200


def _short(text: str) -> bool:
    return len(text) <= 150 and (text.count(" ") < _MAX_HEADING_WORDS
                                 or len(text.split()) <= _MAX_HEADING_WORDS)


class _Builder:
    def __init__(self, language: str, dropped: list[Dropped],
                 known: dict[int, tuple[str, bool]] | None = None) -> None:
        self.language = language
        self.known = known or {}  # id of an input block -> its language, where it is clear
        self.dropped = dropped
        self.units: list[_Unit] = []
        self.top: list[_Div] = []
        self.stack: list[_Div] = []
        self.current: _Unit | None = None
        self.doc_family: str | None = None  # numbering family outside any division
        self.doc_last: int | None = None
        self.type_ranks: dict[str, float] = {}
        self.block_units: dict[int, int] = {}  # id of an input block -> index of its unit
        self.signatories: list[Signatory] = []
        self.front = FrontMatter()
        self.blocks: list[Block] = []
        self.origins: list[Block] = []  # the input block each of self.blocks came from
        self.markers: list[Marker | None] = []
        self.numbered_body = False
        self.last_structured = -1  # the last block of the body that is a heading or numbered
        self.plain_heading_at = -2  # the last block taken as a heading for want of any mark
        self.styled_outline = False  # whether heading styles give the text's outline
        self._kind_for: tuple[tuple[int, int], UnitKind] = ((-1, 0), UnitKind.OPERATIVE)
        self._chain_for: tuple[tuple[int, int], tuple[_Div, ...]] = ((-1, 0), ())
        # what the last line read was: text (""), a signature line ("line"), or a signer's
        # name or office ("name", which an office may follow); one attribute, not two: past
        # 28, the builder's every attribute lookup costs more (1.4 % of a parse's instructions)
        self.signing = ""
        self.signers: set[int] = set()  # blocks that are a signer's initial and surname
        self.signature_part = False  # under a "Signatures" heading: what follows closes
        self.families_opened: set[str] = set()  # numbering families of division labels met
        self.kind_ranks: dict[DivisionKind, float] = dict(_STRUCTURED_RANK)
        self.part_sections = False  # whether sections are labelled "C1." after their part
        self.heading_families: set[str] = set()  # numbering families of numbered headings

    # ------------------------------------------------------------ the passes

    def build(self, blocks: list[Block], title_hint: str = "",
              after_title_page: Block | None = None) -> None:
        expanded = expand(blocks)
        self.blocks = [b for b, _ in expanded]
        self.origins = [origin for _, origin in expanded]
        self.markers = _without_lazy_numbers([_marker(b) for b in self.blocks])
        self.signers = _initialled_signers(self.blocks, self.markers)
        for i in self.signers:
            self.markers[i] = None  # a name, no lettered item
        self.kind_ranks = _kind_ranks(self.markers)
        self.part_sections = any(m is not None and m.family == "part-section"
                                 for m in self.markers)
        # a title page before a table of contents is all title block
        title_page = next((i for i, b in enumerate(self.origins) if b is after_title_page),
                          0) if after_title_page is not None else 0
        self.front = read_front(self.blocks, title_hint, title_page)
        start = self.front.end
        for block in self.blocks[:start]:  # the title block is no unit: its notes are reported
            self.dropped.extend(Dropped(f"footnote {n.marker} (cited in the title block)", n.text)
                                for n in block.footnotes)
        operative = self._operative_start(start)
        self._preamble(start, operative)
        self._body(operative)
        self._close_unit()

    def result(self) -> tuple[list[Clause], list[Division]]:
        numbers, division_numbers = assign_numbers(self.units, self.top)
        clauses = []
        paths: dict[int, tuple[str, ...]] = {}  # by id of a chain of divisions (units share)
        for unit, number in zip(self.units, numbers, strict=True):
            text = normalise_whitespace(without_references(unit.text))
            marker = unit.marker
            clauses.append(Clause(
                number=number, heading=first_sentence(text), text=text,
                language=self._language(unit, text),
                kind=unit.kind, path=paths.get(id(unit.divisions)) or paths.setdefault(
                    id(unit.divisions), tuple(d.name for d in unit.divisions)),
                label=marker.label if marker is not None and marker.value is not None else "",
                numbered=marker is not None and marker.value is not None,
                footnotes=tuple(unit.footnotes)))
        kinds = _outline_kinds(self.top)
        divisions = [_frozen(d, division_numbers, kinds) for d in self.top]
        return clauses, divisions

    def _language(self, unit: _Unit, text: str) -> str:
        """A unit's language: its first paragraph's, when that was clear already."""
        known = self.known.get(id(self.origins[unit.blocks[0]]))
        if known is not None:
            return known[0]
        return detect_language(text) if text else self.language

    # ------------------------------------------------------------ where the body begins

    def _operative_start(self, start: int) -> int:
        """Index of the first block of the operative part (the body): where its marks say, or
        at a signature block before that (no preamble holds its text's signatures)."""
        found = self._marked_start(start)
        return min([found, *(i for i in self.signers if start <= i < found)])

    def _marked_start(self, start: int) -> int:
        end = len(self.blocks)
        preambular_seen = False
        recitals_seen = False  # a paragraph opening as a recital has been read
        opened = start < end and chapeau(self.blocks[start].text.strip())
        for i in range(start, end):
            block, marker = self.blocks[i], self.markers[i]
            text = block.text.strip()
            if opened and i > start and marker is None and OPERATIVE_VERB.match(text) \
                    and not PREAMBULAR_WORD.match(text) and (
                        i - 1 == start or _terminated(self.blocks[i - 1].text)) \
                    and block.page == self.blocks[i - 1].page:
                return i  # "The General Assembly," … "Adopts the …": the operative part
            if i > start and marker is None and recitals_seen and THEREFORE.match(text):
                return i  # "鑑於…" / "又鑑於…" / "因此本人…現公布": the proclamation itself
            recitals_seen = recitals_seen or bool(PREAMBULAR_WORD.match(text))
            if marker is not None and marker.division is not None and (
                    not marker.rest or _short(marker.rest) or marker.division is not
                    DivisionKind.SECTION):
                return i
            if marker is not None and marker.division is None and marker.value is not None \
                    and marker.strength == 2 and not marker.sub_level:
                return self._with_heading_before(i, start)
            if block.list_label and not block.bullet:
                return i
            if marker is not None and marker.strength == 1 and marker.value == 1 and any(
                    m is not None and m.family == marker.family and m.value == 2
                    for m in self.markers[i + 1: i + 6]):
                return i  # "1 Promote …" then "2 Strengthen …": bare numbers, a sequence
            if (block.heading_level or block.title_style) and not _PREAMBLE_HEADING.match(
                    text) and not self._recital_label(i, start):
                return i
            if i > start and marker is None and _CONSENT.match(text):
                return i  # "By signing this Agreement, the Institution agrees …": the terms
            if i > start and ENACTING.search(text) and len(text.split()) <= 30:
                return i + 1
            if PREAMBULAR_WORD.match(text) and text.endswith((",", ";")):
                preambular_seen = True
        if not preambular_seen:
            return start  # no preamble: everything is the body ("We …" declarations, reports)
        for i in range(start, end):
            text = self.blocks[i].text.strip()
            if i > start and not (PREAMBULAR_WORD.match(text) or chapeau(text)) and \
                    _terminated(self.blocks[i - 1].text):
                return i
        return end

    def _with_heading_before(self, i: int, start: int) -> int:
        """The operative part begins at its first heading when one stands right before the
        first numbered paragraph ("Peacebuilding Commission" / "1. Reaffirms …")."""
        if i - 1 > start and self.markers[i - 1] is None and self._looks_like_heading(i - 1) \
                and _terminated(self.blocks[i - 2].text):
            return i - 1
        before = self.blocks[i - 1] if i - 1 == start else None
        if before is not None and self.markers[i - 1] is None and (
                before.bold or before.heading_level) and self._looks_like_heading(i - 1):
            return i - 1  # a styled heading opens the text: "***Creating a … Future***"
        return i

    def _recital_label(self, i: int, start: int) -> bool:
        """"A" alone (in a heading style, as Word users set it) over an unnumbered paragraph,
        under a "Recitals" heading: the label of that recital, not a division."""
        text = self.blocks[i].text.strip()
        if len(text) > 6 or not _LONE_SECTION_LABEL.match(text) or i + 1 >= len(self.blocks):
            return False
        nxt = self.blocks[i + 1]
        return self.markers[i + 1] is None and not nxt.heading_level and not nxt.list_label \
            and any(_PREAMBLE_HEADING.match(b.text.strip()) for b in self.blocks[start:i])

    # ------------------------------------------------------------ the preamble

    def _preamble(self, start: int, end: int) -> None:
        label: Marker | None = None  # a recital's lone label, for the paragraph under it
        for i in range(start, end):
            block, marker = self.blocks[i], self.markers[i]
            text = block.text.strip()
            if label is None and self._recital_label(i, start):
                self._close_unit()
                number = text.rstrip(".")
                label = Marker("recital", letter_value(number) or roman_value(number), text,
                               number, "", 2)
                continue
            if label is not None:
                self._new_unit(UnitKind.PREAMBULAR, label, text, block, i)
                label = None
                continue
            if _PREAMBLE_HEADING.match(text) or (block.heading_level and _short(text)) or \
                    self._title_on_new_page(i):
                self._close_unit()
                self._open_division(DivisionKind.HEADING, "", text, None, block, i)
                continue
            if i == start and chapeau(text):
                self._new_unit(UnitKind.FORMULA, None, text, block, i)
                self._close_unit()
                continue
            pieces = treaty_preamble(text) if self.current is None else None
            if pieces is not None:  # chapeau, recitals and formula printed as one paragraph
                for kind, piece in pieces:
                    self._new_unit(kind, None, piece, block, i)
                self._close_unit()
                continue
            split = run_on_formula(text) if i == end - 1 else None
            if split is not None:  # "…。面对新形势新挑战，我们呼吁：": the paragraph, the formula
                self._new_unit(UnitKind.PREAMBULAR, None, split[0], block, i)
                self._new_unit(UnitKind.FORMULA, None, split[1], block, i)
                self._close_unit()
                continue
            if i == start and i + 1 < end and _CHINESE_CHAPEAU.match(text) and \
                    PREAMBULAR_WORD.match(self.blocks[i + 1].text.strip()):
                self._new_unit(UnitKind.FORMULA, None, text, block, i)  # "我们，…领导人会议。"
                self._close_unit()
                continue
            if ENACTING.search(text) and len(text.split()) <= 30 and i == end - 1:
                self._close_unit()
                self._new_unit(UnitKind.FORMULA, None, text, block, i)
                self._close_unit()
                continue
            if self._signature(text, block, i):
                continue
            current = self.current
            if current is not None and current.kind is UnitKind.PREAMBULAR and (
                    self._continues(current, block, marker)):
                self._append(current, block, i, marker)
                continue
            self._new_unit(UnitKind.PREAMBULAR, None, text, block, i)

    # ------------------------------------------------------------ the body

    def _body(self, start: int) -> None:
        blocks, markers = self.blocks, self.markers
        # a "Preamble" or "Recitals" heading holds the preamble only: the body stands beside it
        while self.stack and not self.stack[-1].label and _PREAMBLE_HEADING.match(
                self.stack[-1].heading):
            self.stack.pop()
        last_numbered = max((i for i in range(start, len(blocks))
                             if markers[i] is not None and markers[i].value is not None),
                            default=start - 1)
        self.numbered_body = last_numbered >= start
        self.styled_outline = any(b.heading_level for b in blocks)
        self.last_structured = max(
            (j for j in range(start, len(blocks)) if blocks[j].bold or blocks[j].heading_level
             or (markers[j] is not None and (markers[j].value is not None
                                             or markers[j].division is not None))),
            default=start - 1)
        for i in range(start, len(blocks)):
            block, marker = blocks[i], markers[i]
            text = block.text.strip()
            if marker is _SIGNATURE_TAKEN:
                continue  # the state's name of the signature line before, reported with it
            if self._signature(text, block, i) or (text[:4] == "For " and
                                                 self._wrapped_signature(i)):
                continue
            if marker is None and len(text) < 24 and _SIGNATURES.match(text):
                # "Signatures" over the signers: the text's close, at the top level
                self._close_unit()
                self.stack.clear()
                self._open_division(DivisionKind.HEADING, "", text, None, block, i)
                self.signature_part = True
                continue
            if self.signature_part and _SIGNER_AND_ROLE.match(text):
                self.dropped.append(Dropped("signature block (a signer's name)",
                                            dropped_text(block)))
                continue
            if marker is not None and marker.division is not None and self._quoted_label(
                    marker, block):
                self._new_unit(self._kind(), None, text, block, i)  # "Chapter 39" of a statute
                continue
            if marker is not None and marker.division is not None and self._division_ok(
                    marker, i):
                self._division(marker, block, i)
                continue
            current = self.current
            if current is not None and current.kind is UnitKind.CLOSING and _short(text) \
                    and DATE.search(text) and not _terminated(current.tail):
                self._append(current, block, i, marker)  # "18th plenary meeting" / its date
                continue
            if self._table_header(i):
                self.dropped.append(Dropped("table header row (the columns' titles)",
                                            dropped_text(block)))
                continue
            if len(text) <= 100 and _SIGNATURE_FIELD.match(block.text.strip(" \n")):
                self._new_unit(UnitKind.CLOSING, None, text, block, i)  # "Date: ＿＿＿＿"
                self._close_unit()
                continue
            if i == len(blocks) - 1 and i > start and len(text) <= 3 and text.isdigit():
                # a number alone closing a document is its page number, no paragraph
                self.dropped.append(Dropped("page furniture (page number)", text))
                continue
            if text[:1] in "_＿.…iI" and _INITIALS.match(text):
                self.dropped.append(Dropped("a form's line for initials (page furniture)",
                                            dropped_text(block)))
                continue
            if marker is None and self._attestation(i):
                self._new_unit(UnitKind.CLOSING, None, text, block, i)  # "I acknowledge …"
                self._close_unit()
                continue
            if self._lead_in_item(marker):
                current = self.current
                assert current is not None and marker is not None and marker.value is not None
                self._append(current, block, i, marker)
                current.item_family, current.item_last = marker.family, marker.value
                continue
            if marker is None and len(text) <= 3 and _stray_marks(text) and \
                    not self._lone_section_label(i):
                # "«" or "N" alone on a line of a scan: kept as a unit of its own that opens
                # nothing and that nothing runs on into; what follows is read as if it were
                # not there (the paragraph before goes on, or a heading stands after it)
                before = self.current
                self._new_unit(self._kind(), None, text, block, i)
                self.current = before
                continue
            if self._signed_close(i, last_numbered):
                last = self.units[-1] if self.units else None
                if last is not None and last.kind is UnitKind.CLOSING and last is self.current:
                    self._append(last, block, i, marker)  # its signer, its date
                else:
                    self._new_unit(UnitKind.CLOSING, None, text, block, i)
                continue
            if self._is_heading(i, last_numbered):
                self._close_unit()
                self._heading(marker, block, i)
                continue
            if (_CLOSING.match(text) or self._after_closing(marker, i)) and not (
                    self.current and not _terminated(self.current.tail)
                    and self.current.kind is not UnitKind.CLOSING):
                last = self.units[-1] if self.units else None
                if last is not None and last.kind is UnitKind.CLOSING and _short(text) and \
                        not _CLOSING.match(text) and last is self.current:
                    self._append(last, block, i, marker)  # its date and place
                    continue
                self._close_unit()
                self._new_unit(UnitKind.CLOSING, None, text, block, i)
                continue
            if marker is None and self._closes_headed_groups(i, text):
                self.stack.clear()  # "我们鼓励…" after the last group: the statement's close
                self.current = None
            kind = self._kind()
            current = self.current
            if marker is not None and marker.division is None:
                marker = self._role(marker, block, current, i)
            if marker is not None and marker.division is None and marker.value is not None \
                    and self._opens_unit(marker, block, current):
                self._leave_sections(marker)
                self._new_unit(self._kind(), marker, marker.rest, block, i)
                self._numbered(marker)
                continue
            if current is not None and current.kind is not UnitKind.FORMULA and \
                    self._continues(current, block, marker):
                self._append(current, block, i, marker)
                continue
            if current is not None and current.kind is not UnitKind.FORMULA and \
                    marker is None and self._numbered_context(current, i):
                if text[:1].islower() or not _terminated(current.tail) or \
                        current.tail.rstrip().endswith(_CJK_RUN_ON):
                    # "…21 members," / "participating in …", "…with the United Nations" /
                    # "Office on Drugs and Crime …": the paragraph runs on
                    self._append(current, block, i, marker)
                    continue
                # a further paragraph of a numbered item: a unit of its own, "3.1.2"
                item = current.follows or current
                self._new_unit(kind, None, text, block, i)
                self.units[-1].follows = item
                continue
            if marker is not None and marker.value is None:  # a bullet or dash item
                self._new_unit(kind, marker, marker.rest, block, i)
                continue
            self._new_unit(kind, None, text, block, i)

    def _attestation(self, i: int) -> bool:
        """The sentence a signer signs right above the signature fields, in the signer's
        voice ("As an Investigator, I acknowledge that I have read …" / "Name and title:
        ＿＿"): the signature block's, once the sentence before it has ended."""
        if i + 1 >= len(self.blocks) or len(self.blocks[i + 1].text) > 120:
            return False  # the cheap test first: asked of every unnumbered paragraph
        nxt = self.blocks[i + 1].text.strip(" \n")
        if len(nxt) > 100 or not _SIGNATURE_FIELD.match(nxt) or (
                self.current is not None and not _terminated(self.current.tail)):
            return False
        text = self.blocks[i].text
        return _terminated(text) and bool(_SIGNER_SPEAKS.search(text))

    def _lead_in_item(self, marker: Marker | None) -> bool:
        """"Within this area, work could include:" / "A. Scientific cooperation …:" / its
        bullets / "B. Information …": capital-lettered items after a lead-in ending ':' are
        the lead-in's, in sequence, however much they look like section headings. So are
        sub-paragraphs that carry on the lead-in's unfinished sentence ("… shall have the
        right to" / "(1) examine the books …")."""
        current = self.current
        if current is None or marker is None or marker.division is not None or \
                marker.value is None or current.kind not in (UnitKind.OPERATIVE, UnitKind.ANNEX):
            return False
        # a sub-paragraph's mark ("(1)", "a)"), not a paragraph's ("1."), carrying on
        runs_on = marker.value == 1 and marker.family.endswith(")") and \
            marker.rest[:1].islower() and not current.item_family and \
            not _terminated(current.tail)
        if not (marker.family in _LEAD_IN_ITEMS or runs_on
                or marker.family == current.item_family):
            return False
        if marker.family == self._family()[0]:
            return False  # the paragraphs' own numbering
        if current.item_family:
            return marker.family == current.item_family and marker.value == current.item_last + 1
        return runs_on or (marker.value == 1 and current.tail.rstrip().endswith((":", "：")))

    def _closes_headed_groups(self, i: int, text: str) -> bool:
        """A Chinese statement's measures stand under numbered headings without a subject
        ("鼓励发展…", "推动…"); a paragraph in which the parties speak again ("我们鼓励…",
        "中方愿同各方一道…") after the last group, with no heading after it, is the close of
        the whole statement, not the last group's."""
        if not self.stack or not _ACTOR_SPEAKS.match(text) or not all(
                d.numbered_heading and not d.numbered_units for d in self.stack):
            return False
        if i < self.last_structured:
            return False  # a heading or a numbered paragraph follows
        group = self.units[self.stack[-1].start:]
        return bool(group) and not any(_ACTOR_SPEAKS.match(u.text) for u in group)

    def _signed_close(self, i: int, last_numbered: int) -> bool:
        """The few short lines that end a notice, a proclamation or a guideline after its
        last paragraph, one of them a date alone: its date of issue and its signer ("2020 年
        7 月" / "保安局局長"; "行政長官 林鄭月娥" / "2020 年 6 月 30 日"; "June 2020" /
        "Minister of …"): its closing, with the signer's name in another language beside."""
        if len(self.blocks) - i > _CLOSING_LINES or i < last_numbered - _CLOSING_LINES or (
                self.current is not None and not _terminated(self.current.tail)):
            return False  # the cheap tests first: asked of the last lines of every text
        dated = False
        for j in range(i, len(self.blocks)):
            text, marker = self.blocks[j].text.strip(), self.markers[j]
            if len(text) > _SIGNER_LINE or (marker is not None and (
                    marker.division is not None or marker.strength == 2)):
                return False
            m = DATE.search(text) or _MONTH_YEAR.search(text)
            dated = dated or (m is not None and len(text) - (m.end() - m.start()) <= 4)
        return dated and (self.markers[i] is None or self.markers[i].strength < 2)

    def _after_closing(self, marker: Marker | None, i: int) -> bool:
        """After "Done at …" or "46th plenary meeting", the date and place lines that follow
        close the text too, until a numbered paragraph or a division begins again, or, in a
        compilation, the next text at the top of a page (a paragraph, no signer's line)."""
        last = self.units[-1] if self.units else None
        if last is not None and self.stack and self.stack[-1].start > last.index:
            return False  # a heading came after it: the text has gone on ("Exhibit A")
        block = self.blocks[i]
        if last is not None and len(block.text) > _NEXT_TEXT and \
                block.page > self.blocks[last.blocks[-1]].page:
            return False  # "Protocol to the Agreement establishing …" on the next page
        return last is not None and last.kind is UnitKind.CLOSING and (
            marker is None or marker.strength < 2
            or (marker.value is None and marker.division is None))

    def _table_header(self, i: int) -> bool:
        """The first row of a table whose rows are numbered ("Quantity | Value" over
        "1. Onions | 3.000 | …") names its columns: it is no unit of the text."""
        block = self.blocks[i]
        if not block.in_table or self.markers[i] is not None or (
                i > 0 and self.blocks[i - 1].table_id == block.table_id):
            return False
        following = [j for j in range(i + 1, min(len(self.blocks), i + 4))
                     if self.blocks[j].table_id == block.table_id]
        return bool(following) and all(
            self.markers[j] is not None and self.markers[j].value is not None for j in following)

    def _leave_sections(self, marker: Marker) -> None:
        """"19. Required Disclosures" after section 18's "18.4": a paragraph numbered like
        the sections' headings, past the open one, stands beside it, not inside it."""
        while self.stack and self.stack[-1].kind is DivisionKind.SECTION and \
                self.stack[-1].marker_family == marker.family and marker.value is not None \
                and self.stack[-1].number_part.isdigit() and \
                marker.value > int(self.stack[-1].number_part):
            self.stack.pop()
            self.current = None

    def _kind(self) -> UnitKind:
        # asked for every unit; the answer changes only when the open divisions do
        key = (len(self.stack), id(self.stack[-1]) if self.stack else 0)
        if self._kind_for[0] != key:
            annex = any(d.kind is DivisionKind.ANNEX for d in self.stack)
            # "Article I. Preamble" holds the preamble: its own paragraphs are preambular
            preamble = bool(self.stack) and self.stack[-1].label != "" and bool(
                _PREAMBLE_HEADING.match(self.stack[-1].heading))
            self._kind_for = (key, UnitKind.ANNEX if annex else UnitKind.PREAMBULAR if
                              preamble else UnitKind.CLOSING if self.signature_part
                              else UnitKind.OPERATIVE)
        return self._kind_for[1]

    def _chain(self) -> tuple[_Div, ...]:
        """The open divisions as a tuple, one tuple shared by the units of a division (what
        addressing works out per chain, it then works out once)."""
        key = (len(self.stack), id(self.stack[-1]) if self.stack else 0)
        if self._chain_for[0] != key:
            self._chain_for = (key, tuple(self.stack))
        return self._chain_for[1]

    def _context(self) -> _Div | None:
        return self.stack[-1] if self.stack else None

    def _family(self) -> tuple[str | None, int | None]:
        ctx = self._context()
        return (ctx.family, ctx.last) if ctx is not None else (self.doc_family, self.doc_last)

    def _numbered(self, marker: Marker) -> None:
        ctx = self._context()
        if ctx is not None:
            ctx.numbered_units += 1
            ctx.family, ctx.last = marker.family, marker.value
        else:
            self.doc_family, self.doc_last = marker.family, marker.value

    def _role(self, marker: Marker, block: Block, current: _Unit | None, i: int) -> Marker | None:
        """Which reading of an ambiguous marker fits ("(i)" after "(h)" is a letter), and
        whether a weak one (a bare "2 ") numbers a paragraph at all."""
        family, last = self._family()
        readings = (marker, *marker.alternatives)
        for reading in readings:
            if family is not None and reading.family == family:
                marker = reading
                break
        if marker.strength < 2:
            expected = (last or 0) + 1
            if not (marker.family == family and marker.value == expected) and not (
                    family is None and marker.value == 1):
                return None  # "2030 Agenda …": text, not a number
        return marker

    def _opens_unit(self, marker: Marker, block: Block, current: _Unit | None) -> bool:
        family, last = self._family()
        if current is None or family is None:
            # "(a)" after a paragraph of the same division is a sub-paragraph; but a list
            # that starts after a paragraph ending its sentence ("…世界和平安宁。" /
            # "（一）积极参与…") is a list of items in their own right
            if current is not None and marker.family.startswith("arabic(") and \
                    current.tail.rstrip().endswith((":", "：")):
                return False  # "…shall not apply to an invention that:" / "(1) Relate to …"
            return current is None or not marker.sub_level or current.kind is UnitKind.FORMULA \
                or (marker.value == 1 and current.tail.rstrip().endswith((".", "。", "!", "！"))
                    and not marker.rest[:1].islower())
        if marker.family == family:
            # a number in mid-sentence, carried onto a new line, opens nothing
            return not (current.marker is not None and last is not None
                        and marker.value is not None and not _terminated(current.tail)
                        and marker.value not in (last, last + 1))
        if 0 <= current.list_level < block.list_level:
            return False  # a deeper level of Word's list: a sub-paragraph
        return not (marker.sub_level or current.tail.rstrip().endswith((":", "：")))

    def _continues(self, current: _Unit, block: Block, marker: Marker | None) -> bool:
        """Whether an unnumbered block (or a sub-paragraph) goes on with the current unit."""
        text = block.text.strip()
        if marker is not None and marker.division is None and marker.sub_level:
            # (a), (i), bullets and dashes belong to the paragraph above them; but in a body
            # of unnumbered paragraphs, Chinese "——" items after a lead-in are units, and a
            # bullet after a unit that is itself a bullet item is that item's sibling (bullets
            # standing under a heading or a label: "Section 2. Requirements" / "• …" / "• …")
            if marker.family == "bullet" and current.marker is not None and \
                    current.marker.family == "bullet":
                return False
            return not (marker.label == "——" and not self.numbered_body and (
                current.kind is not UnitKind.PREAMBULAR and (
                    current.marker is None or current.marker.value is None)))
        if marker is not None and marker.value is not None and marker.strength == 2:
            return False
        if block.in_table:
            return True  # table text stays in its unit
        if block.page > self.blocks[current.blocks[-1]].page and not _terminated(current.text):
            return True  # a sentence that runs on over a page break
        tail = without_references(current.tail).rstrip()[-24:]  # how it ends is enough
        if (text[:1].islower() and not _terminated(current.tail)) or (
                _connector_end(tail) and not _ITEM_END.search(tail)):
            return True  # a paragraph split by a page break ("… the" / "Republic of …")
        if text[:1].islower() and not _short(text):
            return True
        if current.listing and current.tail.rstrip().endswith(_LIST_SEPARATORS):
            return True  # "由下列人员组成：" / "委员长，" / "副委员长若干人，" / "秘书长。"
        if current.tail.rstrip().endswith("：") and text.endswith("。") and len(text) > 40 \
                and current.marker is not None and current.marker.value is not None:
            return False  # "十、…，双方同意：" / whole paragraphs agreed: units of the item
        return current.tail.rstrip().endswith((":", "："))

    def _title_on_new_page(self, i: int) -> bool:
        """A title in capitals opening a page over text that is not, from its first word on
        ("DECLARATION BY THE HEADS OF STATE …" / "He, the leaders of …"; not "TEXT OF …" /
        "UKRAINE - I.L.M. Page 142", a title wrapped onto the next line): the next text of a
        compilation begins: a heading, which nothing before it runs on into (a sentence carried
        over a page break goes on in its own case; a text set all in capitals has no such
        title)."""
        block = self.blocks[i]
        if i == 0 or i + 1 >= len(self.blocks) or block.page == self.blocks[i - 1].page or \
                self.markers[i] is not None:
            return False
        text, nxt = block.text.strip(), self.blocks[i + 1].text.strip()
        return text.isupper() and sum(ch.isalpha() for ch in text) >= _TITLE_LETTERS and \
            _short(text) and not _terminated(text) and text[:1] not in "[(" and \
            nxt[:1].isupper() and any(ch.islower() for ch in nxt.split()[0])

    def _numbered_context(self, current: _Unit, i: int) -> bool:
        """Between two numbered paragraphs of one division, unnumbered text belongs to the
        first (its further paragraphs, quoted text), unless it is a heading."""
        current = current.follows or current
        if current.marker is None or current.marker.value is None:
            return False
        family = current.marker.family
        past_label = False  # a section's label stands between them
        for j in range(i + 1, min(len(self.blocks), i + 200)):
            marker = self.markers[j]
            if marker is None:
                continue
            if marker.division is not None:
                return False
            if marker.family == "part-section" or any(
                    d.numbered_heading and d.marker_family == marker.family for d in self.stack):
                past_label = True  # "D2." / "E.": the next section's label
                continue
            if marker.family == family or any(a.family == family for a in marker.alternatives):
                if past_label and marker.value != (current.marker.value or 0) + 1:
                    return False  # numbered in each section: the text closes the section
                # numbered on through the sections (8 in D1, 9 in D2): the text is 8's
                return marker.value is not None and not self._looks_like_heading(j)
            if marker.value is not None and not marker.sub_level and marker.strength == 2:
                return False
        return False

    # ------------------------------------------------------------ headings and divisions

    def _quoted_label(self, marker: Marker, block: Block) -> bool:
        """Where Word's heading styles give the outline, a division label in a paragraph
        without one that would close a styled heading above it ("Chapter 39" of a statute
        quoted under the heading "Utah" of an exhibit) is text of that heading's part."""
        if not self.styled_outline or block.heading_level or block.title_style or \
                marker.division is DivisionKind.ANNEX:
            return False
        rank = self.kind_ranks.get(marker.division or DivisionKind.SECTION, 3.0)
        return any(d.type_key[:1] == "h" and d.type_key[1:].isdigit() and d.rank >= rank
                   for d in self.stack)

    def _division_ok(self, marker: Marker, i: int) -> bool:
        """"Section 2 of the Convention provides …" is a sentence, "Section 2" a label."""
        rest = marker.rest
        if not rest:
            return True
        if marker.division is DivisionKind.ARTICLE or marker.division is DivisionKind.ANNEX:
            return True
        return _short(rest) and not _terminated(rest)

    def _division(self, marker: Marker, block: Block, i: int) -> None:
        self._close_unit()
        self.signature_part = False  # "Annex I" after the signatures: the text goes on
        kind = marker.division or DivisionKind.SECTION
        heading, rest = "", marker.rest
        if rest and (_heading_words(rest) or (kind is DivisionKind.ANNEX and len(
                rest.split()) <= 40 and not _terminated(rest))):  # "Annex 2025 Political …"
            heading, rest = rest.rstrip(" .:–—-"), ""
        elif not rest and i + 1 < len(self.blocks):
            following = self.blocks[i + 1]
            nxt = following.text.strip()
            # an annex's title under its label is long: "2025 Political Declaration on …"
            styled = (following.heading_level or kind is DivisionKind.ANNEX) and len(
                nxt.split()) <= 40 and not _terminated(nxt) and not nxt[:1].islower()
            if self.markers[i + 1] is None and (_short(nxt) or styled) and (
                    not _terminated(nxt) or following.bold or following.heading_level) \
                    and not _CLOSING.match(nxt):
                heading = nxt
                self.markers[i + 1] = _HEADING_TAKEN
                note = self.blocks[i + 2].text.strip() if i + 2 < len(self.blocks) else ""
                if self.markers[i + 2] is None and _note(note):
                    # "《…法》" / "(2020 年 6 月 30 日…通過)": the title's note of adoption
                    heading = f"{heading} {note}"
                    self.markers[i + 2] = _HEADING_TAKEN
        self._open_division(kind, marker.label, heading, marker, block, i, notes=not rest)
        if rest:  # "Article 3 The Parties shall …": its first paragraph, with the notes
            self._new_unit(self._kind(), None, rest, block, i)

    def _looks_like_heading(self, i: int) -> bool:
        block = self.blocks[i]
        text = block.text.strip()
        marker = self.markers[i]
        if block.heading_level or block.title_style:
            return True
        if marker is not None and marker.family == "bullet":
            return False  # a bullet item, however short ("• Create and maintain a website")
        body = marker.rest if marker is not None and marker.division is None else text
        if not body or not _short(body) or (block.list_label and not block.heading_level):
            return False
        if body.endswith(_DASH_LEAD_IN):
            return False  # "…如下 ——", "… as follows —": a lead-in over its items
        if marker is not None and marker.value is not None and has_cjk(body) and \
                not _heading_words(body):
            return False  # "26. 根據附表 6 第 18 條，如…知悉，在" / a page break: a paragraph
        if self._lone_section_label(i):
            return True  # "A" is a section letter, not the article "a" ending a line
        if _stray_marks(body):
            return False  # "«", "'", "N": a scanner's stray marks name nothing; a heading does
        if _note(body):
            return False  # "(2020 年 6 月 30 日…通過)", "(Adopted on …)": a note, no heading
        if self._bold_label(i):
            return True  # "Be kind:" in bold over its paragraph
        if _terminated(body) or _connector_end(body[-24:]) or _CLOSING.match(text):
            return False
        return not body[:1].islower()

    def _next_section(self, marker: Marker) -> bool:
        """A number that follows an open section heading's in its numbering ("二、" after the
        heading "一、…"): the next section's heading, though only the first was styled."""
        if marker.value is None or marker.division is not None or not marker.rest or not any(
                d.numbered_heading and d.marker_family == marker.family
                and d.number_part == str(marker.value - 1) for d in self.stack):
            return False
        # "19. Required Disclosures. The recipient …" is a paragraph, not a heading
        return _short(marker.rest) and not _terminated(marker.rest)

    def _bold_label(self, i: int) -> bool:
        """A short bold label ending ':' over a plain paragraph of its own ("**Be kind:**" /
        "Be attentive to …"): a heading, as word processors' users write them without a
        heading style; a lead-in over a list, or over a bold or numbered line, is none."""
        block = self.blocks[i]
        if not block.bold or self.markers[i] is not None or i + 1 >= len(self.blocks) or \
                not _BOLD_LABEL.match(block.text.strip()):
            return False
        nxt = self.blocks[i + 1]
        return not (nxt.bold or nxt.heading_level or nxt.list_label or nxt.in_table
                    or self.markers[i + 1] is not None) and nxt.text.strip()[:1].isupper()

    def _lone_section_label(self, i: int) -> bool:
        """"A" alone over "2. Demands …": a section's letter. Over an unnumbered paragraph
        a lone letter labels that paragraph (recitals "A", "B" of a deed), no section."""
        text = self.blocks[i].text
        if self.markers[i] is not None or len(text) > 12 or not _LONE_SECTION_LABEL.match(
                text.strip()):
            return False
        nxt = self.markers[i + 1] if i + 1 < len(self.blocks) else None
        return nxt is not None and nxt.value is not None and nxt.division is None \
            and not nxt.sub_level

    def _is_heading(self, i: int, last_numbered: int) -> bool:
        if self.markers[i] is _HEADING_TAKEN:
            return True
        marker = self.markers[i]
        nmarker = self.markers[i + 1] if i + 1 < len(self.blocks) else None
        if marker is not None and marker.value is not None and marker.family.startswith(
                "arabic") and nmarker is not None and nmarker.family == "multi" and \
                nmarker.number.split(".")[0] == marker.number and marker.rest.count(" ") < 8:
            return True  # "5. Data." over "5.1 Use of Customer Data …": section 5's heading
        if marker is not None and marker.value is not None and marker.rest.count(" ") < 4 \
                and marker.rest.endswith(".") and any(
                    d.kind is DivisionKind.SECTION and d.marker_family == marker.family
                    for d in self.stack[:1] + self.top[-1:]):
            return True  # "23. Definitions." among such section headings
        if marker is not None and self._next_section(marker):
            return True  # "二、…" after the section "## 一、…": the next section's heading
        if not self._looks_like_heading(i):
            return False
        block = self.blocks[i]
        if block.heading_level or block.title_style:
            return True
        if nmarker is not None and self._next_section(nmarker) and marker is None:
            return False  # the one line under "一、…" before "二、…": the section's text
        if i + 1 >= len(self.blocks) or (
                self.numbered_body and i > last_numbered and not self._units_follow(i)):
            return False  # nothing follows it: a closing line or a signature, not a heading
        nxt, nmarker = self.blocks[i + 1], self.markers[i + 1]
        marker = self.markers[i]
        if nmarker is not None and nmarker.sub_level and nmarker.rest[:1].islower():
            return False  # "ISNAR shall be" / "(a) exempt from customs duties …": a lead-in
        if marker is not None and marker.value is not None:
            if self._bodiless_heads(i):
                return True  # "1.深化…合作伙伴关系" / "2.…" / "3.…" with no text: sub-heads
            # "1. Transparency" / "2. Openness": a list of short items, not headings
            if nmarker is not None and nmarker.family == marker.family:
                return False
            family, last = self._family()
            if family == marker.family and last is not None and marker.value == last + 1 \
                    and not block.bold:
                return False  # "15．关于…的决定" goes on with the list above it
            if marker.family in self.heading_families and nmarker is None and \
                    has_cjk(marker.rest) and _heading_words(marker.rest):
                return True  # "（一）坚持尊重网络主权" unbolded, where "**（二）…**" are sections
            if self.part_sections and marker.family == "letterupper." and \
                    _heading_words(marker.rest):
                return True  # "A." / "概論" where parts hold sections "C1.": part A
            if block.bold and (nmarker is None or nmarker.value is not None):
                return True  # "**一、背景**" / "**（一）加强普惠合作**" over its paragraphs
            if marker.sub_level:
                return False
            return nmarker is not None or len(nxt.text) > 150
        if block.in_table:
            return False
        styled = block.bold or block.centered or (
            block.text.isupper() and sum(ch.isalpha() for ch in block.text) >= 3)
        if styled:
            return True
        # A plain short line between paragraphs, followed by text that starts a sentence;
        # not one right under another such heading, which is that heading's text
        # ("北京市" / "北京仲裁委员会": a heading has something under it).
        if self.plain_heading_at == i - 1:
            return False
        found = (nmarker is not None or not nxt.text[:1].islower()) and (
            self.current is None or _terminated(self.current.tail))
        if found:
            self.plain_heading_at = i
        return found

    def _bodiless_heads(self, i: int) -> bool:
        """Short numbered Chinese lines "1." "2." "3." one under the other, after a paragraph
        that has ended its sentence (no lead-in "：") and before a heading: sub-heads of an
        excerpt whose text was left out, not the items of a list."""
        markers, blocks = self.markers, self.blocks
        marker = markers[i]
        if marker is None or marker.value is None or not marker.family.startswith("arabic") \
                or not has_cjk(marker.rest):
            return False

        def follows(j: int) -> bool:  # markers[j] continues the run of markers[j - 1]
            m, before = markers[j], markers[j - 1]
            return m is not None and before is not None and m.family == marker.family and \
                m.value is not None and before.value is not None and m.value == before.value + 1

        start = i
        while start > 0 and i - start <= _SUB_HEADS and follows(start):
            start -= 1
        end = i
        while end + 1 < len(blocks) and end - start <= _SUB_HEADS and follows(end + 1):
            end += 1
        if end - start > _SUB_HEADS:
            return False  # a long run is a list (and is not walked again and again)
        if start == 0 or start == end or markers[start].value != 1 or \
                markers[start - 1] is not None or end + 1 >= len(blocks):
            return False
        if not blocks[start - 1].text.rstrip().endswith(("。", "！", "？")):
            return False
        after = blocks[end + 1]
        return (after.bold or after.heading_level or (
            markers[end + 1] is not None and markers[end + 1].division is not None)) and all(
                _heading_words(m.rest) for m in markers[start:end + 1] if m is not None)

    def _lost_chapter_number(self, i: int) -> Marker | None:
        """A bold heading standing where the next chapter's would ("**一、…**" … "**三、…**",
        then "**构建…中国主张**" over "（一）…" that restarts the sections' numbering): that
        chapter, its number lost in the excerpt; the marker it would have had."""
        block = self.blocks[i]
        if not block.bold or not self.stack or not self.stack[0].numbered_heading:
            return None
        top = self.stack[0]
        restart = next((m for m in self.markers[i + 1:i + 6] if m is not None), None)
        if restart is None or restart.value != 1 or restart.family == top.marker_family or \
                restart.family not in self.heading_families or not top.number_part.isdigit():
            return None  # (the few markers below it first: most bold lines stop here)
        if sum(1 for d in self.top if d.numbered_heading
               and d.marker_family == top.marker_family) < 2:
            return None  # one numbered heading is no level of chapters yet
        value = int(top.number_part) + 1
        return Marker(top.marker_family, value, "", str(value), block.text.strip(), 2)

    def _units_follow(self, i: int) -> bool:
        return any(m is not None and (m.value is not None or m.division is not None)
                   for m in self.markers[i + 1: i + 50])

    def _heading(self, marker: Marker | None, block: Block, i: int) -> None:
        text = block.text.strip()
        if self.markers[i] is _HEADING_TAKEN:
            self._heading_notes(block)
            return
        if marker is not None and marker.value is not None and self._bodiless_heads(i):
            self._open_division(DivisionKind.HEADING, marker.label.rstrip("."),
                                marker.rest, marker, block, i)
        elif marker is not None and marker.value is not None:
            self._open_division(DivisionKind.SECTION, marker.label.rstrip("."),
                                marker.rest.rstrip(" .:"), marker, block, i, numbered=True)
        elif (lost := self._lost_chapter_number(i)) is not None:
            self._open_division(DivisionKind.SECTION, "", text, lost, block, i, numbered=True)
        elif self._lone_section_label(i):
            self._open_division(DivisionKind.SECTION, text.rstrip("."), "", None, block, i)
        else:
            self._open_division(DivisionKind.HEADING, "", text, None, block, i,
                                rank=self._restart_above(i))

    def _restart_above(self, i: int) -> float | None:
        """The rank of a plain heading over a new run of labels ("By-laws" over "Article I"
        after the constitution's "Article XI", labelled alike): beside that kind's
        divisions, not inside the one open. A preamble's heading holds the preamble only."""
        # the label first (most headings have none close below them), then what is between
        label = next((j for j in range(i + 1, min(len(self.blocks), i + 4))
                      if self.markers[j] is not None and self.markers[j].division is not None),
                     None)
        if label is None:
            return None
        marker = self.markers[label]
        assert marker is not None and marker.division is not None
        if marker.value != 1 or marker.family not in self.families_opened or \
                _PREAMBLE_HEADING.match(self.blocks[i].text.strip("[] \n")) or any(
                    self._looks_like_heading(j) for j in range(i + 1, label)):
            return None  # (another heading first: this one is no heading over them)
        # beside the kind's divisions, inside what holds them (an annex stays open)
        return self.kind_ranks[marker.division] - 0.25

    def _open_division(self, kind: DivisionKind, label: str, heading: str,
                       marker: Marker | None, block: Block, i: int, *,
                       notes: bool = True, numbered: bool = False,
                       rank: float | None = None) -> None:
        type_key = self._type_key(kind, marker, block)
        rank = self._rank(kind, type_key) if rank is None else rank
        if numbered and marker is not None:
            rank = self._numbered_heading_rank(marker.family, rank)
        while self.stack and self.stack[-1].rank >= rank:
            self.stack.pop()
        number_part = marker.number if marker is not None else ""
        if notes:
            self._heading_notes(block)
        heading = without_references(heading)
        div = _Div(kind, label, " ".join(heading.split()), rank, len(self.units), type_key,
                   number_part, parent=self.stack[-1] if self.stack else None)
        div.marker_family = marker.family if marker is not None else ""
        div.numbered_heading = numbered
        if numbered and marker is not None:
            self.heading_families.add(marker.family)
        if div.parent is not None:
            div.parent.children.append(div)
        else:
            self.top.append(div)
        self.stack.append(div)
        if marker is not None:
            self.families_opened.add(marker.family)
        self.current = None

    def _numbered_heading_rank(self, family: str, rank: float) -> float:
        """Numbered headings of another numbering than the open one's nest in it ("（二）…"
        under "一、…"); headings numbered alike are siblings, wherever they stand."""
        key = f"numbered-heading:{family}"
        if key not in self.type_ranks:
            outer = next((d for d in reversed(self.stack)
                          if d.numbered_heading and d.marker_family != family), None)
            self.type_ranks[key] = outer.rank + 0.25 if outer is not None else rank
        return self.type_ranks[key]

    def _heading_notes(self, block: Block) -> None:
        """A heading is no unit: the notes it cites are reported, not lost with it."""
        if block.footnotes:
            self.dropped.extend(Dropped(f"footnote {n.marker} (cited in a heading)", n.text)
                                for n in block.footnotes)

    def _type_key(self, kind: DivisionKind, marker: Marker | None, block: Block) -> str:
        if kind in _STRUCTURED_RANK:
            return kind.value
        if block.heading_level:
            return f"h{block.heading_level}"
        return f"{kind.value}:{marker.family if marker is not None else 'plain'}"

    def _rank(self, kind: DivisionKind, type_key: str) -> float:
        if kind in self.kind_ranks:
            return self.kind_ranks[kind]
        if type_key.startswith("h") and type_key[1:].isdigit():
            return 0.5 + int(type_key[1:]) * 0.5 + (0.01 if not self.stack else 0)
        if type_key not in self.type_ranks:
            # A kind of heading first met inside a division nests below it; met at the top,
            # it is a top-level heading (and later headings of its kind are its siblings).
            inner = self.stack[-1].rank if self.stack else 0.5
            self.type_ranks[type_key] = inner + 0.25
        return self.type_ranks[type_key]

    # ------------------------------------------------------------ units

    def _new_unit(self, kind: UnitKind, marker: Marker | None, text: str, block: Block,
                  i: int) -> None:
        self._close_unit()
        unit = _Unit(kind, marker, [text] if text else [], self._chain(),
                     list(block.footnotes), block.list_level, [i], len(self.units))
        self.units.append(unit)
        self.block_units[id(self.origins[i])] = unit.index
        self.current = unit
        for div in self.stack:
            div.units += 1

    def _append(self, unit: _Unit, block: Block, i: int, marker: Marker | None) -> None:
        unit.listing = unit.listing or unit.tail.rstrip().endswith((":", "："))
        unit.parts.append(block.text.strip())
        unit.footnotes.extend(block.footnotes)
        unit.blocks.append(i)
        self.block_units[id(self.origins[i])] = unit.index

    def _close_unit(self) -> None:
        self.current = None

    def _wrapped_signature(self, i: int) -> bool:
        """"For the Republic of" / "Azerbaijan": a signature line whose state's name the
        layout carried onto the next line (OCR of a signature page in columns)."""
        text = self.blocks[i].text.strip()
        if not text.startswith("For ") or not _WRAPPED_FOR.search(text) or \
                i + 1 >= len(self.blocks) or self.markers[i + 1] is not None:
            return False
        nxt = self.blocks[i + 1]
        found = sig.signature_line(f"{text} {nxt.text.strip()}")
        if found is None:
            return False
        self._close_unit()
        self.signatories.extend(found)
        self.signing = "line"
        self.markers[i + 1] = _SIGNATURE_TAKEN
        self.dropped.append(Dropped("signature block (read as signatories)",
                                    f"{dropped_text(self.blocks[i])} {dropped_text(nxt)}"))
        return True

    def _signature(self, text: str, block: Block, i: int) -> bool:
        after_signer = self.signing == "name"
        found = sig.signature_line(text)
        if found is None:
            if i in self.signers or (self.signing and (
                    _SIGNER.match(text) or _SIGNER_INITIALS.match(text))):
                # "S. SHUSHKEVICH" under "For the Republic of Belarus", or among other
                # signers' names: who signed
                self.dropped.append(Dropped("signature block (a signer's name)",
                                            dropped_text(block)))
                self.signing = "name"
                return True
            if after_signer and len(text) <= _OFFICE_LINE and _OFFICE.match(text) and \
                    not text.startswith("For "):  # "For the Republic of": the next state's
                # "President of Ukraine" under "L. KRAVCHUK": the signer's office
                self.signing = "name"  # another line of the office may follow
                self.dropped.append(Dropped("signature block (a signer's office)",
                                            dropped_text(block)))
                return True
            if self.signing and len(text) <= _SIGNER_LINE and (
                    DATE.search(text) or PLACE_AND_DAY.match(text)) and not _terminated(text):
                # "Alma Ata, 21 December 1991" under the signers: where and when they signed
                self.signing = "line"  # no office under it
                self.dropped.append(Dropped("signature block (its place and date)",
                                            dropped_text(block)))
                return True
            self.signing = ""
            return False
        self.signatories.extend(found)
        self.signing = "line"
        self.dropped.append(Dropped("signature block (read as signatories)",
                                    dropped_text(block)))
        return True


# A block that has become the heading of the division label before it, and one that has
# become part of the signature line before it.
_HEADING_TAKEN = Marker("heading-taken", None, "", "", "", 0)
_SIGNATURE_TAKEN = Marker("signature-taken", None, "", "", "", 0)
# "For the Republic of", "For the Russian": a signature line cut before the state's name.
_WRAPPED_FOR = lazy_compile(r"\b(?:of|the|[A-Z][a-z]+)$")


def _kind_ranks(markers: Sequence[Marker | None]) -> dict[DivisionKind, float]:
    """How division kinds nest in this text. Part > Chapter > Section > Article by default;
    but a kind whose numbering starts again at 1 after each label of a kind normally below it
    ("Article I", "Section 1", "Section 2", "Article II", "Section 1"), or whose numbers carry
    its number ("Article II", "Section 2.01"), is inside that kind."""
    ranks = dict(_STRUCTURED_RANK)
    seen: set[DivisionKind] = set()
    last_other: dict[DivisionKind, DivisionKind] = {}  # kind -> kind of the label before it
    previous: DivisionKind | None = None
    previous_value: int | None = None
    for marker in markers:
        if marker is None or marker.division is None or marker.division is DivisionKind.ANNEX:
            continue
        kind = marker.division
        if previous is not None and previous is not kind and last_other.get(previous) \
                is not kind and ((kind in seen and marker.value == 1) or (
                    "." in marker.number and marker.value == previous_value)):
            # (not the outer kind starting a new run after its inner one: By-laws' "Article I"
            # after the constitution's last "Section 2")
            # numbering restarting, or qualified by the label before ("Section 2.01" right
            # under "Article II"): inside that kind
            last_other[kind] = previous
        seen.add(kind)
        previous, previous_value = kind, marker.value
    for kind, outer in last_other.items():
        if ranks[outer] > ranks[kind]:
            ranks[kind] = ranks[outer] + 0.5
    return ranks


def _without_lazy_numbers(markers: list[Marker | None]) -> list[Marker | None]:
    """Markdown numbers a list itself: items all written "1." (three or more, never a "2.")
    carry no numbers of their own, so they are items without a number."""
    ones: dict[str, list[int]] = {}
    counted: set[str] = set()
    for i, m in enumerate(markers):
        if m is None or m.division is not None or not m.family.startswith("arabic"):
            continue
        if m.value == 1:
            ones.setdefault(m.family, []).append(i)
        elif m.value is not None:
            counted.add(m.family)
    for family, found in ones.items():
        if len(found) >= 3 and family not in counted:
            for i in found:
                markers[i] = markers[i]._replace(value=None, number="")  # type: ignore[union-attr]
    return markers


def _initialled_signers(blocks: Sequence[Block], markers: Sequence[Marker | None]) -> set[int]:
    """Blocks that are a signer's initial and surname ("S. SHUSHKEVICH", "A. Mutalibov"), which
    read as lettered items "S." or "A.": those standing in a signature block, beside a "For
    the Republic of …" line or among other such names whose letters do not run in sequence
    (items go "A.", "B.", "C."; signers' initials do not)."""
    names = [i for i, m in enumerate(markers) if _initialled_name(blocks[i], m)]
    found: set[int] = set()
    for n, i in enumerate(names):
        near = [j for j in names[max(0, n - 1):n + 2] if j != i and abs(j - i) <= _NAME_GAP
                and all(_signature_line_between(blocks[k], markers[k])
                        for k in range(min(i, j) + 1, max(i, j)))]
        if any(_out_of_sequence(markers[min(i, j)], markers[max(i, j)]) for j in near) or any(
                _for_line(blocks[j].text.strip()) for j in range(
                    max(0, i - _NAME_GAP), min(len(blocks), i + _NAME_GAP + 1))):
            found.add(i)
    return found


def _initialled_name(block: Block, marker: Marker | None) -> bool:
    return marker is not None and any(m.family == "letterupper." for m in (
        marker, *marker.alternatives)) and _SURNAME.match(marker.rest) is not None and \
        len(block.text) <= _SIGNER_LINE


def _for_line(text: str) -> bool:
    """"For the Republic of Belarus", or cut before the state's name ("For the Republic of")."""
    return text.startswith("For ") and len(text) <= _SIGNER_LINE and (
        _WRAPPED_FOR.search(text) is not None or sig.signature_line(text) is not None)


def _signature_line_between(block: Block, marker: Marker | None) -> bool:
    """A line that may stand between two signers' names: short, unnumbered, no sentence (an
    office, a place and date), where items have their text or a label between them."""
    text = block.text.strip()
    return marker is None and len(text) <= _OFFICE_LINE and not _terminated(text)


def _out_of_sequence(first: Marker | None, second: Marker | None) -> bool:
    def letter(m: Marker | None) -> str:
        return m.number[:1] if m is not None else ""
    return ord(letter(second) or "A") - ord(letter(first) or "A") != 1


def _marker(block: Block) -> Marker | None:
    text = block.text.strip()
    if block.list_label.strip():  # a blank bullet is list formatting, not a mark
        combined = f"{block.list_label} {text}"
        found = opening_marker(combined)
        if found is not None and found.rest == text:
            return found
        if block.bullet:
            return Marker("bullet", None, block.list_label, "", text, 2)
        number = block.list_label.strip(" .)(:")
        return Marker(f"list{block.list_level}", block.list_level, block.list_label, number,
                      text, 2)
    return opening_marker(text)


def expand(blocks: Sequence[Block]) -> list[tuple[Block, Block]]:
    """Blocks as the builder needs them, each with the input block it came from: a number
    or a bullet alone on its line joined to the text on the next ("1." / "Decides …",
    "•" / "行政長官；或"), and clauses run together on one line split ("…合作。 4.支持…")."""
    out: list[tuple[Block, Block]] = []
    i = 0
    while i < len(blocks):
        block = origin = blocks[i]
        stripped = block.text.strip()
        marker = head = paragraph_marker(stripped) if not block.list_label else None
        if ((marker is not None and marker.value is not None and not marker.rest) or (
                stripped in LONE_BULLETS and not block.list_label)) and \
                i + 1 < len(blocks) and opening_marker(blocks[i + 1].text.strip()) is None \
                and not blocks[i + 1].heading_level:
            nxt = blocks[i + 1]
            block = block._replace(text=f"{block.text.strip()} {nxt.text.strip()}",
                            footnotes=block.footnotes + nxt.footnotes)
            head = paragraph_marker(block.text.strip())  # a new text: its own marker
            i += 1
        pieces = _split_inline(block, head, known=not block.list_label)
        if len(pieces) == 1:
            out.append((pieces[0], origin))
        else:
            out.extend((piece, origin) for piece in pieces)
        i += 1
    return out


def _split_inline(block: Block, head: Marker | None = None, *, known: bool = False
                  ) -> list[Block]:
    """The clauses run together in a block's text; `head` is the marker opening it when
    `known` (the caller has it already)."""
    text = block.text
    if not known:
        head = paragraph_marker(text.strip())
    if head is None or head.value is None or not head.family.startswith("arabic"):
        return [block]
    following = str(head.value + 1)
    if following not in text and following.translate(_FULLWIDTH) not in text:
        return [block]  # the next number is nowhere in the line: nothing to split
    pieces: list[str] = []
    start, expected = 0, head.value + 1
    for match in INLINE_MARKER.finditer(text):
        candidate = paragraph_marker(text[match.end(): match.end() + 40])
        if candidate is None or candidate.value != expected or candidate.family != head.family:
            continue
        pieces.append(text[start: match.start()])
        start, expected = match.end(), expected + 1
    if not pieces:
        return [block]
    pieces.append(text[start:])
    return [block._replace(text=p.strip(), footnotes=block.footnotes if n == 0 else ())
            for n, p in enumerate(pieces) if p.strip()]


_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _outline_kinds(top: list[_Div]) -> dict[int, DivisionKind]:
    """What numbered headings are in the outline they make (addresses are worked out by then,
    from their numbers, whatever they are called). One level of numbered headings over
    unnumbered paragraphs ("一、加强政策交流" / its paragraphs) labels headings, no sections;
    where they hold numbered items or other numbered headings they are sections, and a top
    level of numbered headings holding a level of numbered headings is one of chapters
    ("一、…" > "（二）…" in a white paper)."""
    kinds: dict[int, DivisionKind] = {}
    level = [d for d in top if d.numbered_heading]
    if not level:
        return kinds
    families = {d.marker_family for d in level}
    for family in families:
        same = [d for d in level if d.marker_family == family]
        inner = [c for d in same for c in d.children if c.numbered_heading]
        if any(c.marker_family == "part-section" for c in inner):
            # lettered parts whose sections carry the part's letter ("C1." in C): parts
            kinds.update((id(d), DivisionKind.PART) for d in same)
        elif inner and all(c.marker_family != family for c in inner) and not any(
                d.numbered_units for d in same):
            kinds.update((id(d), DivisionKind.CHAPTER) for d in same)
        elif not inner and not any(d.numbered_units or d.children for d in same):
            kinds.update((id(d), DivisionKind.HEADING) for d in same)
    return kinds


def _frozen(div: _Div, numbers: dict[int, str], kinds: dict[int, DivisionKind]) -> Division:
    return Division(kind=kinds.get(id(div), div.kind), label=div.label, heading=div.heading,
                    number=numbers[id(div)], start=div.start,
                    children=tuple(_frozen(c, numbers, kinds) for c in div.children))


