"""The compare engine's checkpoint hook: called between steps, may abandon the comparison,
and changes nothing in the result."""

from __future__ import annotations

import pytest

from dsrdraft.bundled import bundled_initiatives
from dsrdraft.compare import compare_initiatives


class Enough(Exception):
    """Raised by a checkpoint to abandon the comparison."""


@pytest.fixture(scope="module")
def seeds():
    texts = bundled_initiatives()
    return texts[0], texts[1]


def test_checkpoint_is_called_between_every_pair_and_changes_nothing(seeds):
    old, new = seeds
    calls: list[int] = []
    with_hook = compare_initiatives(old, new, checkpoint=lambda: calls.append(1))
    assert with_hook == compare_initiatives(old, new)
    assert len(calls) >= len(with_hook.pairs)  # at least once per pair's word diff


def test_a_checkpoint_that_raises_abandons_the_comparison(seeds):
    old, new = seeds
    calls: list[int] = []

    def checkpoint() -> None:
        calls.append(1)
        if len(calls) == 3:
            raise Enough

    with pytest.raises(Enough):
        compare_initiatives(old, new, checkpoint=checkpoint)
    assert len(calls) == 3
