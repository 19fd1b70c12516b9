"""A table, however it was flattened, as one stream of cells: labels, numbers, units, placeholders.

Input: normalised lines of a table region. Output: `Cell`s in reading order. Tab-separated rows, one
cell per line, pipe rows and cells glued to their labels ('规章 000', '行政许可2293') all come out the
same way, so the template modules match row labels and take the numbers that follow them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from loader.normalise import is_unit, memo_short, parse_cell, squeeze

_SEPARATOR_ROW = re.compile(r"^\|?\s*:?-{3,}")
_DIGITS = re.compile(r"[+-]?\d+(?:\.\d+)?")
BRACKET_YEAR = re.compile(r"[(（](?:19|20)\d\d[)）]")  # 一、本年(2021)新收…: the year is no cell
# a digit inside a label: numbering ('1.属于', '2、'), a count in a note ('计1条'), a year ('2018年').
_LABEL_DIGIT_AFTER = re.compile(r"^(?:[.、．][^\d]|[条件次篇人个项年月日号起名)）%])")
PROSE_MARKS = ("。", "；")


@dataclass(slots=True)
class Cell:
    kind: str  # label | num | run | unit | placeholder | blank | prose
    text: str
    line: int
    value: float | None = None
    qualifier: str = "exact"
    glued: bool = False  # digits printed against their label with no separator


def split_cells(line: str) -> list[str]:
    """Cells of one line. Between pipes an empty cell keeps its place ('' ) — '| 1 | 0 |  |' has a
    blank third cell (and cells_of knows when a line that is only '|' is one);
    tab-separated and plain one-cell-per-line text drop empty cells (their place is lost)."""
    if _SEPARATOR_ROW.match(line.strip()):
        return []
    if "|" in line:
        parts = [p.strip() for p in line.strip().strip("|").split("|")]
        return parts if any(parts) else []
    parts = line.split("\t") if "\t" in line else [line]
    return [p.strip() for p in parts if p.strip()]


def _number_cell(text: str, line: int, glued: bool) -> Cell:
    digits = text.lstrip("+-")
    if glued or (len(digits) > 1 and digits.startswith("0") and "." not in digits):
        return Cell("run", text, line, glued=True)
    parsed = parse_cell(text)
    value, qualifier = parsed if parsed else (None, "exact")
    return Cell("num", text, line, value, qualifier)


def _split_mixed(text: str, line: int) -> list[Cell]:
    """'行政许可2293' → label + run; '属于国家秘密00000002.其他' → label, run, label '2.其他'."""
    out: list[Cell] = []
    pos, label = 0, ""
    for match in _DIGITS.finditer(text):
        start, end = match.span()
        number = match.group()
        after = text[end:].lstrip()[:2]
        before = text[:start]
        if _LABEL_DIGIT_AFTER.match(after) or before.endswith(("第", "如")) or re.search(r"[A-Za-z]$", before):
            if _LABEL_DIGIT_AFTER.match(after) and after[0] in ".、．" and len(number) > 1:
                # glued run followed by the next row's numbering: the last digit is the numbering
                label += text[pos:start]
                out.extend(_flush(label, line))
                out.append(_number_cell(number[:-1], line, glued=True))
                label, pos = number[-1], end
                continue
            continue
        label += text[pos:start]
        glued = bool(label) and not label.endswith(" ")
        out.extend(_flush(label, line))
        label = ""
        out.append(_number_cell(number, line, glued and len(number.lstrip("+-")) > 1))
        pos = end
    label += text[pos:]
    out.extend(_flush(label, line))
    return out


def _flush(label: str, line: int) -> list[Cell]:
    label = label.strip()
    if not label:
        return []
    if any(mark in label for mark in PROSE_MARKS):
        return [Cell("prose", label, line)]
    return [Cell("label", label, line)]


def cells_of(lines: list[tuple[int, str]]) -> list[Cell]:
    """Cells of (line number, text) pairs, in order. Where most cells are printed one a line and closed
    by a pipe ('0 |'), a line that is only '|' is a cell left empty; where bare cells alternate with '|'
    lines ('0', '|', '0'), those lines only separate (a bare '|' has no cells)."""
    texts = [line for _, line in lines]
    blank_pipes = "|" in texts and _pipes_close_cells(texts)  # (lines come normalised: a bare pipe is exactly '|')
    out: list[Cell] = []
    add = out.append
    for number, line in lines:
        if blank_pipes and line == "|":
            add(Cell("blank", "", number))
            continue
        for kind, text, value, qualifier, glued in _line_cells(line):  # its line's own copy of each cell
            add(Cell(kind, text, number, value, qualifier, glued))
    return out


def _pipes_close_cells(texts: list[str]) -> bool:
    printed = [line.rstrip() for line in texts if line.strip().strip("|")]
    return sum(line.endswith(" |") for line in printed) * 2 > len(printed)


@memo_short
def _line_cells(line: str) -> tuple[tuple, ...]:
    """The cells of one line as (kind, text, value, qualifier, glued): cells_of makes each its Cell."""
    out: list[Cell] = []
    if "(" in line or "（" in line:
        line = BRACKET_YEAR.sub("", line)
    for part in split_cells(line):
        if not part:
            out.append(Cell("blank", "", 0))
            continue
        parsed = parse_cell(part)
        if parsed is not None:
            value, qualifier = parsed
            if qualifier == "placeholder":
                out.append(Cell("placeholder", part, 0))
            else:
                out.append(_number_cell(part, 0, glued=False))
        elif is_unit(part):
            out.append(Cell("unit", squeeze(part), 0))
        else:
            out.extend(_split_mixed(part, 0))
    return tuple((c.kind, c.text, c.value, c.qualifier, c.glued) for c in out)
