"""Word styles and list numbering, resolved once per document: what a paragraph's style and
numbering say about it (heading level, list label as a reader sees it, bold, centred)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dsrdraft.ooxml.ns import qn
from dsrdraft.parsing.numerals import format_number

_OFF = {"0", "false", "off", "none"}


@dataclass(frozen=True, slots=True)
class StyleFacts:
    name: str = ""  # lower-cased style name ("heading 1", "list number", "toc 2")
    heading_level: int = 0
    title: bool = False
    toc: bool = False
    numbering: tuple[str, int] | None = None  # (numId, ilvl); numId "0" switches numbering off
    bold: bool = False
    centered: bool = False


def _flag(ppr_or_rpr: Any, tag: str) -> bool | None:
    if ppr_or_rpr is None:
        return None
    el = ppr_or_rpr.find(qn(tag))
    if el is None:
        return None
    return (el.get(qn("w:val")) or "1").lower() not in _OFF


def numbering_of(ppr: Any) -> tuple[str, int] | None:
    """(numId, level) of a w:pPr or a style's pPr; numId "0" means "no numbering here"."""
    if ppr is None:
        return None
    num_pr = ppr.find(qn("w:numPr"))
    if num_pr is None:
        return None
    num_id = num_pr.find(qn("w:numId"))
    level = num_pr.find(qn("w:ilvl"))
    if num_id is None:
        return None
    try:
        ilvl = int(level.get(qn("w:val"), "0")) if level is not None else 0
    except ValueError:
        ilvl = 0
    return num_id.get(qn("w:val"), "0"), ilvl


def outline_level(ppr: Any) -> int | None:
    if ppr is None:
        return None
    el = ppr.find(qn("w:outlineLvl"))
    if el is None:
        return None
    try:
        value = int(el.get(qn("w:val"), "9"))
    except ValueError:
        return None
    return value + 1 if value < 9 else None


class Styles:
    """styles.xml resolved: each style's facts with its basedOn chain walked once (memoised)."""

    def __init__(self, root: Any) -> None:
        self._raw: dict[str, Any] = {}
        self._resolved: dict[str, StyleFacts] = {}
        self.default = ""
        if root is None:
            return
        for style in root.iterchildren(qn("w:style")):
            if style.get(qn("w:type"), "paragraph") != "paragraph":
                continue
            style_id = style.get(qn("w:styleId"), "")
            self._raw[style_id] = style
            if (style.get(qn("w:default")) or "").lower() in ("1", "true"):
                self.default = style_id

    def facts(self, style_id: str | None) -> StyleFacts:
        style_id = style_id or self.default
        if not style_id or style_id not in self._raw:
            return StyleFacts()
        return self._resolve(style_id, set())

    def _resolve(self, style_id: str, seen: set[str]) -> StyleFacts:
        if style_id in self._resolved:
            return self._resolved[style_id]
        style = self._raw.get(style_id)
        if style is None or style_id in seen:
            return StyleFacts()
        seen.add(style_id)
        based = style.find(qn("w:basedOn"))
        parent = self._resolve(based.get(qn("w:val"), ""), seen) if based is not None \
            else StyleFacts()
        name_el = style.find(qn("w:name"))
        name = (name_el.get(qn("w:val"), "") if name_el is not None else style_id).lower()
        ppr = style.find(qn("w:pPr"))
        rpr = style.find(qn("w:rPr"))
        level = 0
        if name.startswith("heading ") and name[8:].isdigit():
            level = int(name[8:])
        elif (outline := outline_level(ppr)) is not None:
            level = outline
        else:
            level = parent.heading_level
        bold = _flag(rpr, "w:b")
        jc = ppr.find(qn("w:jc")) if ppr is not None else None
        facts = StyleFacts(
            name=name,
            heading_level=level,
            title=name in ("title",) or parent.title,
            toc=name.startswith(("toc ", "toc heading", "table of contents")) or parent.toc,
            numbering=numbering_of(ppr) or parent.numbering,
            bold=parent.bold if bold is None else bold,
            centered=(jc.get(qn("w:val")) == "center") if jc is not None else parent.centered,
        )
        self._resolved[style_id] = facts
        return facts


@dataclass(slots=True)
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    legal: bool = False  # isLgl: all levels shown as decimal


@dataclass(slots=True)
class _List:
    abstract: str
    levels: dict[int, _Level] = field(default_factory=dict)
    overrides: dict[int, int] = field(default_factory=dict)  # level -> startOverride
    started: bool = False


class Numbering:
    """numbering.xml: writes out Word's automatic numbers the way a reader sees them."""

    def __init__(self, root: Any) -> None:
        self._abstract: dict[str, dict[int, _Level]] = {}
        self._lists: dict[str, _List] = {}
        self._counters: dict[str, dict[int, int]] = {}
        if root is None:
            return
        for node in root.iterchildren(qn("w:abstractNum")):
            self._abstract[node.get(qn("w:abstractNumId"), "")] = _levels(node)
        for num in root.iterchildren(qn("w:num")):
            link = num.find(qn("w:abstractNumId"))
            if link is None:
                continue
            entry = _List(link.get(qn("w:val"), ""))
            entry.levels = dict(self._abstract.get(entry.abstract, {}))
            for override in num.iterchildren(qn("w:lvlOverride")):
                try:
                    ilvl = int(override.get(qn("w:ilvl"), "0"))
                except ValueError:
                    continue
                start = override.find(qn("w:startOverride"))
                if start is not None:
                    entry.overrides[ilvl] = _int(start.get(qn("w:val")), 1)
                lvl = override.find(qn("w:lvl"))
                if lvl is not None:
                    entry.levels[ilvl] = _level(lvl)
            self._lists[num.get(qn("w:numId"), "")] = entry

    def label(self, num_id: str, level: int) -> tuple[str, bool] | None:
        """(label, is a bullet) for the next paragraph of list `num_id` at `level`."""
        entry = self._lists.get(num_id)
        if entry is None or num_id == "0":
            return None
        spec = entry.levels.get(level, _Level())
        if spec.fmt == "none" and not spec.text.strip():
            return None
        # Lists sharing an abstract definition share counters (Word continues them) unless a
        # list restarts them with a start override when it is first used.
        counters = self._counters.setdefault(entry.abstract, {})
        if not entry.started:
            entry.started = True
            for ilvl, start in entry.overrides.items():
                counters[ilvl] = start - 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        counters[level] = counters.get(level, spec.start - 1) + 1
        if spec.fmt == "bullet":
            return (_bullet(spec.text), True)
        text = spec.text
        for n in range(9, 0, -1):
            token = f"%{n}"
            if token in text:
                lvl = entry.levels.get(n - 1, _Level())
                value = counters.get(n - 1, lvl.start)
                fmt = "decimal" if spec.legal else lvl.fmt
                text = text.replace(token, format_number(value, fmt))
        # numFmt "none" (LibreOffice's outline numbering of headings): no label at all
        return (text.strip(), False) if text.strip() else None


def _levels(node: Any) -> dict[int, _Level]:
    out: dict[int, _Level] = {}
    for lvl in node.iterchildren(qn("w:lvl")):
        out[_int(lvl.get(qn("w:ilvl")), 0)] = _level(lvl)
    return out


def _level(lvl: Any) -> _Level:
    fmt = lvl.find(qn("w:numFmt"))
    text = lvl.find(qn("w:lvlText"))
    start = lvl.find(qn("w:start"))
    return _Level(
        fmt=fmt.get(qn("w:val"), "decimal") if fmt is not None else "decimal",
        text=text.get(qn("w:val"), "") if text is not None else "%1.",
        start=_int(start.get(qn("w:val")) if start is not None else None, 1),
        legal=lvl.find(qn("w:isLgl")) is not None,
    )


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _bullet(text: str) -> str:
    if not text or any(0xF000 <= ord(ch) <= 0xF0FF for ch in text) or text in ("o", "§"):
        return "•"
    return text
