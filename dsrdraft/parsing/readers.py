"""Read .txt, .md and .docx files into plain lines, whatever their encoding or origin."""

from __future__ import annotations

from pathlib import Path

from dsrdraft.errors import DsrError
from dsrdraft.textnorm import strip_illegal_xml

MAX_BYTES = 50 * 1024 * 1024  # a negotiated text is kilobytes; refuse what cannot be one
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
DOCX_SUFFIXES = {".docx", ".docm", ".dotx"}


def read_lines(path: Path) -> list[str]:
    """The document's lines, headings marked with '#' and list numbers written out."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise DsrError(f"{path}: no such file") from None
    except OSError as exc:
        raise DsrError(f"{path}: cannot read ({exc.strerror})") from None
    if path.is_dir():
        raise DsrError(f"{path}: is a directory, not a file")
    if size > MAX_BYTES:
        raise DsrError(f"{path}: too large for a negotiated text ({size // 1_048_576} MB)")
    suffix = path.suffix.lower()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DsrError(f"{path}: cannot read ({exc.strerror})") from None
    if suffix in DOCX_SUFFIXES or data[:4] == b"PK\x03\x04":
        if suffix not in DOCX_SUFFIXES and suffix not in TEXT_SUFFIXES:
            raise DsrError(f"{path}: unsupported file type '{suffix}' (use .txt, .md or .docx)")
        from dsrdraft.parsing.docx_reader import read_docx_lines  # python-docx only when needed

        return read_docx_lines(path)
    if suffix not in TEXT_SUFFIXES:
        raise DsrError(f"{path}: unsupported file type '{suffix}' (use .txt, .md or .docx)")
    return decode_text(data, path).splitlines()


def decode_text(data: bytes, path: Path | str = "input") -> str:
    """Decode bytes by BOM, then UTF-8, then GB18030 (Chinese), then Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    else:
        text = _decode_without_bom(data)
    if "\x00" in text and text.count("\x00") > len(text) // 10:
        raise DsrError(f"{path}: binary data, not a text document")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return strip_illegal_xml(text)


def _decode_without_bom(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # UTF-16 without a BOM: every other byte of ASCII text is zero.
    if len(data) >= 4 and data[1::2].count(0) > len(data) // 4:
        try:
            return data.decode("utf-16-le")
        except UnicodeDecodeError:
            pass
    try:
        text = data.decode("gb18030")
        # GB18030 decodes almost anything; accept it only when it yields mostly Chinese.
        high = [ch for ch in text if ord(ch) > 0x7F]
        if high and sum("\u4e00" <= ch <= "\u9fff" for ch in high) / len(high) > 0.8:
            return text
    except UnicodeDecodeError:
        pass
    return data.decode("cp1252", errors="replace")

