"""Shared fixtures: the bundled seed texts as files, and a library database per test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Qt tests run without a screen; set before any test module imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
LIBRARY_DIR = ROOT / "resources" / "library"
SEED_2017 = LIBRARY_DIR / "obor-digital-economy-2017.txt"
SEED_2023 = LIBRARY_DIR / "beijing-initiative-2023.md"


@pytest.fixture
def seed_2017() -> Path:
    return SEED_2017


@pytest.fixture
def seed_2023() -> Path:
    return SEED_2023


@pytest.fixture(autouse=True)
def _isolated_library(tmp_path_factory: pytest.TempPathFactory,
                      monkeypatch: pytest.MonkeyPatch) -> None:
    """No test may touch the user's real library: DSRDRAFT_DB points into a temp dir."""
    db = tmp_path_factory.mktemp("db") / "library.sqlite"
    monkeypatch.setenv("DSRDRAFT_DB", f"sqlite:///{db}")
