"""Writing direction and script of a text: right-to-left (Arabic, Hebrew) and CJK detection."""

from __future__ import annotations

import unicodedata


def is_rtl(text: str) -> bool:
    """True when the first strong directional character of `text` is right-to-left."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def has_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in text)
