"""Regular expressions compiled the first time they are used, from compiled code kept on disk.

The importer holds about a hundred patterns; compiling them all took some 85 ms of every
command that reads a text, and a given text uses about half of them (a plain .txt file no
markdown pattern, an English text few of the Chinese ones). Python compiles sets of
characters spanning large Unicode ranges character by character, so those cost the most:
some 50-70 ms of `compare A B --docx` even compiled lazily.

So a pattern's compiled code (what `re` hands to the regex engine, `_sre.compile`) is also
kept, as `.pyc` files keep a module's bytecode: in `__pycache__` beside this module, one file
per interpreter version and regex engine, written when a process ends having compiled a
pattern it did not hold. Rebuilding a pattern from that code takes microseconds and gives the
very pattern `re.compile` gives (equal, as `re` compares patterns: same text, flags and code;
tests/test_lazyre.py checks every pattern of the package). Anything unexpected (another
interpreter, a damaged or unreadable file, a folder that cannot be written) falls back to
`re.compile` and compiling as before; like `.pyc` files, the file is read but not written
under PYTHONDONTWRITEBYTECODE (`python -B`).
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from typing import Any

# What the importer asks of a pattern; after the first use each is a plain attribute of
# the object (the compiled pattern's own bound method), as fast to reach as on a pattern.
_FORWARDED = ("match", "fullmatch", "search", "finditer", "findall", "sub", "subn", "split",
              "pattern", "flags", "groups", "groupindex", "scanner")

#: (pattern, flags) -> the arguments of `_sre.compile` after the pattern: (flags, code,
#: groups - 1, groupindex, indexgroup), all plain ints, strings, lists, dicts and tuples.
_Entry = tuple[int, list[int], int, dict[str, int], tuple[Any, ...]]
#: How an entry is stored: the code as the bytes of 32-bit words (read back ten times faster
#: than a marshalled list of ints).
_Stored = tuple[int, bytes, int, dict[str, int], tuple[Any, ...]]
#: Entries kept at most: patterns edited away during development would otherwise pile up;
#: past this the file is written again with this process's patterns only.
CACHE_LIMIT = 4096


def _usable() -> bool:
    """The compiled-code cache rests on CPython's `re` internals, as they are in 3.11-3.13."""
    return sys.implementation.name == "cpython" and (3, 11) <= sys.version_info[:2] <= (3, 13)


class _CodeCache:
    """The patterns' compiled code, read from its file at the first compile of a process and
    written back at its end when it compiled a pattern the file did not hold."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.entries: dict[tuple[str, int], _Stored] | None = None
        self.used: set[tuple[str, int]] = set()
        self.added = False

    def load(self) -> dict[tuple[str, int], _Stored]:
        if self.entries is None:
            import marshal

            try:
                with open(self.path, "rb") as handle:
                    # one read: marshal.load on a file reads it object by object (8x slower)
                    entries = marshal.loads(handle.read())
                if not isinstance(entries, dict):
                    raise ValueError("not a table of patterns")
            except (OSError, EOFError, ValueError, TypeError):
                entries = {}  # none yet, or damaged: compiled again and written anew
            self.entries = entries
        return self.entries

    def compile(self, pattern: str, flags: int) -> re.Pattern[str]:
        import _sre

        key = (pattern, int(flags))
        entries = self.load()
        self.used.add(key)
        stored = entries.get(key)
        if stored is not None:
            try:
                flags_out, code, *groups = stored
                return _sre.compile(pattern, flags_out, memoryview(code).cast("I").tolist(),
                                    *groups)
            except (TypeError, ValueError, RuntimeError, OverflowError):
                pass  # not code this engine takes (the engine checks it): compile it anew
        compiled, entry = _compile_with_code(pattern, key[1])
        entries[key] = _stored(entry)
        if not self.added:
            self.added = True
            if not sys.dont_write_bytecode:  # as for .pyc: read then, never written
                import atexit

                atexit.register(self.save)
        return compiled

    def save(self) -> None:
        """Write the table atomically (a rename: a reader sees the old file or the new one);
        a folder that cannot be written leaves the patterns to be compiled next time."""
        import marshal

        entries = self.entries or {}
        if len(entries) > CACHE_LIMIT:
            entries = {key: entries[key] for key in self.used if key in entries}
        tmp = f"{self.path}.{os.getpid()}.tmp"
        try:
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
            with open(tmp, "wb") as handle:
                marshal.dump(entries, handle)
            os.replace(tmp, self.path)
        except (OSError, ValueError):
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _compile_with_code(pattern: str, flags: int) -> tuple[re.Pattern[str], _Entry]:
    """What `re._compiler.compile` does, keeping the code it gives the engine."""
    import _sre
    from re import _compiler, _parser

    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]  # opcodes are int subclasses
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    entry: _Entry = (int(flags | parsed.state.flags), code, parsed.state.groups - 1,
                     groupindex, tuple(indexgroup))
    return _sre.compile(pattern, *entry), entry


def _stored(entry: _Entry) -> _Stored:
    from array import array

    return (entry[0], array("I", entry[1]).tobytes(), *entry[2:])  # type: ignore[return-value]


def _cache_path() -> str:
    import _sre

    folder = os.path.join(os.path.dirname(os.path.abspath(__file__)), "__pycache__")
    return os.path.join(folder, f"lazyre.{sys.implementation.cache_tag}-{_sre.MAGIC}.marshal")


_CACHE: _CodeCache | None = None


def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, rebuilt from the cached code when the cache has it."""
    global _CACHE
    if not _usable() or flags & re.DEBUG:
        return re.compile(pattern, flags)
    if _CACHE is None:
        _CACHE = _CodeCache(_cache_path())
    try:
        return _CACHE.compile(pattern, flags)
    except (TypeError, ValueError, RuntimeError, AttributeError, ImportError):
        return re.compile(pattern, flags)  # re's own error for a bad pattern, as before


class LazyPattern:
    """Stands for `re.compile(pattern, flags)` and compiles it when first asked for any of
    its methods or attributes."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        # only reached for what the instance does not hold yet: the first use
        if name == "_source":  # not set yet (a copy being made): never compile for it
            raise AttributeError(name)
        pattern = compiled(*self._source)
        for attribute in _FORWARDED:
            setattr(self, attribute, getattr(pattern, attribute))
        return getattr(pattern, name)

    def __repr__(self) -> str:
        return f"LazyPattern({self._source[0]!r}, {self._source[1]!r})"


def lazy_compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern compiled on first use (typed as the pattern it stands for)."""
    return LazyPattern(pattern, flags)  # type: ignore[return-value]
