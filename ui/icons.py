"""Icons: the desktop theme's when there is one, Qt's standard pixmaps or drawn ones otherwise.

Nothing is downloaded; every icon has a fallback so the toolbar never shows blank buttons.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QStyle

from dsrdraft.draft.model import Status

SP = QStyle.StandardPixmap


def _std(theme: str, fallback: QStyle.StandardPixmap) -> QIcon:
    icon = QIcon.fromTheme(theme)
    if icon.isNull():
        icon = QApplication.style().standardIcon(fallback)
    return icon


def _badge(text: str, colour: str, border: str = "#555") -> QIcon:
    """A small rounded badge with one or two characters (for actions with no standard icon)."""
    icon = QIcon()
    for size in (16, 24, 32):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QColor(border))
        painter.setBrush(QColor(colour))
        painter.drawRoundedRect(QRectF(1, 1, size - 2, size - 2), size / 5, size / 5)
        font = QFont()
        font.setBold(True)
        font.setPixelSize(int(size * (0.62 if len(text) == 1 else 0.42)))
        painter.setFont(font)
        painter.setPen(QColor("#222"))
        painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, text)
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def new_file() -> QIcon:
    return _std("document-new", SP.SP_FileIcon)


def open_file() -> QIcon:
    return _std("document-open", SP.SP_DirOpenIcon)


def save_file() -> QIcon:
    return _std("document-save", SP.SP_DialogSaveButton)


def import_files() -> QIcon:
    return _std("document-import", SP.SP_ArrowDown)


def undo() -> QIcon:
    icon = QIcon.fromTheme("edit-undo")
    return _badge("\u21b6", "#f4f4f4") if icon.isNull() else icon


def redo() -> QIcon:
    icon = QIcon.fromTheme("edit-redo")
    return _badge("\u21b7", "#f4f4f4") if icon.isNull() else icon


def quit_app() -> QIcon:
    return _std("application-exit", SP.SP_DialogCloseButton)


def add_to_draft() -> QIcon:
    return _badge("+", "#d8ecff", "#3a78c2")


def new_clause() -> QIcon:
    return _std("list-add", SP.SP_FileDialogNewFolder)


def insert_bis() -> QIcon:
    return _badge("bis", "#f1f1f1")


def delete() -> QIcon:
    return _std("edit-delete", SP.SP_TrashIcon)


def move_up() -> QIcon:
    return _std("go-up", SP.SP_ArrowUp)


def move_down() -> QIcon:
    return _std("go-down", SP.SP_ArrowDown)


def status(value: Status) -> QIcon:
    colours = {Status.OPEN: "#ffffff", Status.AD_REFERENDUM: "#ffe566",
               Status.AGREED: "#8fd48a"}
    letters = {Status.OPEN: "O", Status.AD_REFERENDUM: "R", Status.AGREED: "A"}
    return _badge(letters[value], colours[value])


def app_icon() -> QIcon:
    return _badge("[ ]", "#1f4e79", "#12324f")
