"""Signing keys: made, encrypted, loaded, refused in one line (issue 17, item 5)."""

from __future__ import annotations

import stat

import pytest

from dsrdraft.cli import main
from dsrdraft.draft.sample import sample_draft
from dsrdraft.errors import DsrError
from dsrdraft.export.signing import load_private_key, load_public_key, new_key_pair
from dsrdraft.export.writer import export_draft


def test_keys_new_writes_a_private_file_for_its_owner_only(tmp_path, capsys):
    assert main(["keys", "new", "--out", str(tmp_path / "sec")]) == 0
    out = capsys.readouterr().out
    assert "wrote" in out and "key id " in out
    private, public = tmp_path / "sec.key", tmp_path / "sec.pub"
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert b"PRIVATE KEY" in private.read_bytes() and b"PUBLIC KEY" in public.read_bytes()
    assert main(["keys", "new", "--out", str(tmp_path / "sec")]) == 2  # never overwritten
    assert "already exists" in capsys.readouterr().err
    assert main(["keys", "show", str(public)]) == 0
    shown = capsys.readouterr().out
    assert main(["keys", "show", str(private)]) == 0
    assert capsys.readouterr().out == shown and shown.split("key id ")[1].strip() in out


def test_an_encrypted_key_needs_its_passphrase_and_never_shows_it(tmp_path, capsys,
                                                                 monkeypatch):
    monkeypatch.setenv("SEC_PASS", "correct horse")
    assert main(["keys", "new", "--out", str(tmp_path / "sec"),
                 "--passphrase-env", "SEC_PASS"]) == 0
    draft = tmp_path / "d.json"
    from dsrdraft.draft.storage import save_draft

    save_draft(sample_draft(), draft)
    out = str(tmp_path / "d.docx")
    assert main(["export", str(draft), "--out", out, "--sign", str(tmp_path / "sec.key")]) == 2
    assert "encrypted: give its passphrase" in capsys.readouterr().err
    monkeypatch.setenv("WRONG", "battery staple")
    assert main(["export", str(draft), "--out", out, "--sign", str(tmp_path / "sec.key"),
                 "--passphrase-env", "WRONG"]) == 2
    err = capsys.readouterr().err
    assert "the wrong passphrase" in err and "battery" not in err and "horse" not in err
    assert main(["export", str(draft), "--out", out, "--sign", str(tmp_path / "sec.key"),
                 "--passphrase-env", "SEC_PASS"]) == 0
    assert "signed by key" in capsys.readouterr().out
    assert main(["verify", out, "--key", str(tmp_path / "sec.pub")]) == 0


@pytest.mark.parametrize(("content", "message"), [
    (b"", "not a dsrdraft public key"),
    (b"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", "not a dsrdraft public"),
    (b"x" * 100_000, "too large"),
])
def test_a_bad_public_key_is_one_line(tmp_path, content, message):
    path = tmp_path / "k.pub"
    path.write_bytes(content)
    with pytest.raises(DsrError, match=message):
        load_public_key(path)


def test_an_rsa_or_other_key_is_refused(tmp_path):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    key = ec.generate_private_key(ec.SECP256R1())
    path = tmp_path / "ec.key"
    path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                       serialization.PrivateFormat.PKCS8,
                                       serialization.NoEncryption()))
    with pytest.raises(DsrError, match="not an Ed25519 private key"):
        load_private_key(path)


def test_a_signature_covers_the_whole_text(tmp_path):
    new_key_pair(tmp_path / "a.key", tmp_path / "a.pub")
    out = tmp_path / "d.docx"
    export_draft(sample_draft(), out, key=load_private_key(tmp_path / "a.key"))
    from dsrdraft.export.fingerprint import verify_docx

    result = verify_docx(out, load_public_key(tmp_path / "a.pub"))
    assert result.ok and result.signature == "valid"
    assert verify_docx(out).signature == "unchecked"
