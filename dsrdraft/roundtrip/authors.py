"""Who a tracked change's or a comment's author is: the delegation it is attributed to.

An author named by a code ("THA"), a country ("Egypt", "Lao PDR") or a group label is read
through the project's delegation and country resolvers; anyone else ("Jane Doe") needs a
mapping, "Jane Doe=THA", given by the user. An author that maps to nothing is never guessed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from dsrdraft.draft.delegations import check_delegation, country_code_for, delegation
from dsrdraft.errors import DsrError


class UnmappedAuthors(DsrError):
    """Authors of tracked changes or comments that name no delegation."""

    def __init__(self, authors: Iterable[str]) -> None:
        self.authors = tuple(dict.fromkeys(authors))
        names = ", ".join(f"'{a}'" if a else "(no name)" for a in self.authors)
        super().__init__(f"{len(self.authors)} author(s) name no delegation: {names}; map "
                         "each to a delegation code (Jane Doe=THA)")


def author_key(author: str) -> str:
    return " ".join(author.split()).casefold()


def parse_author_map(items: Iterable[str]) -> dict[str, str]:
    """"NAME=CODE" items as author key -> delegation, each code checked; an author given two
    different delegations is refused."""
    out: dict[str, str] = {}
    for item in items:
        name, sep, code = item.rpartition("=")
        if not sep or not name.strip() or not code.strip():
            raise DsrError(f"author map {item!r}: write NAME=CODE, e.g. \"Jane Doe=THA\"")
        key, checked = author_key(name), check_delegation(code.strip())
        if out.get(key, checked) != checked:
            raise DsrError(f"author '{name.strip()}' is mapped to both {out[key]} and "
                           f"{checked}")
        out[key] = checked
    return out


def author_delegation(author: str, mapping: Mapping[str, str]) -> str | None:
    """The delegation an author stands for: the user's mapping first, then the author's name
    read as a code, country or group ("Egypt" -> EGY, "Thailand (THA)" -> THA)."""
    key = author_key(author)
    if key in mapping:
        return mapping[key]
    if not key:
        return None
    return delegation(author) or country_code_for(author)


def map_authors(authors: Iterable[str], mapping: Mapping[str, str]) -> dict[str, str]:
    """Every author -> its delegation; UnmappedAuthors lists all that have none."""
    out: dict[str, str] = {}
    missing: list[str] = []
    for author in authors:
        code = author_delegation(author, mapping)
        if code is None:
            missing.append(author)
        else:
            out[author] = code
    if missing:
        raise UnmappedAuthors(missing)
    return out
