"""Compare on structured texts: kinds, division headings, moves between Articles, pins, and
texts in two languages (aligned by structure)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dsrdraft.compare import PinError, compare_initiatives, rebuild
from dsrdraft.model import Clause, Division, DivisionKind, Initiative, UnitKind
from dsrdraft.parsing import parse_file

REAL = Path(__file__).resolve().parent / "corpus" / "real"
LIBRARY = Path(__file__).resolve().parents[1] / "resources" / "library"

BROADBAND = "Expand broadband access and raise broadband quality across the region."
TRADE = "Stimulate e-commerce cooperation and explore mutual recognition of customs data."
SKILLS = "Strengthen digital skills training for employees and support universities."
CITIES = "Promote inter-city cooperation and twinning between smart cities."
TRUST = "Strengthen confidence and trust, protect privacy and combat cybercrime jointly."
STANDARDS = "Further international standardisation cooperation on digital technologies."


def treaty(articles: list[tuple[str, str, list[str]]], preamble: list[str] = (),
           id_: str = "t", language: str = "en") -> Initiative:
    """A text with preambular paragraphs and Articles whose paragraphs restart at 1."""
    units = [Clause(f"PP{k}", "", t, language, UnitKind.PREAMBULAR, numbered=False)
             for k, t in enumerate(preamble, 1)]
    divisions = []
    for label, heading, paragraphs in articles:
        number = label.split()[-1]
        divisions.append(Division(DivisionKind.ARTICLE, label, heading, label, len(units)))
        units += [Clause(f"{number}.{k}", "", t, language, path=(label,))
                  for k, t in enumerate(paragraphs, 1)]
    return Initiative(id_, "A treaty", language, tuple(units), divisions=tuple(divisions))


def rows(initiative_old: Initiative, initiative_new: Initiative, **kw) -> list[tuple]:
    data = compare_initiatives(initiative_old, initiative_new, **kw).to_json()
    return [(p["old"], p["new"], p["kind"], p["moved"]) for p in data["pairs"]]


def test_headings_pair_and_carry_their_address() -> None:
    old = treaty([("Article 1", "Scope", [BROADBAND, TRADE]), ("Article 2", "Skills", [SKILLS])])
    new = treaty([("Article 1", "Scope", [BROADBAND, TRADE]),
                  ("Article 2", "Skills and training", [SKILLS])])
    data = compare_initiatives(old, new).to_json()
    headings = [(p["old"], p["new"], p["kind"]) for p in data["pairs"] if p["unit"] == "heading"]
    assert headings == [(["Article 1"], ["Article 1"], "unchanged"),
                        (["Article 2"], ["Article 2"], "changed")]
    changed = next(p for p in data["pairs"] if p["old"] == ["Article 2"])
    assert [d for d in changed["diff"] if d[0] != "="] == [["+", " and training"]]


def test_renumbered_article_pairs_by_what_it_holds() -> None:
    """An Article inserted at the front renumbers the others: each heading still pairs with
    the one holding its paragraphs, as a small change of its number."""
    old = treaty([("Article 1", "Scope", [BROADBAND, TRADE]), ("Article 2", "Skills", [SKILLS])])
    new = treaty([("Article 1", "Trust", [TRUST]), ("Article 2", "Scope", [BROADBAND, TRADE]),
                  ("Article 3", "Skills", [SKILLS])])
    got = rows(old, new)
    assert (["Article 1"], ["Article 2"], "changed", False) in got
    assert (["Article 2"], ["Article 3"], "changed", False) in got
    assert ([], ["Article 1"], "added", False) in got
    assert (["1.1"], ["2.1"], "unchanged", False) in got
    assert (["2.1"], ["3.1"], "unchanged", False) in got


def test_a_paragraph_moved_to_another_article_is_a_move_with_its_word_diff() -> None:
    old = treaty([("Article 1", "Scope", [BROADBAND, TRADE]),
                  ("Article 2", "Skills", [SKILLS, CITIES])])
    edited = TRADE.replace("explore", "promote")
    new = treaty([("Article 1", "Scope", [BROADBAND]),
                  ("Article 2", "Skills", [edited, SKILLS, CITIES])])
    result = compare_initiatives(old, new)
    pair = next(p for p in result.pairs if result.old_numbers[p.old[0]] == "1.2")
    assert result.new_numbers[pair.new[0]] == "2.1"
    assert (pair.kind, pair.moved) == ("changed", True)
    assert [d for d in pair.diff if d[0] != "="] == [("-", "explore"), ("+", "promote")]
    others = [p for p in result.pairs if p is not pair]
    assert not any(p.moved for p in others)


def test_preambular_paragraphs_pair_with_preambular_ones() -> None:
    """A preambular paragraph whose words an operative paragraph repeats still pairs with the
    preambular paragraph it became."""
    recalling = "Recalling the importance of digital cooperation and of trust."
    old = treaty([("Article 1", "", [BROADBAND])], preamble=[recalling])
    new = treaty([("Article 1", "", [BROADBAND, recalling])],
                 preamble=[recalling.replace("trust", "mutual trust")])
    got = rows(old, new)
    assert (["PP1"], ["PP1"], "changed", False) in got
    assert ([], ["1.2"], "added", False) in got


def test_seed_pair_preamble_is_compared() -> None:
    old = parse_file(LIBRARY / "obor-digital-economy-2017.txt")
    new = parse_file(LIBRARY / "beijing-initiative-2023.md")
    pair = compare_initiatives(old, new).pairs[0]
    assert (pair.kind, pair.old, pair.new) == ("changed", (0,), (0,))
    assert rebuild(pair.diff, "-") == old.clauses[0].text


# ---------------------------------------------------------------- pins

def flat(texts: list[str], id_: str = "f") -> Initiative:
    return Initiative(id_, "Flat", "en", tuple(Clause(str(k), "", t)
                                              for k, t in enumerate(texts, 1)))


def test_a_pin_fixes_a_pair_and_the_rest_realigns_around_it() -> None:
    old = flat([BROADBAND, TRADE, SKILLS, CITIES])
    new = flat([BROADBAND, TRADE.replace("customs", "trade"), SKILLS, CITIES])
    assert (["2"], ["2"], "changed", False) in rows(old, new)
    # the user says new 2 continues old 3 (say the texts were renumbered by hand)
    result = compare_initiatives(old, new, pins=[("3", "2")])
    data = result.to_json()
    pinned = [p for p in data["pairs"] if p.get("pinned")]
    assert [(p["old"], p["new"]) for p in pinned] == [(["3"], ["2"])]
    got = [(p["old"], p["new"], p["kind"]) for p in data["pairs"]]
    # old 2 has lost its partner; new 3 (identical to old 3) is no longer old 3's
    assert (["2"], [], "removed") in got
    assert ([], ["3"], "added") in got
    assert (["1"], ["1"], "unchanged") in got and (["4"], ["4"], "unchanged") in got


def test_pins_cut_the_text_into_segments() -> None:
    """Two equally good partners: the one on the same side of the pin wins (Meld's sync
    points), where without the pin document order decides (and makes a move)."""
    old = flat([TRUST, BROADBAND, TRUST])
    new = flat([BROADBAND.replace("region", "continent"), TRUST.replace("jointly", "together")])
    unpinned = rows(old, new)
    assert (["1"], ["2"], "changed") in [r[:3] for r in unpinned]
    assert any(r[3] for r in unpinned)  # the pairs cross: one of them is a move
    got = rows(old, new, pins=[("2", "1")])
    assert got == [(["1"], [], "removed", False), (["2"], ["1"], "changed", False),
                   (["3"], ["2"], "changed", False)]


def test_pin_citations_and_errors() -> None:
    old, new = flat([BROADBAND, TRADE]), flat([TRADE, BROADBAND])
    by_citation = compare_initiatives(old, new, pins=[("OP1", "OP2")])
    assert any(p.pinned for p in by_citation.pairs)
    with pytest.raises(PinError, match="the old text has no unit or heading '9'"):
        compare_initiatives(old, new, pins=[("9", "1")])
    with pytest.raises(PinError, match="pinned twice"):
        compare_initiatives(old, new, pins=[("1", "1"), ("1", "2")])


def test_changed_pairs_never_show_full_similarity() -> None:
    old = flat(["We promote trade, and trust."])
    new = flat(["We promote trade and trust."])  # same content words, a comma less
    (pair,) = compare_initiatives(old, new).pairs
    assert pair.kind == "changed" and pair.similarity <= 0.99


# ---------------------------------------------------------------- across languages

def paragraphs(text: str, language: str, id_: str) -> Initiative:
    """Each non-empty line a unit, "### Article I" lines headings: the corpus texts'
    own structure, so that what is tested is the aligner, not the importer."""
    units: list[Clause] = []
    divisions: list[Division] = []
    for line in (x.strip() for x in text.splitlines()):
        if line.startswith("###"):
            label = " ".join(line.strip("# ").split())
            divisions.append(Division(DivisionKind.ARTICLE, label, "", label, len(units)))
        elif line:
            units.append(Clause(f"OP{len(units) + 1}", "", line, language, numbered=False))
    return Initiative(id_, id_, language, tuple(units), divisions=tuple(divisions))


def test_french_and_dutch_texts_align_item_by_item() -> None:
    lines = (REAL / "fr-accord-culturel-pays-bas-tunisie-1964.md").read_text().splitlines()
    fr = paragraphs("\n".join(lines[6:49]), "fr", "fr")  # after the title: preamble, I-VII
    nl = paragraphs("\n".join(lines[52:]), "nl", "nl")
    result = compare_initiatives(fr, nl)
    assert result.aligned_by == "structure"
    pairs = [(p.old, p.new, p.kind) for p in result.pairs]
    assert len(fr.clauses) == len(nl.clauses) == 15
    assert pairs == [((i,), (i,), "changed") for i in range(len(result.old_items))]
    heading = next(p for p in result.pairs if result.old_numbers[p.old[0]] == "Article IV")
    assert result.new_numbers[heading.new[0]] == "Artikel IV"
    assert all(0 < p.similarity < 1 for p in result.pairs)


def test_chinese_and_english_texts_align_item_by_item() -> None:
    """The data-flow initiative's English translation stops after six of the ten "——" items:
    the Chinese paragraphs after that have no counterpart."""
    text = (REAL / "zh-en-initiative-cross-border-data-flow-2024-wechat.md").read_text()
    start, cut = text.index("伴随数字技术"), text.index("**Global Cross-border")
    zh = paragraphs(text[start:text.index("![](", cut - 300)], "zh", "zh")
    en = paragraphs(text[text.index("As digital technologies"):], "en", "en")
    assert (len(zh.clauses), len(en.clauses)) == (16, 10)
    result = compare_initiatives(zh, en)
    assert result.summary["removed"] == 6 and result.aligned_by == "structure"
    assert [(p.old, p.new) for p in result.pairs if p.new] == [((k,), (k,)) for k in range(10)]
    assert [p.old for p in result.pairs if not p.new] == [(k,) for k in range(10, 16)]
    data = result.to_json()
    assert data["summary"]["aligned_by"] == "structure"
    first = data["pairs"][0]["diff"]
    assert [op for op, _ in first] == ["-", "+"]  # no word overlap across languages


def test_seed_chinese_clauses_pair_with_their_english_by_number() -> None:
    english = parse_file(LIBRARY / "obor-digital-economy-2017.txt")
    chinese = Initiative("zh", english.title, "zh", tuple(
        Clause(t.number, "", t.text, "zh") for t in english.translations["zh"]))
    data = compare_initiatives(english, chinese).to_json()
    assert data["summary"]["aligned_by"] == "structure"
    assert [(p["old"], p["new"]) for p in data["pairs"] if p["new"]] == [
        (["3"], ["3"]), (["4"], ["4"]), (["8"], ["8"])]


def test_versions_in_one_language_stay_aligned_by_text() -> None:
    news = parse_file(Path(__file__).resolve().parent / "corpus" / "news"
                      / "000_b852518f2faac651.txt")
    new = parse_file(LIBRARY / "beijing-initiative-2023.md")
    assert compare_initiatives(news, new).aligned_by == "text"
