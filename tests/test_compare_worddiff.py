"""Word-level diff: tokens, phrase cleanup, exact reconstruction of both sides."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dsrdraft.compare import rebuild, tokenize, word_diff
from dsrdraft.compare.worddiff import ISLAND_MAX_WORDS


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("", []),
        ("Build trust.", ["Build", " ", "trust", "."]),
        ("1.Strengthen  it", ["1", ".", "Strengthen", "  ", "it"]),
        ("数字丝绸之路", ["数", "字", "丝", "绸", "之", "路"]),
        ("促进合作，共赢", ["促", "进", "合", "作", "，", "共", "赢"]),
        ("5G 网络", ["5G", " ", "网", "络"]),
    ],
)
def test_tokenize(text: str, tokens: list[str]) -> None:
    assert tokenize(text) == tokens
    assert "".join(tokenize(text)) == text


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("", "", []),
        ("", "New clause.", [("+", "New clause.")]),
        ("Old clause.", "", [("-", "Old clause.")]),
        ("Same text.", "Same text.", [("=", "Same text.")]),
        ("We shall promote trade.", "We should promote trade.",
         [("=", "We "), ("-", "shall"), ("+", "should"), ("=", " promote trade.")]),
        ("促进数字经济合作", "加强数字经济合作",
         [("-", "促进"), ("+", "加强"), ("=", "数字经济合作")]),
    ],
)
def test_word_diff_table(a: str, b: str, expected: list[tuple[str, str]]) -> None:
    assert word_diff(a, b) == expected


def test_small_equal_islands_are_folded_into_the_change() -> None:
    # "the" between two changes would leave -Strengthen +Promote = the - feasibility ...
    diff = word_diff(
        "Strengthen the feasibility of online transactions.",
        "Promote the availability of online transactions.",
    )
    assert diff == [
        ("-", "Strengthen the feasibility"),
        ("+", "Promote the availability"),
        ("=", " of online transactions."),
    ]


def test_no_short_equal_island_between_changes() -> None:
    a = "alpha beta gamma delta epsilon zeta eta theta iota kappa"
    b = "ALPHA beta GAMMA delta epsilon ZETA eta theta iota KAPPA"
    diff = word_diff(a, b)
    for k in range(1, len(diff) - 1):
        op, text = diff[k]
        if op == "=" and diff[k - 1][0] != "=" and diff[k + 1][0] != "=":
            assert len(text.split()) > ISLAND_MAX_WORDS, diff
    assert rebuild(diff, "-") == a and rebuild(diff, "+") == b


def test_minus_precedes_plus_and_ops_alternate() -> None:
    diff = word_diff("a b c d e f g h", "a X c d e f Y h")
    for (op1, _), (op2, _) in pairwise(diff):
        assert op1 != op2
        assert (op1, op2) != ("+", "-")


words = st.sampled_from(["digital", "economy", "the", "and", "shall", "trust", ",", ".", " ",
                         "  ", "\n", "数字", "经济", "合作", "，", "1.", "e-commerce"])
texts = st.lists(words, max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(texts, texts)
def test_reconstruction_property(a: str, b: str) -> None:
    diff = word_diff(a, b)
    assert rebuild(diff, "-") == a
    assert rebuild(diff, "+") == b
    assert all(op in "=-+" and text for op, text in diff)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60), st.text(max_size=60))
def test_reconstruction_any_unicode(a: str, b: str) -> None:
    diff = word_diff(a, b)
    assert rebuild(diff, "-") == a
    assert rebuild(diff, "+") == b
