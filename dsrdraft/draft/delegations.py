"""Delegations as people type them and attributions store them: ISO 3166 alpha-3 country
codes, country names, group labels ("G77/China"), each checked.

`parse_delegations("chn, Laos; G77/China")` gives ("CHN", "LAO", "G77/China"); "XYZ" (no such
ISO 3166 code) and "Narnia" (no such country, not a group label) are problems, named one by
one, so an attribution never carries a typo. Three letters are always read as a country code
(a typo such as "CHM" is caught rather than kept as a group); a two-letter country code is
refused with its alpha-3 form. Group labels are the usual negotiating groups, or any label with
a slash or ending in Group / Countries / States ("Arab Group").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import pycountry

from dsrdraft.countries import is_country_code, resolve_country
from dsrdraft.errors import DsrError

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


# Brackets, parentheses and commas carry the attribution convention of compiled texts
# ("[should (CHN, THA)]") and separate codes in lists: a label holding one could not be read back.
_BAD_LABEL = re.compile(r"[()\[\],]")
_ALPHA_2 = re.compile(r"[A-Za-z]{2}")


def check_label(code: str) -> str:
    """A delegation code or group label usable in attributions ("CHN", "G77/China")."""
    label = " ".join(str(code).split())
    if not label or _BAD_LABEL.search(label) or label.lower().startswith("delete:"):
        raise DsrError(f"bad delegation label {code!r}: use a code such as CHN or a group "
                       "label such as G77/China (no brackets, parentheses or commas)")
    return label


def check_delegation(code: str) -> str:
    """A delegation as attributions store it: an alpha-3 code upper-cased, a country name
    as its code ("Laos" -> LAO), or a group label; anything else is refused, naming it."""
    label = check_label(code)
    if len(label) == 3 and label.isalpha() and not is_country_code(label):
        raise DsrError(f"'{label}' is not an ISO 3166 alpha-3 country code (a group of "
                       "delegations is written as a label such as G77/China)")
    if _ALPHA_2.fullmatch(label):
        country = pycountry.countries.get(alpha_2=label.upper())
        if country is not None:
            raise DsrError(f"'{label}' is an ISO 3166 alpha-2 code: write the alpha-3 code "
                           f"{country.alpha_3}")
    found = delegation(label)
    if found is None:
        (problem,) = parse_delegations(label).problems or (f"'{label}' is not a delegation",)
        raise DsrError(problem)
    return found


def check_delegations(codes: Iterable[str]) -> tuple[str, ...]:
    """Each code checked, duplicates dropped, order kept."""
    return tuple(dict.fromkeys(check_delegation(c) for c in codes))
