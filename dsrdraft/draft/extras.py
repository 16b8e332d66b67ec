"""Keys this version does not know (a newer dsrdraft's field, a tool's annotation), carried
from the file read to the file written, on the object they belong to.

Objects are found again by what identifies them, not by position: a clause by its uid (in the
draft or in a kept revision), a signatory by its code, a revision by its number, an alternative
or a reservation by its text. An object the edit removed takes its unknown keys with it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from dsrdraft.draft.schema import KNOWN_KEYS

Path = tuple[Any, ...]

# object kind -> {key holding children: the children's kind}
_CHILDREN: dict[str, dict[str, str]] = {
    "draft": {"clauses": "clause", "signatories": "signatory", "revisions": "revision"},
    "revision": {"clauses": "clause", "signatories": "signatory"},
    "clause": {"alternatives": "alternative", "reservations": "reservation",
               "provenance": "provenance"},
}


def _identity(kind: str, obj: dict[str, Any]) -> Any:
    if kind == "clause":
        return obj.get("uid")
    if kind == "signatory":
        return str(obj.get("code", "")).upper()
    if kind == "revision":
        return obj.get("number")
    if kind == "reservation":
        return (obj.get("delegation"), obj.get("text"))
    return obj.get("text")


def _walk(obj: dict[str, Any], kind: str, path: Path) -> Iterator[tuple[Path, str, dict]]:
    yield path, kind, obj
    for key, child_kind in _CHILDREN.get(kind, {}).items():
        value = obj.get(key)
        if isinstance(value, dict):
            yield from _walk(value, child_kind, (*path, key))
        elif isinstance(value, list):
            seen: dict[Any, int] = {}
            for item in value:
                if not isinstance(item, dict):
                    continue
                ident = _identity(child_kind, item)
                n = seen[ident] = seen.get(ident, -1) + 1  # two alternatives alike stay apart
                yield from _walk(item, child_kind, (*path, key, ident, n))


@dataclass(frozen=True, slots=True)
class Extras:
    """The unknown keys of a draft file, by the object that held them."""

    by_path: dict[Path, dict[str, Any]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.by_path)

    @classmethod
    def collect(cls, data: dict[str, Any]) -> Extras:
        found: dict[Path, dict[str, Any]] = {}
        for path, kind, obj in _walk(data, "draft", ()):
            unknown = {k: v for k, v in obj.items() if k not in KNOWN_KEYS[kind]}
            if unknown:
                found[path] = unknown
        return cls(found)

    def apply(self, data: dict[str, Any]) -> dict[str, Any]:
        """`data` (the JSON this version writes) with the unknown keys put back in place;
        a key this version writes always wins."""
        if not self.by_path:
            return data
        for path, _kind, obj in _walk(data, "draft", ()):
            for key, value in self.by_path.get(path, {}).items():
                obj.setdefault(key, value)
        return data

    def keys(self) -> list[str]:
        """'clauses[uid].note'-style names of what is kept, for a notice."""
        return sorted({key for unknown in self.by_path.values() for key in unknown})
