"""Finding the Word template, installed (dsrdraft.templates) or in the source tree."""

from __future__ import annotations

import importlib.resources
from pathlib import Path

from dsrdraft.errors import DsrError

DRAFT_TEMPLATE = "draft.docx"


def template_path(name: str = DRAFT_TEMPLATE) -> Path:
    """The template file `name` from the installed package, else from the repository."""
    try:
        candidate = importlib.resources.files("dsrdraft.templates") / name
        if candidate.is_file():
            return Path(str(candidate))
    except (ModuleNotFoundError, TypeError):
        pass
    source = Path(__file__).resolve().parents[2] / "templates" / name
    if source.is_file():
        return source
    raise DsrError(f"Word template {name} not found (reinstall dsrdraft)")
