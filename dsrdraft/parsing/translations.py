"""Text in a second language: the translation of units of the main text, never deleted.

Language detection only separates what is clearly another language (another script, or a
Latin-script paragraph whose stop words say so); a short line stays with the main text. Other-
language paragraphs link to main units by number ("3.促进电子商务合作…" translates clause 3),
or, for parallel texts (a paragraph, then its translation), to the unit just before them.
"""

from __future__ import annotations

from collections import Counter

from dsrdraft.model import Clause, Translation
from dsrdraft.parsing.blocks import Block
from dsrdraft.parsing.markers import paragraph_marker
from dsrdraft.parsing.text_reader import without_references
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
                    main_blocks: list[Block]) -> dict[str, tuple[Translation, ...]]:
    """Translations by language, each linked to the number of the unit it translates."""
    from dsrdraft.parsing.structure import expand

    numbers = {u.number for u in units}
    by_language: dict[str, list[Translation]] = {}
    for block, language, before in others:
        items = by_language.setdefault(language, [])
        for piece, _ in expand([block]):
            notes = " ".join(f"[{n.marker}] {n.text}" for n in piece.footnotes)
            text = normalise_whitespace(f"{without_references(piece.text)} {notes}")
            marker = paragraph_marker(text)
            # "六、…" links to unit 6 and keeps its label, which says more than the digit
            labelled = text if marker is None else marker.rest if marker.label.strip(
                ".、)( ") == marker.number else f"{marker.label} {marker.rest}".strip()
            if marker is not None and marker.value is not None and marker.number in numbers:
                items.append(Translation(marker.number, labelled))
                continue
            if marker is None and items and not _ends_sentence(items[-1].text):
                items[-1] = Translation(items[-1].number, f"{items[-1].text} {text}")
                continue
            unit = block_units.get(id(before)) if before is not None else None
            if unit is not None:  # a parallel text: the translation of the unit before it
                items.append(Translation(units[unit].number, text))
            else:
                items.append(Translation(marker.number if marker is not None and
                                         marker.number else f"{language}{len(items) + 1}",
                                         labelled if marker is not None else text))
    return {lang: tuple(items) for lang, items in by_language.items() if items}


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(("。", ".", "！", "？", "!", "?", "；", ";", "”", "\""))
