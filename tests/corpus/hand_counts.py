"""A parse against the counts made by hand in tests/corpus/real/EXPECTED.json.

One comparison, used by tests/test_corpus_real.py and scripts/corpus_report.py alike: units
per kind, footnotes, divisions per kind, signatories and the sample units (address and first
words). Each count that differs maps to the importer's value, written as DIFFERENCES.md
records it.
"""

from __future__ import annotations

import collections
import json
import re
from pathlib import Path
from typing import Any

from dsrdraft.model import Clause, Initiative

CORPUS = Path(__file__).parent / "real"
UNIT_KEYS = {"preambular": "preambular", "operative": "operative", "annex": "annex_units",
             "closing": "closing", "formula": "formulas"}


_ROW = re.compile(r"^\|\s*`?(?P<file>[^|`]+?)`?\s*\|\s*`?(?P<count>[^|`]+?)`?\s*\|\s*"
                  r"(?P<got>[^|]*?)\s*\|\s*(?P<hand>[^|]*?)\s*\|\s*(?P<why>[^|]+?)\s*\|$")


def expected() -> dict[str, dict[str, Any]]:
    return json.loads((CORPUS / "EXPECTED.json").read_text(encoding="utf-8"))


def recorded() -> dict[str, dict[str, tuple[str, str]]]:
    """file -> count -> (the importer's value, why), from the table in DIFFERENCES.md."""
    names = set(expected())
    out: dict[str, dict[str, tuple[str, str]]] = {}
    for line in (CORPUS / "DIFFERENCES.md").read_text(encoding="utf-8").splitlines():
        m = _ROW.match(line.strip())
        if m and m.group("file") in names:
            out.setdefault(m.group("file"), {})[m.group("count")] = (
                m.group("got").strip(), m.group("why").strip())
    return out


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
        # a unit's own number first: "OP1" is the first unnumbered paragraph, even where
        # paragraph 1 is cited "OP1" too
        found = [u for u in ini.clauses if u.number == address] or [
            u for u in ini.clauses if address in hand_addresses(u)]
        if not found:
            out[f"sample {address}"] = "missing"
            continue
        text = _plain(found[0].text)
        if not text.startswith(words) and not text[len(_plain(found[0].label)):].startswith(
                words):
            out[f"sample {address}"] = f"{found[0].number}: {found[0].text[:30]}".strip()
    return out


def count_differences(ini: Initiative, want: dict[str, Any]) -> dict[str, str]:
    """count -> the importer's value, for every hand count it does not match."""
    counts = ini.counts()
    out: dict[str, str] = {}
    for kind, key in UNIT_KEYS.items():
        if want.get(key) is not None and counts.get(kind, 0) != want[key]:
            out[key] = str(counts.get(kind, 0))
    notes = sum(len(u.footnotes) for u in ini.clauses)
    if want.get("footnotes") is not None and notes != want["footnotes"]:
        out["footnotes"] = str(notes)
    got = collections.Counter(d.kind.value for _, d in ini.all_divisions())
    want_divisions = want.get("divisions") or {}
    for kind in sorted(set(got) | set(want_divisions)):
        if got.get(kind, 0) != want_divisions.get(kind, 0):
            out[f"divisions.{kind}"] = str(got.get(kind, 0))
    if want.get("signatories") is not None:
        have = sorted({s.code for s in ini.signatories})
        if have != sorted(set(want["signatories"])):
            out["signatories"] = f"{len(have)} states"
    out.update(sample_differences(ini, want.get("sample_units") or []))
    return out


def hand_value(want: dict[str, Any], count: str) -> str:
    """The hand count of `count` as DIFFERENCES.md writes it."""
    if count.startswith("sample "):
        address = count[len("sample "):]
        sample = next(s for s in want.get("sample_units") or [] if s["address"] == address)
        return sample["starts_with"][:30]
    if count.startswith("divisions."):
        return str((want.get("divisions") or {}).get(count.split(".", 1)[1], 0))
    if count == "signatories":
        return f"{len(set(want['signatories']))} states"
    return str(want.get(count))
