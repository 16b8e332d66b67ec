"""Export the draft to Word: mode, redline base, template, output file; the work in the worker.

The dialog calls exactly what `dsrdraft export` calls (`dsrdraft.export.writer.export_draft`),
as a CPU-lane operation (`dsrdraft_ui.operations.ops.export`), with a busy progress bar.
Refusals of the core come back as exception objects (`ExportRefused`, `CannotWrite`, OSError)
and are shown in a dialog that says what to do: brackets left in a clean
text (or unbalanced brackets) offer "Export anyway" (the CLI's --force); a folder that cannot
be written offers to choose another file. On success it offers to open the containing folder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dsrdraft.errors import CannotWrite, DsrError, ExportRefused
from dsrdraft.export.template import template_path
from dsrdraft.export.writer import MODES
from dsrdraft.sources import file_key, library_key, revision_key
from dsrdraft.store import Library
from dsrdraft_ui.catalog import LibraryCatalog
from dsrdraft_ui.chooser_row import chooser_row
from dsrdraft_ui.draft_model import DraftDocument
from dsrdraft_ui.operations import OperationRunner, error_message
from dsrdraft_ui.operations.ops import export

MODE_LABELS = {
    "clean": "Clean text (brackets resolved, final numbering)",
    "negotiation": "Negotiation text (brackets, alternatives, deletions struck through)",
    "redline": "Redline (tracked changes against another text)",
}
AGAINST_FILTER = "Initiatives and drafts (*.txt *.md *.docx *.json);;All files (*)"
AUTHOR_KEY = "export/author"
KEY_KEY = "export/signing_key"


@dataclass(frozen=True, slots=True)
class ExportRequest:
    mode: str
    out: Path
    against: str | None  # "lib:ID", "rev:N" or "file:PATH" (redline only)
    force: bool = False
    template: Path | None = None  # None: the bundled template
    reservations: str = "footnotes"  # besides comments: "footnotes" or "list" (negotiation)
    author: str = "dsrdraft"  # the author of the redline's tracked changes
    key: Path | None = None  # the secretariat's private key: the export is signed
    passphrase: str = ""  # of the key, if it is encrypted (never stored)


def suggested_name(document: DraftDocument, mode: str) -> Path:
    folder = document.path.parent if document.path else Path.home()
    if document.path:
        stem = document.path.name.split(".")[0]
    else:
        stem = "".join(ch if ch.isalnum() else "-" for ch in document.draft.title).strip("-")
        stem = stem.lower() or "draft"
    return folder / f"{stem}-{mode}.docx"


def writable_problem(out: Path) -> str | None:
    """Why `out` cannot be written (checked before the work starts), or None."""
    if out.suffix.lower() != ".docx":
        return f"The output file must end in .docx: {out.name}"
    folder = out.parent
    if not folder.is_dir():
        return f"The folder {folder} does not exist."
    if out.is_dir():
        return f"{out} is a folder, not a file."
    if out.exists() and not os.access(out, os.W_OK):
        return f"{out} exists and cannot be overwritten (read-only, or open in Word?)."
    if not os.access(folder, os.W_OK):
        return f"The folder {folder} cannot be written to."
    return None


class ExportDialog(QDialog):
    """The export form; `exported(path, fingerprint)` when a file has been written."""

    exported = Signal(str, str)
    problem = Signal(str)

    def __init__(self, document: DraftDocument, library: Library, runner: OperationRunner,
                 catalog: LibraryCatalog, parent: QWidget | None = None,
                 settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export to Word")
        self.setObjectName("ExportDialog")
        self.document = document
        self.library = library
        self.runner = runner
        self.running = False
        self.message_box: QMessageBox | None = None
        self.last_fingerprint = ""

        draft = document.draft
        intro = QLabel(f"<b>{draft.title}</b>"
                       + (f" &nbsp; {draft.full_symbol}" if draft.full_symbol else "")
                       + f"<br>{len(draft.live_clauses())} clauses, "
                       f"{len(draft.signatories)} signatories")
        intro.setTextFormat(Qt.TextFormat.RichText)

        self.mode_combo = QComboBox()
        self.mode_combo.setObjectName("exportMode")
        for mode in MODES:
            self.mode_combo.addItem(MODE_LABELS[mode], mode)
        self.mode_combo.setCurrentIndex(MODES.index("negotiation"))

        # Comments are lost on paper and in PDF: reservations print too (issue 16).
        self.reservations_combo = QComboBox()
        self.reservations_combo.setObjectName("exportReservations")
        self.reservations_combo.addItem("As comments and footnotes", "footnotes")
        self.reservations_combo.addItem("As comments and a list after each clause", "list")

        self.against_combo = QComboBox()
        self.against_combo.setObjectName("exportAgainst")
        for s in catalog.summaries:
            self.against_combo.addItem(f"{s.title}" + (f" ({s.year})" if s.year else ""),
                                       library_key(s.id))
        for snap in sorted(draft.revisions, key=lambda s: s.number):
            self.against_combo.addItem(f"This draft, Rev.{snap.number} ({snap.date})",
                                       revision_key(snap.number))
        self.against_combo.setMinimumContentsLength(30)
        self.against_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.against_browse = QPushButton("File…")
        self.against_browse.setToolTip("Compare against a .txt, .md, .docx initiative or a draft")
        self.against_browse.clicked.connect(self.choose_against_file)
        against_row = QHBoxLayout()
        against_row.addWidget(self.against_combo, 1)
        against_row.addWidget(self.against_browse)

        try:
            template = str(template_path())
        except DsrError as error:
            template = str(error)
        self.bundled_template = template
        self.template_edit = QLineEdit(template)
        self.template_edit.setToolTip("Word template with the dsrdraft styles (clauses, "
                                      "brackets, alternatives, signature block); start a "
                                      "house style from the bundled one")
        template_row = chooser_row(self.template_edit, self.choose_template)

        # The redline's revision author: a setting (Word shows it on every change), kept
        # between sessions as Word keeps its user name.
        self.settings = settings if settings is not None else QSettings()
        self.author_edit = QLineEdit(str(self.settings.value(AUTHOR_KEY, "") or ""))
        self.author_edit.setObjectName("exportAuthor")
        self.author_edit.setPlaceholderText("dsrdraft")
        self.author_edit.setToolTip("The author of the tracked changes in a redline, as Word "
                                    "shows it (e.g. Secretariat)")
        self.key_edit = QLineEdit(str(self.settings.value(KEY_KEY, "") or ""))
        self.key_edit.setObjectName("exportKey")
        self.key_edit.setPlaceholderText("not signed")
        self.key_edit.setToolTip("Sign the export with the secretariat's private key "
                                 "(NAME.key from 'dsrdraft keys new'); 'verify' with NAME.pub "
                                 "then proves who issued it")
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setObjectName("exportPassphrase")
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setPlaceholderText("passphrase, if the key has one")
        key_row = chooser_row(self.key_edit, self.choose_key, (self.passphrase_edit, 1))

        self.out_edit = QLineEdit(str(suggested_name(document, "negotiation")))
        self.out_edit.setObjectName("exportOut")
        out_browse = QPushButton("Browse…")
        out_browse.clicked.connect(self.choose_output)
        out_row = QHBoxLayout()
        out_row.addWidget(self.out_edit, 1)
        out_row.addWidget(out_browse)

        form = QFormLayout()
        for text, field, buddy in (("&Mode:", self.mode_combo, self.mode_combo),
                                   ("&Reservations:", self.reservations_combo,
                                    self.reservations_combo),
                                   ("&Against:", against_row, self.against_combo),
                                   ("&Template:", template_row, self.template_edit),
                                   ("Revision a&uthor:", self.author_edit, self.author_edit),
                                   ("&Sign with key:", key_row, self.key_edit),
                                   ("&Output file:", out_row, self.out_edit)):
            label = QLabel(text)
            label.setBuddy(buddy)
            form.addRow(label, field)

        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: the exporter reports no steps
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)

        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton("&Export",
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.export_button.clicked.connect(self.start_export)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)
        self.resize(640, self.sizeHint().height())

        self.mode_combo.currentIndexChanged.connect(self._on_mode)
        self._on_mode()

    # ------------------------------------------------------------ form

    def mode(self) -> str:
        return self.mode_combo.currentData()

    def set_mode(self, mode: str) -> None:
        self.mode_combo.setCurrentIndex(self.mode_combo.findData(mode))

    def set_against(self, key: str) -> None:
        index = self.against_combo.findData(key)
        if index < 0:
            raise ValueError(f"unknown redline base {key!r}")
        self.against_combo.setCurrentIndex(index)

    def _on_mode(self, *_args: object) -> None:
        redline = self.mode() == "redline"
        self.reservations_combo.setEnabled(self.mode() == "negotiation")
        self.against_combo.setEnabled(redline)
        self.against_browse.setEnabled(redline)
        self.author_edit.setEnabled(redline)
        # Follow the mode in a suggested name, never in one the user typed.
        current = Path(self.out_edit.text())
        for mode in MODES:
            if current.name.endswith(f"-{mode}.docx"):
                self.out_edit.setText(str(current.with_name(
                    current.name[: -len(f"-{mode}.docx")] + f"-{self.mode()}.docx")))
                break

    def choose_output(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export to", self.out_edit.text(),
                                              "Word documents (*.docx)")
        if path:
            if not path.lower().endswith(".docx"):
                path += ".docx"
            self.out_edit.setText(path)

    def choose_template(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Word template", self.template_edit.text(),
                                              "Word documents and templates (*.docx *.dotx)")
        if path:
            self.template_edit.setText(path)

    def choose_key(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Private key", self.key_edit.text(),
                                              "dsrdraft private keys (*.key);;All files (*)")
        if path:
            self.key_edit.setText(path)

    def choose_against_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Redline against", "", AGAINST_FILTER)
        if path:
            self.add_against_file(Path(path))

    def add_against_file(self, path: Path) -> None:
        key = file_key(path)
        if self.against_combo.findData(key) < 0:
            self.against_combo.addItem(path.name, key)
        self.set_against(key)

    def request(self, force: bool = False) -> ExportRequest:
        mode = self.mode()
        template = self.template_edit.text().strip()
        key = self.key_edit.text().strip()
        return ExportRequest(mode, Path(self.out_edit.text().strip()).expanduser(),
                             self.against_combo.currentData() if mode == "redline" else None,
                             force,
                             None if template in ("", self.bundled_template)
                             else Path(template).expanduser(),
                             self.reservations_combo.currentData(),
                             " ".join(self.author_edit.text().split()) or "dsrdraft",
                             Path(key).expanduser() if key else None,
                             self.passphrase_edit.text())

    # ------------------------------------------------------------ running

    def start_export(self, force: bool = False) -> bool:
        """Check the form, then export in the worker; False if it could not start."""
        if self.running:
            return False
        request = self.request(bool(force))
        problem = writable_problem(request.out)
        if problem:
            self.show_problem(problem + "\n\nChoose another file or folder.", choose=True)
            return False
        if request.mode == "redline" and not request.against:
            self.show_problem("A redline needs a text to compare against: choose one under "
                              "\u201cAgainst\u201d.")
            return False
        draft = self.document.draft  # immutable: safe to hand to the worker
        op = export(self.library, draft, request.out, request.mode, request.against,
                    request.force, request.template, request.reservations, request.author,
                    request.key, request.passphrase)
        self.settings.setValue(AUTHOR_KEY, self.author_edit.text().strip())
        self.settings.setValue(KEY_KEY, self.key_edit.text().strip())
        self.running = True
        self.export_button.setEnabled(False)
        self.progress.show()
        self.status_label.setText(f"Exporting {request.out.name}…")
        self.runner.run(op, on_success=lambda digest: self._on_done(request, digest),
                        on_failure=lambda error: self._on_failed(request, error))
        return True

    def _finish(self) -> None:
        self.running = False
        self.export_button.setEnabled(True)
        self.progress.hide()

    def _on_done(self, request: ExportRequest, digest: str) -> None:
        self._finish()
        self.last_fingerprint = digest
        signed = f", signed with {request.key.name}" if request.key else ""
        self.status_label.setText(f"Wrote {request.out} (fingerprint {digest[:12]}{signed}).")
        box = QMessageBox(QMessageBox.Icon.Information, "Export finished",
                          f"Wrote {request.out.name} ({request.mode} text).\n\n"
                          f"Folder: {request.out.parent}\nFingerprint: {digest[:12]}"
                          + (f"\nSigned with {request.key.name}" if request.key else ""),
                          QMessageBox.StandardButton.Close, self)
        open_button = box.addButton("Open containing folder", QMessageBox.ButtonRole.ActionRole)
        open_button.clicked.connect(lambda: QDesktopServices.openUrl(
            QUrl.fromLocalFile(str(request.out.parent))))
        self._show_box(box)
        self.exported.emit(str(request.out), digest)

    def _on_failed(self, request: ExportRequest, error: Exception) -> None:
        self._finish()
        message = error_message(error)
        self.status_label.setText(message)
        if isinstance(error, OSError | CannotWrite):
            self.show_problem(f"Could not write {request.out}: {message}\n\n"
                              "Choose another file or folder.", choose=True)
            return
        if isinstance(error, ExportRefused):
            what = message.split(" (use --force")[0].split(" (fix them or use --force")[0]
            advice = ("Agree or remove the bracketed text and the pending alternatives in "
                      "the draft, or export a negotiation text instead. "
                      "\u201cExport anyway\u201d resolves the brackets as the exporter does "
                      "(the first alternative is kept, the brackets dropped).")
            if error.reason == "unbalanced":
                advice = ("Fix the brackets in the clauses named (they are marked in red in "
                          "the draft editor), or \u201cExport anyway\u201d as the text stands.")
            self.show_problem(f"{what[0].upper()}{what[1:]}.\n\n{advice}", force=request)
            return
        self.show_problem(message)

    # ------------------------------------------------------------ dialogs

    def _show_box(self, box: QMessageBox) -> None:
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        self.message_box = box
        box.destroyed.connect(self._forget_box)
        box.open()

    def _forget_box(self, *_args: object) -> None:
        self.message_box = None

    def show_problem(self, text: str, *, force: ExportRequest | None = None,
                     choose: bool = False) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Warning, "Export problem", text,
                          QMessageBox.StandardButton.Cancel, self)
        if force is not None:
            anyway = box.addButton("Export anyway", QMessageBox.ButtonRole.AcceptRole)
            anyway.clicked.connect(lambda: self.start_export(force=True))
        if choose:
            other = box.addButton("Choose another file…", QMessageBox.ButtonRole.ActionRole)
            other.clicked.connect(self.choose_output)
        self._show_box(box)
        self.problem.emit(text)
        return box
