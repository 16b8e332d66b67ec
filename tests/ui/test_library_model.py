"""The lazy library model: paging, highlights, drag data; qtmodeltester on every source."""

from __future__ import annotations

import json

import pytest

from dsrdraft.model import Clause, Initiative
from dsrdraft_ui.draft_model import CLAUSE_REF_MIME, clause_refs_from_mime
from dsrdraft_ui.library_model import BrowseSource, ClauseListModel, SearchSource, snippet_html


def synthetic(n: int, title: str = "Synthetic Digital Initiative") -> Initiative:
    clauses = tuple(Clause(str(i), f"Clause {i}.", f"Promote digital cooperation item {i}.")
                    for i in range(1, n + 1))
    return Initiative(id="", title=title, language="en", preamble="", clauses=clauses,
                      year=2030)


def test_search_model_passes_modeltester(qtmodeltester, library):
    model = ClauseListModel(page_size=5)
    model.set_source(SearchSource(library, "digital"))
    assert model.rowCount() == 5
    qtmodeltester.check(model)


def test_browse_model_passes_modeltester(qtmodeltester, library):
    model = ClauseListModel(page_size=7)
    model.set_source(BrowseSource(library))
    qtmodeltester.check(model)
    empty = ClauseListModel()
    qtmodeltester.check(empty)


def test_model_is_lazy_and_pages_through_all_results(library):
    library.import_initiative(synthetic(120))
    model = ClauseListModel(page_size=50)
    model.set_source(SearchSource(library, "item"))
    assert model.rowCount() == 50
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 100
    model.fetchMore()
    assert model.rowCount() == 120
    assert not model.canFetchMore()
    numbers = {model.hit(r).number for r in range(model.rowCount())}
    assert len(numbers) == 120  # no page repeated or skipped


def test_browse_source_filters_by_initiative_and_language(library):
    model = ClauseListModel(page_size=100)
    model.set_source(BrowseSource(library, initiative="obor-digital-economy-2017",
                                  language="zh"))
    hits = [model.hit(r) for r in range(model.rowCount())]
    assert [h.number for h in hits] == ["3", "4", "8"]
    assert all(h.language == "zh" and h.id == "obor-digital-economy-2017" for h in hits)


def test_snippet_matches_become_bold_and_text_is_escaped():
    assert snippet_html("a «digital» <b> & x") == (
        'a <b style="background-color:#ffe38a">digital</b> &lt;b&gt; &amp; x')


def test_snippet_role_marks_the_search_terms(library):
    model = ClauseListModel()
    model.set_source(SearchSource(library, "broadband"))
    html = model.data(model.index(0), ClauseListModel.SnippetHtmlRole)
    assert "<b" in html and "broadband" in html.lower()
    assert "«" not in html


@pytest.mark.parametrize("rows", [[0], [0, 2]])
def test_mime_data_carries_library_id_and_number(library, rows):
    model = ClauseListModel()
    model.set_source(SearchSource(library, "digital"))
    mime = model.mimeData([model.index(r) for r in rows])
    assert mime.hasFormat(CLAUSE_REF_MIME)
    refs = clause_refs_from_mime(mime)
    assert [(r["id"], r["number"]) for r in refs] == [
        (model.hit(r).id, model.hit(r).number) for r in rows]
    raw = json.loads(bytes(mime.data(CLAUSE_REF_MIME).data()))
    assert raw[0]["text"] == model.hit(rows[0]).text
