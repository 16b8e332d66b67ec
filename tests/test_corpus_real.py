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
import json
import re
from pathlib import Path
from typing import Any

import pytest

from dsrdraft.model import Clause, DivisionKind, Initiative
from dsrdraft.parsing import parse_file
from tests.corpus.measure import kept_reported_lost

CORPUS = Path(__file__).parent / "corpus" / "real"
EXPECTED: dict[str, dict[str, Any]] = json.loads(
    (CORPUS / "EXPECTED.json").read_text(encoding="utf-8"))
UNIT_KEYS = {"preambular": "preambular", "operative": "operative", "annex": "annex_units",
             "closing": "closing", "formula": "formulas"}
_ROW = re.compile(r"^\|\s*`?(?P<file>[^|`]+?)`?\s*\|\s*`?(?P<count>[^|`]+?)`?\s*\|\s*"
                  r"(?P<got>[^|]*?)\s*\|\s*(?P<hand>[^|]*?)\s*\|\s*(?P<why>[^|]+?)\s*\|$")


def recorded_differences() -> dict[str, dict[str, str]]:
    """file -> count -> the value the importer gives, from the table in DIFFERENCES.md."""
    out: dict[str, dict[str, str]] = collections.defaultdict(dict)
    path = CORPUS / "DIFFERENCES.md"
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _ROW.match(line.strip())
        if m and m.group("file") in EXPECTED:
            assert m.group("why").strip(), f"DIFFERENCES.md: no reason given in {line!r}"
            out[m.group("file")][m.group("count")] = m.group("got").strip()
    return out


@functools.cache
def parsed(name: str) -> Initiative:
    return parse_file(CORPUS / name)


def _plain(text: str) -> str:
    """Text compared without markup, spacing or quotes ("**（一）坚持**" → "（一）坚持")."""
    return re.sub(r"[\s*_#`>\"“”'‘’]+", "", text).casefold()


def hand_addresses(unit: Clause) -> set[str]:
    """The forms of a unit's address the hand counts use: its number and citation, and for a
    paragraph of an Article "Article 4.2" (the only paragraph of Article 4 is "Article 4.1")."""
    forms = {unit.number, unit.citation}
    prefix, number = "", unit.number
    m = re.match(r"^(Annex(?: [^.]+)?\.)(.*)$", number)
    if m:
        prefix, number = m.groups()
    if any(re.match(r"^(?:Article|Art\.|Artículo|第)", p) for p in unit.path):
        forms.add(f"{prefix}Article {number}")
        if "." not in number:
            forms.add(f"{prefix}Article {number}.1")
    return forms


def sample_differences(ini: Initiative, samples: list[dict[str, str]]) -> dict[str, str]:
    """sample -> what the importer has there, for the samples it does not match."""
    out: dict[str, str] = {}
    for sample in samples:
        address, words = sample["address"], _plain(sample["starts_with"])
        found = [u for u in ini.clauses if address in hand_addresses(u)]
        if not found:
            out[f"sample {address}"] = "missing"
            continue
        text = _plain(found[0].text)
        if not text.startswith(words) and not text[len(_plain(found[0].label)):].startswith(
                words):
            out[f"sample {address}"] = f"{found[0].number}: {found[0].text[:30]}".strip()
    return out


def count_differences(name: str) -> dict[str, str]:
    """count -> the importer's value, for every hand count it does not match."""
    expected = EXPECTED[name]
    ini = parsed(name)
    counts = ini.counts()
    out: dict[str, str] = {}
    for kind, key in UNIT_KEYS.items():
        want = expected.get(key)
        if want is not None and counts.get(kind, 0) != want:
            out[key] = str(counts.get(kind, 0))
    notes = sum(len(u.footnotes) for u in ini.clauses)
    if expected.get("footnotes") is not None and notes != expected["footnotes"]:
        out["footnotes"] = str(notes)
    got = collections.Counter(d.kind.value for _, d in ini.all_divisions())
    want_divisions = expected.get("divisions") or {}
    for kind in sorted(set(got) | set(want_divisions)):
        if got.get(kind, 0) != want_divisions.get(kind, 0):
            out[f"divisions.{kind}"] = str(got.get(kind, 0))
    if expected.get("signatories") is not None:
        have = sorted({s.code for s in ini.signatories})
        if have != sorted(set(expected["signatories"])):
            out["signatories"] = f"{len(have)} states"
    out.update(sample_differences(ini, expected.get("sample_units") or []))
    return out


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
    found = count_differences(name)
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
