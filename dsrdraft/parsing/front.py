"""The title block: title, document symbol, issuing body, date, and its other lines as written.

UN documents open with a block of short lines ("United Nations", "A/RES/70/1", "General
Assembly", "Distr.: General", "21 October 2015", "Seventieth session", …, "70/1. Transforming
our world: …"); initiatives and treaties with a title alone. The block ends at the first line of
text: a paragraph, a numbered clause, a division label or a chapeau such as "The General
Assembly,".
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

from dsrdraft.lazyre import lazy_compile
from dsrdraft.parsing.blocks import Block
from dsrdraft.parsing.footnotes import without_references
from dsrdraft.parsing.markers import opening_marker
from dsrdraft.parsing.signatories import released_by

MAX_FRONT_BLOCKS = 25
_SHORT = 200
SYMBOL = lazy_compile(r"^(?:[A-Z]{1,6}(?:/[A-Z0-9][A-Za-z0-9.\-()]*){1,8})(?:\s*\(\d{4}\))?$")
_RESOLUTION_TITLE = lazy_compile(r"^\d{1,4}/\d{1,4}\s*\.\s+\S|^(?:resolution|décision|decision)\s"
                                 r"+\d", re.IGNORECASE)
_RESOLUTION_NUMBER = lazy_compile(r"^\d{1,4}/\d{1,4}\s*\.\s+")
_BODIES = ("General Assembly", "Security Council", "Human Rights Council",
           "Economic and Social Council", "Trade and Development Board",
           "Conference of the Parties", "Assemblée générale", "Conseil de sécurité",
           "Asamblea General", "Consejo de Seguridad", "Council of the European Union",
           "World Health Assembly", "Executive Board")
_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|"
           "december|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|"
           "novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|"
           "octubre|noviembre|diciembre")
DATE = lazy_compile(
    rf"\b(\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\s+\d{{4}}|(?:{_MONTHS})\s+\d{{1,2}},?\s+"
    rf"\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{4}}\s*年\s*\d{{1,2}}\s*月(?:\s*\d{{1,2}}\s*日)?)",
    re.IGNORECASE)
# "Alma Ata, 21 December" under the signers: where and when they signed, the year lost in a
# scan or carried onto the next line
PLACE_AND_DAY = lazy_compile(
    rf"^[^\W\d_][\w .'’\-]{{1,40}},\s*\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})$",
    re.IGNORECASE)
_CHAPEAU = lazy_compile(
    r"^(?:the\s|we\b|les?\s|la\s|el\s|los\s|las\s|nous\b|nosotros\b|the high contracting)"
    r"[^.;:]{0,220},$", re.IGNORECASE)
# "THE HIGH CONTRACTING PARTIES,": an actor in capitals (in capitals only: a line of words
# ending with a comma is no actor)
_CAPITALS_CHAPEAU = lazy_compile(r"^[A-Z][A-Z ,'’\-]{8,200},$")
_TERMINAL = lazy_compile(r"[.;:,!?。；：，！？]['\"”’)\]*_]*$")
# "Recitals" heads a deed's or a contract's preamble ("A" / "Declarant was the owner …")
PREAMBLE_HEADING = lazy_compile(r"^(?:preamble|préambule|preámbulo|recitals|序言|前言)$",
                                re.IGNORECASE)


@dataclass(slots=True)
class FrontMatter:
    title: str = ""
    symbol: str | None = None
    body: str | None = None
    date: str | None = None
    lines: list[str] = field(default_factory=list)  # the other lines of the title block
    sponsors: str = ""  # a draft's sponsors as listed: "Albania, …: draft resolution"
    end: int = 0  # index of the first block after the title block


def read_front(blocks: list[Block], title_hint: str = "", title_page: int = 0) -> FrontMatter:
    """The title block at the start of `blocks`; `title_hint` is the title a file's metadata
    gives (a markdown metadata block, document properties); `title_page`, where a title page
    known as such (the lines before a table of contents) ends."""
    front = FrontMatter()
    hinted = _hinted_front(blocks, title_hint) if title_hint else None
    if hinted is not None:
        end, title_index = hinted
    else:
        end = 0
        while end < min(len(blocks), MAX_FRONT_BLOCKS) and _front_line(blocks, end):
            end += 1
        if end == 0 and blocks and _title_like(blocks[0]) and len(blocks) > 1:
            end = 1
    end = max(end, title_page)
    # A UN draft's sponsors: "Albania, …, and United States of America: draft resolution",
    # a line of the title block or a list longer than any of its lines.
    sponsors = _sponsors_end(blocks, end)
    if sponsors is not None:
        listed = set(range(_sponsors_start(blocks, end, sponsors), sponsors))
        end = sponsors
        # a General Assembly draft's title stands under its sponsors
        while end < min(len(blocks), sponsors + 3) and _front_line(blocks, end):
            end += 1
    else:
        listed = {i for i in range(end) if _DRAFT_OF.search(blocks[i].text.strip())}
    front.sponsors = " ".join(" ".join(blocks[i].text.split()) for i in sorted(listed))
    candidates = blocks[:end]
    front.end = end
    if not candidates:
        return front
    if hinted is None:
        title_index = _pick_title(candidates, listed)
    if title_index is not None:
        title = _unquote(without_references(candidates[title_index].text))
        subject = _SUBJECT.match(title)
        if subject:  # "Subject: Council Conclusions on …": the line names the title
            front.lines.append(title[:subject.end()].strip())
            title = title[subject.end():]
        number = _RESOLUTION_NUMBER.match(title)
        if number:  # "80/8. Building a …": the resolution's number stays in the front matter
            front.lines.append(number.group(0).strip())
            title = title[number.end():]
        front.title = title
    for i, block in enumerate(candidates):
        text = " ".join(without_references(block.text).split())
        if i == title_index:
            continue
        if front.symbol is None and SYMBOL.match(text):
            front.symbol = text
        if front.body is None:
            front.body = next((b for b in _BODIES if text.lower() == b.lower()), None)
        if front.date is None and (m := DATE.search(text)):
            front.date = m.group(1)
        front.lines.append(text)
    return front


# A UN draft names its sponsors in its title block: "A, B and C: draft resolution".
_DRAFT_OF = re.compile(r"[:：]\s*(?:revised\s+)?(?:draft (?:resolution|decision)|projet de "
                       r"(?:résolution|décision)(?: révisé)?|proyecto de (?:resolución|"
                       r"decisión))\s*$", re.IGNORECASE)


def _sponsors_end(blocks: list[Block], start: int) -> int | None:
    """The end of a draft's list of sponsors starting at `start` (the blocks, wrapped
    however the extraction wrapped them, up to the one ending ": draft resolution"), or
    None when no such list stands there. A title the title block missed may stand first."""
    limit = min(len(blocks), start + 20)
    listed = ""
    for i in range(start, limit):
        text = blocks[i].text.strip()
        if chapeau(text) or len(text) > 600:
            return None
        listed = f"{listed} {text}"  # "…America:" / "draft resolution" may be two lines
        if _DRAFT_OF.search(listed):
            return i + 1
    return None


def _sponsors_start(blocks: list[Block], start: int, end: int) -> int:
    """The first block of the sponsors' list that ends at `end`: the masthead lines before it
    ("Distr. LIMITED", "Agenda item 93", the item's title in capitals) are no sponsors,
    though the title block missed them (OCR splits a masthead into many short lines)."""
    first = end - 1
    while first > start:
        before = " ".join(blocks[first - 1].text.split())
        if _metadata_line(before) or before.isupper():
            break
        first -= 1
    return first


def _title_key(text: str) -> str:
    """A title as compared with another copy of it: no resolution number, spacing or
    punctuation ("80/53. Establishment of …" is "establishmentof…")."""
    text = _RESOLUTION_NUMBER.sub("", without_references(text).strip())
    return re.sub(r"[\W_]+", "", text).casefold()


def fuller_title(title: str, hint: str) -> str:
    """The title to keep when the file's metadata names one too: the metadata's when the text
    gives only its beginning (an extraction that cut the printed title after "… Experts on"),
    else the text's own. The metadata's trailing ':' of a catalogue entry is not the title's."""
    hint = re.sub(r"\s*[:：]\s*$", "", hint.strip())
    if not title:
        return hint
    short, full = _title_key(title), _title_key(hint)
    if short and len(full) > len(short) and full.startswith(short):
        return hint
    return title


def _hinted_front(blocks: list[Block], hint: str) -> tuple[int, int | None]:
    """(end of the title block, index of the title) when the metadata names the title: the
    block runs to the text's own copy of the title (the last one, for pages that repeat it
    above a masthead) and the date and place lines after it; without a copy, only the
    metadata lines at the top (symbol, date, place) are the title block, and the first
    short line is a heading of the text ("Creating a Resilient … Future")."""
    key = _title_key(hint)
    limit = min(len(blocks), MAX_FRONT_BLOCKS)
    for i in range(1, limit):  # the text has begun at its chapeau
        if chapeau(blocks[i].text.strip()):
            limit = i
            break
    # a copy is a short line; a repost's lead paragraphs may stand before it
    copies = [i for i in range(limit) if len(blocks[i].text) <= _SHORT and (
        k := _title_key(blocks[i].text)) and len(k) * 2 >= len(key) and (k in key or key in k)]
    if copies:
        end = copies[-1] + 1
        while end < limit and _metadata_line(" ".join(blocks[end].text.split())):
            end += 1
        return end, copies[-1]
    end = 0
    while end < limit and len(blocks[end].text) <= 100 and _metadata_line(
            " ".join(blocks[end].text.split())):
        end += 1
    return end, None


def _front_line(blocks: list[Block], i: int) -> bool:
    block = blocks[i]
    text = block.text.strip()
    if block.toc or block.list_label or len(text) > _SHORT:
        return False
    marker = opening_marker(text)
    if marker is not None and marker.strength == 2 and (
            marker.value is not None or marker.division is not None) and \
            not _RESOLUTION_TITLE.match(text):
        return False  # a numbered paragraph or an Article: the text has begun
    if (chapeau(text) or PREAMBLE_HEADING.match(text)) and i > 0:
        return False  # "The General Assembly," or "Preamble": the text begins
    if block.title_style:
        return True
    if block.heading_level:
        # once Word's Title style has named the title, Heading styles are the text's outline
        return not any(b.title_style for b in blocks[:i])
    if _TERMINAL.search(text) and not SYMBOL.match(text) and not _date_line(text) \
            and not text.endswith(":") and not re.search(r"\]$", text) and not (
                DATE.search(text) and released_by([text])):  # an editor's release note
        return False
    # A short line followed by a paragraph is that paragraph's heading, unless it is the
    # title (no line before it could be) or the title block goes on after it.
    if i > 0 and i + 1 < len(blocks) and len(blocks[i + 1].text) > _SHORT:
        return _metadata_line(text) or not any(
            len(b.text.split()) >= 4 and not _metadata_line(b.text) for b in blocks[:i])
    return i + 1 < len(blocks)


def _date_line(text: str) -> bool:
    """A title block's date line: the date with a place or a few words ("Strasbourg,
    8 September 1994", "Adopted on 25 November 2025."); a sentence that mentions a date
    ("The original DECLARATION was made on the 30th day of January, 1995, by …") is text."""
    m = DATE.search(text)
    return m is not None and len(text[:m.start()].split()) + len(text[m.end():].split()) <= 12


def chapeau(text: str) -> bool:
    """"The General Assembly," / "The Parties to this Agreement,": the actor alone, not a
    preambular paragraph that starts with it ("The parties, recalling …,")."""
    if _BARE_BODY.match(text):
        return True  # "The General Assembly" with its comma lost
    if _WE_ACTOR.match(text) and len(text.split()) <= 60:
        return True  # "WE, the Member States of …, gathered on the occasion of …;"
    return bool(_CHAPEAU.match(text) or _CAPITALS_CHAPEAU.match(text)) and len(
        text.split()) <= 30 and not re.search(
        r",\s+(?:[a-z]+ing|[a-z]+ed|mindful|aware|conscious|convinced)\b", text)


# "We, the …," / "WE, …;": the actor, one clause (a full stop ends a sentence, "U.S." not)
_WE_ACTOR = lazy_compile(r"^we,\s(?:(?![a-z]{2}[.!?]\s).)*[,;]$", re.IGNORECASE)
_BARE_BODY = lazy_compile(r"^The (?:General Assembly|Security Council|Human Rights Council|"
                          r"Economic and Social Council|Conference of the Parties|Council|"
                          r"Assembly|Commission)$")
def _metadata_line(text: str) -> bool:
    # a date line is short: a paragraph that mentions a date ("… issued in New York on
    # September 20, 2022, we welcome …") is text
    return bool(SYMBOL.match(text) or (DATE.search(text) and len(text) <= _SHORT)
                or _RESOLUTION_TITLE.match(text)
                or text.lower().startswith(("distr", "original:", "agenda item", "item "))
                or bool(_NOTE_FIELD.match(text))
                or any(text.lower() == b.lower() for b in _BODIES))


def _title_like(block: Block) -> bool:
    text = block.text.strip()
    return len(text) <= _SHORT and not _TERMINAL.search(text) and opening_marker(text) is None


# A covering note's title line ("Subject: Council Conclusions on Digital Diplomacy") and its
# other fields ("From: General Secretariat", "To: Delegations").
_SUBJECT = re.compile(r"^(?:subject|objet|asunto|betreff|re)\s*:\s*(?=\S)", re.IGNORECASE)
_NOTE_FIELD = re.compile(r"^(?:from|to|cc|de|à|a|von|an|no\. prev\. doc\.|no\. cion doc\.)"
                         r"\s*:\s", re.IGNORECASE)


def _pick_title(blocks: list[Block], sponsors: Collection[int] = ()) -> int | None:
    for i, block in enumerate(blocks):
        if block.title_style:
            return i
    for i, block in enumerate(blocks):
        if _RESOLUTION_TITLE.match(block.text.strip()):
            return i
    for i, block in enumerate(blocks):
        if block.heading_level:
            return i
    for i, block in enumerate(blocks):
        if _SUBJECT.match(block.text.strip()):
            return i
    plain = [i for i, b in enumerate(blocks) if i not in sponsors
             and not _metadata_line(" ".join(b.text.split()))]
    if sponsors:
        # A UN draft names its sponsors over its title ("Chile, Uganda and Viet Nam: draft
        # resolution" / "Digital cooperation for sustainable development"); a Security
        # Council draft has no title, and "United Nations" above its sponsors is none.
        after = [i for i in plain if i > max(sponsors)]
        if after:
            return after[0]
        # none under them: the agenda item's title names what the draft is about
        item = next((i + 1 for i, b in enumerate(blocks) if i + 1 < min(sponsors)
                     and b.text.strip().lower().startswith("agenda item")), None)
        if item is not None and item in plain:
            return item
        plain = [i for i in plain if len(blocks[i].text.split()) >= 4]
    if not plain:
        return None
    # The line under "Agenda item 18 (b)" is the item's title, not the document's.
    items = {i + 1 for i, b in enumerate(blocks)
             if b.text.strip().lower().startswith(("agenda item", "item "))}
    plain = [i for i in plain if i not in items] or plain
    # "United Nations" or an organisation's name may stand above the title: the title is
    # the first plain line of some length.
    return next((i for i in plain if len(blocks[i].text.split()) >= 4), plain[0])


def _unquote(text: str) -> str:
    text = " ".join(text.split())
    pairs = {"“": "”", '"': '"', "«": "»", "「": "」", "《": "》", "‘": "’"}
    if len(text) > 2 and text[0] in pairs and text.endswith(pairs[text[0]]):
        return text[1:-1].strip()
    return text
