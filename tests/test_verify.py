import zipfile

import pytest

from dsrdraft.cli import main
from dsrdraft.draft.sample import sample_draft
from dsrdraft.export.writer import export_draft


def rewrite_document_xml(src, dst, old, new):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                assert old in text
                data = text.replace(old, new, 1).encode("utf-8")
            zout.writestr(item, data)


@pytest.mark.parametrize("mode", ["clean", "negotiation"])
def test_verify_untouched_then_tampered(tmp_path, capsys, mode):
    out = tmp_path / "d.docx"
    export_draft(sample_draft(), out, mode=mode, force=True)
    assert main(["verify", str(out)]) == 0
    assert "verified" in capsys.readouterr().out
    bad = tmp_path / "bad.docx"
    rewrite_document_xml(out, bad, "cybersecurity", "cyber-security")
    assert main(["verify", str(bad)]) == 1
    report = capsys.readouterr().out
    label = "4" if mode == "clean" else "3"
    assert f"clause {label}" in report and "title" not in report


def test_verify_names_title_and_signatory(tmp_path, capsys):
    out = tmp_path / "d.docx"
    export_draft(sample_draft(), out, mode="negotiation")
    bad = tmp_path / "bad.docx"
    rewrite_document_xml(out, bad, "Li Wei", "Li Wu")
    assert main(["verify", str(bad)]) == 1
    assert "signatory China" in capsys.readouterr().out


def test_verify_redline_export(tmp_path, capsys):
    from dsrdraft.draft import model as m

    d = m.revise(sample_draft())
    d = m.edit_clause_text(d, d.clauses[0].uid, "Expanding affordable broadband access.")
    out = tmp_path / "r.docx"
    export_draft(d, out, mode="redline", against=d.at_revision(0).to_initiative("rev0"))
    assert main(["verify", str(out)]) == 0


def test_verify_foreign_and_unreadable(tmp_path, capsys):
    from docx import Document

    plain = tmp_path / "plain.docx"
    Document().save(str(plain))
    assert main(["verify", str(plain)]) == 2
    assert "not a dsrdraft export" in capsys.readouterr().err
    junk = tmp_path / "junk.docx"
    junk.write_text("hello")
    assert main(["verify", str(junk)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("dsrdraft: error:") and err.count("\n") == 1
