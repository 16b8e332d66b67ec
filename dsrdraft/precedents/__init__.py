"""Agreed-language finder: passages of a draft already agreed in library initiatives.

    finder = PrecedentFinder(library, min_words=8)
    finder.find_initiative(initiative)   # -> [ClausePrecedents(number, text, spans)]
    finder.find_text(clause_text)        # -> (Span(start, end, text, sources), ...)
    similar_clauses(library, clause_text, k=5)  # -> [SimilarClause(...)], best first

The index (`dsrdraft.precedents.index`) lives in the library database and is maintained by the
store when initiatives are imported or deleted; queries never rebuild it.
"""

from dsrdraft.precedents.finder import (
    DEFAULT_MIN_WORDS,
    ClausePrecedents,
    PrecedentFinder,
    Source,
    Span,
    find_precedents,
    spans_to_json,
)
from dsrdraft.precedents.similar import SimilarClause, similar_clauses

__all__ = [
    "DEFAULT_MIN_WORDS",
    "ClausePrecedents",
    "PrecedentFinder",
    "SimilarClause",
    "Source",
    "Span",
    "find_precedents",
    "similar_clauses",
    "spans_to_json",
]
