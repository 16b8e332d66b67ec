import zipfile
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from ooxml_views import body_paragraphs, document_root, paragraph_view

from dsrdraft.compare import compare_initiatives
from dsrdraft.export.redline import _split_ops, word_ops, write_redline_docx
from dsrdraft.model import Clause, Initiative, preambular_units

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def ini(id_, title, texts, numbers=None, preamble="Preamble text."):
    numbers = numbers or [str(i) for i in range(1, len(texts) + 1)]
    return Initiative(id_, title, "en",
                      (*preambular_units(preamble),
                       *(Clause(n, "", t) for n, t in zip(numbers, texts, strict=True))))


def _view(p, side):
    """Text of paragraph p with all changes accepted (side="new") or rejected ("old")."""
    return paragraph_view(p, side)


def resolved(path, side):
    """(style, text) of body paragraphs after accepting or rejecting every change; a paragraph
    whose mark is removed by that choice merges into the next one (Word's behaviour)."""
    paragraphs = body_paragraphs(document_root(path), side)
    assert paragraphs[-1][0] is not None or paragraphs[-1][1]  # nothing left dangling
    return paragraphs


def clause_lines(path, side):
    return [t for s, t in resolved(path, side) if s == "DSRClause"]


def expected_lines(initiative):
    return [f"{c.number}.\t{c.text}" for c in initiative.clauses
            if c.kind.value not in ("preambular", "formula", "closing")]


def check_roundtrip(old, new, comparison, path):
    write_redline_docx(old, new, comparison, path)
    assert clause_lines(path, "new") == expected_lines(new)
    assert clause_lines(path, "old") == expected_lines(old)
    preambles = {side: [t for s, t in resolved(path, side) if s == "DSRPreamble"]
                 for side in ("old", "new")}
    assert preambles == {"old": [c.text for c in old.preambular],
                         "new": [c.text for c in new.preambular]}
    titles = {side: [t for s, t in resolved(path, side) if s == "Title"] for side in ("old", "new")}
    assert titles == {"old": [old.title], "new": [new.title]}
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    revs = list(root.iter(f"{W}ins", f"{W}del", f"{W}moveFrom", f"{W}moveTo"))
    starts = list(root.iter(f"{W}moveFromRangeStart", f"{W}moveToRangeStart"))
    ids = [r.get(f"{W}id") for r in [*revs, *starts]]
    assert len(ids) == len(set(ids))
    assert all(r.get(f"{W}author") and r.get(f"{W}date") for r in [*revs, *starts])
    # every range is closed, and each move's two ranges share a name no other move has
    for kind in ("moveFrom", "moveTo"):
        opened = {r.get(f"{W}id") for r in root.iter(f"{W}{kind}RangeStart")}
        closed = {r.get(f"{W}id") for r in root.iter(f"{W}{kind}RangeEnd")}
        assert opened == closed
    names_from = [r.get(f"{W}name") for r in root.iter(f"{W}moveFromRangeStart")]
    names_to = [r.get(f"{W}name") for r in root.iter(f"{W}moveToRangeStart")]
    assert sorted(names_from) == sorted(names_to) and len(set(names_from)) == len(names_from)
    return root


OLD = ["Expand broadband access and quality.",
       "Stimulate e-commerce cooperation among the parties.",
       "Support digital transformation of traditional industries.",
       "Promote cybersecurity cooperation. Share information on threats.",
       "A clause that will be removed entirely.",
       "First half of a merged clause.",
       "Second half of a merged clause."]
NEW = ["Expand affordable broadband access and quality.",
       "A brand new clause on digital skills.",
       "Support digital transformation of traditional industries.",
       "Stimulate e-commerce cooperation among all parties.",
       "Promote cybersecurity cooperation.",
       "Share information on threats.",
       "First half of a merged clause, and its second half."]


def test_roundtrip_with_the_compare_engine(tmp_path):
    old, new = ini("old", "Old title", OLD), ini("new", "New title", NEW)
    comparison = compare_initiatives(old, new)
    kinds = {p.kind for p in comparison.pairs}
    assert {"changed", "added", "removed"} <= kinds
    check_roundtrip(old, new, comparison, tmp_path / "r.docx")


def pair(old, new, kind, moved=False):
    return SimpleNamespace(old=tuple(old), new=tuple(new), kind=kind, moved=moved, diff=())


@pytest.mark.parametrize(
    ("pairs", "old_texts", "new_texts"),
    [
        # split 1 -> 2 and merge 2 -> 1
        ([pair([0], [0, 1], "split"), pair([1, 2], [2], "merged")],
         ["One. Two.", "Three", "four."], ["One.", "Two.", "Three four!"]),
        # a moved clause, an added and a removed one
        ([pair([1], [0], "unchanged", moved=True), pair([0], [1], "changed"),
          pair([], [2], "added"), pair([2], [], "removed")],
         ["Alpha clause.", "Beta clause.", "Gamma clause."],
         ["Beta clause.", "Alpha clause changed.", "Delta clause."]),
        # Chinese and Arabic text changed
        ([pair([0], [0], "changed"), pair([1], [1], "changed")],
         ["加强数字基础设施互联互通。", "تعزيز التعاون الرقمي."],
         ["加强数字基础设施建设。", "تعزيز التعاون في الاقتصاد الرقمي."]),
    ],
)
def test_roundtrip_split_merge_move(tmp_path, pairs, old_texts, new_texts):
    # no preamble: the pairs below index the clauses
    old = ini("o", "T", old_texts, preamble="")
    new = ini("n", "T2", new_texts, numbers=[f"{i} bis" if i == 2 else str(i)
                                             for i in range(1, len(new_texts) + 1)], preamble="")
    check_roundtrip(old, new, SimpleNamespace(pairs=pairs), tmp_path / "r.docx")


def test_whole_clause_revisions_mark_the_paragraph(tmp_path):
    old = ini("o", "T", ["Keep.", "Drop me."], preamble="")
    new = ini("n", "T", ["Keep.", "Add me."], preamble="")
    comparison = SimpleNamespace(pairs=[pair([0], [0], "unchanged"), pair([1], [], "removed"),
                                        pair([], [1], "added")])
    root = check_roundtrip(old, new, comparison, tmp_path / "r.docx")
    marks = [p.find(f"{W}pPr/{W}rPr") for p in root.iter(f"{W}p")]
    kinds = [m[0].tag.split("}")[1] for m in marks if m is not None and len(m)]
    assert kinds == ["del", "ins"]
    deleted = [el.text for el in root.iter(f"{W}delText")]
    assert "Drop me." in deleted


@pytest.mark.parametrize(("old", "new"), [("a b c", "a x c"), ("", "new"), ("old", ""),
                                          ("same", "same"), ("数字经济", "数字丝路经济")])
def test_word_ops_rebuild_both_sides(old, new):
    ops = word_ops(old, new)
    assert "".join(t for o, t in ops if o != "+") == old
    assert "".join(t for o, t in ops if o != "-") == new


def test_split_ops_cuts_at_the_separator():
    ops = word_ops("One. Two.", "One. Two!")
    chunks = _split_ops(ops, [4, 4], "new")
    assert ["".join(t for o, t in c if o != "-") for c in chunks] == ["One.", "Two!"]
    assert "".join(t for c in chunks for o, t in c if o != "+") == "One. Two."


def signature_rows(path, side):
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    gone = f"{W}del" if side == "new" else f"{W}ins"
    rows = []
    for tr in list(root.iter(f"{W}tr"))[1:]:
        if tr.find(f"{W}trPr/{gone}") is None:
            rows.append(_view(tr.find(f"{W}tc/{W}p"), side))
    return rows


def test_signatories_tracked_as_rows(tmp_path):
    from dsrdraft.model import Signatory

    old = ini("o", "T", ["Same."])
    new = ini("n", "T", ["Same."])
    old = old.__class__(**{**{f: getattr(old, f) for f in old.__slots__},
                           "signatories": (Signatory("CHN", "China"), Signatory("LAO", "Laos"))})
    new = new.__class__(**{**{f: getattr(new, f) for f in new.__slots__},
                           "signatories": (Signatory("CHN", "China"), Signatory("THA", "T"))})
    root = check_roundtrip(old, new, compare_initiatives(old, new), tmp_path / "s.docx")
    assert signature_rows(tmp_path / "s.docx", "new") == ["China", "Thailand"]
    assert signature_rows(tmp_path / "s.docx", "old") == ["China", "Laos"]
    assert root.find(f".//{W}trPr/{W}ins") is not None


def test_seed_redline_2017_against_2023(tmp_path):
    from dsrdraft.store import open_library

    library = open_library(f"sqlite:///{tmp_path / 'lib.sqlite'}")
    old = library.get("obor-digital-economy-2017")
    new = library.get("beijing-initiative-2023")
    library.close()
    check_roundtrip(old, new, compare_initiatives(old, new), tmp_path / "seed.docx")


words = st.sampled_from(["digital", "economy", "shall", "promote", "cooperation", "the",
                         "States", "数字", "[open]", "تعاون"])
clause = st.lists(words, min_size=1, max_size=8).map(" ".join)


@given(st.lists(clause, max_size=6), st.lists(clause, max_size=6))
@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_roundtrip_property(tmp_path, old_texts, new_texts):
    old, new = ini("o", "Old", old_texts), ini("n", "New", new_texts)
    check_roundtrip(old, new, compare_initiatives(old, new), tmp_path / "p.docx")


STYLE_NAMES = {"Title": "Title", "DSRPreamble": "DSR Preamble", "DSRDivision": "DSR Division",
               "DSRClause": "DSR Clause"}


@pytest.mark.parametrize("case", ["moves", "treaty"])
def test_structured_redline_reads_both_texts(tmp_path, case):
    """Headings, moves between Articles, renumbered Articles and the reviewer's two moves, read
    on the XML with every change accepted and rejected (tests/test_redline_libreoffice.py
    reads the same files in LibreOffice)."""
    from redline_cases import expected, moved_draft, seeds, treaty

    if case == "moves":
        old = seeds()[0]
        new = moved_draft(old).to_initiative()
    else:
        old, new = treaty(1), treaty(2)
    path = tmp_path / "r.docx"
    write_redline_docx(old, new, compare_initiatives(old, new), path)
    for side, text in (("new", new), ("old", old)):
        got = [[STYLE_NAMES[s], t] for s, t in resolved(path, side) if s in STYLE_NAMES]
        assert got == expected(text)


def test_the_reader_takes_a_redline_with_moves_as_the_new_text(tmp_path):
    """The one OOXML reader (importer, verify) skips moved-from text and the paragraph marks
    of moved-away paragraphs once: a redline reads as the new text."""
    from redline_cases import moved_draft, seeds

    from dsrdraft.parsing import parse_file

    old = seeds()[0]
    new = moved_draft(old).to_initiative()
    path = tmp_path / "m.docx"
    write_redline_docx(old, new, compare_initiatives(old, new), path)
    back = parse_file(path)
    assert [(c.number, c.text) for c in back.clauses][:len(new.clauses)] == \
        [(c.number, c.text) for c in new.clauses]


def test_renumbered_labels_are_small_changes(tmp_path):
    """Article 3 became Article 4 (a new Article 3 came before it): its heading and its
    paragraph's label "3.1." -> "4.1." change by the number only."""
    from redline_cases import treaty

    old, new = treaty(1), treaty(2)
    path = tmp_path / "t.docx"
    write_redline_docx(old, new, compare_initiatives(old, new), path)
    root = document_root(path)
    trust = [p for p in root.iter(f"{W}p") if "Build confidence" in "".join(
        t.text or "" for t in p.iter(f"{W}t"))]
    assert len(trust) == 1
    changed = [(el.tag.split("}")[1], "".join(t.text or "" for t in el.iter(f"{W}t",
                                                                           f"{W}delText")))
               for el in trust[0] if el.tag in (f"{W}ins", f"{W}del")]
    assert changed == [("del", "3"), ("ins", "4")]


sentences = st.sampled_from([
    "Expand broadband access and quality.", "Stimulate e-commerce cooperation.",
    "Support digital skills for all.", "Promote inter-city cooperation.",
    "Build confidence and trust online.", "Share best practices on data.",
    "Govern artificial intelligence together.", "Bridge the digital divide."])
articles = st.lists(st.tuples(st.sampled_from(["Scope", "Skills", "Trust", ""]),
                              st.lists(sentences, min_size=0, max_size=3)),
                    min_size=0, max_size=4)


@given(articles, articles, st.lists(sentences, max_size=2), st.lists(sentences, max_size=2))
@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_structured_roundtrip_property(tmp_path, old_parts, new_parts, old_pre, new_pre):
    """Any two texts with Articles and preambles: every item in exactly one pair, diffs that
    rebuild both sides, and a redline whose accept-all / reject-all read the two texts."""
    from redline_cases import expected, structured

    from dsrdraft.compare import items_of, rebuild

    old, new = structured("o", old_parts, old_pre), structured("n", new_parts, new_pre)
    comparison = compare_initiatives(old, new)
    olds = sorted(i for p in comparison.pairs for i in p.old)
    news = sorted(j for p in comparison.pairs for j in p.new)
    assert olds == list(range(len(items_of(old)))) and news == list(range(len(items_of(new))))
    for p in comparison.pairs:
        assert rebuild(p.diff, "-") == "\n".join(comparison.old_items[i].text for i in p.old)
        assert rebuild(p.diff, "+") == "\n".join(comparison.new_items[j].text for j in p.new)
    path = tmp_path / "s.docx"
    write_redline_docx(old, new, comparison, path)
    for side, text in (("new", new), ("old", old)):
        got = [[STYLE_NAMES[s], t] for s, t in resolved(path, side) if s in STYLE_NAMES]
        assert got == expected(text)


def test_control_characters_are_dropped_from_a_redline_and_nothing_else(tmp_path):
    """The redline's boundary (scrub_for_xml) cleans every string of both texts and the
    comparison; a clean value comes back as the very same object."""
    from dsrdraft.textnorm import scrub_for_xml

    old = ini("a", "Old\x0b title", ["Member States shall\x07 cooperate.", "Keep this."])
    new = ini("b", "New title", ["Member States shall cooperate closely.\x00", "Keep this."],
              preamble="Preamble\x1f text.")
    comparison = compare_initiatives(old, new)
    clean = ini("c", "Clean", ["Nothing to drop."])
    assert scrub_for_xml(clean) is clean
    assert scrub_for_xml((clean, [clean], {"k": clean})) == (clean, [clean], {"k": clean})
    scrubbed = scrub_for_xml(old)
    assert scrubbed.title == "Old title" and scrubbed.clauses[-1] is old.clauses[-1]
    assert [c.text for c in scrubbed.clauses][1:] == ["Member States shall cooperate.",
                                                      "Keep this."]
    out = tmp_path / "r.docx"
    write_redline_docx(old, new, comparison, out)
    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    assert not any(ch in xml for ch in "\x00\x07\x0b\x1f")
    assert clause_lines(out, "new") == ["1.\tMember States shall cooperate closely.",
                                       "2.\tKeep this."]
    assert clause_lines(out, "old") == ["1.\tMember States shall cooperate.", "2.\tKeep this."]
