"""Names of the template's styles (the look lives in templates/draft.docx, not here)."""

from __future__ import annotations

from typing import NamedTuple

TITLE = "Title"
SYMBOL = "DSR Symbol"
HEADER_META = "DSR Header Meta"
FOOTER = "DSR Footer"
PREAMBLE = "DSR Preamble"
DIVISION = "DSR Division"  # Part, Chapter, Article… headings (added to older house templates)
CLAUSE = "DSR Clause"
ALTERNATIVE = "DSR Alternative"
SIGNED_BY = "DSR Signed By"
SIGNATURE_CELL = "DSR Signature Cell"
SIGNATURE_TABLE = "DSR Signature Table"
# character styles
CLAUSE_LABEL = "DSR Clause Label"
BRACKET = "DSR Bracket"
ALTERNATIVE_LABEL = "DSR Alternative Label"
ATTRIBUTION = "DSR Attribution"
DELETED = "DSR Deleted"

# Every style the exporter writes with: a template must define them all.
REQUIRED = (TITLE, SYMBOL, HEADER_META, FOOTER, PREAMBLE, CLAUSE, ALTERNATIVE, SIGNED_BY,
            SIGNATURE_CELL, SIGNATURE_TABLE, CLAUSE_LABEL, BRACKET, ALTERNATIVE_LABEL,
            ATTRIBUTION, DELETED)

# Status shading: the usual white / yellow / green.
STATUS_FILL = {"open": "FFFFFF", "ad_referendum": "FFF2A8", "agreed": "D9EAD3"}
STATUS_TEXT = {"open": "", "ad_referendum": "agreed ad referendum", "agreed": "agreed"}


def style_id(document, name: str) -> str:
    """The id under which `document` stores the style `name` (the name without spaces, as
    Word makes ids, when the document does not define it)."""
    try:
        return document.styles[name].style_id
    except KeyError:
        return name.replace(" ", "")


class StyleIds(NamedTuple):  # not a frozen dataclass: one compiles its methods at import
    """Style ids as stored in the document (w:pStyle/w:rStyle values)."""

    title: str
    preamble: str
    division: str
    clause: str
    alternative: str
    clause_label: str
    bracket: str
    alternative_label: str
    attribution: str
    deleted: str
    signature_table: str

    @classmethod
    def of(cls, document) -> StyleIds:
        def sid(name: str) -> str:
            return style_id(document, name)

        return cls(sid(TITLE), sid(PREAMBLE), sid(DIVISION), sid(CLAUSE), sid(ALTERNATIVE),
                   sid(CLAUSE_LABEL),
                   sid(BRACKET), sid(ALTERNATIVE_LABEL), sid(ATTRIBUTION), sid(DELETED),
                   sid(SIGNATURE_TABLE))
