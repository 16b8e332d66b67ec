"""Genre rules of the importer met in the real corpus, each on a small text of its genre."""

from __future__ import annotations

from dsrdraft.model import DivisionKind, UnitKind
from dsrdraft.parsing import parse_text

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
