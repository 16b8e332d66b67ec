"""Similar clauses: the library clauses closest to a whole clause (a topic match, not agreed
language). Candidates come from the shingle index (postings capped per shingle) and from the
clauses sharing most of the clause's longer words in the search index (postings capped per
word): a bounded number whatever the library's size. They are ranked by rapidfuzz
token_set_ratio, ties by token_sort_ratio."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy import Connection, select, text

from dsrdraft.precedents.finder import citation_of
from dsrdraft.precedents.index import lookup
from dsrdraft.precedents.text import (
    STOP_WORDS,
    has_cjk_text,
    shingles,
    similarity_text,
    tokenize,
)
from dsrdraft.store.schema import clauses_table, initiatives_table

#: Candidates read from each source before ranking.
CANDIDATES = 100
_FTS_TERMS = 12
_CJK_GRAMS = 16
#: Clauses read per word at most (the most recently imported holding it).
WORD_POSTINGS = 400


@dataclass(frozen=True, slots=True)
class SimilarClause:
    id: str
    number: str
    text: str
    score: float  # 0..1
    language: str
    title: str
    year: int | None
    citation: str = ""  # "OP14", "Article 4.19"

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "number": self.number, "citation": self.citation or self.number,
                "text": self.text, "score": round(self.score, 4), "language": self.language,
                "title": self.title, "year": self.year}


def similar_clauses(library: Any, body: str, *, k: int = 5,
                    exclude: tuple[str, ...] = ()) -> list[SimilarClause]:
    """The `k` library clauses most like `body`, best first (clauses of the initiatives whose
    ids are in `exclude` are left out: pass a draft's own library id)."""
    tokens = tokenize(body)
    if not tokens.words or k <= 0:
        return []
    with library.damage_checked(), library.engine.connect() as conn:
        ids = _candidates(conn, library, body, tokens)
        if not ids:
            return []
        c, i = clauses_table, initiatives_table
        rows = conn.execute(
            select(c.c.id, c.c.initiative_id, c.c.number, c.c.text, c.c.language,
                   c.c.kind, c.c.path, c.c.numbered, i.c.title, i.c.year)
            .join(i, i.c.id == c.c.initiative_id).where(c.c.id.in_(ids))).all()
    cjk = has_cjk_text(body)
    query = similarity_text(body)
    kept = [(row, similarity_text(row.text)) for row in rows
            if row.initiative_id not in exclude and has_cjk_text(row.text) == cjk]
    if not kept:
        return []
    import numpy as np  # here: opening a library (which imports this package) does not pay for it

    # workers=-1: rapidfuzz scores in its own threads with the interpreter released (in the
    # calling thread it holds it, and the GUI thread waited while a worker scored).
    sets = process.cdist([query], [candidate for _, candidate in kept],
                         scorer=fuzz.token_set_ratio, dtype=np.float64, workers=-1)[0]
    # token_sort_ratio only breaks ties among the best k: computed for the candidates whose
    # set ratio reaches the k-th best, the same order as scoring every candidate (it took a
    # fifth of the call at 1M paragraphs, 200 candidates).
    cut = np.sort(sets)[::-1][min(k, len(sets)) - 1]
    scored = [(float(ratio) / 100.0, fuzz.token_sort_ratio(query, candidate), row)
              for (row, candidate), ratio in zip(kept, sets, strict=True) if ratio >= cut]
    scored.sort(key=lambda item: (-item[0], -item[1], item[2].id))
    return [SimilarClause(r.initiative_id, r.number, r.text, s, r.language, r.title, r.year,
                          citation_of(r))
            for s, _, r in scored[:k]]




def _candidates(conn: Connection, library: Any, body: str, tokens: Any) -> list[int]:
    """Library clauses sharing shingles with `body`, then those sharing most of its longer
    words (or CJK trigrams): each word's postings capped at WORD_POSTINGS, the most recent,
    so the cost is bounded by the clause, not by the library."""
    hits = Counter(clause_id for clause_ids in
                   lookup(conn, [key for key, _, _ in shingles(tokens)]).values()
                   for clause_id in clause_ids)
    ids = [clause_id for clause_id, _ in hits.most_common(CANDIDATES)]
    words = [w for w, cjk in zip(tokens.words, tokens.cjk, strict=True)
             if not cjk and len(w) > 3 and w not in STOP_WORDS and w.isalnum()]
    words = list(dict.fromkeys(words))
    terms: list[str] = []
    if words:  # the longest words are usually the rarest: a cheap stand-in for document frequency
        terms = sorted(words, key=len, reverse=True)[:_FTS_TERMS]
    elif has_cjk_text(body):
        chars = "".join(w for w, cjk in zip(tokens.words, tokens.cjk, strict=True) if cjk)
        grams = list(dict.fromkeys(chars[n:n + 3] for n in range(0, max(len(chars) - 2, 0))))
        terms = grams[::max(1, len(grams) // _CJK_GRAMS)][:_CJK_GRAMS]
    if terms and library.full_text:
        shared = Counter(clause_id for term in terms
                         for clause_id in _postings(conn, library.dialect, term))
        ids.extend(clause_id for clause_id, _ in shared.most_common(CANDIDATES))
    elif not library.full_text:  # other databases: a plain scan (small libraries only)
        ids.extend(int(r[0]) for r in conn.execute(
            select(clauses_table.c.id).limit(CANDIDATES * 10)))
    return list(dict.fromkeys(ids))


def _postings(conn: Connection, dialect: str, term: str) -> list[int]:
    """The most recent WORD_POSTINGS clauses holding a word (or a CJK trigram)."""
    cjk = has_cjk_text(term)
    if dialect == "postgresql":
        from dsrdraft.store.query import like_pattern

        where = ("has_cjk AND text LIKE :t ESCAPE '\\'" if cjk
                 else "tsv @@ plainto_tsquery('dsr_english', :t)")
        return [int(r[0]) for r in conn.execute(text(
            f"SELECT id FROM clauses WHERE {where} ORDER BY id DESC LIMIT :n"),
            {"t": like_pattern(term) if cjk else term, "n": WORD_POSTINGS})]
    table, match = ("clause_cjk", f'"{term}"') if cjk else \
        ("clause_fts", 'text : "' + term.replace('"', '""') + '"')
    raw = conn.connection.driver_connection  # the plain sqlite3 cursor: rows read 4x faster
    return [r[0] for r in raw.execute(
        f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY rowid DESC LIMIT ?",
        (match, WORD_POSTINGS))]
