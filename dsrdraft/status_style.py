"""One table of clause statuses: label, verb, badge letter and colours (hex, no Qt).

The usual negotiation colours: white for open, yellow for agreed ad referendum, green for
agreed. The GUI turns the hex strings into brushes; the agreed-language shading uses another
hue (see `AGREED_LANGUAGE`) so an agreed clause and an agreed passage never look alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from dsrdraft.draft.model import Status


@dataclass(frozen=True, slots=True)
class StatusStyle:
    label: str  # "Agreed ad ref." (table, details)
    phrase: str  # "agreed ad ref." (after "Mark clause 3 …")
    letter: str  # badge on the toolbar button
    background: str  # row tint
    badge: str  # badge fill (stronger than the row tint)


STATUS_STYLES: dict[Status, StatusStyle] = {
    Status.OPEN: StatusStyle("Open", "open", "O", "#ffffff", "#ffffff"),
    Status.AD_REFERENDUM: StatusStyle("Agreed ad ref.", "agreed ad ref.", "R", "#fff1a8",
                                      "#ffe566"),
    Status.AGREED: StatusStyle("Agreed", "agreed", "A", "#c8ebc4", "#8fd48a"),
}
DELETED_LABEL = "Deleted"

# Passages already agreed in library initiatives: a teal underline and tint, far in hue from
# the agreed-status green and the blue/violet bracket tints.
AGREED_LANGUAGE = {"underline": "#00838f", "background": "#d4f1f4"}


def status_style(status: Status | str) -> StatusStyle:
    return STATUS_STYLES[Status(status)]
