"""`export_draft`: one draft to one .docx in a mode, fingerprinted, saved atomically."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from dsrdraft.draft.brackets import has_brackets
from dsrdraft.draft.model import Draft, validate_draft
from dsrdraft.errors import DsrError, ExportRefused
from dsrdraft.export.body import (
    DocMeta,
    open_template,
    write_clean_body,
    write_header,
    write_negotiation_body,
)
from dsrdraft.export.embedded import embed_draft
from dsrdraft.export.finish import finish_and_save
from dsrdraft.export.signature import add_signature_block
from dsrdraft.model import Initiative
from dsrdraft.textnorm import scrub_for_xml

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

MODES = ("clean", "negotiation", "redline")


def still_bracketed(draft: Draft) -> list[str]:
    return [c.label for c in draft.live_clauses() if has_brackets(c.text)]


def export_draft(draft: Draft, out_path: str | Path, mode: str = "negotiation",
                 against: Initiative | None = None, force: bool = False,
                 author: str = "dsrdraft", template: str | Path | None = None,
                 revision_date: str | None = None,
                 key: Ed25519PrivateKey | None = None,
                 reservations: str = "footnotes") -> str:
    """Export `draft` to Word (signed with `key`, the secretariat's private key, if given);
    returns the fingerprint. Refusals are DsrErrors. The draft itself travels inside the
    file (`dsrdraft.export.embedded`), so `draft import` reopens it; `reservations` says how
    the negotiation text prints reservations besides comments ("footnotes" or "list").

    Control characters that Word's XML cannot hold (pasted from other programs) are dropped
    here, at the XML boundary, so the fingerprint is of the text the document really holds.
    """
    from dsrdraft.draft.schema import check_draft_json
    from dsrdraft.draft.storage import draft_to_json

    # The caps a draft file is held to (size, count, bracket depth) hold for a draft made in
    # memory too: they keep the export's time and memory bounded.
    check_draft_json(draft_to_json(draft), "the draft")
    draft = scrub_for_xml(draft)
    against = scrub_for_xml(against)
    if mode not in MODES:
        raise DsrError(f"unknown export mode {mode!r} (choose {', '.join(MODES)})")
    errors = validate_draft(draft)
    if errors and not force:
        raise ExportRefused("unbalanced brackets: " + "; ".join(str(e) for e in errors),
                            "unbalanced")
    if mode == "clean" and not force:
        left = still_bracketed(draft)
        alts = [c.label for c in draft.live_clauses() if c.alternatives]
        if left or alts:
            parts = []
            if left:
                parts.append("clauses still in brackets: " + ", ".join(left))
            if alts:
                parts.append("clauses with alternatives pending: " + ", ".join(alts))
            raise ExportRefused("clean text refused: " + "; ".join(parts), "bracketed")
    kinds = {"clean": "Clean text", "negotiation": "Negotiation text"}
    extra = {"dsrdraft.symbol": draft.full_symbol, "dsrdraft.revision": str(draft.revision)}
    if mode == "redline":
        if against is None:
            raise DsrError("a redline needs a text to compare against")
        from dsrdraft.compare import compare_initiatives
        from dsrdraft.export.redline import build_redline_document, named

        new = draft.to_initiative()
        meta = DocMeta(draft.full_symbol, draft.date, draft.place,
                       f"Redline against {named(against)}")
        document = build_redline_document(against, new, compare_initiatives(against, new),
                                          meta=meta, author=author, date=revision_date,
                                          signatories=draft.signatories, template=template)
        extra["dsrdraft.against"] = against.id or against.title
        extra["dsrdraft.author"] = author
        extra.update(embed_draft(document, draft))
        return finish_and_save(document, out_path, mode, extra, key)
    document = open_template(template)
    write_header(document, DocMeta(draft.full_symbol, draft.date, draft.place, kinds[mode]))
    if mode == "clean":
        write_clean_body(document, draft)
    else:
        write_negotiation_body(document, draft, reservations)
        extra["dsrdraft.reservations"] = reservations
    add_signature_block(document, draft.signatories)
    extra.update(embed_draft(document, draft))
    return finish_and_save(document, out_path, mode, extra, key)
