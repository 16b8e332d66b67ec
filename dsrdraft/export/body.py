"""The document body: header, title, preamble and clauses (clean and negotiation modes)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from dsrdraft.draft.brackets import resolve_clean, tokenize
from dsrdraft.draft.model import Draft, DraftClause, DraftKind, renumber
from dsrdraft.errors import DsrError
from dsrdraft.export import styles as st
from dsrdraft.export.embedded import (
    Marker,
    alternative_mark,
    reservations_mark,
    unit_mark,
)
from dsrdraft.export.page import (  # noqa: F401 - imported from here by other modules
    DocMeta,
    label_text,
    short_fingerprint,
    write_footer,
    write_header,
)
from dsrdraft.export.template import template_path
from dsrdraft.ooxml import build as xml

if TYPE_CHECKING:  # python-docx is imported where a Document is made: `compare --docx` and
    # the redline write their package without it (dsrdraft.ooxml.wordpackage)
    from docx.text.paragraph import Paragraph


def open_template(path: str | Path | None = None):
    """A new document from the bundled template, or from `path` (a copy of it restyled in
    Word, say); a template without the exporter's styles is refused, naming them."""
    if path is None:
        from docx import Document

        return Document(str(template_path()))
    from dsrdraft.ooxml.package import open_docx

    document = open_docx(Path(path))
    names = {s.name for s in document.styles}
    missing = [name for name in st.REQUIRED if name not in names]
    if missing:
        raise DsrError(f"template {path} lacks the styles {', '.join(missing)} "
                       "(start from templates/draft.docx)")
    if st.DIVISION not in names:  # templates made before divisions were exported
        from docx.enum.style import WD_STYLE_TYPE

        style = document.styles.add_style(st.DIVISION, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles[st.CLAUSE]
        style.font.bold = True
        style.paragraph_format.keep_with_next = True
    body = document.element.body
    for child in list(body):  # keep the section properties (page size, margins), not text
        if not child.tag.endswith("}sectPr"):
            body.remove(child)
    return document


def add_text_paragraph(document, style: str, text: str) -> Paragraph:
    p = document.add_paragraph(style=document.styles[style])
    p._p.append(xml.make_run(text))
    if xml.mostly_arabic(text):
        xml.set_bidi(p._p)
    return p


#: Units printed as running text, without a number: the preamble, formulas, closing lines.
UNLABELLED = frozenset({DraftKind.PREAMBULAR, DraftKind.FORMULA, DraftKind.CLOSING})


def add_division_heading(document, label: str, heading: str, *, strike: bool = False,
                         style_id: str | None = None) -> Paragraph:
    """"Article 4" over "Scope", in the division heading style."""
    p = document.add_paragraph(style=document.styles[st.DIVISION])
    for n, part in enumerate(x for x in (label, heading) if x):
        if n:
            p._p.append(xml.make_run("\n"))
        p._p.append(xml.make_run(part, strike=strike, style_id=style_id))
    return p


def add_preambular_paragraph(document, text: str) -> Paragraph:
    """A preambular paragraph as a resolution prints it: its opening participle ("Recalling",
    "Deeply concerned") in italics, the rest upright; any other running text upright."""
    from dsrdraft.draft.outline import preamble_lead

    lead = preamble_lead(text)
    if not lead or xml.mostly_arabic(text):
        return add_text_paragraph(document, st.PREAMBLE, text)
    p = document.add_paragraph(style=document.styles[st.PREAMBLE])
    p._p.append(xml.make_run(text[:lead], italic=True))
    p._p.append(xml.make_run(text[lead:]))
    return p


# ---------------------------------------------------------------- clean

def clean_units(draft: Draft) -> tuple[DraftClause, ...]:
    """The units a clean text prints (renumbered, live), uids kept."""
    return renumber(draft).live_clauses()


def write_clean_body(document, draft: Draft) -> None:
    """Final text: renumbered live units, brackets resolved, nothing else; the preamble and
    formulas as running text, division headings in their style; each marked with its uid."""
    ids = st.StyleIds.of(document)
    marker = Marker()
    add_text_paragraph(document, st.TITLE, draft.title)
    for c in clean_units(draft):
        text = resolve_clean(c.text)
        if c.is_heading:
            marker.mark(add_division_heading(document, c.label, text)._p, unit_mark(c.uid))
            continue
        if c.kind is DraftKind.PREAMBULAR:
            marker.mark(add_preambular_paragraph(document, text)._p, unit_mark(c.uid))
            continue
        if c.kind in UNLABELLED:
            marker.mark(add_text_paragraph(document, st.PREAMBLE, text)._p, unit_mark(c.uid))
            continue
        p = document.add_paragraph(style=document.styles[st.CLAUSE])
        marker.mark(p._p, unit_mark(c.uid))
        p._p.append(xml.make_run(label_text(c.label), style_id=ids.clause_label))
        p._p.append(xml.make_run("\t" + text))
        if xml.mostly_arabic(text):
            xml.set_bidi(p._p)


# ---------------------------------------------------------------- negotiation

def _bracketed_runs(p: Paragraph, text: str, ids: st.StyleIds, deleted: bool) -> None:
    from dsrdraft.compile.attribution import split_attribution

    for seg in tokenize(text):
        # A compilation's "[should (CHN, THA)]": the delegations in the attribution style.
        parts = split_attribution(seg.text) if seg.bracketed else None
        if parts:
            opening, note, closing = parts
            p._p.append(xml.make_run(opening, style_id=ids.bracket, strike=deleted))
            p._p.append(xml.make_run(note, style_id=ids.attribution, strike=deleted))
            p._p.append(xml.make_run(closing, style_id=ids.bracket, strike=deleted))
        elif seg.bracketed:
            p._p.append(xml.make_run(seg.text, style_id=ids.bracket, strike=deleted))
        else:
            p._p.append(xml.make_run(seg.text, style_id=ids.deleted if deleted else None))


def unit_note(c: DraftClause) -> str:
    """What the negotiation text prints after a unit: proposers, deletion, status."""
    notes = []
    if c.proposers:
        notes.append("proposed by " + ", ".join(c.proposers))
    if c.deleted:
        notes.append("deletion proposed" + (" by " + ", ".join(c.deleted_by)
                                            if c.deleted_by else ""))
    status = st.STATUS_TEXT.get(c.status.value, "")
    if status and not c.deleted:
        notes.append(status)
    return f" ({'; '.join(notes)})" if notes else ""


def alternative_label(c: DraftClause, index: int) -> str:
    """"12 Alt" (the only one) or "12 Alt 2"."""
    return f"{c.label} Alt{f' {index}' if len(c.alternatives) > 1 else ''}"


def alternative_note(proposers: tuple[str, ...]) -> str:
    return f" (proposed by {', '.join(proposers)})" if proposers else ""


def write_negotiation_clause(document, c: DraftClause, ids: st.StyleIds,
                             marker: Marker | None = None) -> list[Paragraph]:
    """A unit's paragraph and its alternatives', each marked with the unit's uid."""
    marker = marker or Marker()
    if c.is_heading:
        p = add_division_heading(document, c.label, c.text, strike=c.deleted,
                                 style_id=ids.deleted if c.deleted else None)
        note = unit_note(c)
        if note:
            p._p.append(xml.make_run(note, style_id=ids.attribution))
        marker.mark(p._p, unit_mark(c.uid))
        return [p]
    if c.label:
        p = document.add_paragraph(style=document.styles[st.CLAUSE])
        p._p.append(xml.make_run(label_text(c.label), style_id=ids.clause_label,
                                 strike=c.deleted))
        p._p.append(xml.make_run("\t"))
    else:  # a formula or closing line: running text
        p = document.add_paragraph(style=document.styles[st.PREAMBLE])
    _bracketed_runs(p, c.text, ids, c.deleted)
    note = unit_note(c)
    if note:
        p._p.append(xml.make_run(note, style_id=ids.attribution))
    xml.shade_paragraph(p._p, st.STATUS_FILL.get(c.status.value, "FFFFFF"))
    if xml.mostly_arabic(c.text):
        xml.set_bidi(p._p)
    marker.mark(p._p, unit_mark(c.uid))
    out = [p]
    for i, alt in enumerate(c.alternatives, 1):
        q = document.add_paragraph(style=document.styles[st.ALTERNATIVE])
        q._p.append(xml.make_run(alternative_label(c, i), style_id=ids.alternative_label,
                                 strike=c.deleted))
        q._p.append(xml.make_run("\t"))
        _bracketed_runs(q, alt.text, ids, c.deleted)
        if alt.proposers:
            q._p.append(xml.make_run(alternative_note(alt.proposers),
                                     style_id=ids.attribution))
        marker.mark(q._p, alternative_mark(c.uid, i))
        if xml.mostly_arabic(alt.text):
            xml.set_bidi(q._p)
        out.append(q)
    return out


#: How reservations print besides their Word comments (which paper and PDF lose).
RESERVATIONS = ("footnotes", "list")


def write_negotiation_body(document, draft: Draft, reservations: str = "footnotes") -> None:
    """The negotiation text; each reservation a Word comment by its delegation and, on
    paper too, a footnote of its clause or (`reservations="list"`) a line after it."""
    from docx.text.run import Run

    from dsrdraft.export.comments import add_reservations, reservation_text
    from dsrdraft.ooxml.footnotes import Footnotes

    if reservations not in RESERVATIONS:
        raise DsrError(f"unknown way to print reservations {reservations!r} "
                       f"(choose {', '.join(RESERVATIONS)})")
    ids = st.StyleIds.of(document)
    marker = Marker()
    notes = Footnotes(document)
    add_text_paragraph(document, st.TITLE, draft.title)
    for c in draft.clauses:
        paragraphs = write_negotiation_clause(document, c, ids, marker)
        if not c.reservations:
            continue
        runs = [Run(r, paragraphs[0]) for r in paragraphs[0]._p.r_lst]
        add_reservations(document, runs, c.reservations)
        for i, res in enumerate(c.reservations, 1):
            if reservations == "footnotes":
                notes.add(paragraphs[0]._p, reservation_text(res))
                continue
            q = document.add_paragraph(style=document.styles[st.ALTERNATIVE])
            q._p.append(xml.make_run(reservation_text(res), style_id=ids.attribution))
            marker.mark(q._p, reservations_mark(c.uid, i))
