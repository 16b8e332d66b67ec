"""Searching the clause library: stemmed words, Chinese trigrams and short terms, filters.

Every test runs on both backends (a SQLite file with FTS5, a real PostgreSQL server with
tsvector and pg_trgm): same hits, same order, same snippets."""

from __future__ import annotations

import dataclasses

import pytest

from dsrdraft.bundled import bundled_initiative
from dsrdraft.model import Clause, Initiative, Translation
from dsrdraft.store import MARK_CLOSE, MARK_OPEN, SearchHit, open_library
from dsrdraft.store.query import ParsedQuery, fts_and, parse_query


def proposal_2017():  # the raw 2017 text, parsed as the library seeds it
    return bundled_initiative("obor-digital-economy-2017")


def beijing_2023():
    return bundled_initiative("beijing-initiative-2023")

# Chinese original of clause 1 of the 2017 proposal (宽带 = broadband), added to the sample's
# clauses 3, 4 and 8 so that two-character terms have something to find.
ZH_1 = ("扩大宽带接入,提高宽带质量。建设和完善区域通信、互联网、卫星导航等重要信息基础设施,"
        "促进互联互通,探索以可负担的价格扩大高速互联网接入和连接的举措,促进宽带网络覆盖,"
        "提高服务能力和质量。")


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def lib(request, tmp_path_factory):
    if request.param == "sqlite":
        url = str(tmp_path_factory.mktemp("search") / "library.sqlite")
    else:
        url = request.getfixturevalue("pg_database")("search")
    library = open_library(url, seed=False)
    proposal = proposal_2017()
    proposal = dataclasses.replace(
        proposal, translations={"zh": (Translation("1", ZH_1), *proposal.translations["zh"])})
    library.import_initiative(proposal, id="obor-2017")
    library.import_initiative(beijing_2023(), id="beijing-2023")
    library.import_initiative(Initiative(
        id="", title="Déclaration de São Tomé", language="fr",
        clauses=(Clause("1", "Coopération.", "Coopération numérique à São Tomé et Príncipe.",
                        "fr"),),
        year=2024), id="sao-tome-2024")
    yield library
    library.close()


def keys(hits: list[SearchHit]) -> list[tuple[str, str, str]]:
    return [(h.id, h.number, h.language) for h in hits]


def test_broadband_ranks_the_broadband_clause_first(lib):
    hits = lib.search("broadband")
    # Clause 1 of 2017 says "broadband" three times, the others once.
    assert keys(hits)[0] == ("obor-2017", "1", "en")
    containing = {(i.id, c.number, "en") for i in (lib.get("obor-2017"), lib.get("beijing-2023"))
                  for c in i.clauses if "broadband" in c.text.lower()}
    assert set(keys(hits)) == containing and len(containing) >= 3
    assert hits[0].score > hits[1].score > 0
    assert hits == sorted(hits, key=lambda h: -h.score)
    assert hits[0].title == proposal_2017().title and hits[0].year == 2017


def test_words_are_anded_and_case_insensitive(lib):
    hits = lib.search("CONSUMER Protection")
    assert ("obor-2017", "3", "en") in keys(hits)
    for hit in hits:
        assert "consumer" in hit.text.lower() and "protection" in hit.text.lower()


def test_prefix_and_whole_words(lib):
    assert lib.search("broadb") == []  # words match whole ...
    assert keys(lib.search("broadb*"))[:1] == [("obor-2017", "1", "en")]  # ... or as prefix


def test_hyphenated_word_and_diacritics(lib):
    assert ("obor-2017", "3", "en") in keys(lib.search("e-commerce"))
    # the 2023 preamble names Sao Tome and Principe among the proposing states
    assert keys(lib.search("sao tome")) == [("sao-tome-2024", "1", "fr"),
                                            ("beijing-2023", "PP1", "en")]
    assert keys(lib.search("COOPÉRATION numerique")) == [("sao-tome-2024", "1", "fr")]


@pytest.mark.parametrize(("query", "numbers"), [
    ("电子商务", {"3", "8"}),         # 4 characters: trigram index
    ("消费者保护", {"3"}),
    ("数字丝绸之路", {"8"}),
    ("宽带", {"1"}),                  # 2 characters: LIKE fallback
    ("合作", {"3", "8"}),
    ("创", {"4"}),                    # 1 character
    ("宽带 质量", {"1"}),             # short terms ANDed
    ("电子商务 医疗", {"8"}),         # trigram term AND short term
    ("互联网 创业创新", {"4"}),
])
def test_chinese_terms(lib, query, numbers):
    hits = lib.search(query)
    assert {h.number for h in hits} == numbers
    assert {(h.id, h.language) for h in hits} == {("obor-2017", "zh")}
    for hit in hits:
        for term in query.split():
            assert term in hit.text
            assert f"{MARK_OPEN}{term}" in hit.snippet or term not in hit.snippet


def test_chinese_snippets_highlight(lib):
    (hit,) = [h for h in lib.search("电子商务") if h.number == "3"]
    assert f"{MARK_OPEN}电子商务{MARK_CLOSE}" in hit.snippet
    (hit,) = lib.search("宽带")
    assert hit.snippet.count(f"{MARK_OPEN}宽带{MARK_CLOSE}") == 3
    assert hit.score > 0


def test_english_snippet_highlights_and_is_short(lib):
    hit = lib.search("quarantine")[0]
    assert f"{MARK_OPEN}quarantine{MARK_CLOSE}" in hit.snippet
    assert len(hit.snippet) < len(hit.text)
    assert "[" not in hit.snippet


def test_mixed_query_finds_both_languages(lib):
    hits = lib.search("broadband 宽带")
    assert ("obor-2017", "1", "en") in keys(hits)
    assert ("obor-2017", "1", "zh") in keys(hits)


@pytest.mark.parametrize(("filters", "expected_ids"), [
    ({"initiative": "beijing-2023"}, {"beijing-2023"}),
    ({"year": 2017}, {"obor-2017"}),
    ({"year": 1999}, set()),
    ({"language": "en"}, {"obor-2017", "beijing-2023"}),
    ({"language": "zh"}, set()),
    ({"initiative": "no-such-id"}, set()),
])
def test_filters(lib, filters, expected_ids):
    hits = lib.search("digital", limit=100, **filters)
    assert {h.id for h in hits} == expected_ids


def test_filters_on_chinese(lib):
    assert {h.language for h in lib.search("合作", language="zh")} == {"zh"}
    assert lib.search("合作", language="en") == []
    assert lib.search("电子商务", year=2023) == []
    assert len(lib.search("电子商务", initiative="obor-2017")) == 2


def test_limit_and_offset_page_through_results(lib):
    everything = lib.search("digital", limit=100)
    assert len(everything) > 10
    pages = lib.search("digital", limit=5) + lib.search("digital", limit=5, offset=5)
    assert keys(pages) == keys(everything[:10])
    assert lib.search("digital", limit=0) == []


@pytest.mark.parametrize("query", [
    "", "   ", '"', '""', "AND", "OR NOT", "(", ")", "-", "*", "^", ":", "NEAR(a b)",
    'digital"', "col:umn", "a AND (b OR", "'; DROP TABLE clauses; --", "%", "_", "\\",
    "«»", "[shall][should]", "。", "“”", "宽带%", "broadband -digital", "\x00", "e-*",
])
def test_hostile_queries_never_raise(lib, query):
    hits = lib.search(query)
    assert isinstance(hits, list)
    if query.strip() in ("", "-", "*", "^", ":", '"', '""', "(", ")", "%", "_", "\\", "«»",
                         "。", "“”", "\x00"):
        assert hits == []
    assert lib.count_clauses() == 36  # nothing dropped


def test_operators_are_searched_as_words(lib):
    # "AND" is a word here, not an operator: clauses containing "and" and "digital".
    hits = lib.search("digital AND", limit=100)
    assert hits and all(" and " in h.text.lower() for h in hits)


@pytest.mark.parametrize(("query", "expected"), [
    ("broadband", ParsedQuery(words=("broadband",))),
    ('"digital" (economy)', ParsedQuery(words=("digital", "economy"))),
    ("digit* 电子商务 宽带", ParsedQuery(("digit*",), ("电子商务",), ("宽带",))),
    ("互联网+", ParsedQuery((), ("互联网",))),
    ("AI宽带", ParsedQuery(("AI",), (), ("宽带",))),
    ("- * ( )", ParsedQuery()),
])
def test_parse_query(query, expected):
    assert parse_query(query) == expected


def test_fts_phrases_are_quoted():
    assert fts_and(('say"hi', "digit*")) == '"say""hi" AND "digit"*'


def test_like_scan_fallback_agrees_with_fts(lib):
    from dsrdraft.store.library import _Filters
    for query in ("broadband", "consumer protection", "电子商务", "宽带"):
        fts = {(h.id, h.number, h.language) for h in lib.search(query, limit=100)}
        scan = lib._search_scan(parse_query(query), _Filters(None, None, None), 100, 0)
        assert {(h.id, h.number, h.language) for h in scan} == fts
        assert all(MARK_OPEN in h.snippet for h in scan)


def test_index_follows_imports_after_reopening(backend_url):
    path = backend_url
    with open_library(path, seed=False) as library:
        library.import_initiative(proposal_2017(), id="a")
    with open_library(path, seed=False) as library:
        assert keys(library.search("broadband"))[:1] == [("a", "1", "en")]
        library.import_initiative(beijing_2023(), id="b")
        assert {h.id for h in library.search("broadband")} == {"a", "b"}
        assert library.full_text


@pytest.mark.parametrize(("query", "other"), [
    ("digital divide", "digital divides"),
    ("bridging the divides", "bridge divide"),
    ("cooperations numériques", "coopération numérique"),
])
def test_stemming_folds_plurals_both_ways(lib, query, other):
    # 2023 clause 13: "Bridge the digital divides"; 2017 clause 9: "...the digital divide"
    hits = set(keys(lib.search(query, limit=100)))
    assert hits and hits == set(keys(lib.search(other, limit=100)))


def test_digital_divide_finds_both_forms(lib):
    found = {(h.id, h.number) for h in lib.search("digital divide", limit=100)}
    assert ("beijing-2023", "13") in found  # "digital divides"
    hit = next(h for h in lib.search("digital divide") if (h.id, h.number) == ("beijing-2023", "13"))
    assert f"{MARK_OPEN}divides{MARK_CLOSE}" in hit.snippet


def test_french_plural_folding(lib):
    # "Coopération numérique à São Tomé…": French plurals in -s fold like English ones
    assert keys(lib.search("coopérations numériques")) == [("sao-tome-2024", "1", "fr")]
    assert keys(lib.search("numériques")) == [("sao-tome-2024", "1", "fr")]


def test_preambular_paragraphs_are_searched_and_filtered_by_kind(lib):
    hits = lib.search("sao tome", limit=100)
    assert ("beijing-2023", "PP1", "en") in keys(hits)
    assert {h.kind for h in hits} == {"operative", "preambular"}
    assert keys(lib.search("sao tome", kind="preambular")) == [("beijing-2023", "PP1", "en")]
    assert keys(lib.search("sao tome", kind="operative")) == [("sao-tome-2024", "1", "fr")]
    assert lib.search("sao tome", kind="annex") == []
    assert {h.kind for h in lib.search("合作")} == {"translation"}


def test_division_headings_and_annexes_are_searched(backend_url):
    from dsrdraft.model import Division, DivisionKind, UnitKind

    treaty = Initiative(
        id="", title="Treaty on Data Flows", language="en", year=2025,
        clauses=(Clause("4.1", "Parties", "Parties shall cooperate.", path=("Article 4",)),
                 Clause("Annex I.1", "Lists", "Lists of contact points for interoperability.",
                        kind=UnitKind.ANNEX, path=("Annex I",))),
        divisions=(Division(DivisionKind.ARTICLE, "Article 4", "Cross-border data flows",
                            "Article 4", 0),
                   Division(DivisionKind.ANNEX, "Annex I", "Contact points", "Annex I", 1)))
    with open_library(backend_url, seed=False) as library:
        library.import_initiative(treaty, id="treaty")
        assert library.get("treaty").clauses == treaty.clauses  # heading rows are no units
        (hit,) = library.search("cross-border flow")
        assert (hit.number, hit.kind, hit.text) == ("Article 4", "heading",
                                                    "Cross-border data flows")
        assert {(h.number, h.kind) for h in library.search("contact points")} == {
            ("Annex I", "heading"), ("Annex I.1", "annex")}
        assert keys(library.search("contact point", kind="annex")) == [
            ("treaty", "Annex I.1", "en")]
        assert library.count_clauses() == 2


def test_a_query_matching_more_than_the_window_is_ranked_over_the_most_recent(lib, monkeypatch):
    from dsrdraft.store import query

    everything = lib.search("digital", limit=100)
    monkeypatch.setattr(query, "RANK_WINDOW", 5)
    windowed = lib.search("digital", limit=100)
    # The 5 most recent matches (the last imported) are ranked, in the order of the full ranking.
    assert len(everything) > 5 and len(windowed) == 5
    assert [h for h in everything if h in windowed] == windowed
    assert {h.id for h in windowed} == {"beijing-2023"}  # imported after obor-2017


def test_quoted_words_are_a_phrase(lib):
    apart = lib.search("international cooperation", limit=100)
    together = lib.search('"international cooperations"', limit=100)  # stemmed as words are
    assert together and len(together) < len(apart)
    assert {h.number for h in together} < {h.number for h in apart} | {"PP1"}
    for hit in together:
        assert "international cooperation" in hit.text.lower()
        assert "«international cooperation»" in hit.snippet.lower()
    assert parse_query('"digital divide" 宽带') == ParsedQuery(("digital divide",), (), ("宽带",))
    assert parse_query('"bridge  the" gap "x') == ParsedQuery(("bridge the", "gap", "x"))


@pytest.mark.parametrize("query", ["broadband", "digital", "cooperation", "econom*",
                                   "data security", '"digital economy"', "coopération",
                                   "develop* countries"])
@pytest.mark.parametrize("filters", [{}, {"language": "en"}, {"kind": "operative"},
                                     {"language": "en", "kind": "operative", "year": 2017}])
@pytest.mark.parametrize("fts5_ranks", [False, True])
def test_the_ranking_is_fts5s_bm25(lib, monkeypatch, query, filters, fts5_ranks):
    """SQLite ranks the window itself with FTS5's bm25 formula (search_sqlite.word_group):
    the order of FTS5's bm25 function over the same matches, ties by id; the same scores where
    every match is seen (here every query: the library is small), a filtered prefix or phrase
    alone aside (its idf is estimated: a common factor)."""
    if lib.dialect != "sqlite":
        pytest.skip("a SQLite FTS5 path")
    from sqlalchemy import text

    from dsrdraft.store import search_sqlite
    from dsrdraft.store.library import _Filters

    # Either path: FTS5's own bm25 for one plain word, or the window ranked here.
    monkeypatch.setattr(search_sqlite, "BM25_COUNTED", 10 ** 9 if fts5_ranks else 0)
    parsed = parse_query(query)
    match = search_sqlite.match_expression(parsed.words, _Filters(**{
        "initiative": None, "year": None, "language": None, "kind": None, **filters}))
    with lib.engine.connect() as conn:
        expected = [(r[0], -r[1]) for r in conn.execute(text(
            "SELECT rowid, rank FROM clause_fts WHERE clause_fts MATCH :m ORDER BY rank"),
            {"m": match})]
        by_id = {r[0]: r[1] for r in conn.execute(text("SELECT c.id, c.initiative_id || ' ' "
                                                       "|| c.number || ' ' || c.language "
                                                       "FROM clauses c")).all()}
    expected.sort(key=lambda hit: (-round(hit[1], 9), hit[0]))
    hits = lib.search(query, limit=100, **filters)
    assert expected and len(hits) == len(expected)
    assert [f"{h.id} {h.number} {h.language}" for h in hits] == [by_id[i] for i, _ in expected]
    estimated = filters and len(parsed.words) == 1 and (
        parsed.words[0].endswith("*") or " " in parsed.words[0])
    if not estimated:
        assert [h.score for h in hits] == pytest.approx([s for _, s in expected], rel=1e-9)


@pytest.mark.parametrize("query", ["digital", "cooperation", "econom*", "data security",
                                   '"digital economy"'])
@pytest.mark.parametrize("filters", [{}, {"language": "en"}])
def test_a_full_window_is_ordered_as_fts5s_bm25_orders_it(lib, monkeypatch, query, filters):
    """A query matching more than the window: its newest RANK_WINDOW matches, in the order
    FTS5's bm25 function gives them (their document frequencies estimated, not counted)."""
    if lib.dialect != "sqlite":
        pytest.skip("a SQLite FTS5 path")
    from sqlalchemy import text

    from dsrdraft.store import query as query_module
    from dsrdraft.store import search_sqlite
    from dsrdraft.store.library import _Filters

    monkeypatch.setattr(search_sqlite, "BM25_COUNTED", 0)
    match = search_sqlite.match_expression(parse_query(query).words, _Filters(**{
        "initiative": None, "year": None, "language": None, "kind": None, **filters}))
    with lib.engine.connect() as conn:
        every = [r[0] for r in conn.execute(text(
            "SELECT rowid FROM clause_fts WHERE clause_fts MATCH :m ORDER BY rowid DESC"),
            {"m": match})]
        window = max(2, len(every) // 2)
        newest = every[:window]
        expected = conn.execute(text(
            "SELECT rowid, rank FROM clause_fts WHERE clause_fts MATCH :m AND rowid >= :low "
            "ORDER BY rank"), {"m": match, "low": min(newest)}).all()
        names = dict(conn.execute(text("SELECT id, initiative_id || ' ' || number || ' ' || "
                                       "language FROM clauses")).all())
    expected.sort(key=lambda r: (round(r[1], 9), r[0]))
    monkeypatch.setattr(query_module, "RANK_WINDOW", window)
    hits = lib.search(query, limit=100, **filters)
    assert len(every) > window and len(hits) == window
    assert [f"{h.id} {h.number} {h.language}" for h in hits] == [names[r[0]] for r in expected]


def test_the_stemmer_is_fts5s(tmp_path):
    """porter() stems every word of the bundled texts and the real corpus as FTS5 does (the
    ranking counts a word's occurrences by it)."""
    import re
    import sqlite3
    from pathlib import Path

    from dsrdraft.store.porter import porter
    from dsrdraft.store.search_sqlite import _TOKEN, _fold

    root = Path(__file__).resolve().parent.parent
    words: set[str] = set()
    for path in [*(root / "resources" / "library").glob("*.md"),
                 *(root / "tests" / "corpus" / "real").glob("*.md")]:
        words.update(re.findall(_TOKEN, _fold(path.read_text(encoding="utf-8")).lower()))
    words.update(["caresses", "ponies", "agreed", "hopping", "filing", "happy", "relational",
                  "conditional", "digitizer", "triplicate", "formative", "electrical",
                  "adjustment", "adoption", "controll", "roll", "generalization", "sky"])
    ordered = sorted(words)
    db = sqlite3.connect(tmp_path / "stems.sqlite")
    db.execute("CREATE VIRTUAL TABLE w USING fts5(x, tokenize='porter unicode61 "
               "remove_diacritics 2')")
    db.execute("CREATE VIRTUAL TABLE v USING fts5vocab(w, instance)")
    db.executemany("INSERT INTO w(rowid, x) VALUES (?, ?)", list(enumerate(ordered)))
    stems = dict(db.execute("SELECT doc, term FROM v").fetchall())
    db.close()
    assert len(ordered) > 3000
    assert [w for n, w in enumerate(ordered) if stems.get(n) != porter(w)] == []


@pytest.mark.parametrize("query", ["digital", "cooperation", "econom*", "data security",
                                   '"digital economy"', "develop* countries", "the"])
@pytest.mark.parametrize("filters", [{}, {"language": "en"}])
def test_the_best_few_are_the_first_of_all_ranked(lib, monkeypatch, query, filters):
    """A small limit scores exactly only the clauses whose bound can still reach the best
    (search_sqlite._best): the same hits, scores and order as the first of all ranked."""
    if lib.dialect != "sqlite":
        pytest.skip("a SQLite FTS5 path")
    from dsrdraft.store import search_sqlite

    monkeypatch.setattr(search_sqlite, "BM25_COUNTED", 0)  # every query ranked here
    everything = lib.search(query, limit=100, **filters)
    assert len(everything) > 4
    scored = search_sqlite._score
    calls = []

    def counted(*args):
        calls.append(args)
        return scored(*args)

    monkeypatch.setattr(search_sqlite, "_score", counted)
    for limit in range(1, len(everything)):
        assert lib.search(query, limit=limit, **filters) == everything[:limit]
    if query != "the":  # its lead, "t", bounds nothing: every clause is scored
        assert len(calls) < (len(everything) - 1) * len(everything)  # not all scored



def _import_copies(library, title: str, texts: list[str], copies: int) -> None:
    """`copies` initiatives holding the same `texts`, one a year from 2020."""
    for n in range(copies):
        library.import_initiative(Initiative(
            id="", title=f"{title} {n}", language="en", year=2020 + n,
            clauses=tuple(Clause(str(k + 1), "", t, "en") for k, t in enumerate(texts))),
            id=f"{title.lower()}-{n}")

def test_ties_of_the_best_few_go_to_the_first_imported(tmp_path, monkeypatch):
    """Clauses of the same score, some never scored exactly: the lowest ids first, as when
    every clause is scored."""
    from dsrdraft.store import search_sqlite

    monkeypatch.setattr(search_sqlite, "BM25_COUNTED", 0)
    texts = ["Digital trade rules.", "Digital digital trade.", "Trade in digital goods.",
             "Digital trade rules.", "Digital services and digital trade.",
             "Digital trade rules.", "Trade rules.", "Digital trade rules.",
             # the same score as "… rules", a higher bound ("tra" twice): scored first
             "Digital trade travels.", *(f"Other matter {n}." for n in range(12))]
    with open_library(str(tmp_path / "ties.sqlite"), seed=False) as library:
        _import_copies(library, "Ties", texts, 3)
        everything = library.search("digital trade", limit=100)
        assert len(everything) == 3 * 8
        for limit in range(1, len(everything)):
            assert library.search("digital trade", limit=limit) == everything[:limit]
        same = [h for h in everything if h.text.startswith("Digital trade r")
                or h.text.startswith("Digital trade t")]
        assert len({h.score for h in same}) == 1 and len(same) == 15
        ranks = [everything.index(h) for h in same]
        assert ranks == sorted(ranks)


def test_texts_folded_by_decomposing_are_bounded_too(tmp_path, monkeypatch):
    """Clauses whose text NFKD changes (accents, no-break spaces, ellipses, ligatures) are
    bounded by their folded text like any other, not all scored: the same hits, scores and
    order at every limit as the first of all ranked."""
    from dsrdraft.store import search_sqlite

    monkeypatch.setattr(search_sqlite, "BM25_COUNTED", 0)
    texts = ["Digital trade\u00a0rules for cooperation.", "Coopération digital trade, "
             "digital trade…", "Digital ﬁnance and digital trade.", "Trade: digital\u00a0"
             "trade, digital trade, digital trade.", "Digital trade rules.",
             "Digital café trade and more digital trade.",
             # its word found more often folded than as stored: a bound on the stored text
             # (one "resol") would rank it below the clauses it beats
             "Résolution, résolution: résolution and resolution on the many matters of the "
             "common interest of all.", "The resolution on trade.",
             *(f"Other matter {n}." for n in range(9))]
    with open_library(str(tmp_path / "folded.sqlite"), seed=False) as library:
        _import_copies(library, "Folded", texts, 4)
        for query in ("digital trade", '"digital trade"', "digit*", "cooperation",
                      "resolution"):
            everything = library.search(query, limit=100)
            assert everything
            scored = search_sqlite._score
            calls = []

            def counted(*args, scored=scored, calls=calls):
                calls.append(args)
                return scored(*args)

            monkeypatch.setattr(search_sqlite, "_score", counted)
            for limit in range(1, len(everything)):
                assert library.search(query, limit=limit) == everything[:limit], query
            monkeypatch.setattr(search_sqlite, "_score", scored)
            if len(everything) > 8:
                assert len(calls) < (len(everything) - 1) * len(everything), query


def test_a_terms_leads_bound_its_occurrences():
    """Every occurrence of a word, prefix or phrase starts each of its words at a token's
    start with that word's lead, so a lead's count (str.count) is never below the term's
    (the bound search_sqlite._best ranks by before scoring exactly)."""
    import re
    from pathlib import Path

    from dsrdraft.store.search_sqlite import _TOKEN, _fold, _Term

    root = Path(__file__).resolve().parent.parent
    texts = [_fold(paragraph) for path in [*(root / "resources" / "library").glob("*.md"),
                                           *(root / "tests" / "corpus" / "real").glob("*.md")]
             for paragraph in path.read_text(encoding="utf-8").split("\n\n")]
    words = sorted({w for t in texts for w in re.findall(_TOKEN, t)})
    pairs = sorted({" ".join(tokens[n:n + 2]) for t in texts[::7]
                    for tokens in [re.findall(_TOKEN, t)] for n in range(len(tokens) - 1)})
    terms = [*words[::8], *(w[:4] + "*" for w in words[::29]), *pairs[::13],
             *(p + "*" for p in pairs[::61])]
    assert len(terms) > 1000
    below = []
    for n, word in enumerate(terms):
        term = _Term(word)
        for t in texts[n % 4::4]:  # a quarter of the paragraphs for each term
            found = term.count(t)
            if found and found > min(t.count(lead) for lead in term.leads):
                below.append((word, t[:60]))
    assert below == []


def test_a_phrase_counts_as_when_every_word_after_the_first_was_stemmed():
    """A phrase's pattern asks each word after the first to start with its lead (so the
    regular expression turns candidates away): the same occurrences, counts and places as
    capturing any token after the first and comparing stems, on phrases and prefix phrases
    of the bundled texts and the real corpus."""
    import re
    from pathlib import Path

    from dsrdraft.store.search_sqlite import _SEPARATOR, _TOKEN, _fold, _Term

    root = Path(__file__).resolve().parent.parent
    texts = [_fold(paragraph) for path in [*(root / "resources" / "library").glob("*.md"),
                                           *(root / "tests" / "corpus" / "real").glob("*.md")]
             for paragraph in path.read_text(encoding="utf-8").split("\n\n")]
    phrases = sorted({" ".join(tokens[n:n + size]) for t in texts[::5]
                      for tokens in [re.findall(_TOKEN, t)] for size in (2, 3)
                      for n in range(0, len(tokens) - size, 3)})
    terms = [*phrases[::9], *(p[:-1] + "*" for p in phrases[::31] if len(p) > 4)]
    assert len(terms) > 1000
    counted = 0
    for n, word in enumerate(terms):
        term, before = _Term(word), _Term(word)
        lead = re.escape(before.leads[0])
        before.pattern = re.compile(f"({lead}(?<![^\\W_]{lead})[^\\W_]*)(?=" + "".join(
            f"{_SEPARATOR}({_TOKEN})" for _ in before.stems[1:]) + ")")
        assert term.pattern.pattern != before.pattern.pattern
        for t in texts[n % 6::6]:
            found = term.count(t)
            assert found == before.count(t), (word, t[:60])
            assert term.occurrences(t) == before.occurrences(t)
            counted += found
    assert counted > 500


def test_word_samples_follow_the_library(tmp_path):
    """The document frequencies a connection keeps (search_sqlite._frequencies) are those of
    the library as it is: after an import, the scores of a fresh connection."""
    def initiative(n: int, texts: list[str]) -> Initiative:
        return Initiative(id="", title=f"Samples {n}", language="en", year=2020, clauses=tuple(
            Clause(str(k + 1), "", t, "en") for k, t in enumerate(texts)))

    path = str(tmp_path / "samples.sqlite")
    with open_library(path, seed=False) as library:
        library.import_initiative(initiative(0, ["Digital trade rules.", "Trade rules.",
                                                 *(f"Other matter {n}." for n in range(9))]),
                                  id="samples-0")
        before = library.search("digital trade")
        library.import_initiative(initiative(1, ["Digital economy.", "Digital skills.",
                                                 "Digital trade."]), id="samples-1")
        after = library.search("digital trade")
    with open_library(path, seed=False) as fresh:
        assert fresh.search("digital trade") == after
    assert before[0].score != after[0].score  # "digital" is commoner now


def test_optimize_merges_the_search_indexes_with_the_same_hits(tmp_path):
    """Each import leaves segments in the search indexes (a phrase or a common word's lookup
    seeks every one); `optimize`, the step after a bulk import, merges each into one, and
    every query finds the same hits, in the same order, with the same snippets."""
    library = open_library(f"sqlite:///{tmp_path / 'bulk.sqlite'}", seed=False)
    base = proposal_2017()
    for n in range(4):  # one transaction each: a segment each
        library.import_initiative(dataclasses.replace(base, title=f"Copy {n}"), id=f"copy-{n}")
    library.import_initiative(beijing_2023(), id="beijing")

    def segments() -> dict[str, int]:
        with library.engine.connect() as conn:
            return {name: conn.exec_driver_sql(
                f"SELECT count(DISTINCT segid) FROM {name}_idx").scalar_one()
                for name in ("clause_fts", "clause_bigram")}

    queries = ["digital economy", '"digital silk road"', "cooperat*", "数字经济", "电子",
               "broadband year:2017"]
    before = [library.search(q, limit=50) for q in queries]
    assert segments()["clause_fts"] > 1
    assert library.optimize()
    assert set(segments().values()) == {1}
    assert [library.search(q, limit=50) for q in queries] == before
    assert sum(map(bool, before)) >= 4  # (not a test of nothing)
    library.close()
