"""JSON read from files people hand around: bounded in size and depth, strict, valid Unicode.

`json.loads` alone accepts `Infinity` and `NaN` (which it then cannot write back as JSON),
integers of any length (Python refuses to convert more than 4,300 digits, mid-parse), lone
surrogates from `\\ud800` escapes (which cannot be printed or written as UTF-8), and nesting
deep enough to exhaust the interpreter's stack. Everything here is refused with one line.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from dsrdraft.errors import DsrError

#: A draft with every revision kept is a few megabytes; this leaves room for thousands of units.
MAX_BYTES = 64 * 1024 * 1024
#: A draft nests 8 deep (revision > clauses > clause > alternatives > proposers); more is not
#: a draft, and the cap keeps every later recursive walk safe.
MAX_DEPTH = 32
#: Digits of an integer: a revision number, a position. Far below Python's 4,300-digit limit.
MAX_INT_DIGITS = 18

_SURROGATE = re.compile(r"[\ud800-\udfff]")


class JsonInputError(DsrError):
    """A file that is not bounded, strict JSON."""


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _bounded_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_INT_DIGITS:
        raise ValueError(f"an integer of {len(digits)} digits")
    return int(digits)


def _finite_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise ValueError("a number too large for a float")
    return value


def _too_large(source: str, size: int) -> JsonInputError:
    return JsonInputError(f"{source}: {size / 1_048_576:.1f} MB is more than a draft file "
                          f"may hold ({MAX_BYTES / 1_048_576:.1f} MB)")


def read_bounded(path: Path) -> bytes:
    """A file's bytes, refused before reading when it is larger than MAX_BYTES (OSErrors
    pass: the caller words them)."""
    with path.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > MAX_BYTES:
            raise _too_large(str(path), size)
        raw = handle.read(MAX_BYTES + 1)  # the file may have grown since
    if len(raw) > MAX_BYTES:
        raise _too_large(str(path), len(raw))
    return raw


def loads(raw: bytes, source: str, *, max_depth: int = MAX_DEPTH) -> Any:
    """The JSON value in `raw` (UTF-8), or a JsonInputError naming `source`."""
    if len(raw) > MAX_BYTES:
        raise _too_large(source, len(raw))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise JsonInputError(f"{source}: not a draft file (not UTF-8 at byte {exc.start})") \
            from None
    try:
        data = json.loads(text, parse_constant=_reject_constant, parse_int=_bounded_int,
                          parse_float=_finite_float)
    except json.JSONDecodeError as exc:
        raise JsonInputError(f"{source}: not a draft file (bad JSON at line {exc.lineno})") \
            from None
    except RecursionError:
        raise JsonInputError(f"{source}: not a draft file (JSON nested more than "
                             f"{max_depth} deep)") from None
    except ValueError as exc:  # from the hooks above; their message names no file content
        raise JsonInputError(f"{source}: not a draft file ({exc})") from None
    check_tree(data, source, max_depth)
    return data


def check_tree(data: Any, source: str, max_depth: int = MAX_DEPTH) -> None:
    """Depth within `max_depth` and every string (keys too) valid Unicode: one walk, no
    recursion; a refusal names where in the tree (`clauses[3].text`)."""
    stack: list[tuple[Any, int, str]] = [(data, 1, "")]
    while stack:
        node, depth, where = stack.pop()
        if isinstance(node, str):
            if not node.isascii() and _SURROGATE.search(node):
                raise JsonInputError(f"{source}: {where or 'the file'}: a lone surrogate, "
                                     "which is not text")
            continue
        if not isinstance(node, dict | list):
            continue
        if depth > max_depth:
            raise JsonInputError(f"{source}: {where}: JSON nested more than {max_depth} deep")
        if isinstance(node, dict):
            for key, value in node.items():
                # An unknown key is named only when it is a short plain name (error lines
                # never quote a file's text).
                name = key if key.isidentifier() and len(key) <= 40 else "(a key)"
                path = f"{where}.{name}" if where else name
                stack.append((key, depth, path))
                stack.append((value, depth + 1, path))
        else:
            stack.extend((value, depth + 1, f"{where}[{n}]") for n, value in enumerate(node))


def dumps(data: Any) -> str:
    """The text a draft file is written as (UTF-8 characters kept, two-space indent)."""
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
