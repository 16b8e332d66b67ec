"""Hostile and odd inputs to the importer: parsed right or refused in one line, in bounded time
and memory, never a traceback (issue: bad input loses nothing)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dsrdraft.errors import DsrError
from dsrdraft.parsing import parse_file, parse_text

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "corpus" / "hostile"

# Parses every file in a child process with 1 GB of address space; prints one JSON line each.
HARNESS = textwrap.dedent(
    """
    import json, resource, sys, time, traceback
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
    from dsrdraft.errors import DsrError
    from dsrdraft.parsing import parse_file
    for path in sys.argv[1:]:
        start = time.perf_counter()
        try:
            ini = parse_file(path)
            out = {"ok": True, "clauses": [[c.number, c.text] for c in ini.clauses],
                   "title": ini.title, "dump": json.dumps(ini.to_json(), ensure_ascii=False)}
        except DsrError as exc:
            out = {"ok": False, "error": str(exc)}
        except BaseException:
            out = {"ok": False, "traceback": traceback.format_exc()}
        out["path"] = path
        out["seconds"] = time.perf_counter() - start
        print(json.dumps(out), flush=True)
    """
)


def run_harness(paths: list[Path]) -> dict[str, dict]:
    result = subprocess.run(
        [sys.executable, "-c", HARNESS, *map(str, paths)],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    outcomes = [json.loads(line) for line in result.stdout.splitlines()]
    return {Path(o["path"]).name: o for o in outcomes}


@pytest.fixture(scope="module")
def corpus_outcomes() -> dict[str, dict]:
    files = sorted(CORPUS.iterdir())
    assert len(files) >= 15
    return run_harness(files)


def test_no_traceback_and_bounded_time_on_the_corpus(corpus_outcomes: dict[str, dict]) -> None:
    for name, outcome in corpus_outcomes.items():
        assert "traceback" not in outcome, f"{name}: {outcome.get('traceback')}"
        assert outcome["seconds"] < 10, name
        if not outcome["ok"]:
            assert "\n" not in outcome["error"], name


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("random-bytes.txt", "cannot tell its text encoding"),
        ("random-bytes.docx", "not a .docx"),
        ("zip-header-only.docx", "not a .docx"),
        ("truncated-half.docx", "not a .docx"),
        ("truncated-end.docx", "not a .docx"),
        ("missing-document-part.docx", "no word/document.xml"),
        ("broken-xml.docx", "corrupted .docx"),
        ("zip-bomb.docx", "refused"),
    ],
)
def test_refused_with_a_clear_message(corpus_outcomes: dict[str, dict], name: str,
                                      message: str) -> None:
    outcome = corpus_outcomes[name]
    assert not outcome["ok"]
    assert message in outcome["error"]


def test_external_entities_are_never_resolved(corpus_outcomes: dict[str, dict]) -> None:
    for name in ("xxe-external-entity.docx", "billion-laughs.docx"):
        outcome = corpus_outcomes[name]
        dump = outcome.get("dump", "") + outcome.get("error", "")
        assert "root:" not in dump and "lollollol" not in dump, name


@pytest.mark.parametrize(
    ("name", "texts"),
    [
        ("good-minimal.docx", ["First clause.", "Second clause."]),
        ("gbk.txt", ["扩大宽带接入，提高宽带质量。", "促进数字化转型。"]),
        ("gb18030.txt", ["扩大宽带接入，提高宽带质量。", "促进数字化转型。"]),
        ("utf16-bom.txt", ["First clause.", "Second clause."]),
        ("latin1.txt", ["Première clause été.", "Deuxième clause."]),
        ("control-chars.txt", ["First clause with bell.", "Second."]),
    ],
)
def test_encodings_and_control_characters(corpus_outcomes: dict[str, dict], name: str,
                                          texts: list[str]) -> None:
    outcome = corpus_outcomes[name]
    assert outcome["ok"], outcome
    assert [text for _, text in outcome["clauses"]] == texts


def test_huge_inputs_in_bounded_time(tmp_path: Path) -> None:
    one_line = tmp_path / "one-line.txt"
    one_line.write_text("Title\n\n1. " + "digital cooperation " * 520_000 + "\n\n2. End.\n")
    many = tmp_path / "many.txt"
    many.write_text("Title\n\n" + "\n\n".join(
        f"{i}. Clause {i} on cooperation." for i in range(1, 100_001)))
    outcomes = run_harness([one_line, many])
    assert outcomes["one-line.txt"]["ok"] and len(outcomes["one-line.txt"]["clauses"]) == 2
    assert outcomes["many.txt"]["ok"] and len(outcomes["many.txt"]["clauses"]) == 100_000
    assert outcomes["many.txt"]["clauses"][-1] == ["100000", "Clause 100000 on cooperation."]
    assert all(o["seconds"] < 30 for o in outcomes.values())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
def test_random_bytes_never_raise_anything_but_dsrerror(data: bytes) -> None:
    try:
        parse_text(data)
    except DsrError as exc:
        assert "\n" not in str(exc)


NUMBERING = st.sampled_from(["{n}. ", "{n}) ", "({n}) ", "Article {n}. ", "{n}.", "**{n}.**"])
WORDS = st.lists(st.sampled_from(
    ["digital", "economy", "cooperation", "shall", "should", "promote", "the", "of", "and", "[", "]", "宽带", "合作", "Agenda", "2030", "5G", "\t", "\n", "(", ")", ".", ";", ":", "«", "»", "‘", "’", "“", "”", "é", "ü"]), min_size=1, max_size=30)


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, min_size=0, max_size=12), NUMBERING, st.text(max_size=200))
def test_generated_texts_never_traceback(clauses: list[list[str]], numbering: str,
                                         noise: str) -> None:
    body = "\n\n".join(numbering.format(n=i + 1) + " ".join(w) for i, w in enumerate(clauses))
    try:
        ini = parse_text(f"Generated\n\n{noise}\n\n{body}")
    except DsrError as exc:
        assert "\n" not in str(exc)
        return
    numbers = [c.number for c in ini.clauses]
    assert len(numbers) == len(set(numbers))
    assert all(c.text == c.text.strip() and "  " not in c.text for c in ini.clauses)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(data=st.binary(min_size=0, max_size=2000), suffix=st.sampled_from([".txt", ".md", ".docx"]))
def test_random_files_never_traceback(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    try:
        parse_file(path)
    except DsrError as exc:
        assert "\n" not in str(exc)


_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
         '<w:body><w:p><w:r><w:t>1. First clause.</w:t></w:r></w:p>')
_TAIL = '<w:p><w:r><w:t>2. Last clause.</w:t></w:r></w:p></w:body></w:document>'


def _docx_of_empty_paragraphs(path: Path, count: int, *, varied: bool) -> None:
    """A .docx whose body is `count` empty paragraphs between two clauses, streamed into the
    zip (never whole in memory); `varied` gives each a different revision id, as Word writes
    them, so the part no longer compresses like a bomb."""
    import random
    import zipfile

    rng = random.Random(7)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats'
            '.org/package/2006/content-types"><Default Extension="xml" ContentType="application/'
            'xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxml'
            'formats-officedocument.wordprocessingml.document.main+xml"/></Types>'))
        with package.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(_HEAD.encode())
            chunk = 100_000
            for done in range(0, count, chunk):
                n = min(chunk, count - done)
                if varied:
                    part.write("".join(f'<w:p w:rsidR="{rng.getrandbits(32):08X}"/>'
                                       for _ in range(n)).encode())
                else:
                    part.write(b"<w:p/>" * n)
            part.write(_TAIL.encode())


def test_thirty_million_empty_paragraphs_are_refused_quickly(tmp_path: Path) -> None:
    # 180 MB of "<w:p/>" inflating from a few hundred kB: the zip guard refuses the part
    # before a byte of it is parsed.
    path = tmp_path / "empty-paragraphs.docx"
    _docx_of_empty_paragraphs(path, 30_000_000, varied=False)
    outcome = run_harness([path])[path.name]
    assert not outcome["ok"] and "refused" in outcome["error"], outcome
    assert "\n" not in outcome["error"]
    assert outcome["seconds"] < 5


def test_a_million_varied_empty_paragraphs_parse_in_bounded_time(tmp_path: Path) -> None:
    # Not a bomb (each paragraph differs): read in bounded memory (the harness allows 1 GB of
    # address space) and time, and the clauses around them are kept.
    path = tmp_path / "varied-empty-paragraphs.docx"
    _docx_of_empty_paragraphs(path, 1_000_000, varied=True)
    outcome = run_harness([path])[path.name]
    assert outcome["ok"], outcome
    assert [text for _, text in outcome["clauses"]] == ["First clause.", "Last clause."]
    assert outcome["seconds"] < 30
