"""Square brackets of negotiated texts: tokenising, validation, and the clean resolution.

Text in ``[...]`` is not yet agreed; brackets nest; adjacent bracketed segments such as
``[shall][should]`` are alternatives. The tokeniser never fails: an unmatched ``]`` is kept as
plain text and an unclosed ``[`` runs to the end; :func:`validate` reports both.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text. `depth` 0 is agreed text; `text` of a bracketed segment keeps its brackets.

    `group` numbers the top-level bracketed segments; adjacent ones (alternatives) share a group,
    and `alternative` is their position inside it (0 for the first).
    """

    text: str
    depth: int = 0
    group: int | None = None
    alternative: int = 0

    @property
    def bracketed(self) -> bool:
        return self.depth > 0


@dataclass(frozen=True, slots=True)
class BracketError:
    """An unbalanced bracket at a 0-based character position."""

    position: int
    message: str

    def __str__(self) -> str:
        return f"{self.message} at position {self.position}"


def top_level_spans(text: str, *, unclosed: bool = True) -> list[tuple[int, int]]:
    """(start, end) of each top-level bracketed span, end exclusive; tolerant of errors.

    With unclosed=True a "[" never closed gives a span to the end of the text."""
    spans: list[tuple[int, int]] = []
    depth = 0
    start = 0
    for i, ch in enumerate(text):
        if ch == "[":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "]" and depth > 0:
            depth -= 1
            if depth == 0:
                spans.append((start, i + 1))
    if depth > 0 and unclosed:
        spans.append((start, len(text)))
    return spans


def tokenize(text: str) -> list[Segment]:
    """Split `text` into plain and bracketed segments (nested brackets become deeper segments)."""
    segments: list[Segment] = []
    pos = 0
    group = -1
    alternative = 0
    previous_end: int | None = None
    for start, end in top_level_spans(text):
        if start > pos:
            segments.append(Segment(text[pos:start]))
        if previous_end is not None and previous_end == start:
            alternative += 1
        else:
            group += 1
            alternative = 0
        segments.extend(_nested(text[start:end], group, alternative))
        pos = previous_end = end
    if pos < len(text):
        segments.append(Segment(text[pos:]))
    return segments


def _nested(span: str, group: int, alternative: int) -> list[Segment]:
    """Segments of one top-level bracketed span, each at its own depth."""
    out: list[Segment] = []
    depth = 0
    buf = ""
    buf_depth = 1
    for ch in span:
        if ch == "[":
            depth += 1
            if depth != buf_depth and buf:
                out.append(Segment(buf, buf_depth, group, alternative))
                buf = ""
            buf_depth = depth
            buf += ch
        elif ch == "]":
            buf += ch
            depth -= 1
            if buf:
                out.append(Segment(buf, buf_depth, group, alternative))
                buf = ""
            buf_depth = depth
        else:
            if depth != buf_depth and buf:
                out.append(Segment(buf, buf_depth, group, alternative))
                buf = ""
            buf_depth = depth
            buf += ch
    if buf:
        out.append(Segment(buf, max(buf_depth, 1), group, alternative))
    return out


def validate(text: str) -> list[BracketError]:
    """Every unbalanced bracket of `text`, in position order."""
    errors: list[BracketError] = []
    stack: list[int] = []
    for i, ch in enumerate(text):
        if ch == "[":
            stack.append(i)
        elif ch == "]":
            if stack:
                stack.pop()
            else:
                errors.append(BracketError(i, "unbalanced ']'"))
    errors.extend(BracketError(i, "unclosed '['") for i in stack)
    return sorted(errors, key=lambda e: e.position)


def has_brackets(text: str) -> bool:
    return "[" in text or "]" in text


def resolve_clean(text: str) -> str:
    """The text with brackets resolved: brackets dropped, the first of adjacent alternatives kept.

    Whitespace left doubled by a dropped alternative is folded.
    """
    out: list[str] = []
    for seg in tokenize(text):
        if seg.bracketed and seg.alternative > 0:
            continue
        out.append(seg.text.replace("[", "").replace("]", ""))
    return " ".join("".join(out).split())
