"""Property tests of the importer on generated texts of the genre: no word is ever lost.

Generated texts mix numbering styles, divisions, preambles, page furniture, web debris and
footnotes. For each, every word of the input is in a unit, the front matter, a division, a
footnote or `dropped`; addresses are unique; parse raises nothing but DsrError.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dsrdraft.errors import DsrError
from dsrdraft.parsing import parse_text
from tests.corpus.measure import strings, words

WORDS = ["cooperation", "digital", "economy", "parties", "shall", "promote", "trade", "data",
         "security", "development", "the", "of", "and", "related", "comments", "print", "share",
         "合作", "数字", "经济", "发展", "2030", "Agenda", "ITU‑T", "[NDMC*]", "[____]"]
sentence = st.lists(st.sampled_from(WORDS), min_size=2, max_size=18).map(
    lambda ws: " ".join(ws))
LABELS = {
    "arabic": lambda n: f"{n}.", "paren": lambda n: f"({n})", "letter": lambda n: f"({'abcdefgh'[n % 8]})",
    "roman": lambda n: f"{['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII'][n % 8]}.",
    "chinese": lambda n: f"{'一二三四五六七八'[n % 8]}、", "cjk-paren": lambda n: f"（{'一二三四五六七八'[n % 8]}）",
    "dash": lambda n: "——", "bullet": lambda n: "•", "none": lambda n: "",
}
PREAMBLE = ["Recalling {}", "Noting {}", "Recognizing {}", "Welcoming {}"]
DIVISIONS = ["Article {n}", "PART {n}", "Chapter {n}", "Section {n}", "Annex", "第{c}条",
             "第{c}章", "Final provisions"]
DEBRIS = ["Share this:", "Print", "Related posts", "Posted on 3 May 2024", "Home › News › World"]


@st.composite
def genre_text(draw: st.DrawFn) -> str:
    lines: list[str] = []
    if draw(st.booleans()):
        lines += [draw(sentence).title(), ""]
    if draw(st.booleans()):
        lines += ["The General Assembly,", ""]
        for template in draw(st.lists(st.sampled_from(PREAMBLE), max_size=4)):
            lines += [template.format(draw(sentence)) + ",", ""]
    style = draw(st.sampled_from(sorted(LABELS)))
    n = 1
    for _ in range(draw(st.integers(1, 4))):
        if draw(st.booleans()):
            division = draw(st.sampled_from(DIVISIONS))
            lines += [division.format(n=n, c="一二三四五"[n % 5]), ""]
        for _ in range(draw(st.integers(1, 5))):
            n += draw(st.integers(1, 2))  # gaps in the numbering
            label = LABELS[style](n)
            body = draw(sentence) + draw(st.sampled_from([".", ";", ",", ":", "。", ""]))
            if draw(st.integers(0, 5)) == 0:
                body += "1"  # a footnote citation glued to the text
            if draw(st.booleans()):
                lines += [label, body] if label and draw(st.booleans()) else [
                    f"{label} {body}".strip()]
            else:
                words_ = body.split()
                cut = len(words_) // 2
                lines += [f"{label} {' '.join(words_[:cut])}".strip(), " ".join(words_[cut:])]
            lines.append("")
        if draw(st.integers(0, 3)) == 0:
            lines += [draw(st.sampled_from(DEBRIS)), ""]
        if draw(st.integers(0, 3)) == 0:
            lines += ["\f" + draw(sentence)[:30], "2/6", ""]
    if draw(st.booleans()):
        lines += ["__________", "1 " + draw(sentence) + ".", ""]
    if draw(st.booleans()):
        lines += ["Done at Geneva on 3 May 2024.", ""]
    return "\n".join(lines)


def _accounted(parsed: dict) -> set[str]:
    found = set(words(" ".join(strings(parsed))))
    # A footnote's marker glued to the word it follows ("the 2030 Agenda" printed as
    # "20301": the year, then footnote 1) is read off the text into the unit's footnotes,
    # and only when the text has that footnote: the input's word is the two together.
    for unit in _with_footnotes(parsed):
        markers = {f["marker"] for f in unit["footnotes"]}
        found.update(w + m for w in words(unit.get("text", "")) for m in markers)
    return found


def _with_footnotes(node: object) -> list[dict]:
    if isinstance(node, list):
        return [u for item in node for u in _with_footnotes(item)]
    if not isinstance(node, dict):
        return []
    here = [node] if node.get("footnotes") else []
    return here + [u for value in node.values() for u in _with_footnotes(value)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=genre_text())
def test_every_word_is_kept_or_reported(text: str) -> None:
    try:
        ini = parse_text(text)
    except DsrError:
        return  # refused with one clear line (an empty text)
    parsed = ini.to_json()
    missing = set(words(text)) - _accounted(parsed)
    assert not missing, f"lost silently: {sorted(missing)[:10]}"
    numbers = [c.number for c in ini.clauses]
    assert len(numbers) == len(set(numbers))
    divisions = [d.number for _, d in ini.all_divisions()]
    assert len(divisions) == len(set(divisions))


@settings(max_examples=60, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("1.()aI一、——•\n \f:;,。Article 第条章"
                                                  "Annex Recalling")), max_size=300))
def test_parse_raises_nothing_but_dsrerror(text: str) -> None:
    try:
        ini = parse_text(text)
    except DsrError:
        return
    numbers = [c.number for c in ini.clauses]
    assert len(numbers) == len(set(numbers))
    missing = set(words(text)) - _accounted(ini.to_json())
    assert not missing
