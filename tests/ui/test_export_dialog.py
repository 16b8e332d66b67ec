"""The export dialog writes .docx files `dsrdraft verify` accepts; problems become dialogs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from PySide6.QtWidgets import QMessageBox

from dsrdraft.draft import model as dm
from dsrdraft.draft.model import DraftSignatory
from dsrdraft_ui.draft_model import DraftDocument
from dsrdraft_ui.export_dialog import ExportDialog, writable_problem
from dsrdraft_ui.verify_dialog import VerifyDialog

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def document(library) -> DraftDocument:
    doc = DraftDocument()
    old = library.get("obor-digital-economy-2017")
    draft = dm.new_draft("Digital Silk Road Cooperation Initiative", symbol="DSR/2026/L.1",
                         place="Beijing", date="2026-11-23")
    for c in old.operative[:3]:
        draft = dm.add_clause(draft, c.text)
    draft = dm.add_clause(draft, "Promote [cross-border][regional] data flows.")
    draft = dm.add_signatory(draft, DraftSignatory("CHN", "Wang Wei", "Minister", "2026-11-23"))
    draft = dm.add_signatory(draft, DraftSignatory("LAO", "Somsack", "Minister"))
    doc.reset(draft, None)
    return doc


@pytest.fixture
def dialog(qtbot, document, library, runner, catalog, settings) -> ExportDialog:
    d = ExportDialog(document, library, runner, catalog, settings=settings)
    qtbot.add_widget(d)
    d.show()
    return d


def run_export(qtbot, dialog: ExportDialog, out: Path, mode: str) -> str:
    dialog.set_mode(mode)
    dialog.out_edit.setText(str(out))
    with qtbot.wait_signal(dialog.exported, timeout=20_000) as blocker:
        dialog.export_button.click()
    assert blocker.args[0] == str(out)
    return blocker.args[1]


def cli_verify(path: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "dsrdraft", "verify", str(path)],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)


def close_box(dialog: ExportDialog) -> None:
    box = dialog.message_box
    if box is not None:
        box.done(0)


@pytest.mark.parametrize("mode", ["negotiation", "redline"])
def test_export_from_the_dialog_verifies(qtbot, dialog, tmp_path, mode):
    if mode == "redline":
        dialog.set_mode("redline")
        assert dialog.against_combo.isEnabled()
        dialog.set_against("lib:obor-digital-economy-2017")
    out = tmp_path / f"draft-{mode}.docx"
    digest = run_export(qtbot, dialog, out, mode)
    assert out.is_file() and len(digest) >= 12
    result = cli_verify(out)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "verified" in result.stdout
    # Success offers to open the folder.
    box = dialog.message_box
    assert isinstance(box, QMessageBox)
    assert any(b.text() == "Open containing folder" for b in box.buttons())
    close_box(dialog)


def test_clean_export_with_brackets_offers_export_anyway(qtbot, dialog, tmp_path):
    dialog.set_mode("clean")
    out = tmp_path / "clean.docx"
    dialog.out_edit.setText(str(out))
    with qtbot.wait_signal(dialog.problem, timeout=20_000) as blocker:
        dialog.export_button.click()
    assert "still in brackets: 4" in blocker.args[0]
    assert "negotiation text instead" in blocker.args[0]
    assert not out.exists()
    box = dialog.message_box
    anyway = next(b for b in box.buttons() if b.text() == "Export anyway")
    with qtbot.wait_signal(dialog.exported, timeout=20_000):
        anyway.click()
    assert out.is_file()
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "[" not in text and "cross-border data flows" in text
    assert cli_verify(out).returncode == 0
    close_box(dialog)


def test_unwritable_folder_says_what_to_do(qtbot, dialog, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("running as a user who can write anywhere")
        dialog.out_edit.setText(str(locked / "draft.docx"))
        with qtbot.wait_signal(dialog.problem, timeout=5000) as blocker:
            dialog.export_button.click()
        assert "cannot be written" in blocker.args[0]
        assert "Choose another file or folder" in blocker.args[0]
        assert any(b.text() == "Choose another file…" for b in dialog.message_box.buttons())
        close_box(dialog)
    finally:
        locked.chmod(0o700)


def test_folder_named_like_the_output_says_what_to_do(qtbot, dialog, tmp_path):
    (tmp_path / "out.docx").mkdir()
    dialog.out_edit.setText(str(tmp_path / "out.docx"))
    with qtbot.wait_signal(dialog.problem, timeout=5000) as blocker:
        dialog.export_button.click()
    assert "is a folder, not a file" in blocker.args[0]
    assert "Choose another file or folder" in blocker.args[0]
    assert any(b.text() == "Choose another file…" for b in dialog.message_box.buttons())
    close_box(dialog)


def test_writable_problem_checks(tmp_path):
    assert writable_problem(tmp_path / "x.docx") is None
    assert "must end in .docx" in writable_problem(tmp_path / "x.txt")
    assert "does not exist" in writable_problem(tmp_path / "nope" / "x.docx")


def test_suggested_name_follows_mode(dialog):
    assert dialog.out_edit.text().endswith("-negotiation.docx")
    dialog.set_mode("clean")
    assert dialog.out_edit.text().endswith("-clean.docx")
    assert not dialog.against_combo.isEnabled()


def test_verify_dialog_names_changed_clauses(qtbot, dialog, tmp_path, runner):
    out = tmp_path / "draft.docx"
    run_export(qtbot, dialog, out, "negotiation")
    close_box(dialog)
    verify = VerifyDialog(runner, out)
    qtbot.add_widget(verify)
    with qtbot.wait_signal(verify.verified, timeout=10_000) as blocker:
        verify.verify_button.click()
    assert blocker.args[0].ok
    assert "Matches its fingerprint" in verify.verdict.text()
    assert verify.differences.isHidden()

    # Someone edits clause 2 in Word: verify names it.
    document = docx.Document(str(out))
    paragraph = next(p for p in document.paragraphs if "Stimulat" in p.text)
    paragraph.runs[-1].text += " Amended in Word."
    tampered = tmp_path / "tampered.docx"
    document.save(str(tampered))
    verify.path_edit.setText(str(tampered))
    with qtbot.wait_signal(verify.verified, timeout=10_000) as blocker:
        verify.verify_button.click()
    assert not blocker.args[0].ok
    assert "Modified since export" in verify.verdict.text()
    items = [verify.differences.item(i).text() for i in range(verify.differences.count())]
    assert items == ["Changed: clause 2: text changed"]
    assert cli_verify(tampered).returncode == 1


def test_verify_dialog_refuses_foreign_file(qtbot, runner, tmp_path):
    plain = tmp_path / "plain.docx"
    docx.Document().save(str(plain))
    verify = VerifyDialog(runner, plain)
    qtbot.add_widget(verify)
    with qtbot.wait_signal(verify.failed, timeout=10_000) as blocker:
        verify.start()
    assert "not a dsrdraft export" in blocker.args[0]
    assert "Cannot verify" in verify.verdict.text()


def test_a_template_chosen_in_the_dialog_is_used(qtbot, dialog, tmp_path):
    from docx.shared import Cm

    from dsrdraft.export.template import template_path

    house = docx.Document(str(template_path()))
    house.sections[0].left_margin = Cm(5)
    house_path = tmp_path / "house.docx"
    house.save(str(house_path))
    dialog.template_edit.setText(str(house_path))
    out = tmp_path / "house-export.docx"
    run_export(qtbot, dialog, out, "negotiation")
    assert abs(docx.Document(str(out)).sections[0].left_margin.cm - 5) < 0.01
    assert cli_verify(out).returncode == 0


def test_redline_author_and_signing_key_typed_in_the_dialog(qtbot, dialog, tmp_path, runner):
    from PySide6.QtCore import Qt

    from dsrdraft.export.signing import new_key_pair
    from dsrdraft.ooxml.ns import qn

    new_key_pair(tmp_path / "sec.key", tmp_path / "sec.pub")
    new_key_pair(tmp_path / "other.key", tmp_path / "other.pub")
    dialog.set_mode("redline")
    dialog.set_against(dialog.against_combo.itemData(1))  # a library text
    dialog.author_edit.clear()
    qtbot.keyClicks(dialog.author_edit, "Secretariat")
    qtbot.keyClicks(dialog.key_edit, str(tmp_path / "sec.key"))
    qtbot.keyClick(dialog.key_edit, Qt.Key.Key_Tab)
    out = tmp_path / "signed-redline.docx"
    run_export(qtbot, dialog, out, "redline")
    close_box(dialog)
    assert "signed with sec.key" in dialog.status_label.text()
    body = docx.Document(str(out)).element.body
    authors = {el.get(qn("w:author")) for tag in ("w:ins", "w:del")
               for el in body.iter(qn(tag))}
    assert authors == {"Secretariat"}
    assert dialog.settings.value("export/author") == "Secretariat"  # remembered

    verify = VerifyDialog(runner, out)
    qtbot.add_widget(verify)
    qtbot.keyClicks(verify.key_edit, str(tmp_path / "sec.pub"))
    with qtbot.wait_signal(verify.verified, timeout=10_000) as blocker:
        verify.verify_button.click()
    assert blocker.args[0].ok and blocker.args[0].signature == "valid"
    assert "Signed with key" in verify.verdict.text()
    verify.key_edit.clear()
    qtbot.keyClicks(verify.key_edit, str(tmp_path / "other.pub"))  # somebody else's key
    with qtbot.wait_signal(verify.verified, timeout=10_000) as blocker:
        verify.verify_button.click()
    assert not blocker.args[0].ok and "Not signed by that key" in verify.verdict.text()


def test_a_wrong_passphrase_is_one_line_and_writes_nothing(qtbot, dialog, tmp_path):
    from dsrdraft.export.signing import new_key_pair

    new_key_pair(tmp_path / "sec.key", tmp_path / "sec.pub", b"right horse battery")
    dialog.set_mode("negotiation")
    dialog.key_edit.setText(str(tmp_path / "sec.key"))
    qtbot.keyClicks(dialog.passphrase_edit, "hunter7")
    out = tmp_path / "never.docx"
    dialog.out_edit.setText(str(out))
    with qtbot.wait_signal(dialog.problem, timeout=20_000) as blocker:
        dialog.export_button.click()
    assert "wrong passphrase" in blocker.args[0] and "\n" not in blocker.args[0].strip()
    assert "hunter7" not in blocker.args[0]  # never echoed
    assert not out.exists()
    close_box(dialog)


def test_reservations_print_as_the_dialog_says(qtbot, dialog, document, tmp_path):
    import zipfile

    from PySide6.QtCore import Qt

    uid = document.draft.clauses[0].uid
    document.reset(dm.add_reservation(document.draft, uid, "EGY", "Subject to national law."),
                   None)
    assert dialog.reservations_combo.isEnabled()  # negotiation mode
    dialog.reservations_combo.setFocus()
    qtbot.keyClick(dialog.reservations_combo, Qt.Key.Key_Down)  # the list after each clause
    assert dialog.reservations_combo.currentData() == "list"
    out = tmp_path / "listed.docx"
    run_export(qtbot, dialog, out, "negotiation")
    close_box(dialog)
    with zipfile.ZipFile(out) as z:
        assert "word/footnotes.xml" not in z.namelist()
        assert "Reservation (EGY): Subject to national law." in z.read("word/document.xml").decode()
    dialog.set_mode("clean")
    assert not dialog.reservations_combo.isEnabled()
