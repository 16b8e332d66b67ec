"""Finding the Word template, installed (dsrdraft.templates) or in the source tree."""

from __future__ import annotations

from pathlib import Path

from dsrdraft.errors import DsrError

DRAFT_TEMPLATE = "draft.docx"
_PACKAGE = Path(__file__).resolve().parent.parent


def template_path(name: str = DRAFT_TEMPLATE) -> Path:
    """The template file `name` (python-docx wants a real path: the package is not zipped).

    The two usual places are looked at first, an installed package's own folder and a
    source tree's top (the one with pyproject.toml); importlib.resources, which an editable
    install needs, costs 7 ms of a command's start-up."""
    for candidate in (_PACKAGE / "templates" / name,
                      _PACKAGE.parent / "templates" / name):
        if candidate.is_file() and (candidate.parent.parent != _PACKAGE.parent or
                                    (_PACKAGE.parent / "pyproject.toml").is_file()):
            return candidate
    from dsrdraft.paths import resource_dir

    found = resource_dir("templates") / name
    if not found.is_file():
        raise DsrError(f"Word template {name} not found (reinstall dsrdraft)")
    return Path(str(found))
