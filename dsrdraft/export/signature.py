"""The signature block: "Signed by" and one table row per signatory, kept on one page."""

from __future__ import annotations

from collections.abc import Sequence

from docx.shared import Cm

from dsrdraft.draft.model import DraftSignatory
from dsrdraft.export import styles as st
from dsrdraft.ooxml import build as xml

HEADINGS = ("Country", "Representative", "Title", "Signature", "Date")
SIGNATURE_LINE = "_" * 14
WIDTHS_CM = (3.6, 3.2, 3.4, 3.1, 2.5)


def country_label(code: str) -> str:
    try:
        from dsrdraft.countries import country_name
    except ImportError:  # pragma: no cover - countries ships with the core
        return code
    return country_name(code)


def ordered(signatories: Sequence[DraftSignatory]) -> list[DraftSignatory]:
    """English alphabetical order of the country name (casefolded)."""
    return sorted(signatories, key=lambda s: (country_label(s.code).casefold(), s.code))


def add_signature_block(document, signatories: Sequence[DraftSignatory]
                        ) -> list[tuple[str, object]]:
    """Write the block; returns (code, w:tr element) of each signatory row, in table order."""
    if not signatories:
        return []
    p = document.add_paragraph(style=document.styles[st.SIGNED_BY])
    p._p.append(xml.make_run("Signed by"))
    rows = ordered(signatories)
    table = document.add_table(rows=len(rows) + 1, cols=len(HEADINGS))
    table.style = document.styles[st.SIGNATURE_TABLE]
    cell_style = document.styles[st.SIGNATURE_CELL]
    table.autofit = False
    for column, width in zip(table.columns, WIDTHS_CM, strict=True):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)
    values = [HEADINGS] + [
        (country_label(s.code), s.representative, s.title, SIGNATURE_LINE, s.date) for s in rows
    ]
    for r, (row, texts) in enumerate(zip(table.rows, values, strict=True)):
        xml.cant_split_row(row._tr, header=r == 0)
        for cell, text in zip(row.cells, texts, strict=True):
            para = cell.paragraphs[0]
            para.style = cell_style
            para.paragraph_format.keep_with_next = r < len(values) - 1
            if text:
                para._p.append(xml.make_run(text))
            if r == 0:
                for run in para.runs:
                    run.bold = True
    return [(sig.code, row._tr) for sig, row in zip(rows, table.rows[1:], strict=True)]
