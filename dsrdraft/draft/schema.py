"""The draft file's schema: every field's type, range and known values, and the caps on size.

`check_draft_json` runs on every file read and on every draft about to be written, so a damaged
file is refused before anything uses it and nothing is ever written that could not be read
back. A refusal names the field (`clauses[3].deleted: expected true/false`) and never quotes
the file's text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from dsrdraft.draft.model import DraftKind, Status
from dsrdraft.draft_sniff import FORMAT
from dsrdraft.errors import DsrError

#: Caps that keep every later step (show, compare, export) bounded; each is far beyond a real
#: negotiated text (a long treaty has some 500 paragraphs, an Article 33,000 characters).
MAX_UNITS = 10_000
MAX_REVISIONS = 500
MAX_TEXT = 100_000
MAX_LINE = 2_000  # titles, labels, symbols, notes, names
MAX_BRACKET_DEPTH = 16
MAX_ALTERNATIVES = 50
MAX_RESERVATIONS = 200
MAX_CODES = 300  # delegations on one proposal; signatories of one text
MAX_REVISION_NUMBER = 9_999

STATUSES = tuple(s.value for s in Status)
KINDS = tuple(k.value for k in DraftKind)
_BRACKET = re.compile(r"[\[\]]")

#: The keys this version reads and writes, per object; any other key is kept as it was.
KNOWN_KEYS: dict[str, frozenset[str]] = {
    "draft": frozenset({"format", "version", "title", "symbol", "full_symbol", "revision",
                        "date", "place", "clauses", "signatories", "revisions", "preamble"}),
    "clause": frozenset({"uid", "label", "text", "provenance", "status", "proposers",
                         "alternatives", "reservations", "deleted", "deleted_by", "kind"}),
    "provenance": frozenset({"library_id", "number"}),
    "alternative": frozenset({"text", "proposers"}),
    "reservation": frozenset({"delegation", "text"}),
    "signatory": frozenset({"code", "representative", "title", "date"}),
    "revision": frozenset({"number", "date", "note", "title", "clauses", "signatories"}),
}


class DraftFileError(DsrError):
    """A draft file, or a draft about to be written, that breaks the schema."""


def _fail(source: str, where: str, problem: str) -> DraftFileError:
    return DraftFileError(f"{source}: {where}: {problem}")


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "a list" if isinstance(value, list) else "an object"


class _Checker:
    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, problem: str) -> DraftFileError:
        return _fail(self.source, where, problem)

    def object(self, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, f"expected an object, not {_type_name(value)}")
        return value

    def list(self, value: Any, where: str, cap: int) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(where, f"expected a list, not {_type_name(value)}")
        if len(value) > cap:
            raise self.fail(where, f"{len(value):,} entries (at most {cap:,})")
        return value

    def string(self, value: Any, where: str, cap: int = MAX_LINE, *,
               empty: bool = True) -> str:
        if not isinstance(value, str):
            raise self.fail(where, f"expected a string, not {_type_name(value)}")
        if len(value) > cap:
            raise self.fail(where, f"{len(value):,} characters (at most {cap:,})")
        if not empty and not value.strip():
            raise self.fail(where, "must not be empty")
        return value

    def boolean(self, value: Any, where: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(where, "expected true/false")
        return value

    def whole(self, value: Any, where: str, low: int, high: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(where, f"expected a whole number from {low} to {high:,}")
        if not low <= value <= high:
            raise self.fail(where, f"expected a whole number from {low} to {high:,}")
        return value

    def choice(self, value: Any, where: str, allowed: tuple[str, ...]) -> str:
        if not isinstance(value, str) or value not in allowed:
            raise self.fail(where, f"expected one of {', '.join(allowed)}")
        return value

    def optional(self, obj: dict[str, Any], key: str, where: str,
                 check: Callable[[Any, str], Any]) -> None:
        if key in obj:
            check(obj[key], f"{where}.{key}" if where else key)

    def required(self, obj: dict[str, Any], key: str, where: str,
                 check: Callable[[Any, str], Any]) -> None:
        path = f"{where}.{key}" if where else key
        if key not in obj:
            raise self.fail(path, "missing")
        check(obj[key], path)

    # ---------------------------------------------------------------- delegations

    def delegation(self, value: Any, where: str) -> str:
        from dsrdraft.draft.delegations import check_delegation

        code = self.string(value, where, 100, empty=False)
        try:
            check_delegation(code)
        except DsrError:
            raise self.fail(where, "not an ISO 3166 alpha-3 country code or a group label "
                                   "such as G77/China") from None
        return code

    def delegations(self, value: Any, where: str) -> None:
        for n, code in enumerate(self.list(value, where, MAX_CODES)):
            self.delegation(code, f"{where}[{n}]")

    def country(self, value: Any, where: str) -> str:
        from dsrdraft.countries import is_country_code

        code = self.string(value, where, 3, empty=False)
        if not is_country_code(code):
            raise self.fail(where, "not an ISO 3166 alpha-3 country code")
        return code

    # ---------------------------------------------------------------- texts

    def text(self, value: Any, where: str) -> str:
        text = self.string(value, where, MAX_TEXT)
        depth = bracket_depth(text)
        if depth > MAX_BRACKET_DEPTH:
            raise self.fail(where, f"square brackets nested {depth:,} deep (at most "
                                   f"{MAX_BRACKET_DEPTH})")
        return text

    def units(self, value: Any, where: str) -> None:
        seen: dict[str, int] = {}
        for n, unit in enumerate(self.list(value, where, MAX_UNITS)):
            path = f"{where}[{n}]"
            self.clause(unit, path)
            uid = unit["uid"]
            if uid in seen:
                raise self.fail(f"{path}.uid", f"the same uid as {where}[{seen[uid]}]")
            seen[uid] = n

    def clause(self, value: Any, where: str) -> None:
        c = self.object(value, where)
        self.required(c, "uid", where, lambda v, w: self.string(v, w, 100, empty=False))
        self.required(c, "label", where, self.string)
        self.required(c, "text", where, self.text)
        self.optional(c, "provenance", where, self.provenance)
        self.optional(c, "status", where, lambda v, w: self.choice(v, w, STATUSES))
        self.optional(c, "kind", where, lambda v, w: self.choice(v, w, KINDS))
        self.optional(c, "proposers", where, self.delegations)
        self.optional(c, "deleted", where, self.boolean)
        self.optional(c, "deleted_by", where, self.delegations)
        self.optional(c, "alternatives", where, self.alternatives)
        self.optional(c, "reservations", where, self.reservations)

    def provenance(self, value: Any, where: str) -> None:
        if value is None:
            return
        p = self.object(value, where)
        self.required(p, "library_id", where, lambda v, w: self.string(v, w, empty=False))
        self.required(p, "number", where, lambda v, w: self.string(v, w, empty=False))

    def alternatives(self, value: Any, where: str) -> None:
        for n, alt in enumerate(self.list(value, where, MAX_ALTERNATIVES)):
            path = f"{where}[{n}]"
            a = self.object(alt, path)
            self.required(a, "text", path, self.text)
            self.optional(a, "proposers", path, self.delegations)

    def reservations(self, value: Any, where: str) -> None:
        for n, res in enumerate(self.list(value, where, MAX_RESERVATIONS)):
            path = f"{where}[{n}]"
            r = self.object(res, path)
            self.required(r, "delegation", path, self.delegation)
            self.required(r, "text", path, lambda v, w: self.string(v, w, MAX_TEXT))

    def signatories(self, value: Any, where: str) -> None:
        seen: set[str] = set()
        for n, sig in enumerate(self.list(value, where, MAX_CODES)):
            path = f"{where}[{n}]"
            s = self.object(sig, path)
            self.required(s, "code", path, self.country)
            if s["code"].upper() in seen:
                raise self.fail(f"{path}.code", "the same country twice")
            seen.add(s["code"].upper())
            for key in ("representative", "title", "date"):
                self.optional(s, key, path, self.string)

    def revisions(self, value: Any, where: str) -> None:
        seen: set[int] = set()
        for n, rev in enumerate(self.list(value, where, MAX_REVISIONS)):
            path = f"{where}[{n}]"
            r = self.object(rev, path)
            self.required(r, "number", path,
                          lambda v, w: self.whole(v, w, 0, MAX_REVISION_NUMBER))
            if r["number"] in seen:
                raise self.fail(f"{path}.number", "the same revision number twice")
            seen.add(r["number"])
            for key in ("date", "note", "title"):
                self.optional(r, key, path, self.string)
            self.optional(r, "clauses", path, self.units)
            self.optional(r, "signatories", path, self.signatories)


def check_draft_json(data: Any, source: str) -> int:
    """Check a draft file's JSON against the schema; returns its format version."""
    check = _Checker(source)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise DraftFileError(f"{source}: not a dsrdraft draft file")
    check.required(data, "version", "", lambda v, w: check.whole(v, w, 1, 10**9))
    check.required(data, "title", "", check.string)
    for key in ("symbol", "full_symbol", "date", "place"):
        check.optional(data, key, "", check.string)
    check.optional(data, "revision", "", lambda v, w: check.whole(v, w, 0, MAX_REVISION_NUMBER))
    check.optional(data, "preamble", "", lambda v, w: check.string(v, w, MAX_TEXT * 10))
    check.optional(data, "clauses", "", check.units)
    check.optional(data, "signatories", "", check.signatories)
    check.optional(data, "revisions", "", check.revisions)
    return int(data["version"])


def bracket_depth(text: str) -> int:
    """How deep square brackets nest in `text` (unbalanced ones counted as they stand)."""
    if "[" not in text:
        return 0
    depth = deepest = 0
    for match in _BRACKET.finditer(text):  # only the brackets, not every character
        if match.group() == "[":
            depth += 1
            deepest = max(deepest, depth)
        elif depth:
            depth -= 1
    return deepest
