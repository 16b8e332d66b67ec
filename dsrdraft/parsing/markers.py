"""Clause-number markers as texts write them: "1.", "1)", "(1)", "Article 1", "12 bis"."""

from __future__ import annotations

import re
from dataclasses import dataclass

SUFFIXES = ("bis", "ter", "quater", "quinquies", "sexies", "alt")

# A marker at the start of a paragraph. Words ("Article", "Paragraph") may stand before the
# number; a suffix ("bis", "Alt") after it; then ".", ")", ":" or "、"; then the text, possibly
# glued to the marker ("1.Strengthen") or on the next line ("Article 1" alone).
_MARKER = re.compile(
    r"""^\s*
    (?:(?P<word>article|art\.|paragraph|para\.|clause|section|item|第)\s*)?
    (?P<open>\()?
    (?P<num>\d{1,6})
    (?:\s*(?P<suffix>bis|ter|quater|quinquies|sexies|alt\b\.?))?
    (?P<close>\))?
    (?P<punct>[.．、:：)](?!\d)|\s*条)?
    (?P<rest>.*)$""",
    re.IGNORECASE | re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class Marker:
    """A clause number found at the start of a paragraph and the text after it."""

    base: int
    suffix: str  # "" or "bis", "ter", "Alt"
    rest: str
    explicit: bool  # "1." or "Article 1" (strong), as opposed to a bare "1 " (weak)

    @property
    def number(self) -> str:
        return f"{self.base} {self.suffix}" if self.suffix else str(self.base)


def match_marker(paragraph: str) -> Marker | None:
    """The clause marker that opens `paragraph`, or None."""
    match = _MARKER.match(paragraph)
    if not match:
        return None
    if match.group("open") and not match.group("close"):
        return None
    rest = match.group("rest")
    word = match.group("word")
    punct = match.group("punct")
    explicit = bool(word or punct or match.group("close") or match.group("suffix"))
    if not explicit:
        # A bare number must be followed by a space and text that starts like a sentence;
        # otherwise "2030 Agenda…" or "5G networks" would open a clause.
        if not rest[:1].isspace() or not rest.strip()[:1].isupper():
            return None
    elif punct in (".", "．") and rest[:1].isdigit():
        return None  # "1.5 per cent"
    suffix = (match.group("suffix") or "").rstrip(".").lower()
    if suffix == "alt":
        suffix = "Alt"
    return Marker(
        base=int(match.group("num")),
        suffix=suffix,
        rest=rest.strip(),
        explicit=explicit,
    )


def follows(previous: Marker | None, candidate: Marker, *, strict: bool = True) -> bool:
    """Whether `candidate` can be the next clause after `previous` in the numbering sequence.

    With strict=False (translations, which often give only some clauses) any higher number
    is accepted.
    """
    if previous is None:
        return candidate.base == 1 or (not strict and candidate.base >= 1)
    if candidate.suffix and candidate.base == previous.base:
        return True  # "12 bis" after "12", "12 Alt" after "12 bis"
    if strict:
        return candidate.base == previous.base + 1 and not candidate.suffix
    return candidate.base > previous.base


# A marker in the middle of a line, right after a sentence end: "…合作。 4.支持…".
INLINE_MARKER = re.compile(r"(?<=[。；;.!?！？])\s*(?=(?:\*\*)?\d{1,6}\s*[.．、)](?!\d))")
