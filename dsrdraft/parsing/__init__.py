"""The importer: read a .txt, .md or .docx text into the document model, storing nothing."""

from __future__ import annotations

from pathlib import Path

from dsrdraft.collector import collector_paused
from dsrdraft.model import Initiative
from dsrdraft.parsing.readers import read_bytes, read_file, read_string
from dsrdraft.parsing.structure import build_initiative

__all__ = ["parse_file", "parse_text"]


def parse_file(path: Path | str) -> Initiative:
    """Parse a file; DsrError (one line) for anything that is not a readable text."""
    path = Path(path)
    with collector_paused():
        return build_initiative(read_file(path), source=path.name, fallback_title=path.stem)


def parse_text(text: str | bytes, *, source: str = "text") -> Initiative:
    """Parse text already in memory (bytes are decoded like a .txt file)."""
    with collector_paused():
        read = read_bytes(text, source) if isinstance(text, bytes) else read_string(text,
                                                                                  source)
        return build_initiative(read, source=source, fallback_title=Path(source).stem or source)
