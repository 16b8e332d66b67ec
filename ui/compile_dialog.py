"""The Compile dialog: merge delegations' proposals on a base draft into one compilation text.

Pick the base (the current draft or a draft file) and the proposals (draft files or
.docx/.txt/.md, several, added with the button or dropped on the dialog), give each its
delegation code (checked with the core's `check_label`), and compile in the CPU lane with
progress. A returned Word file needs no code: the authors of its tracked changes and comments
are read (in the CPU lane) and listed with the delegation each maps to, in a table the user
edits before compiling; its code, if given, names whose its untracked edits are. The result
is emitted as a `Compilation`; the main window opens its draft as a new, unsaved draft. The
table view (`export_table`) can then be written from the dialog.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dsrdraft.compile import Compilation, check_label
from dsrdraft.draft.delegations import check_delegation
from dsrdraft.draft.model import Draft
from dsrdraft.errors import DsrError
from dsrdraft.roundtrip.authors import author_key
from dsrdraft_ui.operations import OperationRunner, error_message
from dsrdraft_ui.operations.ops import (
    FileAuthors,
    compile_texts,
    export_compilation_table,
    read_authors,
)

PROPOSAL_FILTER = ("Drafts and initiatives (*.json *.docx *.txt *.md);;"
                   "dsrdraft drafts (*.dsrdraft.json *.json);;Word (*.docx);;All files (*)")
BASE_FILTER = "dsrdraft drafts (*.dsrdraft.json *.json);;All files (*)"
TABLE_FILTER = "Word document (*.docx)"
BAD_BACKGROUND = QColor("#ffd6d6")


def guess_code(path: Path) -> str:
    """`chn.json`, `proposal-THA.docx` → "CHN", "THA" (a three-letter word of the name)."""
    stem = path.name.split(".")[0]
    words = [w for w in re.split(r"[^A-Za-z]+", stem) if len(w) == 3]
    return words[-1].upper() if words else ""


def is_returned_file(path: Path) -> bool:
    """A Word file: read for the authors of its tracked changes and comments."""
    return path.suffix.lower() == ".docx"


def label_problem(code: str, others: Sequence[str], optional: bool = False) -> str:
    """Why `code` cannot be used ("" when it can; an `optional` code may be blank)."""
    if not code.strip():
        if optional:
            return ""
        return "Give the delegation code (e.g. CHN) or group label (e.g. G77/China)"
    try:
        label = check_label(code)
    except DsrError as error:
        return str(error)
    if label in others:
        return f"{label} is given to two proposals"
    return ""


class CompileDialog(QDialog):
    """Base, proposals with their delegations, compile in the worker, table view export."""

    compiled = Signal(object)  # Compilation

    FILE, CODE = range(2)

    def __init__(self, runner: OperationRunner, current_draft: Draft | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Compile proposals")
        self.setObjectName("compileDialog")
        self.runner = runner
        self.current_draft = current_draft
        self.compilation: Compilation | None = None
        self.running = False
        self.last_error = ""
        self.table_path: Path | None = None
        self.scanning = 0  # author scans under way
        self.file_authors: dict[str, tuple[str, ...]] = {}
        self.setAcceptDrops(True)

        # -------------------------------------------------- base
        self.current_radio = QRadioButton("&Current draft")
        self.file_radio = QRadioButton("Draft &file:")
        group = QButtonGroup(self)
        group.addButton(self.current_radio)
        group.addButton(self.file_radio)
        self.base_edit = QLineEdit()
        self.base_edit.setPlaceholderText("base draft (.json)")
        self.base_browse = QPushButton("&Browse…")
        self.base_browse.clicked.connect(self.browse_base)
        if current_draft is not None and current_draft.clauses:
            title = current_draft.title or "Untitled draft"
            self.current_radio.setText(f"&Current draft: {title} "
                                       f"({len(current_draft.clauses)} clauses)")
            self.current_radio.setChecked(True)
        else:
            self.current_radio.setEnabled(False)
            self.file_radio.setChecked(True)
        base_box = QGroupBox("Base")
        base_layout = QVBoxLayout(base_box)
        base_layout.addWidget(self.current_radio)
        line = QHBoxLayout()
        line.addWidget(self.file_radio)
        line.addWidget(self.base_edit, 1)
        line.addWidget(self.base_browse)
        base_layout.addLayout(line)

        # -------------------------------------------------- proposals
        self.table = QTableWidget(0, 2)
        self.table.setObjectName("proposalsTable")
        self.table.setHorizontalHeaderLabels(["Proposal file", "Delegation"])
        self.table.horizontalHeader().setSectionResizeMode(
            self.FILE, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            self.CODE, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(self.CODE, 130)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.table.itemChanged.connect(self.validate)
        self.add_button = QPushButton("&Add proposals…")
        self.add_button.clicked.connect(self.browse_proposals)
        self.remove_button = QPushButton("&Remove")
        self.remove_button.clicked.connect(self.remove_selected)
        prop_box = QGroupBox("Proposals (one delegation code or group label each; a returned "
                             "Word file's only for its edits made without change tracking) — "
                             "drop files here")
        prop_layout = QVBoxLayout(prop_box)
        prop_layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        prop_layout.addLayout(row)

        # -------------------------------------------------- authors of returned files
        self.authors_table = QTableWidget(0, 2)
        self.authors_table.setObjectName("authorsTable")
        self.authors_table.setHorizontalHeaderLabels(["Author in the Word files", "Delegation"])
        self.authors_table.horizontalHeader().setSectionResizeMode(
            self.FILE, QHeaderView.ResizeMode.Stretch)
        self.authors_table.setColumnWidth(self.CODE, 130)
        self.authors_table.verticalHeader().setVisible(False)
        self.authors_table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.authors_table.itemChanged.connect(self.validate)
        self.authors_box = QGroupBox("Authors of tracked changes and comments")
        authors_layout = QVBoxLayout(self.authors_box)
        authors_layout.addWidget(self.authors_table)
        self.authors_box.setVisible(False)

        # -------------------------------------------------- run and result
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet("color:#b00000")
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setTextFormat(Qt.TextFormat.RichText)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.compile_button = self.buttons.addButton(
            "Co&mpile", QDialogButtonBox.ButtonRole.ActionRole)
        self.compile_button.setDefault(True)
        self.compile_button.clicked.connect(self.run)
        self.table_button = self.buttons.addButton(
            "Export &table view…", QDialogButtonBox.ButtonRole.ActionRole)
        self.table_button.setToolTip("A Word table: one row per clause, the base text, then "
                                     "each delegation's text")
        self.table_button.setEnabled(False)
        self.table_button.clicked.connect(self.export_table_dialog)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(base_box)
        layout.addWidget(prop_box, 1)
        layout.addWidget(self.authors_box)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.result_label)
        layout.addWidget(self.buttons)
        self.base_edit.textChanged.connect(self.validate)
        self.current_radio.toggled.connect(self.validate)
        self.resize(680, 460)
        self.validate()

    # ------------------------------------------------------------ inputs

    def browse_base(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Base draft", "", BASE_FILTER)
        if path:
            self.set_base_file(Path(path))

    def set_base_file(self, path: Path) -> None:
        self.base_edit.setText(str(path))
        self.file_radio.setChecked(True)

    def browse_proposals(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Proposals", "", PROPOSAL_FILTER)
        self.add_proposals([Path(p) for p in paths])

    def add_proposals(self, paths: Sequence[Path], codes: Sequence[str] = ()) -> None:
        self.table.blockSignals(True)
        try:
            for n, path in enumerate(paths):
                row = self.table.rowCount()
                self.table.insertRow(row)
                item = QTableWidgetItem(path.name)
                item.setData(Qt.ItemDataRole.UserRole, str(path))
                item.setToolTip(str(path))
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, self.FILE, item)
                code = codes[n] if n < len(codes) else guess_code(path)
                self.table.setItem(row, self.CODE, QTableWidgetItem(code))
        finally:
            self.table.blockSignals(False)
        self.validate()
        if paths:
            self.table.setCurrentCell(self.table.rowCount() - len(paths), self.CODE)
        returned = [p for p in paths if is_returned_file(p) and p.is_file()]
        if returned:
            self.scan_authors(returned)

    # ------------------------------------------------------------ returned Word files

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.add_proposals(paths)

    def scan_authors(self, paths: Sequence[Path]) -> None:
        """Read the authors of the files' tracked changes and comments off the GUI thread."""
        self.scanning += 1
        self.validate()
        self.runner.run(read_authors(paths), on_success=self._on_authors,
                        on_failure=self._on_scan_error)

    def _on_authors(self, found: FileAuthors) -> None:
        self.scanning -= 1
        self.file_authors.update(found.files)
        known = {_cell(self.authors_table, r, self.FILE).text()
                 for r in range(self.authors_table.rowCount())}
        self.authors_table.blockSignals(True)
        try:
            for author, guess in found.guesses.items():
                if author in known:
                    continue
                row = self.authors_table.rowCount()
                self.authors_table.insertRow(row)
                item = QTableWidgetItem(author)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                files = [Path(f).name for f, names in found.files.items() if author in names]
                item.setToolTip("in " + ", ".join(files))
                self.authors_table.setItem(row, self.FILE, item)
                self.authors_table.setItem(row, self.CODE, QTableWidgetItem(guess))
        finally:
            self.authors_table.blockSignals(False)
        self.authors_box.setVisible(self.authors_table.rowCount() > 0)
        self.validate()

    def _on_scan_error(self, error: Exception) -> None:
        self.scanning -= 1
        self._on_error(error)

    def authors(self) -> list[tuple[str, str]]:
        """(author, delegation typed or found) of every author listed."""
        out = []
        for row in range(self.authors_table.rowCount()):
            code = self.authors_table.item(row, self.CODE)
            out.append((_cell(self.authors_table, row, self.FILE).text(),
                        code.text().strip() if code else ""))
        return out

    def set_author_code(self, row: int, code: str) -> None:
        _cell(self.authors_table, row, self.CODE).setText(code)

    def author_map(self) -> dict[str, str]:
        return {author_key(a): check_delegation(c) for a, c in self.authors() if c}

    def _author_problems(self) -> list[str]:
        problems = []
        self.authors_table.blockSignals(True)
        try:
            for row, (author, code) in enumerate(self.authors()):
                problem = "" if code else f"Map {author or '(no name)'} to a delegation"
                if code and not problem:
                    try:
                        check_delegation(code)
                    except DsrError as error:
                        problem = str(error)
                if _mark(_cell(self.authors_table, row, self.CODE), problem):
                    problems.append(f"Author {author}: {problem}")
        finally:
            self.authors_table.blockSignals(False)
        return problems

    def set_code(self, row: int, code: str) -> None:
        _cell(self.table, row, self.CODE).setText(code)

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            self.table.removeRow(row)
        self.validate()

    def proposals(self) -> list[tuple[Path, str]]:
        out = []
        for row in range(self.table.rowCount()):
            path = Path(_cell(self.table, row, self.FILE).data(Qt.ItemDataRole.UserRole))
            item = self.table.item(row, self.CODE)
            out.append((path, item.text().strip() if item else ""))
        return out

    def validate(self, *_args: object) -> list[str]:
        """Mark bad delegation cells; enable Compile only when everything is usable."""
        problems: list[str] = []
        rows = self.proposals()
        codes = [code for _path, code in rows]
        self.table.blockSignals(True)
        try:
            for row, (path, code) in enumerate(rows):
                others = [check_label_or_none(c) for c in codes[:row] + codes[row + 1:]]
                problem = label_problem(code, [c for c in others if c],
                                        optional=is_returned_file(path))
                if _mark(_cell(self.table, row, self.CODE), problem):
                    problems.append(f"Row {row + 1}: {problem}")
        finally:
            self.table.blockSignals(False)
        if not codes:
            problems.append("Add at least one proposal")
        if self.file_radio.isChecked() and not self.base_edit.text().strip():
            problems.append("Choose the base draft file")
        problems.extend(self._author_problems())
        if self.scanning:
            problems.append("Reading the authors of the Word files…")
        self.problem_label.setText("\n".join(problems[:3]) if codes else "")
        self.compile_button.setEnabled(not problems and not self.running)
        self.remove_button.setEnabled(bool(codes))
        return problems

    # ------------------------------------------------------------ compiling

    def run(self) -> None:
        if self.validate() or self.running:
            return
        base_draft = self.current_draft if self.current_radio.isChecked() else None
        base_path = None if base_draft is not None else self.base_edit.text().strip()
        proposals = self.proposals()
        steps = len(proposals) + 2
        self.running = True
        self.compile_button.setEnabled(False)
        self.progress.setRange(0, steps)
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.result_label.clear()

        self.runner.run(compile_texts(base_draft, base_path, proposals, self.author_map()),
                        on_success=self._on_done, on_failure=self._on_error,
                        on_progress=self._on_progress)

    def _on_progress(self, step: int, what: str) -> None:
        self.progress.setValue(step)
        self.progress.setFormat(f"{what} — %p%")

    def _on_done(self, compilation: Compilation) -> None:
        self.running = False
        self.progress.setVisible(False)
        self.compilation = compilation
        self.table_button.setEnabled(True)
        self.validate()
        s = compilation.summary()
        text = (f"<b>Compiled</b> {s['clauses']} clauses: {s['with_proposals']} with proposals "
                f"({s['new']} new, {s['deletions']} proposed deletions, {s['conflicts']} "
                "conflicting passages).")
        if compilation.warnings:
            text += "<br>" + "<br>".join(f"⚠ {html.escape(w)}" for w in compilation.warnings)
        self.result_label.setText(text)
        self.compiled.emit(compilation)

    def note(self, text: str) -> None:
        """Add a line under the result (plain text)."""
        self.result_label.setText(f"{self.result_label.text()}<br>{html.escape(text)}")

    def _on_error(self, error: Exception) -> None:
        message = error_message(error)
        self.running = False
        self.progress.setVisible(False)
        self.validate()
        self.last_error = message
        box = QMessageBox(QMessageBox.Icon.Warning, "Compilation failed", message,
                          QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # ------------------------------------------------------------ table view

    def export_table_dialog(self) -> None:
        if self.compilation is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, "Table view", "compilation-table.docx",
                                              TABLE_FILTER)
        if path:
            self.export_table_to(Path(path))

    def export_table_to(self, path: Path) -> None:
        compilation = self.compilation
        if compilation is None:
            return
        sources = [p.name for p, _code in self.proposals()]
        self.table_button.setEnabled(False)

        self.runner.run(export_compilation_table(compilation, path, sources),
                        on_success=self._on_table_done, on_failure=self._on_error)

    def _on_table_done(self, path: str) -> None:
        self.table_button.setEnabled(True)
        self.table_path = Path(path)
        self.note(f"Table view written to {path}.")


def check_label_or_none(code: str) -> str | None:
    try:
        return check_label(code)
    except DsrError:
        return None


def _cell(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    """The item of a cell the dialog filled itself (each of its rows has one per column)."""
    item = table.item(row, column)
    assert item is not None
    return item


def _mark(item: QTableWidgetItem, problem: str) -> bool:
    """Tint a cell that holds a problem and say it in its tooltip; True if there is one."""
    item.setBackground(QBrush(BAD_BACKGROUND) if problem else QBrush())
    item.setToolTip(problem)
    return bool(problem)
