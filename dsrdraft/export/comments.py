"""Reservations as real Word comments, anchored on the clause they concern."""

from __future__ import annotations

from collections.abc import Sequence

from docx.text.run import Run

from dsrdraft.draft.model import Reservation


def add_reservations(document, runs: Sequence[Run], reservations: Sequence[Reservation]) -> None:
    """One comment per reservation, authored by the delegation, anchored on `runs`."""
    for res in reservations:
        initials = "".join(ch for ch in res.delegation if ch.isalnum())[:3].upper()
        document.add_comment(list(runs), text=reservation_text(res),
                             author=res.delegation, initials=initials)


def reservation_text(res: Reservation) -> str:
    """How a reservation reads in a comment, a footnote or a list: "Reservation (EGY): …"."""
    return f"Reservation ({res.delegation}): {res.text}"
