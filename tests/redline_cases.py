"""Test helper: the redline cases both the XML-level and the LibreOffice tests check, and what
a reader must see of a text in the redline's layout."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from dsrdraft.draft import model as m
from dsrdraft.model import Clause, Division, DivisionKind, Initiative, Signatory, UnitKind
from dsrdraft.parsing import parse_file

LIBRARY = Path(__file__).resolve().parents[1] / "resources" / "library"


def expected(initiative: Initiative) -> list[list[str]]:
    """What a reader sees of a text in the redline's layout: title, headings, the preamble as
    running text, labelled clauses, then the signature table's cells."""
    from dsrdraft.compare import items_of

    out = [["Title", initiative.title]]
    for item in items_of(initiative):
        if item.is_heading:
            out.append(["DSR Division", item.text])
        elif item.kind in ("preambular", "formula", "closing"):
            out.append(["DSR Preamble", item.text])
        else:
            out.append(["DSR Clause", f"{item.number}.\t{item.text}"])
    return out


def seeds() -> tuple[Initiative, Initiative]:
    return (parse_file(LIBRARY / "obor-digital-economy-2017.txt"),
            parse_file(LIBRARY / "beijing-initiative-2023.md"))


def moved_draft(old: Initiative) -> m.Draft:
    """2017 clause 9 moved to the front unchanged, clause 3 moved to the end with one word
    changed ("feasibility" -> "possibility")."""
    draft = dataclasses.replace(m.new_draft(old.title), clauses=m.units_from_initiative(old),
                                signatories=tuple(m.DraftSignatory(s.code)
                                                  for s in old.signatories))
    uid = {c.label: c.uid for c in draft.clauses}
    draft = m.move_clause(draft, uid["9"], 1)  # right after the preamble
    draft = m.move_clause(draft, uid["3"], len(draft.clauses) - 1)
    three = draft.clause(uid["3"])
    assert "feasibility" in three.text
    return m.edit_clause_text(draft, uid["3"], three.text.replace("feasibility", "possibility",
                                                                  1))


def treaty(version: int) -> Initiative:
    """A text with Articles: in version 2 Article 2 gains a heading word, its paragraph 2.1
    moves to Article 1 with a word changed, a paragraph is added, one removed, Article 3 is
    renumbered 4 after a new Article 3."""
    a = ["Expand broadband access and quality.", "Stimulate e-commerce cooperation."]
    b = ["Support digital skills for all.", "Promote inter-city cooperation and twinning."]
    c = ["Build confidence and trust in online transactions."]
    if version == 1:
        articles = [("Article 1", "Scope", a), ("Article 2", "Skills", b),
                    ("Article 3", "Trust", c)]
        preamble = ["Recalling the Digital Silk Road,", "Recognizing the digital divide,"]
    else:
        articles = [("Article 1", "Scope", [*a, b[0].replace("all", "everyone")]),
                    ("Article 2", "Skills and cities", [b[1], "Share best practices."]),
                    ("Article 3", "Artificial intelligence", ["Govern AI together."]),
                    ("Article 4", "Trust", c)]
        preamble = ["Recalling the Digital Silk Road,"]
    units = [Clause(f"PP{k}", "", t, kind=UnitKind.PREAMBULAR, numbered=False)
             for k, t in enumerate(preamble, 1)]
    divisions = []
    for label, heading, paragraphs in articles:
        divisions.append(Division(DivisionKind.ARTICLE, label, heading, label, len(units)))
        units += [Clause(f"{label.split()[1]}.{k}", "", t, path=(label,))
                  for k, t in enumerate(paragraphs, 1)]
    return Initiative(f"t{version}", "A treaty", "en", tuple(units), divisions=tuple(divisions),
                      signatories=(Signatory("CHN", "China"),) if version == 1 else
                      (Signatory("CHN", "China"), Signatory("LAO", "Laos")))


def structured(id_: str, parts: list[tuple[str, list[str]]], preamble: list[str]
               ) -> Initiative:
    """A text of preambular paragraphs and Articles 1, 2… (heading, paragraphs)."""
    units = [Clause(f"PP{k}", "", t, kind=UnitKind.PREAMBULAR, numbered=False)
             for k, t in enumerate(preamble, 1)]
    divisions = []
    for n, (heading, paragraphs) in enumerate(parts, 1):
        divisions.append(Division(DivisionKind.ARTICLE, f"Article {n}", heading,
                                  f"Article {n}", len(units)))
        units += [Clause(f"{n}.{k}", "", t, path=(f"Article {n}",))
                  for k, t in enumerate(paragraphs, 1)]
    return Initiative(id_, "T", "en", tuple(units), divisions=tuple(divisions))
