"""Verify a Word export: does its text still match the fingerprint embedded when it was written?

Calls exactly what `dsrdraft verify` calls (`dsrdraft.export.fingerprint.verify_docx`), in the
CPU lane of the operation runner, and names the clauses (title, preamble, signatories) that differ.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dsrdraft.export.fingerprint import VerifyResult
from dsrdraft_ui.chooser_row import chooser_row
from dsrdraft_ui.operations import OperationRunner, error_message
from dsrdraft_ui.operations.ops import verify


class VerifyDialog(QDialog):
    """Pick a .docx, verify it in the worker, show the verdict and what changed."""

    verified = Signal(object)  # VerifyResult
    failed = Signal(str)

    def __init__(self, runner: OperationRunner, path: Path | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Verify a Word export")
        self.setObjectName("VerifyDialog")
        self.runner = runner
        self.running = False
        self.outcome: VerifyResult | None = None  # not `result`: QDialog.result() is the exit code

        self.path_edit = QLineEdit(str(path) if path else "")
        self.path_edit.setPlaceholderText("A .docx written by dsrdraft")
        browse = QPushButton("Browse…")
        browse.clicked.connect(self.choose_file)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)

        # The issuer's public key: with it, a file re-sealed by anyone else fails.
        self.key_edit = QLineEdit()
        self.key_edit.setObjectName("verifyKey")
        self.key_edit.setPlaceholderText("the issuer's public key (NAME.pub), to check who "
                                         "signed it")
        key_row = chooser_row(self.key_edit, self.choose_key)

        self.verdict = QLabel("Choose a Word file exported by dsrdraft.")
        self.verdict.setObjectName("verifyVerdict")
        self.verdict.setTextFormat(Qt.TextFormat.RichText)
        self.verdict.setWordWrap(True)
        self.differences = QListWidget()
        self.differences.setObjectName("verifyDifferences")
        self.differences.hide()

        buttons = QDialogButtonBox()
        self.verify_button = buttons.addButton("&Verify", QDialogButtonBox.ButtonRole.AcceptRole)
        self.verify_button.setDefault(True)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.verify_button.clicked.connect(self.start)
        close.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Word file:"))
        layout.addLayout(row)
        layout.addWidget(QLabel("Public key (optional):"))
        layout.addLayout(key_row)
        layout.addWidget(self.verdict)
        layout.addWidget(self.differences, 1)
        layout.addWidget(buttons)
        self.resize(560, 320)

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Verify a Word export",
                                              self.path_edit.text(), "Word documents (*.docx)")
        if path:
            self.path_edit.setText(path)
            self.start()

    def choose_key(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Issuer's public key", self.key_edit.text(),
                                              "dsrdraft public keys (*.pub);;All files (*)")
        if path:
            self.key_edit.setText(path)

    def start(self) -> bool:
        path = Path(self.path_edit.text().strip()).expanduser()
        if self.running or not str(path):
            return False
        self.running = True
        self.verify_button.setEnabled(False)
        self.verdict.setText(f"Checking {html.escape(path.name)}…")
        key = self.key_edit.text().strip()
        self.runner.run(verify(path, Path(key).expanduser() if key else None),
                        on_success=self._on_done, on_failure=self._on_failed)
        return True

    def _on_done(self, result: VerifyResult) -> None:
        self.running = False
        self.verify_button.setEnabled(True)
        self.outcome = result
        self.differences.clear()
        who = {"valid": f" Signed with key {result.key}: it was issued by that key's holder.",
               "invalid": f" The signature does NOT match key {result.key}: not issued by "
                          "that key's holder, or re-sealed after an edit.",
               "unchecked": f" Signed by key {result.key}; give the issuer's public key to "
                            "check who issued it.",
               "absent": " Not signed: anyone could have re-sealed it."}.get(result.signature,
                                                                              "")
        if result.ok:
            self.verdict.setText('<span style="color:#0b6b1f;font-weight:bold">✔ Matches its '
                                 f"fingerprint</span> ({result.expected[:12]}): the text is "
                                 f"as exported.{html.escape(who)}")
            self.differences.hide()
        elif not result.differences:  # the text is as sealed, but not by the key given
            self.verdict.setText('<span style="color:#a00;font-weight:bold">✘ Not signed by '
                                 f"that key</span>: the text matches its fingerprint, but"
                                 f"{html.escape(who.replace(' The signature', ' the signature'))}")
            self.differences.hide()
        else:
            self.verdict.setText('<span style="color:#a00;font-weight:bold">✘ Modified since '
                                 f"export</span>: {len(result.differences)} difference"
                                 f"{'s' if len(result.differences) != 1 else ''} from the "
                                 f"fingerprint.{html.escape(who)}")
            self.differences.addItems([f"Changed: {d}" for d in result.differences])
            self.differences.show()
        self.verified.emit(result)

    def _on_failed(self, error: Exception) -> None:
        message = error_message(error)
        self.running = False
        self.verify_button.setEnabled(True)
        self.outcome = None
        self.differences.hide()
        self.verdict.setText(f'<span style="color:#a00">Cannot verify: {html.escape(message)}'
                             "</span>")
        self.failed.emit(message)
