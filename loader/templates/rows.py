"""Row matching shared by the table templates: known row labels → the value cells after them.

Input: the cell stream of a table region (loader.cells) and the template's row specs in printed
order. Output: one RowMatch per row found. Rows are matched in order, so a label printed twice
(（二）被依法纠错数 under 行政复议 and 行政诉讼) lands on the right row; a label broken into fragments is
matched once its fragments, joined, contain a key word.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from loader.cells import Cell
from loader.normalise import memo_short, squeeze


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


@memo_short
def _label_key(text: str) -> str:
    """'3、其他' and '3.其他' are one label: numbering punctuation is unified before matching."""
    return re.sub(r"(\d)[、．,，]", r"\1.", squeeze(text))


class _Memo:
    """What _find and the out-of-order pass answered for one spec list: labels repeat in every report."""

    def __init__(self, specs: list[RowSpec]):
        self.specs, self.found, self.ending = specs, {}, {}

    def find(self, joined: str, start: int) -> int | None:
        key = (joined, start)
        if key not in self.found:
            if len(self.found) > 20_000:  # page furniture inside tables: keep the memo bounded
                self.found.clear()
            self.found[key] = _find(joined, self.specs, start)
        return self.found[key]

    def ending_with(self, label: str) -> tuple[int, ...]:
        """Indexes of the specs one of whose key words ends `label`."""
        if label not in self.ending:
            if len(self.ending) > 20_000:
                self.ending.clear()
            self.ending[label] = tuple(i for i, s in enumerate(self.specs)
                                       if any(label.endswith(k) for k in s.keywords))
        return self.ending[label]


_MEMOS: dict[int, _Memo] = {}


def _memo(specs: list[RowSpec]) -> _Memo:
    """The memo of a spec list; it holds the list, so the id it is filed under cannot be reused."""
    memo = _MEMOS.get(id(specs))
    if memo is None or memo.specs is not specs:
        if len(_MEMOS) > 32:
            _MEMOS.clear()
        memo = _MEMOS[id(specs)] = _Memo(specs)
    return memo


def match_rows(cells: list[Cell], specs: list[RowSpec]) -> list[RowMatch]:
    """Spec lists are expected to be constants (the templates' own), so their answers can be kept."""
    matches: list[RowMatch] = []
    memo = _memo(specs)
    answered = memo.found  # (memo.find's answers, looked up here first: labels repeat in every report)
    pointer, current, pending = 0, None, []
    for cell in cells:
        if cell.kind == "label":
            if current is not None and current.values:
                current = None
            pending.append(cell)
            joined = cell.text if len(pending) == 1 else "".join([c.text for c in pending])
            key = (_label_key(joined), pointer)
            found = answered[key] if key in answered else memo.find(*key)
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
    return matches + _out_of_order(cells, memo, matches)


def _out_of_order(cells: list[Cell], memo: _Memo, matches: list[RowMatch]) -> list[RowMatch]:
    """Rows the in-order pass missed because the page printed them elsewhere (a PDF converter that
    moved 表二's first sub-table after the others). Taken only when a single label cell names one
    missed row unambiguously and is followed by exactly that row's number of values."""
    found_codes = {m.spec.code for m in matches if m.values}
    missed = {i for i, s in enumerate(memo.specs) if s.code not in found_codes and s.code is not None}
    found: list[RowMatch] = []
    if not missed:  # (four reports in five: every row was found in order)
        return found
    for index, cell in enumerate(cells):
        if cell.kind != "label" or not missed:
            continue
        hits = [i for i in memo.ending_with(_label_key(cell.text)) if i in missed]
        if len(hits) != 1:
            continue
        spec, values = memo.specs[hits[0]], []
        for follower in cells[index + 1:index + 1 + spec.columns + 1]:
            if follower.kind not in ("num", "placeholder"):
                break
            values.append(follower)
        if len(values) == spec.columns:
            found.append(RowMatch(spec, cell, values))
            missed.discard(hits[0])
    return found


def metric_row(group: str, keywords: tuple[str, ...], measures: tuple[str, ...],
               domain: str = "disclosures") -> RowSpec:
    """A row whose columns are measures of one group: 规章 × (本年制发件数, 本年废止件数, 现行有效件数)."""
    return RowSpec(f"{domain}.{group}", keywords, len(measures),
                   metrics=tuple(f"{domain}.{group}.{m}" for m in measures))
