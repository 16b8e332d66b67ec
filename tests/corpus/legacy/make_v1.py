"""Wrote library-v1.sqlite and draft-v1.json with dsrdraft as of commit 227ebed (library schema 1,
draft format 1), for the migration tests. Run from a checkout of that commit:

    git worktree add /tmp/v1 227ebed && python tests/corpus/legacy/make_v1.py OUT_DIR  (cwd /tmp/v1)
"""
import sys

sys.path.insert(0, ".")
from pathlib import Path

from dsrdraft.draft import model as dm
from dsrdraft.draft.storage import save_draft
from dsrdraft.parsing import parse_text
from dsrdraft.store import open_library

out = Path(sys.argv[1])
lib = open_library(f"sqlite:///{out}/library-v1.sqlite")
text = ("# Draft Declaration on Digital Cooperation\n\nThe participating States, recalling their shared commitments,\n\n"
        "1. Promote digital cooperation among the parties.\n\n2. Strengthen [capacity building][training] for officials.\n\n"
        "3. Encourage exchanges of experience and best practices.\n")
r = lib.import_initiative(parse_text(text, source="declaration.md"), id="digital-declaration")
print(lib.list_initiatives())
d = dm.new_draft("Digital Cooperation Initiative", symbol="DSR/2026/L.1", place="Beijing",
                 preamble="We, the representatives of the [participating States][parties],\n\nRecognising the role of the digital economy,")
d = dm.add_clause(d, lib.get("obor-digital-economy-2017").clause("1").text, dm.Provenance("obor-digital-economy-2017", "1"))
d = dm.add_clause(d, "Promote [shall][should] cooperation in e-commerce.", proposers=["CHN"])
uid = d.clauses[1].uid
d = dm.set_status(d, d.clauses[0].uid, "agreed")
d = dm.add_alternative(d, uid, "Encourage cooperation in e-commerce.", ["THA"])
d = dm.add_reservation(d, uid, "EGY", "Reserves its position.")
d = dm.add_signatory(d, dm.DraftSignatory("THA", "Mr. A", "Minister", "2026-11-01"))
d = dm.revise(d, note="first reading", date="2026-11-02")
d = dm.edit_clause_text(d, uid, "Promote [shall] cooperation in e-commerce and digital trade.")
d = dm.add_clause(d, "Review progress annually.", after=uid)
save_draft(d, out / "draft-v1.json")
print((out / "draft-v1.json").read_text()[:400])
