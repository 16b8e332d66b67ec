"""Numbers as negotiated texts write them: 4, iv, IV, d, 四, 十四, ④, and back."""

from __future__ import annotations

import re

from dsrdraft.lazyre import lazy_compile

_ROMAN = (("m", 1000), ("cm", 900), ("d", 500), ("cd", 400), ("c", 100), ("xc", 90),
          ("l", 50), ("xl", 40), ("x", 10), ("ix", 9), ("v", 5), ("iv", 4), ("i", 1))
_ROMAN_RE = lazy_compile(r"m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})", re.IGNORECASE)
_CJK_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "貳": 2, "两": 2,
               "兩": 2, "三": 3, "叁": 3, "參": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6,
               "陆": 6, "陸": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9}
_CJK_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CJK_NUMERAL_CHARS = "".join(_CJK_DIGITS) + "".join(_CJK_UNITS)
_CJK_OUT = "零一二三四五六七八九"
_CIRCLED = {chr(0x2460 + i): i + 1 for i in range(20)}  # ① … ⑳
_CIRCLED.update({chr(0x3251 + i): i + 21 for i in range(15)})  # ㉑ … ㉟
CIRCLED_CHARS = "".join(_CIRCLED)
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def roman_value(text: str) -> int | None:
    """12 for "xii" or "XII"; None for anything that is not a well-formed roman numeral."""
    if not text or not _ROMAN_RE.fullmatch(text):
        return None
    value, rest = 0, text.lower()
    for symbol, amount in _ROMAN:
        while rest.startswith(symbol):
            value += amount
            rest = rest[len(symbol):]
    return value or None


def to_roman(value: int, upper: bool = True) -> str:
    out = []
    for symbol, amount in _ROMAN:
        while value >= amount:
            out.append(symbol)
            value -= amount
    text = "".join(out)
    return text.upper() if upper else text


def letter_value(text: str) -> int | None:
    """1 for "a", 27 for "aa" (Word's letter lists repeat the letter)."""
    if not text or not text.isascii() or not text.isalpha() or len(set(text.lower())) != 1:
        return None
    return (ord(text[0].lower()) - ord("a") + 1) + 26 * (len(text) - 1)


def to_letter(value: int, upper: bool = False) -> str:
    letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
    return letter.upper() if upper else letter


def cjk_value(text: str) -> int | None:
    """14 for "十四", 20 for "二十", 105 for "一百零五"; None if not a Chinese numeral."""
    if not text or any(ch not in _CJK_DIGITS and ch not in _CJK_UNITS for ch in text):
        return None
    if all(ch in _CJK_DIGITS for ch in text) and len(text) > 1:  # "二〇二六": digit by digit
        return int("".join(str(_CJK_DIGITS[ch]) for ch in text))
    total, current = 0, 0
    for ch in text:
        if ch in _CJK_DIGITS:
            current = _CJK_DIGITS[ch]
        else:
            total += (current or 1) * _CJK_UNITS[ch]
            current = 0
    return total + current or None


def to_cjk(value: int) -> str:
    """Chinese counting as Word writes it (chineseCounting): 1 一, 10 十, 14 十四, 21 二十一."""
    if value <= 0:
        return str(value)
    if value < 10:
        return _CJK_OUT[value]
    if value < 20:
        return "十" + (_CJK_OUT[value - 10] if value > 10 else "")
    if value < 100:
        tens, ones = divmod(value, 10)
        return _CJK_OUT[tens] + "十" + (_CJK_OUT[ones] if ones else "")
    if value < 1000:
        hundreds, rest = divmod(value, 100)
        tail = "" if not rest else ("零" + to_cjk(rest) if rest < 10 else
                                    (("一" + to_cjk(rest)) if rest < 20 else to_cjk(rest)))
        return _CJK_OUT[hundreds] + "百" + tail
    return str(value)


def circled_value(ch: str) -> int | None:
    return _CIRCLED.get(ch)


def arabic(text: str) -> int | None:
    """An Arabic number, full-width digits included ("１２" -> 12)."""
    text = text.translate(_FULLWIDTH)
    return int(text) if text.isdigit() and text.isascii() else None


def format_number(value: int, number_format: str) -> str:
    """A counter in one of Word's number formats (w:numFmt); "none" shows nothing."""
    if number_format == "none":
        return ""
    if number_format in ("lowerLetter",):
        return to_letter(value)
    if number_format in ("upperLetter",):
        return to_letter(value, upper=True)
    if number_format == "lowerRoman":
        return to_roman(value, upper=False)
    if number_format == "upperRoman":
        return to_roman(value)
    if number_format in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified",
                         "ideographTraditional", "japaneseCounting", "taiwaneseCounting",
                         "ideographLegalTraditional", "koreanCounting"):
        return to_cjk(value)
    if number_format in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return next((ch for ch, v in _CIRCLED.items() if v == value), str(value))
    if number_format == "decimalFullWidth":
        return str(value).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if number_format == "decimalZero":
        return f"{value:02d}"
    if number_format == "ordinal":
        return f"{value}{_ordinal_suffix(value)}"
    return str(value)


def _ordinal_suffix(value: int) -> str:
    if 10 <= value % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
