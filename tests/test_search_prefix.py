"""A prefix query on SQLite as the OR of the index's terms under it (search_sqlite.prefix_match):
the terms read from FTS5's pages are its vocabulary's, and the rows found are its prefix's."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from dsrdraft.bundled import bundled_initiative
from dsrdraft.model import Clause, Initiative
from dsrdraft.store import fts5_terms, open_library, search_sqlite
from dsrdraft.store.library import _Filters

# Words whose stems are not their own stems ("developmental" -> "development", which porter
# stems to "develop"), words sharing long prefixes, and digits.
EXTRA = ["Developmental and interoperable systems, internationally interconnected.",
         "Interoperability of international internet registries in 2024 and 2025.",
         "Recognisable rights; recognition of the intergovernmental mechanisms.",
         "Zyxwv1 alone."]


def _initiative(n: int, texts: list[str]) -> Initiative:
    return Initiative(id="", title=f"Prefix {n}", language="en", year=2020 + n, clauses=tuple(
        Clause(str(k + 1), "", t, "en") for k, t in enumerate(texts)))


@pytest.fixture(scope="module")
def library_path(tmp_path_factory) -> Path:
    """A library whose word index has pages of FTS5's smallest size (terms and doclists over
    many pages) in several segments, one an import removed again."""
    path = tmp_path_factory.mktemp("prefix") / "library.sqlite"
    with open_library(str(path), seed=False) as library:
        library.import_initiative(_initiative(0, EXTRA), id="prefix-0")
        with library.engine.begin() as conn:
            conn.exec_driver_sql("INSERT INTO clause_fts(clause_fts, rank) VALUES ('pgsz', 64)")
        library.import_initiative(bundled_initiative("obor-digital-economy-2017"), id="obor")
        library.import_initiative(_initiative(1, EXTRA[:2]), id="prefix-1")
        library.import_initiative(bundled_initiative("beijing-initiative-2023"), id="beijing")
        library.delete("prefix-1")
    return path


def _vocabulary(db: sqlite3.Connection) -> list[str]:
    db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab USING fts5vocab(main, "
               "clause_fts, row)")
    return [r[0] for r in db.execute("SELECT term FROM temp.vocab ORDER BY term")]


def _prefixes(terms: list[str]) -> list[str]:
    return sorted({t[:n] for t in terms for n in range(1, 7) if len(t) >= n} | {"zz", "q"})


@pytest.mark.parametrize("optimized", [False, True])
def test_the_terms_read_from_the_pages_are_fts5s_vocabulary(library_path, tmp_path, optimized):
    db = sqlite3.connect(library_path)
    if optimized:  # one segment, as after `library optimize`
        db.close()
        copy = tmp_path / "optimized.sqlite"
        copy.write_bytes(library_path.read_bytes())
        db = sqlite3.connect(copy)
        db.execute("INSERT INTO clause_fts(clause_fts) VALUES ('optimize')")
    segments = db.execute("SELECT count(DISTINCT segid) FROM clause_fts_idx").fetchone()[0]
    pages = db.execute("SELECT count(*) FROM clause_fts_data").fetchone()[0]
    assert (segments == 1) if optimized else segments > 2
    assert pages > 200  # (terms over many pages: not a test of one page)
    vocabulary = _vocabulary(db)
    gone: set[str] = set()
    for prefix in _prefixes(vocabulary):
        wanted = [t for t in vocabulary if t.startswith(prefix)]
        read = fts5_terms.prefix_terms(db, "clause_fts", prefix, 10 ** 6)
        assert read is not None and set(wanted) <= set(read) and read == sorted(read), prefix
        gone.update(set(read) - set(wanted))
    # Read but not in the vocabulary: the terms of the removed import alone (its year), still
    # on pages as deletions until a merge; asked for, they find nothing.
    assert gone == (set() if optimized else {"y2021"})
    for term in gone:
        assert db.execute("SELECT count(*) FROM clause_fts WHERE clause_fts MATCH ?",
                          (f'"{search_sqlite._word_for(term)}"',)).fetchone() == (0,)
    assert fts5_terms.prefix_terms(db, "clause_fts", "d", 3) is None  # more than asked for
    db.close()


def test_a_prefix_finds_the_rows_fts5s_prefix_finds(library_path):
    db = sqlite3.connect(library_path)
    asked = expanded = 0
    for prefix in _prefixes(_vocabulary(db)):
        if not re.fullmatch("[a-z0-9]+", prefix):
            continue
        asked += 1
        match = search_sqlite.prefix_match(db, prefix + "*")
        expanded += match.startswith("(")
        rows = [db.execute("SELECT rowid FROM clause_fts WHERE clause_fts MATCH ? "
                           "ORDER BY rowid DESC", (f"text : ({m})",)).fetchall()
                for m in (f'"{prefix}"*', match)]
        assert rows[0] == rows[1], prefix
    assert expanded > 0.9 * asked > 300
    # A term that is not its own stem is asked as a word that stems to it.
    assert '"developmental"' in search_sqlite.prefix_match(db, "develop*")
    db.close()


def test_searches_with_prefixes_are_as_with_fts5s_prefix(library_path, monkeypatch):
    queries = [("develop*", {}), ("interop*", {}), ("inter* rights", {}), ("econom*", {}),
               ("recog*", {"year": 2020}), ("cooper* digit*", {"language": "en"}),
               ("Digit*", {"kind": "operative"}), ("zyx*", {})]
    monkeypatch.setattr(search_sqlite.q, "RANK_WINDOW", 5)  # more matches than ranked
    with open_library(str(library_path), seed=False) as library:
        now = [library.search(q, limit=50, **f) for q, f in queries]
        monkeypatch.setattr(fts5_terms, "prefix_terms", lambda *args: None)  # FTS5's prefix
        assert [library.search(q, limit=50, **f) for q, f in queries] == now
    assert sum(len(hits) == 5 for hits in now) >= 4  # windows full


def test_a_write_transaction_asks_fts5_for_its_prefixes(tmp_path):
    """Entries an open write transaction added may not be on FTS5's pages yet (FTS5 holds
    them in memory until a statement that needs a savepoint, or the commit: here a row
    inserted alone): a search on that connection asks FTS5's prefix (the new word is found),
    not the terms on the pages."""
    with open_library(str(tmp_path / "w.sqlite"), seed=False) as library:
        library.import_initiative(_initiative(0, EXTRA), id="prefix-0")
        with library._write() as conn:
            new = conn.exec_driver_sql(
                "INSERT INTO clauses(initiative_id, position, number, heading, text, language, "
                "is_translation, has_cjk) SELECT initiative_id, 100, '100', '', 'Zyxwv2 too.', "
                "language, 0, 0 FROM clauses WHERE text = 'Zyxwv1 alone.'").lastrowid
            conn.exec_driver_sql("INSERT INTO clause_fts(rowid, text, tags) "
                                 "VALUES (?, 'Zyxwv2 too.', 'len')", (new,))
            assert fts5_terms.prefix_terms(conn.connection.driver_connection, "clause_fts",
                                           "zyxw", 10) == ["zyxwv1"]  # not on pages yet
            found = search_sqlite.word_group(conn, ("zyxw*",), _Filters(None, None, None, None),
                                             10)
        assert len(found) == 2
        assert len(library.search("zyxw*")) == 2


def test_a_leaf_page_is_read_as_fts5_writes_it_or_refused():
    """Two terms, the second keeping a byte of the first; terms out of order are refused (the
    caller then asks FTS5's prefix)."""
    def page(second: bytes) -> bytes:
        body = bytes([2]) + b"0a" + bytes([1, len(second)]) + second  # at 4, then at 7
        return bytes([0, 0, 0, 4 + len(body)]) + body + bytes([4, 3])

    assert fts5_terms.page_terms(page(b"b")) == [b"0a", b"0b"]
    with pytest.raises(ValueError):
        fts5_terms.page_terms(page(b"a"))  # the same term again


def test_a_structure_record_is_read_to_its_end_or_refused(library_path):
    """The segments of the structure record are all of them (those with `_idx` rows); a
    record not read to its end is refused, not read as fewer segments."""
    db = sqlite3.connect(library_path)
    record = db.execute("SELECT block FROM clause_fts_data WHERE id = 10").fetchone()[0]
    listed = {r[0] for r in db.execute("SELECT DISTINCT segid FROM clause_fts_idx")}
    db.close()
    assert {segment for segment, _, _ in fts5_terms.segments(record)} == listed
    with pytest.raises(ValueError):
        fts5_terms.segments(record + bytes([0]))
