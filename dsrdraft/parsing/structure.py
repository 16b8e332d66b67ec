"""Turn the lines of a negotiated text into an Initiative: title, preamble, clauses, signatories."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from dsrdraft.countries import resolve_country, split_country_list
from dsrdraft.errors import NotAnInitiativeError
from dsrdraft.model import Clause, Initiative, Signatory, Translation
from dsrdraft.parsing.markers import INLINE_MARKER, Marker, follows, match_marker
from dsrdraft.textnorm import detect_language, first_sentence, normalise_whitespace

# Web pages around a text: everything from a comment form or share bar on is not the text.
_TAIL_MARKERS = re.compile(
    r"^(leave a (reply|comment)|share this:?|like this:?|related( posts| articles)?:?|"
    r"\d* ?comments?:?|you may also like|fill in your details below)\b",
    re.IGNORECASE,
)
_NOISE_LINE = re.compile(
    r"^(posted|published|updated)( on| by)?\b.{0,60}$|^(tweet|print|email|share)$",
    re.IGNORECASE,
)
_MARKUP = re.compile(r"\*\*|__|(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_TERMINAL = re.compile(r"[.;:!?。；：！？]$")
_CLOSERS = "\"'”’)]*_ "
_SIGNED_BY = re.compile(r"\(?\s*signed\s+by\s*:?\s*(?P<list>[^)]*)\)?", re.IGNORECASE)
_LIST_VERB = re.compile(
    r"\b(propose|proposes|have agreed|agree|agrees|declare|declares|adopt|adopts|hereby|"
    r"jointly (?:propose|issue|launch)|have decided|decide|sign|signed|launch|launched)\b",
    re.IGNORECASE,
)
_FOR_GOVERNMENT = re.compile(
    r"^for (?:the )?(?:government|republic|kingdom|state)? ?(?:of )?(?:the )?(?P<name>.+?):?$",
    re.IGNORECASE,
)
_SUB_ITEM = re.compile(r"^\(?([a-z]|[ivx]{1,5})\)\s")


@dataclass(slots=True)
class Paragraph:
    """A paragraph of source text with what the reader knows about it."""

    text: str
    heading: bool = False
    language: str = "en"
    fragments: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Draft:
    marker: Marker
    parts: list[str]
    title_line: str | None = None


def build_initiative(lines: list[str], *, source: str, fallback_title: str) -> Initiative:
    """The Initiative in `lines`; NotAnInitiativeError when there are no numbered clauses."""
    paragraphs = _paragraphs(_clean_lines(lines))
    if not paragraphs:
        raise NotAnInitiativeError(f"{source}: empty document, no clauses found")
    main_language = _main_language(paragraphs)
    main = [p for p in paragraphs if p.language == main_language or p.heading]
    others = [p for p in paragraphs if not (p.language == main_language or p.heading)]

    title, body = _title(main)
    preamble_parts, clauses, closing = _assemble(body, strict=True)
    if len(clauses) < 2:
        raise NotAnInitiativeError(
            f"{source}: not an initiative: no numbered clauses found "
            "(news reports and commentary are not imported)"
        )
    translations = _translations(others)
    preamble = _join_paragraphs(preamble_parts)
    signatories = _signatories(closing, preamble)
    title = title or fallback_title
    year_match = re.search(r"\b(19[5-9]\d|20\d\d)\b", title)
    return Initiative(
        id="",
        title=title,
        language=main_language,
        preamble=preamble,
        clauses=tuple(clauses),
        signatories=tuple(signatories),
        translations=translations,
        year=int(year_match.group(1)) if year_match else None,
        source=source,
    )


def _clean_lines(lines: list[str]) -> list[str]:
    cleaned: list[str] = []
    for raw in lines:
        line = raw.replace("\u00a0", " ").replace("\ufeff", "").rstrip()
        stripped = _MARKUP.sub("", line).strip()
        if _TAIL_MARKERS.match(stripped):
            break
        if _NOISE_LINE.match(stripped):
            continue
        cleaned.append(_MARKUP.sub("", line))
    return cleaned


def _paragraphs(lines: list[str]) -> list[Paragraph]:
    """Blocks between blank lines; a line that opens with a clause marker starts a new one."""
    paragraphs: list[Paragraph] = []
    block: list[str] = []

    def flush() -> None:
        if block:
            text = normalise_whitespace(" ".join(block))
            if text:
                paragraphs.append(Paragraph(text=text, language=detect_language(text)))
            block.clear()

    for line in lines:
        if not line.strip():
            flush()
            continue
        if _HEADING.match(line):
            flush()
            text = normalise_whitespace(_HEADING.sub("", line))
            if text:
                paragraphs.append(Paragraph(text=text, heading=True,
                                            language=detect_language(text)))
            continue
        marker = match_marker(line)
        if block and marker is not None and marker.explicit:
            flush()
        block.append(line.strip())
    flush()
    return paragraphs


def _main_language(paragraphs: list[Paragraph]) -> str:
    weight: Counter[str] = Counter()
    for paragraph in paragraphs:
        # CJK packs a word into one character: weigh it so that a few Chinese clauses do not
        # outvote a whole English text, and a Chinese text still wins on its own.
        factor = 3 if paragraph.language == "zh" else 1
        weight[paragraph.language] += len(paragraph.text) * factor
    return weight.most_common(1)[0][0]


def _title(paragraphs: list[Paragraph]) -> tuple[str, list[Paragraph]]:
    for index, paragraph in enumerate(paragraphs[:3]):
        if match_marker(paragraph.text) is not None and not paragraph.heading:
            break
        text = paragraph.text
        looks_like_title = paragraph.heading or (
            len(text) <= 250 and not re.search(r"[.,;:]$", text.rstrip(_CLOSERS))
        )
        if looks_like_title:
            return _unquote(text), paragraphs[:index] + paragraphs[index + 1 :]
    return "", paragraphs


def _unquote(text: str) -> str:
    text = text.strip()
    pairs = {"“": "”", '"': '"', "«": "»", "「": "」", "《": "》"}
    if len(text) > 2 and text[0] in pairs and text.endswith(pairs[text[0]]):
        return text[1:-1].strip()
    return text


def _split_inline(text: str, previous: Marker | None, *, strict: bool) -> list[str]:
    """Split "…合作。 4.支持…" where a marker in mid-line continues the numbering."""
    pieces: list[str] = []
    start = 0
    expected = previous
    head = match_marker(text)
    if head is not None and follows(expected, head, strict=strict):
        expected = head
    for match in INLINE_MARKER.finditer(text):
        candidate = match_marker(text[match.end() :])
        if candidate is None or not candidate.explicit or not follows(
            expected, candidate, strict=strict
        ):
            continue
        pieces.append(text[start : match.start()])
        start = match.end()
        expected = candidate
    pieces.append(text[start:])
    return [p.strip() for p in pieces if p.strip()]


def _assemble(
    paragraphs: list[Paragraph], *, strict: bool
) -> tuple[list[Paragraph], list[Clause], list[Paragraph]]:
    """Preamble paragraphs, clauses, and the paragraphs after the last clause."""
    preamble: list[Paragraph] = []
    drafts: list[_Draft] = []
    trailing: list[Paragraph] = []  # unnumbered paragraphs since the last marker
    previous: Marker | None = None
    for paragraph in paragraphs:
        if paragraph.heading and drafts:
            trailing.append(paragraph)
            continue
        for piece in _split_inline(paragraph.text, previous, strict=strict):
            marker = match_marker(piece)
            if marker is not None and follows(previous, marker, strict=strict) and not (
                paragraph.heading and marker.rest
            ):
                if drafts:
                    _absorb(drafts[-1], trailing, final=False)
                    trailing = []
                drafts.append(_Draft(marker=marker, parts=[marker.rest] if marker.rest else []))
                previous = marker
            elif drafts:
                trailing.append(Paragraph(text=piece, heading=paragraph.heading,
                                          language=paragraph.language))
            else:
                preamble.append(Paragraph(text=piece, heading=paragraph.heading,
                                          language=paragraph.language))
    closing: list[Paragraph] = []
    if drafts:
        closing = _absorb(drafts[-1], trailing, final=True)
    clauses = [_clause(d) for d in drafts]
    return preamble, [c for c in clauses if c.text], closing


def _absorb(draft: _Draft, trailing: list[Paragraph], *, final: bool) -> list[Paragraph]:
    """Attach unnumbered paragraphs to the clause before them; return what is not part of it.

    Between two numbered clauses every paragraph belongs to the first (sub-paragraphs, page
    breaks). After the last clause only a continuation does: a paragraph that follows text
    cut off without a full stop, starts in lower case, or is a sub-item "(a) …".
    """
    rest: list[Paragraph] = []
    for index, paragraph in enumerate(trailing):
        if paragraph.heading:
            if final:
                rest.extend(trailing[index:])
                break
            continue
        if not draft.parts and draft.title_line is None and _is_title_line(paragraph.text):
            draft.title_line = paragraph.text
            continue
        continues = (
            not final
            or not draft.parts
            or not _TERMINAL.search(draft.parts[-1].rstrip(_CLOSERS))
            or paragraph.text[:1].islower()
            or _SUB_ITEM.match(paragraph.text) is not None
        )
        if not continues or _SIGNED_BY.match(paragraph.text):
            rest.extend(trailing[index:])
            break
        draft.parts.append(paragraph.text)
    return rest


def _is_title_line(text: str) -> bool:
    """"Article 3 / Scope": a short line without a full stop under a bare marker."""
    return len(text) <= 120 and not _TERMINAL.search(text) and not text.endswith(",")


def _clause(draft: _Draft) -> Clause:
    body = normalise_whitespace(" ".join(draft.parts))
    if draft.title_line:
        heading = draft.title_line
        text = normalise_whitespace(f"{draft.title_line} {body}")
    else:
        heading = first_sentence(body)
        text = body
    return Clause(number=draft.marker.number, heading=heading, text=text,
                  language=detect_language(text))


def _join_paragraphs(paragraphs: list[Paragraph]) -> str:
    """Real paragraphs kept apart by a blank line; page-break fragments rejoined with a space."""
    joined: list[str] = []
    for paragraph in paragraphs:
        if paragraph.heading:
            continue
        text = paragraph.text
        if joined and (
            not _TERMINAL.search(joined[-1].rstrip(_CLOSERS)) or text[:1].islower()
        ):
            joined[-1] = f"{joined[-1]} {text}"
        else:
            joined.append(text)
    return "\n\n".join(joined)


def _translations(paragraphs: list[Paragraph]) -> dict[str, tuple[Translation, ...]]:
    by_language: dict[str, list[Paragraph]] = {}
    for paragraph in paragraphs:
        by_language.setdefault(paragraph.language, []).append(paragraph)
    result: dict[str, tuple[Translation, ...]] = {}
    for language, items in by_language.items():
        _, clauses, _ = _assemble(items, strict=False)
        if clauses:
            result[language] = tuple(Translation(c.number, c.text) for c in clauses)
    return result


def _signatories(closing: list[Paragraph], preamble: str) -> list[Signatory]:
    """Who signs: a "(Signed by …)" line, "For the Government of …" lines, or the preamble's
    "A, B and C propose" list."""
    for paragraph in closing:
        match = _SIGNED_BY.search(paragraph.text)
        if match:
            found = split_country_list(match.group("list").rstrip(". "))
            if found:
                return _unique(found)
    governments = []
    for paragraph in closing:
        match = _FOR_GOVERNMENT.match(paragraph.text)
        country = resolve_country(match.group("name")) if match else None
        if country is not None:
            governments.append(country)
    if governments:
        return _unique(governments)
    for sentence in re.split(r"(?<=[.;:])\s+", preamble):
        verb = _LIST_VERB.search(sentence)
        while verb is not None:
            found = split_country_list(sentence[: verb.start()])
            if len(found) >= 2:
                return _unique(found)
            verb = _LIST_VERB.search(sentence, verb.end())
    return []


def _unique(signatories: list[Signatory]) -> list[Signatory]:
    seen: set[str] = set()
    result = []
    for signatory in signatories:
        if signatory.code not in seen:
            seen.add(signatory.code)
            result.append(signatory)
    return result
