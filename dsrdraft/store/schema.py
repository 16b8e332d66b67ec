"""Tables of the clause library (SQLAlchemy 2 declarative, typed) and the SQLite FTS5 indexes."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

#: Version of the layout below. Bump it (and add a step to store/migrations.py) whenever a
#: table changes. 2: units have a kind, label, path, footnotes; preambular paragraphs are
#: units; initiatives keep their symbol, body and document structure. 3: words are stemmed
#: in the search index (English porter: "divides" finds "divide"), division headings are
#: indexed as rows of kind "heading", shared drafts live in `drafts` and `draft_versions`.
#: 4: the agreed-language index holds shingle keys (words joined), not FNV hashes; on SQLite
#: it is the FTS5 table `precedent_grams` (dsrdraft/precedents/index.py). 5: beside it, the
#: stored lookups of the keys held by many clauses, `precedent_frequent` (SQLite only).
SCHEMA_VERSION = 5


class Base(DeclarativeBase):
    pass


class MetaRow(Base):
    """Key/value facts about the library itself: `schema_version`, `seeded`."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class InitiativeRow(Base):
    __tablename__ = "initiatives"
    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    year: Mapped[int | None] = mapped_column(Integer, index=True)
    date: Mapped[str | None] = mapped_column(String(40))
    place: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(16))
    preamble: Mapped[str] = mapped_column(Text)  # the preambular units' text, for old readers
    source: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    symbol: Mapped[str | None] = mapped_column(Text, nullable=True)
    body: Mapped[str | None] = mapped_column(Text, nullable=True)
    #: JSON: {"front_matter": [...], "divisions": [...], "dropped": [...]}
    document: Mapped[str | None] = mapped_column(Text, nullable=True)


class SignatoryRow(Base):
    __tablename__ = "signatories"
    initiative_id: Mapped[str] = mapped_column(
        ForeignKey("initiatives.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(Text)


class ClauseRow(Base):
    """A clause of the main text, or (is_translation) a translated clause in `language`
    whose `number` is the number of the clause it translates."""

    __tablename__ = "clauses"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    initiative_id: Mapped[str] = mapped_column(
        ForeignKey("initiatives.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(40))
    heading: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(16))
    is_translation: Mapped[bool] = mapped_column(Boolean, default=False)
    #: The text holds CJK characters: it is also in the trigram index and the short-term scan.
    has_cjk: Mapped[bool] = mapped_column(Boolean, default=False)
    kind: Mapped[str] = mapped_column(String(16), default="operative",
                                      server_default="operative")
    label: Mapped[str] = mapped_column(Text, default="", server_default="")
    path: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")  # JSON list
    numbered: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    footnotes: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")  # JSON

    __table_args__ = (
        Index("ix_clauses_initiative", "initiative_id", "position"),
        Index("ix_clauses_cjk", "has_cjk"),
    )


class DraftRow(Base):
    """A shared draft as it stands: its JSON (`draft_to_json`) and the version every save
    compares and swaps."""

    __tablename__ = "drafts"
    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    data: Mapped[str] = mapped_column(Text)
    saved_by: Mapped[str] = mapped_column(Text)
    saved_at: Mapped[str] = mapped_column(String(40))


class DraftVersionRow(Base):
    """Every saved version of every shared draft, never changed once written."""

    __tablename__ = "draft_versions"
    name: Mapped[str] = mapped_column(ForeignKey("drafts.name", ondelete="CASCADE"),
                                      primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    data: Mapped[str] = mapped_column(Text)
    saved_by: Mapped[str] = mapped_column(Text)
    saved_at: Mapped[str] = mapped_column(String(40))
    note: Mapped[str] = mapped_column(Text, default="", server_default="")


class ContributionRow(Base):
    """A delegation's proposal (a text for a unit, or a new unit) or reservation on a shared
    draft, which the secretariat takes into the next version. On PostgreSQL a delegation may
    write only rows in its own name (row-level security)."""

    __tablename__ = "draft_contributions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(ForeignKey("drafts.name", ondelete="CASCADE"))
    delegation: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))  # "proposal" or "reservation"
    unit: Mapped[str] = mapped_column(Text)  # the unit's uid, or "" for a new unit
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[str] = mapped_column(String(40))

    __table_args__ = (Index("ix_contributions_draft", "name", "id"),)


meta_table = MetaRow.__table__
initiatives_table = InitiativeRow.__table__
signatories_table = SignatoryRow.__table__
clauses_table = ClauseRow.__table__
drafts_table = DraftRow.__table__
draft_versions_table = DraftVersionRow.__table__
contributions_table = ContributionRow.__table__
DRAFT_TABLES = (drafts_table, draft_versions_table, contributions_table)

#: FTS5 indexes (SQLite only). `clause_fts` indexes every clause for alphabetic scripts,
#: words stemmed (porter: English plurals and inflections, French plurals in -s), with the
#: filters as tokens of a second column; its external content is the view `clause_search`.
#: `clause_cjk` indexes only rows with CJK text, by trigrams (external content: clauses).
FTS_TABLES = {
    "clause_fts": "porter unicode61 remove_diacritics 2",
    "clause_cjk": "trigram",
    "clause_bigram": "unicode61",
}
#: `clause_bigram` is contentless: the CJK rows' characters as overlapping pairs (search_sqlite
#: .bigrams: "电子商务" -> "电子 子商 商务 务"), with the filter tags, so one- and two-character
#: terms are index lookups too (the trigram tokenizer cannot match fewer than three).
SEARCH_VIEW = "clause_search"
#: The filter tags of a clause (store/search_sqlite.py builds the matching phrases): year,
#: language, kind and initiative id, the id closed by "iend" so that no id matches a longer one.
SEARCH_TAGS = ("'y' || coalesce(i.year, 'none') || ' l' || c.language || ' k' || c.kind "
               "|| ' i' || c.initiative_id || ' iend'")


def search_view_ddl() -> str:
    return (f"CREATE VIEW IF NOT EXISTS {SEARCH_VIEW} AS SELECT c.id AS id, "
            "c.initiative_id AS initiative_id, c.has_cjk AS has_cjk, c.text AS text, "
            f"{SEARCH_TAGS} AS tags FROM clauses c JOIN initiatives i ON i.id = c.initiative_id")


def fts_ddl(name: str) -> str:
    if name == "clause_bigram":
        return (f"CREATE VIRTUAL TABLE {name} USING fts5(grams, tags, content='', "
                f"tokenize='{FTS_TABLES[name]}')")
    if name == "clause_fts":
        return (f"CREATE VIRTUAL TABLE {name} USING fts5(text, tags, content='{SEARCH_VIEW}', "
                f"content_rowid='id', tokenize='{FTS_TABLES[name]}')")
    return (f"CREATE VIRTUAL TABLE {name} USING fts5(text, content='clauses', "
            f"content_rowid='id', tokenize='{FTS_TABLES[name]}')")


def fts_configure_sql(name: str) -> str | None:
    """bm25 weighs the text only: filter tags, the same for many rows, never rank a hit."""
    if name == "clause_fts":
        return f"INSERT INTO {name}({name}, rank) VALUES ('rank', 'bm25(1.0, 0.0)')"
    return None


def _source(name: str) -> tuple[str, str, str]:
    """(columns, table, extra condition) that an index is filled from."""
    if name == "clause_fts":
        return "id, text, tags", SEARCH_VIEW, ""
    return "id, text", "clauses", " AND +has_cjk = 1"  # "+": not via ix_clauses_cjk


def fts_populate_sql(name: str, where: str) -> str:
    """Index the clauses selected by `where` (run in the importing transaction)."""
    columns, table, extra = _source(name)
    targets = columns.replace("id,", "rowid,", 1)
    return f"INSERT INTO {name}({targets}) SELECT {columns} FROM {table} WHERE {where}{extra}"


def fts_unindex_sql(name: str, where: str) -> str:
    """Remove the clauses selected by `where` from an external-content index (before deleting)."""
    columns, table, extra = _source(name)
    targets = columns.replace("id,", "rowid,", 1)
    return (f"INSERT INTO {name}({name}, {targets}) "
            f"SELECT 'delete', {columns} FROM {table} WHERE {where}{extra}")
