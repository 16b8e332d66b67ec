"""The examples of the structured-texts issue: each parses as a reader of negotiated texts would."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from dsrdraft.model import DivisionKind, UnitKind
from dsrdraft.parsing import parse_file, parse_text
from dsrdraft.parsing.encoding import decode_bytes

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def numbers(text: str) -> list[str]:
    return [c.number for c in parse_text(text).clauses]


def test_gaps_in_the_numbering_keep_every_paragraph() -> None:
    assert numbers("1. A.\n\n2. B.\n\n4. D.\n\n5. E.\n") == ["1", "2", "4", "5"]


def test_sections_restarting_inside_articles_nest_in_them() -> None:
    ini = parse_text("Article 1\n\nSection 1. Scope\n\n1. The scope.\n\nSection 2. Other\n\n"
                     "1. First.\n\nArticle 2\n\nSection 1. More\n\n1. Again.\n")
    tree = [(depth, d.label) for depth, d in ini.all_divisions()]
    assert tree == [(0, "Article 1"), (1, "Section 1"), (1, "Section 2"), (0, "Article 2"),
                    (1, "Section 1")]
    assert [c.path for c in ini.clauses][-1] == ("Article 2", "Section 1")
    assert len({c.number for c in ini.clauses}) == 3


def test_an_annex_after_the_clauses_is_kept() -> None:
    ini = parse_text("1. First clause.\n\n2. Second clause.\n\nAnnex\n\n1. Annex one.\n\n"
                     "2. Annex two.\n")
    assert [c.kind for c in ini.clauses] == [UnitKind.OPERATIVE] * 2 + [UnitKind.ANNEX] * 2
    assert [c.number for c in ini.clauses][2:] == ["Annex.1", "Annex.2"]


def test_a_line_after_the_last_clause_is_kept() -> None:
    ini = parse_text("1. First clause.\n\n2. Second clause.\n\nFollow-up\n")
    assert "Follow-up" in " ".join(c.text for c in ini.clauses)


@pytest.mark.parametrize("word", ["related", "comments", "print", "share"])
def test_wrapped_lines_starting_with_web_words_do_not_cut_the_text(word: str) -> None:
    text = (f"1. The parties agree to cooperate on the matters\n{word} to the digital economy "
            "and to trade.\n\n2. The parties will meet again.\n")
    ini = parse_text(text)
    assert [c.number for c in ini.clauses] == ["1", "2"]
    assert word in ini.clauses[0].text


def test_short_english_lines_stay_english() -> None:
    ini = parse_text("1. Promote trade.\n\n2. Le Havre.\n\n3. Share data.\n")
    assert [c.number for c in ini.clauses] == ["1", "2", "3"]
    assert not ini.translations


def test_articles_with_paragraphs_restarting() -> None:
    ini = parse_text("Article 4\nScope\n\n1. This applies.\n\n2. That too.\n\n19. Nineteen.\n\n"
                     "Article 5\n\n1. Five one.\n")
    assert [c.number for c in ini.clauses] == ["4.1", "4.2", "4.19", "5.1"]
    assert ini.clause("Article 4.19").text == "Nineteen."
    heads = [(d.label, d.heading) for _, d in ini.all_divisions()]
    assert heads == [("Article 4", "Scope"), ("Article 5", "")]


def test_preambular_paragraphs_are_units() -> None:
    ini = parse_text("The General Assembly,\n\nRecalling its resolution 1,\n\nNoting with concern "
                     "the situation,\n\n1. Decides to act;\n\n2. Requests more.\n")
    assert [c.number for c in ini.clauses] == ["F1", "PP1", "PP2", "1", "2"]


def test_chinese_numbering() -> None:
    ini = parse_text("一、总则\n\n（一）坚持合作。\n\n（二）坚持开放。\n\n二、措施\n\n第一条 各方应当合作。\n\n"
                     "第二条 各方应当开放。\n")
    texts = [c.text for c in ini.clauses]
    assert texts == ["坚持合作。", "坚持开放。", "各方应当合作。", "各方应当开放。"]
    kinds = [d.kind for _, d in ini.all_divisions()]
    assert kinds.count(DivisionKind.ARTICLE) == 2


def test_chinese_articles_inserted_by_amendment_keep_their_number() -> None:
    """"第一百二十条之一" is an Article of its own (inserted after Article 120, cited
    "Article 120-1"), not a second Article 120 with "之一" left in its text."""
    ini = parse_text("第一百二十条 组织恐怖活动组织的，处十年以上有期徒刑。\n\n"
                     "第一百二十条之一 资助恐怖活动组织的，处五年以下有期徒刑。\n\n"
                     "第一百二十条之二 有下列情形之一的，处五年以下有期徒刑。\n")
    labels = [d.label for _, d in ini.all_divisions()]
    assert labels == ["第一百二十条", "第一百二十条之一", "第一百二十条之二"]
    assert [c.text[:2] for c in ini.clauses] == ["组织", "资助", "有下"]
    assert len({c.number for c in ini.clauses}) == 3 and "120-1" in ini.clauses[1].number


def test_chinese_dash_items_after_a_lead_in() -> None:
    ini = parse_text("我们倡议：\n\n——加强合作。\n\n——扩大开放。\n")
    assert [c.text for c in ini.clauses] == ["我们倡议：", "加强合作。", "扩大开放。"]


def test_bullets_parse_and_keep_their_text() -> None:
    ini = parse_text("We agree:\n\n• One item here.\n\n• Two item here.\n")
    text = " ".join(c.text for c in ini.clauses)
    assert "One item here." in text and "Two item here." in text


@pytest.mark.parametrize("text, count", [
    ("(a) First item.\n\n(b) Second item.\n", 2),
    ("I. First item text.\n\nII. Second item text.\n", 2),
    ("We the leaders met.\n\nWe agree to things.\n\nWe commit to more.\n", 3),
])
def test_bullets_letters_roman_and_unnumbered_paragraphs(text: str, count: int) -> None:
    ini = parse_text(text)
    assert len(ini.clauses) == count
    assert len({c.number for c in ini.clauses}) == count


def test_brackets_and_hyphens_kept_exactly() -> None:
    ini = parse_text("1. Promote [NDMC*] and [____] and ITU\u2011T.\n")
    assert ini.clauses[0].text == "Promote [NDMC*] and [____] and ITU\u2011T."


def test_suffixed_numbers() -> None:
    assert numbers("16 quinquies. Text a.\n\n18 ter.2 Text b.\n") == ["16 quinquies",
                                                                     "18 ter.2"]


def test_number_alone_on_its_line() -> None:
    ini = parse_text("The Security Council,\n\n1.\nDecides to act;\n\n2.\nRequests more;\n")
    assert [(c.number, c.text) for c in ini.clauses][1:] == [("1", "Decides to act;"),
                                                             ("2", "Requests more;")]


def test_encodings_decided_on_the_whole_file() -> None:
    text = "Côte d’Ivoire and the “parties” agree. " * 50
    one_stray = text.encode("utf-8") + b"\x92 end"
    decoded = decode_bytes(one_stray)
    assert decoded.encoding == "utf-8" and "Côte d’Ivoire" in decoded.text
    cp1252 = ("The parties’ “agreement” is the States’ own. " * 20).encode("cp1252")
    assert decode_bytes(cp1252).text.startswith("The parties’ “agreement”")


# ---------------------------------------------------------------- Word files

def _docx(path: Path, body: str, *, numbering: str = "", styles: str = "") -> Path:
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats'
            '.org/package/2006/content-types"><Default Extension="rels" ContentType="application'
            '/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            'ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType'
            '="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"'
            '/></Types>'),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http:'
            '//schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>'),
        "word/_rels/document.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId2" Type="http:'
            '//schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target='
            '"numbering.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>'),
        "word/document.xml": (f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}">'
                              f'<w:body>{body}</w:body></w:document>'),
        "word/numbering.xml": f'<w:numbering xmlns:w="{W}">{numbering}</w:numbering>',
        "word/styles.xml": f'<w:styles xmlns:w="{W}">{styles}</w:styles>',
    }
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def _p(text: str, ppr: str = "") -> str:
    return f"<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"


def _list(num_id: int, fmt: str, text: str = "%1.") -> str:
    return (f'<w:abstractNum w:abstractNumId="{num_id}"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
            f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl></w:abstractNum>'
            f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/></w:num>')


def _numbered(text: str, num_id: int, style: str = "") -> str:
    style_el = f'<w:pStyle w:val="{style}"/>' if style else ""
    return _p(text, f'{style_el}<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/>'
                    '</w:numPr>')


@pytest.mark.parametrize("fmt, text, labels", [
    ("decimal", "%1.", ["1.", "2."]),
    ("lowerLetter", "(%1)", ["(a)", "(b)"]),
    ("upperRoman", "%1.", ["I.", "II."]),
    ("chineseCounting", "%1、", ["一、", "二、"]),
])
def test_word_list_numbering_formats(tmp_path: Path, fmt: str, text: str,
                                     labels: list[str]) -> None:
    path = _docx(tmp_path / "list.docx",
                 _numbered("Promote trade among the parties.", 1)
                 + _numbered("Share data among the parties.", 1),
                 numbering=_list(1, fmt, text))
    ini = parse_file(path)
    assert [c.label for c in ini.clauses] == labels


def test_num_id_zero_overrides_the_styles_numbering(tmp_path: Path) -> None:
    styles = ('<w:style w:type="paragraph" w:styleId="Num"><w:name w:val="List Number"/>'
              '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>')
    body = (_p("Promote trade among the parties.", '<w:pStyle w:val="Num"/>')
            + _p("A plain paragraph in between.", '<w:pStyle w:val="Num"/><w:numPr>'
                 '<w:numId w:val="0"/></w:numPr>')
            + _p("Share data among the parties.", '<w:pStyle w:val="Num"/>'))
    ini = parse_file(_docx(tmp_path / "n.docx", body, numbering=_list(1, "decimal"),
                           styles=styles))
    labels = [c.label for c in ini.clauses]
    assert labels[0] == "1." and "2." in labels
    assert "A plain paragraph in between." in " ".join(c.text for c in ini.clauses)


def test_word_text_after_comment_pi_and_entity_is_kept(tmp_path: Path) -> None:
    body = ('<w:p><w:r><w:t>Before<!-- a comment --> after <?pi x?>the PI &amp; '
            'the entity.</w:t></w:r></w:p>')
    ini = parse_file(_docx(tmp_path / "c.docx", body))
    assert ini.clauses[0].text == "Before after the PI & the entity."


def test_word_tracked_move_read_once(tmp_path: Path) -> None:
    body = ('<w:p><w:moveFrom w:id="1" w:author="A"><w:r><w:t>Moved words.</w:t></w:r>'
            '</w:moveFrom><w:r><w:t>Stays here.</w:t></w:r></w:p>'
            '<w:p><w:moveTo w:id="2" w:author="A"><w:r><w:t>Moved words.</w:t></w:r>'
            '</w:moveTo></w:p>')
    ini = parse_file(_docx(tmp_path / "m.docx", body))
    assert " ".join(c.text for c in ini.clauses).count("Moved words.") == 1


def test_word_toc_field_dropped_as_table_of_contents(tmp_path: Path) -> None:
    body = ('<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> TOC \\o '
            '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>'
            'Article 1 Scope 3</w:t></w:r></w:p><w:p><w:r><w:t>Article 2 Terms 4</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
            + _p("Article 1") + _p("The parties shall cooperate."))
    ini = parse_file(_docx(tmp_path / "t.docx", body))
    assert {d.reason for d in ini.dropped} >= {"table of contents"}
    assert [c.text for c in ini.clauses] == ["The parties shall cooperate."]


def test_heading_styled_numbered_paragraphs_are_divisions(tmp_path: Path) -> None:
    styles = ('<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
              '</w:style>')
    body = (_p("Agreement on trade") + _numbered("Scope", 1, "Heading1") + _p("This agreement covers trade.")
            + _numbered("Terms", 1, "Heading1") + _p("The terms are these."))
    ini = parse_file(_docx(tmp_path / "h.docx", body, numbering=_list(1, "decimal"),
                           styles=styles))
    assert [d.heading for _, d in ini.all_divisions()] == ["Scope", "Terms"]
    assert len(ini.clauses) == 2


def test_table_text_kept_in_its_unit(tmp_path: Path) -> None:
    body = (_p("1. The parties agree on the following rates:")
            + '<w:tbl><w:tr><w:tc>' + _p("Goods") + '</w:tc><w:tc>' + _p("5 per cent")
            + '</w:tc></w:tr></w:tbl>' + _p("2. The rates apply from 2026."))
    ini = parse_file(_docx(tmp_path / "tb.docx", body))
    assert [c.number for c in ini.clauses] == ["1", "2"]
    assert "Goods" in ini.clauses[0].text and "5 per cent" in ini.clauses[0].text


@pytest.mark.parametrize("suffix", [".docm", ".dotx"])
def test_docm_and_dotx_are_read(tmp_path: Path, suffix: str) -> None:
    ini = parse_file(_docx(tmp_path / f"x{suffix}", _p("1. A clause of the text.")))
    assert ini.clauses[0].text == "A clause of the text."


def test_alt_chunk_is_read_or_named(tmp_path: Path) -> None:
    body = _p("1. A clause.") + '<w:altChunk xmlns:r="http://schemas.openxmlformats.org/' \
        'officeDocument/2006/relationships" r:id="rId9"/>'
    ini = parse_file(_docx(tmp_path / "a.docx", body))
    assert any("altChunk" in d.reason for d in ini.dropped)


def test_a_title_cut_in_the_text_is_completed_from_the_metadata(tmp_path: Path) -> None:
    text = ('---\ntitle: "Establishment of a Group of Experts on Data Verification :"\n---\n\n'
            "80/53. Establishment of a Group of Experts on\n\nThe General Assembly,\n\n"
            "Recalling its resolution 78/22,\n\n1. Decides to establish the group;\n\n"
            "2. Requests the Secretary-General to report.\n")
    path = tmp_path / "res.md"
    path.write_text(text, encoding="utf-8")
    assert parse_file(path).title == "Establishment of a Group of Experts on Data Verification"


UN_DRAFT = """United Nations                                                      A/C.2/79/L.12
General Assembly                                                    Distr.: Limited
                                                                    10 October 2024

Seventy-ninth session
Second Committee
Agenda item 18 (b)
Macroeconomic policy questions: international financial system and development

          Bolivia (Plurinational State of), Chile, Uganda and Viet Nam: draft resolution

          Digital cooperation for sustainable development

     The General Assembly,

     Recalling its resolution 70/1 of 25 September 2015, entitled "Transforming our world:
the 2030 Agenda for Sustainable Development", and the commitments made by the States of
the United Nations,
     Recognizing that information and communications technologies have the potential to
provide new solutions to development challenges in the least developed countries, the
United Republic of Tanzania and other countries, including small island States,
     Deeply concerned that the digital divide persists between and within countries,

     1.    Welcomes the work of the Internet Governance Forum;

     2.    Decides to include in the provisional agenda of its eighty-first session the item
entitled "Information and communications technologies for sustainable development".
"""


def test_a_un_draft_laid_out_in_columns_with_its_sponsors_over_its_title() -> None:
    ini = parse_text(UN_DRAFT)
    assert ini.title == "Digital cooperation for sustainable development"
    assert ini.symbol == "A/C.2/79/L.12"
    assert [s.code for s in ini.signatories] == ["BOL", "CHL", "UGA", "VNM"]  # the sponsors
    assert [c.number for c in ini.clauses] == ["F1", "PP1", "PP2", "PP3", "1", "2"]
    # a recital opens a paragraph after one ending with its comma, a name in -ed does not
    assert ini.clauses[2].text.endswith("including small island States,")


def test_a_covering_notes_subject_line_names_the_title() -> None:
    ini = parse_text("Council of the European Union\nBrussels, 12 May 2023\n\nOUTCOME OF "
                     "PROCEEDINGS\nFrom: General Secretariat of the Council\nTo: Delegations\n"
                     "Subject: Council Conclusions on Digital Diplomacy\n\n1. The Council "
                     "recalls its conclusions of July 2022.\n\n2. The Council underlines the "
                     "importance of the Global Gateway.\n")
    assert ini.title == "Council Conclusions on Digital Diplomacy"
    assert "From: General Secretariat of the Council" in ini.front_matter
    assert [c.number for c in ini.clauses] == ["1", "2"]
