"""Row matching shared by the table templates: known row labels → the value cells after them.

Input: the cell stream of a table region (loader.cells) and the template's row specs in printed
order. Output: one RowMatch per row found. Rows are matched in order, so a label printed twice
(（二）被依法纠错数 under 行政复议 and 行政诉讼) lands on the right row; a label broken into fragments is
matched once its fragments, joined, contain a key word.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from loader.cells import Cell
from loader.normalise import squeeze


@dataclass(frozen=True)
class RowSpec:
    code: str | None  # None for a section row that carries no value of its own
    keywords: tuple[str, ...]
    columns: int = 1
    unit: str | None = None
    metrics: tuple[str, ...] = ()  # one code per column, when the columns have codes of their own


@dataclass
class RowMatch:
    spec: RowSpec
    label: Cell
    values: list[Cell] = field(default_factory=list)
    unit: str | None = None


def _find(joined: str, specs: list[RowSpec], start: int) -> int | None:
    """The spec whose key word ends latest in the joined label: the fragment nearest the numbers."""
    best, best_end = None, -1
    for index in range(start, len(specs)):
        for keyword in specs[index].keywords:
            pos = joined.rfind(keyword)
            if pos >= 0 and pos + len(keyword) > best_end:
                best, best_end = index, pos + len(keyword)
    return best


def match_rows(cells: list[Cell], specs: list[RowSpec]) -> list[RowMatch]:
    matches: list[RowMatch] = []
    pointer, current, pending = 0, None, []
    for cell in cells:
        if cell.kind == "label":
            if current is not None and current.values:
                current = None
            pending.append(cell)
            found = _find(squeeze("".join(c.text for c in pending)), specs, pointer)
            if found is not None:
                current = RowMatch(specs[found], cell)
                matches.append(current)
                pointer, pending = found + 1, []
            continue
        pending = []
        if cell.kind == "prose":
            current = None
        elif current is not None and cell.kind == "unit":
            current.unit = cell.text
        elif current is not None:
            current.values.append(cell)
    return matches


def metric_row(group: str, keywords: tuple[str, ...], measures: tuple[str, ...],
               domain: str = "disclosures") -> RowSpec:
    """A row whose columns are measures of one group: 规章 × (本年制发件数, 本年废止件数, 现行有效件数)."""
    return RowSpec(f"{domain}.{group}", keywords, len(measures),
                   metrics=tuple(f"{domain}.{group}.{m}" for m in measures))
