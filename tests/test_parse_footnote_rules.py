"""Genre rules for footnotes in text extracted from PDFs, each on a small text of its genre."""

from __future__ import annotations

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
