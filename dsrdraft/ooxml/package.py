"""The .docx package guard: a zip that is sound, not a bomb, and holds WordprocessingML.

Every reader of Word files (the importer, `verify`, templates) opens them here, so a hostile
file is refused the same way everywhere: zip bombs before anything is inflated, XML entities
and DTDs never resolved, nothing fetched from the network.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from lxml import etree

from dsrdraft.errors import DsrError
from dsrdraft.ooxml.ns import NSMAP

#: Everything the package would inflate to. A negotiated text is kilobytes to megabytes of
#: XML; a 20 MB .docx of text holds a few hundred MB.
MAX_UNCOMPRESSED = 1024 * 1024 * 1024
#: A part that inflates more than this many times over is a bomb once it is also large:
#: text XML compresses about 10:1, runs of one byte 1000:1.
MAX_RATIO = 200
RATIO_FLOOR = 20 * 1024 * 1024
#: Parts other than the main document (styles, numbering, footnotes…) are read whole.
MAX_SIDE_PART = 64 * 1024 * 1024

OFFICE_DOCUMENT = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                   "officeDocument")
CUSTOM_PROPERTIES = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                     "custom-properties")
_DEFAULT_MAIN = "word/document.xml"


def safe_parser(**options: Any) -> etree.XMLParser:
    """An lxml parser that never resolves entities, loads a DTD or touches the network."""
    return etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True,
                           dtd_validation=False, **options)


class DocxPackage:
    """An opened, checked .docx/.docm/.dotx: its parts by name, the main part's name."""

    def __init__(self, path: Path, data: bytes | None = None) -> None:
        """The package at `path`, or held in `data` (a document built in memory, which
        `path` then only names)."""
        self.path = path
        if data is None and not path.is_file():
            raise DsrError(f"{path}: no such file")
        try:
            self._zip = zipfile.ZipFile(path if data is None else io.BytesIO(data))
        except zipfile.BadZipFile:
            raise DsrError(f"{path}: not a .docx file (not a zip archive)") from None
        except OSError as exc:
            raise DsrError(f"{path}: cannot read ({exc.strerror or exc})") from None
        try:
            self._check()
        except BaseException:
            self._zip.close()
            raise

    def _check(self) -> None:
        infos = self._zip.infolist()
        self.names = {info.filename for info in infos}
        total = sum(info.file_size for info in infos)
        if total > MAX_UNCOMPRESSED:
            raise DsrError(f"{self.path}: refused: it would inflate to "
                           f"{total // 1_048_576} MB")
        for info in infos:
            if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(
                    info.compress_size, 1):
                raise DsrError(f"{self.path}: refused: {info.filename} would inflate to "
                               f"{info.file_size // 1_048_576} MB from "
                               f"{max(info.compress_size // 1024, 1)} KB (a zip bomb)")
        self.main = self._main_part_name()
        if self.main not in self.names:
            raise DsrError(f"{self.path}: not a Word document (no {self.main})")

    def _main_part_name(self) -> str:
        rels = self.part_xml("_rels/.rels", missing_ok=True)
        if rels is None:
            return _DEFAULT_MAIN
        for rel in rels.iter(f"{{{NSMAP['pr']}}}Relationship"):
            if rel.get("Type") == OFFICE_DOCUMENT and rel.get("TargetMode") != "External":
                target = (rel.get("Target") or "").lstrip("/")
                if target:
                    return posixpath.normpath(target)
        return _DEFAULT_MAIN

    def infos(self) -> list[zipfile.ZipInfo]:
        """The zip's members, as stored."""
        return self._zip.infolist()

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> DocxPackage:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def open_part(self, name: str) -> Iterator[IO[bytes]]:
        """A streaming reader of one part (for the main document, parsed incrementally)."""
        try:
            with self._zip.open(name) as handle:
                yield handle
        except (zipfile.BadZipFile, EOFError, OSError, ValueError,
                NotImplementedError) as exc:  # truncated or damaged member, odd compression
            raise DsrError(f"{self.path}: not a .docx file ({name} is damaged: "
                           f"{exc.__class__.__name__})") from None

    def related_part(self, source: str, rel_type_suffix: str) -> str | None:
        """The part that `source` relates to with a relationship type ending in the suffix."""
        folder, base = posixpath.split(source)
        rels = self.part_xml(posixpath.join(folder, "_rels", base + ".rels"), missing_ok=True)
        if rels is None:
            return None
        for rel in rels.iter(f"{{{NSMAP['pr']}}}Relationship"):
            if (rel.get("Type") or "").endswith(rel_type_suffix) and \
                    rel.get("TargetMode") != "External":
                target = rel.get("Target") or ""
                name = target.lstrip("/") if target.startswith("/") else \
                    posixpath.normpath(posixpath.join(folder, target))
                return name if name in self.names else None
        return None

    def relationships(self, source: str) -> dict[str, tuple[str, str]]:
        """rId -> (relationship type, part name or external target) for `source`."""
        folder, base = posixpath.split(source)
        rels = self.part_xml(posixpath.join(folder, "_rels", base + ".rels"), missing_ok=True)
        out: dict[str, tuple[str, str]] = {}
        if rels is None:
            return out
        for rel in rels.iter(f"{{{NSMAP['pr']}}}Relationship"):
            target = rel.get("Target") or ""
            if rel.get("TargetMode") != "External":
                target = target.lstrip("/") if target.startswith("/") else \
                    posixpath.normpath(posixpath.join(folder, target))
            out[rel.get("Id") or ""] = (rel.get("Type") or "", target)
        return out

    def read_bytes(self, name: str, limit: int = MAX_SIDE_PART) -> bytes:
        info = self._zip.getinfo(name)
        if info.file_size > limit:
            raise DsrError(f"{self.path}: refused: {name} would inflate to "
                           f"{info.file_size // 1_048_576} MB")
        with self.open_part(name) as handle:
            return handle.read()

    def custom_properties(self) -> dict[str, str]:
        """The document's custom properties (docProps/custom.xml) as strings; a damaged
        part is a one-line DsrError, like any damaged part."""
        rels = self.part_xml("_rels/.rels", missing_ok=True)
        name = None
        if rels is not None:
            for rel in rels.iter(f"{{{NSMAP['pr']}}}Relationship"):
                if rel.get("Type") == CUSTOM_PROPERTIES and rel.get("TargetMode") != "External":
                    name = posixpath.normpath((rel.get("Target") or "").lstrip("/"))
        if name is None or name not in self.names:
            return {}
        root = self.part_xml(name)
        out: dict[str, str] = {}
        for prop in root.iter(f"{{{NSMAP['cp']}}}property"):
            value = next(iter(prop), None)
            out[prop.get("name", "")] = (value.text or "") if value is not None else ""
        return out

    def part_xml(self, name: str, *, missing_ok: bool = False) -> Any:
        """The parsed root element of a (side) part; None when absent and `missing_ok`."""
        if name not in self.names:
            if missing_ok:
                return None
            raise DsrError(f"{self.path}: not a Word document (no {name})")
        data = self.read_bytes(name)
        try:
            return etree.fromstring(data, safe_parser())
        except etree.XMLSyntaxError as exc:
            # The parser's message may quote the part's text: only where it broke is named.
            raise DsrError(f"{self.path}: corrupted .docx ({name} is not well-formed XML, "
                           f"line {exc.lineno})") from None


def open_docx(path: Path | str) -> Any:
    """A python-docx Document (for the exporter and `verify`), after the package guard."""
    path = Path(path)
    with DocxPackage(path):
        pass
    import docx  # imported here: only Word output and verify need python-docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise DsrError(f"{path}: not a readable .docx ({exc.__class__.__name__})") from None
    except Exception as exc:  # lxml syntax errors and the like from a corrupted part
        raise DsrError(f"{path}: corrupted .docx ({exc.__class__.__name__})") from None
