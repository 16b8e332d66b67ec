"""Finishing an export: the footer, the seal, one atomic write.

Apart from the writers of drafts so that `compare --docx` loads no draft machinery.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from dsrdraft.atomicfile import write_bytes_atomically
from dsrdraft.errors import DsrError
from dsrdraft.export import fingerprint
from dsrdraft.export.page import write_footer

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey


def finish_and_save(document, out_path: str | Path, mode: str,
                    extra: dict[str, str] | None = None, key: Ed25519PrivateKey | None = None
                    ) -> str:
    """Write the footer, fingerprint (and sign, with `key`) the built document and save it
    atomically; returns the fingerprint.

    The file is made in memory and written in one go: a full disk fails that one write,
    leaves the previous file as it was, and leaves no half-written zip behind."""
    out = Path(out_path)
    if out.suffix.lower() != ".docx":
        raise DsrError(f"{out}: the output file must end in .docx")
    write_footer(document, fingerprint.PLACEHOLDER)
    digest, data = fingerprint.seal(document, {"dsrdraft.mode": mode, **(extra or {})}, key)
    write_bytes_atomically(out, data)
    return digest
