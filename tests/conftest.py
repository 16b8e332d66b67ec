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


# --- a real PostgreSQL server (tests/pgserver.py): one throwaway cluster per session ---------

REQUIRE_POSTGRES = "DSRDRAFT_REQUIRE_POSTGRES"


@pytest.fixture(scope="session")
def pg_cluster():
    """A cluster started once for the session; skipped (with the reason) where PostgreSQL is
    not installed, and a failure instead where $DSRDRAFT_REQUIRE_POSTGRES is set (CI)."""
    import pgserver

    missing = None
    if pgserver.find_binaries() is None:
        missing = ("PostgreSQL binaries (initdb, pg_ctl) not found: apt-get install "
                   "postgresql postgresql-contrib")
    else:
        try:
            import psycopg  # noqa: F401
        except ImportError:
            missing = "psycopg 3 not installed: pip install '.[postgres]'"
    if missing:
        if os.environ.get(REQUIRE_POSTGRES):
            pytest.fail(f"{REQUIRE_POSTGRES} is set but {missing}")
        pytest.skip(missing)
    cluster = pgserver.start_cluster()
    yield cluster
    cluster.remove()


@pytest.fixture(scope="session")
def pg_database(pg_cluster):
    """make(hint) -> the URL of a new, empty database on the session's cluster."""
    import itertools

    import pgserver

    counter = itertools.count(1)

    def make(hint: str = "t") -> str:
        name = f"{''.join(ch for ch in hint.lower() if ch.isalnum())[:40]}_{next(counter)}"
        pgserver.create_database(pg_cluster.url(), name)
        return pg_cluster.url(name)

    return make


@pytest.fixture
def pg_url(pg_database, request) -> str:
    """A new, empty PostgreSQL database for one test."""
    return pg_database(request.node.name)


@pytest.fixture(params=["sqlite", "postgresql"])
def backend_url(request, tmp_path) -> str:
    """A new, empty library URL on each backend: a SQLite file, a PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'library.sqlite'}"
    return request.getfixturevalue("pg_database")(request.node.name)
