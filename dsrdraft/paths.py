"""Where the bundled files are: inside the installed package, or at the top of a source tree."""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

_SOURCE_ROOT = Path(__file__).resolve().parent.parent


def resource_dir(package: str = "resources") -> Traversable:
    """`resources/` or `templates/`: installed as dsrdraft.resources / dsrdraft.templates."""
    try:
        return resources.files(f"dsrdraft.{package}")
    except (ModuleNotFoundError, TypeError):
        # A source checkout: pyproject maps the top-level folders into the package on install.
        return _SOURCE_ROOT / package

