"""Open an input file and hand it to the reader of its format (.txt, .md, .docx)."""

from __future__ import annotations

import re
from pathlib import Path

from dsrdraft.errors import DsrError
from dsrdraft.lazyre import lazy_compile
from dsrdraft.model import Dropped
from dsrdraft.parsing.blocks import ReadResult
from dsrdraft.parsing.encoding import decode_bytes

MAX_BYTES = 64 * 1024 * 1024  # a negotiated text is kilobytes; refuse what cannot be one
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
DOCX_SUFFIXES = {".docx", ".docm", ".dotx", ".dotm"}
_MARKDOWN_HINT = lazy_compile(r"^\s{0,3}#{1,6}\s+\S", re.MULTILINE)


def read_file(path: Path) -> ReadResult:
    """The blocks of a file, whatever its format; a one-line DsrError when it cannot be read."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise DsrError(f"{path}: no such file") from None
    except OSError as exc:
        raise DsrError(f"{path}: cannot read ({exc.strerror})") from None
    if path.is_dir():
        raise DsrError(f"{path}: is a directory, not a file")
    suffix = path.suffix.lower()
    if suffix not in DOCX_SUFFIXES and suffix not in TEXT_SUFFIXES:
        raise DsrError(f"{path}: unsupported file type '{suffix}' (use .txt, .md or .docx)")
    if suffix in DOCX_SUFFIXES or _is_zip(path):
        from dsrdraft.parsing.docx_reader import read_docx  # lxml only when needed

        return read_docx(path)
    if size > MAX_BYTES:
        raise DsrError(f"{path}: too large for a negotiated text ({size // 1_048_576} MB; "
                       f"at most {MAX_BYTES // 1_048_576} MB)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DsrError(f"{path}: cannot read ({exc.strerror})") from None
    return read_bytes(data, path.name, markdown=suffix in MARKDOWN_SUFFIXES)


def read_bytes(data: bytes, source: str, *, markdown: bool | None = None) -> ReadResult:
    """The blocks of a text file's bytes (the encoding decided on the whole file)."""
    if len(data) > MAX_BYTES:
        raise DsrError(f"{source}: too large for a negotiated text")
    decoded = decode_bytes(data, source)
    result = read_string(decoded.text, source, markdown=markdown)
    if decoded.note:
        result.dropped.insert(0, Dropped(f"encoding: {decoded.note}", ""))
    return result


def read_string(text: str, source: str, *, markdown: bool | None = None) -> ReadResult:
    from dsrdraft.parsing.text_reader import read_text

    if markdown is None:
        markdown = Path(source).suffix.lower() in MARKDOWN_SUFFIXES or bool(
            _MARKDOWN_HINT.search(text[:200_000]))
    return read_text(text, markdown=markdown)


def _is_zip(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(4) == b"PK\x03\x04"
    except OSError:
        return False
