"""The library on a real PostgreSQL server: schema, upgrade, seeding, one-transaction
imports, concurrent first opens, timeouts and passwords kept out of every message."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from dsrdraft.bundled import bundled_initiative
from dsrdraft.errors import DsrError
from dsrdraft.store import SCHEMA_VERSION, open_library
from dsrdraft.urls import as_url, mask_secrets

ROOT = Path(__file__).resolve().parent.parent


def test_postgresql_urls_are_taken_as_they_are():
    assert as_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert as_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert as_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"


def test_a_new_database_gets_the_schema_the_indexes_and_the_seeds(pg_url):
    plain = pg_url.replace("postgresql+psycopg://", "postgresql://")
    with open_library(plain) as library:
        assert library.dialect == "postgresql" and library.full_text
        assert [i.id for i in library.list_initiatives()] == ["obor-digital-economy-2017",
                                                              "beijing-initiative-2023"]
        with library.engine.connect() as conn:
            indexes = set(conn.execute(text(
                "SELECT indexname FROM pg_indexes WHERE tablename = 'clauses'")).scalars())
            version = conn.execute(text(
                "SELECT value FROM meta WHERE key = 'schema_version'")).scalar()
        assert {"ix_clauses_tsv", "ix_clauses_trgm"} <= indexes
        assert version == str(SCHEMA_VERSION)
    with open_library(plain) as library:  # seeded once
        assert len(library.list_initiatives()) == 2


def test_schema_2_upgrades_through_the_migration_steps(pg_url):
    # as a schema-2 library: no tsvector index, no drafts
    with open_library(pg_url) as library, library.engine.begin() as conn:
        conn.execute(text("DROP TABLE draft_contributions, draft_versions, drafts"))
        conn.execute(text("DROP INDEX ix_clauses_tsv"))
        conn.execute(text("ALTER TABLE clauses DROP COLUMN tsv"))
        conn.execute(text("DELETE FROM clauses WHERE kind = 'heading'"))
        conn.execute(text("UPDATE meta SET value = '2' WHERE key = 'schema_version'"))
    with open_library(pg_url) as library:
        assert [h.number for h in library.search("digital divides", limit=3)]
        from dsrdraft.store.drafts import SharedDrafts
        assert SharedDrafts(library).names() == []
        with library.engine.connect() as conn:
            assert conn.execute(text("SELECT value FROM meta WHERE key = 'schema_version'")
                                ).scalar() == str(SCHEMA_VERSION)


def test_an_import_is_one_transaction(pg_url):
    with open_library(pg_url, seed=False) as library:
        with pytest.raises(DsrError, match="already taken"):
            library.import_initiatives([(bundled_initiative("obor-digital-economy-2017"), "a"),
                                        (bundled_initiative("beijing-initiative-2023"), "a")])
        assert library.list_initiatives() == []


OPEN = """
import sys
from dsrdraft.store import open_library
with open_library(sys.argv[1]) as library:
    print(len(library.list_initiatives()))
"""


def test_four_processes_opening_a_new_library_at_once(pg_url):
    procs = [subprocess.Popen([sys.executable, "-c", OPEN, pg_url], cwd=ROOT, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(4)]
    outcomes = [p.communicate(timeout=120) for p in procs]
    assert [out.strip() for out, _ in outcomes] == ["2"] * 4, outcomes


@pytest.fixture
def silent_server(tmp_path):
    """A Unix socket that accepts connections and never answers (a hung server)."""
    folder = Path(os.path.realpath(tmp_path))
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(folder / ".s.PGSQL.5432"))
    server.listen(8)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield folder
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    server.close()


def test_a_server_that_never_answers_gives_one_line_within_10_s(silent_server):
    url = f"postgresql://delegate:hunter2@/library?host={silent_server}"
    start = time.monotonic()
    with pytest.raises(DsrError) as refused:
        open_library(url)
    assert time.monotonic() - start < 10
    message = str(refused.value)
    assert "timeout" in message and "\n" not in message
    assert "hunter2" not in message and "delegate:***@" in message


def test_the_cli_says_so_in_one_line_without_the_password(silent_server):
    url = f"postgresql://delegate:hunter2@/library?host={silent_server}"
    start = time.monotonic()
    # 3 s instead of the default 5: the interpreter's own start takes seconds on a busy machine
    done = subprocess.run([sys.executable, "-m", "dsrdraft", "--db", url, "library", "list"],
                          capture_output=True, text=True, cwd=ROOT, timeout=30,
                          env={**os.environ, "DSRDRAFT_CONNECT_TIMEOUT": "3"})
    assert time.monotonic() - start < 10
    assert done.returncode != 0 and done.stdout == ""
    (line,) = done.stderr.splitlines()
    assert line.startswith("dsrdraft: error: cannot open library") and "timeout" in line
    assert "hunter2" not in line


@pytest.mark.parametrize("url", [
    "postgresql://delegate:hunter2@host:notaport/db",
    "postgresql://delegate:hunter2@[::1/db",
    "postgresql+nosuchdriver://delegate:hunter2@host/db",
    "nosuchdb://delegate:hunter2@host/db",
])
def test_passwords_are_masked_in_urls_that_fail_to_parse(url):
    with pytest.raises(DsrError) as refused:
        open_library(url)
    assert "hunter2" not in str(refused.value)
    done = subprocess.run([sys.executable, "-m", "dsrdraft", "--db", url, "library", "list"],
                          capture_output=True, text=True, cwd=ROOT, timeout=30)
    assert done.returncode != 0 and "hunter2" not in done.stderr + done.stdout


def test_two_different_db_urls_are_refused_without_their_passwords():
    done = subprocess.run([sys.executable, "-m", "dsrdraft", "--db", "postgresql://a:pw1@h/x",
                           "library", "list", "--db", "postgresql://b:pw2@h/y"],
                          capture_output=True, text=True, cwd=ROOT, timeout=30)
    assert done.returncode == 2 and "pw1" not in done.stderr and "pw2" not in done.stderr


def test_wrong_password_message_has_no_password(pg_cluster, pg_url):
    url = pg_url.replace("dsr_admin@", "nosuchrole:hunter2@")
    with pytest.raises(DsrError) as refused:
        open_library(url)
    assert "hunter2" not in str(refused.value) and "nosuchrole" in str(refused.value)


def test_mask_secrets_covers_urls_and_keywords():
    assert mask_secrets("at postgresql://u:p@ss@h/db now") == "at postgresql://u:***@h/db now"
    assert mask_secrets("host=h password='x y' user=u") == "host=h password=*** user=u"
    assert mask_secrets("postgresql://h/db?password=x&a=1") == "postgresql://h/db?password=***&a=1"
