"""The attack suite (tests/attacks/): every class of bad input, damage and tampering that
issue 17 found, as committed files, commands and expected outcomes."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "attacks"))

import runner

CASES = runner.load_cases()

#: What the issue found; the suite must hold at least one case of each.
CLASSES = {"damaged draft accepted and written back", "lost data: unknown keys dropped",
           "internal error instead of exit 2", "hang", "disk full", "read-only library",
           "corrupt library", "verify passes edits a reader sees",
           "verify: unreadable or not an export", "lost edit"}


def test_every_class_of_the_issue_is_covered():
    assert {c["class"] for c in CASES} == CLASSES
    assert len({c["id"] for c in CASES}) == len(CASES)


def test_exit_1_means_modified_and_nothing_else():
    """The one exit-code contract: 1 only for verify's "modified" (or "not proven")."""
    for case in CASES:
        assert case["exit"] != 3, case["id"]
        if case["exit"] == 1:
            assert case["argv"][0] == "verify", case["id"]


@pytest.mark.skipif(sys.platform == "win32", reason="setrlimit, chattr")
@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_attack(case, tmp_path):
    outcome = runner.run_case(case, tmp_path)
    if outcome.problems and outcome.problems[0].startswith("skipped:"):
        pytest.skip(outcome.problems[0])
    assert outcome.ok, (outcome.problems, outcome.stderr[-500:])
