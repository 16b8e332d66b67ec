"""Immutable domain model of an initiative: its clauses, signatories and translations."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Clause:
    """One numbered clause. `number` is a string so that "12 bis" and "12 Alt" fit."""

    number: str
    heading: str
    text: str
    language: str = "en"

    def to_json(self) -> dict[str, Any]:
        return {"number": self.number, "heading": self.heading, "text": self.text,
                "language": self.language}


@dataclass(frozen=True, slots=True)
class Signatory:
    """A signing state by ISO 3166 alpha-3 code (or a group label such as "G77/China")."""

    code: str
    name: str

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name}


@dataclass(frozen=True, slots=True)
class Translation:
    """A clause in another language, linked to the main text by clause number."""

    number: str
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"number": self.number, "text": self.text}


@dataclass(frozen=True, slots=True)
class Initiative:
    """A negotiated text: title, preamble, ordered clauses, who signed, translations."""

    id: str
    title: str
    language: str
    preamble: str
    clauses: tuple[Clause, ...]
    signatories: tuple[Signatory, ...] = ()
    translations: dict[str, tuple[Translation, ...]] = field(default_factory=dict)
    year: int | None = None
    date: str | None = None
    place: str | None = None
    source: str | None = None

    def clause(self, number: str) -> Clause | None:
        """The clause numbered `number`, or None."""
        return next((c for c in self.clauses if c.number == number), None)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "year": self.year,
            "date": self.date,
            "place": self.place,
            "language": self.language,
            "source": self.source,
            "preamble": self.preamble,
            "clauses": [c.to_json() for c in self.clauses],
            "signatories": [s.to_json() for s in self.signatories],
            "translations": {
                lang: [t.to_json() for t in items] for lang, items in self.translations.items()
            },
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Initiative:
        return cls(
            id=data.get("id") or "",
            title=data.get("title") or "",
            language=data.get("language") or "en",
            preamble=data.get("preamble") or "",
            clauses=tuple(
                Clause(c["number"], c.get("heading", ""), c["text"], c.get("language", "en"))
                for c in data.get("clauses", [])
            ),
            signatories=tuple(Signatory(s["code"], s["name"]) for s in data.get("signatories", [])),
            translations={
                lang: tuple(Translation(t["number"], t["text"]) for t in items)
                for lang, items in (data.get("translations") or {}).items()
            },
            year=data.get("year"),
            date=data.get("date"),
            place=data.get("place"),
            source=data.get("source"),
        )
