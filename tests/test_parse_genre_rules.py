"""Genre rules of the importer met in the real corpus, each on a small text of its genre."""

from __future__ import annotations

from pathlib import Path

from dsrdraft.model import DivisionKind, UnitKind
from dsrdraft.parsing import parse_file, parse_text
from tests.test_importer_examples import _docx, _p

_RECITAL = ("Recalling its earlier resolutions on the matter and the statements of its "
            "President on the situation in the region,")


def test_a_un_job_numbers_date_stamps_on_lines_of_their_own_are_furniture() -> None:
    # pdftotext puts "24-07462 (E) 260424" on three lines at a page's foot
    text = ("The Security Council,\n\n" + _RECITAL + "\n\n24-07462 (E)\n\n260424\n\n"
            "*2407462*\n\fS/2024/302\n\nUnderscoring the importance of the Treaty,\n\n"
            "1. Decides to remain seized of the matter.\n")
    ini = parse_text(text)
    recital = [c.text for c in ini.clauses if c.kind is UnitKind.PREAMBULAR][-1]
    assert recital.startswith("Underscoring")
    assert any(d.text == "260424" for d in ini.dropped)


def test_six_digits_in_the_text_are_no_date_stamp() -> None:
    ini = parse_text("1. The fund holds\n\n260424\n\nunits of account.\n")
    assert "260424" in " ".join(c.text for c in ini.clauses)


def test_lone_section_letters_of_a_resolution_are_sections() -> None:
    text = ("The Security Council,\n\n" + _RECITAL + "\n\n1. Affirms its resolutions;\n\nA\n\n"
            "2. Demands that the parties respect the boundary;\n\n3. Calls upon them to meet;"
            "\n\nB\n\n4. Decides to remain seized of the matter.\n")
    ini = parse_text(text)
    assert [(d.kind, d.label) for _, d in ini.all_divisions()] == [
        (DivisionKind.SECTION, "A"), (DivisionKind.SECTION, "B")]
    operative = [c for c in ini.clauses if c.kind is UnitKind.OPERATIVE]
    assert [c.number for c in operative] == ["1", "2", "3", "4"]
    assert operative[1].path == ("A",)


def test_a_lone_letter_over_an_unnumbered_paragraph_is_no_section() -> None:
    ini = parse_text("RECITALS\n\nA\n\nDeclarant was the owner of the land.\n\nB\n\n"
                     "Declarant did subdivide it.\n")
    assert not any(d.kind is DivisionKind.SECTION for _, d in ini.all_divisions())


def test_a_bare_number_running_on_a_sentence_is_no_paragraph_number() -> None:
    # "…and those letters dated" / "3 March 1991 …": a date carried onto the next line
    text = ("The Security Council,\n\nTaking note of the letter of the Minister and those "
            "letters dated\n3 March 1991 he addressed to the Council,\n\n" + _RECITAL +
            "\n\n1. Decides to remain seized of the matter.\n")
    ini = parse_text(text)
    recitals = [c.text for c in ini.clauses if c.kind is UnitKind.PREAMBULAR]
    assert len(recitals) == 2
    assert "dated 3 March 1991 he addressed" in recitals[0]


_OCR_DRAFT = """UNITED

GENERAL
ASSEMBLY

Distr.
LIMITED
A/L.632
29 September 1971

Agenda item 93
RESTORATION OF THE LAWFUL RIGHTS OF A STATE IN THE UNITED NATIONS
Australia, Colombia, Costa Rica, Dominican Republic, El Salvador, Fiji, Gambia,
Guatemala, Haiti, Nicar~gua and Uruguay: draft resolution
The General Assembly,
Recalling the provisions of the Charter of the United Nations and the practice of the
Organization in the matter,
Decides that any proposal in the General Assembly which would result in depriving a
State of representation in the United Nations is an important question.

71-19641
"""


def test_an_ocr_un_draft_reads_its_sponsors_title_chapeau_recital_and_decision() -> None:
    ini = parse_text(_OCR_DRAFT)
    assert [(c.kind, c.text[:9]) for c in ini.clauses] == [
        (UnitKind.FORMULA, "The Gener"), (UnitKind.PREAMBULAR, "Recalling"),
        (UnitKind.OPERATIVE, "Decides t")]
    # the sponsors begin under the item's title in capitals, which is the draft's title;
    # "Nicar~gua" is the one state OCR's unreadable letter can stand for
    assert ini.title.startswith("RESTORATION OF THE LAWFUL RIGHTS")
    assert [s.code for s in ini.signatories][:2] == ["AUS", "COL"]
    assert "NIC" in {s.code for s in ini.signatories}
    assert any(d.text == "71-19641" for d in ini.dropped)


_ZH_STATEMENT = """我们，中华人民共和国和东南亚国家联盟成员国，于2024年10月10日齐聚老挝万象。

认识到当今世界正经历快速数字转型；

为此，我们同意采取下列措施促进数字生态系统合作：

**一、加强政策交流和战略对接**

鼓励发展和培育可信赖和包容性数字生态系统。

开展数字化发展战略的交流沟通。

**二、推动数字基础设施建设**

推动各方数字基础设施建设。

我们鼓励中国和东盟成员国深化在数字领域的合作。
"""


def test_numbered_headings_over_unnumbered_paragraphs_are_headings() -> None:
    ini = parse_text(_ZH_STATEMENT, source="statement.md")
    assert [(d.kind, d.label) for _, d in ini.all_divisions()] == [
        (DivisionKind.HEADING, "一、"), (DivisionKind.HEADING, "二、")]
    operative = [c for c in ini.clauses if c.kind is UnitKind.OPERATIVE]
    # addressed by their headings' numbers all the same
    assert [c.number for c in operative] == ["1.1", "1.2", "2.1", "OP4"]
    # the parties speaking again after the last group close the statement
    assert operative[-1].path == ()


def test_numbered_headings_over_numbered_items_stay_sections() -> None:
    text = ("**一、背景**\n\n当今世界正经历百年未有之大变局。\n\n**二、核心理念**\n\n"
            "（一）坚持共同安全。\n\n（二）坚持尊重主权。\n")
    ini = parse_text(text, source="paper.md")
    assert [d.kind for _, d in ini.all_divisions()] == [DivisionKind.SECTION] * 2


def test_a_level_of_numbered_headings_over_another_is_one_of_chapters() -> None:
    text = ("**一、必然选择**\n\n**（一）构建发展共同体**\n\n发展是第一要务。\n\n"
            "**二、中国实践**\n\n**（三）法治体系不断完善**\n\n中国始终把依法治网作为基础性手段。\n")
    ini = parse_text(text, source="paper.md")
    assert [(depth, d.kind) for depth, d in ini.all_divisions()] == [
        (0, DivisionKind.CHAPTER), (1, DivisionKind.SECTION),
        (0, DivisionKind.CHAPTER), (1, DivisionKind.SECTION)]


_RELEASED = """**Declaration on Cooperation**

The text of the following declaration was released by the Governments of Angola,
Argentina, the Netherlands, and Uruguay at the Ministerial on September 18, 2023.

1. We, as States bordering the Ocean, share a commitment. Building on the Joint Statement
issued in New York on September 20, 2022, we welcome the opportunity.

2. Participating States identified the following topic area for their work, which could
include:

A. Scientific cooperation and shared research:

- Promote science and technology cooperation.

B. Information and maritime awareness

- Identify the most critical gaps.

3. This Declaration represents the political commitments of the participants.<sup>\\[1\\]</sup>

------------------------------------------------------------------------
<sup>\\[1\\]</sup> Recalling relevant resolutions.
"""


def test_a_release_note_names_the_signatories_and_a_dated_paragraph_is_text() -> None:
    ini = parse_text(_RELEASED, source="decl.md")
    assert [s.code for s in ini.signatories] == ["AGO", "ARG", "NLD", "URY"]
    assert [c.number for c in ini.clauses] == ["1", "2", "3"]  # 1 mentions a date: no metadata


def test_capital_lettered_items_after_a_lead_in_are_its_items_not_sections() -> None:
    ini = parse_text(_RELEASED, source="decl.md")
    assert not list(ini.all_divisions())
    assert "B. Information and maritime awareness" in ini.clauses[1].text


def test_a_bracketed_superscript_note_number_is_a_footnote() -> None:
    ini = parse_text(_RELEASED, source="decl.md")
    notes = [n for c in ini.clauses for n in c.footnotes]
    assert [n.text for n in notes] == ["Recalling relevant resolutions."]
    assert ini.clauses[-1].text.endswith("participants.")


def _styles(*levels: int) -> str:
    return "".join(f'<w:style w:type="paragraph" w:styleId="Heading{n}"><w:name '
                   f'w:val="heading {n}"/></w:style>' for n in levels)


def _h(text: str, level: int) -> str:
    return _p(text, f'<w:pStyle w:val="Heading{level}"/>')


def test_a_quoted_statutes_chapter_under_a_styled_heading_is_its_text(tmp_path: Path) -> None:
    body = (_p("1. The Company owns the IP.") + _h("Exhibit A: Laws", 2)
            + _h("United States", 3) + _h("Utah", 4) + _p("Chapter 39 Employment Inventions Act")
            + _p("34-39-1 Citation of act. This act is known as the Act.")
            + _h("Washington", 4) + _p("RCW 49.44.140 Requiring assignment."))
    ini = parse_file(_docx(tmp_path / "x.docx", body, styles=_styles(2, 3, 4)))
    assert not any(d.kind is DivisionKind.CHAPTER for _, d in ini.all_divisions())
    utah = [c.text for c in ini.clauses if c.path[-1:] == ("Utah",)]
    assert utah[0] == "Chapter 39 Employment Inventions Act"
    assert ini.clauses[-1].path[-1:] == ("Washington",)


def test_an_agreement_in_prose_its_consent_attestation_and_initials(tmp_path: Path) -> None:
    body = (_h("Access Agreement", 1)
            + _p("The undersigned Institution wishes to allow its investigators access.")
            + _p("The library is a web-based data library.")
            + _p("By signing this Access Agreement, the Institution agrees to its terms.")
            + _p("It is understood and agreed that this is a separate agreement.")
            + _p("As an Investigator, I acknowledge that I have read the terms.")
            + _p("Name of Investigator: \t") + _p("Date: \t")
            + _h("Annex I", 1) + _p("The library reserves the right to share data.")
            + _p("_______ Initials of AOR"))
    ini = parse_file(_docx(tmp_path / "a.docx", body, styles=_styles(1)))
    kinds = [c.kind for c in ini.clauses]
    assert kinds == [UnitKind.PREAMBULAR] * 2 + [UnitKind.OPERATIVE] * 2 + [
        UnitKind.CLOSING] * 3 + [UnitKind.ANNEX]
    assert ini.dropped[-1].text == "_______ Initials of AOR"


def test_a_markdown_thematic_break_is_layout_and_a_setext_underline_a_heading() -> None:
    ini = parse_text("1. We acknowledge the gaps.\n\n---\n\n[^1]: Resolution 64/293.\n",
                     source="res.md")
    assert [c.text for c in ini.clauses] == ["We acknowledge the gaps."]
    assert any(d.text == "---" for d in ini.dropped)
    ini = parse_text("Scope\n---\n\n1. The agreement covers trade.\n", source="a.md")
    assert ini.title == "Scope" and not ini.dropped


def _bold(text: str) -> str:
    return (f'<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'
            '</w:p>')


def test_a_google_docs_code_its_title_headings_bold_labels_and_page_number(
        tmp_path: Path) -> None:
    styles = _styles(1, 2) + ('<w:style w:type="paragraph" w:styleId="Title"><w:name '
                              'w:val="Title"/></w:style>')
    body = (_p("Code of Conduct", '<w:pStyle w:val="Title"/>') + _p("Updated: April 2025")
            + _h("Executive Summary", 1) + _h("Purpose:", 2)
            + _p("This Code of Conduct provides guidelines for all affiliates.")
            + _h("Expectations", 2) + _p("Our Code boils down to basic manners, as follows:")
            + _bold("Be kind: ") + _p("Be attentive to people's personal boundaries.")
            + _bold("Be open-minded: ") + _p("Disagreements will arise among us.") + _p("5"))
    ini = parse_file(_docx(tmp_path / "c.docx", body, styles=styles))
    assert ini.title == "Code of Conduct"
    assert [d.heading for _, d in ini.all_divisions()] == [
        "Executive Summary", "Purpose:", "Expectations", "Be kind:", "Be open-minded:"]
    assert [c.text[:8] for c in ini.clauses] == ["This Cod", "Our Code", "Be atten", "Disagree"]
    assert ini.dropped[-1].text == "5"


_ZH_ARRANGEMENT = """根据基本法的规定，经双方协商，现就相互执行仲裁裁决的有关事宜作出如下安排：

一、在内地或者香港特区作出的仲裁裁决，一方当事人不履行仲裁裁决的，另一方当事人可以申请执行。

二、对1997年7月1日至本安排生效之日的裁决申请问题，双方同意：

1997年7月1日至本安排生效之日因故未能向内地或者香港特区法院申请执行的，可以在本安排生效后六个月内提出。

对于在此期间拒绝受理或者拒绝执行仲裁裁决的案件，应允许当事人重新申请，期限可以延长。

三、本安排在执行过程中遇有问题和修改，应当通过协商解决。

附：

内地仲裁委员会名单

## 一、中国国际商会设立的仲裁委员会

中国国际经济贸易仲裁委员会、中国海事仲裁委员会

二、各省、自治区、直辖市成立的仲裁委员会

北京市

北京仲裁委员会

天津市

天津仲裁委员会
"""


def test_a_chinese_arrangement_its_attachment_sections_and_agreed_paragraphs() -> None:
    ini = parse_text(_ZH_ARRANGEMENT, source="arrangement.md")
    tree = [(depth, d.kind, d.label) for depth, d in ini.all_divisions()]
    # "附：" opens the attachment; "二、" follows the styled "## 一、" as the next section
    assert tree[:3] == [(0, DivisionKind.ANNEX, "附"), (1, DivisionKind.SECTION, "一、"),
                        (1, DivisionKind.SECTION, "二、")]
    operative = [c.number for c in ini.clauses if c.kind is UnitKind.OPERATIVE]
    assert operative == ["1", "2", "2.2", "2.3", "3"]  # whole paragraphs after "双方同意："
    annex = [c.text for c in ini.clauses if c.kind is UnitKind.ANNEX]
    # the one line under "一、" is its text; a line right under a plain heading is its text
    assert "中国国际经济贸易仲裁委员会、中国海事仲裁委员会" in annex
    assert "北京仲裁委员会" in annex


def test_a_note_number_set_apart_by_spaces_is_cited_between_its_neighbours() -> None:
    # PDF-to-markdown extraction leaves note 2's superscript as " 2 " after a word
    text = ("1. We recall the Convention,1 the Convention on the Rights of the Child 2 and "
            "its protocols,3 and Article 7 of the Covenant.\n\n"
            "2. We note that Goal 2 and its targets stand.\n\n"
            "[^1]: Treaty Series, vol. 2225.\n[^2]: Ibid., vol. 1577.\n[^3]: Ibid., vol. 2171.\n")
    ini = parse_text(text, source="res.md")
    first, second = ini.clauses
    assert [n.marker for n in first.footnotes] == ["1", "2", "3"]
    assert "the Rights of the Child and its protocols" in first.text
    assert second.text == "We note that Goal 2 and its targets stand." and not ini.dropped
    # without the next note's citation after it, " 2 " is not read as one: it stays text
    ini = parse_text(text.replace("protocols,3", "protocols"), source="res.md")
    assert "Child 2 and" in ini.clauses[0].text
    assert {d.reason for d in ini.dropped} == {
        "footnote 2 (its citation was not found)", "footnote 3 (its citation was not found)"}


def test_a_number_after_a_word_that_takes_one_is_no_note_citation() -> None:
    text = ("1. We recall the Convention,1 Article 2 and the Protocol,3 as agreed.\n\n"
            "[^1]: A.\n[^2]: B.\n[^3]: C.\n")
    ini = parse_text(text, source="res.md")
    assert "Article 2 and" in ini.clauses[0].text
    assert [n.marker for n in ini.clauses[0].footnotes] == ["1", "3"]


def test_a_word_opening_like_bis_or_ter_is_no_number_suffix() -> None:
    # "1 Territorial" once read as "1 ter" + "ritorial"; "Section 14.01 Term" as no label
    ini = parse_text("1 Territorial integrity shall be respected.\n\n"
                     "2 Bismarck herring is traded.\n\n3 bis Terms apply.\n")
    assert [(c.number, c.text) for c in ini.clauses] == [
        ("1", "Territorial integrity shall be respected."), ("2", "Bismarck herring is traded."),
        ("3 bis", "Terms apply.")]
    ini = parse_text("Article XIV\n\nSection 14.01 Term\n\nThis Declaration runs for 30 years.\n"
                     "\nSection 14.02 Severability\n\nEach provision stands alone.\n")
    assert [d.label for _, d in ini.all_divisions()] == [
        "Article XIV", "Section 14.01", "Section 14.02"]


def test_a_deeds_recitals_and_sections_numbered_within_their_articles(tmp_path: Path) -> None:
    # a Word deed: an opening sentence, "RECITALS" with lettered recitals, Articles whose
    # Sections carry the Article's number ("Section 2.03" of Article II), cited as printed
    body = (_h("Declaration of Covenants", 1)
            + _p("The original Declaration was made on the 30th day of January, 1995, by BTS "
                 "Investments, Inc. This document, dated October 23, 2018, replaces it.")
            + _h("RECITALS", 3) + _h("A", 5) + _p("Declarant was the owner of the property.")
            + _h("B", 5) + _p("Declarant subdivided the property into lots.")
            + _h("ARTICLE I DEFINITIONS", 3) + _h("Section 1.01", 5)
            + _p('"Board" means the Board of Directors.')
            + _h("ARTICLE II THE PROPERTY", 3) + _h("Section 2.01 Maintenance", 5)
            + _p("Each Owner shall maintain his Lot.") + _p("Each Owner shall also insure it.")
            + _h("Section 2.02 Inspection", 5)
            + _p("Mortgagees shall have the right to")
            + _p("(1) examine the books and (2) require the financial data."))
    ini = parse_file(_docx(tmp_path / "deed.docx", body, styles=_styles(1, 3, 5)))
    assert ini.title == "Declaration of Covenants" and not ini.front_matter
    pp = [c for c in ini.clauses if c.kind is UnitKind.PREAMBULAR]
    assert [(c.number, c.label) for c in pp] == [("PP1", ""), ("PP2", "A"), ("PP3", "B")]
    assert pp[1].path == ("RECITALS",) and pp[1].text == "Declarant was the owner of the property."
    assert [(c.number, c.path) for c in ini.clauses if c.kind is UnitKind.OPERATIVE] == [
        ("1.01", ("Article I", "Section 1.01")), ("2.01.1", ("Article II", "Section 2.01")),
        ("2.01.2", ("Article II", "Section 2.01")), ("2.02", ("Article II", "Section 2.02"))]
    assert ini.clauses[-1].text.endswith("right to (1) examine the books and (2) require the "
                                         "financial data.")
    assert [(d.kind, d.label) for d in ini.divisions] == [
        (DivisionKind.HEADING, ""), (DivisionKind.ARTICLE, "Article I"),
        (DivisionKind.ARTICLE, "Article II")]


def test_a_constitution_typed_in_body_style(tmp_path: Path) -> None:
    # a club constitution as Word users type one: a title page and a table of contents,
    # "Article I. Preamble", Sections restarting in each Article, typed bullets, By-laws
    # with Articles of their own, and the signatures
    toc = '<w:pStyle w:val="TOC2"/>'
    styles = ('<w:style w:type="paragraph" w:styleId="TOC2"><w:name w:val="toc 2"/>'
              '</w:style>' + _styles(1))
    body = (_p("The Constitution of the Club") + _p("Revision 1.0") + _p("June 5, 2013")
            + _h("Contents", 1) + _p("Article I. Preamble\t3", toc)
            + _p("Article II. Membership\t3", toc)
            + _p("Article I. Preamble")
            + _p("We, the undersigned, wishing to form a club, establish this constitution.")
            + _p("Section 1. Name") + _p("The name of the organization shall be the Club.")
            + _p("Article II. Membership") + _p("Section 1. Requirements")
            + _p("Membership shall be open to all students.")
            + _p("The purpose of the membership is to")
            + _p("• Promote interest in computing") + _p("• Provide a means of publication")
            + _p("Section 2. Dues") + _p("• Dues shall be paid quarterly.")
            + _p("• Members in arrears shall not vote.")
            + _p("By-laws") + _p("A majority vote of the board may change the by-laws.")
            + _p("Article I. Appointments") + _p("Section 1. Webmaster")
            + _p("The board may appoint a Webmaster.")
            + _p("Signatures")
            + _p("This constitution was approved by the membership on the 17th of May.")
            + _p("Russel Morgan, President") + _p("Abigail Legg, Secretary"))
    ini = parse_file(_docx(tmp_path / "c.docx", body, styles=styles))
    assert ini.front_matter == ("Revision 1.0", "June 5, 2013")
    assert any(d.reason == "table of contents (its title)" and d.text == "Contents"
               for d in ini.dropped)
    units = [(c.number, c.kind.value, c.text[:24]) for c in ini.clauses]
    assert units == [
        ("PP1", "preambular", "We, the undersigned, wis"),
        ("I.1", "operative", "The name of the organiza"),
        ("II.1.1", "operative", "Membership shall be open"),
        ("II.1.2", "operative", "The purpose of the membe"),  # its bullets carry it on
        ("II.2.1", "operative", "Dues shall be paid quart"),  # bullets under a label: units
        ("II.2.2", "operative", "Members in arrears shall"),
        ("OP6", "operative", "A majority vote of the b"),  # the 6th unnumbered one
        ("By-laws.I.1", "operative", "The board may appoint a "),
        ("C1", "closing", "This constitution was ap")]
    assert [(d.kind, d.name) for d in ini.divisions] == [
        (DivisionKind.ARTICLE, "Article I"), (DivisionKind.ARTICLE, "Article II"),
        (DivisionKind.HEADING, "By-laws"), (DivisionKind.HEADING, "Signatures")]
    assert [d.text for d in ini.dropped if d.reason == "signature block (a signer's name)"] \
        == ["Russel Morgan, President", "Abigail Legg, Secretary"]
    assert ini.clauses[3].text.endswith("is to • Promote interest in computing • Provide a "
                                        "means of publication")


def test_a_contents_table_laid_out_in_columns_and_a_schedule_cited_in_a_line() -> None:
    # pdftotext of a gazette notice: each entry's label on a line of its own, another
    # entry's label run on after a page number, one page number lost; then the text, where
    # a wrapped line opens with the schedule it cites ("附表 6 第 2 條…", "附表 6 規定，…")
    dots = "." * 40
    text = (f"關於授權申請的運作原則及指引\n\nA.\n\n概論 {dots} 1773\n\nB.\n\n"
            f"訂明授權 {dots} 1774 C1.\n\n有關當局 {dots}\n\nC.\n\n申請程序 {dots} 1775\n\n"
            "A.\n\n概論\n\n1.\n\n本指引依據附表 6 發出，為人員提供指引。\n\n2.\n\n"
            "附表 6 第 2 條列出發出訂明授權的先決條件。\n\n3.\n\n"
            "附表 6 規定，凡有任何截取依據緊急授權進行，均須報告。\n")
    ini = parse_text(text)
    assert [d.text for d in ini.dropped if d.reason == "table of contents"][:3] == [
        "A.", f"概論 {dots} 1773", "B."]
    assert not any(d.kind is DivisionKind.ANNEX for _, d in ini.all_divisions())
    assert [c.text[:6] for c in ini.clauses if c.kind is UnitKind.OPERATIVE] == [
        "本指引依據附", "附表 6 第", "附表 6 規"]


def test_a_chinese_line_ending_with_its_comma_runs_on() -> None:
    # a PDF's hard-wrapped Chinese paragraph: no sentence ends with "，" or "、"
    text = ("2.\n除文意另有所指外，\n《運作原則及指引》所採用的詞語的釋義，\n與附表 6 所載列者相同。\n\n"
            "3.\n依法保護居民根據基本法和《公民權利和政治權利國際公約》、\n"
            "《經濟、社會與文化權利的國際公約》享有的權利。\n")
    ini = parse_text(text)
    assert [(c.number, c.text) for c in ini.clauses] == [
        ("2", "除文意另有所指外， 《運作原則及指引》所採用的詞語的釋義， 與附表 6 所載列者相同。"),
        ("3", "依法保護居民根據基本法和《公民權利和政治權利國際公約》、 "
              "《經濟、社會與文化權利的國際公約》享有的權利。")]


def test_a_wechat_repost_news_lead_excerpt_note_and_page_furniture() -> None:
    # a WeChat repost: the account's news lead, a note introducing the excerpt and an aside,
    # the excerpt itself, then the page's own buttons and dialogs
    text = ("# 国务院新闻办公室发布白皮书\n\n国务院新闻办公室11月7日发布白皮书。\n\n"
            "**白皮书说，中国不断深化网络空间国际交流合作。**\n\n"
            "*※白皮书“网络安全”相关内容节选**：*\n\n*(全文请见文章下方【阅读原文】）*\n\n"
            "**一、构建网络空间命运共同体是必然选择**\n\n构建安全共同体。安全是发展的前提。\n\n"
            "**二、中国的互联网发展治理实践**\n\n中国始终把依法治网作为基础性手段。\n\n"
            "预览时标签不可点\n\n阅读原文\n\n微信扫一扫 关注该公众号\n\n取消\n允许\n")
    ini = parse_text(text, source="repost.md")
    assert not [c for c in ini.clauses if c.kind is UnitKind.PREAMBULAR]
    assert [c.text for c in ini.clauses] == ["构建安全共同体。安全是发展的前提。",
                                              "中国始终把依法治网作为基础性手段。"]
    reasons = [(d.reason, d.text[:8]) for d in ini.dropped]
    assert ("a repost's news lead (before the text it introduces)", "国务院新闻办公室") in reasons
    assert sum(r == "a repost's note introducing the text" for r, _ in reasons) == 2
    assert ("web page: comment form, share bar or related links", "预览时标签不可点") in reasons


def test_a_heading_after_a_pages_furniture_is_text_again() -> None:
    # a compilation: one repost's page furniture, then the next text under its heading
    text = ("1. 中国始终把依法治网作为基础性手段。\n\n预览时标签不可点\n\n阅读原文\n\n"
            "## 全球数据跨境流动合作倡议\n\n各国应当合作\n")
    ini = parse_text(text, source="compilation.md")
    assert [d.heading for _, d in ini.all_divisions()] == ["全球数据跨境流动合作倡议"]
    assert ini.clauses[-1].text == "各国应当合作"
    assert [d.text for d in ini.dropped] == ["预览时标签不可点", "阅读原文"]


# A code of practice extracted from its PDF: lettered parts, each over sections numbered after
# its letter ("C1."), labels alone on their lines over their headings, paragraphs numbered on
# through the parts, the date of issue and the signer's office at the end.
_GUIDELINES = ("A.\n\n概論\n\n本指引依據附表 6 發出，為人員提供指引。\n2.\n除文意另有所指外，詞語的釋義與附表 6 相同。\n\n"
               "B.\n\n申請程序\n\nB1.\n\n一般規則\n\n3.\n申請人必須是警務人員；申請人亦須熟悉案情。\n"
               "4.\n有關當局如下 ——\n(a) 截取\n•\n行政長官。\n(b) 監察\n•\n\n由行政長官指定的人員\n\n"
               "的授權人員，\n\n視屬何情況而定。\n\fB2.\n\n緊急授權\n\n5.\n警務處處長可發出緊急授權。\n"
               "6.\n緊急授權須於 48 小時內確認。\n\n2020 年 7 月\n\n保安局局長\n")


def test_lettered_parts_hold_sections_numbered_after_their_letter() -> None:
    ini = parse_text(_GUIDELINES)
    assert [(depth, d.kind, d.label, d.heading) for depth, d in ini.all_divisions()] == [
        (0, DivisionKind.PART, "A", "概論"), (0, DivisionKind.PART, "B", "申請程序"),
        (1, DivisionKind.SECTION, "B1", "一般規則"), (1, DivisionKind.SECTION, "B2", "緊急授權")]
    operative = [c for c in ini.clauses if c.kind is UnitKind.OPERATIVE]
    # numbered on through the parts: no part qualifies a number, the unnumbered first is OP1
    assert [c.number for c in operative] == ["OP1", "2", "3", "4", "5", "6"]
    assert operative[4].path == ("B", "B2")


def test_a_section_label_at_a_pages_top_is_no_running_head() -> None:
    # "B2." heads a page, and a page of the contents lists it too: text, not furniture
    contents = ("目錄\n\nA.\n\n概論 ........................ 1\n\nB1.\n\n一般規則 ........................ 2"
                "\n\nB2.\n\n緊急授權 ........................ 4\n\f")
    ini = parse_text(contents + _GUIDELINES)
    assert "B2" in [d.label for _, d in ini.all_divisions()]
    assert not any(d.reason.startswith("page furniture") for d in ini.dropped)
    assert [d.text for d in ini.dropped if d.reason == "table of contents"][-1] == (
        "緊急授權 ........................ 4")


def test_a_bullet_alone_on_its_line_and_a_lead_in_ending_with_a_dash() -> None:
    ini = parse_text(_GUIDELINES)
    four = ini.clause("4")
    assert four is not None and four.label == "4."
    # the lead-in "…如下 ——" is no heading; its items, bullets and run-on lines are its text
    assert four.text == ("有關當局如下 —— (a) 截取 • 行政長官。 (b) 監察 • 由行政長官指定的人員 "
                         "的授權人員， 視屬何情況而定。")
    assert not any(d.heading.startswith("有關當局") for _, d in ini.all_divisions())


def test_a_chinese_numbered_line_as_long_as_a_sentence_is_no_heading() -> None:
    # a paragraph cut by a page break after two lines is no numbered heading over the rest
    text = ("1.\n根據附表 6 第 18 條，如負責截取或秘密監察的人員知悉，在為提出的尋求發出\n\f"
            "確認緊急授權的申請而提供的資料中有具關鍵性的不準確之處，便須在知悉有關事宜後，於合理地切實可行範圍內，"
            "盡快安排向有關當局提交一份關於具關鍵性的不準確之處或情況出現關鍵性變化的報告，有關當局接獲報告後會撤銷該授權。\n"
            "2.\n警務處處長須作出安排。\n")
    ini = parse_text(text)
    assert not list(ini.all_divisions())
    assert [c.number for c in ini.clauses] == ["1", "2"]


def test_the_date_of_issue_and_the_signers_office_close_a_notice() -> None:
    ini = parse_text(_GUIDELINES)
    assert [(c.kind, c.text) for c in ini.clauses[-2:]] == [
        (UnitKind.OPERATIVE, "緊急授權須於 48 小時內確認。"), (UnitKind.CLOSING, "2020 年 7 月 保安局局長")]
    # a date inside the text, or one before more paragraphs, closes nothing
    ini = parse_text("1. The fund opens.\n\nJuly 2020\n\n2. It closes.\n")
    assert all(c.kind is UnitKind.OPERATIVE for c in ini.clauses)


def test_a_paragraph_before_the_next_sections_label_is_the_numbered_ones_further_one() -> None:
    # numbered on through the sections: the unnumbered paragraph after 5 is 5's second
    text = _GUIDELINES.replace("5.\n警務處處長可發出緊急授權。\n",
                               "5.\n警務處處長可發出緊急授權。\n\n處長須以書面下達其決定。\n\nB3.\n\n監督\n\n")
    ini = parse_text(text)
    assert [(c.number, c.path) for c in ini.clauses if c.text.startswith(("處長", "緊急授權須"))] \
        == [("5.2", ("B", "B2")), ("6", ("B", "B3"))]


_WHITE_PAPER = """**一、必然选择**

**（一）构建发展共同体**

发展是第一要务。

**二、中国贡献**

**（二）持续深化网络安全合作**

维护网络安全是国际社会的共同责任。中国积极履行国际责任。

1.深化网络安全领域合作伙伴关系

2.提高数据安全和个人信息保护合作水平

**构建更加紧密的网络空间命运共同体的中国主张**

互联网是人类的共同家园。

（一）坚持尊重网络主权

中国倡导尊重各国网络主权。

（二）维护网络空间和平、安全、稳定

网络空间互联互通。
"""


def test_a_bold_heading_where_the_next_chapter_stands_is_that_chapter() -> None:
    # an excerpt lost the chapter's number "三、": its sections restart at （一）
    ini = parse_text(_WHITE_PAPER, source="paper.md")
    top = [(d.kind, d.label, d.heading[:4]) for d in ini.divisions]
    assert top == [(DivisionKind.CHAPTER, "一、", "必然选择"), (DivisionKind.CHAPTER, "二、", "中国贡献"),
                   (DivisionKind.CHAPTER, "", "构建更加")]
    # its sections, bold in the other chapters, are plain lines here: sections all the same
    assert [(d.kind, d.label) for d in ini.divisions[2].children] == [
        (DivisionKind.SECTION, "（一）"), (DivisionKind.SECTION, "（二）")]
    assert [c.number for c in ini.clauses if c.path[:1] == ("构建更加紧密的网络空间命运共同体的中国主张",)] \
        == ["3.OP1", "3.1.1", "3.2.1"]


def test_numbered_sub_heads_with_no_text_under_them_are_headings() -> None:
    # "1." "2." after a paragraph that has ended, before the next heading: sub-heads whose
    # text the excerpt left out, not a list
    ini = parse_text(_WHITE_PAPER, source="paper.md")
    section = ini.divisions[1].children[0]
    assert [(d.kind, d.label) for d in section.children] == [
        (DivisionKind.HEADING, "1"), (DivisionKind.HEADING, "2")]
    assert ini.clause("2.2.1") is not None  # its paragraph, no numbered items beside it
    # after a lead-in they are its items
    listed = _WHITE_PAPER.replace("中国积极履行国际责任。\n", "中国主张：\n")
    ini = parse_text(listed, source="paper.md")
    assert not ini.divisions[1].children[0].children


def _two_columns(rows: list[tuple[str, str]], gutter: int = 44) -> str:
    """Lines as `pdftotext -layout` writes a page in two columns."""
    return "\n".join(f"{a}{' ' * max(3, gutter - len(a))}{b}" if b else a for a, b in rows)


_HEAD = [("2020 年第 136 號法律公告", "L.N. 136 of 2020"), ("", "")]
_NOTICE = _two_columns([*_HEAD, ("鑑於《基本法》第十八條規定，列於該法附件三的全國性法律，由香港特別行政區在當地公布。", "WHEREAS Article 18 of the Basic Law provides that"), ("", "the national laws listed in Annex III shall be applied locally."), ("", ""), ("又鑑於常務委員會在徵詢意見後，決定將該法加入列於附件三的全國性法律。", "AND WHEREAS the Standing Committee, after consulting the Committee,"), ("", "decided to add the law to the list of national laws in Annex III."), ("", ""), ("因此本人，行政長官，現公布：列於附表的法律自 2020 年 6 月 30 日起實施。", "NOW, THEREFORE, I, the Chief Executive, give notice that the law set"), ("", "out in the Schedule applies from 30 June 2020.")], gutter=74)
_LAW = [("附表", ""), ("", ""), ("目錄", ""), ("", ""), ("第一章 總則", ""), ("第二章 附則", ""),
        ("第三章 罰則", ""), ("", ""), ("第一章 總則", ""), ("", ""),
        ("第一條 為維護國家安全，防範、制止和懲治危害國家安全的犯罪，", ""),
        ("保障香港特別行政區居民的合法權益，根據憲法和基本法，制定本法。", ""), ("", ""),
        ("第二條 香港特別行政區負有維護國家安全的憲制責任，應當履行維", ""),
        ("護國家安全的職責，並依法防範、制止和懲治危害國家安全的行為。", "")]
_MORE = [("第二章 附則", ""), ("", ""),
         ("第三條 本法的解釋權屬於全國人民代表大會常務委員會，其解釋與", ""),
         ("本法具有同等效力，香港特別行政區各機關應當依照執行並予以公布。", ""), ("", ""),
         ("第三章 罰則", ""), ("", ""),
         ("第四條 任何人違反本法規定的，依照本法和香港特別行政區的有關", ""),
         ("法律處罰；情節嚴重的，從重處罰，並可以沒收其犯罪所得的財產。", ""), ("", ""),
         ("第五條 本法自公佈之日起施行，香港特別行政區政府應當在公佈後", ""),
         ("儘快向立法會報告本法的實施情況，並就其執行作出相應的安排。", "")]
_SCHEDULE = (_two_columns(_HEAD + [(a, a) for a, _ in _LAW], gutter=74) + "\n\f"
             + _two_columns(_HEAD + [(a, a) for a, _ in _MORE], gutter=74) + "\n\f"
             + _two_columns([*_HEAD, ("    行政長官", "Carrie LAM"), ("    林鄭月娥", "Chief Executive"), ("", ""), ("2020 年 6 月 30 日", "30 June 2020")], gutter=74))


def test_a_gazette_in_two_columns_its_translation_and_its_law_printed_twice() -> None:
    ini = parse_text(_NOTICE + "\n\f" + _SCHEDULE)
    # the left column is the text; the right, where it is another language, its translation
    assert [(c.number, c.kind) for c in ini.clauses[:3]] == [
        ("PP1", UnitKind.PREAMBULAR), ("PP2", UnitKind.PREAMBULAR), ("OP1", UnitKind.OPERATIVE)]
    assert [(t.number, t.text[:12]) for t in ini.translations["en"]][:3] == [
        ("PP1", "WHEREAS Arti"), ("PP2", "AND WHEREAS "), ("OP1", "NOW, THEREFO")]
    # where it repeats the left column, reported once; its contents listed without page
    # numbers are a table of contents; the signed close after the last article
    assert [d.label for _, d in ini.all_divisions() if d.kind is not DivisionKind.ARTICLE] \
        == ["附表", "第一章", "第二章", "第三章"]
    assert [c.number for c in ini.clauses if c.kind is UnitKind.ANNEX][:3] == [
        "Annex.1", "Annex.2", "Annex.3"]
    assert any(d.reason.startswith("the other column") for d in ini.dropped)
    assert [d.text for d in ini.dropped if d.reason == "table of contents"] == [
        "第一章 總則", "第二章 附則", "第三章 罰則"]
    assert ini.clauses[-1].kind is UnitKind.CLOSING
    assert ini.clauses[-1].text.startswith("行政長官 林鄭月娥")


def test_a_layout_read_row_by_row_prints_each_paragraph_twice() -> None:
    # pdftotext's default mode on such pages: every paragraph right after itself
    def page(first: int) -> str:
        paragraphs = [f"第{'一二三四五六七八九十'[n]}條 香港特別行政區應當依法履行第 {first + n} 項"
                      "維護國家安全的職責。" for n in range(8)]
        return "\n\n".join(p for p in paragraphs for _ in (0, 1))
    ini = parse_text(page(1) + "\n\f" + page(9).replace("第", "第十"))
    assert len(list(ini.all_divisions())) == 16
    assert sum(d.reason.startswith("the other column") for d in ini.dropped) == 16
    # a paragraph repeated once in a text is the text's own
    ini = parse_text("1. We agree.\n\n1. We agree.\n\n2. We part.\n")
    assert not ini.dropped


def test_article_labels_listed_with_nothing_under_them_are_an_outline() -> None:
    # an editor's outline of a compilation lists the Articles before the text prints them
    text = ("[PREAMBLE]\n\nArt. 1\n\nArt. 2\n\nArt. 3\n\n[ESTABLISHMENT]\n\n"
            "AGREEMENT ESTABLISHING THE COMMONWEALTH\n\nArticle 1\n\nThe Parties establish it.\n\n"
            "Article 2\n\nThe Parties guarantee the rights.\n")
    ini = parse_text(text)
    assert [d.label for _, d in ini.all_divisions() if d.kind is DivisionKind.ARTICLE] == [
        "Article 1", "Article 2"]
    assert [d.text for d in ini.dropped] == ["Art. 1", "Art. 2", "Art. 3"]
    # two labels in a row are no list: "Article 7" over "Article 8 …" may be an empty one
    ini = parse_text("Article 7\n\nArticle 8\n\nThe Parties agree.\n")
    assert not ini.dropped


_COMPILATION = ("Article 1\n\nThe Parties establish the Commonwealth of Independent States and "
                "agree on the terms set out below in this Agreement.\n\n"
                "Done at Minsk on 8 December 1991 in three copies, each in the Byelorussian, "
                "Russian and Ukrainian languages, the three texts being equally authentic.\n\n"
                "For the Republic of Belarus\n\nS. SHUSHKEVICH\n\n"
                "\fProtocol to the Agreement establishing the Commonwealth of Independent States "
                "signed at Minsk on 8 December 1991 by the Republic of Belarus and Ukraine\n\n"
                "The Republic of Azerbaijan and the Republic of Armenia shall constitute the "
                "Commonwealth of Independent States.\n\n"
                "Done at Alma Ata on 21 December 1991 in one copy.\n\n"
                "For the Republic of\n\nAzerbaijan\n\nA. Mutalibov\n\n"
                "For the Russian\n\nFederation (RSFSR)\n\nB. Yeltsin\n\n"
                "Alma Ata, 21 December 1991\n")


def test_a_compilations_next_text_ends_the_closing_and_signature_lines_wrap() -> None:
    ini = parse_text(_COMPILATION)
    # the Protocol on the next page is a text again, not the Agreement's closing lines
    assert [c.kind for c in ini.clauses] == [
        UnitKind.OPERATIVE, UnitKind.CLOSING, UnitKind.OPERATIVE, UnitKind.OPERATIVE,
        UnitKind.CLOSING]
    # "For the Republic of" / "Azerbaijan": the state's name wrapped onto the next line;
    # signers with initials and the place and date under them are the signature block's
    assert [s.code for s in ini.signatories] == ["BLR", "AZE", "RUS"]
    assert {d.reason for d in ini.dropped} == {
        "signature block (read as signatories)", "signature block (a signer's name)",
        "signature block (its place and date)"}


_SUMMARY = ("TEXT OF AGREEMENT ON JOINT MEASURES - I.L.M. Page 152\n\n"
            "Art. 1 [JOINT ARMED FORCES]\n\n[Noting that the forces safeguard the security of "
            "the Parties]\n\nArt. 2 [NON-FIRST-USE]\n\nArt. 3 [JOINT POLICY]\n\n"
            "[To be developed]\n\n[Done at Alma Ata]\n\n"
            "\fAgreement on joint measures\n\nThe Parties,\n\nHave agreed as follows:\n\n"
            "Article 1\n\nThe armed forces safeguard the collective security of the Parties.\n\n"
            "Article 2\n\nThe Parties confirm that they will not be the first to use them.\n\n"
            "Article 3\n\nThe Parties shall jointly develop a policy on these matters.\n")


def test_an_editors_outline_with_bracketed_notes_is_a_table_of_contents() -> None:
    # a law report prints each instrument's outline, its labels with only the editor's
    # bracketed titles and summaries, before the instrument carries the same labels
    ini = parse_text(_SUMMARY)
    assert [d.label for _, d in ini.all_divisions() if d.kind is DivisionKind.ARTICLE] == [
        "Article 1", "Article 2", "Article 3"]
    outline = [d.text for d in ini.dropped if d.reason.startswith("table of contents")]
    assert outline == ["Art. 1 [JOINT ARMED FORCES]", "[Noting that the forces safeguard the "
                       "security of the Parties]", "Art. 2 [NON-FIRST-USE]",
                       "Art. 3 [JOINT POLICY]", "[To be developed]", "[Done at Alma Ata]"]
    # in a draft, Articles whose whole text is in square brackets are text not yet agreed
    draft = ("Article 1\n\n[The Parties shall cooperate.]\n\nArticle 2\n\n[The Parties shall "
             "exchange information.]\n\nArticle 3\n\n[This Agreement enters into force.]\n")
    ini = parse_text(draft)
    assert not ini.dropped
    assert [c.text for c in ini.clauses][-1] == "[This Agreement enters into force.]"
    assert len([d for _, d in ini.all_divisions() if d.kind is DivisionKind.ARTICLE]) == 3
    # nor is an outline one whose labels the text does not carry again
    ini = parse_text(_SUMMARY.split("\f")[0] + "\fThe Parties agree.\n")
    assert not any(d.reason.startswith("table of contents") for d in ini.dropped)


def test_stray_marks_of_a_scan_are_text_not_headings() -> None:
    # OCR leaves "«", "'" or a lone "N" on lines of their own: no heading names nothing, and
    # the instrument after a compilation's signature block still opens with its title
    text = ("Article 1\n\nThe Parties agree to cooperate in all fields:\n\n«\n\n"
            "(a) trade;\n\n(b) transport.\n\nArticle 2\n\nThis Agreement enters into force "
            "on signature.\n\nDONE at Alma Ata in one authentic copy.\n\nFor Ukraine\n\n"
            "L. Kravchuk\n\nAlma Ata, 21 December\n\nN\n\n"
            "Statement by the delegation of the Republic of Belarus\n\n"
            "The delegation considers that the Commonwealth rests on these principles:\n\n"
            "1. Observance of human rights.\n\n2. Peaceful settlement of disputes.\n")
    ini = parse_text(text)
    headings = [d.heading for _, d in ini.all_divisions() if d.kind is DivisionKind.HEADING]
    assert headings == ["Statement by the delegation of the Republic of Belarus"]
    assert [c.text for c in ini.clauses if c.text in ("«", "N")] == ["«", "N"]
    assert ini.clause("1.1").text.endswith("all fields: (a) trade; (b) transport.")
    assert [c.kind for c in ini.clauses].count(UnitKind.CLOSING) == 1
    # the signature block's place and day, its year lost in the scan
    assert ("signature block (its place and date)", "Alma Ata, 21 December") in [
        (d.reason, d.text) for d in ini.dropped]


def _row_by_row(n: int, first: list[str], rest: list[str]) -> str:
    """A page of a gazette in two columns, both printing the same law, as pdftotext's default
    mode reads it: the first column's running head and first paragraphs, then the second
    column's running head and copies, then the rest of the page, each paragraph twice."""
    heads = (f"Promulgation of National Law 2020\n\n《2020 年全國性法律公布》\n"
             f"2020 年第 136 號法律公告\nB{2346 + 2 * n}\n\n附表", f"L.N. 136 of 2020\n"
             f"B{2347 + 2 * n}\n\nSchedule")
    return "\n\n".join([heads[0], *first, heads[1], *rest])


def _article(n: int) -> str:
    digits = " 一二三四五六七八九"
    numeral = (digits[n // 10] if n >= 20 else "") + ("十" if n >= 10 else "") + digits[n % 10]
    numeral = numeral.strip()
    return f"第{numeral}條 香港特別行政區應當依法履行第 {n} 項維護國家安全的職責。"


def _twice(*paragraphs: str) -> list[str]:
    return [p for paragraph in paragraphs for p in (paragraph, paragraph)]


_TITLE = "《中華人民共和國香港特別行政區維護國家安全法》"
_ROWS = "\n\n\f".join([
    _row_by_row(0, [], ["附表", "Schedule", *_twice(_TITLE, "(2020 年 6 月 30 日通過)"),
                              *_twice("目錄", "第一章", "總則", "第二章", "附則", "第三章",
                                      "罰則")]),
    _row_by_row(1, ["第一章", "總則"], ["第一章", "總則", *_twice(*map(_article, (1, 2, 3)))]),
    # the first column's rows ran together: an article, the next chapter's label and its
    # first article in one paragraph; their copies come out apart
    _row_by_row(2, [f"{_article(4)}\n第二章\n附則\n{_article(5)}"],
                [_article(4), f"第二章\n附則\n{_article(5)}",
                 *_twice(*map(_article, (6, 7, 8)))]),
    _row_by_row(3, [_article(9)], [_article(9), "第三章", "罰則", _article(10), "第三章", "罰則",
                                   _article(10), *_twice(*map(_article, (11, 12, 13)))]),
    *(_row_by_row(n, [_article(3 * n + 2)], [_article(3 * n + 2), *_twice(
        *map(_article, range(3 * n + 3, 3 * n + 5)))]) for n in range(4, 9)),
])


def test_a_two_column_layout_read_row_by_row_its_heads_and_copies_apart() -> None:
    ini = parse_text(_ROWS)
    divisions = [(d.kind, d.label) for _, d in ini.all_divisions()]
    assert [label for kind, label in divisions if kind is DivisionKind.ARTICLE] == [
        _article(n).split()[0] for n in range(1, 29)]
    assert [label for kind, label in divisions if kind is DivisionKind.CHAPTER] == [
        "第一章", "第二章", "第三章"]
    assert not any(kind is DivisionKind.HEADING for kind, _ in divisions)
    # the second column's running head, below the first column's first lines, is furniture
    heads = [d.text for d in ini.dropped if "other column's running head" in d.reason]
    assert {"Schedule", "L.N. 136 of 2020", "B2349", "B2351", "B2353"} <= set(heads)
    text = " ".join(c.text for c in ini.clauses)
    assert "Schedule" not in text and "B23" not in text
    # the contents listed without page numbers, each label over its heading
    assert [d.text for d in ini.dropped if d.reason.startswith("table of contents")] == [
        "目錄", "第一章", "總則", "第二章", "附則", "第三章", "罰則"]


def test_a_note_in_parentheses_under_a_title_is_the_titles_not_a_heading() -> None:
    # a law's note of adoption under its title, on a line of its own in a PDF's text
    ini = parse_text("因此本人現公布列於附表的法律自 2020 年 6 月 30 日起實施。\n\n附表\n\n"
                     "《中華人民共和國香港特別行政區維護國家安全法》\n\n"
                     "(2020 年 6 月 30 日第十三屆全國人民代表大會常務委員會第二十次會議通過)\n\n"
                     "第一條 本法自公佈之日起施行。\n\n第二條 本法的解釋權屬於常務委員會。\n")
    annex = ini.divisions[0]
    assert annex.kind is DivisionKind.ANNEX
    assert annex.heading.endswith("維護國家安全法》 (2020 年 6 月 30 日第十三屆全國人民代表大會"
                                  "常務委員會第二十次會議通過)")
    assert not any(d.kind is DivisionKind.HEADING for _, d in ini.all_divisions())
    ini = parse_text("1. We agree.\n\n(Adopted without a vote on 1 July 2020)\n\n2. We part.\n")
    assert not any(d.kind is DivisionKind.HEADING for _, d in ini.all_divisions())


def test_a_long_draft_of_bracketed_articles_is_read_in_linear_time() -> None:
    # every Article of a draft in square brackets looks like an editor's outline until the
    # text is searched for the labels again: searched once for the run, not once per label
    import time

    draft = "\n\n".join(f"PART {part}\n\n" + "\n\n".join(
        f"Article {n}\n\n[The Parties shall cooperate in field {part}.{n}.]"
        for n in range(1, 1000)) for part in "ABCDE")
    start = time.process_time()
    ini = parse_text(draft)
    assert time.process_time() - start < 20
    assert not ini.dropped
    assert len(ini.clauses) == 5 * 999


# A law read row by row by pdftotext: where an Article's label and its text stand apart, the
# text beside the label comes out after the row under it, or a row after the one below it.
_DISPLACED = (
    "第一章\n\n總則\n\n"
    "第一條 本法適用於締約雙方之間的合作，包括經濟、文化和科學技術\n領域的合作。\n\n"
    "第二條\n中央財政保障。\n\n締約雙方為執行本協定所需的經費由\n\n"
    "第三條 締約雙方應當對合作中知悉的商業秘密和個人隱私予以保密。\n\n保密。\n\n"
    "參與合作的有關機構、組織和個人應當對合作有關情況予以\n\n"
    "第二章\n第四條\n適用本協定規定。\n\n附則\n\n"
    "締約雙方的國內法律規定與本協定不一致的，\n\n"
    "第五條 本協定自簽署之日起生效，有效期為五年，期滿後自動延長\n五年。\n會。\n\n"
    "第六條\n\n本協定的解釋權屬於締約雙方共同設立的聯合委員\n\n"
    "第七條\n\n本協定以中文寫成。\n\n"
    # wrapped lines of a printed page, which give the text its measure
    + "".join(f"第{n}條 締約雙方應當加強在經濟、貿易、文化和科學技術領域的合作，促\n"
              "進共同發展和繁榮。\n\n" for n in "八九"))


def test_pieces_of_sentences_moved_out_of_their_rows_are_put_back_not_headings() -> None:
    ini = parse_text(_DISPLACED)
    divisions = [(d.kind, d.label, d.heading) for _, d in ini.all_divisions()]
    assert not any(kind is DivisionKind.HEADING for kind, _, _ in divisions)
    # the chapter's heading, set beside its label, came out among its first Article's rows
    assert (DivisionKind.CHAPTER, "第二章", "附則") in divisions
    assert all(heading == "" for kind, _, heading in divisions if kind is DivisionKind.ARTICLE)
    units = {c.path[-1]: [] for c in ini.clauses}
    for c in ini.clauses:
        units[c.path[-1]].append(c.text.replace(" ", ""))
    assert units["第二條"] == ["締約雙方為執行本協定所需的經費由中央財政保障。"]
    assert units["第三條"][-1] == "參與合作的有關機構、組織和個人應當對合作有關情況予以保密。"
    assert units["第四條"] == ["締約雙方的國內法律規定與本協定不一致的，適用本協定規定。"]
    assert units["第六條"] == ["本協定的解釋權屬於締約雙方共同設立的聯合委員會。"]
    assert units["第五條"] == ["本協定自簽署之日起生效，有效期為五年，期滿後自動延長五年。"]


def test_an_unpunctuated_chinese_heading_before_an_article_stays_a_heading() -> None:
    # a heading stands unfinished before a label too, but no short end of a sentence is left
    # over before it: nothing was moved
    ini = parse_text("第一條 締約雙方應當加強合作，促進共同發展和繁榮，維護地區和平。\n\n"
                     "以口頭申請的特別程序\n\n第二條 申請人可以口頭提出申請。\n")
    assert [(d.kind, d.heading) for _, d in ini.all_divisions()
            if d.kind is DivisionKind.HEADING] == [(DivisionKind.HEADING, "以口頭申請的特別程序")]


def test_a_closing_quote_on_a_line_of_its_own_runs_its_paragraph_on() -> None:
    # pdftotext sets a closing quote that stood high on a line of its own under a full line
    line = "第一條 為全面準確貫徹 “一國兩制” 、 “港人治港” 、 “高度自治"
    text = ("第一章\n\n總則\n\n" + line + "\n”\n的方針，維護國家安全，防範、制止和懲治危害國家安全\n"
            "的犯罪，保障居民的合法權益，根據憲法和基本法，制定本法。\n\n"
            + "".join(f"第{n}條 締約雙方應當加強在經濟、貿易、文化和科學技術領域的合作，促\n"
                      "進共同發展和繁榮。\n\n" for n in "二三四五六七八九"))
    ini = parse_text(text)
    first = [c for c in ini.clauses if c.path[-1] == "第一條"]
    assert len(first) == 1 and first[0].text.endswith("制定本法。")
    assert all(d.heading == "" for _, d in ini.all_divisions() if d.kind is DivisionKind.ARTICLE)


_SIGNED = ("The High Contracting Parties,\n\nDesiring to develop their relations,\n\n"
           "Have agreed as follows:\n\nArticle 1\n\nThe Parties shall cooperate.\n\n"
           "Done at Minsk on 8 December 1991.\n\n")


def test_signers_initials_in_a_signature_block_are_names_not_lettered_items() -> None:
    # one initial before the surname, a signer's office under it
    ini = parse_text(_SIGNED + "S. SHUSHKEVICH\nChairman of the Supreme Soviet\n\n"
                     "B. YELTSIN\nPresident of the RSFSR\n\nL. KRAVCHUK\nPresident of Ukraine\n")
    assert not [c.label for c in ini.clauses if c.label]
    names = [d.text for d in ini.dropped if d.reason == "signature block (a signer's name)"]
    assert names == ["S. SHUSHKEVICH", "B. YELTSIN", "L. KRAVCHUK"]
    offices = [d.text for d in ini.dropped if d.reason == "signature block (a signer's office)"]
    assert offices == ["Chairman of the Supreme Soviet", "President of the RSFSR",
                       "President of Ukraine"]


def test_a_signers_initials_beside_a_for_line_are_a_name() -> None:
    # the state's line of the first signer lost in the scan: "For …" comes after the name
    ini = parse_text(_SIGNED + "A. Mutalibov\n\nFor the Republic of\nArmenia\nL. Ter-Petrosyan\n")
    assert not [c.label for c in ini.clauses if c.label]
    assert {"A. Mutalibov", "L. Ter-Petrosyan"} <= {d.text for d in ini.dropped}
    assert [s.code for s in ini.signatories] == ["ARM"]


def test_lettered_items_stay_items_beside_names_and_in_sequence() -> None:
    ini = parse_text("Article 1\n\nThe Parties shall:\n\nA. Cooperate\n\nB. Consult\n\n"
                     "Article 2\n\nThe following terms apply.\n\nA. Smith\n\nB. Jones\n\n"
                     "C. The Parties shall meet each year.\n")
    # letters in sequence, or with a label or a sentence between them, are items
    texts = " ".join(c.text for c in ini.clauses)
    assert all(name in texts for name in ("Cooperate", "Consult", "Smith", "Jones"))
    assert not any("signer" in d.reason for d in ini.dropped)


def test_a_title_in_capitals_opening_a_page_begins_a_text_not_a_run_on() -> None:
    # a compilation: the editor's note closing one page, the next text's title on the next
    text = ("The High Contracting Parties,\n\nRecalling their earlier agreements on the "
            "matter,\n\n[Adopted at Alma Ata as an official document of\nthe Commonwealth]\n"
            "\fDECLARATION BY THE HEADS OF STATE OF THE REPUBLIC OF BELARUS\n\n"
            "He, the leaders of the Republic of Belarus,\n\nNoting that the talks have become "
            "deadlocked,\n\nArticle 1\n\nThe Parties shall cooperate.\n")
    ini = parse_text(text)
    assert [d.heading for _, d in ini.all_divisions() if d.kind is DivisionKind.HEADING] == [
        "DECLARATION BY THE HEADS OF STATE OF THE REPUBLIC OF BELARUS"]
    note = next(c for c in ini.clauses if c.text.startswith("[Adopted"))
    assert note.text.endswith("Commonwealth]")
    under = next(c for c in ini.clauses if c.text.startswith("He, the leaders"))
    assert under.path[0].startswith("DECLARATION BY")


def test_a_sentence_in_capitals_runs_on_over_a_page_break() -> None:
    # and a title wrapped onto its next line is no heading over that line
    text = ("Recalling their earlier agreements on the matter,\n\n"
            "TEXT OF DECLARATION BY THE HEADS OF STATE OF BELARUS, RUSSIA AND\n"
            "UKRAINE - I.L.M. Page 142\n\n[Noting deadlock on the drafting of a new Treaty]\n"
            "\fTEXT OF PROTOCOL TO THE AGREEMENT ESTABLISHING THE COMMONWEALTH OF\n\n"
            "INDEPENDENT STATES - I.L.M. Page 147\n\n"
            "THE HIGH CONTRACTING PARTIES,\n\nRECALLING THEIR EARLIER AGREEMENTS ON THE\n"
            "\fMATTER OF COOPERATION BETWEEN THEIR PEOPLES,\n\nArticle 1\n\n"
            "The Parties shall cooperate.\n")
    ini = parse_text(text)
    assert not any(d.kind is DivisionKind.HEADING for _, d in ini.all_divisions())
    assert any(c.text.endswith("BETWEEN THEIR PEOPLES,") and c.text.startswith("RECALLING")
               for c in ini.clauses)
