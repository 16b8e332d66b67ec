"""Delegations as users type them: ISO 3166 codes, country names, group labels; checked.

`parse_delegations("chn, Laos; G77/China")` gives ("CHN", "LAO", "G77/China"); "XYZ" (no such
ISO 3166 code) and "Narnia" (no such country, not a group label) are problems, named one by
one, so an attribution never carries a typo. Group labels are the usual negotiating groups,
or any label with a slash or ending in Group / Countries / States ("Arab Group").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pycountry

from dsrdraft.countries import is_country_code, resolve_country

KNOWN_GROUPS = ("G77", "G77/China", "EU", "AU", "ASEAN", "AOSIS", "LDCs", "SIDS", "LLDCs",
                "BRICS", "NAM", "OIC", "CELAC", "GRULAC", "JUSSCANZ", "LMDC", "SCO", "CIS",
                "African Group", "Arab Group", "Umbrella Group")
_GROUP_WORDS = re.compile(r"(/|\b(Group|Countries|States)$)", re.IGNORECASE)
_BAD_CHARS = re.compile(r"[\[\](){},;:]")
_CODE_IN_PARENS = re.compile(r"\(([A-Za-z]{3})\)\s*$")


@dataclass(frozen=True, slots=True)
class ParsedDelegations:
    codes: tuple[str, ...]  # codes and group labels, in the order typed, no duplicates
    problems: tuple[str, ...]  # one sentence per part that is not a delegation

    @property
    def ok(self) -> bool:
        return not self.problems


def delegation(part: str) -> str | None:
    """The code or group label for one typed part ("lao", "Laos" -> "LAO"), or None."""
    part = " ".join(part.split())
    if not part or _BAD_CHARS.search(part):
        return None
    known = {g.casefold(): g for g in KNOWN_GROUPS}
    if part.casefold() in known:
        return known[part.casefold()]
    if len(part) == 3 and part.isalpha():
        return part.upper() if is_country_code(part) else None
    found = resolve_country(part)
    if found is not None:
        return found.code
    if _GROUP_WORDS.search(part):
        return part
    return None


def parse_delegations(text: str) -> ParsedDelegations:
    """Comma- or semicolon-separated delegations, each checked (see `delegation`)."""
    codes: list[str] = []
    problems: list[str] = []
    for raw in text.replace(";", ",").split(","):
        part = raw.strip()
        if not part:
            continue
        code = delegation(part)
        if code is None:
            if len(part) == 3 and part.isalpha():
                problems.append(f"{part.upper()} is not an ISO 3166 country code")
            else:
                problems.append(f"“{part}” is not a country, an ISO 3166 code or a group "
                                "label such as G77/China")
        elif code not in codes:
            codes.append(code)
    return ParsedDelegations(tuple(codes), tuple(problems))


def country_choices() -> list[str]:
    """"China (CHN)", … for every ISO 3166 country, with official and common names too."""
    out: set[str] = set()
    for c in pycountry.countries:
        for name in {c.name, getattr(c, "common_name", ""), getattr(c, "official_name", "")}:
            if name:
                out.add(f"{name} ({c.alpha_3})")
    return sorted(out, key=str.casefold)


def country_code_for(text: str) -> str | None:
    """The alpha-3 code for what was typed or picked: "China (CHN)", "chn", "Lao PDR"…"""
    text = text.strip()
    if not text:
        return None
    m = _CODE_IN_PARENS.search(text)
    if m and is_country_code(m.group(1)):
        return m.group(1).upper()
    if len(text) == 3 and text.isalpha() and is_country_code(text):
        return text.upper()
    if len(text) == 2 and text.isalpha():
        country = pycountry.countries.get(alpha_2=text.upper())
        if country is not None:
            return country.alpha_3
    found = resolve_country(text)
    return found.code if found else None
