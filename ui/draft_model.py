"""The open draft: a document object (draft value, undo stack, file path) and its item model.

`DraftDocument` owns the current immutable `Draft` and the `QUndoStack`; every change goes
through `DraftDocument.apply`, which pushes a `DraftCommand`. `DraftClauseModel` is a thin
table adapter over the document's clauses; edits and drops become commands, never in-place
changes.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Sequence
from operator import attrgetter
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import (
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QUndoStack

from dsrdraft.draft import model as dm
from dsrdraft.draft.brackets import validate
from dsrdraft.draft.changes import DraftChanges, draft_changes
from dsrdraft.draft.compound import (
    LibraryClauseRef,
    add_description,
    add_library_clauses,
)
from dsrdraft.draft.delegations import parse_delegations
from dsrdraft.draft.model import Draft, DraftClause, DraftKind, move_in_order
from dsrdraft.draft.outline import (
    DraftStructure,
    draft_structure,
    same_structure,
    updated_structure,
)
from dsrdraft.draft.storage import DraftFile
from dsrdraft.model import unit_name
from dsrdraft.status_style import DELETED_LABEL, status_style
from dsrdraft.textdir import is_rtl
from dsrdraft_ui.commands import DraftCommand, MetadataCommand
from dsrdraft_ui.model_sync import runs, sync_rows
from dsrdraft_ui.table_model import (
    DRAGGABLE,
    DRAGGABLE_EDITABLE,
    DROP_TARGET,
    ColumnTableModel,
    ModelIndex,
)

_UID = attrgetter("uid")
TOP_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
TOP_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
CLAUSE_REF_MIME = "application/x-dsrdraft-clause-ref"  # from the library: id, number, text
DRAFT_ROW_MIME = "application/x-dsrdraft-draft-uid"  # a clause of this draft being moved
HEADING_BACKGROUND = "#e6ecf4"  # division headings: apart from the status colours

def untitled_draft() -> Draft:
    return dm.new_draft("Untitled draft")


def clause_refs_to_mime(refs: list[dict[str, str]]) -> QMimeData:
    """MIME data for clauses dragged out of the library: [{id, number, text, language}]."""
    mime = QMimeData()
    mime.setData(CLAUSE_REF_MIME, QByteArray(json.dumps(refs, ensure_ascii=False).encode()))
    mime.setText("\n\n".join(r["text"] for r in refs))
    return mime


def clause_refs_from_mime(mime: QMimeData) -> list[dict[str, str]]:
    if not mime.hasFormat(CLAUSE_REF_MIME):
        return []
    try:
        data = json.loads(bytes(mime.data(CLAUSE_REF_MIME).data()).decode())
    except (ValueError, UnicodeDecodeError):
        return []
    return [r for r in data if isinstance(r, dict) and {"id", "number", "text"} <= r.keys()]


class DraftDocument(QObject):
    """The draft being edited, its undo stack and its file.

    `changed(draft, changes, select)` follows every change: the new Draft, what differs from
    the previous one (`DraftChanges`, computed by uid and identity in the core) and the uid of
    the clause to show as current (or None). Views update exactly what `changes` names.
    """

    changed = Signal(object, object, object)  # Draft, DraftChanges, uid to select | None
    path_changed = Signal(object)  # Path | None
    edit_refused = Signal(str)  # why: the draft is read-only

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.draft: Draft = untitled_draft()
        # Addresses, depths and the outline of the draft: recomputed (about 2 ms at 1,000
        # paragraphs) only by edits that change them, so views compare it by identity.
        self.structure: DraftStructure = draft_structure(self.draft)
        self.path: Path | None = None
        # The file as read (its stamp tells a save whether it changed on disk since), and
        # why it may not be edited: written by a newer dsrdraft, or read-only on disk.
        self.file: DraftFile | None = None
        self.read_only = ""
        self.undo_stack = QUndoStack(self)

    # ------------------------------------------------------------ state

    def set_draft(self, draft: Draft, select: str | None = None,
                  changes: DraftChanges | None = None) -> None:
        """Called by the commands only (`changes`: from the current draft to `draft`)."""
        if changes is None:
            changes = draft_changes(self.draft, draft)
        if not same_structure(self.draft, draft, changes.clauses):
            self.structure = updated_structure(self.draft, draft, self.structure)
        self.draft = draft
        self.changed.emit(draft, changes, select)

    def reset(self, draft: Draft, path: Path | None, *, modified: bool = False,
              file: DraftFile | None = None, read_only: str = "") -> None:
        """A new, opened or recovered draft: history cleared, every view starts afresh."""
        self.undo_stack.clear()
        self.path = path
        self.file = file
        self.read_only = read_only
        self.draft = draft
        self.structure = draft_structure(draft)
        self.changed.emit(draft, DraftChanges.replacing(), None)
        if modified:
            # Recovered text differs from the file: one undoable step marks it as unsaved.
            self.undo_stack.resetClean()
        self.path_changed.emit(path)

    def set_file(self, file: DraftFile) -> None:
        """The draft was saved as `file`: it is the one later saves compare with."""
        self.file = file
        self.path = file.path
        self.read_only = ""
        self.path_changed.emit(file.path)

    def refuse_if_read_only(self) -> bool:
        """True (and `edit_refused` said why) when the draft may not be edited."""
        if self.read_only:
            self.edit_refused.emit(self.read_only)
            return True
        return False

    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    # ------------------------------------------------------------ edits

    def apply(self, text: str, edit: Callable[[Draft], Draft],
              select: str | None = None) -> bool:
        """Push a command that replaces the draft by `edit(draft)`; False if nothing changed."""
        if self.refuse_if_read_only():
            return False
        new = edit(self.draft)
        changes = draft_changes(self.draft, new)
        if changes.empty:
            return False
        self.undo_stack.push(DraftCommand(self, self.draft, new, text, select, changes))
        return True

    def set_field(self, field: str, value: str) -> None:
        if getattr(self.draft, field) == value or self.refuse_if_read_only():
            return
        new = dm.set_metadata(self.draft, **{field: value})
        self.undo_stack.push(MetadataCommand(self, self.draft, new, field, field))

    def add_from_library(self, refs: list[dict[str, str]], row: int | None = None) -> list[str]:
        """Add library clauses (at `row`, or at the end) as one command; the new uids."""
        if not refs or self.refuse_if_read_only():
            return []
        clause_refs = [LibraryClauseRef.from_dict(r) for r in refs]
        draft, uids = add_library_clauses(self.draft, clause_refs, row)
        self.undo_stack.push(DraftCommand(self, self.draft, draft,
                                          add_description(clause_refs), uids[-1]))
        return uids

    def move(self, uid: str, new_index: int) -> bool:
        """Move a clause and number the draft in order, "bis" clauses kept (one command)."""
        label = self.draft.clause(uid).label
        return self.apply(f"Move clause {label}", lambda d: move_in_order(d, uid, new_index),
                          uid)


class DraftClauseModel(ColumnTableModel):
    """The clauses of a DraftDocument as a table: label, text, status, proposers, source.

    It follows the document by the core's `DraftChanges`: rows inserted, removed, moved and
    repainted for exactly the clauses an edit touched; a reset only when a draft is opened.
    """

    COLUMNS: ClassVar[list[str]] = ["No.", "Text", "Status", "Proposers", "Source"]
    LABEL, TEXT, STATUS, PROPOSERS, SOURCE = range(5)
    UidRole = Qt.ItemDataRole.UserRole + 1
    ErrorsRole = Qt.ItemDataRole.UserRole + 2
    KindRole = Qt.ItemDataRole.UserRole + 3  # "operative", "preambular", "heading"…
    LevelRole = Qt.ItemDataRole.UserRole + 4  # depth under the divisions (draft_structure)

    edit_refused = Signal(str)  # why a typed value was not taken (bad delegation code…)

    def __init__(self, document: DraftDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._clauses: list[DraftClause] = list(document.draft.clauses)
        self._structure: DraftStructure = document.structure
        self._row_cache: dict[str, int] | None = None
        document.changed.connect(self._on_draft_changed)

    # ------------------------------------------------------------ sync with the document

    def _on_draft_changed(self, draft: Draft, changes: DraftChanges, _select: object) -> None:
        self._row_cache = None
        old, new = self._structure, self.document.structure
        self._structure = new
        if changes.replaced:
            self.beginResetModel()
            self._clauses = list(draft.clauses)
            self.endResetModel()
            return
        sync_rows(self, self._clauses, draft.clauses, changes.clauses, _UID)
        if new is not old:
            # Units an edit did not touch may still be addressed or indented anew (an Article
            # renumbered above them, a heading inserted over them): repaint just those.
            # (Set differences of the items: hashing in C, a fraction of a millisecond.)
            done = set(changes.clauses.changed) | set(changes.clauses.added)
            if new.restated is not None:  # updated over the stretch an edit touched
                uids = set(new.restated)
            else:
                uids = {u for u, _ in new.addresses.items() - old.addresses.items()}
                uids |= {u for u, _ in new.depths.items() - old.depths.items()}
            uids -= done
            stale = sorted(self.row_of(u) for u in uids)
            last = self.columnCount() - 1
            for first, end in runs(stale):
                self.dataChanged.emit(self.index(first, 0), self.index(end, last))

    @property
    def structure(self) -> DraftStructure:
        return self._structure

    def address(self, row: int) -> str:
        c = self._clauses[row]
        return self._structure.addresses.get(c.uid, c.label)

    def depth(self, row: int) -> int:
        return self._structure.depths.get(self._clauses[row].uid, 0)

    # ------------------------------------------------------------ reading

    def clause_at(self, row: int) -> DraftClause:
        return self._clauses[row]

    def row_of(self, uid: str) -> int:
        if self._row_cache is None:
            self._row_cache = dict(zip(map(_UID, self._clauses), range(len(self._clauses)),
                                       strict=True))
        return self._row_cache.get(uid, -1)

    def row_count(self) -> int:
        return len(self._clauses)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._clauses):
            return None
        c = self._clauses[index.row()]
        col = index.column()
        heading = c.kind is DraftKind.HEADING
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col == self.LABEL:
                if role == Qt.ItemDataRole.EditRole:
                    return c.label
                if heading and not c.label:
                    return ""  # an unnumbered heading ("Follow-up") is its text, beside
                return label_lines(c, self._structure.addresses.get(c.uid, c.label))
            if col == self.TEXT:
                return c.text
            if heading:
                return ""  # a heading has no status, proposers or source of its own
            if col == self.STATUS:
                return DELETED_LABEL if c.deleted else status_style(c.status).label
            if col == self.PROPOSERS:
                return ", ".join(c.proposers)
            if col == self.SOURCE:
                return str(c.provenance) if c.provenance else "new"
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [f"{unit_name(c.kind.value).capitalize()} "
                     f"{self._structure.addresses.get(c.uid, c.label)}"]
            if c.provenance:
                parts.append(f"From {c.provenance}")
            if c.proposers:
                parts.append("Proposed by " + ", ".join(c.proposers))
            parts += [f"Alt {i}: {a.text}" for i, a in enumerate(c.alternatives, 1)]
            parts += [f"Reservation ({r.delegation}): {r.text}" for r in c.reservations]
            parts += [f"Bracket error: {e}" for e in validate(c.text)]
            return "\n".join(parts)
        if role == Qt.ItemDataRole.BackgroundRole:
            if heading:
                return _brush(HEADING_BACKGROUND)
            return _brush(status_style(c.status).background)
        if role == Qt.ItemDataRole.ForegroundRole:
            return _brush("#7a7a7a" if c.deleted else "#1a1a1a")
        if role == Qt.ItemDataRole.FontRole:
            if c.deleted:
                return _struck_font(heading)
            if heading and col == self.LABEL:
                return _bold_font()
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col == self.TEXT and is_rtl(c.text):
                return TOP_RIGHT
            return TOP_LEFT
        if role == self.UidRole:
            return c.uid
        if role == self.ErrorsRole:
            return [str(e) for e in validate(c.text)]
        if role == self.KindRole:
            return c.kind.value
        if role == self.LevelRole:
            return self._structure.depths.get(c.uid, 0)
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return DROP_TARGET
        editable = (self.LABEL, self.TEXT) if self._clauses[index.row()].is_heading \
            else (self.LABEL, self.TEXT, self.PROPOSERS)
        if index.column() in editable and not self.document.read_only:
            return DRAGGABLE_EDITABLE
        return DRAGGABLE

    # ------------------------------------------------------------ editing (as commands)

    def setData(self, index: ModelIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        c = self._clauses[index.row()]
        value = str(value)
        col = index.column()
        if col == self.TEXT:
            return self.document.apply(f"Edit clause {c.label}",
                                       lambda d: dm.edit_clause_text(d, c.uid, value), c.uid)
        if col == self.LABEL:
            if not value.strip():
                return False
            return self.document.apply(f"Renumber clause {c.label}",
                                       lambda d: dm.set_label(d, c.uid, value), c.uid)
        if col == self.PROPOSERS:
            parsed = parse_delegations(value)
            if not parsed.ok:
                self.edit_refused.emit("Proposers not changed: " + "; ".join(parsed.problems))
                return False
            return self.document.apply(f"Set proposers of clause {c.label}",
                                       lambda d: dm.set_proposers(d, c.uid, parsed.codes),
                                       c.uid)
        return False

    # ------------------------------------------------------------ drag and drop

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction | Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [DRAFT_ROW_MIME, CLAUSE_REF_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        mime = QMimeData()
        if rows:
            uid = self._clauses[rows[0]].uid
            mime.setData(DRAFT_ROW_MIME, QByteArray(uid.encode()))
            mime.setText(self._clauses[rows[0]].text)
        return mime

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: ModelIndex) -> bool:
        return data.hasFormat(DRAFT_ROW_MIME) or data.hasFormat(CLAUSE_REF_MIME)

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: ModelIndex) -> bool:
        if action == Qt.DropAction.IgnoreAction:
            return True
        if row < 0:
            row = parent.row() if parent.isValid() else len(self._clauses)
        if data.hasFormat(DRAFT_ROW_MIME):
            uid = bytes(data.data(DRAFT_ROW_MIME).data()).decode()
            current = self.row_of(uid)
            if current < 0:
                return False
            target = row - 1 if row > current else row
            if target == current:
                return False
            # The command moves it; the base removeRows() is a no-op, so the view's
            # "remove the source after a move" step leaves the draft alone.
            return self.document.move(uid, target)
        refs = clause_refs_from_mime(data)
        if not refs:
            return False
        self.document.add_from_library(refs, row)
        return True


def label_lines(c: DraftClause, address: str | None = None) -> str:
    """The number column: the unit's address ("PP3", "4.2", "Article 4"; its label when
    none is given), then what else it carries (alternatives, reservations), one line each,
    so a glance down the column shows them."""
    lines = [c.label if address is None else address]
    if c.alternatives:
        lines.append(f"+{len(c.alternatives)} Alt")
    if c.reservations:  # who reserved (the text is in the tooltip and the details)
        lines.append("⚑ " + ", ".join(dict.fromkeys(r.delegation for r in c.reservations)))
    return "\n".join(lines)


@functools.cache
def _brush(colour: str) -> QBrush:
    return QBrush(QColor(colour))


@functools.cache
def _struck_font(bold: bool = False) -> QFont:
    font = QFont()
    font.setStrikeOut(True)
    font.setBold(bold)
    return font


@functools.cache
def _bold_font() -> QFont:
    font = QFont()
    font.setBold(True)
    return font
