"""The named operations: each a small constructor of an `Operation`, never touching Qt.

Library reads and writes run in the database lane; comparing, exporting, verifying and
compiling run in the CPU lane on immutable data (asking the database lane for a library
text when they need one).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dsrdraft.compare import Comparison, compare_initiatives
from dsrdraft.draft.model import Draft
from dsrdraft.errors import DsrError
from dsrdraft.model import Initiative
from dsrdraft.sources import needs_library, resolve_source
from dsrdraft.store import InitiativeSummary, Library, SearchHit
from dsrdraft_ui.operations.runner import Lane, LibraryChanges, OpContext, Operation

if TYPE_CHECKING:
    from dsrdraft.compile import Compilation
    from dsrdraft.export.fingerprint import VerifyResult


# ---------------------------------------------------------------- library (database lane)

@dataclass(frozen=True, slots=True)
class Catalog:
    """What the library holds, for filters, choosers and the status bar."""

    summaries: tuple[InitiativeSummary, ...] = ()
    clauses: int = 0  # clauses of all main texts (translations not counted, as in the list)


def load_catalog(library: Library) -> Operation[Catalog]:
    def work(_ctx: OpContext) -> Catalog:
        return Catalog(tuple(library.list_initiatives()), library.count_clauses())
    return Operation("load catalog", work)


def search_page(source: Any, size: int) -> Operation[list[SearchHit]]:
    """The next page of a library page source (`SearchSource`, `BrowseSource`)."""
    return Operation("search page", lambda _ctx: source.next_page(size))


def load_initiative(library: Library, initiative_id: str) -> Operation[Initiative]:
    return Operation("load initiative", lambda _ctx: library.get(initiative_id))


@dataclass(frozen=True, slots=True)
class ImportResult:
    """Per file: (name, "added" | "present" | "error", id or message)."""

    rows: tuple[tuple[str, str, str], ...]
    library_changes: LibraryChanges = field(default_factory=LibraryChanges)


def import_files(library: Library, paths: Sequence[Path]) -> Operation[ImportResult]:
    from dsrdraft.parsing import parse_file

    def work(ctx: OpContext) -> ImportResult:
        rows = []
        for n, path in enumerate(paths):
            if ctx.cancelled:
                break
            ctx.report(n, path.name)
            try:
                result = library.import_initiative(parse_file(path))
            except DsrError as error:
                rows.append((path.name, "error", str(error)))
            else:
                rows.append((path.name, "added" if result.created else "present", result.id))
        ctx.report(len(paths), "")
        added = tuple(r[2] for r in rows if r[1] == "added")
        return ImportResult(tuple(rows), LibraryChanges(added))
    return Operation("import", work)


def find_precedents(library: Library, texts: Sequence[str],
                    finder: Callable[[], Any]) -> Operation[dict[str, Any]]:
    """Agreed-language spans of each text (`finder()` gives the lane's PrecedentFinder)."""
    def work(ctx: OpContext) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for text in texts:  # a draft's worth of paragraphs: the GUI goes first between them
            ctx.step_aside()
            found[text] = finder().find_text(text)
        return found
    return Operation("precedents", work)


def similar(library: Library, text: str, k: int, exclude: tuple[str, str] | None
            ) -> Operation[list[Any]]:
    from dsrdraft.precedents import similar_clauses

    def work(_ctx: OpContext) -> list[Any]:
        found = similar_clauses(library, text, k=k + 1)
        if exclude is not None:  # the clause's own source is not "similar"
            found = [s for s in found if (s.id, s.number) != exclude]
        return found[:k]
    return Operation("similar clauses", work)


# ---------------------------------------------------------------- texts (CPU lane)

def resolve(ctx: OpContext, key: str, library: Library, draft: Draft | None) -> Initiative:
    """The text a source key names; library texts are read in the database lane."""
    if needs_library(key):
        return ctx.on_database(lambda: resolve_source(key, library=library, draft=draft))
    return resolve_source(key, library=library, draft=draft)


@dataclass(frozen=True, slots=True)
class Compared:
    left: str
    right: str
    comparison: Comparison
    rows: tuple[Any, ...]  # compare_model.Row, built here rather than on the GUI thread


def compare_texts(library: Library, left: str, right: str, draft: Draft | None,
                  build_rows: Callable[[Comparison], list[Any]],
                  pins: tuple[tuple[str, str], ...] = ()) -> Operation[Compared]:
    """Compare two sources; `pins` are the reviewer's sync points (old, new addresses)."""
    def work(ctx: OpContext) -> Compared:
        old, new = resolve(ctx, left, library, draft), resolve(ctx, right, library, draft)
        comparison = compare_initiatives(old, new, pins, checkpoint=ctx.checkpoint)
        ctx.checkpoint()
        return Compared(left, right, comparison, tuple(build_rows(comparison)))
    return Operation("compare", work, Lane.CPU)


def export(library: Library, draft: Draft, out: Path, mode: str, against: str | None,
           force: bool, template: Path | None, reservations: str = "footnotes",
           author: str = "dsrdraft", key_path: Path | None = None, passphrase: str = ""
           ) -> Operation[str]:
    """Export as `dsrdraft export` does; signed with the private key at `key_path` if given
    (read in the worker: a wrong passphrase comes back as the core's one-line error)."""
    from dsrdraft.export.writer import export_draft

    def work(ctx: OpContext) -> str:
        key = None
        if key_path is not None:
            from dsrdraft.export.signing import load_private_key

            key = load_private_key(key_path, passphrase.encode() if passphrase else None)
        base = resolve(ctx, against, library, draft) if against else None
        return export_draft(draft, out, mode=mode, against=base, force=force,
                            template=template, reservations=reservations,
                            author=author or "dsrdraft", key=key)
    return Operation("export", work, Lane.CPU)


def verify(path: Path, public_key: Path | None = None) -> Operation[VerifyResult]:
    """Verify as `dsrdraft verify [--key PUB]` does."""
    from dsrdraft.export.fingerprint import verify_docx

    def work(_ctx: OpContext) -> VerifyResult:
        key = None
        if public_key is not None:
            from dsrdraft.export.signing import load_public_key

            key = load_public_key(public_key)
        return verify_docx(path, key)
    return Operation("verify", work, Lane.CPU)


def compile_texts(base_draft: Draft | None, base_path: str | None,
                  proposals: Sequence[tuple[Path, str]],
                  author_map: dict[str, str] | None = None) -> Operation[Compilation]:
    """Compile proposals on a base: a returned .docx is read for its tracked changes' and
    comments' authors (`author_map`: author key -> delegation; its code, if any, is whose its
    untracked edits are), any other file is its code's version."""
    from dsrdraft.compile import load_base
    from dsrdraft.roundtrip.compiling import Source, compile_returned, is_returned

    steps = len(proposals) + 2

    def work(ctx: OpContext) -> Compilation:
        if base_draft is not None:
            base = base_draft
        else:
            assert base_path is not None
            ctx.report(0, f"Reading the base {Path(base_path).name}")
            if not Path(base_path).is_file():
                raise DsrError(f"no such base file: {base_path}")
            base = load_base(base_path)
        sources = []
        for n, (path, code) in enumerate(proposals, 1):
            ctx.report(n, f"Checking {path.name}")
            if not path.is_file():
                raise DsrError(f"no such proposal file: {path}")
            returned = is_returned(str(path))
            sources.append(Source(str(path), code or None, returned))
        ctx.report(steps - 1, "Compiling")
        result = compile_returned(base, sources, author_map or {})
        ctx.report(steps, "Done")
        return result.compilation
    return Operation("compile", work, Lane.CPU)


@dataclass(frozen=True, slots=True)
class FileAuthors:
    """The authors of tracked changes and comments in returned files, each with the
    delegation its name resolves to ("" when it needs mapping)."""

    files: dict[str, tuple[str, ...]]  # file path -> its authors
    guesses: dict[str, str]  # author -> delegation or ""


def read_authors(paths: Sequence[Path]) -> Operation[FileAuthors]:
    from dsrdraft.roundtrip.authors import author_delegation
    from dsrdraft.roundtrip.compiling import authors_of

    def work(_ctx: OpContext) -> FileAuthors:
        found = authors_of([str(p) for p in paths])
        guesses = {a: author_delegation(a, {}) or "" for names in found.values()
                   for a in names}
        return FileAuthors({k: tuple(v) for k, v in found.items()}, guesses)
    return Operation("read authors", work, Lane.CPU)


def import_word(path: Path) -> Operation[Any]:
    """A Word file opened as a draft (`dsrdraft.roundtrip.importing.import_docx`)."""
    from dsrdraft.roundtrip.importing import import_docx

    return Operation("import Word file", lambda _ctx: import_docx(path), Lane.CPU)


def export_compilation_table(compilation: Compilation, path: Path,
                             sources: Sequence[str]) -> Operation[str]:
    from dsrdraft.compile.table_export import export_table

    def work(_ctx: OpContext) -> str:
        export_table(compilation, path, sources=list(sources))
        return str(path)
    return Operation("compilation table", work, Lane.CPU)
