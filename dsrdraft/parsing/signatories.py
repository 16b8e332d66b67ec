"""Who signs or proposes a text: "(Signed by A, B and C)", "For the Government of X:" lines, or
the list of states in a preamble ("China, …, and the Kingdom of Thailand propose …")."""

from __future__ import annotations

import re

from dsrdraft.countries import resolve_country, split_country_list
from dsrdraft.model import Signatory

SIGNED_BY = re.compile(r"^\(?\s*signed\s+by\s*:?\s*(?P<list>[^)]*)\)?\.?$", re.IGNORECASE)
FOR_GOVERNMENT = re.compile(
    r"^for (?:the )?(?:government|republic|kingdom|state|people)? ?(?:of )?(?:the )?"
    r"(?P<name>[^:]{2,80}?)\s*:?$", re.IGNORECASE)
_LIST_VERB = re.compile(
    r"\b(propose|proposes|have agreed|agree|agrees|declare|declares|adopt|adopts|hereby|"
    r"jointly (?:propose|issue|launch)|have decided|decide|sign|signed|launch|launched)\b",
    re.IGNORECASE,
)


def signature_line(text: str) -> list[Signatory] | None:
    """The states a signature-block line names ("(Signed by …)", "For the Government of X:"),
    or None when the line is not one."""
    if len(text) > 600 or text.lstrip("( ")[:1].lower() not in ("s", "f"):
        return None  # a paragraph of text, not "(Signed by …)" or "For the Government of …"
    text = " ".join(text.split())
    match = SIGNED_BY.match(text)
    if match:
        found = split_country_list(match.group("list").rstrip(". "))
        return found or None
    match = FOR_GOVERNMENT.match(text)
    if match:
        country = resolve_country(match.group("name"))
        return [country] if country is not None else None
    return None


def from_preamble(preamble: str) -> list[Signatory]:
    """States listed before a verb such as "propose" in one sentence of the preamble."""
    for sentence in re.split(r"(?<=[.;:])\s+", preamble):
        verb = _LIST_VERB.search(sentence)
        while verb is not None:
            found = split_country_list(sentence[: verb.start()])
            if len(found) >= 2:
                return unique(found)
            verb = _LIST_VERB.search(sentence, verb.end())
    return []


def unique(signatories: list[Signatory]) -> list[Signatory]:
    seen: set[str] = set()
    result = []
    for signatory in signatories:
        if signatory.code not in seen:
            seen.add(signatory.code)
            result.append(signatory)
    return result
