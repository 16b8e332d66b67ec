"""The importer: read a .txt, .md or .docx initiative into the domain model, storing nothing."""

from __future__ import annotations

from pathlib import Path

from dsrdraft.model import Initiative
from dsrdraft.parsing.readers import decode_text, read_lines
from dsrdraft.parsing.structure import build_initiative

__all__ = ["parse_file", "parse_text"]


def parse_file(path: Path | str) -> Initiative:
    """Parse a file; DsrError (one line) for anything that is not a readable initiative."""
    path = Path(path)
    return build_initiative(read_lines(path), source=path.name, fallback_title=path.stem)


def parse_text(text: str | bytes, *, source: str = "text") -> Initiative:
    """Parse text already in memory (bytes are decoded like a .txt file)."""
    if isinstance(text, bytes):
        text = decode_text(text, source)
    return build_initiative(text.splitlines(), source=source, fallback_title=source)
