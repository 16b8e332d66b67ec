"""Paragraph lines of a .docx from any word processor, list numbering written out as text."""

from __future__ import annotations

import zipfile
from pathlib import Path

from dsrdraft.errors import DsrError
from dsrdraft.textnorm import strip_illegal_xml

MAX_UNCOMPRESSED = 200 * 1024 * 1024  # refuse zip bombs before python-docx inflates anything
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx_lines(path: Path) -> list[str]:
    """Body paragraphs (and table cells) in order; Title/Heading styles become '# ' lines."""
    _check_zip(path)
    import docx  # imported here: only .docx input needs it
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise DsrError(f"{path}: not a readable .docx ({exc.__class__.__name__})") from None
    except Exception as exc:  # lxml syntax errors and the like from a corrupted part
        raise DsrError(f"{path}: corrupted .docx ({exc.__class__.__name__}: {exc})") from None
    lines: list[str] = []
    counters: dict[tuple[str, int], int] = {}
    for element in document.element.body.iterchildren():
        if element.tag == f"{_W}p":
            lines.extend(_paragraph_lines(element, counters))
            lines.append("")
        elif element.tag == f"{_W}tbl":
            for paragraph in element.iter(f"{_W}p"):
                lines.extend(_paragraph_lines(paragraph, counters))
                lines.append("")
    return [strip_illegal_xml(line) for line in lines]


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


def _paragraph_lines(paragraph: object, counters: dict[tuple[str, int], int]) -> list[str]:
    text = _paragraph_text(paragraph)
    if not text.strip():
        return []
    style = _style_id(paragraph).lower()
    if style.startswith(("title", "heading")) or style in {"subtitle"}:
        return [f"# {text.strip()}"]
    numbering = _numbering(paragraph)
    if numbering is not None:
        # Word's automatic numbering is not in the text: write it out the way a reader sees it.
        num_id, level = numbering
        for key in [k for k in counters if k[0] == num_id and k[1] > level]:
            del counters[key]
        counters[(num_id, level)] = counters.get((num_id, level), 0) + 1
        count = counters[(num_id, level)]
        marker = f"{count}." if level == 0 else f"({chr(ord('a') + (count - 1) % 26)})"
        return [f"{marker} {text.strip()}"]
    return [text]


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
