"""A file field with its "Choose…" button, laid out as the dialogs show them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QWidget


def chooser_row(edit: QLineEdit, choose: Callable[[], None],
                *between: tuple[QWidget, int]) -> QHBoxLayout:
    """`edit`, then any (widget, stretch) in `between`, then a "Choose…" button calling
    `choose`; the field takes the stretch unless `between` claims a share."""
    button = QPushButton("Choose…")
    button.clicked.connect(choose)
    row = QHBoxLayout()
    row.addWidget(edit, 2 if between else 1)
    for widget, stretch in between:
        row.addWidget(widget, stretch)
    row.addWidget(button)
    return row
