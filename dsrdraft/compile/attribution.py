"""The inline attribution convention of a compilation text, and reading a delegation's text back.

A passage that proposals change becomes one *span*: adjacent bracketed alternatives (the bracket
model's ``[shall][should]``), the base wording first and unattributed, then each distinct
proposal with the delegations that made it at the end of its brackets::

    States [shall][should (CHN, THA)][must (EGY)] promote ...
    ... [digital (delete: EGY)] economy ...          (EGY proposes deleting "digital")
    ... economy [and society (CHN)] ...              (an insertion: no base alternative)
    [Whole clause text ... (delete: EGY)]            (EGY proposes deleting the clause)
    ... [intelligence (AI) ()][AI (CHN)]             (" ()": a base that ends in parentheses)

Everything needed to rebuild each delegation's text is in the clause text itself, so a
compilation saved as a draft file and loaded again still gives every proposal back
(:func:`extract_text`). The negotiation export shows the spans as brackets.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from dsrdraft.draft.brackets import top_level_spans

DELETE = "delete: "
# Marks a base wording that would otherwise read as attributed (it ends in "(…)").
UNATTRIBUTED = " ()"
_CODES = r"[^()\[\],\s](?:[^()\[\],]*[^()\[\],\s])?(?:, [^()\[\],\s](?:[^()\[\],]*[^()\[\],\s])?)*"
# "<text> (<codes>)" or "<text> (delete: <codes>)" at the very end of a bracket's body.
_ATTRIBUTED = re.compile(rf"^(?P<text>.*\S) \((?P<delete>{DELETE})?(?P<codes>{_CODES})\)$",
                         re.DOTALL)


def codes_text(codes: Sequence[str]) -> str:
    return ", ".join(codes)


def render_span(base: str, deleters: Sequence[str], options: Sequence[tuple[str, Sequence[str]]]
                ) -> str:
    """One span: ``[base (delete: …)][option (codes)]…``; the base is left out when empty."""
    parts = []
    if base:
        if deleters:
            note = f" ({DELETE}{codes_text(deleters)})"
        elif parse_body(base) is not None or base.endswith(UNATTRIBUTED):
            note = UNATTRIBUTED  # "[intelligence (AI) ()]": the base, not a proposal by "AI"
        else:
            note = ""
        parts.append(f"[{base}{note}]")
    parts.extend(f"[{text} ({codes_text(codes)})]" for text, codes in options)
    return "".join(parts)


def wrap_deleted(text: str, deleters: Sequence[str]) -> str:
    """A whole clause some delegations propose to delete: ``[text (delete: EGY)]``."""
    return f"[{text} ({DELETE}{codes_text(deleters)})]"


@dataclass(frozen=True, slots=True)
class Option:
    text: str
    codes: tuple[str, ...]
    delete: bool = False


def parse_body(body: str) -> Option | None:
    """The attribution at the end of a bracket's body (without its brackets), or None."""
    m = _ATTRIBUTED.match(body)
    if not m:
        return None
    return Option(m.group("text"), tuple(m.group("codes").split(", ")), bool(m.group("delete")))


def split_attribution(segment: str) -> tuple[str, str, str] | None:
    """("[should", " (CHN, THA)", "]") for a bracketed segment that ends in an attribution."""
    if not segment.endswith("]"):
        return None
    m = _ATTRIBUTED.match(segment[:-1])
    if not m:
        return None
    start = m.end("text")
    return segment[:start], segment[start:-1], "]"


def _groups(text: str) -> list[tuple[int, int, list[str]]]:
    """Runs of adjacent top-level bracketed segments: (start, end, bodies)."""
    out: list[tuple[int, int, list[str]]] = []
    for start, end in top_level_spans(text, unclosed=False):
        body = text[start + 1:end - 1]
        if out and out[-1][1] == start:
            out[-1] = (out[-1][0], end, [*out[-1][2], body])
        else:
            out.append((start, end, [body]))
    return out


def parse_span(bodies: Sequence[str]) -> tuple[Option | None, list[Option]] | None:
    """(base, proposals) of a compiled span, or None when the group is ordinary brackets."""
    parsed = [parse_body(b) for b in bodies]
    base: Option | None = None
    rest = list(zip(bodies, parsed, strict=True))
    first_body, first = rest[0]
    if first_body.endswith(UNATTRIBUTED):
        base = Option(first_body[:-len(UNATTRIBUTED)], ())
        rest = rest[1:]
    elif first is None or first.delete:
        base = first or Option(first_body, ())
        rest = rest[1:]
    if any(p is None or p.delete for _, p in rest):
        return None
    if not rest and (base is None or not base.delete):
        return None
    return base, [p for _, p in rest if p is not None]


def extract_text(text: str, code: str) -> str:
    """Delegation `code`'s version of a compiled clause text ("" when it deletes the clause).

    Spans attributed to `code` give its wording; a base marked ``delete: code`` gives nothing;
    every other span gives the base wording. Whitespace comes back normalised.
    """
    out: list[str] = []
    pos = 0
    for start, end, bodies in _groups(text):
        span = parse_span(bodies)
        if span is None:
            continue
        out.append(text[pos:start])
        pos = end
        base, options = span
        chosen = next((o for o in options if code in o.codes), None)
        if chosen is not None:
            out.append(chosen.text)
        elif base is not None and not (base.delete and code in base.codes):
            out.append(extract_text(base.text, code))
    out.append(text[pos:])
    return " ".join("".join(out).split())


def span_delegations(text: str) -> set[str]:
    """Every delegation attributed anywhere in a compiled text."""
    found: set[str] = set()
    for _, _, bodies in _groups(text):
        span = parse_span(bodies)
        if span is None:
            continue
        base, options = span
        if base is not None:
            found.update(base.codes)
            found |= span_delegations(base.text)
        for o in options:
            found.update(o.codes)
    return found
