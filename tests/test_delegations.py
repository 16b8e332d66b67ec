"""Delegations as typed (`dsrdraft.draft.delegations`): codes, names, groups; the rest refused."""

from __future__ import annotations

import pytest

from dsrdraft.draft.delegations import (
    country_choices,
    country_code_for,
    delegation,
    parse_delegations,
)


@pytest.mark.parametrize(("typed", "code"), [
    ("CHN", "CHN"), ("chn", "CHN"), ("Laos", "LAO"), ("Lao PDR", "LAO"), ("Viet Nam", "VNM"),
    ("G77/China", "G77/China"), ("g77/china", "G77/China"), ("eu", "EU"),
    ("African Group", "African Group"), ("Least Developed Countries", "Least Developed Countries"),
    ("XYZ", None), ("Narnia", None), ("[CHN]", None), ("", None),
])
def test_one_delegation(typed, code):
    assert delegation(typed) == code


def test_a_list_keeps_order_drops_repeats_and_names_each_problem():
    parsed = parse_delegations("chn, Laos; CHN, XYZ, Narnia, G77/China")
    assert parsed.codes == ("CHN", "LAO", "G77/China")
    assert parsed.problems == ("XYZ is not an ISO 3166 country code",
                               "“Narnia” is not a country, an ISO 3166 code or a group label "
                               "such as G77/China")
    assert not parsed.ok
    assert parse_delegations(" , ").codes == () and parse_delegations("").ok


def test_country_choices_and_codes():
    choices = country_choices()
    assert "China (CHN)" in choices and "Lao People's Democratic Republic (LAO)" in choices
    assert choices == sorted(choices, key=str.casefold)
    assert country_code_for("China (CHN)") == "CHN"
    assert country_code_for("th") == "THA"
    assert country_code_for("Atlantis") is None
