"""The importer on the raw seed texts and on the other ways negotiated texts are written."""

from __future__ import annotations

import hashlib
from pathlib import Path

import docx
import pytest

from dsrdraft.errors import DsrError
from dsrdraft.parsing import parse_file, parse_text

NEWS = Path(__file__).resolve().parent / "corpus" / "news"  # seeds 000, 002, 004, as received
# SHA-256 of the raw seed texts 001 and 003 as received: the bundled copies must be them.
SEED_SHA256 = {
    "obor-digital-economy-2017.txt":
        "faf25db9e491378e50166e48ccb9e2645f990f638101a0c5f5915973f8108a57",
    "beijing-initiative-2023.md":
        "4f8955a82d3451dfe0fe3a0853a96ec0d779b40ba17dc2e3e04f69201773e147",
}


def test_2017_proposal_clauses_headings_preamble(seed_2017: Path) -> None:
    ini = parse_file(seed_2017)
    assert ini.title == "Proposal for International Cooperation on the “One Belt, One Road” Digital Economy"
    assert [c.number for c in ini.operative] == [str(n) for n in range(1, 16)]
    assert ini.operative[0].heading == "Expanding broadband access, raising broadband quality."
    assert ini.operative[11].heading == "Strengthening confidence and trust."
    assert ini.operative[13].heading.startswith(
        "Encouraging the joint construction of a peaceful, secure, open, cooperative and ordered"
    )
    assert ini.operative[14].text.endswith("“Belt-Road Initiative” digital economy.")
    assert ini.preamble.startswith("The digital economy is a driver for global economic growth")
    assert ini.preamble.endswith("we put forward the following proposal:")
    assert ini.language == "en"


def test_2017_signatories_and_chinese_originals(seed_2017: Path) -> None:
    ini = parse_file(seed_2017)
    assert [s.code for s in ini.signatories] == ["CHN", "LAO", "SAU", "SRB", "THA", "TUR", "ARE"]
    zh = ini.translations["zh"]
    assert [t.number for t in zh] == ["3", "4", "8"]
    assert zh[0].text.startswith("促进电子商务合作。探索在跨境电子商务信用")
    assert zh[0].text.endswith("加强消费者权益保护合作。")
    assert zh[1].text.startswith("支持互联网创业创新。")
    assert zh[2].text.endswith("物联网、人工智能等领域的深度合作。")
    # each translation is linked by number to an English clause on the same subject
    assert ini.clause("3").heading == "Stimulate e-commerce cooperation."


def test_2017_web_page_noise_is_left_out_and_reported(seed_2017: Path) -> None:
    ini = parse_file(seed_2017)
    text = " ".join(c.text for c in ini.clauses) + ini.title
    dropped = " ".join(d.text for d in ini.dropped)
    for noise in ("Posted on", "Leave a Reply", "WordPress", "commenting", "Connecting to"):
        assert noise not in text
        assert noise in dropped
    reasons = {d.reason for d in ini.dropped}
    assert "signature block (read as signatories)" in reasons


def test_2023_initiative(seed_2023: Path) -> None:
    ini = parse_file(seed_2023)
    assert ini.title == (
        "Beijing Initiative on the Belt and Road International Digital Economy Cooperation"
    )
    assert len(ini.operative) == 20
    assert [c.number for c in ini.operative] == [str(n) for n in range(1, 21)]
    by_number = {c.number: c for c in ini.operative}
    assert by_number["1"].heading == "Strengthen digital interconnection to build digital silk road."
    assert by_number["16"].heading.startswith(
        "Attach importance to the significant role of artificial intelligence"
    )
    # a page break split clause 2 in mid-sentence: rejoined
    assert by_number["2"].text.endswith("promote high-quality development through digitalization.")
    assert "more inclusive, enabling, sustainable" in by_number["2"].text
    assert "Encourage MSMEs to utilize digital technologies" in by_number["9"].text
    # markdown bold and glued numbers are gone from headings and texts
    assert by_number["3"].heading == "Foster agricultural modernization."
    assert all("**" not in c.text and not c.text[0].isdigit() for c in ini.operative)
    assert "Republic of the Gambia" in ini.preamble and "the Republic" in ini.preamble
    assert "\n" not in ini.preamble  # the page break inside the preamble is rejoined too
    assert ini.translations == {}


def test_2023_signatories_named_in_the_preamble(seed_2023: Path) -> None:
    ini = parse_file(seed_2023)
    assert [s.code for s in ini.signatories] == [
        "CHN", "ARG", "KHM", "COM", "CUB", "ETH", "GMB", "KEN", "LAO", "MYS", "MMR", "PSE",
        "STP", "THA",
    ]
    names = {s.code: s.name for s in ini.signatories}
    assert names["PSE"] == "State of Palestine"


@pytest.mark.parametrize("prefix", ["000", "002", "004"])
def test_news_reports_parse_as_unnumbered_paragraphs(prefix: str) -> None:
    (path,) = NEWS.glob(f"{prefix}_*.txt")
    ini = parse_file(path)
    assert len(ini.clauses) >= 5
    assert all(not c.numbered and c.number.startswith("OP") for c in ini.clauses)


def test_bundled_copies_are_the_raw_seeds(seed_2017: Path, seed_2023: Path) -> None:
    for path in (seed_2017, seed_2023):
        assert hashlib.sha256(path.read_bytes()).hexdigest() == SEED_SHA256[path.name]


CLAUSES = ["Promote digital cooperation among the parties.",
           "Strengthen [capacity building][training] for officials.",
           "Encourage exchanges of experience and best practices."]


@pytest.mark.parametrize(
    "template",
    [
        "{n}. {t}",
        "{n}) {t}",
        "({n}) {t}",
        "Article {n}. {t}",
        "Article {n}\n{t}",
        "{n} {t}",
        "{n}.{t}",
        "**{n}.{t}**",
    ],
)
def test_numbering_styles(template: str) -> None:
    body = "\n\n".join(template.format(n=i + 1, t=t) for i, t in enumerate(CLAUSES))
    text = f"# Draft initiative on something\n\nThe parties, recalling their commitments,\n\n{body}\n"
    ini = parse_text(text)
    assert ini.title == "Draft initiative on something"
    assert [c.number for c in ini.operative] == ["1", "2", "3"]
    assert [c.text for c in ini.operative] == CLAUSES
    assert ini.preamble == "The parties, recalling their commitments,"


def test_bis_and_alt_clauses_and_sub_items_keep_their_labels() -> None:
    text = (
        "Draft resolution\n\n1. First clause.\n\n2. Second clause:\n(a) one thing;\n"
        "(b) another thing.\n\n2 bis. Inserted clause.\n\n2 Alt. Other wording.\n\n3. Last clause.\n"
    )
    ini = parse_text(text)
    assert [c.number for c in ini.operative] == ["1", "2", "2 bis", "2 Alt", "3"]
    assert ini.clause("2").text == "Second clause: (a) one thing; (b) another thing."


def test_numbers_inside_text_do_not_open_clauses() -> None:
    text = (
        "Title of the text\n\n1. Implement the 2030 Agenda.\n\n2. Deploy 5G and\n"
        "2030 Agenda targets remain.\n\n3. Third.\n"
    )
    ini = parse_text(text)
    assert [c.number for c in ini.operative] == ["1", "2", "3"]
    assert ini.clause("2").text == "Deploy 5G and 2030 Agenda targets remain."


def test_signed_for_government_lines() -> None:
    text = ("Joint statement\n\n1. One.\n\n2. Two.\n\nFor the Government of the Kingdom of "
            "Thailand:\n\nFor the Government of the Arab Republic of Egypt:\n")
    ini = parse_text(text)
    assert [s.code for s in ini.signatories] == ["THA", "EGY"]
    assert [c.text for c in ini.operative] == ["One.", "Two."]


def test_chinese_only_text() -> None:
    text = "数字经济合作倡议\n\n1.扩大宽带接入，提高宽带质量。\n\n2.促进数字化转型。3.促进电子商务合作。\n"
    ini = parse_text(text)
    assert ini.language == "zh"
    assert [c.number for c in ini.operative] == ["1", "2", "3"]
    assert ini.clause("1").heading == "扩大宽带接入，提高宽带质量。"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "gb18030"])
def test_encodings(tmp_path: Path, encoding: str) -> None:
    text = "倡议标题\n\n1.扩大宽带接入。\n\n2.促进数字化转型。\n"
    path = tmp_path / "text.txt"
    path.write_bytes(text.encode(encoding))
    assert [c.text for c in parse_file(path).operative] == ["扩大宽带接入。", "促进数字化转型。"]


def _write_docx(ini_path: Path, out: Path, *, list_numbering: bool) -> None:
    """A Word version of a parsed text, as another word processor might write it."""
    ini = parse_file(ini_path)
    document = docx.Document()
    document.add_heading(ini.title, level=0)
    for paragraph in ini.preamble.split("\n\n"):
        document.add_paragraph(paragraph)
    for clause in ini.operative:
        if list_numbering:
            document.add_paragraph(clause.text, style="List Number")
        else:
            document.add_paragraph(f"{clause.number}. {clause.text}")
    document.add_paragraph(
        "(Signed by " + ", ".join(s.name for s in ini.signatories[:-1])
        + f" and {ini.signatories[-1].name})" if ini.signatories else ""
    )
    document.save(out)


@pytest.mark.parametrize("list_numbering", [False, True])
def test_docx_parses_the_same_as_txt(tmp_path: Path, seed_2017: Path,
                                     list_numbering: bool) -> None:
    out = tmp_path / "proposal.docx"
    _write_docx(seed_2017, out, list_numbering=list_numbering)
    from_txt = parse_file(seed_2017)
    from_docx = parse_file(out)
    assert from_docx.title == from_txt.title
    assert from_docx.preamble == from_txt.preamble
    assert from_docx.clauses == from_txt.clauses
    assert [s.code for s in from_docx.signatories] == [s.code for s in from_txt.signatories]


def test_list_numbering_in_docx_is_written_out(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Draft text", style="Title")
    for text in ("First clause.", "Second clause."):
        document.add_paragraph(text, style="List Number")
    path = tmp_path / "numbered.docx"
    document.save(path)
    assert [(c.number, c.text) for c in parse_file(path).operative] == [
        ("1", "First clause."), ("2", "Second clause.")]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.txt", None, "no such file"),
        ("broken.docx", b"PK\x03\x04 this is not really a zip", "not a .docx"),
        ("random.docx", bytes(range(256)) * 4, "not a .docx"),
        ("picture.png", b"\x89PNG\r\n", "unsupported file type"),
        ("empty.txt", b"", "no text found"),
        ("blank.txt", b"\n\n   \n\t\n", "no text found"),
    ],
)
def test_bad_files_raise_one_line_errors(tmp_path: Path, name: str, content: bytes | None,
                                         message: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(DsrError, match=message) as info:
        parse_file(path)
    assert "\n" not in str(info.value)


def test_bulleted_paragraphs_in_docx_are_not_clauses(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Draft text", style="Title")
    document.add_paragraph("A bullet in the preamble", style="List Bullet")
    for text in ("First clause.", "Second clause."):
        document.add_paragraph(text, style="List Number")
    path = tmp_path / "bullets.docx"
    document.save(path)
    ini = parse_file(path)
    assert ini.preamble == "A bullet in the preamble"
    assert [c.text for c in ini.operative] == ["First clause.", "Second clause."]
