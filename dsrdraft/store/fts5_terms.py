"""FTS5's records read in Python: the varints of its docsize and averages records, and the
terms an index holds under a prefix (from its segments' leaf pages)."""

from __future__ import annotations

from typing import Any

# FTS5's file format (fts5_index.c, stable since SQLite 3.10): each segment's leaf pages are
# rows of `<table>_data` with id (segid << 37) + page; `<table>_idx` holds one row per leaf
# page that a term starts on: (segid, a prefix of its first term, page << 1 | doclist-index
# flag). A leaf page: 2 bytes, the offset of its first rowid; 2 bytes, the offset of its
# page index (a varint per term on the page: the first term's offset, then each next one's
# distance from the one before); at the first term, a varint length and the whole term; at
# each next, a varint of the bytes it keeps from the term before, a varint length and the
# new bytes. Terms of the main index start with the byte "0" (a prefix index's, "1", "2"…).
# Which segments hold the index, and which of their pages, is the structure record's (data
# row 10): an incremental merge deletes the pages of a segment it has read so far and
# rewrites the first one left (their `_idx` rows stay).
_MAIN = b"0"
_PAGE_BITS = 37
_STRUCTURE = 10
_STRUCTURE_V2 = b"\xff\x00\x00\x01"  # SQLite 3.43's mark of a record with more per segment


def read_varint(blob: bytes, at: int) -> tuple[int, int]:
    """(value, offset after it) of SQLite's varint at `at` (seven bits a byte, high bit set
    on all but the last, the ninth byte's eight bits whole)."""
    value = 0
    for _ in range(8):
        byte = blob[at]
        at += 1
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, at
    return (value << 8) | blob[at], at + 1


def segments(structure: bytes) -> list[tuple[int, int, int]]:
    """(segment id, first page, last page) of each segment in an FTS5 structure record."""
    at = 4  # the configuration cookie
    v2 = structure[at:at + 4] == _STRUCTURE_V2
    at += 4 if v2 else 0
    levels, at = read_varint(structure, at)
    total, at = read_varint(structure, at)
    _, at = read_varint(structure, at)  # the write counter
    found: list[tuple[int, int, int]] = []
    for _ in range(levels):
        _, at = read_varint(structure, at)  # segments being merged
        count, at = read_varint(structure, at)
        for _ in range(count):
            fields = []
            for _ in range(8 if v2 else 3):  # v2: origins, tombstone pages and entries
                value, at = read_varint(structure, at)
                fields.append(value)
            found.append((fields[0], fields[1], fields[2]))
    # Read wrong (a format this does not know), segments would be missed and their terms with
    # them: the record must be read to its end and hold the segments it says it does.
    if at != len(structure) or len(found) != total:
        raise ValueError("not an FTS5 structure record this reads")
    return found


def varints(blob: bytes) -> list[int]:
    """Every varint of a record of small values (a docsize or averages record): read_varint's
    decoding without a call per value (a window's 500 docsize records are read a query)."""
    values: list[int] = []
    value = 0
    for byte in blob:
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            values.append(value)
            value = 0
    return values


def page_terms(blob: bytes) -> list[bytes]:
    """Every term that starts on one leaf page, in order (with its index's first byte)."""
    index = int.from_bytes(blob[2:4], "big")
    terms: list[bytes] = []
    at, offset, term = index, 0, b""
    while at < len(blob):
        step, at = read_varint(blob, at)
        offset += step
        keep = 0
        start = offset
        if terms:
            keep, start = read_varint(blob, offset)
        size, start = read_varint(blob, start)
        following = term[:keep] + blob[start:start + size]
        if start + size > index or (terms and following <= term):
            raise ValueError("not an FTS5 leaf page")  # read wrong: the caller asks FTS5
        term = following
        terms.append(term)
    return terms


def prefix_terms(raw: Any, table: str, prefix: str, limit: int) -> list[str] | None:
    """The distinct terms of FTS5 table `table`'s main index that start with `prefix`, sorted;
    None when there are more than `limit` or a page does not read as FTS5 writes them.

    `raw` is a plain sqlite3 connection. Terms an open write transaction of this connection
    has added are not on pages yet (FTS5 keeps them in memory until it commits): it must not
    have written to the index. Some 1 ms for `inter` (46 terms, some 40 pages) at 1M
    paragraphs: of each segment the structure record lists, the pages a term starts on, from
    the last one starting before `prefix` (or the first page the segment still has)."""
    low = _MAIN + prefix.encode()
    high = low + b"\xff"  # no UTF-8 byte is 0xff: above every term starting with `prefix`
    structure = raw.execute(f"SELECT block FROM {table}_data WHERE id = ?",
                            (_STRUCTURE,)).fetchone()
    found: set[bytes] = set()
    try:
        for segment, first, last in segments(structure[0] if structure else b""):
            pages = {max(first, int(page) >> 1) for (page,) in raw.execute(
                f"SELECT pgno FROM (SELECT pgno FROM {table}_idx WHERE segid = ?1 AND "
                "term <= ?2 ORDER BY term DESC LIMIT 1) UNION ALL SELECT pgno FROM "
                f"{table}_idx WHERE segid = ?1 AND term > ?2 AND term < ?3",
                (segment, low, high))}
            for page in sorted(pages):
                block = raw.execute(f"SELECT block FROM {table}_data WHERE id = ?",
                                    ((segment << _PAGE_BITS) + page,)).fetchone()
                if page > last or block is None:
                    return None
                found.update(t for t in page_terms(block[0]) if t.startswith(low))
                if len(found) > limit:
                    return None
        return sorted(t[len(_MAIN):].decode() for t in found)
    except (ValueError, IndexError):  # (UnicodeDecodeError is a ValueError)
        return None
