"""Dialogs for what a clause carries: an alternative wording, a reservation, its proposers.

Each one checks delegations as they are typed (`dsrdraft.draft.delegations`) and keeps OK disabled,
with the reason shown, until the input is usable; the alternative and the reservation are
edited in a multi-line box that wraps and highlights brackets. Ctrl+Enter accepts. The dialog
only collects; the editor turns the result into one undo command.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from dsrdraft.draft.delegations import ParsedDelegations, parse_delegations
from dsrdraft_ui.bracket_highlighter import BracketHighlighter


def is_ctrl_enter(event: QKeyEvent) -> bool:
    return (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier))


class ClauseDialog(QDialog):
    """Optional multi-line text, a delegations field, a problem line, OK / Cancel."""

    submitted = Signal(str, tuple)  # text, delegation codes

    def __init__(self, title: str, prompt: str, *, text: str | None, delegations: str,
                 delegations_label: str, single: bool = False, need_delegation: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("clauseDialog")
        self.single = single
        self.need_delegation = need_delegation
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(prompt))
        self.text_edit: QPlainTextEdit | None = None
        if text is not None:
            self.text_edit = QPlainTextEdit(text)
            self.text_edit.setObjectName("dialogText")
            self.text_edit.setTabChangesFocus(True)
            self.text_edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
            self.text_edit.setMinimumHeight(self.fontMetrics().lineSpacing() * 7 + 12)
            self.highlighter = BracketHighlighter(self.text_edit.document())
            self.text_edit.textChanged.connect(self.check)
            layout.addWidget(self.text_edit, 1)
        self.delegations_edit = QLineEdit(delegations)
        self.delegations_edit.setObjectName("dialogDelegations")
        self.delegations_edit.setPlaceholderText("e.g. CHN, LAO or G77/China")
        self.delegations_edit.textChanged.connect(self.check)
        form = QFormLayout()
        form.addRow(delegations_label, self.delegations_edit)
        layout.addLayout(form)
        self.problem_label = QLabel()
        self.problem_label.setObjectName("dialogProblem")
        self.problem_label.setStyleSheet("color:#a00000")
        self.problem_label.setWordWrap(True)
        layout.addWidget(self.problem_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setToolTip("Ctrl+Enter")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for widget in (self.text_edit, self.delegations_edit):
            if widget is not None:
                widget.installEventFilter(self)
        self.resize(620, 360 if text is not None else 150)
        (self.text_edit or self.delegations_edit).setFocus()
        self.check()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+Enter in either field is OK, before any window shortcut can take it."""
        if event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and \
                isinstance(event, QKeyEvent) and is_ctrl_enter(event):
            event.accept()
            if event.type() == QEvent.Type.KeyPress:
                self.accept()
            return True
        return super().eventFilter(watched, event)

    def text(self) -> str:
        return self.text_edit.toPlainText().strip() if self.text_edit is not None else ""

    def parsed(self) -> ParsedDelegations:
        return parse_delegations(self.delegations_edit.text())

    def problem(self) -> str:
        if self.text_edit is not None and not self.text():
            return "The text is empty."
        parsed = self.parsed()
        if not parsed.ok:
            return "; ".join(parsed.problems) + "."
        if self.need_delegation and not parsed.codes:
            return "Name the delegation (an ISO 3166 code such as TUR, or a group label)."
        if self.single and len(parsed.codes) > 1:
            return "One delegation only."
        return ""

    def check(self) -> str:
        problem = self.problem()
        self.problem_label.setText(problem)
        self.ok_button.setEnabled(not problem)
        return problem

    def accept(self) -> None:
        if self.check():
            return
        self.submitted.emit(self.text(), self.parsed().codes)
        super().accept()


def alternative_dialog(label: str, text: str, parent: QWidget | None = None) -> ClauseDialog:
    return ClauseDialog("Alternative", f"Alternative wording of the whole clause {label}:",
                        text=text, delegations="", delegations_label="Proposed &by:",
                        parent=parent)


def reservation_dialog(label: str, parent: QWidget | None = None) -> ClauseDialog:
    return ClauseDialog("Reservation", f"A delegation's reservation or note on clause {label}:",
                        text="", delegations="", delegations_label="&Delegation:",
                        single=True, need_delegation=True, parent=parent)


def proposers_dialog(label: str, proposers: str, parent: QWidget | None = None) -> ClauseDialog:
    return ClauseDialog("Proposers", f"Delegations proposing clause {label} (ISO 3166 codes, "
                        "country names or group labels, comma-separated):", text=None,
                        delegations=proposers, delegations_label="&Proposers:", parent=parent)
