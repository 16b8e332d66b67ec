"""Whether a file is a dsrdraft draft, told from its first bytes without loading the drafts."""

from __future__ import annotations

import os
from pathlib import Path

FORMAT = "dsrdraft-draft"  # the "format" a draft file names


def is_draft_file(path: str | os.PathLike[str]) -> bool:
    """True when `path` is a JSON file that says it is a dsrdraft draft (cheap sniff)."""
    p = Path(path)
    if not p.is_file():
        return False
    try:
        with open(p, encoding="utf-8") as fh:
            head = fh.read(4096)
    except (OSError, UnicodeDecodeError):
        return False
    return head.lstrip().startswith("{") and f'"{FORMAT}"' in head
