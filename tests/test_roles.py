"""Roles on a shared PostgreSQL library, enforced by the server: a secretariat and a
delegation, two real login roles on a real server (no client-side checks involved)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from dsrdraft.bundled import bundled_initiative
from dsrdraft.draft import model as m
from dsrdraft.errors import DsrError
from dsrdraft.store import open_library
from dsrdraft.store.drafts import SharedDrafts
from dsrdraft.store.roles import add_member, install_roles


@pytest.fixture
def roles(pg_database, pg_cluster, request):
    """(secretariat URL, delegation URL, database name) on a library the owner set up."""
    url = pg_database("roles")
    database = url.split("@/")[1].split("?")[0]
    suffix = database.rsplit("_", 1)[1]
    secretariat, delegation = f"sec{suffix}", f"chn{suffix}"
    with open_library(url, seed=False) as library:
        library.import_initiative(bundled_initiative("obor-digital-economy-2017"), id="obor")
        with library.engine.begin() as conn:
            install_roles(conn)
            install_roles(conn)  # idempotent
            add_member(conn, secretariat, "secretariat", password="s3cret")
            add_member(conn, delegation, "delegation")
    return (pg_cluster.url(database, user=secretariat), pg_cluster.url(database, user=delegation),
            delegation)


def test_secretariat_keeps_the_library_and_issues_revisions(roles):
    secretariat, _, _ = roles
    with open_library(secretariat, seed=False) as library:
        library.import_initiative(bundled_initiative("beijing-initiative-2023"), id="bj")
        shared = SharedDrafts(library)
        draft = m.add_clause(m.new_draft("Initiative", symbol="DSR/2026/L.1"), "Expand access.")
        shared.create("l1", draft)
        stored = shared.save("l1", m.revise(draft), 1, note="issued Rev.1")
        assert stored.saved_by == secretariat.split("://")[1].split("@")[0]


def test_delegation_reads_but_cannot_write_the_library_or_the_draft(roles):
    secretariat, delegation, _ = roles
    with open_library(secretariat, seed=False) as library:
        SharedDrafts(library).create("l1", m.add_clause(m.new_draft("T"), "Expand access."))
    with open_library(delegation, seed=False) as library:
        assert [h.id for h in library.search("broadband")][:1] == ["obor"]
        assert library.get("obor").title.startswith("Proposal")
        with pytest.raises(DsrError, match="permission denied"):
            library.import_initiative(bundled_initiative("beijing-initiative-2023"), id="bj")
        with pytest.raises(DsrError, match="permission denied"):
            library.delete("obor")
        shared = SharedDrafts(library)
        stored = shared.load("l1")
        with pytest.raises(DsrError, match="permission denied for table drafts"):
            shared.save("l1", m.revise(stored.draft), stored.version)
        assert shared.load("l1").version == 1


def test_delegation_writes_only_its_own_proposals_and_reservations(roles):
    secretariat, delegation, name = roles
    with open_library(secretariat, seed=False) as library:
        shared = SharedDrafts(library)
        shared.create("l1", m.add_clause(m.new_draft("T"), "Expand access."))
        theirs = shared.contribute("l1", "reservation", "u1", "Secretariat's note.",
                                   delegation="EGY")
    with open_library(delegation, seed=False) as library:
        shared = SharedDrafts(library)
        own = shared.contribute("l1", "reservation", "u1", "Reserves its position.")
        assert own.delegation == name  # the server's current_user, not a client's claim
        shared.contribute("l1", "proposal", "", "A new clause on skills.")
        with pytest.raises(DsrError, match="row-level security"):
            shared.contribute("l1", "reservation", "u1", "Pretending.", delegation="EGY")
        with library.engine.begin() as conn:  # another's rows are invisible to its writes
            assert conn.execute(text("DELETE FROM draft_contributions WHERE id = :i"),
                                {"i": theirs.id}).rowcount == 0
            assert conn.execute(text("UPDATE draft_contributions SET text = 'x' WHERE id = :i"),
                                {"i": theirs.id}).rowcount == 0
        assert [c.delegation for c in shared.contributions("l1")] == ["EGY", name, name]
    with open_library(secretariat, seed=False) as library:
        texts = [c.text for c in SharedDrafts(library).contributions("l1")]
        assert texts == ["Secretariat's note.", "Reserves its position.",
                         "A new clause on skills."]


def test_roles_and_contributions_on_the_command_line(pg_database, pg_cluster, capsys,
                                                     monkeypatch, tmp_path):
    from dsrdraft.cli import main

    url = pg_database("cliroles")
    database = url.split("@/")[1].split("?")[0]
    suffix = database.rsplit("_", 1)[1]
    monkeypatch.setenv("SEC_PASSWORD", "s3cret")

    def run(db: str, *args: str) -> tuple[int, str, str]:
        code = main(["--db", db, *args])
        out, err = capsys.readouterr()
        return code, out, err

    assert run(url, "library", "grant", f"sec{suffix}", "secretariat",
               "--password-env", "SEC_PASSWORD")[0] == 0
    assert run(url, "library", "grant", f"egy{suffix}", "delegation")[0] == 0
    secretariat = pg_cluster.url(database, user=f"sec{suffix}", password="s3cret")
    delegation = pg_cluster.url(database, user=f"egy{suffix}")
    assert run(secretariat, "draft", "new", "T", "--out", "db:l1")[0] == 0
    assert run(secretariat, "draft", "add", "db:l1", "--text", "Expand access.")[0] == 0
    code, out, _ = run(delegation, "draft", "contribute", "db:l1", "--unit", "1",
                       "--reservation", "Reserves its position.")
    assert code == 0 and out.strip() == f"reservation 1 by egy{suffix} on 1"
    code, _, err = run(delegation, "draft", "edit", "db:l1", "1", "--text", "Changed.")
    assert code == 1 and err.startswith("dsrdraft: error:") and "permission denied" in err
    assert "s3cret" not in err
    code, out, _ = run(secretariat, "draft", "contributions", "db:l1")
    assert code == 0 and f"egy{suffix}  reservation on 1: Reserves its position." in out
    code, _, err = run(f"sqlite:///{tmp_path}/l.sqlite", "library", "grant", "x", "delegation")
    assert code == 2 and "PostgreSQL" in err
