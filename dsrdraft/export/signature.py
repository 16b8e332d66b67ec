"""The signature block: "Signed by" and one table row per signatory, kept on one page."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple, Protocol, TypeVar

from dsrdraft.export import styles as st
from dsrdraft.ooxml import build as xml


class Signing(Protocol):
    """What a row shows: a draft's DraftSignatory, or a `Row`."""

    @property
    def code(self) -> str: ...
    @property
    def representative(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def date(self) -> str: ...


class Row(NamedTuple):  # not a frozen dataclass: one compiles its methods at import
    """A signatory row of a text that is not a draft (the redline of two texts): the
    fields of a DraftSignatory, without loading the draft model."""

    code: str
    representative: str = ""
    title: str = ""
    date: str = ""

HEADINGS = ("Country", "Representative", "Title", "Signature", "Date")
SIGNATURE_LINE = "_" * 14
WIDTHS_CM = (3.6, 3.2, 3.4, 3.1, 2.5)
TWIPS_PER_CM = 1440 / 2.54


def country_label(code: str) -> str:
    try:
        from dsrdraft.countries import country_name
    except ImportError:  # pragma: no cover - countries ships with the core
        return code
    return country_name(code)


S = TypeVar("S", bound=Signing)


def ordered(signatories: Sequence[S]) -> list[S]:
    """English alphabetical order of the country name (casefolded)."""
    return sorted(signatories, key=lambda s: (country_label(s.code).casefold(), s.code))


def add_signature_block(document, signatories: Sequence[Signing]
                        ) -> list[tuple[str, object]]:
    """Write the block; returns (code, w:tr element) of each signatory row, in table order.

    `document` is a python-docx Document or a `WordPackage`: the block is built as XML and
    added to the body, so either will do."""
    if not signatories:
        return []
    body = document.element.body
    p = xml.new_paragraph(st.style_id(document, st.SIGNED_BY))
    p.append(xml.make_run("Signed by"))
    xml.append_to_body(body, p)
    rows = ordered(signatories)
    values = [[(h, True) for h in HEADINGS]] + [
        [(country_label(s.code), False), (s.representative, False), (s.title, False),
         (SIGNATURE_LINE, False), (s.date, False)] for s in rows]
    table, trs = xml.table(st.style_id(document, st.SIGNATURE_TABLE),
                           [round(cm * TWIPS_PER_CM) for cm in WIDTHS_CM], values,
                           st.style_id(document, st.SIGNATURE_CELL))
    xml.append_to_body(body, table)
    return [(sig.code, tr) for sig, tr in zip(rows, trs[1:], strict=True)]
