"""Immutable document model of a negotiated text: front matter, units, divisions, what was left out.

A text is a sequence of *units* (paragraphs people cite: "PP3", "OP5", "Article 4.19",
"Annex I.2") in document order, each with its kind and the path of *divisions* (Part, Chapter,
Section, Article, Annex, plain headings) that hold it. The divisions form a tree of their own;
each division knows the index of the first unit at or after its heading, so a reader can
interleave headings and units again. Everything an importer left out is in `dropped`, with a
reason, so no word of an input disappears silently.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class UnitKind(StrEnum):
    """What part of a text a unit belongs to."""

    PREAMBULAR = "preambular"  # "Recalling …," / the introduction before the first clause
    OPERATIVE = "operative"  # the body: numbered or unnumbered paragraphs, Articles' paragraphs
    ANNEX = "annex"  # paragraphs of an annex, appendix, attachment or schedule
    FORMULA = "formula"  # "The General Assembly," / "Have agreed as follows:"
    CLOSING = "closing"  # "Done at …", "IN WITNESS WHEREOF …", "Adopted at …"


#: What a unit of each kind (a UnitKind value, or what else a list of units holds) is called
#: in a count, singular and plural: the CLI, the library list and the GUI say it alike.
UNIT_NAMES: dict[str, tuple[str, str]] = {
    "preambular": ("preambular paragraph", "preambular paragraphs"),
    "operative": ("clause", "clauses"),
    "annex": ("annex paragraph", "annex paragraphs"),
    "formula": ("formula", "formulas"),
    "closing": ("closing line", "closing lines"),
    "heading": ("heading", "headings"),
    "translation": ("translation", "translations"),
    "division": ("division", "divisions"),
}


def unit_name(kind: str, n: int = 1) -> str:
    """"preambular paragraph" (n == 1) or "preambular paragraphs"; an unknown kind as is."""
    singular, many = UNIT_NAMES.get(kind, (kind, kind + "s"))
    return singular if n == 1 else many


def counts_phrase(counts: Mapping[str, int], zero: Iterable[str] = ()) -> str:
    """"35 clauses, 2 preambular paragraphs, 3 translations": the kinds in the order given,
    those counted 0 left out unless named in `zero`."""
    keep = set(zero)
    return ", ".join(f"{n:,} {unit_name(kind, n)}" for kind, n in counts.items()
                     if n or kind in keep)


class DivisionKind(StrEnum):
    PART = "part"
    CHAPTER = "chapter"
    SECTION = "section"
    ARTICLE = "article"
    ANNEX = "annex"
    HEADING = "heading"  # a heading with no label ("Our vision", "## Follow-up")


@dataclass(frozen=True, slots=True)
class Footnote:
    """A note cited by a unit (UN texts record reservations and sources in them)."""

    marker: str
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"marker": self.marker, "text": self.text}


@dataclass(frozen=True, slots=True)
class Clause:
    """One unit of a text. `number` is its address, unique in the document: "12", "12 bis",
    "PP3", "OP7" (unnumbered), "4.19" (paragraph 19 of Article 4), "Annex I.2"."""

    number: str
    heading: str
    text: str
    language: str = "en"
    kind: UnitKind = UnitKind.OPERATIVE
    path: tuple[str, ...] = ()  # labels of the divisions holding it, from the top down
    label: str = ""  # the number as printed ("19.", "(a)", "三、"); "" when unnumbered
    numbered: bool = True  # False: the address was generated from the unit's position
    footnotes: tuple[Footnote, ...] = ()

    @property
    def citation(self) -> str:
        """How negotiators cite it: "PP3", "OP5", "Article 4.19", "Annex I.2"."""
        if self.kind is UnitKind.OPERATIVE and self.path and self.path[-1].lower().startswith(
                ("article", "art.")) and not self.number.lower().startswith("article"):
            return f"Article {self.number}"
        if self.kind is UnitKind.OPERATIVE and self.numbered and self.number[:1].isdigit() \
                and "." not in self.number:
            return f"OP{self.number}"
        return self.number

    def to_json(self) -> dict[str, Any]:
        return {"number": self.number, "label": self.label, "heading": self.heading,
                "text": self.text, "language": self.language, "kind": self.kind.value,
                "path": list(self.path), "numbered": self.numbered,
                "citation": self.citation,
                "footnotes": [f.to_json() for f in self.footnotes]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Clause:
        return cls(
            number=str(data["number"]), heading=str(data.get("heading", "")),
            text=str(data["text"]), language=str(data.get("language", "en")),
            kind=UnitKind(data.get("kind", "operative")),
            path=tuple(str(p) for p in data.get("path", ())),
            label=str(data.get("label", "")), numbered=bool(data.get("numbered", True)),
            footnotes=tuple(Footnote(str(f["marker"]), str(f["text"]))
                            for f in data.get("footnotes", ())))


@dataclass(frozen=True, slots=True)
class Division:
    """A Part, Chapter, Section, Article, Annex or plain heading, and the divisions inside it.

    `start` is the index (in `Initiative.clauses`) of the first unit at or after the heading;
    `number` is the division's address, unique in the document ("Article 4", "Part II").
    """

    kind: DivisionKind
    label: str  # "Article 4", "Part II", "Annex I", "第三章"; "" for a plain heading
    heading: str  # "Scope", "Our vision"; "" when the label stands alone
    number: str
    start: int
    children: tuple[Division, ...] = ()

    @property
    def name(self) -> str:
        """What a unit's `path` holds for this division: its label, else its heading."""
        return self.label or self.heading

    def walk(self) -> Iterator[tuple[int, Division]]:
        """(depth, division) for this division and everything inside it, in document order."""
        yield 0, self
        for child in self.children:
            for depth, division in child.walk():
                yield depth + 1, division

    def to_json(self) -> dict[str, Any]:
        return {"label": self.label, "heading": self.heading, "kind": self.kind.value,
                "number": self.number, "start": self.start,
                "children": [c.to_json() for c in self.children]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Division:
        return cls(kind=DivisionKind(data.get("kind", "heading")),
                   label=str(data.get("label", "")), heading=str(data.get("heading", "")),
                   number=str(data.get("number", "")), start=int(data.get("start", 0)),
                   children=tuple(cls.from_json(c) for c in data.get("children", ())))


@dataclass(frozen=True, slots=True)
class Dropped:
    """Input left out of the text, and why (page furniture, web debris, a table of contents)."""

    reason: str
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"reason": self.reason, "text": self.text}


@dataclass(frozen=True, slots=True)
class Signatory:
    """A signing state by ISO 3166 alpha-3 code (or a group label such as "G77/China")."""

    code: str
    name: str

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name}


@dataclass(frozen=True, slots=True)
class Translation:
    """A unit in another language, linked to the main text by the unit's number."""

    number: str
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"number": self.number, "text": self.text}


@dataclass(frozen=True, slots=True)
class Initiative:
    """A negotiated text: front matter, units in document order, divisions, who signed,
    translations, and what the importer left out."""

    id: str
    title: str
    language: str
    clauses: tuple[Clause, ...]
    signatories: tuple[Signatory, ...] = ()
    translations: dict[str, tuple[Translation, ...]] = field(default_factory=dict)
    year: int | None = None
    date: str | None = None
    place: str | None = None
    source: str | None = None
    symbol: str | None = None  # "A/RES/70/1", "DSR/2026/L.1/Rev.2"
    body: str | None = None  # who issues it: "General Assembly", "Human Rights Council"
    front_matter: tuple[str, ...] = ()  # the title block's other lines, as written
    divisions: tuple[Division, ...] = ()
    dropped: tuple[Dropped, ...] = ()

    @property
    def preambular(self) -> tuple[Clause, ...]:
        return tuple(c for c in self.clauses if c.kind is UnitKind.PREAMBULAR)

    @property
    def operative(self) -> tuple[Clause, ...]:
        return tuple(c for c in self.clauses if c.kind is UnitKind.OPERATIVE)

    @property
    def preamble(self) -> str:
        """The preambular paragraphs, separated by blank lines."""
        return "\n\n".join(c.text for c in self.preambular)

    def clause(self, number: str) -> Clause | None:
        """The unit whose number (or citation, "OP5", "Article 4.2") is `number`, or None."""
        wanted = " ".join(number.split()).casefold()
        for c in self.clauses:
            if c.number.casefold() == wanted:
                return c
        return next((c for c in self.clauses if c.citation.casefold() == wanted), None)

    def counts(self) -> dict[str, int]:
        """Units per kind, in the order kinds appear in a text."""
        out = dict.fromkeys((k.value for k in UnitKind), 0)
        for c in self.clauses:
            out[c.kind.value] += 1
        return {k: n for k, n in out.items() if n}

    def summary(self) -> str:
        """"3 preambular paragraphs, 12 clauses, 2 annex paragraphs, 4 divisions"."""
        counts = self.counts()
        if "operative" not in counts:
            counts = {"operative": 0, **counts}
        divisions = sum(1 for _ in self.all_divisions())
        return counts_phrase({**counts, "division": divisions}, zero=("operative",))

    def dropped_notice(self) -> str | None:
        """One line saying what the importer left out, by reason, or None."""
        if not self.dropped:
            return None
        reasons: dict[str, int] = {}
        for d in self.dropped:
            reason = d.reason.split(" (")[0]
            reasons[reason] = reasons.get(reason, 0) + 1
        total = len(self.dropped)
        detail = "; ".join(f"{reason}: {n}" for reason, n in reasons.items())
        return (f"{total} piece{'s' if total != 1 else ''} of the input left out of the text "
                f"({detail}); each is listed under \"dropped\"")

    def all_divisions(self) -> Iterator[tuple[int, Division]]:
        """(depth, division) for every division, in document order."""
        for top in self.divisions:
            yield from top.walk()

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "symbol": self.symbol,
            "body": self.body,
            "year": self.year,
            "date": self.date,
            "place": self.place,
            "language": self.language,
            "source": self.source,
            "front_matter": list(self.front_matter),
            "preamble": self.preamble,
            "preamble_paragraphs": [c.text for c in self.preambular],
            "divisions": [d.to_json() for d in self.divisions],
            "clauses": [c.to_json() for c in self.clauses],
            "signatories": [s.to_json() for s in self.signatories],
            "translations": {
                lang: [t.to_json() for t in items] for lang, items in self.translations.items()
            },
            "dropped": [d.to_json() for d in self.dropped],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Initiative:
        clauses = [Clause.from_json(c) for c in data.get("clauses", [])]
        if data.get("preamble") and not any(c.kind is UnitKind.PREAMBULAR for c in clauses):
            # written before preambular paragraphs were units: one unit per paragraph
            clauses[:0] = preambular_units(str(data["preamble"]))
        return cls(
            id=data.get("id") or "",
            title=data.get("title") or "",
            language=data.get("language") or "en",
            clauses=tuple(clauses),
            signatories=tuple(Signatory(s["code"], s["name"]) for s in data.get("signatories", [])),
            translations={
                lang: tuple(Translation(t["number"], t["text"]) for t in items)
                for lang, items in (data.get("translations") or {}).items()
            },
            year=data.get("year"),
            date=data.get("date"),
            place=data.get("place"),
            source=data.get("source"),
            symbol=data.get("symbol"),
            body=data.get("body"),
            front_matter=tuple(data.get("front_matter") or ()),
            divisions=tuple(Division.from_json(d) for d in data.get("divisions") or ()),
            dropped=tuple(Dropped(str(d["reason"]), str(d["text"]))
                          for d in data.get("dropped") or ()),
        )


def preambular_units(preamble: str, language: str = "en") -> list[Clause]:
    """Preambular units PP1, PP2… from a preamble written as paragraphs between blank lines
    (how library files and drafts of format 1 kept it)."""
    from dsrdraft.textnorm import first_sentence, normalise_whitespace

    paragraphs = [normalise_whitespace(p) for p in preamble.split("\n\n")]
    return [Clause(f"PP{n}", first_sentence(p), p, language, UnitKind.PREAMBULAR,
                   numbered=False)
            for n, p in enumerate((p for p in paragraphs if p), 1)]
