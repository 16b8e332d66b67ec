"""`dsrdraft keys new|show`: the secretariat's signing key pair for Word exports."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from dsrdraft.cli.common import add_command, check_new_output, report_written
from dsrdraft.errors import DsrError

PASSPHRASE_HELP = ("name of an environment variable holding the key's passphrase (never "
                   "the passphrase itself: a command line is seen by every user); default: "
                   "the key is not encrypted")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = add_command(subparsers, "keys", "the signing key of exports (Ed25519)",
                         uses_library=False)
    sub = parser.add_subparsers(dest="keys_command", metavar="ACTION", required=True)

    p = add_command(sub, "new", "make a key pair: NAME.key (private, keep it secret) and "
                    "NAME.pub (public, share it)", uses_library=False)
    p.add_argument("--out", required=True, metavar="NAME",
                   help="where to write the pair: NAME.key and NAME.pub")
    p.add_argument("--passphrase-env", metavar="VAR", help=PASSPHRASE_HELP)
    p.add_argument("--force", action="store_true", help="overwrite an existing pair")
    p.set_defaults(func=run_new)

    p = add_command(sub, "show", "print the id of a key (public or private)",
                    uses_library=False)
    p.add_argument("key", metavar="KEY", help="a .pub or .key file")
    p.add_argument("--passphrase-env", metavar="VAR", help=PASSPHRASE_HELP)
    p.set_defaults(func=run_show)


def passphrase(variable: str | None) -> bytes | None:
    """The passphrase from the environment variable named (None when not asked for)."""
    if not variable:
        return None
    value = os.environ.get(variable)
    if not value:
        raise DsrError(f"environment variable {variable} is not set (it should hold the "
                       "key's passphrase)")
    return value.encode("utf-8", "surrogateescape")


def _pair(name: str) -> tuple[Path, Path]:
    base = Path(name)
    if base.suffix in (".key", ".pub"):
        base = base.with_suffix("")
    return base.with_name(base.name + ".key"), base.with_name(base.name + ".pub")


def run_new(args: argparse.Namespace) -> int:
    from dsrdraft.export.signing import new_key_pair

    private, public = _pair(args.out)
    for path in (private, public):
        check_new_output(path, args.force)
    key = new_key_pair(private, public, passphrase(args.passphrase_env))
    report_written(private, detail="private key: keep it secret, sign exports with it")
    report_written(public, detail="public key: share it, verify exports with it")
    print(f"key id {key}")
    return 0


def run_show(args: argparse.Namespace) -> int:
    from dsrdraft.export.signing import key_id, load_private_key, load_public_key

    path = Path(args.key)
    head = path.read_bytes()[:200] if path.is_file() else b""
    if b"PRIVATE KEY" in head:
        key = load_private_key(path, passphrase(args.passphrase_env)).public_key()
    else:
        key = load_public_key(path)
    print(f"key id {key_id(key)}")
    return 0
