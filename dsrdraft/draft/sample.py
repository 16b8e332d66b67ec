"""A small negotiation draft with every convention in it (tests, benchmark, GUI demo)."""

from __future__ import annotations

from dsrdraft.draft import DraftSignatory, Provenance, Status
from dsrdraft.draft import model as m
from dsrdraft.draft.model import Draft

CHINESE = "加强数字基础设施互联互通，推动宽带网络建设。"
ARABIC = "تعزيز التعاون في مجال الاقتصاد الرقمي بين الدول الأعضاء."


def sample_draft(extra_clauses: int = 0) -> Draft:
    d = m.new_draft("Digital Silk Road Cooperation Initiative", symbol="DSR/2026/L.1",
                    place="Beijing", date="2026-05-14",
                    preamble="The participating States, recognising the role of the digital "
                             "economy in sustainable development, have agreed as follows:")
    d = m.add_clause(d, "Expanding broadband access and raising broadband quality.",
                     Provenance("obor-digital-economy-2017", "1"))
    d = m.add_clause(d, "States [shall][should] promote cross-border e-commerce "
                        "[and [digital] payments].", proposers=["CHN", "LAO"])
    d = m.add_clause(d, "Strengthen cooperation on cybersecurity.", proposers=["RUS"])
    d = m.add_clause(d, CHINESE, proposers=["CHN"])
    d = m.add_clause(d, ARABIC, proposers=["ARE"])
    d = m.add_clause(d, "Encourage [open] data flows.", proposers=["USA"])
    for i in range(extra_clauses):
        d = m.add_clause(d, f"Clause {i}: cooperate on [digital][smart] infrastructure, "
                            "skills and standards for the benefit of all participants.",
                         proposers=["G77/China"])
    uids = [c.uid for c in d.clauses if c.kind is m.DraftKind.OPERATIVE]
    d = m.add_clause(d, "Promote digital skills for women and youth.", after=uids[0],
                     proposers=["THA"])
    d = m.set_status(d, uids[0], Status.AGREED)
    d = m.set_status(d, uids[2], Status.AD_REFERENDUM)
    d = m.add_alternative(d, uids[2], "Deepen [dialogue] on cyberspace governance.",
                          ["CHN", "G77/China"])
    d = m.add_reservation(d, uids[2], "USA", "Reserves its position pending consultations.")
    d = m.delete_clause(d, uids[5], by=["EGY"])
    for code, rep, title in (("THA", "A. Somchai", "Minister of Digital Economy"),
                             ("CHN", "Li Wei", "Minister"), ("ARE", "S. Al Mansouri", "Envoy"),
                             ("LAO", "K. Phommachanh", "Vice Minister"),
                             ("EGY", "M. Hassan", "Minister")):
        d = m.add_signatory(d, DraftSignatory(code, rep, title, "2026-05-14"))
    return d
