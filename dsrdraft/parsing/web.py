"""Web-page debris around a text copied from the web: post dates, share bars, comment forms.

Only whole lines are debris ("Share this:", "Print"), never a line that merely starts with such a
word ("related to the Agenda…", "print media"); after a comment-form or related-links heading,
the short lines that follow go with it until the text resumes. Every line taken is reported.
"""

from __future__ import annotations

import re

from dsrdraft.lazyre import lazy_compile
from dsrdraft.model import Dropped
from dsrdraft.parsing.blocks import Block
from dsrdraft.parsing.footnotes import without_references
from dsrdraft.parsing.markers import opening_marker

_NOISE = lazy_compile(
    r"^(?:(?:posted|published|updated|last updated)(?: on| by| at)?(?:\s.{0,60})?|"
    r"tweet|print|email|e-mail|share|like|reblog|more|menu|search|home|skip to (?:main )?"
    r"content|back to top|read more|print this page|print friendly|share this(?: page)?|"
    r"share on \w+|facebook|twitter|linkedin|whatsapp|telegram|pinterest|reddit|wechat|weibo|"
    r"loading\.*|advertisement|click to (?:share|print|email)[^.]{0,40}|source:\s*\w[^.]{0,60}"
    r"|编辑[:：].{0,20}|责任编辑[:：].{0,20}|来源[:：].{0,40}|分享到[:：]?.{0,20}|打印|关闭窗口"
    # a WeChat account's masthead: subscription codes and hotlines
    r"|(?:扫码|长按)(?:订阅|关注|识别).{0,30}|邮发代号.{0,20}|(?:征订|订阅|服务)热线[:：].{0,30})$",
    re.IGNORECASE,
)
_TAIL = lazy_compile(
    r"^(?:leave a (?:reply|comment)|share this:?|like this:?|related(?: posts| articles| "
    r"stories| news| links)?:?|\d+ (?:comments?|responses?|thoughts? on .{0,80}):?|"
    r"you may also like:?|fill in your details below.*|post navigation|comments are closed\.?|"
    r"about the author|recent posts|categories|tags:.{0,80}|see also:?|"
    r"相关(?:新闻|文章|阅读)[:：]?"
    # the first line of a WeChat article page's own furniture (its buttons and dialogs)
    r"|预览时标签不可点)$",
    re.IGNORECASE,
)
# "… Version 1.0 free to use under CC BY 4.0.": a licence notice, the publisher's, not the text's
_LICENCE = lazy_compile(r"\b(?:free to use under|licen[cs]ed under|released under|"
                        r"available under)\s+"
                        r"(?:the\s+)?(?:a\s+)?(?:CC[ -]BY|Creative Commons|CC0|MIT|Apache)", re.I)
# "（来源：外交部网站）": a repost names its source after the text; the page's own lines follow.
_SOURCE_END = lazy_compile(r"^[（(]\s*(?:稿件|文章|信息)?来源[:：][^）)]{1,40}[）)]$")
# "Home › News › World News": a site's breadcrumb trail.
_BREADCRUMB = lazy_compile(r"^(?:[^›»|\n]{1,40}\s[›»|>]\s){1,8}[^›»|\n]{1,60}$")
_DEBRIS_MAX = 160  # lines of a comment form or link list are short
# The ASCII characters a line matching _TAIL or _NOISE can open with (lower-cased; any other
# ASCII first character rules the pattern out, a line opening with any other character is
# still asked), and what a breadcrumb needs: three patterns not tried on most lines.
_TAIL_STARTS = frozenset("acflprsty0123456789")
_NOISE_STARTS = frozenset("abcefhlmprstuw")
_CRUMB_MARKS = ("›", "»", "|", ">")


def _may_open(text: str, starts: frozenset[str]) -> bool:
    first = text[:1]
    return not first.isascii() or first.lower() in starts


def dropped_text(block: Block) -> str:
    """What a block left out of the text says: its words and the notes it cites (a dropped
    line must not take its footnotes with it silently)."""
    notes = " ".join(f"[{n.marker}] {n.text}" for n in block.footnotes)
    return " ".join(f"{without_references(block.text).strip()} {notes}".split())


def drop_debris(blocks: list[Block], dropped: list[Dropped], publisher: str = "") -> list[Block]:
    """The blocks that are text; web debris goes into `dropped` with its reason. A line that
    is only the name of who published the page (`publisher`, from its metadata) is its
    masthead."""
    kept: list[Block] = []
    in_tail = False
    for block in blocks:
        text = block.text.strip()
        if publisher and text == publisher:
            dropped.append(Dropped("web page: the publisher's name (masthead)", text))
            continue
        if in_tail:
            # a heading, or a line a marker opens, is text again (another text may follow
            # the page's furniture in a compilation)
            if len(text) <= _DEBRIS_MAX and opening_marker(text) is None and not (
                    block.heading_level or block.title_style):
                dropped.append(Dropped("web page: comment form, share bar or related links",
                                       dropped_text(block)))
                continue
            in_tail = False
        if len(text) <= 120 and ((_may_open(text, _TAIL_STARTS) and _TAIL.match(text)) or (
                len(kept) >= 3 and _SOURCE_END.match(text))):
            dropped.append(Dropped("web page: comment form, share bar or related links",
                                   dropped_text(block)))
            in_tail = True
            continue
        if len(text) <= 300 and " under " in text and _LICENCE.search(text):
            dropped.append(Dropped("licence notice of the published copy", dropped_text(block)))
            continue
        if len(text) <= 120 and ((_may_open(text, _NOISE_STARTS) and _NOISE.match(text)) or (
                not block.in_table and any(mark in text for mark in _CRUMB_MARKS)
                and _BREADCRUMB.match(text))):  # a table row is no trail
            dropped.append(Dropped("web page: post date, share or navigation line",
                                   dropped_text(block)))
            continue
        kept.append(block)
    return _after_excerpt_note(kept, dropped)


# A repost's note that the text follows: "※白皮书“网络安全”相关内容节选：", "全文如下：";
# and the editor's aside after it: "(全文请见文章下方【阅读原文】）".
_EXCERPT_NOTE = lazy_compile(r"(?:节选|節選|摘编|摘編|全文如下|以下为全文|以下為全文)[:：]?$")
_EDITOR_ASIDE = lazy_compile(r"^[(（][^()（）]{0,40}(?:全文|原文)[^()（）]{0,40}[)）]$")
_EXCERPT_NOTE_WITHIN = 40  # blocks from the top: a lead is a few paragraphs


def _unmarked(text: str) -> str:
    return text.replace("*", "").strip("_ \n")  # emphasis is not read yet here: "节选**：*"


def _after_excerpt_note(blocks: list[Block], dropped: list[Dropped]) -> list[Block]:
    """A repost that introduces the text it reposts ("…相关内容节选：", "全文如下："): the
    paragraphs before that note are the repost's news lead, not the text, and are reported
    as such (headings, the title among them, stay)."""
    note = next((i for i, b in enumerate(blocks[:_EXCERPT_NOTE_WITHIN])
                 if len(b.text) <= 80 and _EXCERPT_NOTE.search(_unmarked(b.text))), None)
    if not note:
        return blocks
    kept = [b for b in blocks[:note] if b.heading_level or b.title_style]
    dropped.extend(Dropped("a repost's news lead (before the text it introduces)",
                           dropped_text(b)) for b in blocks[:note]
                   if not (b.heading_level or b.title_style))
    dropped.append(Dropped("a repost's note introducing the text", dropped_text(blocks[note])))
    rest = note + 1
    if rest < len(blocks) and _EDITOR_ASIDE.match(_unmarked(blocks[rest].text)):
        dropped.append(Dropped("a repost's note introducing the text",
                               dropped_text(blocks[rest])))
        rest += 1
    return kept + blocks[rest:]
