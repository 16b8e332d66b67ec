"""The package `compare --docx` writes without python-docx: its seal is the one `verify` reads
back from the file, its zip holds the template's parts as they were, and saving is repeatable."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dsrdraft.compare import compare_initiatives
from dsrdraft.export import fingerprint
from dsrdraft.export.canonical import read_blocks
from dsrdraft.export.redline import build_redline_document, write_redline_docx
from dsrdraft.export.template import template_path
from dsrdraft.model import Clause, Initiative, Signatory, preambular_units
from dsrdraft.ooxml.package import DocxPackage
from dsrdraft.ooxml.wordpackage import WordPackage
from dsrdraft.parsing import parse_file

LIBRARY = Path(__file__).resolve().parents[1] / "resources" / "library"


def ini(texts: list[str], title: str = "Initiative", signed: tuple[str, ...] = ()) -> Initiative:
    return Initiative("t", title, "en",
                      (*preambular_units("Recalling the text."),
                       *(Clause(str(n), "", t) for n, t in enumerate(texts, 1))),
                      signatories=tuple(Signatory(c, c) for c in signed))


def test_the_seed_redline_verifies_and_the_template_parts_are_copied_as_stored(tmp_path):
    old = parse_file(LIBRARY / "obor-digital-economy-2017.txt")
    new = parse_file(LIBRARY / "beijing-initiative-2023.md")
    out = tmp_path / "r.docx"
    digest = write_redline_docx(old, new, compare_initiatives(old, new), out)
    result = fingerprint.verify_docx(out)
    assert result.ok and result.expected == digest == result.actual
    with zipfile.ZipFile(template_path()) as template, zipfile.ZipFile(out) as written:
        assert written.testzip() is None
        assert written.namelist()[0] == "[Content_Types].xml"
        kept = {i.filename: i for i in template.infolist()}
        for info in written.infolist():
            if info.filename in ("word/styles.xml", "word/stylesWithEffects.xml",
                                 "word/theme/theme1.xml", "docProps/thumbnail.jpeg"):
                before = kept[info.filename]
                assert (info.CRC, info.file_size, info.compress_size) == \
                    (before.CRC, before.file_size, before.compress_size)
                assert written.read(info.filename) == template.read(info.filename)


def test_the_blocks_sealed_in_memory_are_those_read_from_the_saved_file():
    old = ini(["The parties shall cooperate.", "Tabs\tand\nlines & <marks> \"quoted\"."],
              signed=("CHN", "EGY"))
    new = ini(["The parties shall cooperate closely.", "مرحبا بالعالم 数字经济 ‘quoted’.",
               "A new clause."], title="Initiative (revised)", signed=("CHN", "THA"))
    document = build_redline_document(old, new, compare_initiatives(old, new),
                                      author="Secretariat & <Co>")
    from dsrdraft.export.page import write_footer

    write_footer(document, fingerprint.PLACEHOLDER)
    in_memory = read_blocks(document.reading_view(), "x")
    buffer = io.BytesIO()
    document.save(buffer)
    with DocxPackage(Path("r.docx"), buffer.getvalue()) as package:
        assert read_blocks(package, "x") == in_memory


def test_saving_twice_writes_the_same_document():
    package = WordPackage(template_path())
    from dsrdraft.export.page import DocMeta, write_footer, write_header

    write_header(package, DocMeta("DSR/1", "", "", "Redline against X"))
    write_footer(package, "0" * 64)
    first, second = io.BytesIO(), io.BytesIO()
    package.save(first)
    package.save(second)
    with zipfile.ZipFile(first) as a, zipfile.ZipFile(second) as b:
        assert a.namelist() == b.namelist()
        for name in a.namelist():
            assert a.read(name) == b.read(name), name
        assert a.read("word/document.xml").count(b"w:footerReference") == 1


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(st.characters(blacklist_categories=("Cs", "Cc"),
                                      whitelist_characters="\t\n\r"), min_size=1,
                        max_size=60), min_size=1, max_size=4),
       st.lists(st.text(st.characters(blacklist_categories=("Cs", "Cc"),
                                      whitelist_characters="\t\n\r"), min_size=1,
                        max_size=60), min_size=1, max_size=4))
def test_any_redline_verifies(tmp_path_factory, olds, news):
    old, new = ini(olds), ini(news)
    out = tmp_path_factory.mktemp("r") / "r.docx"
    write_redline_docx(old, new, compare_initiatives(old, new), out)
    assert fingerprint.verify_docx(out).ok
