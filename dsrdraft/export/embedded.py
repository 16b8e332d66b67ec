"""The draft an export was made from, carried inside it, and the marks naming its paragraphs.

Every export holds its draft (the draft file's JSON) in a custom XML part, and its SHA-256 in
the sealed properties (`dsrdraft.draft`), so `verify` covers the part too. Each paragraph of a
unit starts with a hidden, collapsed bookmark naming the unit's uid (an alternative's also its
number), so a returned file's paragraphs are known for what they are whatever was done to
them in Word; a paragraph without one is new.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any, NamedTuple

from lxml import etree

from dsrdraft.errors import DsrError
from dsrdraft.lazyre import lazy_compile
from dsrdraft.ooxml import build
from dsrdraft.ooxml.custom_xml import add_custom_xml, read_custom_xml
from dsrdraft.ooxml.digest import sha256_hex
from dsrdraft.ooxml.package import DocxPackage

if TYPE_CHECKING:  # the draft model is loaded by what embeds or reads a draft, not here
    from dsrdraft.draft.model import Draft

NS = "urn:dsrdraft:draft"
ROOT = f"{{{NS}}}draft"
P_DRAFT = "dsrdraft.draft"  # the SHA-256 of the embedded draft's JSON (a sealed property)
_MARK = lazy_compile(r"^_dsr_(u|m|a(\d+)|r(\d+))_([0-9A-Za-z]{1,32})$")
#: Bookmark ids far above the few Word numbers its own from 0, so the two never meet.
_FIRST_ID = 900_000


class Mark(NamedTuple):  # not a frozen dataclass: one compiles its methods at import
    """What a paragraph is: unit `uid` ("unit"), its alternative `index` ("alt"), the
    printed list of its reservations ("reservations"), or a copy of the unit a tracked move
    took elsewhere ("moved": marked so when a returned file is read, never written)."""

    kind: str
    uid: str
    index: int = 0


def unit_mark(uid: str) -> str:
    return f"_dsr_u_{uid}"


def moved_mark(uid: str) -> str:
    return f"_dsr_m_{uid}"


def alternative_mark(uid: str, index: int) -> str:
    return f"_dsr_a{index}_{uid}"


def reservations_mark(uid: str, index: int) -> str:
    return f"_dsr_r{index}_{uid}"


def parse_mark(name: str) -> Mark | None:
    m = _MARK.match(name or "")
    if m is None:
        return None
    if m.group(1) in ("u", "m"):
        return Mark("unit" if m.group(1) == "u" else "moved", m.group(4))
    if m.group(2) is not None:
        return Mark("alt", m.group(4), int(m.group(2)))
    return Mark("reservations", m.group(4), int(m.group(3)))


class Marker:
    """Bookmark ids for one document (unique, as WordprocessingML wants them)."""

    def __init__(self) -> None:
        self._ids = itertools.count(_FIRST_ID)

    def mark(self, p: Any, name: str) -> None:
        build.mark_start(p, name, next(self._ids))


def _canonical(data: Any) -> bytes:
    """The draft's JSON in one canonical form (keys sorted, no spaces): what the seal's
    digest is of, so a word processor re-indenting the part changes nothing."""
    import json

    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      allow_nan=False).encode("utf-8")


def embed_draft(document: Any, draft: Draft) -> dict[str, str]:
    """Put `draft` into the document; returns the property to seal with it."""
    from dsrdraft.draft.storage import draft_to_json

    data = _canonical(draft_to_json(draft))
    root = etree.Element(ROOT, nsmap={None: NS})
    root.set("encoding", "json")
    root.text = data.decode("utf-8")
    add_custom_xml(document, etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    return {P_DRAFT: sha256_hex(data)}


def embedded_digest(package: DocxPackage) -> str:
    """The SHA-256 of the draft the package carries (canonical JSON), "absent", or
    "unreadable": what the seal compares with the sealed `dsrdraft.draft` property."""
    from dsrdraft.draft import jsonio

    root = read_custom_xml(package, ROOT)
    if root is None:
        return "absent"
    try:
        data = jsonio.loads((root.text or "").encode("utf-8"), "the draft inside the export")
    except DsrError:
        return "unreadable"
    return sha256_hex(_canonical(data))


def read_embedded_draft(package: DocxPackage) -> Draft | None:
    """The draft a dsrdraft export carries, or None for any other file. A part that does not
    match the sealed digest (edited by hand) is refused: its draft cannot be trusted."""
    root = read_custom_xml(package, ROOT)
    if root is None:
        return None
    from dsrdraft.draft import jsonio
    from dsrdraft.draft.storage import draft_from_json

    source = f"{package.path} (the draft inside it)"
    data = jsonio.loads((root.text or "").encode("utf-8"), source)
    expected = package.custom_properties().get(P_DRAFT, "")
    if sha256_hex(_canonical(data)) != expected:
        raise DsrError(f"{package.path}: the draft inside this export does not match its "
                       "seal (the file was altered outside a word processor)")
    return draft_from_json(data, source)
