import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from lxml import etree

from dsrdraft.draft import model as m
from dsrdraft.draft.sample import ARABIC, CHINESE, sample_draft
from dsrdraft.errors import DsrError
from dsrdraft.export.writer import export_draft

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def body_xml(path):
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read("word/document.xml"))


def part(path, name):
    with zipfile.ZipFile(path) as z:
        return z.read(name).decode("utf-8")


def clause_paragraphs(root):
    return [p for p in root.iter(f"{W}p")
            if (s := p.find(f"{W}pPr/{W}pStyle")) is not None and s.get(f"{W}val") == "DSRClause"]


def text_of(p):
    return "".join(t.text or "" for t in p.iter(f"{W}t"))


@pytest.fixture
def draft():
    return sample_draft()


def test_negotiation_mode_xml(tmp_path, draft):
    out = tmp_path / "n.docx"
    export_draft(draft, out, mode="negotiation")
    root = body_xml(out)
    paras = clause_paragraphs(root)
    assert len(paras) == len(draft.clauses)
    # the preambular paragraph is labelled as negotiators cite it, then the clauses
    assert text_of(paras[0]).startswith("PP1.The participating States")
    paras = paras[1:]
    texts = [text_of(p) for p in paras]
    assert texts[0].startswith("1.")
    assert texts[1].startswith("1 bis.")
    # brackets visible, in the bracket character style, which is bold in the template
    bracket_runs = [r for r in paras[2].iter(f"{W}r")
                    if (s := r.find(f"{W}rPr/{W}rStyle")) is not None
                    and s.get(f"{W}val") == "DSRBracket"]
    assert [text_of(r) for r in bracket_runs] == ["[shall]", "[should]", "[and ", "[digital]",
                                                  " payments]"]
    styles = part(out, "word/styles.xml")
    assert 'w:styleId="DSRBracket"' in styles
    # status shading: agreed green, ad referendum yellow, open white
    fills = [p.find(f"{W}pPr/{W}shd").get(f"{W}fill") for p in paras]
    assert fills[0] == "D9EAD3" and fills[3] == "FFF2A8" and fills[2] == "FFFFFF"
    # attribution and alternatives labelled
    assert "(proposed by CHN, LAO)" in texts[2]
    alt = [p for p in root.iter(f"{W}p") if text_of(p).startswith("3 Alt")]
    assert alt and "(proposed by CHN, G77/China)" in text_of(alt[0])
    # deletion struck through and attributed
    deleted = paras[6]
    assert "deletion proposed by EGY" in text_of(deleted)
    assert deleted.find(f".//{W}strike") is not None or "DSRDeleted" in etree.tostring(
        deleted).decode()
    # reservation as a real comment
    comments = part(out, "word/comments.xml")
    assert "Reserves its position pending consultations." in comments
    assert 'w:author="USA"' in comments
    assert paras[3].find(f"{W}commentRangeStart") is not None
    # header symbol and footer fields
    header = part(out, "word/header1.xml")
    assert "DSR/2026/L.1" in header and "Negotiation text" in header
    footer = part(out, "word/footer1.xml")
    assert 'w:instr=" PAGE "' in footer and 'w:instr=" NUMPAGES "' in footer
    assert "dsrdraft fingerprint" in footer


def test_chinese_and_arabic_runs(tmp_path, draft):
    out = tmp_path / "n.docx"
    export_draft(draft, out, mode="negotiation")
    paras = clause_paragraphs(body_xml(out))
    zh = next(p for p in paras if CHINESE[:6] in text_of(p))
    zh_run = next(r for r in zh.iter(f"{W}r") if CHINESE[:6] in text_of(r))
    assert zh_run.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") == "SimSun"
    ar = next(p for p in paras if ARABIC[:6] in text_of(p))
    ar_run = next(r for r in ar.iter(f"{W}r") if ARABIC[:6] in text_of(r))
    assert ar_run.find(f"{W}rPr/{W}rtl") is not None
    assert ar.find(f"{W}pPr/{W}bidi") is not None
    # read back with python-docx too
    doc = Document(str(out))
    assert any(CHINESE in p.text for p in doc.paragraphs)


def test_clean_refuses_brackets_then_forces(tmp_path, draft):
    out = tmp_path / "c.docx"
    with pytest.raises(DsrError, match=r"still in brackets: 2; clauses with alternatives pending: 3"):
        export_draft(draft, out, mode="clean")
    assert not out.exists()
    export_draft(draft, out, mode="clean", force=True)
    texts = [text_of(p) for p in clause_paragraphs(body_xml(out))]
    assert "[" not in "".join(texts)
    assert texts[0] == "1.Expanding broadband access and raising broadband quality."
    assert texts[1].startswith("2.Promote digital skills")  # renumbered
    assert texts[2] == "3.States shall promote cross-border e-commerce and digital payments."
    # the deleted clause is gone; the preamble is running text, in the preamble style
    assert len(texts) == len(draft.live_clauses()) - 1
    preamble = [text_of(p) for p in body_xml(out).iter(f"{W}p")
                if (s := p.find(f"{W}pPr/{W}pStyle")) is not None
                and s.get(f"{W}val") == "DSRPreamble"]
    assert preamble == [draft.preamble]
    assert not part(out, "word/document.xml").count("w:shd")


def test_clean_agreed_text_needs_no_force(tmp_path):
    d = m.new_draft("Agreed", symbol="X/1")
    d = m.add_clause(d, "All agreed.")
    export_draft(d, tmp_path / "ok.docx", mode="clean")


def test_unbalanced_brackets_refused(tmp_path):
    d = m.new_draft("T")
    d = m.add_clause(d, "Good.")
    d = m.add_clause(d, "Bad [text here.", after=d.clauses[0].uid)
    with pytest.raises(DsrError, match=r"clause 1 bis: unclosed '\[' at position 4"):
        export_draft(d, tmp_path / "x.docx", mode="negotiation")


def test_signature_block_order_and_rows(tmp_path, draft):
    out = tmp_path / "n.docx"
    export_draft(draft, out, mode="negotiation")
    doc = Document(str(out))
    table = doc.tables[-1]
    countries = [row.cells[0].text for row in table.rows]
    assert countries == ["Country", "China", "Egypt", "Laos",
                         "Thailand", "United Arab Emirates"]
    assert table.rows[1].cells[1].text == "Li Wei"
    assert table.rows[1].cells[3].text.startswith("____")
    for row in table.rows:
        assert row._tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None
    keep = [c.paragraphs[0].paragraph_format.keep_with_next for c in table.rows[-2].cells]
    assert all(keep)
    signed_by = [p for p in doc.paragraphs if p.text == "Signed by"]
    assert signed_by and signed_by[0].style.paragraph_format.keep_with_next


def test_export_is_atomic_and_checks_suffix(tmp_path, draft):
    with pytest.raises(DsrError, match=r"\.docx"):
        export_draft(draft, tmp_path / "x.pdf", mode="negotiation")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("mode", ["clean", "negotiation", "redline"])
def test_libreoffice_converts_each_mode(tmp_path, draft, mode):
    soffice = shutil.which("soffice")
    if not soffice:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
    from dsrdraft.draft.sample import sample_draft as fresh

    base = fresh()
    base = m.revise(base)
    edited = m.edit_clause_text(draft, draft.clauses[0].uid, "Expanding affordable access.")
    out = tmp_path / f"{mode}.docx"
    export_draft(edited, out, mode=mode, force=True,
                 against=base.at_revision(0).to_initiative("rev0") if mode == "redline" else None)
    result = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
        capture_output=True, text=True, timeout=180, check=False)
    pdf = tmp_path / f"{mode}.pdf"
    assert result.returncode == 0 and pdf.exists() and pdf.stat().st_size > 1000, result.stderr


def test_a_house_template_is_used_and_one_without_our_styles_refused(tmp_path: Path) -> None:
    """A copy of the bundled template restyled elsewhere (here: a wider left margin and a
    different clause font) is used as is; a plain Word file is refused, naming what lacks."""
    from docx.shared import Cm, Pt

    from dsrdraft.export.styles import CLAUSE
    from dsrdraft.export.template import template_path

    house = Document(str(template_path()))
    house.sections[0].left_margin = Cm(5)
    house.styles[CLAUSE].font.size = Pt(15)
    house.add_paragraph("Letterhead text that must not leak into exports")
    house_path = tmp_path / "house.docx"
    house.save(str(house_path))
    draft = m.add_clause(m.new_draft("House style"), "Promote [digital] cooperation.")
    out = tmp_path / "out.docx"
    export_draft(draft, out, template=house_path)
    written = Document(str(out))
    assert abs(written.sections[0].left_margin.cm - 5) < 0.01  # stored in twips
    assert written.styles[CLAUSE].font.size == Pt(15)
    body = "\n".join(p.text for p in written.paragraphs)
    assert "Promote" in body and "Letterhead" not in body

    plain = tmp_path / "plain.docx"
    Document().save(str(plain))
    with pytest.raises(DsrError, match=r"lacks the styles .*DSR Clause"):
        export_draft(draft, tmp_path / "never.docx", template=plain)
    assert not (tmp_path / "never.docx").exists()


def test_clean_preambular_paragraphs_open_in_italics_as_a_resolution_prints_them(tmp_path):
    from dsrdraft.export.fingerprint import verify_docx

    d = m.new_draft("Establishment of a group of experts", symbol="A/81/L.5")
    d = m.set_preamble(d, "Recalling also its resolution 78/22,\n\nDeeply concerned by the "
                          "digital divide,\n\nThe scope of this text.")
    d = m.add_clause(d, "Decides to establish the group;")
    out = tmp_path / "clean.docx"
    export_draft(d, out, mode="clean")
    root = body_xml(out)
    preamble = [p for p in root.iter(f"{W}p") if text_of(p).startswith(
        ("Recalling", "Deeply", "The scope"))]
    italic = [["".join(t.text for t in r.iter(f"{W}t")) for r in p.iter(f"{W}r")
               if r.find(f"{W}rPr/{W}i") is not None] for p in preamble]
    assert italic == [["Recalling also"], ["Deeply concerned"], []]  # no participle: upright
    assert text_of(preamble[0]) == "Recalling also its resolution 78/22,"
    assert verify_docx(out).ok
