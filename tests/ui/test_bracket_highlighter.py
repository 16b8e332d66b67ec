"""Bracket highlighting: the formats the highlighter puts on the document block."""

from __future__ import annotations

from PySide6.QtGui import QColor, QTextDocument

from dsrdraft_ui.bracket_highlighter import (
    ALTERNATIVE_BACKGROUNDS,
    BRACKET_BACKGROUNDS,
    ERROR_BACKGROUND,
    BracketHighlighter,
    bracket_html,
    bracket_spans,
)


def formats(doc: QTextDocument) -> list[tuple[int, int, str]]:
    block = doc.firstBlock()
    return sorted((r.start, r.length, r.format.background().color().name())
                  for r in block.layout().formats())


def highlighted(qapp, text: str) -> tuple[QTextDocument, BracketHighlighter]:
    doc = QTextDocument()
    highlighter = BracketHighlighter(doc)
    doc.setPlainText(text)
    highlighter.rehighlight()
    return doc, highlighter


def test_bracketed_text_and_alternatives_are_tinted(qapp):
    text = "States [shall][should] promote [digital [trade]] now"
    doc, highlighter = highlighted(qapp, text)
    found = formats(doc)
    assert (7, 7, QColor(BRACKET_BACKGROUNDS[0]).name()) in found  # [shall]
    assert (14, 8, QColor(ALTERNATIVE_BACKGROUNDS[0]).name()) in found  # [should], 2nd alt
    start = text.index("[trade]")
    assert (start, 7, QColor(BRACKET_BACKGROUNDS[1]).name()) in found  # nested: depth 2
    assert highlighter.errors == []
    covered = {i for s, n, _c in found for i in range(s, s + n)}
    assert not covered & set(range(0, 7))  # agreed text is not tinted


def test_unbalanced_brackets_are_marked(qapp):
    text = "Promote [digital trade and ] more]"
    doc, highlighter = highlighted(qapp, text)
    error_at = len(text) - 1
    found = formats(doc)
    assert (error_at, 1, QColor(ERROR_BACKGROUND).name()) in found
    assert highlighter.errors == [f"unbalanced ']' at position {error_at}"]
    # typing the missing bracket clears the mark
    doc.setPlainText("Promote [digital trade and ] more")
    highlighter.rehighlight()
    assert all(c != QColor(ERROR_BACKGROUND).name() for _s, _n, c in formats(doc))
    assert highlighter.errors == []


def test_unclosed_bracket_is_marked_where_it_opens(qapp):
    doc, highlighter = highlighted(qapp, "a [b c")
    assert (2, 1, QColor(ERROR_BACKGROUND).name()) in formats(doc)
    assert "unclosed" in highlighter.errors[0]


def test_spans_and_html_agree_with_the_core_tokenizer():
    assert bracket_spans("x [a][b] y") == [(2, 3, 1, 0), (5, 3, 1, 1)]
    html = bracket_html("x [a<b] y]")
    assert "&lt;" in html and ERROR_BACKGROUND in html
