"""Signatories: pick countries (pycountry names and codes), representative, title and date.

The table lists them in print order, the order of the exported signature block (English
alphabetical, from `dsrdraft.export.signature.ordered`). Every change is an undoable command
through the `DraftDocument`, like every other edit of the draft.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar

from PySide6.QtCore import (
    QObject,
    QStringListModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dsrdraft.countries import country_name
from dsrdraft.draft import model as dm
from dsrdraft.draft.changes import DraftChanges, sequence_changes
from dsrdraft.draft.delegations import country_choices, country_code_for
from dsrdraft.draft.model import Draft, DraftSignatory
from dsrdraft.export.signature import country_label, ordered
from dsrdraft_ui.draft_model import DraftDocument
from dsrdraft_ui.model_sync import sync_rows
from dsrdraft_ui.table_model import (
    EDITABLE,
    NO_FLAGS,
    SELECTABLE,
    ColumnTableModel,
    ModelIndex,
)


def _code(s: DraftSignatory) -> str:
    return s.code


class SignatoriesModel(ColumnTableModel):
    """The draft's signatories in print order; representative, title and date editable."""

    COLUMNS: ClassVar[list[str]] = ["#", "Country", "Code", "Representative", "Title", "Date"]
    ORDER, COUNTRY, CODE, REPRESENTATIVE, TITLE, DATE = range(6)
    _FIELDS: ClassVar[dict[int, str]] = {3: "representative", 4: "title", 5: "date"}

    def __init__(self, document: DraftDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._rows: list[DraftSignatory] = ordered(document.draft.signatories)
        document.changed.connect(self._on_draft_changed)

    def _on_draft_changed(self, draft: Draft, changes: DraftChanges, _select: object) -> None:
        rows = ordered(draft.signatories)
        if changes.replaced:
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()
            return
        if changes.signatories.empty:
            return
        inserted_or_removed = bool(changes.signatories.added or changes.signatories.removed)
        sync_rows(self, self._rows, rows, sequence_changes(self._rows, rows, _code), _code)
        if inserted_or_removed and self._rows:  # the "#" column counts the print order
            self.dataChanged.emit(self.index(0, self.ORDER),
                                  self.index(len(self._rows) - 1, self.ORDER))

    def signatory_at(self, row: int) -> DraftSignatory:
        return self._rows[row]

    def row_of(self, code: str) -> int:
        return next((i for i, s in enumerate(self._rows) if s.code == code), -1)

    def row_count(self) -> int:
        return len(self._rows)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        s = self._rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col == self.ORDER:
                return str(index.row() + 1)
            if col == self.COUNTRY:
                return country_label(s.code)
            if col == self.CODE:
                return s.code
            return getattr(s, self._FIELDS[col])
        if role == Qt.ItemDataRole.ToolTipRole and col == self.COUNTRY:
            return f"{country_name(s.code)} ({s.code}): printed {index.row() + 1} of " \
                   f"{len(self._rows)} in the signature block"
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return NO_FLAGS
        return EDITABLE if index.column() in self._FIELDS else SELECTABLE

    def setData(self, index: ModelIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        field = self._FIELDS.get(index.column())
        if field is None:
            return False
        s = self._rows[index.row()]
        updated = replace(s, **{field: str(value).strip()})
        return self.document.apply(f"Edit {field} of {country_label(s.code)}",
                                   lambda d: dm.add_signatory(d, updated))


class SignatoriesPanel(QWidget):
    """Add, edit and remove signatories; the list shows the print order."""

    status_message = Signal(str)

    def __init__(self, document: DraftDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SignatoriesPanel")
        self.document = document

        self.country_edit = QLineEdit()
        self.country_edit.setObjectName("signatoryCountry")
        self.country_edit.setPlaceholderText("Country name or code (e.g. Laos, LAO)")
        self.completer = QCompleter(QStringListModel(country_choices(), self), self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setMaxVisibleItems(12)
        self.country_edit.setCompleter(self.completer)
        self.representative_edit = QLineEdit()
        self.representative_edit.setPlaceholderText("Representative")
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("Title")
        self.title_edit.setToolTip("Title, e.g. Minister of Commerce")
        self.date_edit = QLineEdit()
        self.date_edit.setPlaceholderText("YYYY-MM-DD")
        self.date_edit.setToolTip("Date of signature (kept for the next signatory)")
        self.add_button = QPushButton("&Add signatory")
        self.add_button.clicked.connect(self.add_from_form)
        for edit in (self.country_edit, self.representative_edit, self.title_edit,
                     self.date_edit):
            edit.returnPressed.connect(self._on_return)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #a00")

        form = QGridLayout()
        country_label = QLabel("&Country:")
        country_label.setBuddy(self.country_edit)
        form.addWidget(country_label, 0, 0)
        form.addWidget(self.country_edit, 0, 1, 1, 3)
        form.addWidget(self.representative_edit, 1, 1)
        form.addWidget(self.title_edit, 1, 2)
        form.addWidget(self.date_edit, 1, 3)
        form.addWidget(QLabel("Signed by:"), 1, 0)
        buttons = QHBoxLayout()
        buttons.addWidget(self.error_label, 1)
        buttons.addWidget(self.add_button)

        self.model = SignatoriesModel(document, self)
        self.table = QTableView()
        self.table.setObjectName("signatoriesTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in (SignatoriesModel.REPRESENTATIVE, SignatoriesModel.TITLE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.remove_button = QPushButton("&Remove")
        self.remove_button.clicked.connect(self.remove_current)
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_current)
        self.order_label = QLabel()
        self.order_label.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.order_label, 1)
        bottom.addWidget(self.remove_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        for signal in (self.model.modelReset, self.model.dataChanged, self.model.rowsInserted,
                       self.model.rowsRemoved, self.model.rowsMoved):
            signal.connect(self._update_order)
        self._update_order()

    def _on_return(self) -> None:
        popup = self.completer.popup()
        if popup is not None and popup.isVisible():
            return  # the completer takes this Return to fill in the country
        self.add_from_form()

    def add_from_form(self) -> bool:
        code = country_code_for(self.country_edit.text())
        if code is None:
            self.error_label.setText(f"Not a country: {self.country_edit.text().strip()!r}. "
                                     "Type a name or an ISO code and pick from the list.")
            self.country_edit.setFocus()
            return False
        self.error_label.clear()
        signatory = DraftSignatory(code, self.representative_edit.text().strip(),
                                   self.title_edit.text().strip(), self.date_edit.text().strip())
        known = any(s.code == code for s in self.document.draft.signatories)
        verb = "Update" if known else "Add"
        self.document.apply(f"{verb} signatory {country_label(code)}",
                            lambda d: dm.add_signatory(d, signatory))
        for edit in (self.country_edit, self.representative_edit, self.title_edit):
            edit.clear()
        self.country_edit.setFocus()
        row = self.model.row_of(code)
        if row >= 0:
            self.table.selectRow(row)
        self.status_message.emit(f"{verb}{'d' if verb.endswith('e') else 'ed'} signatory "
                                 f"{country_label(code)}")
        return True

    def remove_current(self) -> bool:
        index = self.table.currentIndex()
        if not index.isValid():
            return False
        s = self.model.signatory_at(index.row())
        return self.document.apply(f"Remove signatory {country_label(s.code)}",
                                   lambda d: dm.remove_signatory(d, s.code))

    def _update_order(self, *_args: object) -> None:
        n = self.model.rowCount()
        if not n:
            self.order_label.setText("No signatories yet.")
            return
        names = [self.model.index(r, SignatoriesModel.COUNTRY).data() for r in range(n)]
        self.order_label.setText("Print order: " + ", ".join(names))
