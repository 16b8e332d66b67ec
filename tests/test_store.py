"""The clause library store: round trips, ids, dedup, refusals, seeding (real SQLite files)."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import platformdirs
import pytest

from dsrdraft.bundled import bundled_initiative
from dsrdraft.errors import DsrError
from dsrdraft.model import Clause, Initiative, Translation, preambular_units
from dsrdraft.store import (
    SCHEMA_VERSION,
    ImportResult,
    InitiativeSummary,
    default_db_url,
    open_library,
    slugify,
)


def proposal_2017():  # the raw 2017 text, parsed as the library seeds it
    return bundled_initiative("obor-digital-economy-2017")


def beijing_2023():
    return bundled_initiative("beijing-initiative-2023")


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "library.sqlite")


@pytest.fixture
def lib(db):
    library = open_library(db, seed=False)
    yield library
    library.close()


def small(title: str = "Test Initiative", text: str = "Expand broadband access.",
          year: int | None = 2020) -> Initiative:
    return Initiative(id="", title=title, language="en",
                      clauses=(*preambular_units("We propose:"), Clause("1", "Expand.", text)),
                      year=year)


def test_round_trip_keeps_clauses_signatories_translations_and_metadata(lib):
    original = proposal_2017()
    result = lib.import_initiative(original, id="obor-2017")
    assert result == ImportResult("obor-2017", True)
    stored = lib.get("obor-2017")
    assert stored == dataclasses.replace(original, id="obor-2017")
    assert stored.translations["zh"][0].text.startswith("促进电子商务合作")
    assert [s.code for s in stored.signatories] == ["CHN", "LAO", "SAU", "SRB", "THA", "TUR",
                                                     "ARE"]
    assert (stored.year, stored.date, stored.place) == (2017, "2017-12-03", original.place)
    assert original.place.startswith("Wuzhen")


def test_round_trip_survives_reopening(db):
    with open_library(db, seed=False) as lib:
        new_id = lib.import_initiative(beijing_2023()).id
    with open_library(db, seed=False) as lib:
        assert lib.get(new_id).clauses == beijing_2023().clauses


def test_same_text_twice_returns_existing_id(lib):
    first = lib.import_initiative(proposal_2017())
    # Same content with different whitespace (and a different requested id): deduplicated.
    spaced = dataclasses.replace(
        proposal_2017(),
        clauses=tuple(dataclasses.replace(c, text="  " + c.text.replace(" ", "\n  ") + " ")
                      for c in proposal_2017().clauses))
    second = lib.import_initiative(spaced, id="another-id")
    assert second == ImportResult(first.id, False)
    assert lib.count_clauses() == 15
    assert len(lib.list_initiatives()) == 1


def test_changed_translation_is_a_different_text(lib):
    base = proposal_2017()
    lib.import_initiative(base)
    changed = dataclasses.replace(base, translations={"zh": (Translation("3", "合作。"),)})
    assert lib.import_initiative(changed).created


def test_slug_ids_are_readable_and_made_unique(lib):
    ids = [lib.import_initiative(small(text=f"Clause text {n}.")).id for n in range(3)]
    assert ids == ["test-initiative-2020", "test-initiative-2020-2", "test-initiative-2020-3"]
    beijing = lib.import_initiative(beijing_2023()).id
    assert beijing.startswith("beijing-initiative-on-the-belt-and-road")
    assert beijing.endswith("-2023") and len(beijing) <= 60


def test_one_import_dedups_and_numbers_ids_within_itself(lib):
    """An import writes its rows at the end: what it adds must count while it runs."""
    results = lib.import_initiatives([(small(text="First clause."), None),
                                      (small(text="Second clause."), None),
                                      (small(text="First clause."), "wanted"),
                                      (small(text="Third clause."), "wanted")])
    assert results == [ImportResult("test-initiative-2020", True),
                       ImportResult("test-initiative-2020-2", True),
                       ImportResult("test-initiative-2020", False),
                       ImportResult("wanted", True)]
    assert [c.text for c in lib.get("test-initiative-2020-2").clauses][-1] == "Second clause."
    assert [h.id for h in lib.search("clause")] and len(lib.list_initiatives()) == 3
    with pytest.raises(DsrError, match="already taken"):
        lib.import_initiatives([(small(text="Fourth clause."), "twice"),
                                (small(text="Fifth clause."), "twice")])
    assert not lib.has("twice")  # all or nothing


def test_a_large_import_finds_what_the_library_holds_in_chunks(lib):
    """What an import already finds in the library is asked for in chunks of 500 (a
    statement's parameters are limited): 1,200 initiatives imported again are all found."""
    items = [(small(text=f"Clause {n}."), f"many-{n}") for n in range(1200)]
    assert all(r.created for r in lib.import_initiatives(items))
    again = lib.import_initiatives([(ini, None) for ini, _id in items])
    assert [r.id for r in again] == [f"many-{n}" for n in range(1200)]
    assert not any(r.created for r in again)
    with pytest.raises(DsrError, match="'many-1100' is already taken"):
        lib.import_initiatives([(small(text="New."), "many-1100")])


@pytest.mark.parametrize(("title", "year", "expected"), [
    ("Beijing Initiative on the Belt and Road International Digital Economy Cooperation", 2023,
     "beijing-initiative-on-the-belt-and-road-international-2023"),
    ("Proposal 2017", 2017, "proposal-2017"),
    ("Déclaration de São Tomé", None, "declaration-de-sao-tome"),
    ("“数字丝绸之路”倡议", 2017, "initiative-2017"),
    ("", None, "initiative"),
])
def test_slugify(title, year, expected):
    assert slugify(title, year) == expected


def test_explicit_id_that_is_taken_is_refused(lib):
    lib.import_initiative(small(text="One."), id="my-draft")
    with pytest.raises(DsrError, match="'my-draft' is already taken"):
        lib.import_initiative(small(text="Two."), id="my-draft")


@pytest.mark.parametrize("bad", ["", "Upper", "-lead", "has space", "a/b", "ü", "x" * 101])
def test_invalid_ids_are_refused(lib, bad):
    with pytest.raises(DsrError, match="invalid library id"):
        lib.import_initiative(small(), id=bad)
    assert lib.list_initiatives() == []


def test_list_is_ordered_by_year_then_id_with_counts_and_languages(lib):
    lib.import_initiative(beijing_2023(), id="b-2023")
    lib.import_initiative(proposal_2017(), id="z-2017")
    lib.import_initiative(small(year=None), id="a-undated")
    lib.import_initiative(small(text="Other."), id="a-2020")
    assert lib.list_initiatives() == [
        InitiativeSummary("z-2017", proposal_2017().title, 2017, 15, ("en", "zh"), 1),
        InitiativeSummary("a-2020", "Test Initiative", 2020, 1, ("en",), 1),
        InitiativeSummary("b-2023", beijing_2023().title, 2023, 20, ("en",), 1),
        InitiativeSummary("a-undated", "Test Initiative", None, 1, ("en",), 1),
    ]
    assert lib.list_initiatives()[0].to_json() == {
        "id": "z-2017", "title": proposal_2017().title, "year": 2017, "clauses": 15,
        "preambular": 1, "languages": ["en", "zh"]}
    assert lib.count_clauses() == 37


def test_unknown_id(lib):
    assert not lib.has("nope")
    with pytest.raises(DsrError) as info:
        lib.get("nope")
    assert str(info.value) == "unknown library id 'nope' (see 'dsrdraft library list')"


def test_delete_removes_rows_and_index(lib):
    lib.import_initiative(proposal_2017(), id="obor")
    assert lib.search("broadband")
    lib.delete("obor")
    assert not lib.has("obor")
    assert lib.count_clauses() == 0
    assert lib.search("broadband") == []
    assert lib.search("电子商务") == []
    # The same text can be imported again after deletion.
    assert lib.import_initiative(proposal_2017(), id="obor").created


def test_sqlite_pragmas_wal_and_foreign_keys(lib, db):
    with lib._engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    raw.close()


def test_newer_schema_is_refused_and_left_alone(db):
    with open_library(db, seed=False) as lib:
        lib.import_initiative(small())
        lib._set_meta("schema_version", str(SCHEMA_VERSION + 1))
    with pytest.raises(DsrError) as info:
        open_library(db, seed=False)
    assert str(info.value) == (f"library at {db} was written by a newer dsrdraft "
                               f"(schema {SCHEMA_VERSION + 1}); this version reads up to "
                               f"{SCHEMA_VERSION}")
    raw = sqlite3.connect(db)
    try:
        assert raw.execute("SELECT count(*) FROM initiatives").fetchone()[0] == 1
        assert raw.execute("SELECT value FROM meta WHERE key = 'schema_version'"
                           ).fetchone()[0] == str(SCHEMA_VERSION + 1)
    finally:
        raw.close()


@pytest.mark.parametrize("content", [
    b"1. Expanding broadband access.\n",
    "“数字丝绸之路”".encode(),
    b"\x00" * 5000,
    b"SQLite format 2\x00" + b"\x00" * 100,
])
def test_not_a_database_is_refused_byte_identical(tmp_path, content):
    path = tmp_path / "notes.txt"
    path.write_bytes(content)
    with pytest.raises(DsrError, match=r"notes\.txt is not a dsrdraft library \(not a database\)"):
        open_library(str(path))
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_other_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "other.sqlite"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE photos (id INTEGER)")
    raw.commit()
    raw.close()
    with pytest.raises(DsrError, match="is not a dsrdraft library"):
        open_library(str(path))


@pytest.mark.parametrize("url", ["nosuchdb://x/y", "sqlite:////no/such/folder/lib.sqlite",
                                 "postgresql+nosuchdriver://u:secret@h/db"])
def test_bad_urls_are_user_errors(url):
    with pytest.raises(DsrError) as info:
        open_library(url)
    assert "secret" not in str(info.value)


def test_folder_is_refused(tmp_path):
    with pytest.raises(DsrError, match="it is a folder"):
        open_library(str(tmp_path))


def test_default_db_url(monkeypatch, tmp_path):
    monkeypatch.setenv("DSRDRAFT_DB", "sqlite:///" + str(tmp_path / "env.sqlite"))
    assert default_db_url() == "sqlite:///" + str(tmp_path / "env.sqlite")
    monkeypatch.setenv("DSRDRAFT_DB", str(tmp_path / "plain.sqlite"))
    assert default_db_url() == "sqlite:///" + str(tmp_path / "plain.sqlite")
    monkeypatch.delenv("DSRDRAFT_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path))
    folder = Path(platformdirs.user_data_dir("dsrdraft", appauthor=False))
    assert default_db_url() == "sqlite:///" + str(folder / "library.sqlite")
    assert folder.is_dir()


def test_open_library_uses_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("DSRDRAFT_DB", str(tmp_path / "env.sqlite"))
    with open_library(seed=False) as lib:
        assert lib.url == "sqlite:///" + str(tmp_path / "env.sqlite")
    assert (tmp_path / "env.sqlite").exists()


def test_seeding_happens_once(db):
    bundled = pytest.importorskip("dsrdraft.bundled")
    expected = {i.id for i in bundled.bundled_initiatives()}
    assert expected == {"obor-digital-economy-2017", "beijing-initiative-2023"}
    with open_library(db) as lib:
        assert lib.seeded
        assert {s.id for s in lib.list_initiatives()} == expected
        assert "zh" in lib.get("obor-digital-economy-2017").translations
        assert lib.search("宽带") or lib.search("电子商务")
        lib.delete("obor-digital-economy-2017")
    with open_library(db) as lib:  # deleted seed texts are not re-added
        assert {s.id for s in lib.list_initiatives()} == {"beijing-initiative-2023"}


def test_no_seeding_when_asked(db):
    with open_library(db, seed=False) as lib:
        assert not lib.seeded
        assert lib.list_initiatives() == []
