"""The one reader of what a Word paragraph says, with tracked changes accepted.

The importer, the exporter's fingerprint and `verify` all read paragraphs through `read_paragraph`,
so they can never disagree on a document's text. Accepted text means: insertions and moves-to
kept, deletions and moves-from skipped (once, by subtree), field codes skipped and field results
kept, text after an XML comment, processing instruction or entity inside `w:t` kept, and
non-breaking hyphens, symbols and tabs written as the characters a reader sees.

`read_visible` reads the same way and also records what `verify` compares: each piece of text
with its resolved look (`dsrdraft.ooxml.look`) and its tracked change (deleted text too,
since a reader sees it struck through), field instructions and pictures.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from dsrdraft.ooxml.look import StyleSheet, rpr_props
from dsrdraft.ooxml.ns import NSMAP, qn
from dsrdraft.ooxml.ns import child as first_child

_W = f"{{{NSMAP['w']}}}"
_MC = f"{{{NSMAP['mc']}}}"

T = qn("w:t")
R = qn("w:r")
P = qn("w:p")
_SKIP = frozenset({qn("w:del"), qn("w:moveFrom"), qn("w:pPr"), qn("w:rPr"), qn("w:delText"),
                   qn("w:delInstrText"), qn("w:sectPr"),
                   qn("w:commentRangeStart"), qn("w:commentRangeEnd"), qn("w:proofErr"),
                   qn("w:bookmarkStart"), qn("w:bookmarkEnd"), qn("w:permStart"),
                   qn("w:permEnd"), qn("w:moveFromRangeStart"), qn("w:moveFromRangeEnd"),
                   qn("w:moveToRangeStart"), qn("w:moveToRangeEnd"), qn("w:lastRenderedPageBreak")})
_CHAR = {qn("w:tab"): "\t", qn("w:ptab"): "\t", qn("w:cr"): "\n",
         qn("w:noBreakHyphen"): "\u2011", qn("w:softHyphen"): ""}
_TEXT_BOX = qn("w:txbxContent")
# Symbol-font characters Word stores in the private use area: the ones lists use as bullets.
_SYMBOLS = {0xB7: "•", 0xA7: "▪", 0x6F: "o", 0xD8: "➢", 0xFC: "✓", 0x2D: "-", 0x76: "❖",
            0x71: "❑", 0xA8: "■", 0x6E: "■", 0xE0: "→"}
_OFF = {"0", "false", "off", "none"}
_DELETED = frozenset({qn("w:del"), qn("w:moveFrom")})
_INSERTED = frozenset({qn("w:ins"), qn("w:moveTo")})
_DEL_TEXT = frozenset({qn("w:delText"), qn("w:delInstrText")})
_PICTURES = frozenset({qn("w:drawing"), qn("w:pict"), qn("w:object")})
_R_ID = frozenset({f"{{{NSMAP['r']}}}embed", f"{{{NSMAP['r']}}}link", f"{{{NSMAP['r']}}}id"})


@dataclass(slots=True)
class FieldState:
    """Complex fields (w:fldChar) can span paragraphs, a table of contents always does:
    the reader carries this from one paragraph to the next."""

    stack: list[list[Any]] = field(default_factory=list)  # [instruction, in_result]

    def in_field(self, name: str) -> bool:
        return any(f[0].strip().upper().startswith(name) for f in self.stack)


@dataclass(slots=True)
class ParagraphText:
    """A paragraph as it reads: its text, where its footnotes are cited, what else it holds."""

    text: str = ""
    runs: list[tuple[str | None, str]] = field(default_factory=list)  # (char style, text)
    footnotes: list[tuple[int, str, str]] = field(default_factory=list)  # (offset, kind, id)
    comments: list[str] = field(default_factory=list)  # ids of comments referenced
    page_breaks: int = 0
    bold_chars: int = 0
    text_boxes: list[Any] = field(default_factory=list)  # w:p elements inside text boxes
    fallback_text: str = ""  # text of compatibility copies (mc:Fallback), read once elsewhere
    in_toc: bool = False  # some text was the result of a TOC field
    field_codes: list[str] = field(default_factory=list)
    # read_visible only: (text, look, change "" | "ins" | "del"), complex fields' instructions
    # and (relationship ids, size) of each picture
    segments: list[tuple[str, str, str]] = field(default_factory=list)
    instructions: list[str] = field(default_factory=list)
    pictures: list[tuple[tuple[str, ...], str]] = field(default_factory=list)


class _Look:
    """What read_visible carries down the tree: the styles and the paragraph's context.
    A plain class (a dataclass's methods are compiled from source at import, ~1 ms)."""

    __slots__ = ("change", "fill", "pstyle", "run", "sheet")

    def __init__(self, sheet: StyleSheet, pstyle: str | None, fill: str, run: str = "",
                 change: str = "") -> None:
        self.sheet = sheet
        self.pstyle = pstyle
        self.fill = fill
        self.run = run  # the current run's look
        self.change = change


def read_paragraph(p: Any, fields: FieldState | None = None) -> ParagraphText:
    """The accepted text of paragraph `p` (and its runs, footnote references, text boxes)."""
    out = ParagraphText()
    state = fields if fields is not None else FieldState()
    parts: list[str] = []
    _walk(p, out, parts, state, None, False)
    out.text = "".join(parts)
    return out


def read_visible(p: Any, sheet: StyleSheet, fields: FieldState | None = None,
                 fill: str = "") -> ParagraphText:
    """`read_paragraph` plus what a reader sees of it: `segments` (each piece of text with
    its look and tracked change, deleted text included), field `instructions`, `pictures`.
    `fill` is the paragraph's shading, the background its text is seen against."""
    out = ParagraphText()
    state = fields if fields is not None else FieldState()
    parts: list[str] = []
    _walk(p, out, parts, state, None, False, _Look(sheet, paragraph_style(p), fill))
    out.text = "".join(parts)
    return out


def _emit(out: ParagraphText, parts: list[str], text: str, run_style: str | None,
          look: _Look | None) -> None:
    """One piece of the paragraph as it reads (deleted text: only as a segment)."""
    if look is not None:
        out.segments.append((text, look.run, look.change))
        if look.change == "del":
            return
    parts.append(text)
    if text:
        out.runs.append((run_style, text))


def _walk(node: Any, out: ParagraphText, parts: list[str], state: FieldState,
          run_style: str | None, bold: bool, look: _Look | None = None) -> None:
    for child in node:
        tag = child.tag
        if look is not None and (tag in _DELETED or tag in _INSERTED):
            before = look.change
            look.change = "del" if tag in _DELETED or before == "del" else "ins"
            _walk(child, out, parts, state, run_style, bold, look)
            look.change = before
            continue
        if look is not None and tag in _DEL_TEXT and look.change == "del":
            if tag == qn("w:delText"):
                _emit(out, parts, "".join(child.itertext()), run_style, look)
            continue
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == T:
            if state.stack and not state.stack[-1][1]:
                continue  # text inside a field's instruction part
            text = "".join(child.itertext())
            if text:
                _emit(out, parts, text, run_style, look)
                if look is not None and look.change == "del":
                    continue
                if bold:
                    out.bold_chars += len(text)
                if state.in_field("TOC"):
                    out.in_toc = True
            continue
        char = _CHAR.get(tag)
        if char is not None:
            if not (state.stack and not state.stack[-1][1]):
                if char:
                    _emit(out, parts, char, run_style, look)
                elif look is None or look.change != "del":
                    parts.append(char)
            continue
        if tag == R:
            rpr = first_child(child, _RPR)
            style, is_bold = _run_format(rpr)
            if look is None:
                _walk(child, out, parts, state, style, is_bold)
            else:
                outer = look.run
                look.run = look.sheet.run_look(look.pstyle, style, rpr_props(rpr), look.fill)
                _walk(child, out, parts, state, style, is_bold, look)
                look.run = outer
            continue
        if look is not None and tag in _PICTURES:
            out.pictures.append(_picture(child))
        local = tag[len(_W):] if tag.startswith(_W) else None
        if local == "br":
            kind = child.get(qn("w:type"))
            if kind == "page":
                out.page_breaks += 1
            _emit(out, parts, "\n", run_style, look)
        elif local == "sym":
            _emit(out, parts, _symbol(child), run_style, look)
        elif local in ("footnoteReference", "endnoteReference"):
            out.footnotes.append((sum(len(x) for x in parts), local[:-9],
                                  child.get(qn("w:id"), "")))
        elif local == "commentReference":
            out.comments.append(child.get(qn("w:id"), ""))
        elif local == "fldChar":
            kind = child.get(qn("w:fldCharType"))
            if kind == "begin":
                state.stack.append(["", False])
            elif kind == "separate" and state.stack:
                state.stack[-1][1] = True
                out.instructions.append(" ".join(state.stack[-1][0].split()))
            elif kind == "end" and state.stack:
                state.stack.pop()
        elif local == "instrText":
            if state.stack and not state.stack[-1][1]:
                state.stack[-1][0] += child.text or ""
        elif local == "fldSimple":
            instruction = child.get(qn("w:instr"), "")
            out.field_codes.append(instruction.strip())
            out.instructions.append(" ".join(instruction.split()))
            state.stack.append([instruction, True])
            _walk(child, out, parts, state, run_style, bold, look)
            state.stack.pop()
        elif tag == _TEXT_BOX:
            out.text_boxes.extend(child.iter(P))
            continue
        elif tag == f"{_MC}AlternateContent":
            choice = child.find(f"{_MC}Choice")
            if choice is not None:
                _walk(choice, out, parts, state, run_style, bold, look)
                fallback = child.find(f"{_MC}Fallback")
                if fallback is not None:
                    out.fallback_text += " ".join(
                        "".join(t.itertext()) for t in fallback.iter(T)) + " "
            else:
                fallback = child.find(f"{_MC}Fallback")
                if fallback is not None:
                    _walk(fallback, out, parts, state, run_style, bold, look)
        elif local == "p":
            continue  # a paragraph nested in something else is read on its own
        else:
            _walk(child, out, parts, state, run_style, bold, look)


def _run_format(rpr: Any | None) -> tuple[str | None, bool]:
    """(character style id, bold) of a run, from its w:rPr."""
    if rpr is None:
        return None, False
    style = first_child(rpr, _RSTYLE)
    b = first_child(rpr, _B)
    bold = b is not None and (b.get(_VAL) or "1").lower() not in _OFF
    return (style.get(_VAL) if style is not None else None), bold


def _picture(el: Any) -> tuple[tuple[str, ...], str]:
    """The parts a picture shows (relationship ids) and a digest of everything else about it:
    size, position, a watermark's words (VML text paths hold them in attributes)."""
    from lxml import etree

    from dsrdraft.ooxml.digest import sha256_hex

    rids = tuple(value for node in el.iter() if isinstance(node.tag, str)
                 for name, value in node.attrib.items() if name in _R_ID)
    return rids, sha256_hex(etree.tostring(el, method="c14n"))[:16]


def _symbol(sym: Any) -> str:
    try:
        code = int(sym.get(qn("w:char"), ""), 16)
    except ValueError:
        return ""
    if 0xF000 <= code <= 0xF0FF:
        return _SYMBOLS.get(code - 0xF000, "•")
    return chr(code) if 0 < code < 0x110000 else ""


def accepted_runs(p: Any) -> Iterator[tuple[str | None, str]]:
    """(character style id, text) of each piece of a paragraph as it reads, changes accepted."""
    yield from read_paragraph(p).runs


def grandchild(el: Any, child: str, grandchild_tag: str) -> Any | None:
    """`el.find("child/grandchild")` (Clark names), the same element, found without lxml's
    path machinery: 20 µs a call, paid for every paragraph the fingerprint and the importer
    read."""
    for c in el.iterchildren(child):
        found = first_child(c, grandchild_tag)
        if found is not None:
            return found
    return None


_PPR, _PSTYLE, _VAL = qn("w:pPr"), qn("w:pStyle"), qn("w:val")
_RPR, _RSTYLE, _B = qn("w:rPr"), qn("w:rStyle"), qn("w:b")


def paragraph_style(p: Any) -> str | None:
    ps = grandchild(p, _PPR, _PSTYLE)
    return ps.get(_VAL) if ps is not None else None


def table_style(tbl: Any) -> str | None:
    ts = grandchild(tbl, qn("w:tblPr"), qn("w:tblStyle"))
    return ts.get(_VAL) if ts is not None else None


def row_deleted(tr: Any) -> bool:
    return grandchild(tr, qn("w:trPr"), qn("w:del")) is not None


def paragraph_mark_deleted(p: Any) -> bool:
    """The paragraph's mark is a tracked deletion, or moved away (the old place of a moved
    paragraph): accepted, it runs on into the next one."""
    rpr = grandchild(p, _PPR, qn("w:rPr"))
    return rpr is not None and (rpr.find(qn("w:del")) is not None
                                or rpr.find(qn("w:moveFrom")) is not None)
