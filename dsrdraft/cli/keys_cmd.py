"""`dsrdraft keys new`: the secretariat's signing key pair (placeholder)."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    del subparsers
