"""The lazily compiled patterns and their on-disk cache of compiled code give exactly `re`'s patterns."""

from __future__ import annotations

import importlib
import marshal
import os
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

import dsrdraft
from dsrdraft import lazyre
from dsrdraft.lazyre import LazyPattern, _CodeCache, _compile_with_code, compiled

pytestmark = pytest.mark.skipif(not lazyre._usable(), reason="the cache needs CPython 3.11-3.13")

ROOT = Path(__file__).resolve().parents[1]


def package_patterns() -> list[tuple[str, int]]:
    """Every module-level lazily compiled pattern of the core package."""
    found: dict[tuple[str, int], None] = {}
    for info in pkgutil.walk_packages(dsrdraft.__path__, "dsrdraft."):
        if info.name.endswith("__main__"):  # runs the command line
            continue
        try:
            module = importlib.import_module(info.name)
        except ImportError:  # an optional dependency (PostgreSQL driver, ...) not installed
            continue
        for value in vars(module).values():
            if isinstance(value, LazyPattern):
                found[value._source] = None
    return list(found)


def test_every_package_pattern_rebuilds_as_re_compiles_it() -> None:
    patterns = package_patterns()
    assert len(patterns) > 80  # the importer's, the compare engine's, the writer's
    for pattern, flags in patterns:
        expected = re.compile(pattern, flags)
        built, entry = _compile_with_code(pattern, int(flags))
        # re compares patterns by their text, flags and compiled code
        assert built == expected, pattern
        assert built.groupindex == expected.groupindex and built.groups == expected.groups
        import _sre

        rebuilt = _sre.compile(pattern, *marshal.loads(marshal.dumps(entry)))
        assert rebuilt == expected and rebuilt.flags == expected.flags, pattern


def test_cache_round_trip(tmp_path: Path) -> None:
    path = str(tmp_path / "sub" / "patterns.marshal")
    first = _CodeCache(path)
    cjk = first.compile(r"(?P<han>[\u4e00-\u9fff]+)|(?i:bis)", 0)
    assert first.added
    first.save()
    second = _CodeCache(path)
    assert (r"(?P<han>[\u4e00-\u9fff]+)|(?i:bis)", 0) in second.load()
    again = second.compile(r"(?P<han>[\u4e00-\u9fff]+)|(?i:bis)", 0)
    assert not second.added  # taken from the file, nothing new to write
    assert again == cjk == re.compile(r"(?P<han>[\u4e00-\u9fff]+)|(?i:bis)")
    assert [m.groupdict() for m in again.finditer("第一条 BIS")] == \
        [{"han": "第一条"}, {"han": None}]


def test_damaged_cache_is_compiled_anew(tmp_path: Path) -> None:
    path = tmp_path / "patterns.marshal"
    path.write_bytes(b"\x00not marshal at all")
    cache = _CodeCache(str(path))
    assert cache.compile(r"\d+", 0).findall("a12b3") == ["12", "3"]
    cache.save()
    assert marshal.loads(path.read_bytes())[(r"\d+", 0)]
    # an entry the engine refuses (bad code) falls back to compiling
    cache = _CodeCache(str(path))
    cache.load()[(r"\d+", 0)] = (0, b"\1\0\0\0\2\0\0\0", 0, {}, (None,))
    assert cache.compile(r"\d+", 0) == re.compile(r"\d+")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_unwritable_folder_is_no_error(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        cache = _CodeCache(str(folder / "patterns.marshal"))
        assert cache.compile(r"x+", 0).match("xx")
        cache.save()
        assert not list(folder.iterdir())
    finally:
        folder.chmod(0o700)


def test_errors_and_flags_as_re_gives_them() -> None:
    with pytest.raises(re.error):
        compiled("(unclosed")
    with pytest.raises(ValueError):
        compiled(r"\w", re.ASCII | re.UNICODE)
    assert compiled(r"[a-z]+", re.IGNORECASE).findall("Ab Cd") == ["Ab", "Cd"]
    assert compiled(r"[a-z]+", re.IGNORECASE).flags == re.compile(r"[a-z]+", re.I).flags


def test_a_process_writes_the_cache_and_the_next_reads_it(tmp_path: Path) -> None:
    """End to end in fresh interpreters, the module's own path pointed at a copy."""
    copy = tmp_path / "pkg"
    copy.mkdir()
    (copy / "lazyre.py").write_text((ROOT / "dsrdraft" / "lazyre.py").read_text())
    script = ("import lazyre, re; p = lazyre.lazy_compile(r'[\\u3400-\\u9fff]{2}', re.I); "
              "print(p.findall('中文字'), lazyre._CACHE.added)")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    run = [sys.executable, "-c", script]
    first = subprocess.run(run, cwd=copy, env=env, capture_output=True, text=True, check=True)
    assert first.stdout.split() == ["['中文']", "True"]
    assert [p.name for p in (copy / "__pycache__").glob("lazyre.*.marshal")]
    second = subprocess.run(run, cwd=copy, env=env, capture_output=True, text=True, check=True)
    assert second.stdout.split() == ["['中文']", "False"]  # nothing compiled: read back
    # under PYTHONDONTWRITEBYTECODE the file is read, never written
    for f in (copy / "__pycache__").glob("lazyre.*.marshal"):
        f.unlink()
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    subprocess.run(run, cwd=copy, env=env, capture_output=True, text=True, check=True)
    assert not list((copy / "__pycache__").glob("lazyre.*.marshal"))
