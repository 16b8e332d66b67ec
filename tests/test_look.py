"""A styles part parsed style by style (`StyleSheet.of_xml`) reads exactly as parsed whole."""

from __future__ import annotations

import pytest
from lxml import etree

from dsrdraft.export.template import template_path
from dsrdraft.ooxml.look import StyleSheet, _split_styles
from dsrdraft.ooxml.wordpackage import WordPackage

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def both(data: bytes) -> tuple[StyleSheet, StyleSheet]:
    return StyleSheet.of_xml(data), StyleSheet(etree.fromstring(data))


def assert_same(fast: StyleSheet, full: StyleSheet) -> None:
    assert fast.defaults_rpr == full.defaults_rpr and fast.defaults_ppr == full.defaults_ppr
    assert (fast.default_paragraph, fast.default_character) == \
        (full.default_paragraph, full.default_character)
    assert list(fast._elements) == list(full._elements)
    assert fast._ids_by_name == full._ids_by_name
    for sid in full._elements:
        assert fast._style(sid) == full._style(sid), sid
    for pstyle in [None, *full._elements]:
        for rstyle in (None, "DSRClauseLabel", "Strong"):
            assert fast.run_look(pstyle, rstyle, {}) == full.run_look(pstyle, rstyle, {})


def test_the_bundled_templates_styles_read_the_same_style_by_style() -> None:
    data = WordPackage(template_path()).part_bytes("word/styles.xml")
    assert _split_styles(data) is not None  # the fast way is the one taken
    fast, full = both(data)
    assert len(full._elements) > 100
    assert_same(fast, full)
    lazy = StyleSheet.of_xml(data)
    assert lazy.run_look(lazy.id_of("DSR Clause"), None, {}) == \
        full.run_look(full.id_of("DSR Clause"), None, {})
    parsed = sum(1 for v in lazy._elements.values() if not isinstance(v, tuple))
    assert parsed < 10  # only the styles asked about were parsed


def styles_xml(inner: str) -> bytes:
    return (f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
            f'<w:styles xmlns:w="{W}">{inner}</w:styles>').encode()


CASES = {
    "plain": '<w:docDefaults><w:rPrDefault><w:rPr><w:b/></w:rPr></w:rPrDefault></w:docDefaults>'
             '<w:style w:type="paragraph" w:default="1" w:styleId="Normal">'
             '<w:name w:val="Normal"/><w:rPr><w:i/></w:rPr></w:style>'
             '<w:style w:type="character" w:default="1" w:styleId="A&amp;B">'
             '<w:name w:val="A &quot;and&quot; B"/></w:style>'
             '<w:style w:type="paragraph" w:styleId="Empty"/>'
             '<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Again"/>'
             '<w:basedOn w:val="A&amp;B"/></w:style>',
    "self-closing defaults": '<w:docDefaults/><w:style w:styleId="X"><w:name w:val="x"/>'
                             '<w:rPr><w:vanish/></w:rPr></w:style>',
    "comment (parsed whole)": '<!-- <w:style w:styleId="Ghost"> --><w:style w:styleId="Y"/>',
    "character reference (parsed whole)": '<w:style w:styleId="&#90;"><w:name w:val="z"/>'
                                          '</w:style>',
    "no styles": "",
}


@pytest.mark.parametrize("inner", CASES.values(), ids=CASES.keys())
def test_cut_or_whole_reads_as_parsed_whole(inner: str) -> None:
    assert_same(*both(styles_xml(inner)))


def test_what_is_not_plain_word_is_parsed_whole() -> None:
    assert _split_styles(styles_xml(CASES["comment (parsed whole)"])) is None
    assert _split_styles(styles_xml(CASES["character reference (parsed whole)"])) is None
    assert _split_styles(styles_xml(CASES["plain"])) is not None
