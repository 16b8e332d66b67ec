"""Libraries and draft files written before structured texts open, upgrade and lose nothing.

tests/corpus/legacy holds a library (schema 1) and a draft file (format 1) written by dsrdraft
at commit 227ebed (tests/corpus/legacy/make_v1.py); they are copied before each test.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from dsrdraft.draft.storage import load_draft, save_draft
from dsrdraft.errors import DsrError
from dsrdraft.model import UnitKind
from dsrdraft.parsing import parse_file
from dsrdraft.store import migrations, open_library

LEGACY = Path(__file__).resolve().parent / "corpus" / "legacy"
ROOT = Path(__file__).resolve().parents[1]


def v1_rows(path: Path) -> tuple[dict[str, str], dict[str, list[tuple[str, str]]]]:
    """(preamble by id, [(number, text)] by id) as the old library holds them."""
    db = sqlite3.connect(path)
    try:
        preambles = dict(db.execute("SELECT id, preamble FROM initiatives"))
        clauses: dict[str, list[tuple[str, str]]] = {}
        for ini_id, number, text in db.execute(
                "SELECT initiative_id, number, text FROM clauses WHERE is_translation = 0 "
                "ORDER BY initiative_id, position"):
            clauses.setdefault(ini_id, []).append((number, text))
    finally:
        db.close()
    return preambles, clauses


@pytest.fixture
def old_library(tmp_path: Path) -> Path:
    path = tmp_path / "library.sqlite"
    shutil.copy(LEGACY / "library-v1.sqlite", path)
    return path


def test_a_schema_1_library_upgrades_keeping_every_text(old_library: Path) -> None:
    preambles, clauses = v1_rows(old_library)
    library = open_library(f"sqlite:///{old_library}")
    try:
        assert library.backup == old_library.with_name("library.sqlite.schema1.bak")
        for ini_id, old in clauses.items():
            ini = library.get(ini_id)
            assert [(c.number, c.text) for c in ini.operative] == old
            pre = [c.text for c in ini.preambular]
            assert "\n\n".join(pre) == " ".join(preambles[ini_id].split()) or pre == [
                " ".join(p.split()) for p in preambles[ini_id].split("\n\n") if p.strip()]
            assert [c.number for c in ini.preambular] == [f"PP{n}" for n in
                                                          range(1, len(pre) + 1)]
            assert all(c.kind is UnitKind.PREAMBULAR and not c.numbered
                       for c in ini.preambular)
        # the preambles are units now: search and agreed language find them
        hits = library.search("participating States recalling")
        assert [(h.id, h.number) for h in hits] == [("digital-declaration", "PP1")]
        from dsrdraft.parsing import parse_text
        from dsrdraft.precedents import find_precedents

        text = parse_text("1. As countries supporting the One Belt, One Road initiative, we "
                          "will, on the basis of the principles of interconnection and "
                          "interaction, innovation and development, cooperate.\n")
        found = find_precedents(library, text)
        assert ("obor-digital-economy-2017", "PP1") in {
            (s.id, s.number) for r in found for span in r.spans for s in span.sources}
        # a text imported before is recognised as the same text after the upgrade
        seed = parse_file(ROOT / "resources" / "library" / "obor-digital-economy-2017.txt")
        assert library.import_initiative(seed).created is False
    finally:
        library.close()
    # the backup is the old library, untouched
    backup = sqlite3.connect(old_library.with_name("library.sqlite.schema1.bak"))
    try:
        assert backup.execute("SELECT value FROM meta WHERE key = 'schema_version'"
                              ).fetchone() == ("1",)
    finally:
        backup.close()
    assert v1_rows(old_library.with_name("library.sqlite.schema1.bak")) == (preambles, clauses)


def test_an_upgraded_library_opens_again_without_a_second_backup(old_library: Path) -> None:
    open_library(f"sqlite:///{old_library}").close()
    library = open_library(f"sqlite:///{old_library}")
    try:
        assert getattr(library, "backup", None) is None
        assert [i.id for i in library.list_initiatives()] == [
            "obor-digital-economy-2017", "beijing-initiative-2023", "digital-declaration"]
    finally:
        library.close()
    assert sorted(p.name for p in old_library.parent.iterdir()
                  if ".bak" in p.name) == ["library.sqlite.schema1.bak"]


def test_a_failed_upgrade_leaves_the_library_as_it_was(old_library: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    before = v1_rows(old_library)

    def broken(conn, fts):  # the real step, then a failure before the transaction ends
        original(conn, fts)
        raise DsrError("simulated failure during the upgrade")

    original = migrations.STEPS[1]
    monkeypatch.setitem(migrations.STEPS, 1, broken)
    with pytest.raises(DsrError, match="simulated failure"):
        open_library(f"sqlite:///{old_library}")
    db = sqlite3.connect(old_library)
    try:
        assert db.execute("SELECT value FROM meta WHERE key = 'schema_version'"
                          ).fetchone() == ("1",)
        columns = {row[1] for row in db.execute("PRAGMA table_info(clauses)")}
        assert "kind" not in columns  # the schema change was rolled back with the rest
    finally:
        db.close()
    assert v1_rows(old_library) == before


def test_the_cli_lists_and_searches_an_old_library(old_library: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "dsrdraft", *args, "--db",
                               f"sqlite:///{old_library}"], capture_output=True, text=True,
                              cwd=ROOT, timeout=60)

    listed = run("library", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert [(i["id"], i["clauses"], i["preambular"]) for i in json.loads(listed.stdout)] == [
        ("obor-digital-economy-2017", 15, 1), ("beijing-initiative-2023", 20, 1),
        ("digital-declaration", 3, 1)]
    shown = json.loads(run("library", "show", "digital-declaration", "--json").stdout)
    assert shown["preamble_paragraphs"] == ["The participating States, recalling their shared "
                                            "commitments,"]


@pytest.fixture
def old_draft(tmp_path: Path) -> Path:
    path = tmp_path / "draft.json"
    shutil.copy(LEGACY / "draft-v1.json", path)
    return path


def test_a_format_1_draft_opens_with_its_preamble_as_paragraphs(old_draft: Path) -> None:
    raw = json.loads(old_draft.read_text(encoding="utf-8"))
    draft = load_draft(old_draft)
    preamble = [c for c in draft.clauses if c.kind.value == "preambular"]
    assert [c.label for c in preamble] == ["PP1", "PP2"]
    assert [c.text for c in preamble] == [p for p in raw["preamble"].split("\n\n")]
    operative = [c for c in draft.clauses if c.kind.value == "operative"]
    assert [(c.uid, c.label, c.text) for c in operative] == [
        (c["uid"], c["label"], c["text"]) for c in raw["clauses"]]
    # every kept revision too, with the same uids for the same paragraphs
    (rev0,) = draft.revisions
    old_rev = raw["revisions"][0]
    rev_pre = [c for c in rev0.clauses if c.kind.value == "preambular"]
    assert [c.text for c in rev_pre] == old_rev["preamble"].split("\n\n")
    assert [c.uid for c in rev_pre] == [c.uid for c in preamble]
    assert [c.text for c in rev0.clauses if c.kind.value == "operative"] == [
        c["text"] for c in old_rev["clauses"]]
    # statuses, proposers, alternatives, reservations and signatories as they were
    second = next(c for c in draft.clauses if c.uid == raw["clauses"][1]["uid"])
    assert second.alternatives[0].proposers == ("THA",)
    assert second.reservations[0].delegation == "EGY"
    assert [s.code for s in draft.signatories] == ["THA"]


def test_a_format_1_draft_is_written_back_as_format_2_and_reads_the_same(old_draft: Path,
                                                                        tmp_path: Path) -> None:
    draft = load_draft(old_draft)
    out = tmp_path / "again.json"
    save_draft(draft, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["version"] == 2 and "preamble" not in data
    assert load_draft(out) == draft


def test_revisions_of_an_old_draft_compare_paragraph_by_paragraph(old_draft: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "dsrdraft", "compare", f"{old_draft}@rev0",
                             str(old_draft), "--json"], capture_output=True, text=True,
                            cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    pairs = json.loads(result.stdout)["pairs"]
    assert (["PP1"], ["PP1"], "unchanged") in [(p["old"], p["new"], p["kind"]) for p in pairs]
    assert any(p["kind"] == "added" for p in pairs)  # the clause added after rev0
