"""Word round trip (issue 16): an export reopens as the same draft; what was changed in Word
since comes back attributed, never silently accepted or dropped."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from word_edits import Edit, add_comment

from dsrdraft.cli import main
from dsrdraft.draft import model as m
from dsrdraft.draft.storage import load_draft
from dsrdraft.errors import DsrError
from dsrdraft.export.fingerprint import verify_docx
from dsrdraft.export.writer import export_draft
from dsrdraft.ooxml.revisions import resolve, tracked_authors
from dsrdraft.roundtrip.authors import UnmappedAuthors, parse_author_map
from dsrdraft.roundtrip.importing import import_docx
from dsrdraft.roundtrip.rebase import rebase
from dsrdraft.roundtrip.returned import UntrackedEdits

PHRASE = "open digital economy"


def every_convention() -> m.Draft:
    """A draft with every convention a negotiated text has."""
    d = m.new_draft("Digital Cooperation Initiative", symbol="DSR/2026/L.1", place="Beijing",
                    date="2026-05-14", preamble="Recalling the 2017 proposal,\n"
                                                "Recognizing the role of data,")
    d = m.add_clause(d, "The Parties,", kind="formula")
    d = m.add_clause(d, "Scope", kind="heading", label="Article 1")
    d = m.add_clause(d, "Strengthen digital [connectivity][interconnection] to build an "
                        "open digital economy.", m.Provenance("beijing-initiative-2023", "1"))
    d = m.add_clause(d, "Promote e-commerce cooperation [among [all] Parties].",
                     proposers=["CHN", "G77/China"])
    u = d.clauses[-1].uid
    d = m.set_status(d, u, "ad_referendum")
    d = m.add_alternative(d, u, "Promote cross-border e-commerce.", ["THA"])
    d = m.add_alternative(d, u, "Encourage [digital] trade.", ["EGY", "LAO"])
    d = m.add_reservation(d, u, "EGY", "subject to national law")
    d = m.add_reservation(d, u, "THA", "pending consultations")
    d = m.add_clause(d, "Bridge the digital divide.", after=u)  # "2 bis"
    d = m.set_status(d, next(c.uid for c in d.clauses if c.label == "2 bis"), "agreed")
    d = m.add_clause(d, "Share data freely.")
    d = m.delete_clause(d, d.clauses[-1].uid, ["LAO"])
    d = m.add_clause(d, "Technical cooperation", kind="heading", label="Annex I")
    d = m.add_clause(d, "Training programmes for officials.", kind="annex", label="1")
    d = m.add_clause(d, "Done at Beijing on 14 May 2026.", kind="closing")
    d = m.add_signatory(d, m.DraftSignatory("THA", "A. Somchai", "Minister", "2026-05-14"))
    d = m.add_signatory(d, m.DraftSignatory("CHN"))
    d = m.revise(d, "issued at the first session", "2026-05-01")
    d = m.edit_clause_text(d, next(c.uid for c in d.clauses if c.label == "1"),
                           "Strengthen digital [connectivity][interconnection] to build an "
                           "open digital economy.")
    return d


def labelled(draft: m.Draft) -> dict[str, m.DraftClause]:
    """Units by label (the annex's paragraph 1 apart from operative paragraph 1)."""
    return {(f"Annex {c.label}" if c.kind is m.DraftKind.ANNEX else c.label): c
            for c in draft.clauses}


@pytest.fixture(scope="module")
def draft() -> m.Draft:
    return every_convention()


@pytest.fixture(scope="module")
def exports(draft, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("exports")
    out = {}
    for mode in ("clean", "negotiation", "redline"):
        out[mode] = folder / f"{mode}.docx"
        export_draft(draft, out[mode], mode, force=True,
                     against=draft.at_revision(0).to_initiative())
    out["list"] = folder / "list.docx"
    export_draft(draft, out["list"], "negotiation", reservations="list")
    return out


@pytest.mark.parametrize("mode", ["clean", "negotiation", "redline", "list"])
def test_every_export_reopens_as_the_same_draft(draft, exports, mode, tmp_path):
    imported = import_docx(exports[mode])
    assert imported.kind == "export" and imported.notes == []
    assert imported.draft == draft
    out = tmp_path / "d.json"
    assert main(["draft", "import", str(exports[mode]), "--out", str(out)]) == 0
    assert load_draft(out) == draft


def test_an_edited_export_comes_back_with_attributed_proposals(draft, exports, tmp_path):
    edited = Edit(exports["negotiation"], tmp_path / "tha.docx")
    edited.replace_tracked("open digital economy", "inclusive digital economy", "THA")
    edited.insert_paragraph_after("Bridge the digital divide", "Promote digital skills.",
                                  "Thailand")
    add_comment(edited.save(), "Bridge the digital divide", "Egypt asks for time.", "Egypt")
    imported = import_docx(tmp_path / "tha.docx")
    assert imported.kind == "export with changes"
    got = labelled(imported.draft)
    assert got["1"].text == ("Strengthen digital [connectivity][interconnection] to build an "
                             "[open][inclusive (THA)] digital economy.")
    new = next(c for c in imported.draft.clauses if c.text == "Promote digital skills.")
    assert new.proposers == ("THA",)
    assert m.Reservation("EGY", "Egypt asks for time.") in got["2 bis"].reservations
    # Everything else is the exported draft, history included.
    assert imported.draft.revisions == draft.revisions
    assert imported.draft.signatories == draft.signatories
    assert got["2"] == labelled(draft)["2"]


def test_edits_without_tracking_need_a_delegation(exports, tmp_path, capsys):
    path = Edit(exports["negotiation"], tmp_path / "egy.docx").replace_untracked(
        "Bridge the digital divide", "Bridge every digital divide").save()
    with pytest.raises(UntrackedEdits, match="2 bis"):
        import_docx(path)
    out = tmp_path / "d.json"
    assert main(["draft", "import", str(path), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("dsrdraft: error: egy.docx: edited without change tracking (2 bis)")
    assert "--as CODE" in err and "\n" not in err.strip() and not out.exists()
    imported = import_docx(path, file_code="EGY")
    text = next(c.text for c in imported.draft.clauses if c.label == "2 bis")
    assert text == "Bridge [the][every (EGY)] digital divide."


def test_unmapped_authors_are_listed_and_can_be_mapped(exports, tmp_path, capsys):
    edited = Edit(exports["negotiation"], tmp_path / "x.docx")
    edited.replace_tracked("open digital economy", "inclusive digital economy", "Jane Doe")
    add_comment(edited.save(), "Bridge the digital divide", "Not yet.", "Desk officer")
    with pytest.raises(UnmappedAuthors) as exc:
        import_docx(tmp_path / "x.docx")
    assert exc.value.authors == ("Jane Doe", "Desk officer")
    assert main(["draft", "import", str(tmp_path / "x.docx"), "--out",
                 str(tmp_path / "d.json")]) == 2
    assert "'Jane Doe', 'Desk officer'" in capsys.readouterr().err
    mapping = parse_author_map(["jane  doe=tha", "Desk officer=Egypt"])
    imported = import_docx(tmp_path / "x.docx", mapping)
    got = labelled(imported.draft)
    assert "[open][inclusive (THA)]" in got["1"].text
    assert got["2 bis"].reservations == (m.Reservation("EGY", "Not yet."),)


def test_a_tracked_paragraph_deletion_is_a_deletion_proposal(exports, tmp_path):
    path = Edit(exports["negotiation"], tmp_path / "del.docx").delete_paragraph_tracked(
        "Bridge the digital divide", "LAO").save()
    got = labelled(import_docx(path).draft)
    assert got["2 bis"].text == "[Bridge the digital divide. (delete: LAO)]"
    assert got["2 bis"].deleted_by == ("LAO",)


def test_a_tracked_move_is_a_deletion_and_a_new_paragraph(exports, tmp_path):
    path = Edit(exports["negotiation"], tmp_path / "move.docx").move_paragraph_tracked(
        "Bridge the digital divide", "Training programmes", "CHN").save()
    imported = import_docx(path)
    got = labelled(imported.draft)
    assert got["2 bis"].text == "[Bridge the digital divide. (delete: CHN)]"
    moved = [c for c in imported.draft.clauses if c.proposers == ("CHN",)]
    assert [c.text for c in moved] == ["Bridge the digital divide."]
    order = [c.uid for c in imported.draft.clauses]
    assert order.index(moved[0].uid) > order.index(got["Annex 1"].uid)
    reading = imported.compiled.files[0]
    assert reading.untracked == [] and reading.authors == {"CHN": "CHN"}


def test_edits_that_are_not_compiled_are_named(exports, tmp_path):
    path = (Edit(exports["negotiation"], tmp_path / "title.docx")
            .replace_tracked("Digital Cooperation Initiative", "Digital Partnership", "THA")
            .replace_tracked("Technical cooperation", "Technical assistance", "THA").save())
    imported = import_docx(path)
    assert any("the title was edited by THA" in n for n in imported.notes)
    assert any("heading Annex I was edited by THA" in n for n in imported.notes)


def test_a_redline_changed_since_is_refused(exports, tmp_path):
    path = Edit(exports["redline"], tmp_path / "r.docx").replace_untracked(
        "Bridge the digital divide", "Bridge it").save()
    with pytest.raises(DsrError, match="redline"):
        import_docx(path)


def test_a_tampered_embedded_draft_is_refused(exports, tmp_path, capsys):
    source = exports["negotiation"]
    target = tmp_path / "t.docx"
    with zipfile.ZipFile(source) as z, zipfile.ZipFile(target, "w") as out:
        for name in z.namelist():
            data = z.read(name)
            if name.startswith("customXml/item") and b"urn:dsrdraft:draft" in data:
                data = data.replace(b"Bridge the digital divide", b"Bridge nothing")
            out.writestr(name, data)
    with pytest.raises(DsrError, match="does not match its seal"):
        import_docx(target)
    assert main(["draft", "import", str(target), "--out", str(tmp_path / "d.json")]) == 2
    assert "does not match its seal" in capsys.readouterr().err
    assert verify_docx(target).ok is False  # the seal covers the draft part too


def test_any_other_word_file_is_a_new_draft_of_its_text(tmp_path):
    import docx

    from dsrdraft.parsing import parse_file

    document = docx.Document()
    document.add_paragraph("Joint Statement on Digital Cooperation")
    document.add_paragraph("1. The Parties shall cooperate on data.")
    document.add_paragraph("2. The Parties shall share best practices.")
    document.save(str(tmp_path / "plain.docx"))
    imported = import_docx(tmp_path / "plain.docx")
    assert imported.kind == "document"
    expected = [" ".join(c.text.split()) for c in parse_file(tmp_path / "plain.docx").clauses]
    assert [c.text for c in imported.draft.clauses if not c.is_heading] == expected


def test_an_export_from_before_exports_carried_their_draft():
    old = Path(__file__).resolve().parent / "attacks" / "files" / "redline.docx"
    imported = import_docx(old)  # the redline's own tracked changes are its text
    assert imported.kind == "document"
    assert "before exports carried their draft" in imported.notes[0]
    assert imported.draft.clauses


@pytest.mark.parametrize("args, message", [
    (["missing.docx"], "no such file"),
    (["notes.txt"], "must be a Word .docx file"),
    (["broken.docx"], "not a .docx file"),
])
def test_bad_inputs_are_one_line_errors_and_write_nothing(tmp_path, capsys, args, message,
                                                         monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text("1. Text.\n")
    (tmp_path / "broken.docx").write_bytes(b"not a zip")
    assert main(["draft", "import", *args, "--out", "d.json"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("dsrdraft: error: ") and message in err and err.count("\n") == 1
    assert not (tmp_path / "d.json").exists()


def test_reservations_print_as_footnotes_and_verify_covers_them(exports, tmp_path):
    with zipfile.ZipFile(exports["negotiation"]) as z:
        notes = z.read("word/footnotes.xml").decode()
    assert "Reservation (EGY): subject to national law" in notes
    assert "Reservation (THA): pending consultations" in notes
    with zipfile.ZipFile(exports["list"]) as z:
        body = z.read("word/document.xml").decode()
        assert "word/footnotes.xml" not in z.namelist()
    assert "Reservation (EGY): subject to national law" in body
    # A footnote changed after the export is named by verify.
    target = tmp_path / "changed.docx"
    with zipfile.ZipFile(exports["negotiation"]) as z, zipfile.ZipFile(target, "w") as out:
        for name in z.namelist():
            data = z.read(name)
            if name == "word/footnotes.xml":
                data = data.replace(b"subject to national law", b"no objection")
            out.writestr(name, data)
    result = verify_docx(target)
    assert not result.ok and any("footnote" in d for d in result.differences)


def test_rebase_moves_only_the_authors_words():
    base = "Promote the digital economy for all."
    untracked = "Promote the digital economy for all Parties."
    tracked = "Promote the green digital economy for all Parties."
    assert rebase(base, untracked, tracked) == "Promote the green digital economy for all."
    assert rebase(base, untracked, "Promote the digital economy for some Parties.") is None


def test_resolve_accepts_one_author_and_rejects_the_others(exports, tmp_path):
    path = (Edit(exports["negotiation"], tmp_path / "two.docx")
            .replace_tracked("open digital economy", "inclusive digital economy", "THA")
            .replace_tracked("Bridge the digital divide", "Close the digital divide", "EGY")
            .save())
    with zipfile.ZipFile(path) as z:
        from lxml import etree

        root = etree.fromstring(z.read("word/document.xml"))
    assert [a.author for a in tracked_authors(root)] == ["THA", "EGY"]
    text = "".join(root.itertext())
    tha = "".join(resolve(root, lambda a: a == "THA").itertext())
    assert "inclusive digital economy" in tha and "Bridge the digital divide" in tha
    assert "Close the" not in tha and "open digital economy" not in tha
    assert "".join(root.itertext()) == text  # the original is never changed
