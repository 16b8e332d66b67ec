"""How much of an input the importer keeps, measured independently of the importer.

Words are Latin/Cyrillic/Arabic letter runs (lower-cased), digit runs and single CJK characters,
counted as multisets. A word of the input is *kept* when it is in the parse's units, front
matter, divisions, footnotes, signatories or translations; *reported* when it is only in
`dropped`; *lost* when it is in neither. The input's words are read without the importer:
a .docx's `w:t` text joined within each paragraph (Word splits words across runs:
"Associat" + "ion"), entities decoded, tracked deletions and moved-from text left out; a text
file's bytes.
"""

from __future__ import annotations

import collections
import re
import zipfile
from pathlib import Path
from typing import Any

TOKEN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]|[^\W\d_\u3400-\u9fff\uf900-\ufaff]+|\d+")


def words(text: str) -> collections.Counter[str]:
    return collections.Counter(t.lower() for t in TOKEN.findall(text))


def strings(node: Any, skip: tuple[str, ...] = ()) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for key, value in node.items() if key not in skip for s in strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in strings(value, skip)]
    return []


def input_text(path: Path) -> str:
    if path.suffix.lower() in (".docx", ".docm", ".dotx"):
        return _docx_text(zipfile.ZipFile(path).read("word/document.xml"))
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "utf-16", "gb18030", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", "replace")


def _docx_text(xml: bytes) -> str:
    from lxml import etree

    root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, huge_tree=True))
    for gone in list(root.iter(f"{_W}del", f"{_W}moveFrom")):
        gone.getparent().remove(gone)
    paragraphs = []
    for p in root.iter(f"{_W}p"):
        # a paragraph's own runs only: paragraphs nested in text boxes are read on their own
        paragraphs.append("".join(t.text or "" for t in p.iter(f"{_W}t")
                                  if next(t.iterancestors(f"{_W}p")) is p))
    return "\n".join(paragraphs)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def kept_reported_lost(path: Path, parsed: dict[str, Any]) -> tuple[float, float, float]:
    """Shares of the input's words kept, reported as dropped, and lost silently."""
    have = words(input_text(path))
    total = sum(have.values()) or 1
    kept = sum((have & words(" ".join(strings(parsed, skip=("dropped",))))).values())
    accounted = sum((have & words(" ".join(strings(parsed)))).values())
    return kept / total, (accounted - kept) / total, 1 - accounted / total
