"""Write the attack suite's input files into tests/attacks/files/ (they are committed; rerun
after a change to the draft format or the export seal: `python tests/attacks/make_attacks.py`).

Every file is one attack from issue 17; tests/attacks/cases.toml says what is run on it and
what must come out. `format1.docx` is not made here: it was exported by dsrdraft 0.1 (before
the seal covered formatting) and is kept as it was, so old exports go on verifying.
"""

from __future__ import annotations

import json
import random
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
FILES = HERE / "files"
sys.path[:0] = [str(HERE.parent.parent), str(HERE)]

import tamper  # noqa: E402

from dsrdraft.draft import model as m  # noqa: E402
from dsrdraft.draft.sample import sample_draft  # noqa: E402
from dsrdraft.draft.storage import save_draft  # noqa: E402

# name -> (dotted path in the good draft, the damaged value)
DAMAGED = {
    "deleted-string": ("clauses.1.deleted", "false"),
    "proposers-string": ("clauses.1.proposers", "CHN"),
    "label-null": ("clauses.0.label", None),
    "revision-huge": ("revision", 1e300),
    "revision-negative": ("revision", -3),
    "title-object": ("title", {"en": "T"}),
    "version-true": ("version", True),
    "clause-number": ("clauses.0", 5),
    "clause-list": ("clauses.0", ["x"]),
    "date-number": ("date", 20260514),
    "status-unknown": ("clauses.1.status", "done"),
    "code-typo": ("clauses.1.proposers", ["CHM"]),
    "signatory-unknown": ("signatories", [{"code": "XXX"}]),
    "brackets-too-deep": ("clauses.1.text", "[" * 40 + "x" + "]" * 40),
}


def _good() -> dict:
    draft = m.add_clause(m.add_clause(m.new_draft("Attack base", symbol="DSR/2026/L.1"),
                                      "First clause."), "Second clause.", proposers=["CHN"])
    path = FILES / "good.json"
    save_draft(m.revise(draft, date="2026-05-14"), path)
    return json.loads(path.read_text())


def _damaged(good: dict, where: str, value: object) -> dict:
    data = json.loads(json.dumps(good))
    *parents, last = where.split(".")
    node = data
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    node[int(last) if isinstance(node, list) else last] = value
    return data


def _drafts() -> None:
    good = _good()
    for name, (where, value) in DAMAGED.items():
        (FILES / f"draft-{name}.json").write_text(json.dumps(_damaged(good, where, value)))
    raw = json.dumps(good)
    head = raw[:-1]
    (FILES / "draft-infinity.json").write_text(raw.replace('"revision": 1', '"revision": '
                                                           'Infinity'))
    (FILES / "draft-deep-nesting.json").write_text(head + ', "x": ' + "[" * 100_000
                                                   + "]" * 100_000 + "}")
    (FILES / "draft-lone-surrogate.json").write_text(raw.replace("First clause.",
                                                                 "First \\ud800 clause."))
    (FILES / "draft-long-integer.json").write_text(raw.replace('"revision": 1',
                                                               '"revision": 1' + "0" * 5000))
    (FILES / "draft-million-brackets.json").write_text(raw.replace(
        "Second clause.", "[" * 1_000_000 + "]" * 1_000_000))
    (FILES / "draft-not-utf8.json").write_bytes(b"\xff\xfe" + raw.encode())
    newer = {**good, "version": 3, "x_future": {"kept": True}}
    (FILES / "draft-newer.json").write_text(json.dumps(newer))
    known = json.loads(raw)
    known["x_tool"] = "annotation kept"
    known["clauses"][1]["x_colour"] = "blue"
    (FILES / "draft-unknown-keys.json").write_text(json.dumps(known))


def _exports() -> None:
    from dsrdraft.export.signing import load_private_key, new_key_pair
    from dsrdraft.export.writer import export_draft

    for name in ("secretariat", "other"):
        for suffix in (".key", ".pub"):
            (FILES / f"{name}{suffix}").unlink(missing_ok=True)
        new_key_pair(FILES / f"{name}.key", FILES / f"{name}.pub")
    key = load_private_key(FILES / "secretariat.key")
    draft = sample_draft()
    export_draft(draft, FILES / "negotiation.docx", mode="negotiation", force=True, key=key)
    revised = m.revise(draft)
    revised = m.edit_clause_text(revised, revised.clauses[1].uid,
                                 "Expanding affordable broadband access.")
    export_draft(revised, FILES / "redline.docx", mode="redline", key=key,
                 against=revised.at_revision(0).to_initiative("rev0"))
    for t in tamper.TAMPERS:
        tamper.apply(t, FILES / f"{t.source}.docx", FILES / f"tampered-{t.name}.docx")
    word = next(t for t in tamper.TAMPERS if t.name == "word-changed")
    tamper.apply(word, FILES / "format1.docx", FILES / "tampered-format1.docx")
    edited = FILES / "tampered-word-changed.docx"
    tamper.reseal(edited, FILES / "resealed.docx")
    tamper.reseal(edited, FILES / "resigned.docx", load_private_key(FILES / "other.key"))
    broken = tamper.Tamper("custom-broken", "docProps/custom.xml",
                           lambda xml: xml.replace("</Properties>", ""), "")
    tamper.apply(broken, FILES / "negotiation.docx", FILES / "custom-broken.docx")
    import docx

    docx.Document().save(str(FILES / "plain.docx"))
    rng = random.Random(17)
    (FILES / "random.docx").write_bytes(bytes(rng.randrange(256) for _ in range(4000)))
    (FILES / "truncated.docx").write_bytes((FILES / "negotiation.docx").read_bytes()[:5000])


def _libraries() -> None:
    from dsrdraft.store import open_library

    path = FILES / "library-damaged.sqlite"
    path.unlink(missing_ok=True)
    open_library(str(path)).close()
    rng = random.Random(4)
    with path.open("r+b") as handle:
        handle.seek(path.stat().st_size // 2)
        handle.write(bytes(rng.randrange(256) for _ in range(16384)))
    shutil.copy(HERE.parent / "corpus" / "legacy" / "library-v1.sqlite",
                FILES / "library-v1.sqlite")
    old = FILES / "library-v1-damaged.sqlite"
    shutil.copy(FILES / "library-v1.sqlite", old)
    with old.open("r+b") as handle:
        handle.seek(old.stat().st_size // 2)
        handle.write(bytes(rng.randrange(256) for _ in range(8192)))


def main() -> None:
    FILES.mkdir(exist_ok=True)
    _drafts()
    _exports()
    _libraries()
    print(f"wrote {len(list(FILES.iterdir()))} files in {FILES}")


if __name__ == "__main__":
    main()
