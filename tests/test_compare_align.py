"""Clause alignment on synthetic documents: moves, splits, merges, edits, empties, Chinese."""

from __future__ import annotations

import pytest

from dsrdraft.compare import Comparison, compare_initiatives, compare_texts, rebuild
from dsrdraft.model import Clause, Initiative

CLAUSES = [
    "Expand broadband access and raise broadband quality. Build regional telecommunications, "
    "Internet and satellite navigation infrastructure at an affordable price.",
    "Stimulate e-commerce cooperation. Explore information sharing and mutual recognition for "
    "cross-border e-commerce credit, customs clearance, inspection and quarantine.",
    "Support Internet start-ups and innovation through beneficial and transparent legal "
    "frameworks, and use the Internet to stimulate innovation in products and services.",
    "Strengthen digital skills training. Launch on-the-job training for employees and "
    "encourage universities and research bodies to run training programmes.",
    "Promote inter-city cooperation. Support twinning between cities and explore Digital Silk "
    "Road economic cooperation demonstration areas.",
    "Strengthen confidence and trust. Encourage secure information infrastructure, protect "
    "privacy and personal data, and jointly combat cybercrime.",
]


def kinds(result: Comparison) -> list[tuple[tuple[int, ...], tuple[int, ...], str, bool]]:
    return [(p.old, p.new, p.kind, p.moved) for p in result.pairs]


def check_reconstruction(result: Comparison, old: list[str], new: list[str]) -> None:
    for p in result.pairs:
        assert rebuild(p.diff, "-") == "\n".join(old[i] for i in p.old)
        assert rebuild(p.diff, "+") == "\n".join(new[j] for j in p.new)
        assert 0.0 <= p.similarity <= 1.0


def test_identical() -> None:
    result = compare_texts(CLAUSES, CLAUSES)
    assert kinds(result) == [((i,), (i,), "unchanged", False) for i in range(len(CLAUSES))]
    assert result.summary == {"unchanged": 6, "changed": 0, "split": 0, "merged": 0,
                              "added": 0, "removed": 0, "moved": 0}
    assert all(p.similarity == 1.0 for p in result.pairs)


def test_whitespace_only_change_is_unchanged() -> None:
    new = [c.replace(". ", ".  ") for c in CLAUSES]
    result = compare_texts(CLAUSES, new)
    assert {p.kind for p in result.pairs} == {"unchanged"}
    check_reconstruction(result, CLAUSES, new)


def test_one_word_changed() -> None:
    new = list(CLAUSES)
    new[3] = new[3].replace("encourage", "require")
    result = compare_texts(CLAUSES, new)
    pair = result.pairs[3]
    assert (pair.old, pair.new, pair.kind, pair.moved) == ((3,), (3,), "changed", False)
    assert [d for d in pair.diff if d[0] != "="] == [("-", "encourage"), ("+", "require")]
    assert 0.8 < pair.similarity < 1.0
    assert result.summary["changed"] == 1 and result.summary["unchanged"] == 5


def test_shuffled_clauses_are_moved_not_renumbered() -> None:
    order = [0, 4, 1, 2, 3, 5]  # clause 4 moved up to second place
    new = [CLAUSES[i] for i in order]
    result = compare_texts(CLAUSES, new)
    assert kinds(result) == [
        ((0,), (0,), "unchanged", False),
        ((4,), (1,), "unchanged", True),
        ((1,), (2,), "unchanged", False),
        ((2,), (3,), "unchanged", False),
        ((3,), (4,), "unchanged", False),
        ((5,), (5,), "unchanged", False),
    ]
    assert result.summary["moved"] == 1


def test_reversed_edited_clauses_still_align_by_content() -> None:
    new = [c.replace("and", "as well as") for c in reversed(CLAUSES)]
    result = compare_texts(CLAUSES, new)
    assert [(p.old, p.new) for p in result.pairs] == [((5 - j,), (j,)) for j in range(6)]
    assert {p.kind for p in result.pairs} == {"changed"}
    assert result.summary["moved"] == 5  # the longest increasing run has length 1
    check_reconstruction(result, CLAUSES, new)


def test_clause_split_in_two() -> None:
    first, second = CLAUSES[1].split(". ", 1)
    new = [CLAUSES[0], first + ".", second, *CLAUSES[2:]]
    result = compare_texts(CLAUSES, new)
    assert kinds(result)[:3] == [
        ((0,), (0,), "unchanged", False),
        ((1,), (1, 2), "split", False),
        ((2,), (3,), "unchanged", False),
    ]
    assert result.summary["split"] == 1 and result.summary["added"] == 0
    check_reconstruction(result, CLAUSES, new)


def test_two_clauses_merged() -> None:
    new = [CLAUSES[0], CLAUSES[1] + " " + CLAUSES[2], *CLAUSES[3:]]
    result = compare_texts(CLAUSES, new)
    assert kinds(result)[:3] == [
        ((0,), (0,), "unchanged", False),
        ((1, 2), (1,), "merged", False),
        ((3,), (2,), "unchanged", False),
    ]
    assert result.summary["merged"] == 1 and result.summary["removed"] == 0
    check_reconstruction(result, CLAUSES, new)


def test_added_and_removed_clauses_in_display_order() -> None:
    added = "Coordinate digital transformation and green transformation for low-carbon growth."
    new = [CLAUSES[0], CLAUSES[1], added, CLAUSES[3], CLAUSES[4], CLAUSES[5]]  # 2 removed
    result = compare_texts(CLAUSES, new)
    assert kinds(result) == [
        ((0,), (0,), "unchanged", False),
        ((1,), (1,), "unchanged", False),
        ((2,), (), "removed", False),  # after its nearest old predecessor (old 1)
        ((), (2,), "added", False),
        ((3,), (3,), "unchanged", False),
        ((4,), (4,), "unchanged", False),
        ((5,), (5,), "unchanged", False),
    ]


def test_removed_first_clause_is_shown_first() -> None:
    result = compare_texts(CLAUSES, CLAUSES[1:])
    assert kinds(result)[0] == ((0,), (), "removed", False)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ([], [], []),
        (["Only clause."], [], [((0,), (), "removed", False)]),
        ([], ["Only clause."], [((), (0,), "added", False)]),
        ([""], [""], [((0,), (0,), "unchanged", False)]),
        (["", "Text."], ["Text."], [((0,), (), "removed", False),
                                    ((1,), (0,), "unchanged", False)]),
    ],
)
def test_empty_documents_and_texts(old: list[str], new: list[str], expected: list) -> None:
    result = compare_texts(old, new)
    assert kinds(result) == expected
    check_reconstruction(result, old, new)


def test_chinese_compares_by_character() -> None:
    old = ["加强数字基础设施互联互通，提升宽带质量。", "促进电子商务合作，加强消费者权益保护。",
           "鼓励城市间数字经济合作。"]
    new = ["推动电子商务合作，加强消费者权益保护。", "加强数字基础设施互联互通，提高宽带质量。",
           "鼓励城市间数字经济合作。"]
    result = compare_texts(old, new)
    assert [(p.old, p.new, p.kind) for p in result.pairs] == [
        ((1,), (0,), "changed"), ((0,), (1,), "changed"), ((2,), (2,), "unchanged")]
    assert [d for d in result.pairs[0].diff if d[0] != "="] == [("-", "促进"), ("+", "推动")]
    assert [d for d in result.pairs[1].diff if d[0] != "="] == [("-", "升"), ("+", "高")]
    assert result.summary["moved"] == 1
    check_reconstruction(result, old, new)


def test_unrelated_texts_are_added_and_removed() -> None:
    new = ["Attach importance to artificial intelligence governance with broad consensus."]
    result = compare_texts(CLAUSES[:2], new)
    assert sorted(p.kind for p in result.pairs) == ["added", "removed", "removed"]


def test_compare_initiatives_json_uses_clause_numbers() -> None:
    def initiative(numbers: list[str], texts: list[str]) -> Initiative:
        return Initiative(id="x", title="t", language="en",
                          clauses=tuple(Clause(n, "", t) for n, t in zip(numbers, texts,
                                                                          strict=True)))

    old = initiative(["1", "2", "3"], CLAUSES[:3])
    new = initiative(["1", "1 bis", "2"], [CLAUSES[0], CLAUSES[2], CLAUSES[1] + " Also more."])
    data = compare_initiatives(old, new).to_json()
    assert [(p["old"], p["new"], p["kind"], p["moved"]) for p in data["pairs"]] == [
        (["1"], ["1"], "unchanged", False),
        (["3"], ["1 bis"], "unchanged", True),  # one LIS is old 1, 2: old 3 moved up
        (["2"], ["2"], "changed", False),
    ]
    assert data["summary"]["moved"] == 1
    assert all(op in "=-+" for p in data["pairs"] for op, _ in p["diff"])
    assert compare_texts(CLAUSES[:1], CLAUSES[:1]).to_json()["pairs"][0]["old"] == ["1"]
