"""The table view of a compilation: one row per clause, the base text then each delegation's.

Built with the export package's pieces (template, header, runs, row flags, fingerprint, atomic
save); no XML of its own. Words a delegation changed are bold in its column; a proposed
deletion reads "(deletion proposed)"; a new clause has no base text.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from docx.enum.section import WD_ORIENT
from docx.shared import Cm

from dsrdraft.compare import word_diff
from dsrdraft.compile.attribution import extract_text
from dsrdraft.compile.merge import BASE_CODE, Compilation, is_proposed_clause, normalise
from dsrdraft.draft.model import Draft
from dsrdraft.ooxml import build as xml

DELETION = "(deletion proposed)"
NEW_CLAUSE = "(new clause)"


def table_rows(draft: Draft, codes: Sequence[str]) -> list[tuple[str, str, list[str | None]]]:
    """(label, base text, [text per code]) per clause; None where a delegation proposes
    deleting the clause, "" where a new clause is not that delegation's."""
    rows: list[tuple[str, str, list[str | None]]] = []
    for clause in draft.clauses:
        if clause.deleted:
            continue
        if is_proposed_clause(clause):
            text = normalise(clause.text)
            rows.append((clause.label, "",
                         [text if code in clause.proposers else "" for code in codes]))
            continue
        cells: list[str | None] = []
        for code in codes:
            own = extract_text(clause.text, code)
            cells.append(own or None)
        rows.append((clause.label, extract_text(clause.text, BASE_CODE), cells))
    return rows


def _fill(cell, base: str, text: str | None, style_id: str | None) -> None:
    p = cell.paragraphs[0]
    if text is None:
        run = xml.make_run(DELETION, style_id=style_id)
        p._p.append(run)
        p.runs[-1].italic = True
        return
    if not base or text == base:
        if text:
            p._p.append(xml.make_run(text))
        return
    for op, piece in word_diff(base, text):
        if op == "=":
            p._p.append(xml.make_run(piece))
        elif op == "+":
            p._p.append(xml.make_run(piece))
            p.runs[-1].bold = True


def export_table(compilation: Compilation | Draft, out_path: str | Path,
                 codes: Sequence[str] | None = None, sources: Sequence[str] = ()) -> str:
    """Write the table view to `out_path` (.docx, atomically); returns the fingerprint."""
    from dsrdraft.export.body import DocMeta, add_text_paragraph, open_template, write_header
    from dsrdraft.export.styles import ATTRIBUTION, PREAMBLE, TITLE
    from dsrdraft.export.writer import finish_and_save

    if isinstance(compilation, Compilation):
        draft, codes = compilation.draft, list(codes or compilation.codes)
    else:
        draft = compilation
        if codes is None:
            from dsrdraft.compile.attribution import span_delegations

            found: set[str] = set()
            for c in draft.clauses:
                found |= span_delegations(c.text) | set(c.proposers)
            codes = sorted(found)
        codes = list(codes)
    document = open_template()
    section = document.sections[0]
    if len(codes) >= 2:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    write_header(document, DocMeta(draft.full_symbol, draft.date, draft.place,
                                   "Compilation table"))
    add_text_paragraph(document, TITLE, draft.title)
    add_text_paragraph(document, PREAMBLE,
                       "Compilation of proposals by " + ", ".join(codes)
                       + ". One row per clause: the base text, then each delegation's text "
                       "(changed words in bold).")
    style_id = document.styles[ATTRIBUTION].style_id
    rows = table_rows(draft, codes)
    table = document.add_table(rows=len(rows) + 1, cols=len(codes) + 2)
    table.style = document.styles["Table Grid"]
    table.autofit = False
    usable = section.page_width - section.left_margin - section.right_margin
    label_width = Cm(1.6)
    text_width = int((usable - label_width) / (len(codes) + 1))
    for i, column in enumerate(table.columns):
        width = label_width if i == 0 else text_width
        column.width = width
        for cell in column.cells:
            cell.width = width
    header = table.rows[0]
    xml.cant_split_row(header._tr, header=True)
    for cell, text in zip(header.cells, ["No.", "Base text", *codes], strict=True):
        cell.paragraphs[0]._p.append(xml.make_run(text))
        cell.paragraphs[0].runs[-1].bold = True
    for row, (label, base, cells) in zip(table.rows[1:], rows, strict=True):
        xml.cant_split_row(row._tr)
        row.cells[0].paragraphs[0]._p.append(xml.make_run(label))
        if base:
            row.cells[1].paragraphs[0]._p.append(xml.make_run(base))
        else:
            row.cells[1].paragraphs[0]._p.append(xml.make_run(NEW_CLAUSE, style_id=style_id))
        for cell, proposed in zip(row.cells[2:], cells, strict=True):
            _fill(cell, base, proposed, style_id)
    extra = {"dsrdraft.symbol": draft.full_symbol, "dsrdraft.codes": ", ".join(codes)}
    if sources:
        extra["dsrdraft.sources"] = " | ".join(sources)
    return finish_and_save(document, out_path, "compilation-table", extra)
