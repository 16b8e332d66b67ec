"""What readers hand the structure builder: paragraph blocks with the evidence about each."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from dsrdraft.model import Dropped, Footnote


class Block(NamedTuple):
    """One paragraph of the input as its reader saw it.

    The builder decides structure from all of this at once, for every input format: text
    readers fill in what layout shows (indentation, pages, markdown headings and bold), the
    Word reader what styles and list numbering say. A tuple, immutable like a frozen
    dataclass: a 20 MB text has hundreds of thousands of blocks, and a frozen dataclass
    takes some 5 µs to make (every field set through object.__setattr__), a tuple under 1.
    """

    text: str
    heading_level: int = 0  # 1-9 from a markdown '#' or a Word heading style / outline level
    title_style: bool = False  # Word's Title style
    list_label: str = ""  # Word's automatic numbering, written out ("1.", "(a)", "第一条")
    list_level: int = -1
    bullet: bool = False  # a Word bullet list item
    bold: bool = False  # the whole paragraph is bold
    centered: bool = False
    in_table: bool = False
    table_id: int = -1  # which table (blocks of one table share it)
    page: int = 0
    footnotes: tuple[Footnote, ...] = ()  # notes cited here, markers in citation order
    toc: bool = False  # a line of a table of contents
    line: int = 0  # where it starts in the input (1-based line or paragraph number)


@dataclass(slots=True)
class ReadResult:
    """A reader's output: the blocks in order and everything it left out, with reasons."""

    blocks: list[Block] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # things the user should know (encoding…)
    title_hint: str = ""  # a title from document properties, when the text has none
    publisher: str = ""  # who published this copy (a site, a WeChat account): its masthead
