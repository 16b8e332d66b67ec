"""Country names to ISO 3166 alpha-3 codes: pycountry plus the formal forms treaties use.

The names are pycountry's (English and its translations) and the aliases below, written out
once into `dsrdraft.country_table` by `python scripts/make_country_table.py`: importing
pycountry and reading its translations took some 110 ms of every command that reads a
text with signatories (a test checks the table against pycountry as installed).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from dsrdraft.lazyre import lazy_compile
from dsrdraft.model import Signatory
from dsrdraft.textnorm import fold_for_match

# Forms seen in negotiated texts that pycountry does not list (or lists differently).
_ALIASES: dict[str, str] = {
    "laos": "LAO",
    "lao pdr": "LAO",
    "turkey": "TUR",
    "turkiye": "TUR",
    "republic of turkey": "TUR",
    "republic of turkiye": "TUR",
    "palestine": "PSE",
    "state of palestine": "PSE",
    "republic of argentina": "ARG",
    "republic of the union of myanmar": "MMR",
    "burma": "MMR",
    "uae": "ARE",
    "russia": "RUS",
    "vietnam": "VNM",
    "south korea": "KOR",
    "republic of korea": "KOR",
    "north korea": "PRK",
    "democratic people's republic of korea": "PRK",
    "iran": "IRN",
    "syria": "SYR",
    "bolivia": "BOL",
    "venezuela": "VEN",
    "tanzania": "TZA",
    "moldova": "MDA",
    "brunei": "BRN",
    "ivory coast": "CIV",
    "cape verde": "CPV",
    "swaziland": "SWZ",
    "macedonia": "MKD",
    "czech republic": "CZE",
    "east timor": "TLS",
    "kyrgyzstan": "KGZ",
    "the gambia": "GMB",
    "hong kong sar": "HKG",
    "great britain": "GBR",
    "britain": "GBR",
    "united kingdom": "GBR",
    "united states": "USA",
    "usa": "USA",
    "democratic republic of the congo": "COD",
    "dr congo": "COD",
    "republic of the congo": "COG",
    "congo brazzaville": "COG",
    "micronesia": "FSM",
    "vatican": "VAT",
    "holy see": "VAT",
    # historical and formal forms signature blocks use
    "rsfsr": "RUS",
    "russian soviet federative socialist republic": "RUS",
    "republique tunisienne": "TUN",
    "republique hellenique": "GRC",
    "grand duche de luxembourg": "LUX",
    "etats unis d'amerique": "USA",
}
# Treaties name their parties in the language they are written in: pycountry's translations.
_LANGUAGES = ("fr", "es", "nl", "de", "zh_CN")

# "Federal Democratic Republic of X", "Kingdom of X", "Union of X": strip the form of state.
_FORM_OF_STATE = lazy_compile(
    r"^(?:(?:federal|democratic|socialist|islamic|people's|plurinational|bolivarian|"
    r"co operative|cooperative|oriental|arab|united|hashemite|independent|argentine|"
    r"hellenic|lebanese|syrian|sovereign)\s+)*"
    r"(?:republic|kingdom|state|states|sultanate|principality|grand duchy|commonwealth|union|"
    r"federation|emirate|emirates)\s+of\s+(?:the\s+)?(?P<rest>.+)$"
    # "Royaume des Pays-Bas", "República de Chile", "Koninkrijk der Nederlanden" (folded)
    r"|^(?:republique|royaume|grand duche|etat|principaute|confederation|republica|reino|"
    r"estado|koninkrijk|republiek|groothertogdom|staat|konigreich|republik|bundesrepublik)"
    r"(?:\s+(?:federale|federal|socialiste|democratique|populaire|arabe|islamique|"
    r"federativa|democratica|popular|unido|federale))*"
    r"\s+(?:de la |de l'|d'|du |des |de |del |de los |van de |van het |van |der |von )"
    r"(?P<other>.+)$"
)


def _key(name: str) -> str:
    key = fold_for_match(name)
    key = re.sub(r"^the\s+", "", key)
    return key


@cache
def _table() -> dict[str, str]:
    from dsrdraft.country_table import NAMES_TO_CODES

    return NAMES_TO_CODES


def build_tables() -> tuple[dict[str, str], dict[str, str]]:
    """(folded name -> alpha-3 code, alpha-3 code -> English short name) from pycountry
    as installed: what `scripts/make_country_table.py` writes into dsrdraft.country_table."""
    import gettext

    import pycountry

    names_to_codes = _names_to_codes(pycountry, gettext)
    codes_to_names = {c.alpha_3.upper(): _short_name(c) for c in pycountry.countries}
    return names_to_codes, codes_to_names


def _names_to_codes(pycountry: Any, gettext: Any) -> dict[str, str]:
    table: dict[str, str] = {}
    for country in pycountry.countries:
        code = country.alpha_3
        names = {country.name, getattr(country, "official_name", ""),
                 getattr(country, "common_name", "")}
        for name in filter(None, names):
            table.setdefault(_key(name), code)
            if ", " in name:  # pycountry writes "Korea, Republic of": also the natural order
                head, tail = name.split(", ", 1)
                table.setdefault(_key(f"{tail} {head}"), code)
            table.setdefault(_key(name).replace(" the ", " "), code)
    for language in _LANGUAGES:
        try:
            names = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
        except OSError:
            continue  # a pycountry without that translation: English names only
        for country in pycountry.countries:
            for name in {country.name, getattr(country, "official_name", "")} - {""}:
                translated = names.gettext(name)
                if translated != name:
                    table.setdefault(_key(translated), country.alpha_3)
                    table.setdefault(translated.strip(), country.alpha_3)  # 中华人民共和国
    for alias, code in _ALIASES.items():
        table[_key(alias)] = code
    return table


def resolve_country(name: str) -> Signatory | None:
    """The Signatory for a country name in any usual form, or None if it is not a country."""
    stripped = name.strip()
    if not stripped:
        return None  # nothing named (the table's empty key is a name with no Latin letters)
    if re.fullmatch(r"[A-Z]{3}", stripped) and is_country_code(stripped):
        return Signatory(code=stripped, name=country_name(stripped))  # written as a code
    key = _key(name)
    table = _table()
    if not key:
        code = table.get(stripped)  # a name in Chinese characters: no Latin letters to fold
        return Signatory(code=code, name=country_name(code)) if code else None
    code = table.get(key) or table.get(key.replace(" the ", " "))
    if code is None:
        match = _FORM_OF_STATE.match(key)
        if match:
            rest = match.group("rest") or match.group("other")
            code = table.get(rest) or table.get(rest.replace(" the ", " "))
    if code is None:
        return None
    return Signatory(code=code, name=country_name(code))


def country_name(code: str) -> str:
    """English short name for an alpha-3 code (the code itself for group labels)."""
    from dsrdraft.country_table import CODES_TO_NAMES

    return CODES_TO_NAMES.get(code.upper(), code)


def _short_name(country: Any) -> str:
    name = getattr(country, "common_name", None) or country.name
    if ", " in name:  # "Palestine, State of" reads "State of Palestine" in a signature block
        head, tail = name.split(", ", 1)
        name = f"{tail[0].upper()}{tail[1:]} {head}"
    return name


def is_country_code(code: str) -> bool:
    from dsrdraft.country_table import CODES_TO_NAMES

    return len(code) == 3 and code.upper() in CODES_TO_NAMES


def split_country_list(text: str) -> list[Signatory]:
    """Countries in a list such as "A, the B, C and D", read from the end.

    Reading stops at the first piece that is not a country, so that a clause such as
    "on a voluntary basis, the People's Republic of China, … and Thailand" yields only the
    countries. " and " inside a name ("Sao Tome and Principe") is kept by trying the longest
    join first.
    """
    pieces = [p.strip() for p in re.split(r",|;", text)]
    found: list[Signatory] = []
    for piece in reversed(pieces):
        parts = [p for p in re.split(r"\s+and\s+|\s*&\s*", piece) if p.strip()]
        if not parts:
            continue
        resolved = _resolve_parts(parts)
        if resolved is None:
            # The first piece may carry the words before the list ("…basis, the Kingdom…").
            break
        found[:0] = resolved
    return found


def _resolve_parts(parts: list[str]) -> list[Signatory] | None:
    """Resolve "A and B and C" where names may themselves contain "and"; None if any fails."""
    if not parts:
        return []
    for cut in range(len(parts), 0, -1):
        head = resolve_country(" and ".join(parts[:cut]))
        if head is not None:
            tail = _resolve_parts(parts[cut:])
            if tail is not None:
                return [head, *tail]
    return None

