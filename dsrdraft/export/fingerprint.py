"""The fingerprint and the signature of a Word export, and `verify`.

The fingerprint is the SHA-256 of the document's canonical text: everything a reader sees,
read back from the saved file (`dsrdraft.export.canonical`), and the dsrdraft properties
that describe it (mode, symbol, revision…). An export may also carry an Ed25519 signature of
that text by the secretariat's key (`dsrdraft.export.signing`): the fingerprint alone shows
that a file is whole, but anyone can recompute it after an edit; only the signature shows who
issued the file. Per-block digests let `verify` name what changed and how.
"""

from __future__ import annotations

import difflib
import io
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from dsrdraft.errors import DsrError
from dsrdraft.export.canonical import Block, read_blocks
from dsrdraft.export.embedded import P_DRAFT, embedded_digest
from dsrdraft.export.styles import StyleIds
from dsrdraft.ooxml import build
from dsrdraft.ooxml import text as xml
from dsrdraft.ooxml.digest import sha256_hex
from dsrdraft.ooxml.ns import qn
from dsrdraft.ooxml.package import DocxPackage

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )

FORMAT = "dsrdraft-export 2"
LEGACY_FORMAT = "dsrdraft-export 1"  # text-only fingerprint of dsrdraft 0.1 exports
P_FORMAT = "dsrdraft.format"
P_FINGERPRINT = "dsrdraft.fingerprint"
P_ITEM = "dsrdraft.item."
P_SIGNATURE = "dsrdraft.signature"
P_KEY = "dsrdraft.key"
#: What the footer shows while the fingerprint is computed (it cannot show itself).
PLACEHOLDER = "?" * 64
SHORT = 12
#: Properties that are the seal itself, not part of what it covers.
_SEAL = (P_FINGERPRINT, P_SIGNATURE, P_KEY)
_MAX_NAMED = 12


def _covered(props: dict[str, str]) -> list[str]:
    """The dsrdraft properties the fingerprint covers, as sorted name=value lines."""
    return [f"{k}={' '.join(v.split())}" for k, v in sorted(props.items())
            if k.startswith("dsrdraft.") and not k.startswith(P_ITEM) and k not in _SEAL]


def sealed_blocks(package: DocxPackage, props: dict[str, str], short: str) -> list[Block]:
    """What the seal covers: the export's own properties (mode, symbol, revision…), then
    every block a reader sees."""
    covered = "\n".join(_covered(props))
    blocks = [Block("the export's properties (mode, symbol, revision)", covered, covered,
                    frozenset())]
    if P_DRAFT in props:  # the draft the export carries must be the one it was sealed with
        digest = embedded_digest(package)
        blocks.append(Block("the draft carried inside the export", digest, digest,
                            frozenset()))
    return [*blocks, *read_blocks(package, short)]


def canonical_bytes(blocks: Sequence[Block]) -> bytes:
    return "\n".join([FORMAT, *(b.line for b in blocks)]).encode("utf-8", "surrogatepass")


def _item(block: Block) -> str:
    name = " ".join(block.name.replace("\t", " ").split())
    return f"{name}\t{block.text_digest}\t{block.digest}\t{','.join(sorted(block.flags))}"


def _as_saved(document: Any) -> DocxPackage:
    """The built document as `verify` will read it: a package written without python-docx
    offers the very trees it saves (no zip written and read back), a python-docx Document is
    saved and reopened."""
    if hasattr(document, "reading_view"):
        return document.reading_view()
    return DocxPackage(Path("export.docx"), _save(document))


def _save(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def seal(document: Any, extra: dict[str, str] | None = None,
         key: Ed25519PrivateKey | None = None) -> tuple[str, bytes]:
    """Fingerprint (and sign, with `key`) the built document, whose footer shows
    PLACEHOLDER; returns the fingerprint and the bytes of the finished .docx.

    The canonical text is read from the saved bytes, exactly as `verify` will read the file,
    then the footer's placeholder becomes the short fingerprint (held as a mark in the
    canonical text) and the seal goes into the custom properties."""
    props = {P_FORMAT: FORMAT, **(extra or {})}
    build.write_custom_properties(document, props)
    with _as_saved(document) as package:
        blocks = sealed_blocks(package, props, PLACEHOLDER[:SHORT])
    message = canonical_bytes(blocks)
    digest = sha256_hex(message)
    props[P_FINGERPRINT] = digest
    for n, block in enumerate(blocks):
        props[f"{P_ITEM}{n:05d}"] = _item(block)
    if key is not None:
        from dsrdraft.export.signing import key_id, sign

        props[P_SIGNATURE] = sign(key, message)
        props[P_KEY] = key_id(key.public_key())
    _fill_placeholder(document, digest[:SHORT])
    build.write_custom_properties(document, props)
    return digest, _save(document)


def _fill_placeholder(document: Any, short: str) -> None:
    for footer in _footers(document):
        for t in footer.iter(qn("w:t")):
            if t.text and PLACEHOLDER[:SHORT] in t.text:
                t.text = t.text.replace(PLACEHOLDER[:SHORT], short)


def _footers(document: Any) -> list[Any]:
    """The footers of a python-docx Document or of a package written without it."""
    if hasattr(document, "header_footer"):
        footer = document.header_footer("footer")
        return [footer] if footer is not None else []
    return [section.footer._element for section in document.sections]


# ---------------------------------------------------------------- verify

class VerifyResult(NamedTuple):  # not a frozen dataclass: one compiles its methods at import
    ok: bool  # the text is as exported and, when a key was given, signed by it
    expected: str
    actual: str
    differences: tuple[str, ...]
    signature: str = "absent"  # absent | unchecked | valid | invalid
    key: str = ""  # the id of the key the file says signed it
    notes: tuple[str, ...] = ()


def _describe(before: tuple[str, ...], now: Block) -> str:
    """What changed in one block, from its stored digests and flags."""
    name, text_digest, _, flags = before
    label = name if name == now.name else f"{name} (now {now.name})"
    old = set(filter(None, flags.split(",")))
    changes = [f"{_FLAG_WORDS.get(f.split('=')[0], f)}{_value(f)} added"
               for f in sorted(now.flags - old)]
    changes += [f"{_FLAG_WORDS.get(f.split('=')[0], f)}{_value(f)} removed"
                for f in sorted(old - now.flags)]
    if text_digest != now.text_digest:
        return f"{label}: text changed" + (f"; {', '.join(changes)}" if changes else "")
    return f"{label}: {', '.join(changes) if changes else 'formatting changed'}"


_FLAG_WORDS = {"hidden": "hidden text", "struck": "strike-through",
               "invisible": "text the colour of its background", "tiny": "unreadably small text",
               "deleted": "tracked deletion", "inserted": "tracked insertion",
               "fill": "shading", "missing": "a missing part", "other content": "other content"}


def _value(flag: str) -> str:
    return f" {flag.split('=', 1)[1]}" if "=" in flag else ""


def differences(stored: list[tuple[str, ...]], blocks: list[Block]) -> list[str]:
    """What verify reports: each block changed, added or removed, named."""
    out: list[str] = []
    matcher = difflib.SequenceMatcher(None, [s[2] for s in stored], [b.digest for b in blocks],
                                      autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        pairs = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        out.extend(_describe(stored[i1 + k], blocks[j1 + k]) for k in range(pairs))
        out.extend(f"{stored[i][0]} (removed)" for i in range(i1 + pairs, i2))
        out.extend(f"{blocks[j].name} (added)" for j in range(j1 + pairs, j2))
    return list(dict.fromkeys(out)) or ["the order of the text"]


def verify_docx(path: str | Path, public_key: Ed25519PublicKey | None = None
                ) -> VerifyResult:
    """Check a Word export against its seal; a file that is not a readable export is a
    DsrError (exit 2), a changed one a result with ok False (exit 1)."""
    path = Path(path)
    with DocxPackage(path) as package:
        props = package.custom_properties()
        kind = props.get(P_FORMAT)
        if kind == LEGACY_FORMAT and P_FINGERPRINT in props:
            return _verify_v1(path, props, public_key)
        if kind != FORMAT or P_FINGERPRINT not in props:
            raise DsrError(f"{path}: not a dsrdraft export (no dsrdraft fingerprint in its "
                           "properties)")
        expected = props[P_FINGERPRINT]
        blocks = sealed_blocks(package, props, expected[:SHORT])
    message = canonical_bytes(blocks)
    actual = sha256_hex(message)
    signature, key = _signature(props, message, public_key)
    ok = actual == expected and (public_key is None or signature == "valid")
    diffs: list[str] = []
    if actual != expected:
        stored = [tuple([*props[k].split("\t"), "", "", ""][:4])
                  for k in sorted(p for p in props if p.startswith(P_ITEM))]
        diffs = differences(stored, blocks)
        if len(diffs) > _MAX_NAMED:
            diffs = [*diffs[:_MAX_NAMED], f"{len(diffs) - _MAX_NAMED} more"]
    return VerifyResult(ok, expected, actual, tuple(diffs), signature, key)


def _signature(props: dict[str, str], message: bytes,
               public_key: Ed25519PublicKey | None) -> tuple[str, str]:
    signed = props.get(P_SIGNATURE, "")
    key = props.get(P_KEY, "")
    if not signed:
        return "absent", ""
    if public_key is None:
        return "unchecked", key
    from dsrdraft.export.signing import key_id, signature_valid

    return ("valid" if signature_valid(public_key, message, signed) else "invalid",
            key_id(public_key))


# ---------------------------------------------------------------- format 1 (dsrdraft 0.1)

class Item(NamedTuple):  # not a frozen dataclass: one compiles its methods at import
    """One piece of a format-1 canonical text: title, preamble, heading, clause, signatory."""

    kind: str
    key: str
    text: str

    @property
    def line(self) -> str:
        return f"{self.kind}\t{self.key}\t{self.text}"

    @property
    def digest(self) -> str:
        return sha256_hex(self.line.encode("utf-8"))[:16]


def _norm(text: str) -> str:
    return " ".join(text.split())


def _v1_items(document: Any) -> list[Item]:
    """The text-only canonical items of format 1 (body clauses, title, preamble, headings,
    signature rows)."""
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


def _verify_v1(path: Path, props: dict[str, str],
               public_key: Ed25519PublicKey | None) -> VerifyResult:
    from dsrdraft.ooxml.package import open_docx

    note = ("format-1 export (dsrdraft 0.1): its fingerprint covers the clauses' text only, "
            "not formatting, headers or comments, and it is not signed")
    expected = props[P_FINGERPRINT]
    items = _v1_items(open_docx(path))
    actual = sha256_hex("\n".join(i.line for i in items).encode("utf-8"))
    if actual == expected:
        return VerifyResult(public_key is None, expected, actual, (), notes=(note,))
    stored = [tuple([*props[k].split("\t"), "", ""][:3])
              for k in sorted(p for p in props if p.startswith(P_ITEM))]
    now, before = _numbered([(i.kind, i.key, i.digest) for i in items]), _numbered(stored)
    diffs = [f"{k[0]} {k[1]}".strip() + ("" if k in now else " (removed)")
             for k, digest in before.items() if now.get(k) != digest]
    diffs += [f"{k[0]} {k[1]}".strip() + " (added)" for k in now if k not in before]
    return VerifyResult(False, expected, actual, tuple(diffs or ["the order of the text"]),
                        notes=(note,))


def _numbered(rows: list[tuple[str, str, str]]) -> dict[tuple[str, str, int], str]:
    """Key each (kind, key) by its occurrence so repeated labels stay apart."""
    seen: dict[tuple[str, str], int] = {}
    out: dict[tuple[str, str, int], str] = {}
    for kind, key, digest in rows:
        n = seen.get((kind, key), 0)
        seen[(kind, key)] = n + 1
        out[(kind, key, n)] = digest
    return out


