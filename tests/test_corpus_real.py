"""The importer on every real text of tests/corpus/real, against the counts made by hand.

Per file: no refusal, no more than 1 % of the words lost silently (measured by
tests/corpus/measure.py, independently of the importer), unique addresses, and the hand counts
of EXPECTED.json: units per kind, divisions per kind, footnotes, signatories and the sample
units (address and first words). A count may differ only where DIFFERENCES.md says so, with the
value the importer gives and why; a recorded difference that no longer occurs fails too, so
the record stays true.
"""

from __future__ import annotations

import collections
import functools

import pytest

from dsrdraft.model import DivisionKind, Initiative
from dsrdraft.parsing import parse_file
from tests.corpus.hand_counts import CORPUS, UNIT_KEYS, count_differences, expected, recorded
from tests.corpus.measure import kept_reported_lost

EXPECTED = expected()


def recorded_differences() -> dict[str, dict[str, str]]:
    """file -> count -> the value the importer gives, from the table in DIFFERENCES.md."""
    out: dict[str, dict[str, str]] = {}
    for name, rows in recorded().items():
        for count, (got, why) in rows.items():
            assert why, f"DIFFERENCES.md: no reason given for {name} {count}"
            out.setdefault(name, {})[count] = got
    return out


@functools.cache
def parsed(name: str) -> Initiative:
    return parse_file(CORPUS / name)


NAMES = sorted(EXPECTED)


@pytest.mark.parametrize("name", NAMES)
def test_no_word_lost_silently(name: str) -> None:
    _kept, _reported, lost = kept_reported_lost(CORPUS / name, parsed(name).to_json())
    assert lost <= 0.01, f"{name}: {lost:.1%} of the words lost silently"


@pytest.mark.parametrize("name", NAMES)
def test_addresses_unique(name: str) -> None:
    ini = parsed(name)
    numbers = [c.number for c in ini.clauses]
    assert len(numbers) == len(set(numbers)), collections.Counter(numbers).most_common(3)
    divisions = [d.number for _, d in ini.all_divisions()]
    assert len(divisions) == len(set(divisions))
    for c in ini.clauses:
        assert ini.clause(c.number) is c


@pytest.mark.parametrize("name", NAMES)
def test_structure_as_counted_by_hand(name: str) -> None:
    recorded = recorded_differences().get(name, {})
    found = count_differences(parsed(name), EXPECTED[name])
    unrecorded = {k: v for k, v in found.items() if k not in recorded}
    assert not unrecorded, (f"{name}: counts differ from EXPECTED.json and are not recorded "
                            f"in DIFFERENCES.md: {unrecorded}")
    changed = {k: (recorded[k], found.get(k, "as counted by hand")) for k in recorded
               if found.get(k) != recorded[k]}
    assert not changed, f"{name}: DIFFERENCES.md is out of date (recorded, now): {changed}"


def test_every_file_is_in_the_corpus() -> None:
    files = {p.name for p in CORPUS.iterdir() if p.suffix in (".txt", ".md", ".docx")
             and not p.name.startswith(("README", "DIFFERENCES"))}
    assert files == set(EXPECTED)


def test_recorded_differences_name_real_counts() -> None:
    for name, counts in recorded_differences().items():
        for count in counts:
            assert count.startswith(("sample ", "divisions.")) or count in (
                *UNIT_KEYS.values(), "footnotes", "signatories"), (name, count)


def test_articles_are_divisions_in_treaties() -> None:
    ini = parsed("nl-isnar-headquarters-agreement-1980.md")
    assert any(d.kind is DivisionKind.ARTICLE for _, d in ini.all_divisions())
