"""Genre rules for footnotes in text extracted from PDFs, each on a small text of its genre."""

from __future__ import annotations

from dsrdraft.model import UnitKind
from dsrdraft.parsing import parse_text

_FURNITURE = "page furniture (running head, footer or page number)"

# Paragraphs of a Hong Kong gazette notice as pdftotext writes them: each number alone on its
# line, every number in the text set apart by spaces ("附表 6 第 28 條").
_PARAGRAPHS = "\n\n".join(
    f"{n}.\n第{n}段的內容，關於截取及秘密監察的授權申請，須符合附表 6 第 {n} 條的規定。"
    for n in range(28, 32))
_GAZETTE = ("A.\n\n概論\n\n" + _PARAGRAPHS + "\n\nE1.\n\n保障措施\n\n32.\n凡任何受保護成果 1 依據任何訂明授權而被"
            "取得，處長須作出安排，以確保第 1 類監察的規定已獲符合。\n\n1\n\n根據附表 6 ，受保護成果的"
            "文本所享有的保護，與受保護成果的相同。\n\f33.\n處長須確保在 1 年期間屆滿之前銷毀有關部分。"
            "\n\n34.\n處長須備存紀錄。\n\f35.\n本指引在憲報刊登。\n")
_NOTE = "根據附表 6 ，受保護成果的文本所享有的保護，與受保護成果的相同。"


def test_a_note_number_alone_at_a_page_foot_is_the_note_not_a_page_number() -> None:
    # the note's number "1" stands alone on its line over the note at the page's foot, and
    # paragraph 32 cites it by the same number set apart by spaces, as pdftotext writes a
    # superscript in Chinese text: footnote 1 of paragraph 32, not a page number and a unit
    ini = parse_text(_GAZETTE)
    assert [c.number for c in ini.clauses] == [str(n) for n in range(28, 36)]
    cites = ini.clause("32")
    assert [(n.marker, n.text) for n in cites.footnotes] == [("1", _NOTE)]
    assert "成果 依據" in cites.text and "第 1 類監察" in cites.text  # a counted number stays
    assert "在 1 年期間" in ini.clause("33").text
    # "E1." over it is a label, never a citation of note 1 glued to a letter
    assert "E1" in [d.label.rstrip(".") for _, d in ini.all_divisions()]
    assert not ini.dropped


def test_a_note_number_glued_to_its_text_and_to_the_citing_word_is_a_footnote() -> None:
    # the other way PDF extraction writes them: "…訂明授權1。" and "1根據…" at the page's foot
    text = _GAZETTE.replace("任何訂明授權而被取得", "任何訂明授權1而被取得").replace(
        "成果 1 依據", "成果依據").replace("\n\n1\n\n根據", "\n\n1根據")
    ini = parse_text(text)
    assert [(n.marker, n.text) for n in ini.clause("32").footnotes] == [("1", _NOTE)]
    assert "任何訂明授權而被取得" in ini.clause("32").text
    assert [c.number for c in ini.clauses] == [str(n) for n in range(28, 36)]


def test_without_its_citation_a_lone_number_at_a_page_foot_stays_a_page_number() -> None:
    ini = parse_text(_GAZETTE.replace("成果 1 依據", "成果依據"))
    assert not any(c.footnotes for c in ini.clauses)
    assert _NOTE in [c.text for c in ini.clauses]  # the text stays a paragraph
    assert [(d.reason, d.text) for d in ini.dropped] == [(_FURNITURE, "1")]
    # a number counting or ordering something ("第 1 類", "1 年") never cites a note
    ini = parse_text(_GAZETTE.replace("成果 1 依據", "成果依據").replace("第 1 類", "第 1 類 "))
    assert not any(c.footnotes for c in ini.clauses)


_RESOLUTION = ("The General Assembly,\n\n" + "\n\n".join(
    f"{n}. Decides that the Committee shall meet at its session number {n} and report to the "
    "Assembly;" for n in range(1, 6)) + "\n\n6. Welcomes the report of the Secretary-General;1"
    "\n\n1\n\nA/80/123.\n\f7. Decides to remain seized of the matter.\n\n1\n\f8. Requests a "
    "report.\n\n2\n")


def test_a_lone_note_number_cited_after_punctuation_opens_its_note() -> None:
    ini = parse_text(_RESOLUTION)
    assert [(n.marker, n.text) for n in ini.clause("6").footnotes] == [("1", "A/80/123.")]
    assert ini.clause("6").text == "Welcomes the report of the Secretary-General;"
    # the page numbers at the other pages' feet, with no note under them, stay furniture
    assert [d.text for d in ini.dropped if d.reason == _FURNITURE] == ["1", "2"]


def test_a_paragraph_numbered_1_at_a_page_foot_is_never_a_note() -> None:
    # "1." alone on its line over its text (UN layout) is a paragraph number, even under a
    # citation of note 1
    ini = parse_text(_RESOLUTION.replace("\n\n1\n\nA/80/123.", "\n\nAnnex\n\n1.\nDecides to act."))
    assert not any(c.footnotes for c in ini.clauses)
    assert "Decides to act." in [c.text for c in ini.clauses]


_NOTICE = "\n\n".join([
    "鑑於《基本法》第十八條規定，列於該法附件三的全國性法律，由香港特別行政區在當地公布或立法實施。",
    "WHEREAS Article 18 of the Basic Law provides that the national laws listed in Annex III "
    "shall be applied locally by way of promulgation or legislation by the Region.",
    "又鑑於全國人民代表大會常務委員會決定將《維護國家安全法》加入列於《基本法》附件三的全國性法律。",
    "AND WHEREAS the Standing Committee decided to add the law titled “《維護國家安全法》” * "
    "to the list of national laws in Annex III to the Basic Law.",
    "因此本人，香港特別行政區行政長官，現公布：列於附表的《維護國家安全法》自 2020 年 6 月 30 日起在香港"
    "特別行政區實施。",
    "NOW, THEREFORE, I, the Chief Executive, give notice that the law titled “《維護國家安全法》” "
    "* as set out in the Schedule applies in the Region.",
    "Note:* For reference, an English translation of the title “《維護國家安全法》” is “Law on "
    "Safeguarding National Security”."]) + "\n\f附表\n\n第一條 本法自公佈之日起施行。\n"
_NOTICE_NOTE = ("For reference, an English translation of the title “《維護國家安全法》” is “Law on "
                "Safeguarding National Security”.")


def test_a_note_cited_in_a_translation_is_a_footnote_of_the_unit_translated() -> None:
    # a bilingual notice: the note at the page's foot stands in the English text only, cited
    # by '*' in the English translations; it is a footnote of the Chinese unit the first
    # citing translation translates, in English as printed, and no translation of its own
    ini = parse_text(_NOTICE)
    assert [(c.number, c.kind) for c in ini.clauses][:3] == [
        ("PP1", UnitKind.PREAMBULAR), ("PP2", UnitKind.PREAMBULAR), ("OP1", UnitKind.OPERATIVE)]
    assert [(n.marker, n.text) for n in ini.clause("PP2").footnotes] == [("*", _NOTICE_NOTE)]
    english = ini.translations["en"]
    assert [t.number for t in english] == ["PP1", "PP2", "OP1"]
    assert "“《維護國家安全法》” to the list" in english[1].text
    assert [(d.reason, d.text) for d in ini.dropped] == [("the label of footnote *", "Note:")]


def test_a_symbol_note_needs_its_citation_and_a_bulleted_list_is_no_note() -> None:
    ini = parse_text(_NOTICE.replace("” *", "”"))
    assert not any(c.footnotes for c in ini.clauses)
    assert any(t.text.startswith("Note:* For reference") for t in ini.translations["en"])
    text = ("AGREEMENT ON COOPERATION*\n\nThe Parties,\n\n" + "\n\n".join(
        f"Article {n}\n\nThe Parties shall cooperate in field number {n} of their relations."
        for n in range(1, 5)) + "\n\n* Reproduced from U.N. Document A/46/771.\n"
        "\fArticle 5\n\nThis Agreement enters into force on signature.\n")
    ini = parse_text(text)
    assert ini.title == "AGREEMENT ON COOPERATION"
    assert [(d.reason, d.text) for d in ini.dropped] == [
        ("footnote * (cited in the title block)", "Reproduced from U.N. Document A/46/771.")]
    listed = text.replace("relations.\n\n* Reproduced", "relations, as follows:\n\n"
                          "* trade;\n\n* Reproduced")
    ini = parse_text(listed)
    assert not ini.dropped
    assert "Reproduced from U.N. Document A/46/771." in " ".join(c.text for c in ini.clauses)
