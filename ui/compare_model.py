"""The compare view's item model: one row per aligned clause pair of a `Comparison`.

A thin adapter over the core's frozen result (Meld's chunks): the old side, a kind column and
the new side, each text cell carrying its word-level highlights as HTML in `HtmlRole`. The two
views of the compare screen show different columns of the same model (and proxy), so row `r`
on the left is always the pair opposite row `r` on the right.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any, ClassVar

from PySide6.QtCore import (
    QObject,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from dsrdraft.compare import AlignedPair, Comparison, rebuild
from dsrdraft.draft.changes import sequence_changes
from dsrdraft_ui.draft_model import TOP_LEFT
from dsrdraft_ui.model_sync import sync_rows
from dsrdraft_ui.table_model import NO_FLAGS, SELECTABLE, ColumnTableModel, ModelIndex

DELETED_STYLE = "background-color:#ffd4d1;color:#86181d;text-decoration:line-through"
INSERTED_STYLE = "background-color:#c9f2d0;color:#0b5d1e"
REMOVED_ROW = QColor("#fff1f0")
ADDED_ROW = QColor("#eefbf0")
FILLER = QBrush(QColor("#d9d9d9"), Qt.BrushStyle.BDiagPattern)
KIND_COLOURS = {
    "unchanged": QColor("#ffffff"),
    "changed": QColor("#fff4c2"),
    "split": QColor("#dcecff"),
    "merged": QColor("#dcecff"),
    "added": QColor("#c9f2d0"),
    "removed": QColor("#ffd4d1"),
}
KIND_LABELS = {
    "unchanged": "=",
    "changed": "changed",
    "split": "split",
    "merged": "merged",
    "added": "added",
    "removed": "removed",
}


def side_html(diff: tuple[tuple[str, str], ...], side: str) -> str:
    """The old ("-") or new ("+") side of a word diff as HTML, its own changes highlighted."""
    parts: list[str] = []
    for op, text in diff:
        if op == "=":
            parts.append(html.escape(text))
        elif op == side:
            style = DELETED_STYLE if side == "-" else INSERTED_STYLE
            parts.append(f'<span style="{style}">{html.escape(text)}</span>')
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class Row:
    """What one row shows, computed once per comparison."""

    pair: AlignedPair
    old_label: str
    new_label: str
    old_text: str
    new_text: str
    old_html: str
    new_html: str
    note_old: str  # the link to the other side: "split into 17, 18", "moved: now 9", …
    note_new: str
    key: int  # what the row shows, hashed once (row identity across recomputations)

    @property
    def is_change(self) -> bool:
        return self.pair.kind != "unchanged" or self.pair.moved


def build_rows(comparison: Comparison) -> list[Row]:
    """What each row shows (pure: runs in the CPU lane with the comparison)."""
    olds, news = comparison.old_numbers, comparison.new_numbers

    def label(numbers: tuple[str, ...], indices: tuple[int, ...]) -> str:
        return ", ".join(numbers[i] if i < len(numbers) else str(i + 1) for i in indices)

    rows = []
    for p in comparison.pairs:
        old_label, new_label = label(olds, p.old), label(news, p.new)
        note_old = note_new = ""
        if p.kind == "split":
            note_old, note_new = f"split into {new_label}", f"split from {old_label}"
        elif p.kind == "merged":
            note_old, note_new = f"merged into {new_label}", f"merged from {old_label}"
        if p.moved:
            note_old = ", ".join(x for x in (note_old, f"moved: now {new_label}") if x)
            note_new = ", ".join(x for x in (note_new, f"moved: was {old_label}") if x)
        old_html = side_html(p.diff, "-") if p.old else ""
        new_html = side_html(p.diff, "+") if p.new else ""
        if note_old and old_html:
            old_html = f'<div style="color:#1f5fa8;font-style:italic">⇄ {note_old}</div>{old_html}'
        if note_new and new_html:
            new_html = f'<div style="color:#1f5fa8;font-style:italic">⇄ {note_new}</div>{new_html}'
        rows.append(Row(p, old_label, new_label, rebuild(p.diff, "-") if p.old else "",
                        rebuild(p.diff, "+") if p.new else "", old_html, new_html,
                        note_old, note_new,
                        hash((old_label, new_label, old_html, new_html, p.kind, p.moved))))
    return rows


def _key(row: Row) -> int:
    return row.key


class CompareModel(ColumnTableModel):
    """Rows are aligned pairs; columns: old number, old text, kind, new number, new text."""

    COLUMNS: ClassVar[list[str]] = ["No.", "Old text", "Kind", "No.", "New text"]
    OLD_NO, OLD_TEXT, KIND, NEW_NO, NEW_TEXT = range(5)
    HtmlRole = Qt.ItemDataRole.UserRole + 1
    KindRole = Qt.ItemDataRole.UserRole + 2
    IsChangeRole = Qt.ItemDataRole.UserRole + 3
    MovedRole = Qt.ItemDataRole.UserRole + 4

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Row] = []
        self.comparison: Comparison | None = None
        self.old_title = "Old text"
        self.new_title = "New text"

    def set_comparison(self, comparison: Comparison | None, old_title: str = "Old text",
                       new_title: str = "New text", rows: list[Row] | None = None, *,
                       update: bool = False) -> None:
        """Show a comparison; `update`: it recomputes the one shown (the draft was edited),
        so only the rows that differ are removed and inserted, the others stay put."""
        new_rows = list(rows) if rows is not None else (
            build_rows(comparison) if comparison is not None else [])
        titles_changed = (old_title, new_title) != (self.old_title, self.new_title)
        self.old_title, self.new_title = old_title, new_title
        if update and self.comparison is not None and comparison is not None:
            self.comparison = comparison
            sync_rows(self, self.rows, new_rows, sequence_changes(self.rows, new_rows, _key),
                      _key)
        else:
            self.beginResetModel()
            self.comparison = comparison
            self.rows = new_rows
            self.endResetModel()
        if titles_changed or not update:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)

    def row_of_old(self, number: str) -> int:
        """The row showing old clause `number` (-1 if none)."""
        return next((r for r, row in enumerate(self.rows)
                     if number in row.old_label.split(", ")), -1)

    def row_of_new(self, number: str) -> int:
        return next((r for r, row in enumerate(self.rows)
                     if number in row.new_label.split(", ")), -1)

    # ------------------------------------------------------------ QAbstractTableModel

    def row_count(self) -> int:
        return len(self.rows)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if section == self.OLD_TEXT:
            return self.old_title
        if section == self.NEW_TEXT:
            return self.new_title
        if 0 <= section < len(self.COLUMNS):
            return self.COLUMNS[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        col = index.column()
        kind = row.pair.kind
        if role == Qt.ItemDataRole.DisplayRole:
            return {self.OLD_NO: row.old_label, self.OLD_TEXT: row.old_text,
                    self.KIND: KIND_LABELS[kind] + (" (moved)" if row.pair.moved else ""),
                    self.NEW_NO: row.new_label, self.NEW_TEXT: row.new_text}.get(col)
        if role == self.HtmlRole:
            if col == self.OLD_TEXT:
                return row.old_html
            if col == self.NEW_TEXT:
                return row.new_html
            return None
        if role == self.KindRole:
            return kind
        if role == self.IsChangeRole:
            return row.is_change
        if role == self.MovedRole:
            return row.pair.moved
        if role == Qt.ItemDataRole.BackgroundRole:
            old_side = col in (self.OLD_NO, self.OLD_TEXT)
            if col in (self.OLD_NO, self.OLD_TEXT, self.NEW_NO, self.NEW_TEXT):
                if (old_side and not row.pair.old) or (not old_side and not row.pair.new):
                    return FILLER  # nothing opposite: empty space
                if kind == "removed":
                    return QBrush(REMOVED_ROW)
                if kind == "added":
                    return QBrush(ADDED_ROW)
                if col in (self.OLD_NO, self.NEW_NO):
                    return QBrush(KIND_COLOURS[kind])
                return None
            return QBrush(KIND_COLOURS[kind])
        if role == Qt.ItemDataRole.ToolTipRole:
            what = {"unchanged": "Unchanged", "changed": "Changed",
                    "split": f"Split: {row.old_label} → {row.new_label}",
                    "merged": f"Merged: {row.old_label} → {row.new_label}",
                    "added": f"Added: {row.new_label}",
                    "removed": f"Removed: {row.old_label}"}[kind]
            if row.pair.moved:
                what += f" (moved: {row.old_label} → {row.new_label})"
            if row.pair.old and row.pair.new:
                what += f"; similarity {row.pair.similarity:.2f}"
            return what
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return TOP_LEFT
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return NO_FLAGS
        return SELECTABLE


class ChangesFilter(QSortFilterProxyModel):
    """Hides unchanged pairs when `only_changes` is on (moved ones stay: they changed place)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.only_changes = False

    def set_only_changes(self, on: bool) -> None:
        if on != self.only_changes:
            self.beginFilterChange()
            self.only_changes = on
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        if not self.only_changes:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        return bool(index.data(CompareModel.IsChangeRole))
