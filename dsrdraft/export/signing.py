"""The secretariat's signing key: Ed25519 (the `cryptography` package) over an export's
canonical text, so that `verify --key` proves who issued a file, not only that it is whole.

A key pair is two PEM files: NAME.key (private, PKCS#8, readable by its owner only, encrypted
when a passphrase is given) and NAME.pub (public, to share). A key is named by its id: the
first 16 hex digits of the SHA-256 of the raw public key, in groups of four.
"""

from __future__ import annotations

import base64
import hashlib
import os
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from dsrdraft.atomicfile import atomic_write
from dsrdraft.errors import DsrError

#: Signed bytes start with this, so a dsrdraft signature can never be replayed as another
#: program's (or the other way round).
DOMAIN = b"dsrdraft-export-signature 1\n"
MAX_KEY_FILE = 64 * 1024


def key_id(public: Ed25519PublicKey) -> str:
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    digest = hashlib.sha256(raw).hexdigest()[:16]
    return " ".join(digest[i:i + 4] for i in range(0, 16, 4))


def new_key_pair(private_path: Path, public_path: Path,
                 passphrase: bytes | None = None) -> str:
    """Write a new key pair; returns its id. The private key file is made owner-only."""
    private = Ed25519PrivateKey.generate()
    encryption = (serialization.BestAvailableEncryption(passphrase) if passphrase
                  else serialization.NoEncryption())
    pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                encryption)

    def write_private(tmp: Path) -> None:
        os.chmod(tmp, 0o600)  # before a byte of the key is in it
        tmp.write_bytes(pem)

    atomic_write(private_path, write_private)
    os.chmod(private_path, 0o600)  # atomic_write keeps an old file's mode: not for a key
    public = private.public_key()
    atomic_write(public_path, lambda tmp: tmp.write_bytes(public.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)))
    return key_id(public)


def _read(path: Path, what: str) -> bytes:
    try:
        if path.stat().st_size > MAX_KEY_FILE:
            raise DsrError(f"{path}: not a dsrdraft {what} (too large)")
        return path.read_bytes()
    except FileNotFoundError:
        raise DsrError(f"{path}: no such {what} file") from None
    except IsADirectoryError:
        raise DsrError(f"{path}: is a folder, not a {what} file") from None
    except OSError as exc:
        raise DsrError(f"{path}: cannot read the {what} ({exc.strerror or exc})") from None


def load_private_key(path: Path, passphrase: bytes | None = None) -> Ed25519PrivateKey:
    data = _read(path, "private key")
    try:
        key = serialization.load_pem_private_key(data, password=passphrase or None)
    except TypeError:  # encrypted and no passphrase, or a passphrase for a plain key
        raise DsrError(f"{path}: the private key is encrypted: give its passphrase"
                       if not passphrase else
                       f"{path}: the private key is not encrypted: give no passphrase") \
            from None
    except ValueError:  # not PEM, damaged, or the wrong passphrase (never echoed)
        raise DsrError(f"{path}: not a dsrdraft private key, or the wrong passphrase") \
            from None
    if not isinstance(key, Ed25519PrivateKey):
        raise DsrError(f"{path}: not an Ed25519 private key (make one with "
                       "'dsrdraft keys new')")
    return key


def load_public_key(path: Path) -> Ed25519PublicKey:
    data = _read(path, "public key")
    try:
        key = serialization.load_pem_public_key(data)
    except ValueError:
        if b"PRIVATE KEY" in data:
            raise DsrError(f"{path}: is a private key: give the public one (.pub)") from None
        raise DsrError(f"{path}: not a dsrdraft public key") from None
    if not isinstance(key, Ed25519PublicKey):
        raise DsrError(f"{path}: not an Ed25519 public key")
    return key


def sign(private: Ed25519PrivateKey, message: bytes) -> str:
    return base64.b64encode(private.sign(DOMAIN + message)).decode("ascii")


def signature_valid(public: Ed25519PublicKey, message: bytes, signature: str) -> bool:
    try:
        raw = base64.b64decode(signature.encode("ascii"), validate=True)
        public.verify(raw, DOMAIN + message)
    except (InvalidSignature, ValueError, UnicodeEncodeError):
        return False
    return True
