"""Agreed-language finder on the real seed texts: spans worked out by hand from the two texts.

Library: only the 2017 proposal (with its Chinese clauses 3, 4 and 8). Draft: the 2023 Beijing
Initiative. What repeats from 2017 at 8 words or more, read by hand:

- 2023 clause 18 ← 2017 clause 13: "historical and cultural traditions, national legal systems,
  and national development strategies" (2017 has no comma after "systems"). Everything else is
  reworded ("supervision and management requirement" → "regulatory requirements"); the longest
  other repeat, "reduce, eliminate or prevent unnecessary differences in", is 7 words.
- 2023 clause 19 ← 2017 clause 14: "of a peaceful, secure, open, cooperative and orderly
  cyberspace" (2017: "ordered") and "promote the establishment of a multilateral, democratic
  and transparent international Internet governance system" (verbatim, 13 words). "the
  global nature of the Internet" is 6 words between reworded verbs: not a span.
- 2023 clause 9 (MSMEs) and 2017 clause 5 (small, mid-size and micro enterprises): same
  subject, reworded throughout; the longest repeat is "into global value chains".
- 2023 clause 16 (artificial intelligence): nothing from 2017.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dsrdraft.model import Initiative
from dsrdraft.parsing import parse_file
from dsrdraft.precedents import PrecedentFinder, find_precedents, index, similar_clauses
from dsrdraft.precedents.finder import spans_to_json
from dsrdraft.precedents.index import count_rows, segments
from dsrdraft.precedents.text import index_terms, shingles, tokenize
from dsrdraft.store import SCHEMA_VERSION, open_library

LIB_2017 = "resources/library/obor-digital-economy-2017.txt"
TEXT_2023 = "resources/library/beijing-initiative-2023.md"
ID_2017 = "obor-2017"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def library(request, tmp_path_factory):
    """The 2017 text in a library on each backend: the index and its results are the same."""
    if request.param == "sqlite":
        url = "sqlite:///" + str(tmp_path_factory.mktemp("prec") / "lib.sqlite")
    else:
        url = request.getfixturevalue("pg_database")("prec")
    lib = open_library(url, seed=False)
    lib.import_initiative(parse_file(LIB_2017), id=ID_2017)
    yield lib
    lib.close()


@pytest.fixture(scope="module")
def beijing() -> Initiative:
    return parse_file(TEXT_2023)


@pytest.fixture(scope="module")
def results(library, beijing):
    return {c.number: c for c in find_precedents(library, beijing)}


def _spans(results, number):
    return [(s.text, [(src.id, src.number) for src in s.sources]) for s in results[number].spans]


def test_clause_18_repeats_2017_clause_13_exactly_where_the_wording_repeats(results):
    assert _spans(results, "18") == [
        ("historical and cultural traditions, national legal systems, and national "
         "development strategies", [(ID_2017, "13")]),
    ]
    span = results["18"].spans[0]
    source = span.sources[0]
    assert source.text == ("historical and cultural traditions, national legal systems and "
                           "national development strategies")
    assert source.score > 0.98  # a comma apart


def test_clause_19_repeats_2017_clause_14_including_ordered_orderly(results):
    assert _spans(results, "19") == [
        ("of a peaceful, secure, open, cooperative and orderly cyberspace", [(ID_2017, "14")]),
        ("promote the establishment of a multilateral, democratic and transparent "
         "international Internet governance system", [(ID_2017, "14")]),
    ]
    near, verbatim = results["19"].spans
    assert near.sources[0].text == "of a peaceful, secure, open, cooperative and ordered cyberspace"
    assert 0.9 < near.sources[0].score < 1.0
    assert verbatim.sources[0].score == 1.0
    assert verbatim.words == 13


def test_offsets_point_into_the_original_clause_text(results, beijing):
    for clause in beijing.clauses:
        for span in results[clause.number].spans:
            assert clause.text[span.start:span.end] == span.text
            assert span.number == clause.number
    text_19 = beijing.clause("19").text
    first = results["19"].spans[0]
    assert (first.start, first.end) == (text_19.index("of a peaceful"),
                                        text_19.index("orderly cyberspace") + 18)


def test_topic_match_is_not_agreed_language_but_a_similar_clause(library, results, beijing):
    assert results["9"].spans == ()
    top = similar_clauses(library, beijing.clause("9").text, k=3)
    assert (top[0].id, top[0].number) == (ID_2017, "5")
    assert top[0].score > top[1].score


def test_artificial_intelligence_clause_has_no_spans(results):
    assert results["16"].spans == ()


def test_shorter_minimum_finds_the_seven_word_repeat(library, beijing):
    finder = PrecedentFinder(library, min_words=7)
    texts = [s.text for s in finder.find_text(beijing.clause("18").text, "18")]
    assert "reduce, eliminate or prevent unnecessary differences in" in texts


def test_edit_that_breaks_the_phrase_removes_its_span(library, beijing):
    finder = PrecedentFinder(library)
    original = beijing.clause("19").text
    phrase = ("promote the establishment of a multilateral, democratic and transparent "
              "international Internet governance system")
    assert phrase in [s.text for s in finder.find_text(original)]
    broken = original.replace("a multilateral, democratic and transparent international",
                              "an inclusive and representative")
    assert all("governance system" not in s.text for s in finder.find_text(broken))
    # a one-word insertion is still near-verbatim: the span stays, with a lower score
    inserted = original.replace("democratic and transparent", "democratic, effective and "
                                "transparent")
    kept = [s for s in finder.find_text(inserted) if "governance system" in s.text]
    assert kept and kept[0].text.startswith("promote the establishment")
    assert 0.8 < kept[0].score < 1.0


def test_chinese_text_against_the_2017_chinese_clauses(library):
    text = ("加强数字经济政策交流。鼓励通过有利和透明的法律框架,推动基于互联网的研发和创新,"
            "共同建设数字丝绸之路。")
    spans = PrecedentFinder(library).find_text(text, "1")
    assert [(s.text, [(x.id, x.number, x.language) for x in s.sources]) for s in spans] == [
        ("鼓励通过有利和透明的法律框架,推动基于互联网的研发和创新", [(ID_2017, "4", "zh")]),
    ]
    assert spans[0].sources[0].score == 1.0
    # too short to count: eight characters are not eight words
    assert PrecedentFinder(library).find_text("我们鼓励通过有利和透明的发展") == ()


def test_languages_do_not_cross(library):
    english = parse_file(LIB_2017).clause("4").text
    sources = {src.language for s in PrecedentFinder(library).find_text(english)
               for src in s.sources}
    assert sources == {"en"}


def test_spans_from_several_sources_merge(tmp_path, beijing):
    lib = open_library("sqlite:///" + str(tmp_path / "lib.sqlite"), seed=False)
    ini = parse_file(LIB_2017)
    lib.import_initiative(ini, id=ID_2017)
    copy = replace(ini, title="Copy of the 2017 proposal", translations={})
    lib.import_initiative(copy, id="copy")
    spans = PrecedentFinder(lib).find_text(beijing.clause("19").text, "19")
    assert len(spans) == 2
    for span in spans:
        assert {(s.id, s.number) for s in span.sources} == {(ID_2017, "14"), ("copy", "14")}
    lib.close()


def test_index_survives_restart_and_follows_deletes(tmp_path, beijing):
    url = "sqlite:///" + str(tmp_path / "lib.sqlite")
    lib = open_library(url, seed=False)
    lib.import_initiative(parse_file(LIB_2017), id=ID_2017)
    with lib._engine.connect() as conn:
        rows = count_rows(conn)
    assert rows > 500
    lib.close()
    lib = open_library(url, seed=False)
    with lib._engine.connect() as conn:
        assert count_rows(conn) == rows
    assert len(PrecedentFinder(lib).find_text(beijing.clause("19").text)) == 2
    lib.delete(ID_2017)
    with lib._engine.connect() as conn:
        assert count_rows(conn) == 0
    assert PrecedentFinder(lib).find_text(beijing.clause("19").text) == ()
    lib.close()


def test_optimize_merges_the_index_into_one_segment_with_the_same_results(backend_url,
                                                                          beijing):
    """Each import appends index segments (a lookup seeks every one); `optimize`, the step
    after a bulk import, merges them into one: every span and source stays the same, deletes
    and later imports still follow. On PostgreSQL (a B-tree) there is nothing to merge."""
    lib = open_library(backend_url, seed=False)
    ini = parse_file(LIB_2017)
    lib.import_initiative(ini, id=ID_2017)
    for n in range(3):  # one transaction each: one segment each
        lib.import_initiative(replace(ini, title=f"Copy {n}", translations={}), id=f"copy-{n}")
    before = spans_to_json(PrecedentFinder(lib).find_initiative(beijing))
    assert len(before) >= 3
    with lib.engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        assert segments(conn) == (4 if sqlite else 0)
    assert lib.optimize() is sqlite
    with lib.engine.connect() as conn:
        assert segments(conn) == (1 if sqlite else 0)
    assert spans_to_json(PrecedentFinder(lib).find_initiative(beijing)) == before
    assert lib.optimize() is False  # nothing left to merge
    lib.delete("copy-0")
    lib.import_initiative(replace(ini, title="Copy 3", translations={}), id="copy-3")
    after = spans_to_json(PrecedentFinder(lib).find_initiative(beijing))
    assert {(s["id"], s["number"]) for span in after for s in span["sources"]} == {
        (s["id"].replace("copy-0", "copy-3"), s["number"])
        for span in before for s in span["sources"]}
    lib.close()


def _fts5_lookups(lib, keys, max_postings=index.MAX_POSTINGS):
    """The index's answer for `keys` read from FTS5 alone (no stored lookups)."""
    with lib.engine.connect() as conn:
        conn.connection.info["dsr_frequent"] = False
        try:
            return index.lookup(conn, keys, max_postings)
        finally:
            conn.connection.info.pop("dsr_frequent")


def _stored_keys(lib):
    with lib.engine.connect() as conn:
        return {k for (k,) in conn.exec_driver_sql(f"SELECT key FROM {index.FREQUENT}")}


def test_stored_lookups_of_frequent_keys_answer_as_the_index_does(tmp_path, beijing):
    """A key held by MAX_POSTINGS clauses or more has its lookup stored by `optimize`: the
    lookups and every span and source are the same as FTS5's own, after the optimize, after
    more imports (new clauses have larger ids) and after a delete (which drops the stored
    lookups of its keys: one of them held a deleted clause)."""
    lib = open_library("sqlite:///" + str(tmp_path / "lib.sqlite"), seed=False)
    ini = parse_file(LIB_2017)
    copies = index.MAX_POSTINGS + 2
    lib.import_initiatives((replace(ini, title=f"Copy {n}", translations={}), f"copy-{n}")
                           for n in range(copies))
    lib.import_initiative(replace(ini, title="Later", translations={}), id="later")
    keys = [key for c in beijing.clauses for key, _, _ in shingles(tokenize(c.text))]
    before = spans_to_json(PrecedentFinder(lib).find_initiative(beijing))
    assert _stored_keys(lib) == set()
    assert lib.optimize() is True
    stored = _stored_keys(lib)
    lookups = _fts5_lookups(lib, keys)
    assert stored & set(keys) == {
        k for k, ids in lookups.items() if len(ids) == index.MAX_POSTINGS} != set()
    with lib.engine.connect() as conn:
        assert index.lookup(conn, keys) == lookups
        assert index.lookup(conn, keys, max_postings=3) == _fts5_lookups(lib, keys, 3)
    assert spans_to_json(PrecedentFinder(lib).find_initiative(beijing)) == before
    lib.import_initiative(replace(ini, title="Newer", translations={}), id="newer")
    with lib.engine.connect() as conn:
        assert index.lookup(conn, keys) == _fts5_lookups(lib, keys)
    lib.delete("copy-1")
    deleted_keys = {key for c in ini.clauses for key in index_terms(c.text).split()}
    assert stored & deleted_keys and not _stored_keys(lib) & deleted_keys
    with lib.engine.connect() as conn:
        after = index.lookup(conn, keys)
    assert after == _fts5_lookups(lib, keys) != lookups
    assert spans_to_json(PrecedentFinder(lib).find_initiative(beijing)) == spans_to_json(
        PrecedentFinder(lib, max_postings=index.MAX_POSTINGS + 1).find_initiative(beijing))
    lib.close()


def test_a_schema_4_library_gains_the_stored_lookups_on_upgrade(tmp_path, beijing):
    """Schema 4 had no stored lookups: opening such a library backs it up and fills them;
    the spans are the same."""
    url = "sqlite:///" + str(tmp_path / "lib.sqlite")
    lib = open_library(url, seed=False)
    ini = parse_file(LIB_2017)
    lib.import_initiatives((replace(ini, title=f"Copy {n}", translations={}), f"copy-{n}")
                           for n in range(index.MAX_POSTINGS))
    before = spans_to_json(PrecedentFinder(lib).find_initiative(beijing))
    with lib._engine.begin() as conn:
        conn.exec_driver_sql("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
        conn.exec_driver_sql(f"DROP TABLE {index.FREQUENT}")
    lib.close()
    lib = open_library(url, seed=False)
    try:
        assert lib.backup is not None and lib.backup.name.endswith(".schema4.bak")
        assert len(_stored_keys(lib)) > 100
        assert spans_to_json(PrecedentFinder(lib).find_initiative(beijing)) == before
    finally:
        lib.close()


def test_library_older_than_the_index_is_indexed_once_on_open(tmp_path, beijing):
    url = "sqlite:///" + str(tmp_path / "lib.sqlite")
    lib = open_library(url, seed=False)
    lib.import_initiative(parse_file(LIB_2017), id=ID_2017)
    with lib._engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE precedent_grams")
    lib.close()
    lib = open_library(url, seed=False)
    assert len(PrecedentFinder(lib).find_text(beijing.clause("19").text)) == 2
    lib.close()


def test_a_schema_3_index_is_replaced_on_upgrade(backend_url, beijing):
    """Schema 3 kept FNV hashes of shingles in the B-tree `precedent_shingles`: opening such a
    library (backed up first, when a file) indexes shingle keys and drops or refills the old
    table, whose stale rows would otherwise be read."""
    from sqlalchemy import text

    lib = open_library(backend_url, seed=False)
    lib.import_initiative(parse_file(LIB_2017), id=ID_2017)
    sqlite = lib.dialect == "sqlite"
    with lib._engine.begin() as conn:
        conn.execute(text("UPDATE meta SET value = '3' WHERE key = 'schema_version'"))
        if sqlite:
            conn.exec_driver_sql("DROP TABLE precedent_grams")
            conn.exec_driver_sql("CREATE TABLE precedent_shingles (shingle_hash INTEGER, "
                                 "clause_id INTEGER, position INTEGER, PRIMARY KEY "
                                 "(shingle_hash, clause_id, position)) WITHOUT ROWID")
        conn.exec_driver_sql("INSERT INTO precedent_shingles VALUES (12345, 1, 0)")
    lib.close()
    lib = open_library(backend_url, seed=False)
    try:
        if sqlite:
            assert lib.backup is not None and lib.backup.name.endswith(".schema3.bak")
        with lib._engine.connect() as conn:
            assert conn.execute(text("SELECT value FROM meta WHERE key = 'schema_version'")
                                ).scalar() == str(SCHEMA_VERSION)
            tables = {r[0] for r in conn.exec_driver_sql(
                "SELECT name FROM sqlite_master" if sqlite else
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")}
            if sqlite:
                assert "precedent_shingles" not in tables and "precedent_grams" in tables
            else:
                assert conn.exec_driver_sql("SELECT count(*) FROM precedent_shingles "
                                            "WHERE shingle_hash = 12345").scalar() == 0
        assert len(PrecedentFinder(lib).find_text(beijing.clause("19").text)) == 2
    finally:
        lib.close()


def test_empty_and_short_texts(library):
    finder = PrecedentFinder(library)
    assert finder.find_text("") == ()
    assert finder.find_text("Promote the establishment.") == ()
    assert similar_clauses(library, "") == []


@given(st.lists(st.integers(min_value=0, max_value=200), max_size=6))
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_spans_are_ordered_disjoint_slices_of_any_edited_text(library, beijing, cuts):
    words = beijing.clause("19").text.split(" ")
    for cut in sorted(set(cuts), reverse=True):
        if cut < len(words):
            del words[cut]
    body = " ".join(words)
    spans = PrecedentFinder(library).find_text(body, "19")
    end = 0
    for span in spans:
        assert end <= span.start < span.end <= len(body)
        assert body[span.start:span.end] == span.text
        assert span.words >= 8 and span.sources
        assert all(0 < s.score <= 1 for s in span.sources)
        end = span.end


# ---------------------------------------------------------------- citations by address

TREATY = """Treaty on Digital Cooperation

The Parties,

Recognizing that affordable and secure broadband access is essential for inclusive digital development in every region,

Have agreed as follows:

Article 4
Connectivity

1. The Parties shall cooperate on submarine cables and terrestrial backbone networks.

2. Each Party shall promote the deployment of secure and resilient cross-border data infrastructure for the benefit of small and medium-sized enterprises.

Article 5
Skills

1. The Parties shall exchange best practices on digital skills training for teachers and public servants.

Annex I
Cooperation projects

1. Joint laboratories on the interoperability of electronic signatures and digital identity systems between the Parties.
"""


@pytest.fixture(scope="module")
def treaty_library(tmp_path_factory):
    from dsrdraft.parsing import parse_text

    path = tmp_path_factory.mktemp("prec-treaty") / "lib.sqlite"
    lib = open_library("sqlite:///" + str(path), seed=False)
    treaty = parse_text(TREATY)
    assert {c.citation for c in treaty.clauses} >= {"Article 4.2", "Article 5.1"}
    lib.import_initiative(treaty, id="treaty")
    yield lib
    lib.close()


@pytest.mark.parametrize(("draft", "citation"), [
    ("Each Party shall promote the deployment of secure and resilient cross-border data "
     "infrastructure for the benefit of small and medium-sized enterprises.", "Article 4.2"),
    ("We share best practices on digital skills training for teachers and public servants.",
     "Article 5.1"),
    ("Recognizing that affordable and secure broadband access is essential for inclusive "
     "digital development,", "PP1"),
    ("Set up joint laboratories on the interoperability of electronic signatures and digital "
     "identity systems.", "Annex I.1"),
])
def test_agreed_language_cites_the_unit_address(treaty_library, draft, citation):
    """A passage agreed in paragraph 2 of Article 4 is cited "Article 4.2", not "Article 4"
    (the whole Article) and not "2" (which Article?); preambular and annex paragraphs are
    found like any other unit."""
    spans = PrecedentFinder(treaty_library, min_words=6).find_text(draft)
    assert spans, draft
    sources = [s for span in spans for s in span.sources]
    assert [s.citation for s in sources] == [citation]
    assert len(sources[0].text) < 200  # the paragraph's passage, never a fused Article
    assert sources[0].to_json()["citation"] == citation
    from dsrdraft.cli.precedents_cmd import address

    assert address(sources[0]) == (citation if citation.startswith("Article") else
                                   sources[0].number)


#: Texts whose word characters are all ASCII (split without a regular expression), and others.
_ASCII_WORDS = st.text(alphabet=st.sampled_from("ab Z9_-.,’“”§–\x00\t\n"), max_size=60)
_WORD_TEXTS = st.text(alphabet=st.sampled_from("ab Z9_-.,’“”§–\x00\t\né中İ²ﬁ"), max_size=40)


@given(st.one_of(st.text(alphabet=st.sampled_from("a9 &#;’§–é²中"), max_size=30),
                 st.sampled_from(["x &#65; ’", "&#é", "&#9999999999999; ’", "&#-1; é", "a&#b ’"])))
@settings(max_examples=300, deadline=None)
def test_a_text_is_known_ascii_worded_as_its_non_ascii_characters_say(body):
    """_ascii_words, which reads the non-ASCII characters from the encoder's "&#N;", answers
    as the regular expression does; a literal "&#N;" in the text may only make it say
    False (the text is then split by the regular expression, to the same tokens)."""
    import re

    from dsrdraft.precedents.text import _ascii_words

    expected = re.search(r"[^\W\x00-\x7f]", body) is None
    assert _ascii_words(body) == expected or ("&#" in body and not _ascii_words(body))


@given(st.one_of(_ASCII_WORDS, _WORD_TEXTS, st.sampled_from([
    "", "...", "a", "x’y, “quoted” — § 12", "  leading and trailing  ", "\x00ab\x00cd",
    "café résumé", "e\u0301te", "İstanbul", "中文 and English", "x² ﬁne",
    "Recalling its resolutions 70/1, 75/2 and 77/3 – “on the rule of law” – and § 4(b),"])))
@settings(max_examples=300, deadline=None)
def test_tokens_and_their_offsets_are_the_words_of_the_text(body):
    """Every token of any text is one of its runs of letters and digits (or a CJK ideograph),
    at the offsets where it stands, whichever way it was split (a text whose word characters
    are all ASCII is split without a regular expression); start() and end() alone, before
    the offsets are made, agree with them."""
    import re

    runs = list(re.finditer(r"[^\W_\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+"
                            r"|[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]",
                            body))
    alone = [(tokenize(body).start(n), tokenize(body).end(n)) for n in range(len(runs))]
    tokens = tokenize(body)
    assert [(m.start(), m.end()) for m in runs] == list(zip(tokens.starts, tokens.ends,
                                                             strict=True)) == alone
    assert [body[a:b] for a, b in alone] == [m.group() for m in runs]


def _places(draft: str, library: str, codes: dict[int, str] | None = None) -> list:
    """Where ShingledText finds each of the draft's shingles in the library text, with the
    given content tokens' codes replaced (by position) in both."""
    from dsrdraft.precedents.text import Needles, ShingledText

    def recoded(tokens):
        chars = list(tokens.codes)
        for position, code in (codes or {}).items():
            chars[position] = code
        return replace(tokens, codes="".join(chars))

    query, lib = recoded(tokenize(draft)), recoded(tokenize(library))
    sizes = [size for _, _, size in shingles(query)]
    return sorted(ShingledText.of(lib).pairs(Needles.of(query, sizes), 0, len(sizes)))


def test_a_library_clause_is_looked_into_by_the_shingles_of_the_draft(beijing):
    """ShingledText finds each shingle (shingle_windows: whose words, joined, are its index
    key) exactly where the text's own windows hold it, every time and nowhere else: in
    Latin, CJK and mixed texts, with repeats, and where the keys of a CJK shingle begin a
    Latin one ("㆒" folds to the ideograph "一" but is no CJK character: WORD_K long)."""
    from dsrdraft.precedents.text import shingle_windows

    mixed = "关于 sustainable development goals 的 合作 倡议 for the peoples of the world 可持续发展"
    repeated = "the right to development and the right to development of all peoples of the world"
    folded = "一二三四 and then ㆒二三四五 twice 一二三四"
    for body in [c.text for c in beijing.clauses] + [mixed, repeated, folded,
                                                     repeated + " " + mixed]:
        tokens = tokenize(body)
        windows = shingle_windows(tokens)
        assert ["_".join(w) for w in windows] == [key for key, _, _ in shingles(tokens)]
        assert _places(body, body) == sorted(
            (q, p) for q, w in enumerate(windows) for p, v in enumerate(windows) if v == w)


def test_a_code_shared_by_several_keys_is_checked():
    """Once a process has given every code of its own, keys share codes: a find of one is
    checked against the keys (a shingle of other words with the same codes is not found)."""
    from dsrdraft.precedents.text import _SHARED, is_shared

    shared = chr(_SHARED + 7)
    assert is_shared("ab" + shared) and not is_shared("abc") and not is_shared("")
    library = "alpha beta gamma delta epsilon zeta"
    assert _places("omega beta gamma delta epsilon", library, {0: shared}) == []
    assert _places("alpha beta gamma delta epsilon", library, {0: shared}) == [(0, 0)]
    assert _places("omega beta gamma delta epsilon", library) == []


@given(st.lists(st.lists(st.integers(1, 40), max_size=8, unique=True).map(sorted),
                min_size=1, max_size=30),
       st.lists(st.sampled_from([4, 5]), min_size=30, max_size=30))
@settings(max_examples=200, deadline=None)
def test_candidate_runs_are_the_runs_of_each_clauses_hits(lists, sizes):
    """The runs of a clause's hits (positions at most MAX_GAP apart after a hit's end),
    longest first, then by clause and position: as counted here one clause at a time, and
    the same for clause ids too large to sort combined with positions."""
    from dsrdraft.precedents.finder import MAX_GAP, _candidate_runs

    keys = [f"k{q}" for q in range(len(lists))]
    sizes = sizes[:len(lists)]
    expected = []
    for clause in sorted({i for ids in lists for i in ids}):
        run: list[int] = []
        for q in (q for q, ids in enumerate(lists) if clause in ids):
            if run and q - run[1] > MAX_GAP:
                expected.append(((run[0], run[1]), clause))
                run = []
            run = [run[0] if run else q, q + sizes[q]]
        expected.append(((run[0], run[1]), clause))
    expected.sort(key=lambda r: (r[0][0] - r[0][1], r[1], r[0][0]))
    assert _candidate_runs(keys, sizes, dict(zip(keys, map(tuple, lists), strict=True))) == expected
    big = 1 << 62
    huge = _candidate_runs(keys, sizes, {k: tuple(i + big for i in ids)
                                         for k, ids in zip(keys, lists, strict=True)})
    assert [(run, clause - big) for run, clause in huge] == expected
