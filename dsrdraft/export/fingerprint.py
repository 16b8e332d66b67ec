"""The fingerprint: SHA-256 of the document's canonical text, kept in its custom properties.

The canonical text is read back from the document itself (title, preamble, each clause's label
and text with its alternatives, each signature row), with tracked changes taken as accepted, so
`verify` recomputes it from exactly what a reader sees. Per-item hashes let verify name the
clauses that were edited.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from dsrdraft.errors import DsrError
from dsrdraft.export.styles import StyleIds
from dsrdraft.ooxml import build
from dsrdraft.ooxml import text as xml
from dsrdraft.ooxml.ns import qn

FORMAT = "dsrdraft-export 1"
P_FORMAT = "dsrdraft.format"
P_FINGERPRINT = "dsrdraft.fingerprint"
P_ITEM = "dsrdraft.item."


@dataclass(frozen=True, slots=True)
class Item:
    """One piece of canonical text: kind is title, preamble, heading, clause or signatory."""

    kind: str
    key: str
    text: str

    @property
    def line(self) -> str:
        return f"{self.kind}\t{self.key}\t{self.text}"

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.line.encode("utf-8")).hexdigest()[:16]

    @property
    def name(self) -> str:
        return f"{self.kind} {self.key}".strip()


def _norm(text: str) -> str:
    return " ".join(text.split())


def extract_items(document) -> list[Item]:
    ids = StyleIds.of(document)
    items: list[Item] = []
    preamble: list[str] = []
    clause_label: str | None = None
    clause_text: list[str] = []

    def close_clause() -> None:
        nonlocal clause_label
        if clause_label is not None:
            items.append(Item("clause", clause_label, _norm(" | ".join(clause_text))))
        clause_label = None
        clause_text.clear()

    body = document.element.body
    for el in body.iterchildren():
        if el.tag == qn("w:p"):
            style = xml.paragraph_style(el)
            runs = list(xml.accepted_runs(el))
            if style == ids.clause:
                close_clause()
                label = "".join(t for s, t in runs if s == ids.clause_label)
                clause_label = _norm(label).rstrip(".")
                clause_text.append("".join(t for s, t in runs if s != ids.clause_label))
            elif style == ids.alternative and clause_label is not None:
                clause_text.append("".join(t for _, t in runs))
            elif style == ids.title:
                close_clause()
                items.append(Item("title", "", _norm("".join(t for _, t in runs))))
            elif style == ids.preamble:
                close_clause()
                preamble.append(_norm("".join(t for _, t in runs)))
            elif style == ids.division:
                close_clause()
                items.append(Item("heading", "", _norm("".join(t for _, t in runs))))
        elif el.tag == qn("w:tbl") and xml.table_style(el) == ids.signature_table:
            close_clause()
            for tr in el.iterchildren(qn("w:tr")):
                if xml.row_deleted(tr):
                    continue
                cells = ["".join(t for p in tc.iter(qn("w:p")) for _, t in xml.accepted_runs(p))
                         for tc in tr.iterchildren(qn("w:tc"))]
                cells = [_norm(c) for c in cells]
                if cells and cells[0] != "Country":
                    items.append(Item("signatory", cells[0], "\t".join(cells)))
    close_clause()
    if preamble:
        items.insert(1 if items and items[0].kind == "title" else 0,
                     Item("preamble", "", "\n".join(preamble)))
    return items


def fingerprint_of(items: list[Item]) -> str:
    return hashlib.sha256("\n".join(i.line for i in items).encode("utf-8")).hexdigest()


def embed(document, extra: dict[str, str] | None = None) -> str:
    """Compute the fingerprint of `document` as built and store it; returns the hex digest."""
    items = extract_items(document)
    digest = fingerprint_of(items)
    props = {P_FORMAT: FORMAT, P_FINGERPRINT: digest, **(extra or {})}
    for n, item in enumerate(items):
        props[f"{P_ITEM}{n:04d}"] = f"{item.kind}\t{item.key}\t{item.digest}"
    build.write_custom_properties(document, props)
    return digest


@dataclass(frozen=True, slots=True)
class VerifyResult:
    ok: bool
    expected: str
    actual: str
    differences: tuple[str, ...]


def verify_document(document) -> VerifyResult:
    props = build.read_custom_properties(document)
    if props.get(P_FORMAT) != FORMAT or P_FINGERPRINT not in props:
        raise DsrError("not a dsrdraft export (no dsrdraft fingerprint in its properties)")
    expected = props[P_FINGERPRINT]
    items = extract_items(document)
    actual = fingerprint_of(items)
    if actual == expected:
        return VerifyResult(True, expected, actual, ())
    stored: list[tuple[str, str, str]] = []
    for name in sorted(k for k in props if k.startswith(P_ITEM)):
        kind, key, digest = [*props[name].split("\t"), "", ""][:3]
        stored.append((kind, key, digest))
    differences: list[str] = []
    now = _numbered([(i.kind, i.key, i.digest) for i in items])
    before = _numbered(stored)
    for ident, digest in before.items():
        name = f"{ident[0]} {ident[1]}".strip()
        if ident not in now:
            differences.append(f"{name} (removed)")
        elif now[ident] != digest:
            differences.append(name)
    differences.extend(f"{ident[0]} {ident[1]}".strip() + " (added)"
                       for ident in now if ident not in before)
    if not differences:
        differences.append("the order of the text")
    return VerifyResult(False, expected, actual, tuple(differences))


def _numbered(rows: list[tuple[str, str, str]]) -> dict[tuple[str, str, int], str]:
    """Key each (kind, key) by its occurrence so repeated labels stay apart."""
    seen: dict[tuple[str, str], int] = {}
    out: dict[tuple[str, str, int], str] = {}
    for kind, key, digest in rows:
        n = seen.get((kind, key), 0)
        seen[(kind, key)] = n + 1
        out[(kind, key, n)] = digest
    return out


def verify_docx(path: str | Path) -> VerifyResult:
    from dsrdraft.ooxml.package import open_docx

    return verify_document(open_docx(Path(path)))
