"""The library shipped with dsrdraft: the seed initiatives, parsed from resources/library/."""

from __future__ import annotations

import dataclasses
import json

from dsrdraft.model import Initiative
from dsrdraft.parsing import parse_text
from dsrdraft.paths import resource_dir


def bundled_initiatives() -> list[Initiative]:
    """Each bundled initiative parsed from its raw text, with the manifest's id and metadata."""
    library = resource_dir() / "library"
    manifest = json.loads((library / "manifest.json").read_text(encoding="utf-8"))
    result = []
    for entry in manifest["initiatives"]:
        raw = (library / entry["file"]).read_bytes()
        initiative = parse_text(raw, source=entry["file"])
        result.append(
            dataclasses.replace(
                initiative,
                id=entry["id"],
                year=entry.get("year", initiative.year),
                date=entry.get("date"),
                place=entry.get("place"),
            )
        )
    return result



def bundled_initiative(id: str) -> Initiative:
    """One bundled initiative by its library id (KeyError if there is none)."""
    for initiative in bundled_initiatives():
        if initiative.id == id:
            return initiative
    raise KeyError(id)
