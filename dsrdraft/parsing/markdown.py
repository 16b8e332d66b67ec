"""Markdown as texts are published in it: what is markup (and goes) and what is text (and stays).

Only paired emphasis is markup: "**3.Foster …**" loses its asterisks, but "[NDMC*]" and a
blank "[____]" are text and stay as written. Link targets, comments and metadata blocks are not
the text; they are reported, never silently lost.
"""

from __future__ import annotations

import re

from dsrdraft.lazyre import lazy_compile
from dsrdraft.model import Dropped

_BOLD = lazy_compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"
                     r"|(?<![\w_])__(?=[^\s_])(.+?)(?<=[^\s_])__(?![\w_])")
_ITALIC = lazy_compile(r"(?<![\w*\\])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*\\])\*(?![\w*])"
                       r"|(?<![\w_\\])_(?=[^\s_])([^_\n]+?)(?<=[^\s_\\])_(?![\w_])")
_LINK = lazy_compile(r"(!?)\[([^\[\]\n]*)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
# "## Text"; "##Text" too (texts converted from HTML drop the space), but never "#tag".
_HEADING = lazy_compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$|^\s{0,3}(#{2,6})([^\s#].*?)\s*#*\s*$")
_SETEXT = lazy_compile(r"^\s{0,3}(=+|-+)\s*$")
_QUOTE = lazy_compile(r"^\s{0,3}>\s?")
_TABLE_RULE = lazy_compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_ESCAPE = lazy_compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_COMMENT = lazy_compile(r"<!--(.*?)-->", re.DOTALL)
# Inline HTML that converters leave in markdown: "<span class=…>", "</span>", "<br/>".
_TAG = lazy_compile(r"</?(?:span|sup|sub|a|b|i|u|em|strong|font|br|div|p|small|mark|del|ins|abbr|"
                    r"cite|code|s)\b[^<>]{0,300}>", re.IGNORECASE)


def strip_comments(text: str, dropped: list[Dropped]) -> str:
    def keep(match: re.Match[str]) -> str:
        body = " ".join(match.group(1).split())
        if body:
            dropped.append(Dropped("comment in the markup", body))
        return ""

    return _COMMENT.sub(keep, text)


def front_matter(lines: list[str], dropped: list[Dropped]) -> int:
    """How many lines a YAML metadata block opening the file takes (reported as dropped)."""
    if not lines or lines[0].strip() != "---":
        return 0
    for end in range(1, min(len(lines), 200)):
        if lines[end].strip() in ("---", "..."):
            body = " ".join(" ".join(lines[1:end]).split())
            if body:
                dropped.append(Dropped("metadata block (YAML front matter)", body))
            return end + 1
    return 0


# "###" alone (or escaped, "\\###", as converters write an end mark): markup, no text
_META_FIELD = lazy_compile(r"^(?P<name>[A-Za-z_]+):\s*(?P<value>.+?)\s*$")
_YAML_ESCAPE = lazy_compile(r"\\(u[0-9a-fA-F]{4}|.)")


def metadata_field(lines: list[str], name: str) -> str:
    """A field of a metadata block ("title", "source"), YAML's double-quoted escapes read
    ("\\u2019", "\\_" a no-break space)."""
    for n, line in enumerate(lines):
        m = _META_FIELD.match(line.strip())
        if not m or m.group("name").lower() != name:
            continue
        value = m.group("value")
        if value.startswith('"') and not value.endswith('"'):
            # a double-quoted value folded over lines; "\\" at a line's end joins without space
            for more in lines[n + 1:]:
                value = value[:-1] + more.strip() if value.endswith("\\") else \
                    f"{value} {more.strip()}"
                if value.endswith('"'):
                    break
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            quote, value = value[0], value[1:-1]
            if quote == '"':
                value = _YAML_ESCAPE.sub(_unescape, value)
        return " ".join(value.split())
    return ""


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    if code[0] == "u" and len(code) == 5:
        return chr(int(code[1:], 16))
    return {"_": " ", "n": " ", "t": " "}.get(code, code)


# "###" alone (or escaped, "\\###", as converters write an end mark): markup, no text
_META_TITLE = lazy_compile(r"^title:\s*(.+?)\s*$", re.IGNORECASE)
_YAML_ESCAPE = lazy_compile(r"\\(u[0-9a-fA-F]{4}|.)")


def metadata_title(lines: list[str]) -> str:
    """The `title:` of a metadata block (YAML double-quoted escapes read: "\\u2019", "\\_")."""
    for line in lines:
        m = _META_TITLE.match(line.strip())
        if not m:
            continue
        value = m.group(1)
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            quote, value = value[0], value[1:-1]
            if quote == '"':
                value = _YAML_ESCAPE.sub(lambda e: chr(int(e.group(1)[1:], 16)) if e.group(1)[
                    0] == "u" and len(e.group(1)) == 5 else {"_": " ", "n": " ", "t": " "}.get(
                    e.group(1), e.group(1)), value)
        return " ".join(value.split())
    return ""


_EMPTY_HEADING = lazy_compile(r"^\s{0,3}\\?#{1,6}\s*$")


def heading(line: str) -> tuple[int, str] | None:
    """(level, text) of an ATX heading "## Text"."""
    if line.lstrip()[:1] not in ("#", "\\"):
        return None  # most lines: no heading mark to read
    m = _HEADING.match(line)
    if not m:
        return (1, "") if _EMPTY_HEADING.match(line) else None
    return (len(m.group(1)), m.group(2)) if m.group(1) else (len(m.group(3)), m.group(4))


def setext_rule(line: str) -> int:
    """1 or 2 when `line` underlines the line before it as a heading, else 0."""
    if line.lstrip()[:1] not in ("=", "-"):
        return 0  # most lines: no underline to read
    m = _SETEXT.match(line)
    if not m:
        return 0
    return 1 if m.group(1).startswith("=") else 2


def is_table_rule(line: str) -> bool:
    return "|" in line and bool(_TABLE_RULE.match(line))


def unquote(line: str) -> str:
    while ">" in line[:4] and _QUOTE.match(line):  # a quote mark stands in the first four
        line = _QUOTE.sub("", line, count=1)
    return line


def inline(text: str, dropped: list[Dropped]) -> tuple[str, bool]:
    """Text without inline markup, and whether all of it was bold."""
    def link(match: re.Match[str]) -> str:
        if match.group(1):  # an image: its description ("cover_image") is not the text
            dropped.append(Dropped("image source", " ".join(
                x for x in (match.group(2), match.group(3)) if x)))
            return ""
        dropped.append(Dropped("link target", match.group(3)))
        return match.group(2)

    for _ in range(3):  # "[![](image)](target)": the image first, then the link around it
        if "](" not in text:
            break  # no link to read
        linked = _LINK.sub(link, text)
        if linked == text:
            break
        text = linked
    if "<" in text:
        tags = _TAG.findall(text)
        if tags:
            dropped.append(Dropped("markup (HTML tags)", " ".join(tags)))
            text = _TAG.sub("", text)
    stripped = text.strip()
    whole_bold = stripped[:2] in ("**", "__") and bool(re.fullmatch(
        r"(\*\*|__)(?=\S).*(?<=\S)\1", stripped, re.DOTALL))
    # each kind of markup only where its mark stands
    if "**" in text or "__" in text:
        text = _BOLD.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), text)
    if "*" in text or "_" in text:
        text = _ITALIC.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2),
                           text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    return text, whole_bold


def table_row(line: str) -> str:
    """A table row's cells, kept in order: "| a | b |" -> "a | b"."""
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    cells = [c for c in cells if c]
    if len(cells) > 1 and _ROW_NUMBER.match(cells[0]):
        return f"{cells[0]} {' | '.join(cells[1:])}"  # "1. | Onions | …": the row's number
    return " | ".join(cells)


_ROW_NUMBER = lazy_compile(r"^\(?\d{1,3}[.)]?$")
