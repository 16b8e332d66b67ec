"""Pieces of Chinese sentences that a PDF extractor moved out of their rows, put back in order.

Read row by row (`pdftotext` without `-layout`), a row whose label and text stand apart
("第五十一條        駐…的經費由" over "中央財政保障。") comes out in two pieces: the labels with
the rows under them first, the text beside the labels after them ("第五十一條" / "中央財政保障。"
/ "駐…的經費由"); a row may also come out after the row under it ("保密。" / "配合…予以"). The
piece left over is a sentence that stops unfinished (no full stop) right before a new label,
which no sentence does: it stands where it was moved to, and its end is the short finished
piece just before it. Each such piece goes back beside its label, in the labels' order, and
the sentence is whole again; left where it stands it reads as a heading.
"""

from __future__ import annotations

from dsrdraft.lazyre import lazy_compile
from dsrdraft.parsing.blocks import Block
from dsrdraft.parsing.markers import opening_marker
from dsrdraft.textnorm import has_cjk

# A sentence's end: a full stop, colon or semicolon, with any closing quote or bracket after it.
_FINISHED = lazy_compile(r"[。；：！？.;:!?][」』”’）)\]\s]*$")
# The end of a sentence moved away stands short: the last characters of a row under its
# label, well under half of a printed Chinese line (about thirty characters).
_SHORT = 12
_ROW = 40  # the most characters of a printed Chinese row (about thirty, a label's among them)


def put_back(blocks: list[Block]) -> list[Block]:
    """The blocks with every piece moved out of its row put back (see the module's docstring);
    blocks stay as they are where nothing was moved."""
    out = list(blocks)
    j = 0
    while j < len(out):
        if _left_over(out, j):
            placed = _placed(out, j)
            if placed is not None:
                start, blocks_back = placed
                out[start:j + 1] = blocks_back
                j = start + len(blocks_back)
                continue
        j += 1
    return out


def _left_over(blocks: list[Block], j: int) -> bool:
    """Whether block `j` is an unfinished Chinese sentence that no text carries on: a label
    (or the end) comes next."""
    return _piece(blocks[j]) and (j + 1 == len(blocks) or opening_marker(blocks[j + 1].text)
                                  is not None)


def _placed(blocks: list[Block], j: int) -> tuple[int, list[Block]] | None:
    """Where the pieces before block `j` begin and the blocks they make in their rows' order,
    or None when the pieces around it are not those of displaced rows."""
    k = j - 1
    pieces = [j]  # the texts that stood beside labels: other unfinished pieces before it
    while k >= 0 and _piece(blocks[k]):
        pieces.insert(0, k)
        k -= 1
    after = _labels_back(blocks, k)  # labels between the sentence's end and its pieces
    k -= len(after)
    if k < 0 or not _end_piece(blocks[k]):
        return None
    end = k
    before = _labels_back(blocks, end - 1)
    labels = before + after
    if len(pieces) > max(1, len(labels)):
        return None  # more pieces than rows they can have stood in
    whole = blocks[j]._replace(text=f"{blocks[j].text} {blocks[end].text}",
                               footnotes=blocks[j].footnotes + blocks[end].footnotes)
    texts = [blocks[p] for p in pieces[:-1]] + [whole]
    rows: list[Block] = []
    # the pieces stood beside the last labels, in order; a label with none beside it (a
    # chapter's label with no heading over its first Article's) keeps its place
    paired = dict(zip(labels[len(labels) - len(texts):], texts, strict=True)) if labels \
        else {}
    for label in labels:
        rows.append(blocks[label])
        if label in paired:
            rows.append(paired[label])
    if not labels:
        rows.append(whole)
    start = min([end, *labels])
    return start, rows


def _labels_back(blocks: list[Block], k: int) -> list[int]:
    """The bare labels ("第五十一條" alone) ending at block `k`, in order."""
    found: list[int] = []
    while k >= 0 and _bare_label(blocks[k]):
        found.insert(0, k)
        k -= 1
    return found


def _bare_label(block: Block) -> bool:
    marker = opening_marker(block.text)
    return marker is not None and marker.division is not None and not marker.rest.strip()


def _piece(block: Block) -> bool:
    """An unfinished Chinese sentence standing alone, a row long: no label, no full stop at
    its end."""
    text = block.text
    # what stood beside a label is one printed row: longer text was not moved so (and the
    # cheap tests go first: every block of a text is asked)
    return len(text) <= _ROW and not _FINISHED.search(text) and not block.heading_level and \
        not block.in_table and has_cjk(text) and opening_marker(text) is None


def _end_piece(block: Block) -> bool:
    """The end of a sentence standing alone: short, finished, with no label."""
    text = block.text
    return len(text) <= _SHORT and has_cjk(text) and bool(_FINISHED.search(text)) \
        and opening_marker(text) is None and not block.in_table
