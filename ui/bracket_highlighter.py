"""Square brackets highlighted as you type, unbalanced brackets marked.

The segments come from the core (`dsrdraft.draft.brackets.tokenize` / `validate`); this module
only maps them to character formats, for the in-place editor (a QSyntaxHighlighter) and for
the list view (`bracket_html`).
"""

from __future__ import annotations

import html
from bisect import bisect_left

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from dsrdraft.draft.brackets import tokenize, validate

# Depth 1, 2, 3+ of bracketed text; alternatives of one group alternate their tint.
BRACKET_BACKGROUNDS = ("#dbe9ff", "#c3d9ff", "#a9c8ff")
ALTERNATIVE_BACKGROUNDS = ("#e6dcff", "#d6c6ff", "#c4afff")
ERROR_BACKGROUND = "#ff9b9b"
ERROR_FOREGROUND = "#8b0000"


def _background(depth: int, alternative: int) -> str:
    palette = ALTERNATIVE_BACKGROUNDS if alternative % 2 else BRACKET_BACKGROUNDS
    return palette[min(depth, len(palette)) - 1]


def bracket_spans(text: str) -> list[tuple[int, int, int, int]]:
    """(start, length, depth, alternative) of each bracketed run of `text`."""
    spans = []
    pos = 0
    for seg in tokenize(text):
        if seg.bracketed:
            spans.append((pos, len(seg.text), seg.depth, seg.alternative))
        pos += len(seg.text)
    return spans


def bracket_html(text: str) -> str:
    """`text` as HTML with bracketed runs tinted and unbalanced brackets in red."""
    errors = sorted({e.position for e in validate(text)})
    esc = html.escape
    out: list[str] = []
    pos = 0
    for seg in tokenize(text):
        end = pos + len(seg.text)
        # Escaped a run at a time; only an unbalanced bracket is a piece of its own.
        pieces: list[str] = []
        start = pos
        for e in errors[bisect_left(errors, pos):bisect_left(errors, end)]:
            pieces.append(esc(seg.text[start - pos:e - pos]))
            pieces.append(f'<span style="background:{ERROR_BACKGROUND};'
                          f'color:{ERROR_FOREGROUND};font-weight:bold">'
                          f"{esc(seg.text[e - pos])}</span>")
            start = e + 1
        pieces.append(esc(seg.text[start - pos:]))
        body = "".join(pieces)
        if seg.bracketed:
            body = f'<span style="background:{_background(seg.depth, seg.alternative)}">' \
                   f"{body}</span>"
        out.append(body)
        pos = end
    return "".join(out)


class BracketHighlighter(QSyntaxHighlighter):
    """Tints bracketed text by depth (alternatives in another hue); marks unbalanced brackets."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.errors: list[str] = []

    @staticmethod
    def bracket_format(depth: int, alternative: int) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(_background(depth, alternative)))
        return fmt

    @staticmethod
    def error_format() -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(ERROR_BACKGROUND))
        fmt.setForeground(QColor(ERROR_FOREGROUND))
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(QColor("red"))
        fmt.setFontWeight(700)
        return fmt

    def highlightBlock(self, text: str) -> None:
        for start, length, depth, alternative in bracket_spans(text):
            self.setFormat(start, length, self.bracket_format(depth, alternative))
        errors = validate(text)
        for error in errors:
            self.setFormat(error.position, 1, self.error_format())
        if self.currentBlock().blockNumber() == 0:
            self.errors = [str(e) for e in errors]
