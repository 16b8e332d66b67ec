"""What a reader sees of text besides its characters: run and paragraph formatting resolved
through the styles (document defaults, paragraph style, character style, direct formatting).

`verify` compares a document's look as well as its text, so that hidden text (`w:vanish`),
white-on-white text, strike-through taken off a deleted clause or a status shading changed
is seen; and it resolves the styles, so that the same edit made in styles.xml is seen too.
Toggle properties (bold, strike, hidden…) follow the rule of the format: direct formatting is
absolute, a paragraph style's and a character style's values combine by exclusive or.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Any, NamedTuple

from dsrdraft.lazyre import lazy_compile
from dsrdraft.ooxml.ns import qn

_TOGGLES = ("b", "i", "caps", "smallCaps", "strike", "dstrike", "vanish", "specVanish",
            "emboss", "imprint", "outline", "shadow")
# property -> attribute holding its value
_VALUES = {"color": "val", "highlight": "val", "u": "val", "sz": "val", "vertAlign": "val",
           "spacing": "val", "w": "val", "position": "val", "effect": "val"}
_FONT_ATTRS = ("ascii", "hAnsi", "eastAsia", "cs", "asciiTheme", "hAnsiTheme",
               "eastAsiaTheme", "cstheme")
_OFF = {"0", "false", "off", "none"}
#: Paragraph properties a reader sees (numbering, shading, alignment, indents, frames).
_PPR_VALUES = {"jc": ("val",), "ind": ("left", "right", "start", "end", "firstLine",
                                       "hanging"),
               "shd": ("fill", "val", "color"), "framePr": ("x", "y", "w", "h", "hAnchor",
                                                            "vAnchor", "xAlign", "yAlign"),
               "textDirection": ("val",), "outlineLvl": ("val",)}

Props = dict[str, Any]


def _on(el: Any) -> bool:
    return (el.get(qn("w:val")) or "1").lower() not in _OFF


def rpr_props(rpr: Any) -> Props:
    """The visible properties set by one w:rPr (toggles as booleans, values as strings)."""
    out: Props = {}
    if rpr is None:
        return out
    for child in rpr:
        tag = child.tag
        if not isinstance(tag, str) or not tag.startswith("{"):
            continue
        local = tag.rsplit("}", 1)[1]
        if local in _TOGGLES:
            out[local] = _on(child)
        elif local in _VALUES:
            out[local] = (child.get(qn(f"w:{_VALUES[local]}")) or "").upper() \
                if local in ("color", "highlight") else child.get(qn(f"w:{_VALUES[local]}"))
        elif local == "shd":
            out["shd"] = (child.get(qn("w:fill")) or "").upper()
        elif local == "rFonts":
            out["fonts"] = ",".join(f"{a}={child.get(qn(f'w:{a}'))}" for a in _FONT_ATTRS
                                    if child.get(qn(f"w:{a}")))
        elif local == "rtl":
            out["rtl"] = _on(child)
    return out


def ppr_props(ppr: Any) -> Props:
    out: Props = {}
    if ppr is None:
        return out
    for child in ppr:
        tag = child.tag
        if not isinstance(tag, str) or not tag.startswith("{"):
            continue
        local = tag.rsplit("}", 1)[1]
        if local in _PPR_VALUES:
            values = [f"{a}={child.get(qn(f'w:{a}'))}" for a in _PPR_VALUES[local]
                      if child.get(qn(f"w:{a}")) is not None]
            out[local] = ",".join(values).upper() if local == "shd" else ",".join(values)
        elif local == "numPr":
            ilvl = child.find(qn("w:ilvl"))
            num = child.find(qn("w:numId"))
            out["numPr"] = (num.get(qn("w:val")) if num is not None else "",
                            ilvl.get(qn("w:val")) if ilvl is not None else "0")
        elif local == "bidi":
            out["bidi"] = _on(child)
    return out


# NamedTuple, not a frozen dataclass: a dataclass's methods are compiled from source when
# its module loads (about 1 ms each, on every command that writes Word).
class _Style(NamedTuple):
    type: str
    based_on: str | None
    rpr: Props
    ppr: Props
    name: str


class StyleSheet:
    """styles.xml and numbering.xml of one document, resolved on demand (cached)."""

    def __init__(self, styles_root: Any | None, numbering_root: Any | None = None,
                 page_fill: str = "") -> None:
        # A style's properties are read when a paragraph or run first uses it: a template
        # defines hundreds (Word's built-in ones), a document uses a dozen.
        self._elements: dict[str, Any] = {}
        self._styles: dict[str, _Style] = {}
        self.defaults_rpr: Props = {}
        self.defaults_ppr: Props = {}
        self.default_paragraph: str | None = None
        self.default_character: str | None = None
        self.page_fill = page_fill or "FFFFFF"
        if styles_root is not None:
            defaults = styles_root.find(qn("w:docDefaults"))
            if defaults is not None:
                self.defaults_rpr = rpr_props(defaults.find(f"{qn('w:rPrDefault')}/"
                                                            f"{qn('w:rPr')}"))
                self.defaults_ppr = ppr_props(defaults.find(f"{qn('w:pPrDefault')}/"
                                                            f"{qn('w:pPr')}"))
            style_id, default, style_type = qn("w:styleId"), qn("w:default"), qn("w:type")
            for st in styles_root.iterchildren(qn("w:style")):
                sid = st.get(style_id) or ""
                self._elements[sid] = st  # a style defined twice: the last one counts
                if st.get(default) in ("1", "true"):
                    kind = st.get(style_type) or "paragraph"
                    if kind == "paragraph":
                        self.default_paragraph = sid
                    elif kind == "character":
                        self.default_character = sid
        self._numbering = numbering_root
        self._chains: dict[tuple[str | None, str], Props] = {}
        self._looks: dict[tuple[str | None, str | None, tuple], str] = {}
        self._names: dict[str, str] | None = None  # style id -> name, when known unparsed

    @classmethod
    def of_xml(cls, data: bytes, numbering_root: Any | None = None,
               page_fill: str = "") -> StyleSheet:
        """The sheet of a styles part given as bytes, each style parsed when first used.

        Parsing the bundled template's 350 KB styles.xml whole (179 styles, Word's table
        styles 5 KB each) was some 55 million instructions of every redline, which uses a
        dozen. Each w:style is cut out of the text and parsed on its own, inside the part's
        own root tag (its namespace declarations). Anything but plain elements as Word
        writes them (comments, CDATA, character references, processing instructions,
        markup compatibility blocks, attributes in single quotes) is parsed whole instead.
        tests/test_look.py checks the template's sheet both ways."""
        split = _split_styles(data)
        if split is None:
            from lxml import etree

            from dsrdraft.ooxml.package import safe_parser

            return cls(etree.fromstring(data, safe_parser()), numbering_root, page_fill)
        root_tag, defaults, styles = split
        sheet = cls(None, numbering_root, page_fill)
        if defaults is not None:
            element = _parse_within(root_tag, defaults)
            sheet.defaults_rpr = rpr_props(element.find(f"{qn('w:rPrDefault')}/"
                                                        f"{qn('w:rPr')}"))
            sheet.defaults_ppr = ppr_props(element.find(f"{qn('w:pPrDefault')}/"
                                                        f"{qn('w:pPr')}"))
        names: dict[str, str] = {}
        for attributes, name, chunk in styles:
            sid = attributes.get("styleId") or ""
            sheet._elements[sid] = (root_tag, chunk)  # parsed by _element when used
            names[sid] = name if name is not None else sid
            if attributes.get("default") in ("1", "true"):
                kind = attributes.get("type") or "paragraph"
                if kind == "paragraph":
                    sheet.default_paragraph = sid
                elif kind == "character":
                    sheet.default_character = sid
        sheet._names = names
        return sheet

    def _element(self, sid: str) -> Any:
        st = self._elements.get(sid)
        if isinstance(st, tuple):
            st = self._elements[sid] = _parse_within(*st)
        return st

    def _style(self, sid: str) -> _Style | None:
        """The style `sid` as defined in styles.xml (None when it is not)."""
        style = self._styles.get(sid)
        if style is None:
            st = self._element(sid)
            if st is None:
                return None
            based = st.find(qn("w:basedOn"))
            name = st.find(qn("w:name"))
            style = self._styles[sid] = _Style(
                st.get(qn("w:type")) or "paragraph",
                based.get(qn("w:val")) if based is not None else None,
                rpr_props(st.find(qn("w:rPr"))), ppr_props(st.find(qn("w:pPr"))),
                name.get(qn("w:val")) if name is not None else sid)
        return style

    def id_of(self, name: str) -> str:
        """The style id a style name has in this document (its name without spaces when
        absent)."""
        return self._ids_by_name.get(name, name.replace(" ", ""))

    @cached_property
    def _ids_by_name(self) -> dict[str, str]:
        if self._names is not None:
            return {name: sid for sid, name in self._names.items()}
        out: dict[str, str] = {}
        for sid, st in self._elements.items():
            name = st.find(qn("w:name"))
            out[name.get(qn("w:val")) if name is not None else sid] = sid
        return out

    def _chain(self, sid: str | None, part: str) -> Props:
        """A style's properties with those of the styles it is based on (derived wins)."""
        key = (sid, part)
        if key in self._chains:
            return self._chains[key]
        order: list[_Style] = []
        seen: set[str] = set()
        while sid and sid not in seen:  # basedOn loops are cut
            style = self._style(sid)
            if style is None:
                break
            seen.add(sid)
            order.append(style)
            sid = style.based_on
        merged: Props = {}
        for style in reversed(order):
            merged.update(style.rpr if part == "r" else style.ppr)
        self._chains[key] = merged
        return merged

    def run_props(self, pstyle: str | None, rstyle: str | None, direct: Props) -> Props:
        """The effective visible properties of a run."""
        para = self._chain(pstyle or self.default_paragraph, "r")
        char = self._chain(rstyle or self.default_character, "r")
        out: Props = dict(self.defaults_rpr)
        for key in set(para) | set(char):
            if key in _TOGGLES:
                out[key] = bool(para.get(key, False)) ^ bool(char.get(key, False))
            else:
                out[key] = char.get(key, para.get(key))
        out.update(direct)
        return out

    def run_look(self, pstyle: str | None, rstyle: str | None, direct: Props,
                 para_fill: str = "") -> str:
        """The run's look as a canonical string ("" for plain text), with the flags a
        reader notices: hidden, struck, invisible (text the colour of its background),
        tiny or squeezed."""
        key = (pstyle, rstyle, tuple(sorted(direct.items())), para_fill)
        cached = self._looks.get(key)
        if cached is not None:
            return cached
        props = self.run_props(pstyle, rstyle, direct)
        parts = [k for k in sorted(props) if props[k] is True]
        parts += [f"{k}={props[k]}" for k in sorted(props)
                  if props[k] not in (True, False, None, "")]
        flags = []
        if props.get("vanish") or props.get("specVanish"):
            flags.append("hidden")
        if props.get("strike") or props.get("dstrike"):
            flags.append("struck")
        background = props.get("shd") or _HIGHLIGHT.get(str(props.get("highlight", "")), "") \
            or para_fill or self.page_fill
        if _invisible(str(props.get("color") or "AUTO"), background):
            flags.append("invisible")
        if _number(props.get("sz"), 22) < 4 or _number(props.get("w"), 100) < 20:
            flags.append("tiny")
        look = ";".join(parts + [f"!{f}" for f in flags])
        self._looks[key] = look
        return look

    def paragraph_props(self, pstyle: str | None, direct: Props) -> Props:
        out: Props = dict(self.defaults_ppr)
        out.update(self._chain(pstyle or self.default_paragraph, "p"))
        out.update(direct)
        return out

    def numbering(self, num_id: str, ilvl: str) -> str:
        """The numbering a paragraph shows: format, level text and start of its level."""
        root = self._numbering
        if root is None or not num_id or num_id == "0":
            return ""
        num = next((n for n in root.iterchildren(qn("w:num"))
                    if n.get(qn("w:numId")) == num_id), None)
        if num is None:
            return f"{num_id}:missing"
        abstract_ref = num.find(qn("w:abstractNumId"))
        abstract_id = abstract_ref.get(qn("w:val")) if abstract_ref is not None else ""
        abstract = next((a for a in root.iterchildren(qn("w:abstractNum"))
                         if a.get(qn("w:abstractNumId")) == abstract_id), None)
        if abstract is None:
            return f"{num_id}:missing"
        lvl = next((lv for lv in abstract.iterchildren(qn("w:lvl"))
                    if lv.get(qn("w:ilvl")) == ilvl), None)
        if lvl is None:
            return f"{num_id}:{ilvl}:missing"
        values = []
        for tag in ("w:start", "w:numFmt", "w:lvlText", "w:suff"):
            el = lvl.find(qn(tag))
            values.append(el.get(qn("w:val")) if el is not None else "")
        return ":".join(values)


_HIGHLIGHT = {"YELLOW": "FFFF00", "GREEN": "00FF00", "CYAN": "00FFFF", "MAGENTA": "FF00FF",
              "BLUE": "0000FF", "RED": "FF0000", "DARKBLUE": "000080", "DARKCYAN": "008080",
              "DARKGREEN": "008000", "DARKMAGENTA": "800080", "DARKRED": "800000",
              "DARKYELLOW": "808000", "DARKGRAY": "808080", "LIGHTGRAY": "C0C0C0",
              "BLACK": "000000", "WHITE": "FFFFFF"}


def _number(value: Any, default: int) -> int:
    try:
        return int(str(value)) if value not in (None, "") else default
    except ValueError:
        return default


def _rgb(value: str) -> tuple[int, int, int] | None:
    value = value.strip().lstrip("#")
    if len(value) != 6:
        return None
    try:
        return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
    except ValueError:
        return None


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _invisible(color: str, background: str) -> bool:
    """Text a reader cannot see against its background (WCAG contrast below 1.5:1); "auto"
    text is drawn in a contrasting colour, so it is always seen."""
    if color.upper() == "AUTO":
        return False
    fg, bg = _rgb(color), _rgb(background if background.upper() != "AUTO" else "FFFFFF")
    if fg is None or bg is None:
        return False
    light, dark = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (light + 0.05) / (dark + 0.05) < 1.5


def package_style_sheet(package: Any) -> StyleSheet:
    """The style sheet of an opened package's main document (its styles and numbering)."""
    def related(suffix: str) -> Any:
        name = package.related_part(package.main, "/" + suffix)
        return package.part_xml(name) if name else None

    return StyleSheet(related("styles"), related("numbering"))


# ---------------------------------------------------------------- styles cut from the text

_ROOT_TAG = lazy_compile(rb"<w:styles\b[^>]*>")
_STYLE_START = lazy_compile(rb"<w:style\b([^>]*?)(/?)>")
_ATTRIBUTE = lazy_compile(rb'\s+w:([\w.-]+)="([^"]*)"')
_FIRST_NAME = lazy_compile(rb'<w:name\b[^>]*?\sw:val="([^"]*)"')
_DEFAULTS = lazy_compile(rb"<w:docDefaults\s*/>|<w:docDefaults\b[^>]*>.*?</w:docDefaults>",
                         re.DOTALL)
_MAIN_NS = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
#: What makes cutting the text unsafe: then the part is parsed whole.
_NOT_PLAIN = (b"<!--", b"<![CDATA[", b"&#", b"<?xml-", b"AlternateContent", b"=\'",
              b"<!DOCTYPE", b"<!ENTITY")


def _unescaped(value: bytes) -> str:
    return (value.decode("utf-8").replace("&quot;", '"').replace("&apos;", "'")
            .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))


def _split_styles(data: bytes) -> tuple[bytes, bytes | None,
                                        list[tuple[dict[str, str], str | None, bytes]]] | None:
    """(the root's start tag, w:docDefaults, per w:style its attributes, first w:name and
    text), or None when the text is not plainly Word's (parsed whole then)."""
    body = data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data
    if any(mark in body for mark in _NOT_PLAIN) or b"'" in body.split(b">", 1)[0]:
        return None
    root = _ROOT_TAG.search(body)
    if root is None or body[:root.start()].strip() or root.group(0).endswith(b"/>") \
            or _MAIN_NS not in root.group(0):
        return None
    defaults = _DEFAULTS.search(body, root.end())
    styles = []
    end_tag = b"</w:style>"
    position = root.end()
    while (start := _STYLE_START.search(body, position)) is not None:
        if start.group(2):
            chunk, position = start.group(0), start.end()
        else:
            close = body.find(end_tag, start.end())
            if close < 0 or body.find(b"<w:style", start.end(), close) >= 0:
                return None
            position = close + len(end_tag)
            chunk = body[start.start():position]
        attributes = {m.group(1).decode(): _unescaped(m.group(2))
                      for m in _ATTRIBUTE.finditer(start.group(1))}
        name = _FIRST_NAME.search(chunk)
        styles.append((attributes, _unescaped(name.group(1)) if name else None, chunk))
    if len(styles) != body.count(b"<w:style ") + body.count(b"<w:style>") + \
            body.count(b"<w:style/"):
        return None
    return root.group(0), defaults.group(0) if defaults else None, styles


def _parse_within(root_tag: bytes, chunk: bytes) -> Any:
    """The element `chunk`, parsed inside the root tag that declares its namespaces."""
    from lxml import etree

    from dsrdraft.ooxml.package import safe_parser

    return etree.fromstring(root_tag + chunk + b"</w:styles>", safe_parser())[0]
