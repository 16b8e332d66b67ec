"""Text in a second language: the translation of units of the main text, never deleted.

Language detection only separates what is clearly another language (another script, or a
Latin-script paragraph whose stop words say so); a short line stays with the main text. Other-
language paragraphs link to main units by number ("3.促进电子商务合作…" translates clause 3),
or, for parallel texts (a paragraph, then its translation), to the unit just before them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from dsrdraft.model import Clause, Footnote, Translation
from dsrdraft.parsing.blocks import Block
from dsrdraft.parsing.footnotes import without_references
from dsrdraft.parsing.markers import paragraph_marker
from dsrdraft.parsing.versions import block_weight
from dsrdraft.textnorm import language_evidence, normalise_whitespace, short_line_language

_SCRIPT_OF_LANGUAGE = {"zh": "cjk", "ar": "arabic", "ru": "cyrillic"}


def split_languages(blocks: list[Block], evidence: list[tuple[str, bool]] | None = None
                    ) -> tuple[str, list[Block], list[tuple[Block, str, Block | None]]]:
    """(main language, blocks in it, other blocks as (block, language, main block before it));
    `evidence` is each block's `language_evidence`, when the caller has it already."""
    if evidence is None:
        evidence = [language_evidence(b.text) for b in blocks]
    weight: Counter[str] = Counter()
    for block, (language, _) in zip(blocks, evidence, strict=True):
        weight[language] += block_weight(block, language)
    if blocks:
        weight[evidence[0][0]] *= 1.1  # the title's language wins a tie
    main = weight.most_common(1)[0][0] if weight else "en"
    main_script = _SCRIPT_OF_LANGUAGE.get(main, "latin")
    present = {lang for lang, clear in evidence if clear}
    kept: list[Block] = []
    others: list[tuple[Block, str, Block | None]] = []
    for block, (language, clear) in zip(blocks, evidence, strict=True):
        if not clear and main_script == "latin":
            # a short line in another language the text also holds (an editor's note of the
            # database it was copied from): "Wordt voorlopig toegepast per 16-10-2002"
            leaning = short_line_language(block.text)
            if leaning is not None and leaning != main and leaning in present:
                language, clear = leaning, True
        script = _SCRIPT_OF_LANGUAGE.get(language, "latin")
        other = (script != main_script and clear) or (
            script == main_script == "latin" and clear and language != main)
        if other and not block.heading_level:
            others.append((block, language, kept[-1] if kept else None))
        else:
            kept.append(block)
    return main, kept, others


def translations_of(others: list[tuple[Block, str, Block | None]],
                    block_units: dict[int, int], units: list[Clause],
                    main_blocks: list[Block]) -> tuple[dict[str, tuple[Translation, ...]],
                                                       list[Clause]]:
    """Translations by language, each linked to the number of the unit it translates, and
    the units with the notes their translations cite: a note cited in a translation (an
    English column's "Note:* …") is a footnote of the unit translated, its text as printed.
    A translation linked to no unit keeps its notes in its text."""
    from dsrdraft.parsing.structure import expand

    numbers = {u.number for u in units}
    by_language: dict[str, list[Translation]] = {}
    cited: dict[str, list[Footnote]] = {}  # unit number -> notes its translations cite
    for block, language, before in others:
        items = by_language.setdefault(language, [])
        for piece, _ in expand([block]):
            text = normalise_whitespace(without_references(piece.text))
            marker = paragraph_marker(text)
            # "六、…" links to unit 6 and keeps its label, which says more than the digit
            labelled = text if marker is None else marker.rest if marker.label.strip(
                ".、)( ") == marker.number else f"{marker.label} {marker.rest}".strip()
            unit = block_units.get(id(before)) if before is not None else None
            if marker is not None and marker.value is not None and marker.number in numbers:
                number = marker.number
                items.append(Translation(number, labelled))
            elif marker is None and items and not _ends_sentence(items[-1].text):
                number = items[-1].number
                items[-1] = Translation(number, f"{items[-1].text} {text}")
            elif unit is not None:  # a parallel text: the translation of the unit before it
                number = units[unit].number
                items.append(Translation(number, text))
            else:
                number = ""
                items.append(Translation(marker.number if marker is not None and
                                         marker.number else f"{language}{len(items) + 1}",
                                         labelled if marker is not None else text))
            if not piece.footnotes:
                continue
            if number in numbers:
                cited.setdefault(number, []).extend(piece.footnotes)
            else:
                notes = " ".join(f"[{n.marker}] {n.text}" for n in piece.footnotes)
                items[-1] = Translation(items[-1].number,
                                        normalise_whitespace(f"{items[-1].text} {notes}"))
    if cited:
        units = [replace(u, footnotes=u.footnotes + tuple(cited[u.number]))
                 if u.number in cited else u for u in units]
    return {lang: tuple(items) for lang, items in by_language.items() if items}, units


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(("。", ".", "！", "？", "!", "?", "；", ";", "”", "\""))
