"""Drawing a laid-out QTextDocument in an item view's cell, only the lines on screen."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QTextDocument
from PySide6.QtWidgets import QAbstractItemView, QStyleOptionViewItem


def draw_document(painter: QPainter, option: QStyleOptionViewItem, doc: QTextDocument,
                  x: int, y: int, ctx: QAbstractTextDocumentLayout.PaintContext | None = None
                  ) -> None:
    """Draw `doc` at (x, y) in the cell `option.rect`, clipped to the cell.

    A long paragraph's row can be taller than the viewport; the layout is told the part of
    the cell on screen, so it draws those lines only (drawing every line of a long clause
    for the few shown cost milliseconds on every repaint)."""
    shown = option.rect
    view = option.widget
    if isinstance(view, QAbstractItemView):
        shown = shown.intersected(view.viewport().rect())
    ctx = ctx or QAbstractTextDocumentLayout.PaintContext()
    painter.save()
    painter.translate(x, y)
    painter.setClipRect(0, 0, option.rect.width(), option.rect.height())
    if not shown.isEmpty():
        ctx.clip = QRectF(shown.translated(-x, -y))
    doc.documentLayout().draw(painter, ctx)
    painter.restore()
