"""Pure text helpers: NFKC, spaces, Chinese numerals, cell values.

Input is any string from a report; output is normalised text or a number with a qualifier. Nothing
here knows about templates.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

PLACEHOLDERS = {"—", "——", "-", "--", "/", "无", "－", "─", "——/", "\\", "_"}
UNITS = ("万元", "人次", "条", "件", "次", "篇", "人", "个", "元", "项", "起", "名", "家", "期")
_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
           "七": 7, "八": 8, "九": 9}
_SCALE = {"十": 10, "百": 100, "千": 1000, "万": 10000}
CN_NUMERAL = "零〇○一二两三四五六七八九十百千万"
def memo_short(function):
    """Memoise a text helper in a bounded LRU (C-level, so a hit costs no Python frame): table cells, labels
    and headings repeat across thousands of reports and stay in it, a prose line seen once falls out."""
    return lru_cache(maxsize=8192)(function)


# The compatibility characters Chinese reports are full of, each with its whole NFKC form (a plain ASCII
# character): full-width ，（）：；！？ and the no-break space of web pages.
_COMMON_COMPAT = (("，", ","), ("（", "("), ("）", ")"), ("：", ":"), ("；", ";"), ("！", "!"), ("？", "?"),
                  ("\u00a0", " "), ("\u3000", " "))


def nfkc(text: str) -> str:
    """unicodedata.normalize("NFKC", text), exactly, and eight times faster on these reports' lines.

    NFKC of a line that holds a full-width comma recomposes the whole line, about 16 µs; the commonest
    such characters are replaced first (each by its own NFKC form, so the result cannot differ) and C's
    quick check then finds nine lines in ten already normal."""
    if unicodedata.is_normalized("NFKC", text):
        return text
    for wide, narrow in _COMMON_COMPAT:
        text = text.replace(wide, narrow)
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


_SPACE_NOT_TAB = re.compile(r"[^\S\t]+|[\u00a0\u3000\u200b\ufeff]+")


@memo_short
def normalise_line(text: str) -> str:
    """NFKC (full-width digits and brackets become ASCII), odd spaces become one plain space.

    Tabs stay: they separate table cells.
    """
    text = nfkc(text).replace("\ufffd", "")
    if text.isprintable() and "  " not in text:  # no tab, odd space or zero-width mark, no run of spaces
        return text.strip(" ")
    return _SPACE_NOT_TAB.sub(" ", text).strip(" ")


@memo_short
def squeeze(text: str) -> str:
    """Drop every space: labels like '统 计 指 标' and '计 1 条' match their printed forms.

    str.split() drops exactly the characters regex \\s matches (str.isspace), and four times faster
    than re.sub over a whole document; the two zero-width marks are not spaces to either."""
    text = "".join(nfkc(text).split())
    if "\u200b" in text or "\ufeff" in text:
        text = text.replace("\u200b", "").replace("\ufeff", "")
    return text


_LAST: list = [None, [], ""]  # the lines last squeezed, each squeezed, and all of them as one string


def squeezed_lines(lines: list[str]) -> list[str]:
    """Each line squeezed: detection and the old tables read them, metadata and agency names read them
    joined (squeeze_lines). The last result is kept (with its list, so the list's id stays its own):
    they are made once per document."""
    if _LAST[0] is not lines:
        squeezed = list(map(squeeze, lines))
        _LAST[:] = [lines, squeezed, "".join(squeezed)]
    return _LAST[1]


def squeeze_lines(lines: list[str]) -> str:
    """The whole document squeezed into one string (what squeeze would make of the lines joined)."""
    squeezed_lines(lines)
    return _LAST[2]


def chinese_to_int(text: str) -> int | None:
    """一百八十 → 180, 十二 → 12, 两 → 2; None when the text is not a plain Chinese numeral."""
    if not text or any(ch not in _DIGITS and ch not in _SCALE for ch in text):
        return None
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
            continue
        scale = _SCALE[ch]
        if scale == 10000:
            total += (section + (digit or 0)) * scale
            section, digit = 0, None
        else:
            section += (1 if digit is None else digit) * scale
            digit = None
    return total + section + (digit or 0)


_CELL = re.compile(r"^([+-]?)(\d+(?:\.\d+)?)(余|多)?(" + "|".join(UNITS) + r")?(余|多|以上)?$")


@memo_short
def parse_cell(cell: str) -> tuple[float | None, str] | None:
    """A table cell as (value, qualifier), or None when the cell is a label, not a value.

    '0' → (0, exact); '+19' → (19, exact); '——' → (None, placeholder); '366条' → (366, exact).
    """
    text = squeeze(cell).lstrip("?")
    if text in PLACEHOLDERS:
        return None, "placeholder"
    if not (text[:1].isdecimal() or text[:1] in ("+", "-")):
        return None  # _CELL opens with a sign or a digit (\d is Unicode's Nd, as isdecimal): a label, unsearched
    match = _CELL.match(text)
    if not match:
        return None
    sign, number, approx_before, _unit, approx_after = match.groups()
    approx = approx_before or approx_after
    value = float(number)
    if sign == "-":
        value = -value
    return value, "lower_bound" if approx else "exact"



def is_unit(cell: str) -> bool:
    return squeeze(cell) in UNITS
