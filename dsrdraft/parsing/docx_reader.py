"""Paragraph lines of a .docx from any word processor, list numbering written out as text."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from dsrdraft.errors import DsrError
from dsrdraft.textnorm import strip_illegal_xml

MAX_UNCOMPRESSED = 200 * 1024 * 1024  # refuse zip bombs before python-docx inflates anything
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def open_docx(path: Path) -> Any:
    """A python-docx Document, or a one-line DsrError for anything that is not a sound .docx
    (zip bombs are refused before anything is inflated; XML entities are never resolved)."""
    if not path.is_file():
        raise DsrError(f"{path}: no such file")
    _check_zip(path)
    import docx  # imported here: only .docx input needs it
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise DsrError(f"{path}: not a readable .docx ({exc.__class__.__name__})") from None
    except Exception as exc:  # lxml syntax errors and the like from a corrupted part
        raise DsrError(f"{path}: corrupted .docx ({exc.__class__.__name__}: {exc})") from None


def read_docx_lines(path: Path) -> list[str]:
    """Body paragraphs (and table cells) in order; Title/Heading styles become '# ' lines."""
    document = open_docx(path)
    if document.element.tag != f"{_W}document":
        raise DsrError(f"{path}: not a Word document (its main part is not WordprocessingML)")
    try:
        lines = _document_lines(document)
    except Exception as exc:  # a part python-docx loaded but cannot make sense of
        raise DsrError(f"{path}: corrupted .docx ({exc.__class__.__name__}: {exc})") from None
    return [strip_illegal_xml(line) for line in lines]


def _document_lines(document: Any) -> list[str]:
    lines: list[str] = []
    counters: dict[tuple[str, int], int] = {}
    style_numbering = _style_numbering(document.styles.element)
    formats = _list_formats(document)
    for element in document.element.body.iterchildren():
        if element.tag == f"{_W}p":
            lines.extend(_paragraph_lines(element, counters, style_numbering, formats))
            lines.append("")
        elif element.tag == f"{_W}tbl":
            for paragraph in element.iter(f"{_W}p"):
                lines.extend(_paragraph_lines(paragraph, counters, style_numbering, formats))
                lines.append("")
    return lines


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            total = sum(info.file_size for info in archive.infolist())
            if "word/document.xml" not in archive.namelist():
                raise DsrError(f"{path}: not a Word document (no word/document.xml)")
    except zipfile.BadZipFile:
        raise DsrError(f"{path}: not a .docx file (not a zip archive)") from None
    except OSError as exc:
        raise DsrError(f"{path}: cannot read ({exc})") from None
    if total > MAX_UNCOMPRESSED:
        raise DsrError(f"{path}: refused: it would inflate to {total // 1_048_576} MB")


def _style_numbering(styles: object) -> dict[str, tuple[str, int]]:
    """Numbering that paragraph styles carry ("List Number"), following basedOn links."""
    own: dict[str, tuple[str, int] | None] = {}
    based_on: dict[str, str] = {}
    for style in styles.iterchildren(f"{_W}style"):  # type: ignore[attr-defined]
        style_id = style.get(f"{_W}styleId", "")
        own[style_id] = _numbering(style)
        parent = style.find(f"{_W}basedOn")
        if parent is not None:
            based_on[style_id] = parent.get(f"{_W}val", "")
    result: dict[str, tuple[str, int]] = {}
    for style_id in own:
        seen: set[str] = set()
        current: str | None = style_id
        while current and current not in seen:
            seen.add(current)
            if own.get(current):
                result[style_id] = own[current]  # type: ignore[assignment]
                break
            current = based_on.get(current)
    return result


def _paragraph_lines(
    paragraph: object,
    counters: dict[tuple[str, int], int],
    style_numbering: dict[str, tuple[str, int]],
    formats: dict[tuple[str, int], tuple[str, int]],
) -> list[str]:
    text = _paragraph_text(paragraph)
    if not text.strip():
        return []
    style_id = _style_id(paragraph)
    style = style_id.lower()
    if style.startswith(("title", "heading")) or style in {"subtitle"}:
        return [f"# {text.strip()}"]
    numbering = _numbering(paragraph) or style_numbering.get(style_id)
    if numbering is not None:
        # Word's automatic numbering is not in the text: write it out the way a reader sees it.
        num_id, level = numbering
        number_format, start = formats.get((num_id, level), ("decimal", 1))
        if number_format in ("bullet", "none"):
            return [text]
        for key in [k for k in counters if k[0] == num_id and k[1] > level]:
            del counters[key]
        counters[(num_id, level)] = counters.get((num_id, level), start - 1) + 1
        count = counters[(num_id, level)]
        marker = f"{count}." if level == 0 else f"({chr(ord('a') + (count - 1) % 26)})"
        return [f"{marker} {text.strip()}"]
    return [text]


def _list_formats(document: object) -> dict[tuple[str, int], tuple[str, int]]:
    """(numId, level) -> (number format, start value) from the numbering part, if any."""
    try:
        numbering = document.part.numbering_part.element  # type: ignore[attr-defined]
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    abstract: dict[str, dict[int, tuple[str, int]]] = {}
    for node in numbering.iterchildren(f"{_W}abstractNum"):
        levels: dict[int, tuple[str, int]] = {}
        for lvl in node.iterchildren(f"{_W}lvl"):
            fmt = lvl.find(f"{_W}numFmt")
            start = lvl.find(f"{_W}start")
            levels[int(lvl.get(f"{_W}ilvl", "0"))] = (
                fmt.get(f"{_W}val", "decimal") if fmt is not None else "decimal",
                int(start.get(f"{_W}val", "1")) if start is not None else 1,
            )
        abstract[node.get(f"{_W}abstractNumId", "")] = levels
    result: dict[tuple[str, int], tuple[str, int]] = {}
    for num in numbering.iterchildren(f"{_W}num"):
        link = num.find(f"{_W}abstractNumId")
        if link is None:
            continue
        for level, value in abstract.get(link.get(f"{_W}val", ""), {}).items():
            result[(num.get(f"{_W}numId", ""), level)] = value
    return result


def _paragraph_text(paragraph: object) -> str:
    parts: list[str] = []
    for node in paragraph.iter():  # type: ignore[attr-defined]
        tag = node.tag
        if tag == f"{_W}t" and node.text:
            if any(a.tag == f"{_W}del" for a in node.iterancestors()):
                continue
            parts.append(node.text)
        elif tag in (f"{_W}tab", f"{_W}br", f"{_W}cr"):
            parts.append(" ")
    return "".join(parts)


def _style_id(paragraph: object) -> str:
    style = paragraph.find(f"{_W}pPr/{_W}pStyle")  # type: ignore[attr-defined]
    return style.get(f"{_W}val", "") if style is not None else ""


def _numbering(paragraph: object) -> tuple[str, int] | None:
    num_pr = paragraph.find(f"{_W}pPr/{_W}numPr")  # type: ignore[attr-defined]
    if num_pr is None:
        return None
    num_id = num_pr.find(f"{_W}numId")
    level = num_pr.find(f"{_W}ilvl")
    if num_id is None or num_id.get(f"{_W}val") in (None, "0"):
        return None
    return num_id.get(f"{_W}val"), int(level.get(f"{_W}val", "0")) if level is not None else 0
