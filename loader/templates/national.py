"""Extraction shared by the two national formats: find the tables, match rows, store every cell.

Input: a Document and the format's 表二 row specs. Output: facts for every printed cell of 表二,
表三 and 表四 (placeholders stored as NULL with their qualifier), plus findings for rows whose cells
could not be placed. Cells glued into one digit run ('640020470') are split by the tables' own
identities (loader.digit_runs); a run no identity settles stays NULL with a finding.
"""
from __future__ import annotations

from functools import lru_cache

from loader import digit_runs
from loader.cells import Cell, cells_of
from loader.model import Document, Extraction, Fact, Finding
from loader.templates.rows import RowMatch, RowSpec, match_rows
from loader.templates.table3 import COLUMNS, TABLE4, table3_specs, table4_metrics

TABLE_START = ("第二十条第", "信息内容", "本列数据的勾稽关系", "复议后起诉")  # 表四 alone: one page of a PDF


def table_region(document: Document) -> list[tuple[int, str]]:
    """Lines from the first table label to the end; a line that starts in prose is cut at the label."""
    for index, line in enumerate(document.lines):
        positions = [line.find(marker) for marker in TABLE_START if marker in line]
        if positions:
            first = [(index + 1, line[min(positions):])]
            return first + [(n + 1, text) for n, text in enumerate(document.lines[index + 1:], index + 1)]
    return []


_SPECS: dict[int, tuple[list[RowSpec], list[RowSpec]]] = {}


def _all_specs(table2: list[RowSpec], version: int) -> list[RowSpec]:
    """表二, 表三 and 表四 as one constant list per format (match_rows keeps its answers per list)."""
    kept = _SPECS.get(version)
    if kept is None or kept[0] is not table2:
        kept = _SPECS[version] = (table2, table2 + table3_specs(version) + [TABLE4])
    return kept[1]


def extract_tables(document: Document, extraction: Extraction, table2: list[RowSpec], version: int) -> None:
    cells = cells_of(table_region(document))
    matches = match_rows(cells, _all_specs(table2, version))
    table3 = {m.spec.code: m for m in matches if m.spec.code.startswith("applications.")}
    for match in matches:
        if match.spec is TABLE4:
            _store_table4(match, extraction)
        elif match.spec.metrics:
            _store_row(match, match.spec.metrics, extraction, cut=_ends_the_text(match, cells))
    if "run" in [c.kind for m in table3.values() for c in m.values[:len(COLUMNS)]]:
        _store_table3_runs(table3, extraction)
    else:
        for code, match in table3.items():
            _store_row(match, grid_metrics(code), extraction, cut=_ends_the_text(match, cells))


@lru_cache(maxsize=256)
def grid_metrics(code: str) -> tuple[str, ...]:
    """表三's row code → its seven column codes (one list per row, built once: every report repeats them)."""
    return tuple(f"{code}.{c}" for c in COLUMNS)


def _fact(metric: str, cell: Cell, method: str = "table", value: float | None = None) -> Fact:
    unit = "万元" if metric.endswith("_wan_yuan") else None
    if cell.kind == "placeholder":
        return Fact(metric, None, unit, cell.line, method, cell.text, "placeholder")
    return Fact(metric, cell.value if value is None else value, unit, cell.line, method, cell.text,
                cell.qualifier)


VALUE_KINDS = ("num", "placeholder", "run", "blank")


def _ends_the_text(match: RowMatch, cells: list[Cell]) -> bool:
    """The text stops inside this row (a page copied only in part): its cells are its first columns."""
    return bool(match.values) and match.values[-1] is cells[-1]


def _store_row(match: RowMatch, metrics: tuple[str, ...], extraction: Extraction, cut: bool = False) -> None:
    values = [c for c in match.values if c.kind in VALUE_KINDS]
    while len(values) > len(metrics) and values[-1].kind == "blank":
        values.pop()  # an empty column past the table's last one
    while len(values) > len(metrics) and values[0].kind == "blank":
        values.pop(0)
    if len(values) == 1 and values[0].kind == "run" and len(metrics) > 1:
        _store_fixed_run(match, metrics, values[0], extraction)
        return
    if len(values) < len(metrics) and len(metrics) > 1 and cut:
        extraction.findings.append(Finding(
            "row_cut_off", "info", f"the text ends inside row '{match.label.text}' after {len(values)} of "
            f"{len(metrics)} cells; those are its first columns, the rest are unknown",
            match.spec.code, str(len(metrics)), str(len(values)), match.label.line))
    elif len(values) < len(metrics) and len(metrics) > 1:
        _store_short_row(match, metrics, values, extraction)
        return
    zero_blanks = (len(values) == len(metrics) and metrics[-1].endswith(".total")
                   and _blanks_settled_by_total(values))
    facts = extraction.facts  # Extraction.add, inlined: a national report has about 200 cells
    for metric, cell in zip(metrics, values):
        if metric in facts:
            continue  # the first value stored for a metric is kept
        kind = cell.kind
        if kind == "blank":
            if zero_blanks:
                facts[metric] = Fact(metric, 0.0, None, cell.line, "table", "", "blank_inferred_zero")
            continue  # otherwise a printed empty cell is unknown; its place is kept
        if kind == "run":  # a lone run standing for one cell: '2293' after 行政许可
            facts[metric] = Fact(metric, float(cell.text), None, cell.line, "table", cell.text)
        else:
            facts[metric] = _fact(metric, cell)


_NUM_OR_BLANK = frozenset(("num", "blank"))


def _blanks_settled_by_total(values: list[Cell]) -> bool:
    """Empty cells of a row that ends in its 总计 are 0 when that total already equals the printed parts."""
    if not values or values[-1].kind != "num":
        return False
    parts = values[:-1]
    kinds = {c.kind for c in parts}
    if "blank" not in kinds or not kinds <= _NUM_OR_BLANK:
        return False
    return sum(c.value for c in parts if c.kind == "num") == values[-1].value


def _store_fixed_run(match: RowMatch, metrics: tuple[str, ...], cell: Cell, extraction: Extraction) -> None:
    split, note = digit_runs.solve_fixed(cell.text, len(metrics))
    if split is None:
        extraction.findings.append(Finding(
            "ambiguous_digit_run", "warning",
            f"row '{match.label.text}': the digits '{cell.text}' cannot be split into {len(metrics)} cells "
            f"uniquely ({note}); the row is left empty", match.spec.code, None, cell.text, cell.line))
        return
    for metric, value in zip(metrics, split):
        extraction.add(Fact(metric, float(value), None, cell.line, "repair", cell.text))
    extraction.findings.append(Finding(
        "repair_digit_run", "info", f"row '{match.label.text}': digits '{cell.text}' split as {split}",
        match.spec.code, None, cell.text, cell.line))


def _store_short_row(match: RowMatch, metrics: tuple[str, ...], values: list[Cell], extraction: Extraction) -> None:
    """A row that lost empty cells: only its total is placed, and only when the parts add up to it."""
    numbers = [c.value for c in values if c.kind == "num"]
    is_grid = metrics[-1].endswith(".total") and len(metrics) == len(COLUMNS)
    if is_grid and len(numbers) == len(values) >= 2 and sum(numbers[:-1]) == numbers[-1]:
        extraction.add(_fact(metrics[-1], values[-1], "repair"))
        extraction.findings.append(Finding(
            "repair_dropped_cells", "info",
            f"row '{match.label.text}' prints {len(values)} of {len(metrics)} cells; the last, which the "
            f"others add up to, is taken as 总计 and the rest are unknown",
            metrics[-1], str(len(metrics)), str(len(values)), match.label.line))
        return
    if not values:
        message = f"row '{match.label.text}' has a label but no numbers (the table is cut off or its cells moved)"
    else:
        message = (f"row '{match.label.text}' prints {len(values)} of {len(metrics)} cells; which cells are "
                   "missing cannot be told, so the row is left empty")
    extraction.findings.append(Finding("row_cells_missing", "warning", message, match.spec.code,
                                       str(len(metrics)), str(len(values)), match.label.line))


def _store_table4(match: RowMatch, extraction: Extraction) -> None:
    metrics = table4_metrics()
    values = [c for c in match.values if c.kind in VALUE_KINDS]
    if any(c.kind == "run" for c in values):
        run = " ".join(c.text for c in values)
        split, note = digit_runs.solve_table4(run)
        if split is None:
            extraction.findings.append(Finding(
                "ambiguous_digit_run", "warning", f"表四 digits '{run}' have no unique split ({note})",
                "appeals", None, run, values[0].line))
            return
        for metric, value in zip(metrics, split):
            extraction.add(Fact(metric, float(value), None, values[0].line, "repair", run))
        extraction.findings.append(Finding(
            "repair_digit_run", "info", f"表四 digits '{run}' split as {split}: each 总计 equals its parts",
            "appeals", None, run, values[0].line))
        return
    if len(values) < len(metrics):
        extraction.findings.append(Finding(
            "row_cells_missing", "warning", f"表四 prints {len(values)} of 15 cells; left empty",
            "appeals", "15", str(len(values)), match.label.line))
        return
    for start in range(0, len(metrics), 5):  # three groups, each ending in its 总计
        group = values[start:start + 5]
        zero_blanks = _blanks_settled_by_total(group)
        for metric, cell in zip(metrics[start:start + 5], group):
            if cell.kind != "blank":
                extraction.add(_fact(metric, cell))
            elif zero_blanks:
                extraction.add(Fact(metric, 0.0, None, cell.line, "table", "", "blank_inferred_zero"))


def _store_table3_runs(runs: dict[str, RowMatch], extraction: Extraction) -> None:
    rows = {code.split(".", 1)[1]: " ".join(c.text for c in m.values[:len(COLUMNS)]) for code, m in runs.items()}
    solved, notes = digit_runs.solve_table3(rows, len(COLUMNS))
    for row, split in solved.items():
        match = runs[f"applications.{row}"]
        for column, value in zip(COLUMNS, split):
            extraction.add(Fact(f"applications.{row}.{column}", float(value), None, match.label.line,
                                "repair", rows[row]))
    if solved:
        extraction.findings.append(Finding(
            "repair_digit_run", "info",
            f"表三 printed its cells run together; {len(solved)} rows split uniquely by the table's identities "
            "(each 总计 = its parts; 一 + 二 = （七）总计 + 四; （七）总计 = the outcome rows): "
            + "; ".join(f"{row} '{rows[row]}' → {split}" for row, split in solved.items()),
            "applications", None, None, next(iter(runs.values())).label.line))
    for note in notes:
        extraction.findings.append(Finding("ambiguous_digit_run", "warning", f"表三: {note}", "applications"))
