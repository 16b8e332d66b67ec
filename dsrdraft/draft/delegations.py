"""Delegations in attributions: ISO 3166 alpha-3 country codes, or group labels ("G77/China")."""

from __future__ import annotations

import re
from collections.abc import Iterable

from dsrdraft.errors import DsrError

# Brackets, parentheses and commas carry the attribution convention of compiled texts
# ("[should (CHN, THA)]") and separate codes in lists: a label holding one could not be read back.
_BAD_LABEL = re.compile(r"[()\[\],]")
_ALPHA_2 = re.compile(r"[A-Za-z]{2}")
_ALPHA_3 = re.compile(r"[A-Za-z]{3}")


def check_label(code: str) -> str:
    """A delegation code or group label usable in attributions ("CHN", "G77/China")."""
    label = " ".join(str(code).split())
    if not label or _BAD_LABEL.search(label) or label.lower().startswith("delete:"):
        raise DsrError(f"bad delegation label {code!r}: use a code such as CHN or a group "
                       "label such as G77/China (no brackets, parentheses or commas)")
    return label


def check_delegation(code: str) -> str:
    """A delegation as attributions store it: an alpha-3 code upper-cased, or a group label.

    Three letters are always read as a country code, so a typo ("CHM") is caught rather than
    kept as a group; a two-letter country code is refused with its alpha-3 form.
    """
    from dsrdraft.countries import is_country_code

    label = check_label(code)
    if _ALPHA_3.fullmatch(label):
        if not is_country_code(label):
            raise DsrError(f"'{label}' is not an ISO 3166 alpha-3 country code (a group of "
                           "delegations is written as a label such as G77/China)")
        return label.upper()
    if _ALPHA_2.fullmatch(label):
        import pycountry

        country = pycountry.countries.get(alpha_2=label.upper())
        if country is not None:
            raise DsrError(f"'{label}' is an ISO 3166 alpha-2 code: write the alpha-3 code "
                           f"{country.alpha_3}")
    return label


def check_delegations(codes: Iterable[str]) -> tuple[str, ...]:
    """Each code checked, duplicates dropped, order kept."""
    return tuple(dict.fromkeys(check_delegation(c) for c in codes))
