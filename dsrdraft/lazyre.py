"""Regular expressions compiled the first time they are used, not when their module loads.

The importer holds about a hundred patterns; compiling them all took some 85 ms of every
command that reads a text, and a given text uses about half of them (a plain .txt file no
markdown pattern, an English text few of the Chinese ones). Python compiles sets of
characters spanning large Unicode ranges character by character, so those cost the most.
"""

from __future__ import annotations

import re
from typing import Any

# What the importer asks of a pattern; after the first use each is a plain attribute of
# the object (the compiled pattern's own bound method), as fast to reach as on a pattern.
_FORWARDED = ("match", "fullmatch", "search", "finditer", "findall", "sub", "subn", "split",
              "pattern", "flags", "groups", "groupindex", "scanner")


class LazyPattern:
    """Stands for `re.compile(pattern, flags)` and compiles it when first asked for any of
    its methods or attributes."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        # only reached for what the instance does not hold yet: the first use
        compiled = re.compile(*self._source)
        for attribute in _FORWARDED:
            setattr(self, attribute, getattr(compiled, attribute))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"LazyPattern({self._source[0]!r}, {self._source[1]!r})"


def lazy_compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern compiled on first use (typed as the pattern it stands for)."""
    return LazyPattern(pattern, flags)  # type: ignore[return-value]
