"""Words the GUI shows: counts with the right plural."""

from __future__ import annotations

IRREGULAR = {"signatory": "signatories", "proposal": "proposals"}


def plural(n: int, word: str, many: str | None = None) -> str:
    """"1 clause", "2 clauses", "3 signatories" (with thousands separators)."""
    if n == 1:
        return f"1 {word}"
    return f"{n:,} {many or IRREGULAR.get(word, word + 's')}"
