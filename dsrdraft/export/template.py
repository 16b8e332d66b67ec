"""Finding the Word template, installed (dsrdraft.templates) or in the source tree."""

from __future__ import annotations

from pathlib import Path

from dsrdraft.errors import DsrError
from dsrdraft.paths import resource_dir

DRAFT_TEMPLATE = "draft.docx"


def template_path(name: str = DRAFT_TEMPLATE) -> Path:
    """The template file `name` (python-docx wants a real path: the package is not zipped)."""
    candidate = resource_dir("templates") / name
    if not candidate.is_file():
        raise DsrError(f"Word template {name} not found (reinstall dsrdraft)")
    return Path(str(candidate))
