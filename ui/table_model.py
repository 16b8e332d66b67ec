"""The part every table model here shares: a fixed list of columns, counts and headers."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

ModelIndex = QModelIndex | QPersistentModelIndex

# Item flags made once: `flags` runs for every cell a repaint or a key looks at, and each `|`
# of two Python enum members costs more than the rest of the call.
NO_FLAGS = Qt.ItemFlag.NoItemFlags
SELECTABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
DRAGGABLE = SELECTABLE | Qt.ItemFlag.ItemIsDragEnabled
EDITABLE = SELECTABLE | Qt.ItemFlag.ItemIsEditable
DRAGGABLE_EDITABLE = DRAGGABLE | Qt.ItemFlag.ItemIsEditable
DROP_TARGET = Qt.ItemFlag.ItemIsDropEnabled


class ColumnTableModel(QAbstractTableModel):
    """A flat table whose columns are `COLUMNS`; subclasses say how many rows and the data."""

    COLUMNS: ClassVar[list[str]] = []

    def row_count(self) -> int:
        raise NotImplementedError

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.row_count()

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.COLUMNS)):
            return self.COLUMNS[section]
        return None
