"""The lazy library model: paging, highlights, drag data; qtmodeltester on every source."""

from __future__ import annotations

import json

import pytest

from dsrdraft.model import Clause, Initiative
from dsrdraft_ui.draft_model import CLAUSE_REF_MIME, clause_refs_from_mime
from dsrdraft_ui.library_model import (
    MATCH_STYLE,
    BrowseSource,
    ClauseListModel,
    SearchSource,
    snippet_html,
)


def synthetic(n: int, title: str = "Synthetic Digital Initiative") -> Initiative:
    clauses = tuple(Clause(str(i), f"Clause {i}.", f"Promote digital cooperation item {i}.")
                    for i in range(1, n + 1))
    return Initiative(id="", title=title, language="en", clauses=clauses,
                      year=2030)


def filled(qtbot, model: ClauseListModel, source) -> ClauseListModel:
    """Show `source`; its first page arrives from the database lane."""
    with qtbot.wait_signal(model.page_arrived, timeout=5000):
        model.set_source(source)
    return model


def test_search_model_passes_modeltester(qtbot, qtmodeltester, library, runner):
    model = filled(qtbot, ClauseListModel(runner, page_size=5), SearchSource(library, "digital"))
    assert model.rowCount() == 5
    qtmodeltester.check(model)


def test_browse_model_passes_modeltester(qtbot, qtmodeltester, library, runner):
    model = filled(qtbot, ClauseListModel(runner, page_size=7), BrowseSource(library))
    qtmodeltester.check(model)
    qtbot.wait_until(lambda: not model.fetching)
    empty = ClauseListModel(runner)
    qtmodeltester.check(empty)


def test_model_is_lazy_and_pages_in_the_background(qtbot, library, runner):
    library.import_initiative(synthetic(120))
    model = filled(qtbot, ClauseListModel(runner, page_size=50), SearchSource(library, "item"))
    assert model.rowCount() == 50
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 50 and model.fetching  # not read on the GUI thread
    assert not model.canFetchMore()  # one page at a time
    qtbot.wait_until(lambda: model.rowCount() == 100)
    model.fetchMore()
    qtbot.wait_until(lambda: model.rowCount() == 120)
    assert not model.canFetchMore()
    numbers = {model.hit(r).number for r in range(model.rowCount())}
    assert len(numbers) == 120  # no page repeated or skipped


def test_browse_source_filters_by_initiative_and_language(qtbot, library, runner):
    model = filled(qtbot, ClauseListModel(runner, page_size=100),
                   BrowseSource(library, initiative="obor-digital-economy-2017", language="zh"))
    hits = [model.hit(r) for r in range(model.rowCount())]
    assert [h.number for h in hits] == ["3", "4", "8"]
    assert all(h.language == "zh" and h.id == "obor-digital-economy-2017" for h in hits)


def test_snippet_matches_become_bold_and_text_is_escaped():
    assert snippet_html("a «digital» <b> & x") == (
        f'a <b style="{MATCH_STYLE}">digital</b> &lt;b&gt; &amp; x')
    assert "color:#1a1a1a" in MATCH_STYLE  # dark on the highlight, selected or not


def test_snippet_role_marks_the_search_terms(qtbot, library, runner):
    model = filled(qtbot, ClauseListModel(runner), SearchSource(library, "broadband"))
    html = model.data(model.index(0), ClauseListModel.SnippetHtmlRole)
    assert "<b" in html and "broadband" in html.lower()
    assert "«" not in html


@pytest.mark.parametrize("rows", [[0], [0, 2]])
def test_mime_data_carries_library_id_and_number(qtbot, library, runner, rows):
    model = filled(qtbot, ClauseListModel(runner), SearchSource(library, "digital"))
    mime = model.mimeData([model.index(r) for r in rows])
    assert mime.hasFormat(CLAUSE_REF_MIME)
    refs = clause_refs_from_mime(mime)
    assert [(r["id"], r["number"]) for r in refs] == [
        (model.hit(r).id, model.hit(r).number) for r in rows]
    raw = json.loads(bytes(mime.data(CLAUSE_REF_MIME).data()))
    assert raw[0]["text"] == model.hit(rows[0]).text
